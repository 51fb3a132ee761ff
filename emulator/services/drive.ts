import { createHash } from 'node:crypto';
import { EmulatorContext } from '../core/context';
import { AppsScriptException, notImplemented } from '../core/errors';
import { DriveFileRecord, DriveFolderRecord, DriveStore, ITERATOR_END, NO_SUCH_FILE, SPREADSHEET_MIME } from './drive-store';
import { AuthModeName } from '../core/execution';
import { ServiceObject, describeFacade } from '../core/facade';
import { userFacade } from '../spreadsheet/user';
import { BlobImpl, blobOf } from './blob';
import { MimeType, makeEnum } from './enums';
import { ACCESS_NAMES, PERMISSION_NAMES, Sharing, emailArgument, emailList } from '../spreadsheet/sharing';
import { enumName } from './enums';

/** DriveApp.Access and DriveApp.Permission (sharing.ts models what they do, for spreadsheets). */
export const DRIVE_ACCESS = makeEnum('Access', ACCESS_NAMES);
export const DRIVE_PERMISSION = makeEnum('Permission', PERMISSION_NAMES);

/**
 * DriveApp as an add-on with the `drive.file` scope sees it
 * (developers.google.com/apps-script/reference/drive/drive-app): files the script
 * creates in the root of the executing user's Drive ("My Drive"), found again by id
 * or by name, read back as a Blob, trashed. Every Drive call needs AuthMode FULL.
 *
 * What `drive.file` means here: a user reaches only the files the add-on created
 * for that user (they own them). Anything else — another user's file, an id that
 * never existed — is Google's "No item with the given ID could be found…".
 * Spreadsheets and forms are Drive files too, but the emulator keeps them elsewhere:
 * opening one through DriveApp throws `not implemented in emulator` rather than
 * pretending it does not exist.
 *
 * Folders: createFolder makes one in the user's root, reached again by id (drive.file:
 * folders the add-on created); File.moveTo puts a file in one (a file has one parent, as in
 * Drive since 2020). A spreadsheet the script made with SpreadsheetApp.create is a file the
 * add-on created, so getFileById reaches it (name, URL, MIME type, moveTo); any other
 * spreadsheet stays out of reach, as before.
 *
 * Unverified, chosen conservatively: getFilesByName includes files in the trash (check
 * isTrashed()); createFile(blob) names an unnamed blob "Untitled" and types an untyped
 * one application/octet-stream. Not modelled: the 10 MB limit of createFile(name, content),
 * nested folders, creating Google-type files through DriveApp (by MIME type), sharing a folder
 * or a file that is not a spreadsheet (their sharing methods throw `not implemented`).
 *
 * Sharing a spreadsheet (File.addViewer…, setSharing, getSharingAccess): spreadsheet/sharing.ts,
 * where its facts and guesses are listed. Under `drive.file` the add-on shares what it created.
 */
export { DriveStore, ITERATOR_END, NO_SUCH_FILE, SPREADSHEET_MIME };
export type { DriveFileListing, DriveFileRecord, DriveFolderRecord, DriveState } from './drive-store';

/** Apps Script's "The parameters (String,null) don't match the method signature for DriveApp.createFile." */
function signatureError(method: string, args: unknown[]): AppsScriptException {
  const kinds = args.map((a) => {
    if (a === null) return 'null';
    if (a === undefined) return 'undefined';
    if (typeof a === 'string') return 'String';
    if (typeof a === 'number') return 'number';
    if (typeof a === 'boolean') return 'Boolean';
    if (blobOf(a)) return 'Blob';
    if (Array.isArray(a)) return 'Object[]';
    return 'Object';
  });
  return new AppsScriptException(`The parameters (${kinds.join(',')}) don't match the method signature for ${method}.`);
}

function textArg(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

const GOOGLE_TYPE = /^application\/vnd\.google-apps\./i;

/** createFile(blob) | createFile(name, content) | createFile(name, content, mimeType), in the user's root. */
function createFileFrom(ctx: EmulatorContext, store: DriveStore, method: string, args: unknown[]): GoogleAppsScript.Drive.File {
  const owner = ctx.executions.current().user;
  let spec: { name: string; mimeType: string; data: Buffer };
  if (args.length === 1) {
    const blob = blobOf(args[0]);
    if (!blob) throw signatureError(method, args);
    const info = blob._info();
    spec = { name: info.name ?? 'Untitled', mimeType: info.contentType ?? 'application/octet-stream', data: blob._bytes() };
  } else if (args.length === 2 || args.length === 3) {
    const name = textArg(args[0]);
    const content = textArg(args[1]);
    const mimeType = args.length === 3 ? textArg(args[2]) : MimeType.PLAIN_TEXT;
    if (name === null || content === null || mimeType === null) throw signatureError(method, args);
    spec = { name, mimeType, data: Buffer.from(content, 'utf8') };
  } else {
    throw signatureError(method, args);
  }
  if (GOOGLE_TYPE.test(spec.mimeType)) notImplemented(`${method} with a Google file type (${spec.mimeType})`);
  const record = store.create({ ...spec, owner });
  return new DriveFileImpl(ctx, store, record)._api();
}

abstract class DriveObject extends ServiceObject {
  override _requiredAuth(): AuthModeName {
    return 'FULL';
  }
}

export class DriveAppImpl extends DriveObject implements Partial<GoogleAppsScript.Drive.DriveApp> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _store: DriveStore,
  ) {
    super('DriveApp', _ctx);
  }

  get Access(): typeof GoogleAppsScript.Drive.Access {
    return DRIVE_ACCESS as unknown as typeof GoogleAppsScript.Drive.Access;
  }

  get Permission(): typeof GoogleAppsScript.Drive.Permission {
    return DRIVE_PERMISSION as unknown as typeof GoogleAppsScript.Drive.Permission;
  }

  createFile(...args: unknown[]): GoogleAppsScript.Drive.File {
    return createFileFrom(this._ctx, this._store, 'DriveApp.createFile', args);
  }

  getFileById(id: string): GoogleAppsScript.Drive.File {
    if (id === undefined || id === null || String(id) === '') throw new AppsScriptException('Invalid argument: id');
    const record = this._store.accessible(String(id), this._ctx.executions.current().user);
    return new DriveFileImpl(this._ctx, this._store, record)._api();
  }

  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    const text = textArg(name);
    if (text === null) throw signatureError('DriveApp.getFilesByName', [name]);
    return new FileIteratorImpl(
      this._ctx,
      this._store,
      this._store.byName(text, this._ctx.executions.current().user).map((f) => f.id),
      this._ctx.executions.current().user,
    )._api();
  }

  getFiles(): GoogleAppsScript.Drive.FileIterator {
    return new FileIteratorImpl(
      this._ctx,
      this._store,
      this._store.ownedBy(this._ctx.executions.current().user).map((f) => f.id),
    )._api();
  }

  getRootFolder(): GoogleAppsScript.Drive.Folder {
    return new RootFolderImpl(this._ctx, this._store, this._ctx.executions.current().user)._api();
  }

  /** A new folder in the user's root. */
  createFolder(name: string): GoogleAppsScript.Drive.Folder {
    const text = textArg(name);
    if (text === null) throw signatureError('DriveApp.createFolder', [name]);
    return new FolderImpl(this._ctx, this._store, this._store.createFolder(text, this._ctx.executions.current().user))._api();
  }

  getFolderById(id: string): GoogleAppsScript.Drive.Folder {
    if (id === undefined || id === null || String(id) === '') throw new AppsScriptException('Invalid argument: id');
    return new FolderImpl(this._ctx, this._store, this._store.accessibleFolder(String(id), this._ctx.executions.current().user))._api();
  }
}

/** A folder the add-on created: its files are those moved into it. */
export class FolderImpl extends DriveObject implements Partial<GoogleAppsScript.Drive.Folder> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _store: DriveStore,
    readonly _record: DriveFolderRecord,
  ) {
    super('Folder', _ctx);
  }

  getId(): string {
    return this._record.id;
  }
  getName(): string {
    return this._record.name;
  }
  getUrl(): string {
    return `https://drive.google.com/drive/folders/${this._record.id}`;
  }
  isTrashed(): boolean {
    return this._record.trashed;
  }

  setTrashed(trashed: boolean): GoogleAppsScript.Drive.Folder {
    if (typeof trashed !== 'boolean') throw signatureError('DriveApp.Folder.setTrashed', [trashed]);
    this._record.trashed = trashed;
    return this._api();
  }

  /** Plain files moved here (spreadsheets too once reached through getFileById). */
  getFiles(): GoogleAppsScript.Drive.FileIterator {
    const user = this._ctx.executions.current().user;
    const ids = this._store.inFolder(this._record.id).filter((id) => {
      try {
        this._store.accessible(id, user);
        return true;
      } catch {
        return false;
      }
    });
    return new FileIteratorImpl(this._ctx, this._store, ids, user)._api();
  }
}

/** "My Drive" of one user: every file the emulated Drive holds for them lives here. */
export class RootFolderImpl extends DriveObject implements Partial<GoogleAppsScript.Drive.Folder> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _store: DriveStore,
    private readonly _user: string,
  ) {
    super('Folder', _ctx);
  }

  getId(): string {
    return `0AEmuRoot${createHash('sha256').update(this._user).digest('hex').slice(0, 16)}`;
  }

  getName(): string {
    return 'My Drive';
  }

  createFile(...args: unknown[]): GoogleAppsScript.Drive.File {
    return createFileFrom(this._ctx, this._store, 'DriveApp.Folder.createFile', args);
  }

  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    const text = textArg(name);
    if (text === null) throw signatureError('DriveApp.Folder.getFilesByName', [name]);
    return new FileIteratorImpl(
      this._ctx,
      this._store,
      this._store.byName(text, this._user).map((f) => f.id),
    )._api();
  }

  getFiles(): GoogleAppsScript.Drive.FileIterator {
    return new FileIteratorImpl(
      this._ctx,
      this._store,
      this._store.ownedBy(this._user).map((f) => f.id),
    )._api();
  }
}

/** The files matched when the iterator was made, handed out one by one. */
export class FileIteratorImpl extends DriveObject implements Partial<GoogleAppsScript.Drive.FileIterator> {
  private _position = 0;

  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _store: DriveStore,
    private readonly _ids: string[],
    private readonly _user = '',
  ) {
    super('FileIterator', _ctx);
  }

  hasNext(): boolean {
    return this._position < this._ids.length;
  }

  next(): GoogleAppsScript.Drive.File {
    if (this._position >= this._ids.length) throw new AppsScriptException(ITERATOR_END);
    const id = this._ids[this._position++];
    const record = this._store.get(id) ?? (this._user ? this._store.accessible(id, this._user) : undefined);
    if (!record) throw new AppsScriptException(NO_SUCH_FILE);
    return new DriveFileImpl(this._ctx, this._store, record)._api();
  }
}

export class DriveFileImpl extends DriveObject implements Partial<GoogleAppsScript.Drive.File> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _store: DriveStore,
    private readonly _record: DriveFileRecord,
  ) {
    super('File', _ctx);
  }

  getId(): string {
    return this._record.id;
  }

  getName(): string {
    return this._record.name;
  }

  setName(name: string): GoogleAppsScript.Drive.File {
    const text = textArg(name);
    if (text === null) throw signatureError('DriveApp.File.setName', [name]);
    this._record.name = text;
    this._store.touch(this._record);
    return this._api();
  }

  getMimeType(): string {
    return this._record.mimeType;
  }

  getSize(): number {
    return this._record.data.length;
  }

  getUrl(): string {
    if (this._record.mimeType === SPREADSHEET_MIME) return `https://docs.google.com/spreadsheets/d/${this._record.id}/edit?usp=drivesdk`;
    return `https://drive.google.com/file/d/${this._record.id}/view?usp=drivesdk`;
  }

  /** Moves the file into a folder (its only parent from then on). */
  moveTo(destination: GoogleAppsScript.Drive.Folder): GoogleAppsScript.Drive.File {
    const folder = unwrapFolder(destination);
    if (!folder) throw signatureError('DriveApp.File.moveTo', [destination]);
    this._store.move(this._record.id, folder.getId());
    this._store.touch(this._record);
    return this._api();
  }

  getDateCreated(): GoogleAppsScript.Base.Date {
    return new Date(this._record.createdAt) as unknown as GoogleAppsScript.Base.Date;
  }

  getLastUpdated(): GoogleAppsScript.Base.Date {
    return new Date(this._record.updatedAt) as unknown as GoogleAppsScript.Base.Date;
  }

  getOwner(): GoogleAppsScript.Drive.User {
    return userFacade(this._ctx, this._record.owner) as unknown as GoogleAppsScript.Drive.User;
  }

  /** The sharing of a spreadsheet the add-on created (spreadsheet/sharing.ts); other files' is not modelled. */
  private _sharing(method: string): Sharing {
    const shareable = this._record.mimeType === SPREADSHEET_MIME ? this._ctx.spreadsheets.shareable(this._record.id) : null;
    if (!shareable) return notImplemented(`DriveApp.File.${method} for a file that is not a spreadsheet`);
    return new Sharing(shareable, this._ctx.spreadsheets.sharingLog(), this._ctx.executions.current().user, () => this._ctx.clock.now().toISOString());
  }

  addViewer(emailAddress: string | GoogleAppsScript.Base.User): GoogleAppsScript.Drive.File {
    this._sharing('addViewer').add('viewer', [emailArgument(emailAddress, 'DriveApp.File.addViewer')]);
    return this._api();
  }

  addViewers(emailAddresses: string[]): GoogleAppsScript.Drive.File {
    this._sharing('addViewers').add('viewer', emailList(emailAddresses, 'DriveApp.File.addViewers'));
    return this._api();
  }

  removeViewer(emailAddress: string | GoogleAppsScript.Base.User): GoogleAppsScript.Drive.File {
    this._sharing('removeViewer').remove('viewer', emailArgument(emailAddress, 'DriveApp.File.removeViewer'));
    return this._api();
  }

  getViewers(): GoogleAppsScript.Drive.User[] {
    return this._sharing('getViewers')
      .list('viewer')
      .map((e) => userFacade(this._ctx, e) as unknown as GoogleAppsScript.Drive.User);
  }

  addEditor(emailAddress: string | GoogleAppsScript.Base.User): GoogleAppsScript.Drive.File {
    this._sharing('addEditor').add('editor', [emailArgument(emailAddress, 'DriveApp.File.addEditor')]);
    return this._api();
  }

  addEditors(emailAddresses: string[]): GoogleAppsScript.Drive.File {
    this._sharing('addEditors').add('editor', emailList(emailAddresses, 'DriveApp.File.addEditors'));
    return this._api();
  }

  removeEditor(emailAddress: string | GoogleAppsScript.Base.User): GoogleAppsScript.Drive.File {
    this._sharing('removeEditor').remove('editor', emailArgument(emailAddress, 'DriveApp.File.removeEditor'));
    return this._api();
  }

  getEditors(): GoogleAppsScript.Drive.User[] {
    return this._sharing('getEditors')
      .list('editor')
      .map((e) => userFacade(this._ctx, e) as unknown as GoogleAppsScript.Drive.User);
  }

  setSharing(accessType: GoogleAppsScript.Drive.Access, permissionType: GoogleAppsScript.Drive.Permission): GoogleAppsScript.Drive.File {
    this._sharing('setSharing').setLink(enumName(accessType, DRIVE_ACCESS, 'accessType'), enumName(permissionType, DRIVE_PERMISSION, 'permissionType'));
    return this._api();
  }

  getSharingAccess(): GoogleAppsScript.Drive.Access {
    return DRIVE_ACCESS[this._sharing('getSharingAccess').access() as keyof typeof DRIVE_ACCESS] as unknown as GoogleAppsScript.Drive.Access;
  }

  getSharingPermission(): GoogleAppsScript.Drive.Permission {
    return DRIVE_PERMISSION[this._sharing('getSharingPermission').permission() as keyof typeof DRIVE_PERMISSION] as unknown as GoogleAppsScript.Drive.Permission;
  }

  /** A copy of the content: changing the blob does not change the file. */
  getBlob(): GoogleAppsScript.Base.Blob {
    return new BlobImpl(this._ctx, Buffer.from(this._record.data), this._record.mimeType, this._record.name)._api();
  }

  isTrashed(): boolean {
    return this._record.trashed;
  }

  setTrashed(trashed: boolean): GoogleAppsScript.Drive.File {
    if (typeof trashed !== 'boolean') throw signatureError('DriveApp.File.setTrashed', [trashed]);
    this._record.trashed = trashed;
    this._store.touch(this._record);
    return this._api();
  }
}

/** The emulated folder behind a Folder facade (a user's root or one the add-on made), or null. */
function unwrapFolder(value: unknown): { getId(): string } | null {
  const target = describeFacade(value)?.target ?? value;
  return target instanceof FolderImpl || target instanceof RootFolderImpl ? target : null;
}

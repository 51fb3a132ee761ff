import { createHash } from 'node:crypto';
import { EmulatorContext } from '../core/context';
import { AppsScriptException, notImplemented } from '../core/errors';
import { AuthModeName } from '../core/execution';
import { ServiceObject } from '../core/facade';
import { userFacade } from '../spreadsheet/user';
import { BlobImpl, blobOf } from './blob';
import { MimeType } from './enums';

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
 * Unverified, chosen conservatively: getFilesByName includes files in the trash (check
 * isTrashed()); createFile(blob) names an unnamed blob "Untitled" and types an untyped
 * one application/octet-stream. Not modelled: the 10 MB limit of createFile(name, content),
 * folders other than the root, sharing, Google-type files (Docs, Sheets… by MIME type).
 */
export const NO_SUCH_FILE = 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';
export const ITERATOR_END = 'Cannot retrieve the next object: iterator has reached the end.';

export interface DriveFileRecord {
  id: string;
  name: string;
  mimeType: string;
  data: Buffer;
  owner: string;
  /** ISO timestamps (virtual clock). */
  createdAt: string;
  updatedAt: string;
  trashed: boolean;
}

/** What tests and the workspace list: a file as the user's Drive holds it (content decoded as UTF-8). */
export interface DriveFileListing {
  id: string;
  name: string;
  mimeType: string;
  content: string;
  owner: string;
  createdAt: string;
  trashed: boolean;
}

interface SavedFile extends Omit<DriveFileRecord, 'data'> {
  base64: string;
}

export interface DriveState {
  nextFile: number;
  files: SavedFile[];
}

/** Uncounted machinery: every file in the emulated Drive, in creation order. */
export class DriveStore {
  private files = new Map<string, DriveFileRecord>();
  private nextFile = 1;

  constructor(private readonly ctx: EmulatorContext, private readonly isForm: (id: string) => boolean = () => false) {}

  create(spec: { name: string; mimeType: string; data: Buffer; owner: string }): DriveFileRecord {
    const at = this.ctx.clock.now().toISOString();
    const id = `1EmuFile${String(this.nextFile++).padStart(8, '0')}`;
    const record: DriveFileRecord = { id, name: spec.name, mimeType: spec.mimeType, data: Buffer.from(spec.data), owner: spec.owner, createdAt: at, updatedAt: at, trashed: false };
    this.files.set(id, record);
    return record;
  }

  /** A file by id, whoever owns it (uncounted: for tests and the workspace). */
  get(id: string): DriveFileRecord | undefined {
    return this.files.get(id);
  }

  /** Every file (trashed ones too), oldest first, content decoded as UTF-8. */
  list(): DriveFileListing[] {
    return [...this.files.values()].map((f) => ({
      id: f.id, name: f.name, mimeType: f.mimeType, content: f.data.toString('utf8'), owner: f.owner, createdAt: f.createdAt, trashed: f.trashed,
    }));
  }

  /** The file `user` may reach by id under drive.file; throws Google's message otherwise. */
  accessible(id: string, user: string): DriveFileRecord {
    const file = this.files.get(id);
    if (file && file.owner === user) return file;
    if (!file && (this.ctx.spreadsheets.exists(id) || this.isForm(id))) {
      return notImplemented(`DriveApp.getFileById for a spreadsheet or form (${id})`);
    }
    throw new AppsScriptException(NO_SUCH_FILE);
  }

  /** Files `user` reaches, by exact name (trashed ones included), oldest first. */
  byName(name: string, user: string): DriveFileRecord[] {
    return [...this.files.values()].filter((f) => f.owner === user && f.name === name);
  }

  ownedBy(user: string): DriveFileRecord[] {
    return [...this.files.values()].filter((f) => f.owner === user);
  }

  touch(file: DriveFileRecord): void {
    file.updatedAt = this.ctx.clock.now().toISOString();
  }

  clear(): void {
    this.files.clear();
    this.nextFile = 1;
  }

  save(): DriveState {
    return {
      nextFile: this.nextFile,
      files: [...this.files.values()].map(({ data, ...rest }) => ({ ...rest, base64: data.toString('base64') })),
    };
  }

  load(state: unknown): void {
    const s = (state ?? {}) as Partial<DriveState>;
    this.files = new Map();
    for (const f of Array.isArray(s.files) ? s.files : []) {
      this.files.set(String(f.id), {
        id: String(f.id),
        name: String(f.name),
        mimeType: String(f.mimeType),
        data: Buffer.from(String(f.base64 ?? ''), 'base64'),
        owner: String(f.owner),
        createdAt: String(f.createdAt),
        updatedAt: String(f.updatedAt ?? f.createdAt),
        trashed: Boolean(f.trashed),
      });
    }
    this.nextFile = Number.isInteger(s.nextFile) ? (s.nextFile as number) : this.files.size + 1;
  }
}

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
  constructor(private readonly _ctx: EmulatorContext, private readonly _store: DriveStore) {
    super('DriveApp', _ctx);
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
    return new FileIteratorImpl(this._ctx, this._store, this._store.byName(text, this._ctx.executions.current().user).map((f) => f.id))._api();
  }

  getFiles(): GoogleAppsScript.Drive.FileIterator {
    return new FileIteratorImpl(this._ctx, this._store, this._store.ownedBy(this._ctx.executions.current().user).map((f) => f.id))._api();
  }

  getRootFolder(): GoogleAppsScript.Drive.Folder {
    return new RootFolderImpl(this._ctx, this._store, this._ctx.executions.current().user)._api();
  }
}

/** "My Drive" of one user: every file the emulated Drive holds for them lives here. */
export class RootFolderImpl extends DriveObject implements Partial<GoogleAppsScript.Drive.Folder> {
  constructor(private readonly _ctx: EmulatorContext, private readonly _store: DriveStore, private readonly _user: string) {
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
    return new FileIteratorImpl(this._ctx, this._store, this._store.byName(text, this._user).map((f) => f.id))._api();
  }

  getFiles(): GoogleAppsScript.Drive.FileIterator {
    return new FileIteratorImpl(this._ctx, this._store, this._store.ownedBy(this._user).map((f) => f.id))._api();
  }
}

/** The files matched when the iterator was made, handed out one by one. */
export class FileIteratorImpl extends DriveObject implements Partial<GoogleAppsScript.Drive.FileIterator> {
  private _position = 0;

  constructor(private readonly _ctx: EmulatorContext, private readonly _store: DriveStore, private readonly _ids: string[]) {
    super('FileIterator', _ctx);
  }

  hasNext(): boolean {
    return this._position < this._ids.length;
  }

  next(): GoogleAppsScript.Drive.File {
    if (this._position >= this._ids.length) throw new AppsScriptException(ITERATOR_END);
    const record = this._store.get(this._ids[this._position++]);
    if (!record) throw new AppsScriptException(NO_SUCH_FILE);
    return new DriveFileImpl(this._ctx, this._store, record)._api();
  }
}

export class DriveFileImpl extends DriveObject implements Partial<GoogleAppsScript.Drive.File> {
  constructor(private readonly _ctx: EmulatorContext, private readonly _store: DriveStore, private readonly _record: DriveFileRecord) {
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
    return `https://drive.google.com/file/d/${this._record.id}/view?usp=drivesdk`;
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

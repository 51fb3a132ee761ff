import { EmulatorContext } from '../core/context';
import { AppsScriptException, notImplemented } from '../core/errors';

/**
 * The emulated Drive's contents (uncounted machinery; drive.ts is DriveApp's facade over it):
 * files, folders the add-on made, which folder each file was moved to, and Drive's view of the
 * spreadsheets scripts created. What `drive.file` lets a user reach is decided here.
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

export interface DriveFolderRecord {
  id: string;
  name: string;
  owner: string;
  createdAt: string;
  trashed: boolean;
}

export interface DriveState {
  nextFile: number;
  files: SavedFile[];
  folders?: DriveFolderRecord[];
  /** File (or spreadsheet) id → the folder it was moved to; absent: the owner's root. */
  parents?: Record<string, string>;
}

export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';

/** Uncounted machinery: every file in the emulated Drive, in creation order. */
export class DriveStore {
  private files = new Map<string, DriveFileRecord>();
  private folders = new Map<string, DriveFolderRecord>();
  private parents = new Map<string, string>();
  /** Drive's view of spreadsheets scripts created (made on first reach; their content lives in the spreadsheet store). */
  private spreadsheetFiles = new Map<string, DriveFileRecord>();
  private nextFile = 1;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly isForm: (id: string) => boolean = () => false,
  ) {}

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
      id: f.id,
      name: f.name,
      mimeType: f.mimeType,
      content: f.data.toString('utf8'),
      owner: f.owner,
      createdAt: f.createdAt,
      trashed: f.trashed,
    }));
  }

  /** The file `user` may reach by id under drive.file; throws Google's message otherwise. */
  accessible(id: string, user: string): DriveFileRecord {
    const file = this.files.get(id);
    if (file && file.owner === user) return file;
    const sheet = file ? null : this.ctx.spreadsheets.driveInfo(id);
    if (sheet && sheet.createdByScript) {
      if (sheet.owner !== user) throw new AppsScriptException(NO_SUCH_FILE);
      let record = this.spreadsheetFiles.get(id);
      if (!record) {
        const at = sheet.createdAt || this.ctx.clock.now().toISOString();
        record = { id, name: sheet.name, mimeType: SPREADSHEET_MIME, data: Buffer.alloc(0), owner: sheet.owner, createdAt: at, updatedAt: at, trashed: false };
        this.spreadsheetFiles.set(id, record);
      }
      record.name = sheet.name;
      return record;
    }
    if (!file && (sheet || this.isForm(id))) {
      return notImplemented(`DriveApp.getFileById for a spreadsheet or form the script did not create (${id})`);
    }
    throw new AppsScriptException(NO_SUCH_FILE);
  }

  createFolder(name: string, owner: string): DriveFolderRecord {
    const id = `1EmuFolder${String(this.nextFile++).padStart(8, '0')}`;
    const folder: DriveFolderRecord = { id, name, owner, createdAt: this.ctx.clock.now().toISOString(), trashed: false };
    this.folders.set(id, folder);
    return folder;
  }

  /** The folder `user` may reach by id (one the add-on created for them); Google's message otherwise. */
  accessibleFolder(id: string, user: string): DriveFolderRecord {
    const folder = this.folders.get(id);
    if (folder && folder.owner === user) return folder;
    throw new AppsScriptException(NO_SUCH_FILE);
  }

  /** The folder a file or spreadsheet is in ('' for the owner's root). */
  parentOf(id: string): string {
    return this.parents.get(id) ?? '';
  }

  move(id: string, folderId: string): void {
    this.parents.set(id, folderId);
  }

  /** Ids of what is in a folder, oldest first. */
  inFolder(folderId: string): string[] {
    return [...this.parents].filter(([, f]) => f === folderId).map(([id]) => id);
  }

  /** Every folder (for tests and the workspace). */
  listFolders(): DriveFolderRecord[] {
    return [...this.folders.values()].map((f) => ({ ...f }));
  }

  /** Files `user` reaches, by exact name (trashed ones included), oldest first. */
  byName(name: string, user: string): DriveFileRecord[] {
    const files = [...this.files.values()].filter((f) => f.owner === user && f.name === name);
    // Spreadsheets the add-on created for this user are Drive files too (drive.file reaches them).
    const sheets = this.ctx.spreadsheets.spreadsheetIds().flatMap((id) => {
      const info = this.ctx.spreadsheets.driveInfo(id);
      return info && info.createdByScript && info.owner === user && info.name === name ? [this.accessible(id, user)] : [];
    });
    return [...files, ...sheets].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  ownedBy(user: string): DriveFileRecord[] {
    return [...this.files.values()].filter((f) => f.owner === user);
  }

  touch(file: DriveFileRecord): void {
    file.updatedAt = this.ctx.clock.now().toISOString();
  }

  clear(): void {
    this.files.clear();
    this.folders.clear();
    this.parents.clear();
    this.spreadsheetFiles.clear();
    this.nextFile = 1;
  }

  save(): DriveState {
    return {
      nextFile: this.nextFile,
      files: [...this.files.values()].map(({ data, ...rest }) => ({ ...rest, base64: data.toString('base64') })),
      folders: [...this.folders.values()].map((f) => ({ ...f })),
      parents: Object.fromEntries(this.parents),
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
    this.folders = new Map();
    for (const f of Array.isArray(s.folders) ? s.folders : []) {
      this.folders.set(String(f.id), { id: String(f.id), name: String(f.name), owner: String(f.owner), createdAt: String(f.createdAt), trashed: Boolean(f.trashed) });
    }
    this.parents = new Map(Object.entries(s.parents && typeof s.parents === 'object' ? s.parents : {}).map(([k, v]) => [k, String(v)]));
    this.spreadsheetFiles = new Map();
    this.nextFile = Number.isInteger(s.nextFile) ? (s.nextFile as number) : this.files.size + this.folders.size + 1;
  }
}

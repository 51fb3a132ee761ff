import type { Emulator } from '../index';
import type { DriveFileRecord } from '../services';
import type { DriveFileSummary, SpreadsheetReadView } from './api-types';
import { SPREADSHEET_MIME } from '../services/drive';
import { RequestError } from './http-util';

/**
 * The emulated Drive as the Files list shows it (what the add-on saved with DriveApp,
 * e.g. the payouts CSV), and the download of one file: its bytes with its MIME type,
 * as an attachment under its own name.
 */
export function fileSummaries(emulator: Emulator): DriveFileSummary[] {
  // Spreadsheets the add-on created (partner sheets, archives): opened, not downloaded.
  const sheets = [...emulator.store.byId.values()]
    .filter((m) => m.createdByScript)
    .map((m): DriveFileSummary => ({
      id: m.id,
      name: m.name,
      mimeType: SPREADSHEET_MIME,
      size: 0,
      createdAt: m.createdAt,
      owner: m.owner,
      trashed: false,
      downloadUrl: '',
      openUrl: `/api/spreadsheets/${encodeURIComponent(m.id)}`,
    }));
  return [...sheets, ...plainFiles(emulator)].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Refused as Google refuses someone the file is not shared with. */
export const NOT_SHARED = 'You do not have permission to access the requested document.';

/**
 * A spreadsheet as `person` opens it (SpreadsheetApp.openById in an execution as them, so its
 * sharing decides: the owner, an editor, a viewer, or link sharing); 403 with Google's refusal for
 * anyone else, 404 for no such spreadsheet.
 */
export function spreadsheetReadView(emulator: Emulator, id: string, person: string): SpreadsheetReadView {
  const model = emulator.store.byId.get(id);
  if (!model) throw new RequestError(404, `There is no spreadsheet with ID ${id}.`);
  if (!person || !model.canOpen(person)) throw new RequestError(403, NOT_SHARED);
  const sheets = emulator.executions.run({ user: person, origin: 'workspace:open-file' }, () => {
    const ss = emulator.spreadsheetApp.openById(id);
    return ss.getSheets().map((sheet) => {
      const lastRow = sheet.getLastRow();
      const lastColumn = sheet.getLastColumn();
      const rows = lastRow && lastColumn ? sheet.getRange(1, 1, lastRow, lastColumn).getDisplayValues() : [];
      return { name: sheet.getName(), rows };
    });
  });
  return { id, name: model.name, person, canEdit: model.canWrite(person), sheets };
}

function plainFiles(emulator: Emulator): DriveFileSummary[] {
  const drive = emulator.services.drive;
  return drive.list().map((listed) => {
    const file = drive.get(listed.id) as DriveFileRecord;
    return {
      id: file.id,
      name: file.name,
      mimeType: file.mimeType,
      size: file.data.length,
      createdAt: file.createdAt,
      owner: file.owner,
      trashed: file.trashed,
      downloadUrl: `/api/files/${encodeURIComponent(file.id)}`,
    };
  });
}

export function requireFile(emulator: Emulator, id: string): DriveFileRecord {
  const file = emulator.services.drive.get(id);
  if (!file) throw new RequestError(404, `There is no Drive file with ID ${id}.`);
  return file;
}

const TOKEN = '[A-Za-z0-9!#$&^_.+-]+';
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:[ \t]*;[ \t]*${TOKEN}=(?:${TOKEN}|"[^"\\\\\r\n]*"))*$`);

/** The file's MIME type when it is a well-formed media type (a script may set anything); else application/octet-stream. */
export function downloadContentType(mimeType: string): string {
  return MEDIA_TYPE.test(mimeType) && mimeType.length <= 200 ? mimeType : 'application/octet-stream';
}

/**
 * `attachment` with the file's name: an ASCII fallback (quotes, backslashes, path
 * separators, control and non-ASCII characters replaced) and the exact name as
 * RFC 5987 `filename*` (UTF-8, percent-encoded), which browsers prefer.
 */
export function contentDisposition(name: string): string {
  const trimmed = name.trim();
  const fallback = trimmed.replace(/[^\x20-\x7e]|["\\/%;]/g, '_').slice(0, 180) || 'download';
  const exact = encodeURIComponent(trimmed || 'download').replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

import { KeyStore } from '../tracker/state';

/**
 * The Drive folder the Audit Log archives are filed in, "<tracker name> — Audit Log archives",
 * in the owner's Drive. The `drive.file` scope reaches what the add-on created: the folder and the
 * archive spreadsheets (SpreadsheetApp.create). Its id is kept in the tracker's own record; a
 * folder that was deleted or trashed is made again.
 */
export const ARCHIVE_FOLDER_KEY = 'partnershipTracker.auditArchiveFolder';
/** The leads archives (lead-archive.ts) have a folder of their own, "<tracker name> — Leads archives". */
const FOLDERS = {
  audit: { key: ARCHIVE_FOLDER_KEY, name: 'Audit Log archives' },
  leads: { key: 'partnershipTracker.leadArchiveFolder', name: 'Leads archives' },
} as const;
export type ArchiveKind = keyof typeof FOLDERS;

function archiveFolder(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, kind: ArchiveKind): GoogleAppsScript.Drive.Folder {
  const store = new KeyStore(ss);
  const { key, name } = FOLDERS[kind];
  const id = store.read(key) ?? '';
  if (id) {
    try {
      const folder = DriveApp.getFolderById(id);
      if (!folder.isTrashed()) return folder;
    } catch {
      // gone: make another
    }
  }
  const folder = DriveApp.createFolder(`${ss.getName()} — ${name}`);
  store.write(key, folder.getId());
  return folder;
}

/** Files an archive in the folder (again, harmlessly, on a retry). Returns why it could not, or ''. */
export function fileArchive(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, archiveId: string, kind: ArchiveKind = 'audit'): string {
  try {
    DriveApp.getFileById(archiveId).moveTo(archiveFolder(ss, kind));
    return '';
  } catch (e) {
    return `The archive stays in the root of the owner's Drive: it could not be moved into its folder (${e instanceof Error ? e.message : String(e)}).`;
  }
}

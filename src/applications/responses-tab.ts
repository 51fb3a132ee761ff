import { isApplicationHeader } from '../domain/applications';

/** A tab Google Forms writes the application form's responses to (Google says which: a typed header does not make one). */
export function isApplicationResponsesTab(sheet: GoogleAppsScript.Spreadsheet.Sheet): boolean {
  if (!sheet.getFormUrl()) return false;
  const width = sheet.getLastColumn();
  if (width < 2) return false;
  return isApplicationHeader(sheet.getRange(1, 1, 1, width).getDisplayValues()[0]);
}

import { cellText, neutraliseForCell } from '../domain/cell-text';
import { CellValue, readText } from '../tracker/cells';
import { tab } from '../tracker/schema';

/**
 * A leads archive spreadsheet ("<tracker> — Leads 2025"): one tab, "Leads", with the Leads tab's
 * columns in the schema's order (whatever order the live tab has them in), each archived row as
 * it was, its seal (Check) included. Text columns are plain text, so a company named "2024" or
 * "1e5" reads back as it was written; dates and amounts stay dates and numbers.
 */
export const LEAD_ARCHIVE_TAB = 'Leads';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type ArchivedLead = Record<string, CellValue>;

const TEXT_TYPES = new Set(['id', 'text', 'longtext', 'email', 'url', 'enum', 'list']);
// Read when called, not at load (schema.ts builds its tabs at load).
const columns = () => tab('leads').columns;
export const leadArchiveKeys = (): string[] => columns().map((c) => c.key);

export function createLeadArchive(name: string): Spreadsheet {
  const file = SpreadsheetApp.create(name);
  const sheet = file.getSheets()[0];
  sheet.setName(LEAD_ARCHIVE_TAB);
  const cols = columns();
  if (sheet.getMaxColumns() < cols.length) sheet.insertColumnsAfter(sheet.getMaxColumns(), cols.length - sheet.getMaxColumns());
  // Plain text for each run of adjacent text columns: a call per run, not per column.
  let i = 0;
  while (i < cols.length) {
    if (!TEXT_TYPES.has(cols[i].type)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < cols.length && TEXT_TYPES.has(cols[j + 1].type)) j++;
    sheet.getRange(1, i + 1, sheet.getMaxRows(), j - i + 1).setNumberFormat('@');
    i = j + 1;
  }
  sheet.getRange(1, 1, 1, cols.length).setValues([cols.map((c) => c.header)]);
  sheet.setFrozenRows(1);
  return file;
}

function archiveSheet(file: Spreadsheet): Sheet {
  const sheet = file.getSheetByName(LEAD_ARCHIVE_TAB);
  if (!sheet) throw new Error(`The leads archive "${file.getName()}" has no ${LEAD_ARCHIVE_TAB} tab.`);
  return sheet;
}

/** What a value is stored as: text cleaned as a cell holds it, a date by its instant. */
function stored(value: CellValue | undefined): string | number | boolean {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return `date:${value.getTime()}`;
  if (typeof value === 'string') return cellText(value);
  return value;
}

function toCell(value: CellValue | undefined): CellValue {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? neutraliseForCell(value) : value;
}

/**
 * Writes `leads` right below the file's first `offset` rows and clears anything below them (a
 * retry after a copy that died half way writes the same cells again), then reads them back:
 * throws unless every cell reads back as written.
 */
export function writeArchivedLeads(file: Spreadsheet, offset: number, leads: readonly ArchivedLead[]): void {
  const sheet = archiveSheet(file);
  const keys = leadArchiveKeys();
  const lastNeeded = offset + leads.length + 1;
  const maxRows = sheet.getMaxRows();
  if (maxRows < lastNeeded) sheet.insertRowsAfter(maxRows, lastNeeded - maxRows);
  if (leads.length) sheet.getRange(offset + 2, 1, leads.length, keys.length).setValues(leads.map((lead) => keys.map((k) => toCell(lead[k]))));
  const lastRow = sheet.getLastRow();
  if (lastRow > lastNeeded) sheet.getRange(lastNeeded + 1, 1, lastRow - lastNeeded, sheet.getMaxColumns()).clearContent();
  const back = readArchivedLeads(file, offset, leads.length);
  const same = back.length === leads.length && leads.every((lead, i) => keys.every((k) => stored(lead[k]) === stored(back[i][k])));
  if (!same) throw new Error(`The copy in "${file.getName()}" does not read back as the leads written; they stay on the Leads tab.`);
}

/** Up to `count` archived leads from the file's row `offset + 2` on (all of them when count is omitted): one read. */
export function readArchivedLeads(file: Spreadsheet, offset = 0, count?: number): ArchivedLead[] {
  const sheet = archiveSheet(file);
  const keys = leadArchiveKeys();
  const held = Math.max(0, sheet.getLastRow() - 1 - offset);
  const n = Math.min(count ?? held, held);
  if (n <= 0) return [];
  return sheet
    .getRange(offset + 2, 1, n, keys.length)
    .getValues()
    .map((row) => Object.fromEntries(keys.map((k, i) => [k, row[i] as CellValue])));
}

/** The archived lead with this ID in the file, or null: one search, one row read. */
export function findArchivedLead(file: Spreadsheet, leadId: string): ArchivedLead | null {
  const sheet = archiveSheet(file);
  const last = sheet.getLastRow();
  if (last < 2 || !leadId) return null;
  const found = sheet
    .getRange(2, 1, last - 1, 1)
    .createTextFinder(leadId)
    .matchCase(true)
    .matchEntireCell(true)
    .findNext();
  if (!found) return null;
  const keys = leadArchiveKeys();
  const row = sheet.getRange(found.getRow(), 1, 1, keys.length).getValues()[0];
  const lead = Object.fromEntries(keys.map((k, i) => [k, row[i] as CellValue]));
  return readText(lead.id) === leadId ? lead : null;
}

/** One column of every archived lead (the form responses they came from, say): one read. */
export function archivedColumn(file: Spreadsheet, key: string): string[] {
  const sheet = archiveSheet(file);
  const at = leadArchiveKeys().indexOf(key);
  const last = sheet.getLastRow();
  if (at < 0 || last < 2) return [];
  return sheet
    .getRange(2, at + 1, last - 1, 1)
    .getValues()
    .map((r) => readText(r[0]));
}

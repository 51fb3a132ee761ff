import { AppsScriptException } from '../core/errors';

/** A rectangle of cells, 1-based and inclusive of its first row/column. */
export interface GridRect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export function columnToLetters(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function rectToA1(rect: GridRect): string {
  const start = `${columnToLetters(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${columnToLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

/** Quotes a sheet name for use in A1 notation when Sheets would ('My Sheet'!A1). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Splits "Sheet 1!A1:B2" / "'It''s'!A1" into the sheet name (or null) and the range part. */
export function splitSheetPrefix(a1: string): { sheetName: string | null; range: string } {
  const quoted = /^'((?:[^']|'')+)'!(.+)$/.exec(a1);
  if (quoted) return { sheetName: quoted[1].replace(/''/g, "'"), range: quoted[2] };
  const bang = a1.lastIndexOf('!');
  if (bang > 0) return { sheetName: a1.slice(0, bang), range: a1.slice(bang + 1) };
  return { sheetName: null, range: a1 };
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/**
 * Parses the range part of A1 notation: "B2", "A1:C3", "A:C" (whole columns),
 * "2:4" (whole rows), "A2:C" (open-ended). Bounds come from the sheet's size.
 */
export function parseA1Range(range: string, maxRows: number, maxColumns: number): GridRect {
  const [startText, endText] = range.trim().split(':');
  const start = CELL.exec(startText ?? '');
  const end = endText === undefined ? start : CELL.exec(endText);
  if (!start || !end || (!start[1] && !start[2]) || (!end[1] && !end[2]) || range.split(':').length > 2) {
    throw new AppsScriptException('Range not found');
  }
  const c1 = start[1] ? lettersToColumn(start[1]) : 1;
  const r1 = start[2] ? Number(start[2]) : 1;
  const c2 = end[1] ? lettersToColumn(end[1]) : maxColumns;
  const r2 = end[2] ? Number(end[2]) : maxRows;
  if (r1 < 1 || r2 < 1 || c1 < 1 || c2 < 1) throw new AppsScriptException('Range not found');
  const row = Math.min(r1, r2);
  const column = Math.min(c1, c2);
  return { row, column, numRows: Math.abs(r2 - r1) + 1, numColumns: Math.abs(c2 - c1) + 1 };
}

/**
 * Tab-separated text, as spreadsheets put cells on the clipboard: rows end with \n
 * or \r\n, cells are separated by \t, and one trailing newline ends the last row
 * (it does not start an empty one). Shared by the server (POST /api/paste) and the
 * page (the block it selects after a paste, copying a selection).
 */

/** The block the text stands for, rows padded with empty cells to a rectangle (at least 1 × 1). */
export function parseTsv(text: string): string[][] {
  let body = text;
  if (body.endsWith('\r\n')) body = body.slice(0, -2);
  else if (body.endsWith('\n')) body = body.slice(0, -1);
  const rows = body.split(/\r?\n/).map((line) => line.split('\t'));
  const width = Math.max(...rows.map((row) => row.length));
  return rows.map((row) => (row.length < width ? [...row, ...Array.from({ length: width - row.length }, () => '')] : row));
}

/** A block as tab-separated text (what copying a selection puts on the clipboard). */
export function toTsv(rows: string[][]): string {
  return rows.map((row) => row.join('\t')).join('\n');
}

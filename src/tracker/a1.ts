/** A1 helpers for formulas the tracker writes (the Dashboard's). */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** A whole-column reference such as 'Commission Rules'!H:H. */
export function wholeColumn(sheetName: string, column: number): string {
  const letter = columnLetter(column);
  return `${quoteSheetName(sheetName)}!${letter}:${letter}`;
}

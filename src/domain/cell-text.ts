/**
 * Text a person or partner typed must reach a cell as text. Sheets turns a
 * string that starts with "=" into a formula, and spreadsheet tools treat a
 * leading "+", "-", "@", tab or carriage return as the start of one too (OWASP's
 * CSV-injection guidance). A leading apostrophe makes Sheets store the rest as
 * plain text without showing the apostrophe.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function neutraliseForCell(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]) ? `'${text}` : text;
}

/** Whether Sheets (or another spreadsheet program) could read the text as a formula. */
export function looksLikeFormula(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]);
}

import Papa from 'papaparse';

/**
 * What the Import view imports from, read into a header row and data rows of text: a CSV file
 * the person picks (read here with FileReader and parsed with Papa Parse: nothing but the
 * mapped cells goes to the server), or a tab the server reads (apiReadImportTab).
 */
export interface SourceTable {
  /** How the audit log and the messages name it. */
  label: string;
  headers: string[];
  rows: string[][];
  /** Lines Papa Parse could not read cleanly, said per line (the rows are kept). */
  warnings: string[];
}

/** A CSV file as a table: the first row is the header; blank lines are dropped; a BOM is ignored. */
export function parseCsv(text: string, fileName: string): SourceTable {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [headers = [], ...rows] = parsed.data.map((r) => r.map((c) => String(c ?? '')));
  const warnings = parsed.errors.slice(0, 20).map((e) => `Line ${typeof e.row === 'number' ? e.row + 1 : '?'}: ${e.message}`);
  if (parsed.errors.length > 20) warnings.push(`…and ${parsed.errors.length - 20} more.`);
  return { label: `file ${fileName}`, headers: headers.map((h) => h.trim()), rows, warnings };
}

/** Reads a picked file as text (UTF-8). */
export function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(new Error(`The file ${file.name} could not be read: ${reader.error?.message || 'no reason given'}.`));
    reader.readAsText(file);
  });
}

/** Rows as a CSV file's text, each with a last column (the reasons a row was skipped). */
export function csvOf(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return Papa.unparse({ fields: [...headers], data: rows.map((r) => [...r]) }, { escapeFormulae: true });
}

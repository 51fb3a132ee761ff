import { IMPORT_FIELDS, ImportKind, headerKey } from './fields';

/** Tracker field key → the file's column index (0-based), or null when no column fills it. */
export type ColumnMapping = Record<string, number | null>;

/**
 * The mapping suggested from a file's header row: each field takes the first column whose
 * header is its label, else one of its synonyms; a column fills one field at most, and exact
 * label matches are placed before synonyms ("Partner Code" goes to Partner Code, not to a
 * field that lists "code" as a synonym).
 */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const fields = IMPORT_FIELDS[kind];
  const keys = headers.map(headerKey);
  const taken = new Set<number>();
  const mapping: ColumnMapping = Object.fromEntries(fields.map((field) => [field.key, null]));
  const claim = (field: string, names: readonly string[]) => {
    if (mapping[field] !== null) return;
    for (const name of names) {
      const at = keys.findIndex((k, i) => k !== '' && k === headerKey(name) && !taken.has(i));
      if (at >= 0) {
        mapping[field] = at;
        taken.add(at);
        return;
      }
    }
  };
  for (const field of fields) claim(field.key, [field.label]);
  for (const field of fields) claim(field.key, field.synonyms);
  return mapping;
}

/** The columns no field takes, by index. */
export function unmappedColumns(headers: readonly string[], mapping: ColumnMapping): number[] {
  const used = new Set(Object.values(mapping).filter((v): v is number => v !== null));
  return headers.map((_, i) => i).filter((i) => !used.has(i));
}

/**
 * What is wrong with a mapping as a whole (a required field without a column, two fields on
 * one column), each said in words; [] when it can be used.
 */
export function mappingProblems(kind: ImportKind, headers: readonly string[], mapping: ColumnMapping): string[] {
  const problems: string[] = [];
  const byColumn = new Map<number, string[]>();
  for (const field of IMPORT_FIELDS[kind]) {
    const at = mapping[field.key];
    if (at === null || at === undefined) {
      if (field.required) problems.push(`Choose the column that holds ${field.label}: every row needs it.`);
      continue;
    }
    if (!Number.isInteger(at) || at < 0 || at >= headers.length) {
      problems.push(`${field.label} points at a column the file does not have.`);
      continue;
    }
    byColumn.set(at, [...(byColumn.get(at) ?? []), field.label]);
  }
  for (const [at, labels] of byColumn) {
    if (labels.length > 1) problems.push(`Column "${headers[at] || `#${at + 1}`}" is chosen for ${labels.join(' and ')}; a column fills one field.`);
  }
  return problems;
}

/** Each row as field key → its text, trimmed ('' when the field has no column or the cell is blank). */
export function mappedRows(kind: ImportKind, rows: ReadonlyArray<readonly string[]>, mapping: ColumnMapping): Array<Record<string, string>> {
  const fields = IMPORT_FIELDS[kind];
  return rows.map((cells) => {
    const out: Record<string, string> = {};
    for (const field of fields) {
      const at = mapping[field.key];
      out[field.key] = at === null || at === undefined ? '' : String(cells[at] ?? '').trim();
    }
    return out;
  });
}

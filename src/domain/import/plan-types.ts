/**
 * What an import will do with each row of a file: create a record, update one (only the fields
 * that differ), leave one unchanged, or skip the row with every reason. The preview shows it;
 * the import writes it. Pure data, so the plan is computed the same way for both.
 */
export type ImportAction = 'create' | 'update' | 'unchanged' | 'skip';

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export interface PlannedRow {
  /** The row's line in the file (the header is line 1). */
  line: number;
  action: ImportAction;
  /** The record's ID: the one matched, the one the file brings, or the one it will get. */
  recordId: string;
  /** How a person recognises the row: a name, a company. */
  label: string;
  /** Why the row is skipped; never empty for a skip. */
  problems: string[];
  /** What else a person should know (a field kept as the tracker has it, a conflict flagged). */
  notes: string[];
  changes: FieldChange[];
}

export interface PlanSummary {
  create: number;
  update: number;
  unchanged: number;
  skip: number;
}

export function summarise(rows: readonly PlannedRow[]): PlanSummary {
  const out: PlanSummary = { create: 0, update: 0, unchanged: 0, skip: 0 };
  for (const r of rows) out[r.action]++;
  return out;
}

/** A skipped row: the reasons must say why. */
export function skipped(line: number, label: string, problems: string[]): PlannedRow {
  return { line, action: 'skip', recordId: '', label, problems: problems.length ? problems : ['The row could not be read.'], notes: [], changes: [] };
}

/**
 * An ID brought from another system (a migration): any text up to 40 characters of letters,
 * digits and . _ - / : the tracker's IDs are looked up as text, so it works everywhere once unique.
 */
export const MIGRATION_ID = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
export const MIGRATION_ID_RULE = 'an ID must be 1–40 letters, digits, ".", "_", "-" or "/", starting with a letter or digit';

/** Only the fields a row gives (blank cells never clear a value: nothing a person had is lost by an import). */
export function given(values: Readonly<Record<string, string>>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if ((values[k] ?? '') !== '') out[k] = values[k];
  return out;
}

/** Dates as files write them: YYYY-MM-DD, or an ISO date-time (its date). '' stays ''; anything else is left for the date rule to refuse. */
export function isoDateOf(text: string): string {
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ].*)?$/.exec(text.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : text.trim();
}

/**
 * A registration instant as a file writes it: YYYY-MM-DD (midnight UTC), "YYYY-MM-DD HH:MM[:SS]"
 * (UTC), or an ISO date-time with its offset. null when it is none of these.
 */
export function instantOf(text: string): Date | null {
  const t = text.trim();
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (date) return validDate(new Date(Date.UTC(+date[1], +date[2] - 1, +date[3])), +date[3]);
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(t);
  if (local) return validDate(new Date(Date.UTC(+local[1], +local[2] - 1, +local[3], +local[4], +local[5], +(local[6] ?? 0))), +local[3]);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

function validDate(d: Date, day: number): Date | null {
  return Number.isNaN(d.getTime()) || d.getUTCDate() !== day ? null : d;
}

/** Money as the tracker shows it in a change ("12500.00"), or '' for none. */
export function centsText(cents: number | null): string {
  return cents === null ? '' : (cents / 100).toFixed(2);
}

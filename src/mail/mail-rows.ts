import { CELL_CHARACTER_LIMIT } from '../domain/cell-text';
import { errorText } from './error-text';
import { CellValue, readUtcDateTime, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerTable } from '../tracker/table';
import { CLAIM_MS, Entry, Fate, Outgoing, QUOTA_WAIT, TOO_LARGE } from './mail-types';

/** The Mail Queue's rows: a message's fate from its row, rows to write, and the small helpers the ledger writes with (mailer.ts). */
/** What the ledger's row for a message says, or null when the message is free to go (Queued, held by no one). */
export function fateOf(e: Entry, nowMs: number): Fate | null {
  switch (e.status) {
    case 'Sent':
      return 'already sent';
    case 'Unknown':
      return 'unknown';
    case 'Failed':
      return 'failed';
    // A run is sending it now (a stopped run's Sending rows were swept to Unknown first).
    case 'Sending':
      return 'not yet';
    case 'Queued':
      return e.claimedUntil > nowMs ? 'not yet' : null;
    // Refused, or a status the tracker never writes: the row is not the tracker's, and the message is not sent.
    default:
      return 'refused';
  }
}

export function rowFor(m: Outgoing, nowMs: number, hold: boolean): Record<string, CellValue> {
  const fits = m.body.length < CELL_CHARACTER_LIMIT && m.htmlBody.length < CELL_CHARACTER_LIMIT;
  return {
    queuedAt: utcDateTimeCell(new Date(nowMs)),
    to: textCell(m.to.join(', ')),
    subject: textCell(m.subject),
    body: fits ? textCell(m.body) : '',
    htmlBody: fits ? textCell(m.htmlBody) : '',
    status: 'Queued',
    attempts: 0,
    lastError: [hold ? '' : QUOTA_WAIT, fits ? '' : TOO_LARGE].filter(Boolean).join(' '),
    sentAt: '',
    purpose: textCell(`${m.purpose} · from ${m.senderName}`),
    messageId: textCell(m.id),
    claimedUntil: hold ? utcDateTimeCell(new Date(nowMs + CLAIM_MS)) : '',
  };
}

export function kept(record: Record<string, CellValue>): boolean {
  return record.body !== '' || record.htmlBody !== '';
}

/** Writes a row's cells; a failed write is kept to try again in the run's closing critical section. */
export function attemptWrite(
  table: TrackerTable<'mail'>,
  row: number,
  values: Record<string, CellValue>,
  base: Record<string, CellValue> | undefined,
  retry: Array<{ row: number; values: Record<string, CellValue>; base?: Record<string, CellValue> }>,
): void {
  try {
    table.writeCells(row, values, base);
  } catch (e) {
    console.error(`Mail Queue row ${row}: stamp failed, trying again: ${errorText(e)}`);
    retry.push({ row, values, base });
  }
}

/** Sorted rows in runs of consecutive numbers. */
export function contiguous(rows: readonly number[]): number[][] {
  const sorted = [...rows].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const r of sorted) {
    const g = groups[groups.length - 1];
    if (g && g[g.length - 1] === r - 1) g.push(r);
    else groups.push([r]);
  }
  return groups;
}

export function sinceText(value: CellValue | undefined, timeZone: string): string {
  const at = readUtcDateTime(value, timeZone);
  return at ? utcDateTimeCell(at) : '';
}

/** A short, stable name for a set of messages (FNV-1a over their IDs, in order). */
export function fingerprint(keys: readonly string[]): string {
  let h = 0x811c9dc5;
  const text = [...keys].sort().join('\n');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${h.toString(16).padStart(8, '0')}-${keys.length}`;
}

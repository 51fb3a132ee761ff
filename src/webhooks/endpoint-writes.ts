import { AuditEntry } from '../domain/audit-chain';
import { auditedWrite } from '../audit/audit-intent';
import { CellValue, readText, textCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';
import { tab } from '../tracker/schema';

/** The columns of a Webhooks row the tracker writes. */
export interface EndpointChange {
  id?: string;
  url?: string;
  events?: string;
  active?: 'Yes' | 'No';
  description?: string;
  createdBy?: string;
  createdAt?: string;
  secretHint?: string;
  disabledReason?: string;
  lastDelivery?: string;
  problems?: string;
}

const TEXT = new Set(['id', 'url', 'events', 'description', 'createdBy', 'secretHint', 'disabledReason', 'lastDelivery', 'problems']);

/**
 * Writes changes to Webhooks rows, with their audit entries, inside the caller's critical section:
 * the tab (a handful of rows) is read once and each changed row written in one call. A change is
 * made only where the row still has the ID it was read with (`expectId`; '' for a row without one).
 */
export function writeEndpointRows(
  ctx: TrackerContext,
  table: TrackerTable<'webhooks'>,
  changes: ReadonlyArray<{ row: number; expectId: string; change: EndpointChange }>,
  audit: readonly AuditEntry[],
): number {
  if (changes.length === 0 && audit.length === 0) return 0;
  const last = table.lastRow();
  let written = 0;
  auditedWrite(ctx, audit, () => {
    const ids = last >= 2 ? (table.sheet.getRange(2, table.column('id'), last - 1, 1).getValues() as CellValue[][]).map((r) => readText(r[0])) : [];
    for (const { row, expectId, change } of changes) {
      if (row > last + 1 || (row <= last && (ids[row - 2] ?? '') !== expectId)) continue;
      const values: Record<string, CellValue> = {};
      for (const [key, value] of Object.entries(change)) if (value !== undefined) values[key] = TEXT.has(key) ? textCell(value) : value;
      table.writeCells(row, values as never);
      written++;
    }
  });
  return written;
}

export function endpointAudit(ctx: TrackerContext, row: number, id: string, field: string, oldValue: string, newValue: string): AuditEntry {
  return { at: ctx.now, user: ctx.actor, source: ctx.source, tab: tab('webhooks').name, range: `row ${row}`, recordId: id, field, oldValue, newValue };
}

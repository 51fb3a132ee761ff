import { HubSpotOutcome } from '../domain/enums';
import { textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';

/** A row of the HubSpot Sync tab: what one lead's push or one deal's pull did, and why. */
export interface SyncLogRow {
  direction: 'To HubSpot' | 'From HubSpot' | 'Sync';
  leadId: string;
  dealId: string;
  companyId: string;
  outcome: HubSpotOutcome;
  note: string;
}

/** Appends the run's rows in one write (inside the caller's critical section). */
export function appendSyncLog(ctx: TrackerContext, rows: readonly SyncLogRow[]): void {
  if (rows.length === 0) return;
  const table = TrackerTable.open(ctx.ss, 'hubspot');
  const at = utcDateTimeCell(ctx.now);
  table.append(
    rows.map((r) => ({
      at,
      direction: r.direction,
      leadId: textCell(r.leadId),
      dealId: textCell(r.dealId),
      companyId: textCell(r.companyId),
      outcome: r.outcome,
      note: textCell(r.note.slice(0, 1000)),
    })),
  );
}

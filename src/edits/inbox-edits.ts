import { AuditEntry } from '../domain/audit-chain';
import { columnLetter } from '../tracker/a1';
import { readText, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { candidateRows } from '../tracker/lookup';
import { TrackerTable } from '../tracker/table';

/**
 * A Form Inbox Status typed (or pasted) by hand must say what the sidebar would have recorded:
 * Dismissed needs the reason in Decision Note, Reprocessed the lead it became in Lead ID. A
 * status without it is put back to Rejected (the response waits in the inbox again), with the
 * reason in the toast and the Audit Log; a complete one gets Handled By and Handled At filled in.
 * Checked whenever an edit touches Status, Lead ID or Decision Note, so clearing a dismissed
 * row's note puts it back too. One read of the edited rows; a write per row it changes.
 */
interface Block {
  row0: number;
  rows: number;
  col0: number;
  cols: number;
}

const LEAD_ID = /^L-\d{6,}$/;

/** Why a row's status cannot stand, or null. */
function missingFor(status: string, note: string, leadId: string, leads: TrackerTable<'leads'>): string | null {
  if (status === 'Dismissed' && !note) return "Dismissed needs a reason: write it in Decision Note first, then choose Dismissed (or dismiss it from the sidebar's Inbox).";
  if (status === 'Reprocessed') {
    if (!leadId) return "Reprocessed needs the lead the response became in Lead ID: re-process it from the sidebar's Inbox, which registers the lead and fills both.";
    if (!LEAD_ID.test(leadId) || candidateRows(leads, 'id', leadId).length === 0) return `Reprocessed needs a lead on the Leads tab; there is no ${leadId}. Re-process it from the sidebar's Inbox.`;
  }
  return null;
}

export function checkInboxStatusEdit(ctx: TrackerContext, table: TrackerTable, block: Block, editor: string, audit: AuditEntry[]): string[] {
  const inbox = table as TrackerTable<'inbox'>;
  if (!inbox.has('status') || !inbox.has('decisionNote')) return [];
  const watched = (['status', 'leadId', 'decisionNote'] as const).filter((k) => inbox.has(k)).map((k) => inbox.column(k));
  if (!watched.some((at) => at >= block.col0 && at < block.col0 + block.cols)) return [];
  const first = Math.max(2, block.row0);
  const last = block.row0 + block.rows - 1;
  if (last < first) return [];
  const leads = TrackerTable.open(ctx.ss, 'leads');
  const refused: string[] = [];
  inbox.readRows(first, last).forEach((record, i) => {
    const row = first + i;
    const status = readText(record.status);
    if (status !== 'Dismissed' && status !== 'Reprocessed') return;
    const why = missingFor(status, readText(record.decisionNote), readText(record.leadId), leads);
    if (why) {
      inbox.writeCells(row, { status: 'Rejected' });
      audit.push({
        at: ctx.now,
        user: ctx.actor,
        source: 'edit',
        tab: inbox.name,
        range: `${columnLetter(inbox.column('status'))}${row}`,
        recordId: readText(record.responseKey),
        field: '(status put back)',
        oldValue: status,
        newValue: `Rejected: ${why}`,
      });
      refused.push(`Form Inbox row ${row}: ${why}`);
      return;
    }
    // A complete decision typed by hand: who made it and when, as the sidebar records them.
    if (inbox.has('handledBy') && inbox.has('handledAt') && !readText(record.handledAt)) {
      inbox.writeCells(row, { handledBy: textCell(editor), handledAt: utcDateTimeCell(ctx.now) });
    }
  });
  return refused;
}

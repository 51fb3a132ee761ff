import { AuditEntry } from '../domain/audit-chain';
import { Roster } from '../domain/roles';
import { EditorIdentity, notCredited } from '../edits/identity';
import { CellValue, readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';

/**
 * Payout Method or Payout Account typed or pasted into the Partners tab (the edit trigger): where
 * money goes is Finance's, the managers' and the owner's to set. Google's protection of the two
 * columns (schema.ts guard) refuses anyone else in the grid; this is the second line, for a tracker
 * whose protections are not in place (or an editor Google does not name). A single typed cell is
 * put back to what Google says it was; a paste carries no old values, so the touched rows' payout
 * details are cleared (no money goes to details nobody entitled set; the Audit Log holds the values
 * set before). Either way the change is told and audited. A credited change stands (the edit
 * trigger has audited each cell; adoption checks the pair's format).
 */
export function handlePayoutDetailEdits(
  ctx: TrackerContext,
  table: TrackerTable,
  block: { row0: number; rows: number; col0: number; cols: number },
  single: { oldValue: unknown } | null,
  identity: EditorIdentity,
  roster: Roster,
  audit: AuditEntry[],
): string[] {
  if (table.key !== 'partners') return [];
  const partners = table as TrackerTable<'partners'>;
  const keys = (['payoutMethod', 'payoutAccount'] as const).filter((k) => partners.has(k) && partners.column(k) >= block.col0 && partners.column(k) < block.col0 + block.cols);
  const first = Math.max(2, block.row0);
  const last = block.row0 + block.rows - 1;
  if (!keys.length || last < first) return [];
  const why = notCredited(identity, roster, ['Finance', 'Manager'], "Setting where a partner's payouts go (Payout Method, Payout Account)");
  if (!why) return [];
  const ids = partners.sheet.getRange(first, partners.column('id'), last - first + 1, 1).getValues();
  const back: Record<string, CellValue> = single ? { [keys[0]]: readText(single.oldValue) } : Object.fromEntries(keys.map((k) => [k, '']));
  // One read and write per column, however many rows were pasted over.
  const rows: Array<{ row: number; values: Record<string, CellValue> }> = [];
  for (let row = first; row <= last; row++) rows.push({ row, values: back });
  partners.writeRowsSpan(rows);
  const told = single ? `put back to "${readText(single.oldValue) || 'blank'}"` : 'cleared (a paste does not say what was there; the Audit Log does)';
  const what = keys.map((k) => (k === 'payoutMethod' ? 'Payout Method' : 'Payout Account')).join(' and ');
  const named: string[] = [];
  for (let row = first; row <= last; row++) {
    const id = readText(ids[row - first][0]);
    if (id) named.push(id);
    audit.push({ at: ctx.now, user: ctx.actor, source: 'edit', tab: partners.name, range: `row ${row}`, recordId: id, field: '(put back)', oldValue: '', newValue: `${what} ${told}: ${why}` });
  }
  // One line for the whole edit, however many rows it covered.
  const where = first === last ? `row ${first}` : `rows ${first}–${last}`;
  const whose = named.length ? ` of ${named.length > 5 ? `${named.slice(0, 5).join(', ')} and ${named.length - 5} more` : named.join(', ')}` : '';
  return [`Partners ${where}: ${what}${whose} ${told}. ${why}`];
}

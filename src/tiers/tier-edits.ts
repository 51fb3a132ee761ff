import { AuditEntry } from '../domain/audit-chain';
import { Roster } from '../domain/roles';
import { PINNED_BY, SET_BY_HAND, UNPINNED_BY, lastRecordedTier, pinnedInHistory } from '../domain/tiers/history';
import { EditorIdentity, notCredited } from '../edits/identity';
import { CellValue, readText, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';
import { TierHistoryRow, appendTierHistory, readTierHistory, tierNamesOf } from './tier-store';

/**
 * A Tier or Tier Pinned cell typed or pasted into the Partners tab (the edit trigger, after
 * Google's protections: the tab is the team's, so the trigger is the guard for the pin).
 * - Tier Pinned: only a Manager (or the owner) may change it; anyone else's change is put back,
 *   with the reason. A change that counts is recorded on the Tier History ("Pinned by …").
 * - Tier: a change to a tier on the Tiers tab is recorded on the Tier History ("Set by hand by …",
 *   effective today), so the dated history commissions read is complete. A tier not on the Tiers
 *   tab is not recorded: adoption marks the row with the reason (adoption/partners.ts).
 * Runs inside the edit trigger's lock; reads the edited rows and the Tier History once each.
 */
export function handleTierEdits(
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
  const touches = (key: 'tier' | 'tierPinned') => partners.has(key) && partners.column(key) >= block.col0 && partners.column(key) < block.col0 + block.cols;
  const first = Math.max(2, block.row0);
  const last = block.row0 + block.rows - 1;
  if (last < first || (!touches('tier') && !touches('tierPinned'))) return [];
  const historyTable = TrackerTable.tryOpen(ctx.ss, 'tierHistory');
  if (!historyTable) return [];
  const records = partners.readRows(first, last);
  const history = readTierHistory(historyTable, ctx.timeZone);
  const names = tierNamesOf(ctx.ss);
  const today = todayIn(ctx.timeZone, ctx.now);
  const who = ctx.actor || 'an editor Google did not name';
  const rows: TierHistoryRow[] = [];
  const refused: string[] = [];
  const old = single ? readText(single.oldValue) : null;
  records.forEach((record: Record<string, CellValue | undefined>, i: number) => {
    const row = first + i;
    const id = readText(record.id);
    if (!id) return;
    const tier = readText(record.tier);
    const base = { at: ctx.now, partnerId: id, effectiveOn: today, wonRevenueCents: null, wonDeals: null, by: who, review: '' };
    if (touches('tierPinned')) {
      const pinned = readText(record.tierPinned).toLowerCase() === 'yes';
      const was = old !== null ? old.toLowerCase() === 'yes' : pinnedInHistory(history, id);
      if (pinned !== was) {
        const why = notCredited(identity, roster, ['Manager'], "Pinning a partner's tier");
        if (why) {
          const back = was ? 'Yes' : '';
          partners.writeCells(row, { tierPinned: back });
          refused.push(`Partners row ${row}: Tier Pinned of ${id} put back to "${back || 'blank'}". ${why}`);
          audit.push({
            at: ctx.now,
            user: ctx.actor,
            source: 'edit',
            tab: partners.name,
            range: `row ${row}`,
            recordId: id,
            field: '(put back)',
            oldValue: '',
            newValue: `Tier Pinned ${back || 'blank'}: ${why}`,
          });
        } else {
          rows.push({ ...base, fromTier: tier, toTier: tier, reason: `${pinned ? PINNED_BY : UNPINNED_BY} ${who}` });
        }
      }
    }
    if (touches('tier')) {
      const canonical = names.find((n) => n.toLowerCase() === tier.toLowerCase());
      if (!canonical) return;
      const before = old !== null && !touches('tierPinned') ? old : lastRecordedTier(history, id);
      if (before.toLowerCase() !== canonical.toLowerCase()) rows.push({ ...base, fromTier: before, toTier: canonical, reason: `${SET_BY_HAND} ${who}` });
    }
  });
  appendTierHistory(historyTable, rows);
  return refused;
}

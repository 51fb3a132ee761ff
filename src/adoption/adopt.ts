import { auditedWrite } from '../audit/audit-intent';
import { TrackerContext } from '../tracker/context';
import { TabKey } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';
import { adoptLeads, idRowsOf } from './leads';
import { adoptLists } from './lists';
import { adoptPartners } from './partners';
import { adoptRules } from './rules';
import { adoptTiers } from './tiers';
import { ADOPTED_TABS, EditFacts, RawRow, TabAdoption, problemsOf, readRawRows, recordOf } from './rows';
import { readText } from '../tracker/cells';

/**
 * Rows people type, paste, fill or import by hand into Partners, Leads, Commission Rules and
 * Lists are adopted (IDs assigned, derived fields filled, sealed: they count) or explained
 * (kept, their problems in the Problems column, highlighted, listed in the sidebar). Two ways
 * in: the owner's edit trigger for the edited rows, and Check tracker (menu, sidebar, the daily
 * run) for every row, including rows that came without an edit event (a dropped burst, another
 * tool appending rows). Both run inside the tracker's lock; running either twice changes nothing.
 */
export interface CheckTrackerResult {
  adopted: number;
  idsAssigned: number;
  /** Rows that still have problems, across the four tabs. */
  problems: number;
  summary: string;
}

export function isAdoptedTab(key: TabKey): boolean {
  return ADOPTED_TABS.includes(key);
}

/** The edit trigger's part: the edited rows (as read, whole), within the caller's audited write. */
export function adoptEdited(ctx: TrackerContext, key: TabKey, rows: readonly RawRow[], facts: EditFacts): TabAdoption | null {
  // A tracker not yet upgraded to schema 8 has no Problems column: nothing is adopted until its owner runs setup.
  if (rows.length === 0 || !hasProblemsColumn(ctx, key)) return null;
  const first = rows[0].row;
  const last = rows[rows.length - 1].row;
  const inScope = (row: number) => row >= first && row <= last;
  switch (key) {
    case 'partners':
      return settledPartners(ctx, rows, facts) ? null : adoptPartners(ctx, inScope, facts);
    case 'leads':
      return adoptLeads(ctx, rows, facts);
    // Small tabs whose problems span rows (a blank between values, an ID on two rows): checked whole.
    case 'rules':
      return adoptRules(ctx, () => true);
    case 'lists':
      return adoptLists(ctx, () => true);
    case 'tiers':
      return adoptTiers(ctx);
    default:
      return null;
  }
}

/**
 * Whether an edit of counted partners leaves nothing to check (their notes, their contact): no
 * problem to clear, no name or code cleared, no code or ID that could now clash. Then the
 * Partners tab is not read.
 */
function settledPartners(ctx: TrackerContext, rows: readonly RawRow[], facts: EditFacts): boolean {
  const table: TrackerTable = TrackerTable.open(ctx.ss, 'partners');
  const free = new Set(['name', 'contactName', 'notes']);
  for (const [key, at] of table.positions) if (at >= facts.columns.first && at <= facts.columns.last && !free.has(key)) return false;
  if (facts.columns.last > table.width) return false;
  return rows.every((raw) => {
    const record = recordOf(table, raw);
    return readText(record.check) !== '' && !problemsOf(table, raw) && readText(record.name) !== '' && readText(record.code) !== '';
  });
}

/**
 * Check tracker: every row of the four tabs, one tab after the other (the Lists and Partners a
 * lead is checked against are adopted first). Each tab: one read of the whole tab, one write per
 * block of changed rows, its audit rows. Call inside the tracker's lock.
 */
export function checkTracker(ctx: TrackerContext): CheckTrackerResult {
  const all = () => true;
  let tierNames: string[] | null = null;
  const steps: Array<() => TabAdoption> = [
    () => adoptLists(ctx, all),
    () => {
      const tiers = adoptTiers(ctx);
      tierNames = tiers.names;
      return tiers;
    },
    () => adoptPartners(ctx, all, null, tierNames ?? undefined),
    () => adoptRules(ctx, all),
    () => {
      const table = TrackerTable.open(ctx.ss, 'leads');
      const rows = readRawRows(table, 2, table.lastRow());
      return adoptLeads(ctx, rows, null, idRowsOf(table, rows));
    },
  ];
  const total = { adopted: 0, idsAssigned: 0, problems: 0 };
  const keys: TabKey[] = ['lists', 'tiers', 'partners', 'rules', 'leads'];
  for (const [i, step] of steps.entries()) {
    if (!hasProblemsColumn(ctx, keys[i])) continue;
    const tab = step();
    auditedWrite(ctx, tab.audit, tab.apply);
    total.adopted += tab.adopted;
    total.idsAssigned += tab.idsAssigned;
    total.problems += tab.problemRows;
  }
  return { ...total, summary: summaryOf(total) };
}

function hasProblemsColumn(ctx: TrackerContext, key: TabKey): boolean {
  // tryOpen: a tracker not yet upgraded to schema 10 has no Tiers tab.
  return TrackerTable.tryOpen(ctx.ss, key)?.has('problems') ?? false;
}

function summaryOf(total: { adopted: number; idsAssigned: number; problems: number }): string {
  const adopted = total.adopted
    ? `Adopted ${total.adopted} row${total.adopted > 1 ? 's' : ''} typed or pasted in${total.idsAssigned ? ` (${total.idsAssigned} new ID${total.idsAssigned > 1 ? 's' : ''})` : ''}`
    : 'Every row typed or pasted in was already adopted';
  const problems = total.problems
    ? `${total.problems} row${total.problems > 1 ? 's' : ''} still ${total.problems > 1 ? 'have' : 'has'} problems, highlighted with the reason in the Problems column`
    : 'no row has problems';
  return `${adopted}; ${problems}.`;
}

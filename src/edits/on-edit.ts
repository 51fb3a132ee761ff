import { tierNamesOf } from '../tiers/tier-store';
import { handleTierEdits } from '../tiers/tier-edits';
import { handlePayoutDetailEdits } from '../partners/payout-detail-edits';
import { forgetMatchIndexIfEdited } from '../leads/match-index';
import { auditedWrite } from '../audit/audit-intent';
import { restoreAmountFormulas } from '../commissions/amount-formulas';
import { processPendingCommissionWork } from '../commissions/engine';
import { AuditEntry } from '../domain/audit-chain';
import { sameEmail } from '../domain/roles';
import { columnLetter } from '../tracker/a1';
import { CellValue, readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { tabOfSheet } from '../tracker/identity';
import { withDocumentLock } from '../tracker/lock';
import { ReferenceKind, reference } from '../tracker/reference';
import { TABS, TabDef } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';
import { refuseBadAmounts } from './amount-edits';
import { toastRuleProblems } from './rule-problem-toast';
import { RuleProblem, parseRules } from '../domain/commissions';
import { readRuleRows } from '../commissions/commission-store';
import { auditName, resolveEditor } from './identity';
import { handleSealedEdit, touchesSeal } from './sealed-edits';
import { adoptEdited, isAdoptedTab } from '../adoption/adopt';
import { RawRow } from '../adoption/rows';
import { handleSettingsEdit, handleTeamEdit } from './team-settings-edits';
import { checkInboxStatusEdit } from './inbox-edits';
import { checkApplicationEdit } from './application-edits';
import { handleDashboardEdit } from '../dashboard/edit';
import { markInboundWaiting } from '../inbound/inbound-edits';

/**
 * The installable edit trigger (the owner's). Every edit a person makes to a
 * tracked tab is audited cell by cell, with the editor as Google gives them
 * (unknown and doubtful identities recorded as such). Then the tracker's rules,
 * whatever the edit's shape (a typed cell, a paste, a fill, a clear):
 * - sealed rows (IDs, statuses, sign-offs, amounts): a change is carried out if
 *   it is a move the editor's role allows, else put back from the seal;
 * - the Team and Settings tabs: changes count when a manager (or the owner)
 *   made them, else they are put back from the tracker's record;
 * - a commission's Amount formula is restored if overwritten;
 * - rows typed or pasted into Partners, Leads, Commission Rules or Lists are
 *   adopted (IDs, derived fields, seal) or kept with their problems (adoption/);
 * - rows typed into the Inbound tab are marked waiting for the hourly run (inbound/).
 * Refusals are told in one toast. A trigger that does not run as the tracker's
 * recorded owner (someone else's, from an older setup) does nothing.
 */
export const OLD_VALUE_UNAVAILABLE = 'old value unavailable';

export interface EditEvent {
  range: GoogleAppsScript.Spreadsheet.Range;
  value?: unknown;
  oldValue?: unknown;
  user?: GoogleAppsScript.Base.User;
}

export interface EditOutcome {
  logged: number;
  refused: string[];
  restored: number[];
  commissions: string[];
  /** Rows put back from their seal. */
  putBack: number[];
  /** Why nothing was done (a trigger that is not the owner's). */
  skipped?: string;
}

const TRACKED: readonly TabDef[] = TABS.filter((t) => t.kind === 'table' && t.key !== 'audit');

export function handleEdit(ctx: TrackerContext, e: EditEvent): EditOutcome {
  const outcome: EditOutcome = { logged: 0, refused: [], restored: [], commissions: [], putBack: [] };
  const sheet = e.range.getSheet();
  const block = { row0: e.range.getRow(), col0: e.range.getColumn(), rows: e.range.getNumRows(), cols: e.range.getNumColumns() };
  const any = tabOfSheet(sheet, TABS);
  dropReferenceTouched(ctx, any, block.row0);
  // The Dashboard is computed: only its period chooser matters (refreshed at once, or within the hour).
  if (any?.key === 'dashboard') return { ...outcome, skipped: handleDashboardEdit(ctx, block, sheet) };
  const def = TRACKED.find((t) => t === any);
  if (!def) return outcome;
  // Read before the lock (nothing here changes under it): the header positions (cached), the edited rows' IDs.
  // A sealed field's edit may be put back (a write): its tab's positions are checked now, outside the lock.
  const opened = TrackerTable.open(ctx.ss, def.key);
  const table = def.sealed && touchesSeal(opened, block) ? TrackerTable.openChecked(ctx.ss, def.key) : opened;
  // A lead's company, domain, email, status… typed over: the registration match index may no longer hold.
  if (def.key === 'leads' && block.row0 + block.rows - 1 >= 2) forgetMatchIndexIfEdited(table, block.col0, block.cols);
  const single = block.rows === 1 && block.cols === 1;
  const given = single && typeof e.value !== 'object' && e.value !== undefined ? [[e.value]] : null;
  const header = new Map<number, string>();
  for (const [key, at] of table.positions) header.set(at, def.columns.find((c) => c.key === key)?.header ?? key);
  const idColumn = table.has('id') ? table.column('id') : table.has('key') ? table.column('key') : null;
  const adoptable = isAdoptedTab(def.key) && block.row0 >= 2;
  const { values, ids, rows } = readEdited(table, block, idColumn, given, e.range, adoptable);
  // The audit rows are written through cached positions: checked now, outside the lock (one read of one row).
  TrackerTable.openChecked(ctx.ss, 'audit');
  const editorEmail = e.user ? e.user.getEmail() : '';

  // The tracker's state is read once, inside the lock (the roster, the audit head, notes and pending work with it).
  return withDocumentLock(ctx.ss, (state) => {
    const roster = state.roster();
    if (!roster.owner || !sameEmail(roster.owner, ctx.runsAs)) return { ...outcome, skipped: `this trigger runs as ${ctx.runsAs}; the tracker's automation is ${roster.owner || 'not set up'}'s` };
    // Never getActiveUser(): in an installable trigger it is not the editor.
    const identity = resolveEditor(editorEmail, roster.owner, sheet, { row: block.row0, column: block.col0, numRows: block.rows, numColumns: block.cols });
    const who = auditName(identity);
    const job: TrackerContext = { ...ctx, actor: identity.kind === 'known' ? identity.email : '' };
    const audit: AuditEntry[] = [];
    for (let r = 0; r < block.rows; r++) {
      for (let c = 0; c < block.cols; c++) {
        const column = block.col0 + c;
        audit.push({
          at: ctx.now,
          user: who,
          source: 'edit',
          tab: def.name,
          range: `${columnLetter(column)}${block.row0 + r}`,
          recordId: ids[r] ?? '',
          field: header.get(column) ?? columnLetter(column),
          oldValue: single ? text(e.oldValue) : OLD_VALUE_UNAVAILABLE,
          newValue: text(values[r]?.[c]),
        });
      }
    }
    const tell: string[] = [];
    const auditCtx: TrackerContext = { ...job, actor: who };
    // The person's change is already in the sheet: it is noted before this run writes anything, so a run that
    // dies before its audit rows leaves the note and the owner's hourly run records the change, marked recovered
    // (Google fires no edit trigger twice). Entries the handlers add (put back, refused) are appended with it.
    auditedWrite(ctx, audit, () => {
      if (def.sealed) {
        const sealed = handleSealedEdit(auditCtx, table, block, identity, roster, audit);
        outcome.refused.push(...sealed.refused);
        outcome.putBack.push(...sealed.putBack);
        outcome.commissions.push(...sealed.commissions);
        tell.push(...sealed.notes);
      }
      if (def.key === 'commissions' && block.row0 >= 1) restoreAmounts(auditCtx, table, block, audit, outcome);
      outcome.refused.push(...refuseBadAmounts(auditCtx, def, table, block, values, single ? e.oldValue : undefined, audit));
      if (def.key === 'team') {
        const team = handleTeamEdit(auditCtx, identity, roster, audit);
        outcome.refused.push(...team.refused);
        tell.push(...team.notes);
      }
      if (def.key === 'settings') outcome.refused.push(...handleSettingsEdit(auditCtx, identity, roster, audit).refused);
      // A partner's Tier or Tier Pinned: the pin is a manager's (put back otherwise), and both are dated on the Tier History.
      if (def.key === 'partners') outcome.refused.push(...handleTierEdits(auditCtx, table, block, single ? { oldValue: e.oldValue } : null, identity, roster, audit));
      // Where a partner's money goes: Finance's, the managers' and the owner's (put back otherwise).
      if (def.key === 'partners') outcome.refused.push(...handlePayoutDetailEdits(auditCtx, table, block, single ? { oldValue: e.oldValue } : null, identity, roster, audit));
      // Rows typed or pasted into Partners, Leads, Commission Rules or Lists: adopted or explained (adoption/).
      const facts = { editor: job.actor, single: single ? { column: block.col0, oldValue: e.oldValue } : null, columns: { first: block.col0, last: block.col0 + block.cols - 1 } };
      const adoption = rows ? adoptEdited(auditCtx, def.key, rows, facts) : null;
      if (adoption) {
        audit.push(...adoption.audit);
        adoption.apply();
        outcome.refused.push(...adoption.refused);
        tell.push(...adoption.notes);
      }
      // Rule rows with problems: one toast per burst of edits, from adoption's own parse (after it gave them their IDs);
      // a tracker without the Problems column yet (no adoption) reads them.
      if (def.key === 'rules') reportRuleProblems(ctx, adoption?.ruleProblems);
      if (def.key === 'inbox') outcome.refused.push(...checkInboxStatusEdit(auditCtx, table, block, job.actor, audit));
      if (def.key === 'applications') outcome.refused.push(...checkApplicationEdit(auditCtx, table, block, job.actor, audit));
      // Rows typed into the Inbound tab wait for the hourly run, which takes them as it takes Zapier's and Make's (src/inbound/).
      if (def.key === 'inbound') {
        const waiting = markInboundWaiting(table as TrackerTable<'inbound'>, block);
        if (waiting) tell.push(waiting);
      }
    });
    // Deals teammates won or refunded in the sidebar get their lines now: this run is the owner's.
    outcome.commissions.push(...processPendingCommissionWork(ctx));
    outcome.logged = audit.length;
    if (outcome.refused.length) ctx.ss.toast(outcome.refused.join('\n'), 'Partnership Tracker: change put back', 20);
    else if (tell.length) ctx.ss.toast(tell.join('\n'), 'Partnership Tracker', 15);
    return outcome;
  });
}

/** An edit to a tab the reference data copies (Settings, Lists, Partners, Commission Rules) or to any header row makes that copy stale. */
function dropReferenceTouched(ctx: TrackerContext, def: TabDef | undefined, row0: number): void {
  const kinds: ReferenceKind[] = [];
  if (row0 === 1) kinds.push('headers');
  if (def && (def.key === 'settings' || def.key === 'lists' || def.key === 'partners' || def.key === 'rules')) kinds.push(def.key);
  if (kinds.length) reference(ctx.ss).drop(...kinds);
}

/**
 * The edited block's values (a single typed cell's come with the event) and its rows' IDs, in
 * one read: the block and the ID column side by side.
 */
function readEdited(
  table: TrackerTable,
  block: { row0: number; rows: number; col0: number; cols: number },
  idColumn: number | null,
  given: unknown[][] | null,
  range: GoogleAppsScript.Spreadsheet.Range,
  whole: boolean,
): { values: CellValue[][]; ids: string[]; rows: RawRow[] | null } {
  if (whole) {
    // The rows whole (adoption reads them all), still one read.
    const width = Math.max(table.width, block.col0 + block.cols - 1);
    const grid = table.sheet.getRange(block.row0, 1, block.rows, width).getValues() as CellValue[][];
    return {
      values: (given as CellValue[][] | null) ?? grid.map((row) => row.slice(block.col0 - 1, block.col0 - 1 + block.cols)),
      ids: idColumn === null ? [] : grid.map((row) => readText(row[idColumn - 1])),
      rows: grid.map((cells, i) => ({ row: block.row0 + i, cells: cells.slice(0, table.width) })),
    };
  }
  const withIds = idColumn !== null && block.row0 >= 2;
  if (!withIds) return { values: (given ?? range.getValues()) as CellValue[][], ids: [], rows: null };
  if (given)
    return {
      values: given as CellValue[][],
      ids: table.sheet
        .getRange(block.row0, idColumn, block.rows, 1)
        .getValues()
        .map((r) => readText(r[0])),
      rows: null,
    };
  const first = Math.min(idColumn, block.col0);
  const last = Math.max(idColumn, block.col0 + block.cols - 1);
  const grid = table.sheet.getRange(block.row0, first, block.rows, last - first + 1).getValues() as CellValue[][];
  return {
    values: grid.map((row) => row.slice(block.col0 - first, block.col0 - first + block.cols)),
    ids: grid.map((row) => readText(row[idColumn - first])),
    rows: null,
  };
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function restoreAmounts(ctx: TrackerContext, table: TrackerTable, block: { row0: number; rows: number; col0: number; cols: number }, audit: AuditEntry[], outcome: EditOutcome): void {
  const amount = table.column('amount');
  if (amount < block.col0 || amount >= block.col0 + block.cols) return;
  const restored = restoreAmountFormulas(ctx, Math.max(2, block.row0), block.row0 + block.rows - 1);
  outcome.restored.push(...restored);
  for (const r of restored) {
    audit.push({
      at: ctx.now,
      user: ctx.actor,
      source: 'edit',
      tab: table.name,
      range: `${columnLetter(amount)}${r}`,
      recordId: '',
      field: '(formula restored)',
      oldValue: '',
      newValue: 'The Amount is computed by its formula; it was restored.',
    });
  }
  if (restored.length) outcome.refused.push(`The Amount column is computed; restored its formula in ${restored.length} row(s).`);
}

/** Told once per burst of edits (rule-problem-toast.ts), not once per cell. */
function reportRuleProblems(ctx: TrackerContext, parsed?: RuleProblem[]): void {
  const problems = parsed ?? parseRules(readRuleRows(ctx.ss, ctx.timeZone), tierNamesOf(ctx.ss)).problems;
  toastRuleProblems(ctx.ss, problems, CacheService.getDocumentCache());
}

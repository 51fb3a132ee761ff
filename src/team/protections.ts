import { Roster, holders } from '../domain/roles';
import { GuardGroup, TABS, TabDef, TabKey } from '../tracker/schema';

/**
 * Google-enforced protections that follow the Team tab. Every tab is protected
 * for real (never warning-only) for the group that may edit it, and the status
 * and sign-off columns of Commissions and Payouts for the wider group that
 * writes them. A person outside the group gets Google's own refusal in the
 * grid, and so does the sidebar running as them: this is the first line of
 * defence; the edit trigger and the row seals are the second.
 *
 * Reconciled whenever the team changes (and by setup): editors added and
 * removed to match, obsolete tracker protections removed. Google lets only
 * the spreadsheet's owner and a protection's editors change a protection; one
 * this person cannot change is reported, not forced.
 */
export const PROTECTION_PREFIX = 'Partnership Tracker: ';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

interface Rect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/** A tab's sheet (found by name or identity) and its column positions. */
export interface TabLayout {
  sheet: Sheet;
  positions: ReadonlyMap<string, number>;
}

interface Desired {
  description: string;
  sheet: Sheet;
  /** null: the whole sheet. */
  rect: Rect | null;
  unprotected: Rect[];
  warningOnly: boolean;
  editors: string[];
}

export interface ProtectionReport {
  changed: string[];
  /** Protections this person may not change (Google allows only the spreadsheet's owner and the protection's editors). */
  couldNot: string[];
}

const GROUP_LABEL: Record<GuardGroup, string> = {
  owner: 'owner only',
  managers: 'owner and managers',
  finance: 'owner, managers and finance',
  team: 'owner, managers and partner team',
};

export function groupEditors(roster: Roster, group: GuardGroup): string[] {
  const set = new Set<string>(holders(roster, 'Owner'));
  if (group !== 'owner') holders(roster, 'Manager').forEach((e) => set.add(e));
  if (group === 'finance') holders(roster, 'Finance').forEach((e) => set.add(e));
  if (group === 'team') holders(roster, 'Partner team').forEach((e) => set.add(e));
  return [...set].sort();
}

/** What every tab's protections should be, given the team. Sheets and column positions come from each tab's layout. */
function desiredProtections(roster: Roster, layouts: ReadonlyMap<TabKey, TabLayout>): Desired[] {
  const out: Desired[] = [];
  for (const def of TABS) {
    const layout = layouts.get(def.key);
    if (!layout) continue;
    const { sheet, positions } = layout;
    const maxRows = sheet.getMaxRows();
    const maxColumns = sheet.getMaxColumns();
    const guard = def.guard;
    const wider = guard.columns ? columnRuns(def, positions, guard.columns.keys) : [];
    const dataRows = Math.max(1, maxRows - 1);
    const cellsAt = guard.cells ? positions.get(guard.cells.key) : undefined;
    const cells = guard.cells && cellsAt !== undefined ? { row: guard.cells.firstRow, column: cellsAt, numRows: guard.cells.rows, numColumns: 1 } : null;
    out.push({
      description: `${PROTECTION_PREFIX}${def.name} (${GROUP_LABEL[guard.sheet]})`,
      sheet,
      rect: null,
      warningOnly: false,
      editors: groupEditors(roster, guard.sheet),
      unprotected: [...wider.map((r) => ({ row: 2, column: r.first, numRows: dataRows, numColumns: r.count })), ...(cells ? [cells] : [])],
    });
    if (guard.cells && cells) {
      out.push({
        description: `${PROTECTION_PREFIX}${def.name} › chooser (${GROUP_LABEL[guard.cells.group]})`,
        sheet,
        rect: cells,
        unprotected: [],
        warningOnly: false,
        editors: groupEditors(roster, guard.cells.group),
      });
    }
    if (guard.columns) {
      for (const r of wider) {
        out.push({
          description: `${PROTECTION_PREFIX}${def.name} › ${r.headers.join(', ')} (${GROUP_LABEL[guard.columns.group]})`,
          sheet,
          rect: { row: 2, column: r.first, numRows: dataRows, numColumns: r.count },
          unprotected: [],
          warningOnly: false,
          editors: groupEditors(roster, guard.columns.group),
        });
      }
    }
    if (guard.sheet === 'team') {
      // The header row decides which column is which: only managers may rename it.
      out.push({
        description: `${PROTECTION_PREFIX}${def.name} header (${GROUP_LABEL.managers})`,
        sheet,
        rect: { row: 1, column: 1, numRows: 1, numColumns: maxColumns },
        unprotected: [],
        warningOnly: false,
        editors: groupEditors(roster, 'managers'),
      });
      // Columns only the tracker fills still warn the partner team before a hand edit.
      const computed = def.columns.filter((c) => c.computed).map((c) => c.key);
      for (const r of columnRuns(def, positions, computed)) {
        out.push({
          description: `${PROTECTION_PREFIX}${def.name} › computed: ${r.headers.join(' | ')}`,
          sheet,
          rect: { row: 2, column: r.first, numRows: dataRows, numColumns: r.count },
          unprotected: [],
          warningOnly: true,
          editors: [],
        });
      }
    }
  }
  return out;
}

/** Adjacent runs of these columns, in sheet order. */
function columnRuns(def: TabDef, positions: ReadonlyMap<string, number>, keys: readonly string[]): Array<{ first: number; count: number; headers: string[] }> {
  const located = keys
    .map((k) => ({ at: positions.get(k), header: def.columns.find((c) => c.key === k)?.header ?? k }))
    .filter((x): x is { at: number; header: string } => x.at !== undefined)
    .sort((a, b) => a.at - b.at);
  const runs: Array<{ first: number; count: number; headers: string[] }> = [];
  for (const x of located) {
    const last = runs[runs.length - 1];
    if (last && last.first + last.count === x.at) {
      last.count++;
      last.headers.push(x.header);
    } else {
      runs.push({ first: x.at, count: 1, headers: [x.header] });
    }
  }
  return runs;
}

const a1 = (r: Rect) => `${r.row}:${r.column}:${r.numRows}:${r.numColumns}`;
const rangeKey = (range: GoogleAppsScript.Spreadsheet.Range) => a1({ row: range.getRow(), column: range.getColumn(), numRows: range.getNumRows(), numColumns: range.getNumColumns() });

/**
 * Makes the tracker's protections match the team. `layouts` gives each tab's
 * sheet and column positions. Returns what changed and what this person could not change.
 */
export function reconcileProtections(ss: Spreadsheet, roster: Roster, layouts: ReadonlyMap<TabKey, TabLayout>): ProtectionReport {
  const report: ProtectionReport = { changed: [], couldNot: [] };
  const desired = desiredProtections(roster, layouts);
  const existing = [...ss.getProtections(SpreadsheetApp.ProtectionType.SHEET), ...ss.getProtections(SpreadsheetApp.ProtectionType.RANGE)]
    .map((p) => ({ p, description: p.getDescription() }))
    .filter((x) => x.description.startsWith(PROTECTION_PREFIX));
  const wanted = new Set(desired.map((d) => d.description));

  // Obsolete protections (an older schema's, or a column run that moved) go first, so new ones do not overlap them.
  for (const x of existing) {
    if (wanted.has(x.description)) continue;
    if (!x.p.canEdit()) {
      report.couldNot.push(x.description.slice(PROTECTION_PREFIX.length));
      continue;
    }
    x.p.remove();
    report.changed.push(`Removed the old protection "${x.description.slice(PROTECTION_PREFIX.length)}".`);
  }

  for (const d of desired) {
    const name = d.description.slice(PROTECTION_PREFIX.length);
    let p: Protection | null = existing.find((x) => x.description === d.description)?.p ?? null;
    if (p && d.rect && rangeKey(p.getRange()) !== a1(d.rect)) {
      if (!p.canEdit()) {
        report.couldNot.push(name);
        continue;
      }
      p.remove();
      p = null;
    }
    if (!p) {
      p = (d.rect ? d.sheet.getRange(d.rect.row, d.rect.column, d.rect.numRows, d.rect.numColumns).protect() : d.sheet.protect()).setDescription(d.description);
      if (d.warningOnly) p.setWarningOnly(true);
      report.changed.push(d.warningOnly ? `${name}: warns before a hand edit.` : `${name}: protected.`);
    } else if (!p.canEdit()) {
      if (!d.warningOnly) report.couldNot.push(name);
      continue;
    }
    if (d.warningOnly) {
      if (!p.isWarningOnly()) p.setWarningOnly(true);
      continue;
    }
    if (p.isWarningOnly()) p.setWarningOnly(false);
    if (d.rect === null && d.unprotected.length) {
      const current = p.getUnprotectedRanges().map(rangeKey).sort().join('|');
      if (current !== d.unprotected.map(a1).sort().join('|')) {
        p.setUnprotectedRanges(d.unprotected.map((u) => d.sheet.getRange(u.row, u.column, u.numRows, u.numColumns)));
      }
    }
    syncEditors(p, d.editors, name, report);
    if (p.canDomainEdit()) p.setDomainEdit(false);
  }
  return report;
}

function syncEditors(p: Protection, editors: string[], name: string, report: ProtectionReport): void {
  const current = p.getEditors().map((u) => u.getEmail().toLowerCase());
  const add = editors.filter((e) => !current.includes(e));
  // Google keeps the spreadsheet's owner and the person running this whatever is asked.
  const remove = current.filter((e) => !editors.includes(e));
  if (add.length === 0 && remove.length === 0) return;
  if (add.length) p.addEditors(add);
  if (remove.length) p.removeEditors(remove);
  const kept = p
    .getEditors()
    .map((u) => u.getEmail().toLowerCase())
    .filter((e) => !editors.includes(e));
  report.changed.push(`${name}: editors now ${editors.join(', ')}${kept.length ? ` (Google also keeps ${kept.join(', ')})` : ''}.`);
}

import { columnLetter } from './a1';
import { COLUMN_IDENTITY, TAB_IDENTITY, TabCarrier, identityVisibility, readTabIdentities } from './identity';
import { ColumnDef, TabDef, TabKey } from './schema';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Metadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

/**
 * Setup's side of the tabs' and columns' identity (tracker/identity.ts): which
 * sheet is which tab before anything is written, names put back, duplicate
 * identities removed, and the identity attached to every tab and column that
 * lacks it (an older tracker's, or a column added now). Setup reads every tab
 * identity in one read and each tab's column identities in one more.
 */

/** What setup does with one tab. */
export interface TabPlan {
  def: TabDef;
  /** The tab's sheet; null when setup creates it. */
  sheet: Sheet | null;
  /** Whether the sheet carries the tab's identity already. */
  identified: boolean;
  /** The sheet's name once setup has put names back: the tab's, unless someone else's tab holds it. */
  name: string;
  /** The same identity on other sheets (copies of the tab): removed. */
  copies: TabCarrier[];
}

export interface TabResolution {
  plans: Map<TabKey, TabPlan>;
  /** Names to put back, in an order that never needs a name still in use; `was` is the name before setup (a swap goes through a temporary name). */
  renames: Array<{ sheet: Sheet; from: string; to: string; final: boolean; was: string }>;
  notices: string[];
}

/**
 * Which sheet is each tab. A sheet with the tab's name is the tab, unless it
 * carries another tab's identity; a tab no sheet is named as is the sheet that
 * carries its identity, and gets its name back when the name is free (or freed
 * by another tab's name going back: renamed tabs can swap names). When a sheet
 * that is not the tracker's holds the name, both are left as they are and a
 * notice says which is the tracker's. Throws, before anything is changed, when
 * two sheets carry a tab's identity and neither has its name.
 */
export function resolveTabs(ss: Spreadsheet, defs: readonly TabDef[], sheets: Array<{ sheet: Sheet; name: string }>): TabResolution {
  const identities = readTabIdentities(ss);
  const byName = new Map(sheets.map((s) => [s.name, s.sheet] as const));
  const keyOf = new Map<string, string>();
  for (const [key, carriers] of identities) for (const c of carriers) keyOf.set(c.name, key);
  const plans = new Map<TabKey, TabPlan>();
  const moves: Array<{ def: TabDef; carrier: TabCarrier }> = [];
  const ambiguous: string[] = [];
  for (const def of defs) {
    const carriers = identities.get(def.key) ?? [];
    const own = carriers.find((c) => c.name === def.name);
    const named = byName.get(def.name) ?? null;
    if (own) {
      plans.set(def.key, { def, sheet: own.sheet, identified: true, name: def.name, copies: carriers.filter((c) => c !== own) });
    } else if (carriers.length === 1) {
      plans.set(def.key, { def, sheet: carriers[0].sheet, identified: true, name: def.name, copies: [] });
      moves.push({ def, carrier: carriers[0] });
    } else if (carriers.length > 1) {
      ambiguous.push(`${def.name} (${carriers.map((c) => `"${c.name}"`).join(' and ')})`);
    } else {
      // A sheet with the name that carries another tab's identity is that tab, not this one.
      plans.set(def.key, { def, sheet: named && !keyOf.has(def.name) ? named : null, identified: false, name: def.name, copies: [] });
    }
  }
  if (ambiguous.length) {
    throw new Error(
      `More than one tab says it is the tracker's ${ambiguous.join('; ')}, and none has the tab's name (one is probably a copy). ` +
        "Rename the tracker's own tab back to its name (or delete the copy), then run setup again. Nothing was changed.",
    );
  }
  const names = new Set(byName.keys());
  const { renames, blocked } = orderRenames(
    moves.map((m) => ({ sheet: m.carrier.sheet, from: m.carrier.name, to: m.def.name })),
    names,
  );
  for (const m of blocked) {
    const plan = [...plans.values()].find((p) => p.def.name === m.to);
    if (plan) plan.name = m.from;
  }
  const notices = blocked.map(
    (m) =>
      `The tracker's ${m.to} tab is the one now named "${m.from}"; another tab is named "${m.to}", so its name was not put back. ` +
      `Rename or delete that other "${m.to}" tab, then run Set up tracker again: until then the tracker may not find its ${m.to} tab.`,
  );
  for (const def of defs) {
    // A tab to create whose name a sheet carrying another tab's identity keeps: nothing sensible can be written.
    if (!plans.get(def.key)?.sheet && names.has(def.name) && keyOf.has(def.name)) {
      throw new Error(
        `The tracker's ${def.name} tab is missing, and the tab named "${def.name}" says it is the tracker's ${defs.find((d) => d.key === keyOf.get(def.name))?.name ?? keyOf.get(def.name)} tab. ` +
          'Rename that tab, then run setup again. Nothing was changed.',
      );
    }
  }
  return { plans, renames, notices };
}

interface Move {
  sheet: Sheet;
  from: string;
  to: string;
  was?: string;
}

/**
 * Renames in an order where each target name is free when it is taken; a cycle
 * (tabs that swapped names) goes through a temporary name. Moves whose target a
 * sheet that is not moving keeps are blocked.
 */
function orderRenames(moves: Move[], names: Set<string>): { renames: TabResolution['renames']; blocked: Move[] } {
  const pending = moves.map((m) => ({ ...m, was: m.from }));
  const renames: TabResolution['renames'] = [];
  const step = (m: Move, to: string, final: boolean) => {
    renames.push({ sheet: m.sheet, from: m.from, to, final, was: m.was ?? m.from });
    names.delete(m.from);
    names.add(to);
    m.from = to;
  };
  for (;;) {
    const free = pending.findIndex((m) => !names.has(m.to));
    if (free >= 0) {
      step(pending[free], pending[free].to, true);
      pending.splice(free, 1);
      continue;
    }
    const inCycle = pending.find((m) => {
      let at: Move | undefined = m;
      for (let i = 0; at && i < pending.length; i++) {
        at = pending.find((o) => o.from === (at as Move).to);
        if (at === m) return true;
      }
      return false;
    });
    if (!inCycle) return { renames, blocked: pending };
    let temp = `${inCycle.to} (tracker)`;
    for (let n = 2; names.has(temp); n++) temp = `${inCycle.to} (tracker ${n})`;
    step(inCycle, temp, false);
  }
}

/** A column identity as read: `at` is null until its location is read. */
export interface ColumnTag {
  key: string;
  at: number | null;
  metadata: Metadata;
}

export interface ColumnTags {
  /** Each column carries its identity where its header is (their number says so); `tags` are then not read. */
  complete: boolean;
  tags: ColumnTag[];
}

/**
 * The column identities of a sheet, in one read. What each says (a call each)
 * only when their number does not match the header: one per column, each
 * header found once, is the state setup leaves, and reading past the count
 * would not tell more. Where each is (a call each) only when the header and the
 * identities do not line up one to one.
 */
export function readColumnTags(sheet: Sheet, rows: number, columns: number, def: TabDef, header: readonly string[]): ColumnTags {
  const found = sheet.getRange(1, 1, rows, columns).createDeveloperMetadataFinder().withKey(COLUMN_IDENTITY).withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.COLUMN).find();
  const hits = (col: ColumnDef) => header.filter((h) => h === col.header).length;
  if (found.length === def.columns.length && def.columns.every((col) => hits(col) === 1)) return { complete: true, tags: [] };
  const tags: ColumnTag[] = found.map((metadata) => ({ key: metadata.getValue() ?? '', at: null, metadata }));
  const lineUp = def.columns.every((col) => {
    const marks = tags.filter((t) => t.key === col.key).length;
    return (hits(col) === 1 && marks <= 1) || (hits(col) === 0 && marks === 0);
  });
  if (!lineUp) {
    for (const tag of tags) {
      const column = tag.metadata.getLocation().getColumn();
      tag.at = column ? column.getColumn() : null;
    }
  }
  return { complete: false, tags };
}

export interface ColumnPlan {
  positions: Map<string, number>;
  /** Columns the sheet lacks: appended. */
  missing: ColumnDef[];
  /** Header cells to put back (the column was found by its identity). */
  retitle: Array<{ col: ColumnDef; at: number; was: string }>;
  /** Existing columns to attach the identity to. */
  mark: Array<{ col: ColumnDef; at: number }>;
  /** Second identities of one column: removed. */
  unmark: Metadata[];
  notices: string[];
}

/**
 * Where each column is: its identity first (where its location was read), then
 * its header text on a column no identity claims; what to repair. Pure.
 */
export function planColumns(def: TabDef, header: readonly string[], { complete, tags }: ColumnTags): ColumnPlan {
  const plan: ColumnPlan = { positions: new Map(), missing: [], retitle: [], mark: [], unmark: [], notices: [] };
  const claimed = new Map<number, string>();
  const hitsOf = (col: ColumnDef) => header.flatMap((h, i) => (h === col.header ? [i + 1] : []));
  for (const col of def.columns) {
    const located = tags.filter((t) => t.key === col.key && t.at !== null);
    if (!located.length) continue;
    const hits = hitsOf(col);
    const keep = located.find((t) => hits.includes(t.at as number)) ?? located[0];
    const at = keep.at as number;
    plan.positions.set(col.key, at);
    claimed.set(at, col.key);
    plan.unmark.push(...located.filter((t) => t !== keep).map((t) => t.metadata));
    const now = header[at - 1] ?? '';
    if (now !== col.header) plan.retitle.push({ col, at, was: now });
  }
  for (const col of def.columns) {
    if (plan.positions.has(col.key)) continue;
    const at = hitsOf(col).find((p) => !claimed.has(p));
    if (at === undefined) {
      plan.missing.push(col);
      continue;
    }
    plan.positions.set(col.key, at);
    claimed.set(at, col.key);
    if (!complete && !tags.some((t) => t.key === col.key)) plan.mark.push({ col, at });
  }
  const known = new Map(def.columns.map((col) => [col.header, col.key] as const));
  header.forEach((h, i) => {
    if (!h || claimed.has(i + 1)) return;
    const key = known.get(h);
    if (key === undefined) plan.notices.push(`${def.name}: column "${h}" is not part of the tracker; left as it is.`);
    else {
      plan.notices.push(`${def.name}: column ${columnLetter(i + 1)} is also headed "${h}", but the tracker's ${h} column is ${columnLetter(plan.positions.get(key) as number)}; rename the other one.`);
    }
  });
  return plan;
}

/** Attaches a column's identity to the whole column (Google takes metadata only on a whole row or column). */
export function markColumn(sheet: Sheet, rows: number, at: number, key: string): void {
  sheet.getRange(1, at, rows, 1).addDeveloperMetadata(COLUMN_IDENTITY, key, identityVisibility());
}

export function markTab(sheet: Sheet, key: TabKey): void {
  sheet.addDeveloperMetadata(TAB_IDENTITY, key, identityVisibility());
}

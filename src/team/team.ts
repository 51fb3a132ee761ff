import { appendAudit } from '../audit/audit-log';
import { Roster, RosterProblem, TeamMember, parseTeamRows, rosterChanges } from '../domain/roles';
import { readText, textCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { ColumnKey, TabKey, tab, TABS } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';
import { forgetState, trackerState } from './access';
import { ProtectionReport, TabLayout, reconcileProtections } from './protections';

/**
 * The Team tab is where people are given roles; the tracker's record holds the
 * roles as last confirmed, and that is what every check reads. A change on the
 * tab counts once the edit trigger has attributed it to a manager (or the
 * owner); anything else is put back from the record.
 */
export const OWNER_NOTE = "Runs the tracker's automation (its triggers) and holds every role.";

export interface TeamRow {
  row: number;
  email: string;
  role: string;
  name: string;
  notes: string;
}

export function readTeamRows(table: TrackerTable<'team'>): TeamRow[] {
  const cols = table.readColumns(['email', 'role', 'name', 'notes'] as const);
  return cols.email.map((email, i) => ({
    row: i + 2,
    email: readText(email),
    role: readText(cols.role[i]),
    name: readText(cols.name[i]),
    notes: readText(cols.notes[i]),
  }));
}

/** The members the tab asks for, and the rows that cannot count (each with its reason). */
export function teamFromTab(table: TrackerTable<'team'>, owner: string): { members: TeamMember[]; problems: RosterProblem[]; rows: TeamRow[] } {
  const rows = readTeamRows(table);
  return { ...parseTeamRows(rows, owner), rows };
}

/** Rewrites the tab from a roster: the owner first, then members by role and email; one write. */
export function writeTeamTab(table: TrackerTable<'team'>, roster: Roster, keepNotes: ReadonlyMap<string, string> = new Map()): void {
  const rows: Array<Record<ColumnKey<'team'>, string>> = [];
  if (roster.owner) rows.push({ email: roster.owner, role: 'Owner', name: '', notes: OWNER_NOTE });
  const sorted = [...roster.members].sort((a, b) => a.role.localeCompare(b.role) || a.email.localeCompare(b.email));
  for (const m of sorted) rows.push({ email: m.email, role: m.role, name: textCell(m.name), notes: textCell(keepNotes.get(`${m.email}|${m.role}`) ?? '') });
  const existing = table.rowCount();
  const height = Math.max(existing, rows.length);
  if (height === 0) return;
  const grid = Array.from({ length: height }, (_, i) => {
    const r = rows[i];
    const out = new Array<string>(table.width).fill('');
    if (r) for (const key of Object.keys(r) as Array<ColumnKey<'team'>>) out[table.column(key) - 1] = r[key];
    return out;
  });
  table.sheet.getRange(2, 1, height, table.width).setValues(grid);
}

/** Every tab's sheet and column positions, from their header rows (what the protections are drawn over). */
/** Each tab's sheet and column positions (every tab unless `keys` says which), for the protections. */
export function headerPositions(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, keys: readonly TabKey[] = TABS.map((t) => t.key)): Map<TabKey, TabLayout> {
  const out = new Map<TabKey, TabLayout>();
  for (const key of keys) {
    const table = TrackerTable.tryOpen(ss, key);
    if (table) out.set(key, { sheet: table.sheet, positions: new Map(table.positions) });
  }
  return out;
}

/**
 * Makes `next` the confirmed team: the record, the protections (as far as this
 * person may change them), the audit trail. Returns what changed.
 */
export function applyRoster(ctx: TrackerContext, next: Roster, headers: ReadonlyMap<TabKey, TabLayout>): { changes: string[]; protections: ProtectionReport } {
  const state = trackerState(ctx);
  const record = state.record();
  const before = state.roster();
  const changes = rosterChanges(before, next);
  if (changes.length) {
    state.writeRecord({
      owner: next.owner,
      ownerSince: record && record.owner === next.owner ? record.ownerSince : ctx.now.toISOString(),
      members: [...next.members],
      settings: record?.settings ?? {},
    });
    forgetState(ctx);
  }
  const protections = reconcileProtections(ctx.ss, next, headers);
  if (changes.length) {
    appendAudit(
      ctx,
      changes.map((change) => ({
        at: ctx.now,
        user: ctx.actor,
        source: ctx.source,
        tab: tab('team').name,
        range: '',
        recordId: '',
        field: '(team)',
        oldValue: '',
        newValue: change,
      })),
    );
  }
  return { changes, protections };
}

/**
 * What every bench group starts from: a tracker set up by the built bundle for
 * a team on one Workspace domain (so the edit trigger is told who edited), and
 * rows in its sealed tabs written the way the tracker writes them
 * (TrackerTable.append: sealed, the tab grown, one write) — rows pasted
 * straight into the sheet would be held as "not written by the tracker" and
 * the bench would measure refusals. Also: checks that an operation did what
 * it is named for, so a bench that measures a refusal fails loudly.
 */
import { Emulator, EmulatorOverrides } from '../emulator';
import type { LogEntry } from '../emulator/services';
import type { TriggerRun } from '../emulator/triggers/registry';
import { auditCells, chainHash } from '../src/domain/audit-chain';
import { formatId } from '../src/tracker/ids';
import { AUDIT_HEAD_KEY } from '../src/tracker/state';
import { columnLetter } from '../src/tracker/a1';
import { CellValue } from '../src/tracker/cells';
import { SETTING_DEFS } from '../src/domain/settings';
import { ColumnKey, TabKey, column, tab } from '../src/tracker/schema';
import { TrackerTable } from '../src/tracker/table';

export const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);

export const OWNER = 'owner@example.com';
/** Partner team: edits Leads in the grid, registers and moves leads in the sidebar. */
export const ANA = 'ana@example.com';
/** Managers: approve, run payouts; they may type in the Commissions status column (the tracker decides). */
export const BOSS = 'boss@example.com';
export const CFO = 'cfo@example.com';

export type Role = 'Manager' | 'Finance' | 'Partner team';

export interface ApiResult<T> {
  ok: boolean;
  data?: T;
  error?: { message: string; fieldErrors?: Record<string, string> };
}

/** The endpoint's data, or a loud failure naming what it refused. */
export function expectOk<T>(result: unknown, what: string): T {
  const r = result as ApiResult<T>;
  if (!r || r.ok !== true) throw new Error(`${what} was refused: ${JSON.stringify(r?.error ?? r)}`);
  return r.data as T;
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** A google.script.run call as `user` (default the owner) that must succeed. */
export function api<T>(emu: Emulator, name: string, args: unknown[] = [], user = OWNER): T {
  return expectOk<T>(emu.run(name, args, { user }), `${name} as ${user}`);
}

/**
 * A set-up tracker on a Workspace domain (example.com), with the team given
 * their roles by the owner as the sidebar's Team view does.
 */
export function newTracker(code: string, options: { buildDir: string; now: string; team?: Array<[string, Role]>; emulator?: EmulatorOverrides }): Emulator {
  const emu = new Emulator({ buildDir: options.buildDir, ownerEmail: OWNER, accountType: 'workspace', ...options.emulator });
  emu.clock.set(options.now);
  emu.loadBundle(code);
  api(emu, 'apiRunSetup');
  // Setup writes an inactive example rule on row 2; the benchmarks write their own rules there, as a team that deleted it would.
  const rules = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Commission Rules');
  if (rules && rules.getLastRow() >= 2) rules.getRange(2, 1, rules.getLastRow() - 1, rules.getLastColumn()).clearContent();
  for (const [email, role] of options.team ?? []) api(emu, 'apiAddTeamMember', [{ email, role }]);
  return emu;
}

let fixtureSerial = 0;

/**
 * The active spreadsheet for code imported into this realm, with an id of its
 * own: the sealer caches each spreadsheet's key by getId() for the life of the
 * module, and every Emulator names its first spreadsheet alike, so without
 * this the second fixture would be sealed with the first one's key (and every
 * row would read as forged).
 */
function fixtureSpreadsheet(emu: Emulator): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  const id = `${ss.getId()}#bench-${++fixtureSerial}`;
  return new Proxy(ss, { get: (target, prop) => (prop === 'getId' ? () => id : Reflect.get(target, prop)) });
}

/**
 * Appends records to a tracker tab as the tracker does (TrackerTable.append:
 * sealed rows, the tab grown first, one write). `build` gets the table and the
 * sheet row the first record will land on (for row-relative formulas).
 */
export function appendRecords(emu: Emulator, key: TabKey, build: (table: TrackerTable, firstRow: number) => Array<Record<string, CellValue | undefined>>): number {
  const restore = emu.installGlobals();
  try {
    const table = TrackerTable.open(fixtureSpreadsheet(emu), key);
    const records = build(table, table.lastRow() + 1);
    return table.append(records);
  } finally {
    restore();
  }
}

/** A cell of a tracker tab by column key, in A1 form ("Leads!L2"). */
export function cell(key: TabKey, columnKey: string, row: number): string {
  return `${tab(key).name}!${columnLetter(tab(key).columns.findIndex((c) => c.key === columnKey) + 1)}${row}`;
}

/** A block of one tab's columns (keys in sheet order), rows firstRow..lastRow, in A1 form. */
export function block(key: TabKey, fromColumn: string, toColumn: string, firstRow: number, lastRow: number): string {
  const at = (k: string) => columnLetter(tab(key).columns.findIndex((c) => c.key === k) + 1);
  return `${tab(key).name}!${at(fromColumn)}${firstRow}:${at(toColumn)}${lastRow}`;
}

/** One column's values for some rows, read (uncounted by the measure: outside it) for checks. */
export function columnValues(emu: Emulator, key: TabKey, columnKey: string, firstRow: number, count: number): string[] {
  const sheet = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName(tab(key).name) as GoogleAppsScript.Spreadsheet.Sheet;
  const at = tab(key).columns.findIndex((c) => c.key === columnKey) + 1;
  return sheet
    .getRange(firstRow, at, count, 1)
    .getDisplayValues()
    .map((r) => r[0]);
}

export function lastRow(emu: Emulator, key: TabKey): number {
  return (emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName(tab(key).name) as GoogleAppsScript.Spreadsheet.Sheet).getLastRow();
}

/** The execution log from now on: call the returned function after the operation. */
export function logFromHere(emu: Emulator): () => LogEntry[] {
  const mark = emu.services.log.entries.length;
  return () => emu.services.log.entries.slice(mark);
}

/** The JSON a handler logged after `prefix` ("maintenance: ", "edit: ", "partner form response: "), or null. */
export function loggedJson<T>(entries: LogEntry[], prefix: string): T | null {
  const line = entries.find((e) => e.message.startsWith(prefix));
  return line ? (JSON.parse(line.message.slice(prefix.length)) as T) : null;
}

export function expectRunsOk(runs: ReadonlyArray<{ handler: string; ok: boolean; error?: string }> | undefined, what: string): void {
  check(runs && runs.length > 0, `${what}: no trigger ran`);
  const failed = runs.filter((r) => !r.ok);
  check(failed.length === 0, `${what}: ${failed.map((r) => `${r.handler} failed: ${r.error}`).join('; ')}`);
}

/** A person's edit that Sheets accepted and whose edit trigger ran without an error; returns what the trigger logged (null: nothing to report). */
export function expectEditHandled<T = EditLog>(outcome: ReturnType<Emulator['editAsUser']>, entries: LogEntry[], what: string): T | null {
  check(outcome.accepted, `${what}: Sheets refused the edit: ${outcome.reason}`);
  expectRunsOk(outcome.triggerRuns, what);
  const logged = loggedJson<T & { skipped?: string }>(entries, 'edit: ');
  check(!logged?.skipped, `${what}: the edit trigger did nothing: ${logged?.skipped}`);
  return logged;
}

export interface EditLog {
  logged: number;
  refused: string[];
  restored: number[];
  commissions: string[];
  putBack: number[];
}

export type HourlySteps = Record<string, unknown>;

/** The owner's hourly trigger. */
export function hourlyTrigger(emu: Emulator): string {
  const clock = emu.services.triggers.list({ eventType: 'CLOCK' }).filter((t) => t.handler === 'onTrackerMaintenance');
  check(clock.length === 1, `expected one hourly trigger, found ${clock.length}`);
  return clock[0].uid;
}

/** The hourly run's steps, each checked not to have failed. */
export function expectHourlyRan(runs: TriggerRun[], entries: LogEntry[]): HourlySteps {
  expectRunsOk(runs, 'the hourly run');
  const steps = loggedJson<HourlySteps>(entries, 'maintenance: ');
  const skipped = entries.find((e) => e.message.startsWith('maintenance skipped: '));
  check(steps, `the hourly run did nothing: ${skipped?.message ?? 'no maintenance log line'}`);
  const failed = Object.entries(steps).filter(([, v]) => v && typeof v === 'object' && 'failed' in (v as object));
  check(failed.length === 0, `hourly steps failed: ${JSON.stringify(Object.fromEntries(failed))}`);
  return steps;
}

/** The owner sets a Settings value by typing it into the tab, as a manager would (the edit trigger confirms it). */
export function setSetting(emu: Emulator, key: string, value: string): void {
  const label = SETTING_DEFS.find((d) => d.key === key)?.label;
  check(label, `no setting ${key}`);
  const sheet = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName(tab('settings').name) as GoogleAppsScript.Spreadsheet.Sheet;
  const labels = sheet
    .getRange(1, 1, sheet.getLastRow(), 1)
    .getDisplayValues()
    .map((r) => r[0].trim());
  const row = labels.indexOf(label) + 1;
  check(row > 1, `the Settings tab has no "${label}" row`);
  const log = logFromHere(emu);
  const outcome = emu.editAsUser(cell('settings', 'value', row), value, OWNER);
  const logged = expectEditHandled(outcome, log(), `setting ${label}`);
  check(!logged?.refused.length, `setting ${label} was put back: ${logged?.refused.join(' ')}`);
}

// ---- records, as the tracker writes them -------------------------------------------------

export const partnerId = (n: number) => formatId('P-', n);
export const leadId = (n: number) => formatId('L-', n);

export function partnerRecords(count: number, name: (n: number) => string, email: (n: number) => string, now: Date): Array<Record<string, CellValue>> {
  return Array.from({ length: count }, (_, i) => ({
    id: partnerId(i + 1),
    name: name(i + 1),
    code: `CODE${i + 1}`,
    contactEmail: email(i + 1),
    type: 'Reseller',
    tier: 'Gold',
    status: 'Active',
    joinedOn: '2025-01-01',
    createdAt: now.toISOString().slice(0, 19).replace('T', ' '),
  }));
}

/** The header text of a column, for messages. */
export function header<T extends TabKey>(key: T, columnKey: ColumnKey<T>): string {
  return column(key, columnKey).header;
}

/**
 * Appends `size` hash-chained Audit Log rows (one a minute from `fromMs`) behind the tracker's
 * back, then moves its head (kept in developer metadata) to them, as a writer would.
 */
export function appendChainedAuditRows(emu: Emulator, fromMs: number, size: number): void {
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  const audit = ss.getSheetByName('Audit Log') as GoogleAppsScript.Spreadsheet.Sheet;
  const existing = audit.getLastRow() - 1;
  let previous = existing > 0 ? String(audit.getRange(audit.getLastRow(), 11).getValue()) : '';
  const rows = Array.from({ length: size }, (_, i) => {
    const at = new Date(fromMs + i * 60000);
    const cells = auditCells(
      { at, user: ANA, source: 'edit', tab: 'Leads', range: `R${i + 2}`, recordId: `L-${String(i + 1).padStart(6, '0')}`, field: 'Notes', oldValue: '', newValue: `note ${i}` },
      at.toISOString().slice(0, 19).replace('T', ' '),
    );
    const hash = chainHash(previous, cells);
    const row = [...cells, hash, previous];
    previous = hash;
    return row;
  });
  if (audit.getMaxRows() < size + existing + 2) audit.insertRowsAfter(audit.getMaxRows(), size + existing + 2 - audit.getMaxRows());
  audit.getRange(existing + 2, 1, size, 12).setValues(rows);
  ss.createDeveloperMetadataFinder()
    .withKey(AUDIT_HEAD_KEY)
    .find()[0]
    .setValue(JSON.stringify({ rows: size + existing, hash: previous, at: new Date().toISOString() }));
}

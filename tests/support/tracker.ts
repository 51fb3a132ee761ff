import { Emulator, EmulatorOverrides, EmulatorSnapshot } from '../../emulator';
import { BUILD_DIR, CODE_JS, ensureBuilt } from './build';

/**
 * A tracker set up by the built add-on (build/Code.js in a bare V8 context) on
 * a fresh emulator: what a partner team has after "Set up tracker".
 */
export const OWNER = 'owner@example.com';

export interface ApiOk<T> {
  ok: true;
  data: T;
}
export interface ApiFail {
  ok: false;
  error: { message: string; fieldErrors?: Record<string, string> };
}
export type Api<T> = ApiOk<T> | ApiFail;

export function trackerOnBundle(options: EmulatorOverrides & { now?: string; exampleRule?: boolean } = {}) {
  ensureBuilt();
  const { now = '2026-03-01T15:00:00Z', exampleRule = false, ...emuOptions } = options;
  // The project's HTML files (Sidebar, PublicSuffix) are read from build/, beside Code.js.
  const emu = new Emulator({ buildDir: BUILD_DIR, ownerEmail: OWNER, spreadsheetTimeZone: 'America/New_York', ...emuOptions });
  // A Workspace team at example.com: Google names same-domain editors to the owner's edit trigger.
  emu.people.add({ email: OWNER, kind: 'workspace' });
  emu.clock.set(now);
  emu.loadBundle(CODE_JS);
  emu.run('menuSetUpTracker');
  // Setup writes an inactive example rule on row 2; tests write their own rules there, as a team that deleted it would.
  if (!exampleRule) clearExampleRule(emu);
  return trackerOf(emu);
}

/** Clears the Commission Rules tab's data rows (the example setup writes), as a team deleting it by hand. */
export function clearExampleRule(emu: Emulator): void {
  const rules = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Commission Rules');
  if (rules && rules.getLastRow() >= 2) rules.getRange(2, 1, rules.getLastRow() - 1, rules.getLastColumn()).clearContent();
}

/** The helpers over an emulator that already holds a set-up tracker (one restored from a snapshot: Emulator.restore). */
export function trackerOf(emu: Emulator) {
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  const api = <T>(name: string, ...args: unknown[]) => emu.run(name, args) as Api<T>;
  const ok = <T>(name: string, ...args: unknown[]): T => {
    const result = api<T>(name, ...args);
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
    return result.data;
  };
  /** A sidebar call as someone other than the owner. */
  const apiAs = <T>(user: string, name: string, ...args: unknown[]) => emu.run(name, args, { user }) as Api<T>;
  const okAs = <T>(user: string, name: string, ...args: unknown[]): T => {
    const result = apiAs<T>(user, name, ...args);
    if (!result.ok) throw new Error(`${name} as ${user} failed: ${JSON.stringify(result.error)}`);
    return result.data;
  };
  /** Gives someone a role, as the owner does in the sidebar's Team view. */
  const addTeam = (email: string, role: 'Manager' | 'Finance' | 'Partner team', name = '') => ok('apiAddTeamMember', { email, role, name });
  const sheet = (name: string) => ss.getSheetByName(name) as GoogleAppsScript.Spreadsheet.Sheet;
  /** A tab's data rows as header → display value records. */
  const rows = (name: string): Array<Record<string, string>> => {
    const s = sheet(name);
    if (s.getLastRow() < 2) return [];
    const grid = s.getRange(1, 1, s.getLastRow(), s.getLastColumn()).getDisplayValues();
    return grid.slice(1).map((r) => Object.fromEntries(grid[0].map((h, i) => [h, r[i]])));
  };
  const addPartner = (input: Record<string, unknown>) => ok<{ id: string; code: string }>('apiSavePartner', { type: 'Reseller', contactEmail: 'team@partner.example', ...input });
  /** The owner's hourly run, now; returns its runs. */
  const hourly = () => emu.fireTimeTrigger(emu.services.triggers.list({ eventType: 'CLOCK' })[0].uid);
  /** Types a setting's value straight into the Settings tab (no edit trigger). */
  const setSetting = (label: string, value: string) => {
    const at = rows('Settings').findIndex((r) => r.Setting === label);
    sheet('Settings')
      .getRange(at + 2, 2)
      .setValue(value);
  };
  /** The owner types a setting's value into the Settings tab: the edit trigger runs (and drops the cached settings). */
  const editSetting = (label: string, value: string) => {
    const at = rows('Settings').findIndex((r) => r.Setting === label);
    if (at < 0) throw new Error(`no setting ${label}`);
    const outcome = emu.editAsUser(`Settings!B${at + 2}`, value, OWNER);
    if (!outcome.accepted) throw new Error(`the edit of ${label} was refused`);
  };
  /** The partner form as it stands in Settings' "Verify partner emails: No" (code only, no respondent recorded): for tests of everything else. */
  const unverifiedForm = () => {
    editSetting('Verify partner emails', 'No');
    emu.run('menuCreatePartnerForm');
  };
  /** Verify audit log, as the owner: the alert's text ("Intact, …" or what was found). */
  const verify = () => {
    emu.run('menuVerifyAuditLog');
    return String(emu.services.ui.alerts.pop()?.prompt);
  };
  return { emu, ss, api, ok, apiAs, okAs, addTeam, sheet, rows, addPartner, hourly, setSetting, editSetting, unverifiedForm, verify };
}

export type Tracker = ReturnType<typeof trackerOnBundle>;

/**
 * A fixture built once per test file and handed out as fresh copies: the first call runs
 * `build`, snapshots its tracker's emulator (Emulator#snapshot), and every call (the first
 * included) gets a new emulator restored from that snapshot, with a private copy of the
 * fixture's other values. Each test so starts from the same state, as if it had built the
 * fixture itself, for the cost of a restore rather than a set-up.
 */
export function restoredFixture<X extends { t: Tracker }>(build: () => X): () => X {
  let prepared: { snapshot: EmulatorSnapshot; rest: Omit<X, 't'> } | null = null;
  return () => {
    if (!prepared) {
      const { t, ...rest } = build();
      prepared = { snapshot: t.emu.snapshot(), rest };
    }
    return { ...structuredClone(prepared.rest), t: trackerOf(Emulator.restore(prepared.snapshot)) } as unknown as X;
  };
}

const bareTrackers = new Map<string, () => { t: Tracker }>();

/**
 * What trackerOnBundle(options) gives, set up once per test file for the same options and
 * restored from its snapshot on every call: for tests that each start from a bare tracker.
 */
export function restoredTracker(options: { now?: string; exampleRule?: boolean } = {}): Tracker {
  const key = JSON.stringify(options);
  let fixture = bareTrackers.get(key);
  if (!fixture) {
    fixture = restoredFixture(() => ({ t: trackerOnBundle(options) }));
    bareTrackers.set(key, fixture);
  }
  return fixture().t;
}

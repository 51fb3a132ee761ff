import { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { tab } from '../../src/tracker/schema';

/**
 * What the Chromium tests of the add-on's sidebar share: opening it from the
 * add-on menu, finding its frame and navigation, reading focus, checking the
 * 300 px layout, and seeding the tracker through the emulator (as a script or
 * another user, never through the page).
 */

/** The user who registers the deals the owner (the workspace's user) then wins and approves: give her the Partner team role first. */
export const ANA = 'ana@example.com';

// ---- the page ----

/** Extensions → Partnership Tracker: the add-on's menu, open. */
export async function openAddonMenu(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: 'Extensions' }).click();
  await page.getByRole('menuitem', { name: 'Partnership Tracker' }).click();
}

/**
 * Extensions → Partnership Tracker → Open sidebar, until the panel shows its
 * frame: the menu item runs a server function first, so on a slow machine the
 * panel appears well after the click.
 */
export async function openSidebar(page: Page): Promise<void> {
  await openAddonMenu(page);
  await page.getByRole('menuitem', { name: 'Open sidebar' }).click();
  await page.locator('#sidebar-frame').waitFor({ state: 'visible' });
}

/** Set up tracker, in the sidebar, until it says it finished. */
export async function setUpTrackerInSidebar(sidebar: FrameLocator): Promise<void> {
  await sidebar.getByRole('button', { name: 'Set up tracker' }).click();
  await sidebar.getByText('Setup finished').waitFor();
}

/** The sidebar's frame (for evaluate and waitForFunction); throws when the sidebar is not open. */
export function sidebarFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('/html/sidebar/'));
  if (!frame) throw new Error('sidebar frame not found');
  return frame;
}

/** A button of the sidebar's navigation bar, by its exact name. */
export function navButton(sidebar: FrameLocator, name: string): Locator {
  return sidebar.getByRole('navigation', { name: 'Sidebar views' }).getByRole('button', { name, exact: true });
}

/**
 * The focused element in the sidebar as "tag:name": its aria-label, else (for a
 * labelled input) its label, else its text. "button:Refresh", "input:L-000001 · Initech …".
 */
export async function activeElement(page: Page): Promise<string> {
  return sidebarFrame(page).evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    if (el instanceof HTMLInputElement && el.labels?.length) return `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.labels[0].textContent?.trim()}`;
    return `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}`;
  });
}

/** The computed outline style of the focused element (never "none": focus must be visible). */
export async function focusOutlineStyle(page: Page): Promise<string> {
  return sidebarFrame(page).evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
}

/** Waits until the sidebar's screen-reader announcer says exactly `text`. */
export async function waitForAnnouncement(page: Page, text: string): Promise<void> {
  await sidebarFrame(page).waitForFunction((expected) => document.getElementById('announcer')?.textContent === expected, text);
}

export interface ScrollChecks {
  /** Also: the body is no wider than the sidebar. */
  body?: boolean;
  /** Also: no element matching this selector clips its text (text wider than its box overflows without widening the page). */
  clipped?: string;
}

/** The sidebar (at most 300 px) does not scroll sideways: nothing is wider than it. */
export async function expectNoHorizontalScroll(page: Page, checks: ScrollChecks = {}): Promise<void> {
  const sizes = await sidebarFrame(page).evaluate(
    (clippedSelector) => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      body: document.body.scrollWidth,
      widest: Math.max(...Array.from(document.querySelectorAll('body *')).map((el) => el.getBoundingClientRect().right)),
      clipped: clippedSelector
        ? Array.from(document.querySelectorAll<HTMLElement>(clippedSelector))
            .filter((el) => el.offsetParent && el.scrollWidth > el.clientWidth + 1)
            .map((el) => el.textContent)
        : [],
    }),
    checks.clipped ?? '',
  );
  expect(sizes.client).toBeLessThanOrEqual(300);
  expect(sizes.scroll).toBeLessThanOrEqual(sizes.client);
  if (checks.body) expect(sizes.body).toBeLessThanOrEqual(sizes.client);
  expect(sizes.widest).toBeLessThanOrEqual(sizes.client);
  if (checks.clipped) expect(sizes.clipped).toEqual([]);
}

/** Calls a server function the way the sidebar does, through the page's google.script.run shim (so, as the workspace's user). */
export async function runInSidebar(page: Page, name: string, ...args: unknown[]): Promise<{ ok: boolean; data?: unknown; error?: { message: string } }> {
  const reply = await sidebarFrame(page).evaluate(
    ([fn, a]) =>
      new Promise<string>((resolve, reject) => {
        type Runner = Record<string, (...args: unknown[]) => void> & {
          withSuccessHandler(f: (v: unknown) => void): Runner;
          withFailureHandler(f: (e: Error) => void): Runner;
        };
        const run = (window as unknown as { google: { script: { run: Runner } } }).google.script.run;
        const runner = run.withSuccessHandler((v) => resolve(JSON.stringify(v))).withFailureHandler((e) => reject(e));
        runner[fn as string](...(a as unknown[]));
      }),
    [name, args] as const,
  );
  return JSON.parse(reply);
}

// ---- seeding the tracker through the emulator ----

/** A server function run through the emulator (as the owner, the workspace's user, unless `user`); throws on a failed result. */
export function ok<T>(workspace: RunningWorkspace, name: string, args: unknown[], user?: string): T {
  const result = workspace.emulator.run(name, args, user ? { user } : {}) as { ok: boolean; data?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${name} failed: ${result.error?.message}`);
  return result.data as T;
}

/** A tab's data rows as header → display value. */
export function rows(workspace: RunningWorkspace, tab: string): Array<Record<string, string>> {
  const sheet = workspace.emulator.spreadsheetApp.getActiveSpreadsheet().getSheetByName(tab);
  if (!sheet) throw new Error(`no ${tab} tab`);
  const grid = sheet.getRange(1, 1, Math.max(1, sheet.getLastRow()), sheet.getLastColumn()).getDisplayValues();
  return grid.slice(1).map((r) => Object.fromEntries(grid[0].map((h, i) => [h, r[i]])));
}

/** Writes one setting's value in the Settings tab (as a script: no edit trigger). */
export function setSetting(workspace: RunningWorkspace, label: string, value: string): void {
  const sheet = workspace.emulator.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Settings')!;
  const grid = sheet.getRange(1, 1, sheet.getLastRow(), 2).getDisplayValues();
  const at = grid.findIndex((r) => r[0] === label);
  if (at < 0) throw new Error(`no setting ${label}`);
  sheet.getRange(at + 1, 2).setValue(value);
}

/** Saves an active partner through the API (as the owner). */
export function savePartner(workspace: RunningWorkspace, name: string, code: string, contactEmail: string, type: string): void {
  ok(workspace, 'apiSavePartner', [{ name, code, contactEmail, type, region: '', status: 'Active' }]);
}

/** The Commission Rules tab's columns, in order, as the keys a rule is written with (from the tab's schema). */
const RULE_KEYS = tab('rules').columns.map((c) => c.key);

/** Writes commission rules under the Commission Rules tab's header (checked to be in RULE_KEYS' order first); keys left out are blank. */
export function writeCommissionRules(workspace: RunningWorkspace, rules: Array<Record<string, string | number>>): void {
  const rulesTab = workspace.emulator.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Commission Rules')!;
  expect(rulesTab.getRange(1, 1, 1, RULE_KEYS.length).getDisplayValues()[0]).toEqual([
    'Rule ID',
    'Name',
    'Rule Type',
    'Partner Tier',
    'Partner Type',
    'Product',
    'Kind',
    'Rate',
    'Flat Amount',
    'Accelerator Threshold',
    'Accelerator Rate',
    'Cap Per Deal',
    'Holding Days',
    'Effective From',
    'Effective To',
    'Notes',
    'Active',
    'Problems',
  ]);
  rulesTab.getRange(2, 1, rules.length, RULE_KEYS.length).setValues(rules.map((r) => RULE_KEYS.map((k) => r[k] ?? '')));
}

/** What registering a deal with `company` for a partner sends (website and contact made up from the name). */
export function leadInput(partnerId: string, company: string): Record<string, string> {
  return { partnerId, company, website: `${company.toLowerCase()}.example`, contactEmail: `ceo@${company.toLowerCase()}.example` };
}

/** Moves a registered lead through Accepted and Qualified to Closed Won (as the owner). */
export function winLead(workspace: RunningWorkspace, leadId: string, dealAmount: string, closedOn: string): void {
  ok(workspace, 'apiMoveLead', [leadId, { to: 'Accepted' }]);
  ok(workspace, 'apiMoveLead', [leadId, { to: 'Qualified' }]);
  ok(workspace, 'apiMoveLead', [leadId, { to: 'Closed Won', dealAmount, closedOn }]);
}

/**
 * Fires the tracker's hourly trigger (expiry, payable commissions, payouts when their day has
 * come, the automation's heartbeat): the one `owner` holds (by default the workspace's user,
 * who set the tracker up). Every run must succeed.
 */
export function fireHourlyTrigger(workspace: RunningWorkspace, owner: string = workspace.emulator.ctx.options.ownerEmail): void {
  const clocks = workspace.emulator.services.triggers.list({ eventType: 'CLOCK', owner });
  expect(clocks).toHaveLength(1);
  expect(workspace.emulator.fireTimeTrigger(clocks[0].uid).every((run) => run.ok)).toBe(true);
}

// ---- the team ----

/** Roles a person can be given on the Team tab. */
export type TeamRole = 'Manager' | 'Finance' | 'Partner team';

/** Gives `email` a role through the API, as the owner (the workspace's user) unless `by`. */
export function addTeamMember(workspace: RunningWorkspace, email: string, role: TeamRole, name = '', by?: string): void {
  ok(workspace, 'apiAddTeamMember', [{ email, role, name }], by);
}

/** Takes a role away through the API, as the owner unless `by`. */
export function removeTeamMember(workspace: RunningWorkspace, email: string, role: TeamRole, by?: string): void {
  ok(workspace, 'apiRemoveTeamMember', [{ email, role }], by);
}

/** The Team tab as [email, role, name] rows. */
export function teamRows(workspace: RunningWorkspace): string[][] {
  return rows(workspace, 'Team').map((r) => [r.Email, r.Role, r.Name]);
}

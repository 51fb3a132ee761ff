import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { TABS } from '../../src/tracker/schema';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';
import { openAddonMenu, openSidebar, sidebarFrame } from '../support/sidebar';

/**
 * The local workspace in Debian's Chromium: the real build (Code.js and
 * Sidebar.html) in the emulator, driven the way a person would — menu, sidebar,
 * google.script.run through the shim, typing in cells.
 */
const screenshot = path.join(ROOT, 'tmp', 'screenshots', 'workspace.png');
const TRACKER_TABS = TABS.map((t) => t.name);

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];
let serverCalls: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('workspace-browser-');
  ({ workspace, page, sidebar, pageErrors, serverCalls } = chromiumWorkspace);
}, 240000);

// A failed save is reported by its own test below; closing must not hide the other results.
afterAll(() => chromiumWorkspace?.close());

async function tabNames(): Promise<string[]> {
  return page.locator('#tabs [role="tab"]').evaluateAll((tabs) => tabs.map((t) => (t as HTMLElement).dataset.sheet ?? ''));
}

async function headerCells(): Promise<string[]> {
  return page.locator('table.grid tbody tr').first().locator('td').allInnerTexts();
}

function gridCell(row: number, column: number) {
  return page.locator(`table.grid td[data-row="${row}"][data-column="${column}"]`);
}

function leadsView() {
  const leads = workspace.emulator.workbookView(5).sheets.find((s) => s.name === 'Leads');
  if (!leads) throw new Error('no Leads tab in the emulator');
  return leads;
}

describe('local workspace in Chromium', () => {
  test('the page loads and the add-on menu comes from onOpen', async () => {
    await page.goto(workspace.url);
    await page.getByRole('heading', { name: 'Partner Programme' }).waitFor();
    await openAddonMenu(page);
    await page.getByRole('menuitem', { name: 'Set up tracker' }).waitFor();
    await page.getByRole('menuitem', { name: 'Open sidebar' }).waitFor();
    // Escape closes one level at a time, back to the menu bar.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menuitem', { name: 'Set up tracker' }).isVisible()).toBe(false);
  });

  test('Open sidebar shows the real sidebar, exactly 300 px wide, which reads the overview through google.script.run', async () => {
    await openSidebar(page);
    const frame = page.locator('#sidebar-frame');
    await frame.waitFor({ state: 'visible' });
    expect((await frame.boundingBox())?.width).toBe(300);
    expect((await page.locator('#sidebar-panel').boundingBox())?.width).toBe(300);
    await page.getByRole('heading', { name: 'Partnership Tracker', level: 2 }).waitFor();

    await sidebar.getByText('Not set up yet').waitFor();
    const tabTable = sidebar.getByRole('table', { name: 'Tracker tabs' });
    await tabTable.waitFor();
    expect(await tabTable.locator('tbody td:first-child').allInnerTexts()).toEqual(TRACKER_TABS);
    expect(serverCalls).toContain('apiGetOverview');
  });

  test('Set up tracker in the sidebar shows a busy state, then the result, and the grid gains the tracker tabs', async () => {
    // Hold the setup call briefly so the busy state is observable.
    await page.route('**/api/run', async (route) => {
      if ((JSON.parse(route.request().postData() ?? '{}') as { name?: string }).name === 'apiRunSetup') await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    await sidebar.getByRole('button', { name: 'Set up tracker' }).click();
    await sidebar.getByText('Setting up the tracker…').waitFor();
    expect(await sidebar.getByRole('button', { name: 'Refresh' }).isDisabled()).toBe(true);
    await sidebar.getByText('Setup finished').waitFor();
    await page.unroute('**/api/run');
    expect(serverCalls).toContain('apiRunSetup');
    await sidebar.getByText('Not set up yet').waitFor({ state: 'detached' });

    await page.locator('#tabs [data-sheet="Dashboard"]').waitFor();
    const names = await tabNames();
    expect(names.filter((n) => TRACKER_TABS.includes(n))).toEqual(TRACKER_TABS);

    await page.locator('#tabs [data-sheet="Leads"]').click();
    expect(await page.locator('#tabs [data-sheet="Leads"]').getAttribute('aria-selected')).toBe('true');
    const header = leadsView().rows[0].filter(Boolean);
    expect(header).toEqual(expect.arrayContaining(['Lead ID', 'Company']));
    expect((await headerCells()).slice(0, header.length)).toEqual(header);
    await gridCell(1, 1).waitFor({ state: 'visible' });
  });

  test('running Set up tracker from the menu shows its alert in a modal the person dismisses', async () => {
    await openAddonMenu(page);
    await page.getByRole('menuitem', { name: 'Set up tracker' }).click();
    const dialog = page.getByRole('dialog', { name: 'Partnership Tracker setup' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('nothing was changed');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  test("a person's cell edit round-trips, and a refused edit shows Sheets' reason", async () => {
    const header = leadsView().rows[0];
    const company = header.indexOf('Company') + 1;
    const estimated = header.indexOf('Estimated Value') + 1;
    expect(company).toBeGreaterThan(0);
    expect(estimated).toBeGreaterThan(0);

    await gridCell(2, company).click();
    await page.keyboard.type('Acme <b>Ltd</b>');
    await page.keyboard.press('Enter');
    await page.waitForFunction(([row, column]) => document.querySelector(`table.grid td[data-row="${row}"][data-column="${column}"]`)?.textContent === 'Acme <b>Ltd</b>', [2, company]);
    expect(leadsView().rows[1][company - 1]).toBe('Acme <b>Ltd</b>');
    // Rendered as text, never as markup.
    expect(await gridCell(2, company).locator('b').count()).toBe(0);
    // Enter moved the selection down, as in Sheets.
    expect(await page.locator('#cell-name').innerText()).toBe(`${columnName(company)}3`);

    await gridCell(2, estimated).dblclick();
    await page.getByRole('textbox', { name: `Edit cell ${columnName(estimated)}2` }).fill('-5');
    await page.keyboard.press('Enter');
    const problem = page.getByRole('alertdialog', { name: 'There was a problem' });
    await problem.waitFor();
    expect(await problem.innerText()).toContain('Enter an amount from 0 to 1,000,000,000.00.');
    await problem.getByRole('button', { name: 'OK' }).click();
    expect(leadsView().rows[1][estimated - 1] ?? '').toBe('');
    expect(await gridCell(2, estimated).innerText()).toBe('');
  });

  test('in the real sidebar, google.script.run reports failures the way Google does, and host.close() hides the panel', async () => {
    const frame = sidebarFrame(page);
    const outcomes = await frame.evaluate(async () => {
      type Runner = Record<string, (...args: unknown[]) => void> & {
        withSuccessHandler(f: (v: unknown) => void): Runner;
        withFailureHandler(f: (e: Error) => void): Runner;
      };
      const run = (window as unknown as { google: { script: { run: Runner } } }).google.script.run;
      const attempt = (name: string, ...args: unknown[]) =>
        new Promise<string>((resolve) => {
          const runner = run.withSuccessHandler((v) => resolve(`ok:${typeof v}`)).withFailureHandler((e) => resolve(`failed:${e.message}`));
          runner[name](...args);
        });
      return Promise.all([attempt('apiGetOverview'), attempt('apiGetOverview', new Date()), attempt('runSetup_'), attempt('noSuchFunction')]);
    });
    expect(outcomes).toEqual(['ok:object', 'failed:Failed due to illegal value in property: 0', 'failed:Script function not found: runSetup_', 'failed:Script function not found: noSuchFunction']);

    await frame.evaluate(() => (window as unknown as { google: { script: { host: { close(): void } } } }).google.script.host.close());
    await page.locator('#sidebar-panel').waitFor({ state: 'hidden' });
    // Reopen it for the screenshot.
    await openSidebar(page);
    await sidebar.getByText('Schema').first().waitFor();
  });

  test('the workspace file was saved after every change', () => {
    expect(workspace.session.lastSaveError).toBeNull();
  });

  test('screenshot of the workspace with the sidebar', async () => {
    // Show the edited record: scroll back to column A and select the Company cell.
    await page.locator('.grid-scroller').evaluate((scroller) => scroller.scrollTo(0, 0));
    await gridCell(2, leadsView().rows[0].indexOf('Company') + 1).click();
    mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    expect(existsSync(screenshot)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});

function columnName(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

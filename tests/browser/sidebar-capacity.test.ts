import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';
import { expectNoHorizontalScroll, fireHourlyTrigger, openSidebar, setUpTrackerInSidebar } from '../support/sidebar';

/**
 * Home's capacity panel in Chromium: how full the spreadsheet is against Google's 10-million-
 * cell limit, the biggest tabs, the rollover forecast, and, once the owner's daily run has
 * rolled the Audit Log over, a link to the archive. Readable at 300 px.
 */
let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];
const screenshots = path.join(ROOT, 'tmp', 'screenshots');

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-capacity-');
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
  workspace.emulator.clock.set('2026-03-02T15:00:00Z');
}, 240000);

afterAll(() => chromiumWorkspace?.close());

function panel(): Locator {
  return sidebar.locator('.view:not([hidden]) section.capacity');
}

async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function refreshHome(): Promise<void> {
  await sidebar.locator('.view:not([hidden])').getByRole('button', { name: 'Refresh' }).click();
  await sidebar.locator('.home-view:not([aria-busy])').waitFor();
}

test('Home shows the cells used, the biggest tabs and when the Audit Log rolls over; after a rollover, the archive', async () => {
  await page.goto(workspace.url);
  await openSidebar(page);
  await setUpTrackerInSidebar(sidebar);
  await panel().waitFor();
  expect(await text(panel().locator('.capacity-used'))).toMatch(/^\d+k of 10M cells \(\d(\.\d)?%\)$/);
  expect(await text(panel().locator('.capacity-forecast'))).toMatch(/^At [\d.,]+ audit rows a day, the Audit Log (rolls over to archives around \d{4}-\d\d-\d\d|will not reach 80% within ten years)/);
  await panel().getByText('Cells per tab').click();
  expect(await panel().getByRole('table', { name: 'Cells per tab' }).locator('tbody tr').count()).toBe(5);
  await expectNoHorizontalScroll(page, { body: true, clipped: 'h2, p, td' });

  // A tab grown near the limit (sparse in the emulator), then the owner's hourly run.
  const ss = workspace.emulator.spreadsheetApp.getActiveSpreadsheet();
  const filler = ss.insertSheet('Imported data');
  filler.insertRowsAfter(filler.getMaxRows(), 310_000);
  fireHourlyTrigger(workspace);
  await refreshHome();
  expect(await text(panel().locator('.capacity-used'))).toMatch(/^8\.\dM of 10M cells \(8\d%\)$/);
  expect(await text(panel().locator('.capacity-forecast'))).toMatch(/^Past 80%: the owner's daily run moves old Audit Log rows to archive spreadsheets\./);
  const link = panel().locator('.capacity-archives a');
  expect(await link.innerText()).toMatch(/ — Audit Log 2026$/);
  expect(await link.getAttribute('href')).toMatch(/^https:\/\/docs\.google\.com\/spreadsheets\/d\//);
  await expectNoHorizontalScroll(page, { body: true, clipped: 'h2, p, td' });
  mkdirSync(screenshots, { recursive: true });
  await panel().scrollIntoViewIfNeeded();
  await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-capacity.png') });
  expect(pageErrors).toEqual([]);
}, 120000);

import { Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, personSelect, WorkspaceInChromium } from '../support/browser';
import { rows } from '../support/sidebar';

/**
 * A partner's view of their private sheet in the local workspace (Chromium): the demo's hourly run
 * made each Active partner's sheet; choosing a partner's contact under "You are:" and opening
 * their sheet from Files shows their leads, view-only; opening it as another partner's contact is
 * refused with Google's message.
 */
// After the Settings daily work hour (6, the demo's UTC): the demo's last hourly run is the day's, which refreshes every partner's sheet.
const NOW = new Date('2026-12-06T07:30:00Z');
let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('workspace-partner-sheet-', undefined, { demo: { days: 6, now: NOW } });
  ({ workspace, page, pageErrors } = chromiumWorkspace);
}, 240000);

afterAll(() => chromiumWorkspace?.close());

/** Chooses a person under "You are:" by their email and waits until the page has reopened the file as them. */
async function actAs(email: string): Promise<void> {
  await personSelect(page).selectOption(email);
  await page.waitForFunction((id) => {
    const element = document.getElementById('person-select') as HTMLSelectElement | null;
    return element !== null && !element.disabled && element.value === id && document.body.getAttribute('aria-busy') === null;
  }, email);
}

async function openFromFiles(name: string): Promise<void> {
  await page.locator('#files-button').click();
  await page.locator('#files-dialog').getByRole('button', { name, exact: true }).click();
}

test("a partner's contact opens their own sheet from Files and reads their leads, view only; another partner is refused", async () => {
  const partners = rows(workspace, 'Partners').filter((p) => p['Partner Sheet']);
  expect(partners.length).toBeGreaterThanOrEqual(2);
  const [mine, theirs] = partners;
  const sheetName = workspace.emulator.store.byId.get(/\/d\/([^/]+)/.exec(mine['Partner Sheet'])![1])!.name;
  const myLeads = rows(workspace, 'Leads').filter((l) => l['Partner ID'] === mine['Partner ID']);
  const otherLeads = rows(workspace, 'Leads').filter((l) => l['Partner ID'] !== mine['Partner ID']);
  await page.goto(workspace.url);
  await personSelect(page).waitFor();

  await actAs(mine['Contact Email'].toLowerCase());
  await openFromFiles(sheetName);
  const opened = page.locator('#files-dialog .opened-file');
  await opened.getByText('(view only)').waitFor();
  await opened.getByRole('button', { name: 'Leads', exact: true }).click();
  const grid = opened.locator('table.opened-grid');
  await grid.locator('th', { hasText: 'Lead ID' }).waitFor();
  const shownIds = await grid.locator('tbody tr td:first-child').allInnerTexts();
  expect(shownIds.sort()).toEqual(myLeads.map((l) => l['Lead ID']).sort());
  for (const lead of otherLeads) expect(shownIds).not.toContain(lead['Lead ID']);
  await page.keyboard.press('Escape');

  await actAs(theirs['Contact Email'].toLowerCase());
  await openFromFiles(sheetName);
  await page.locator('#files-dialog .opened-file [role="alert"]').getByText('You do not have permission to access the requested document.').waitFor();
  // Chromium logs the refusal's HTTP 403 itself; nothing else went wrong.
  expect(pageErrors.filter((e) => !e.includes('status of 403 (Forbidden)'))).toEqual([]);
});

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { gridCell, openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';
import { expectNoHorizontalScroll, navButton, openSidebar, rows } from '../support/sidebar';

/**
 * The workspace as `npm start` opens it, in Debian's Chromium: the demo programme
 * (emulator/workspace/demo) — here a 25-day history, as the full year takes longer to
 * make than a test should — its data in the grid and in the sidebar's Leads view.
 */
const screenshots = path.join(ROOT, 'tmp', 'screenshots');
const NOW = new Date('2026-12-06T01:30:00Z');
const OPEN = ['New', 'Accepted', 'Qualified', 'Conflict'];

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('workspace-demo-', undefined, { demo: { days: 25, now: NOW } });
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
}, 240000);

afterAll(() => chromiumWorkspace?.close());

test('the demo opens as a set-up tracker whose Leads tab holds its leads', async () => {
  expect(workspace.session.fresh).toBe(true);
  const leads = rows(workspace, 'Leads');
  expect(leads.length).toBeGreaterThan(15);
  await page.goto(workspace.url);
  await page.getByRole('heading', { name: 'Brightloom partner tracker' }).waitFor();
  await page.locator('#tabs [data-sheet="Leads"]').click();
  expect(await page.locator('#tabs [data-sheet="Leads"]').getAttribute('aria-selected')).toBe('true');
  for (const at of [0, leads.length - 1]) {
    const row = at + 2;
    await gridCell(page, row, 1).waitFor();
    expect(await gridCell(page, row, 1).innerText()).toBe(leads[at]['Lead ID']);
    expect(await gridCell(page, row, 4).innerText()).toBe(leads[at].Company);
  }
  expect(leads[0].Company).toMatch(/\S/);
});

test("the sidebar's Leads view lists the open leads, newest first, in 300 px and by keyboard", async () => {
  const open = rows(workspace, 'Leads')
    .filter((l) => OPEN.includes(l.Status))
    .sort((a, b) => b['Lead ID'].localeCompare(a['Lead ID']));
  expect(open.length).toBeGreaterThan(3);
  await openSidebar(page);
  await navButton(sidebar, 'Leads').click();
  await sidebar.getByText(open.length > 50 ? `of ${open.length} leads` : `${open.length} leads`, { exact: open.length <= 50 }).waitFor();
  const items = sidebar.locator('ul.leads > li.lead');
  expect(await items.first().getAttribute('data-id')).toBe(open[0]['Lead ID']);
  const newest = sidebar.locator(`li.lead[data-id="${open[0]['Lead ID']}"]`);
  expect(await newest.locator('.chip').innerText()).toBe(open[0].Status);
  expect(await newest.innerText()).toContain(open[0].Company);
  await expectNoHorizontalScroll(page, { body: true });

  // By keyboard: the newest lead opens with Enter and shows its made-up contact.
  const summary = newest.locator('button.lead-summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  expect(await summary.getAttribute('aria-expanded')).toBe('true');
  expect(await newest.locator('dl.facts').innerText()).toContain(open[0]['Contact Email']);
  expect(open[0]['Contact Email']).toMatch(/\.example$/);
  await expectNoHorizontalScroll(page, { body: true });
  mkdirSync(screenshots, { recursive: true });
  await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'workspace-demo-leads.png') });
  expect(pageErrors).toEqual([]);
});

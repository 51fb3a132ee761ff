import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Page, Route } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { BUILD_DIR } from '../support/build';
import { navButton, ok, openSidebar } from '../support/sidebar';

/**
 * Sidebar.html carries the shell and Home; the other views arrive by one google.script.run call
 * (apiGetSidebarViews) once Home is usable. Opening a view before they arrive shows "Loading…"
 * and then the view; a failed load says why and offers to try again.
 */
let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];
let serverCalls: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-deferred-');
  ({ workspace, page, sidebar, pageErrors, serverCalls } = chromiumWorkspace);
  // A tracker that is set up, so each view has data to show and no reason of its own for an error.
  ok(workspace, 'apiRunSetup', []);
}, 240000);

afterAll(() => chromiumWorkspace?.close());

afterEach(async () => {
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  workspace.emulator.faults.clear();
});

/** Waits (up to 10 s) until `condition` holds. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (const end = Date.now() + 10000; !condition();) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Opens the workspace afresh and the sidebar in it; returns what reads the server calls the sidebar has made since. */
async function openFreshSidebar(): Promise<() => string[]> {
  await page.goto(workspace.url);
  const from = serverCalls.length;
  await openSidebar(page);
  return () => serverCalls.slice(from);
}

const visibleView = () => sidebar.locator('.view:not([hidden])');

test("Sidebar.html holds Home, not the other views: they come from apiGetSidebarViews, after Home's one call", async () => {
  // What the other views say is in the deferred file only.
  const initial = readFileSync(path.join(BUILD_DIR, 'Sidebar.html'), 'utf8');
  const views = readFileSync(path.join(BUILD_DIR, 'SidebarViews.html'), 'utf8');
  for (const text of ['Register a lead', 'Mark selected paid', 'Add partner']) expect([text, initial.includes(text), views.includes(text)]).toEqual([text, false, true]);

  const calls = await openFreshSidebar();
  await sidebar.locator('.home-view:not([aria-busy])').getByRole('button', { name: 'Refresh' }).waitFor();
  // Home was usable after one call; the views' call follows it, in the background.
  // (Home's attention list, its second call, also follows the overview; it is not what makes Home usable.)
  const homeAndViews = () => calls().filter((c) => c !== 'apiGetAttention');
  await until(() => homeAndViews().length >= 2, 'the views to be fetched');
  expect(homeAndViews().slice(0, 2)).toEqual(['apiGetOverview', 'apiGetSidebarViews']);
  await navButton(sidebar, 'Register').click();
  await visibleView().getByRole('heading', { name: 'Register a lead' }).waitFor();
  expect(calls().filter((c) => c === 'apiGetSidebarViews')).toHaveLength(1);
  expect(pageErrors).toEqual([]);
}, 60000);

test('a view opened before the views arrive says Loading… and then appears, without an error', async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/run', async (route: Route) => {
    if ((JSON.parse(route.request().postData() ?? '{}') as { name?: string }).name === 'apiGetSidebarViews') await held;
    await route.continue();
  });
  await openFreshSidebar();
  await navButton(sidebar, 'Register').click();
  await visibleView().getByRole('heading', { name: 'Register', exact: true }).waitFor();
  expect(await visibleView().getByRole('status').innerText()).toBe('Loading…');
  expect(await navButton(sidebar, 'Register').getAttribute('aria-current')).toBe('page');

  release();
  await visibleView().getByRole('heading', { name: 'Register a lead' }).waitFor();
  expect(await sidebar.locator('.view').getByText('Loading…').count()).toBe(0);
  expect(await visibleView().locator('.banner.error').count()).toBe(0);
  // Home is still there, as it was.
  await navButton(sidebar, 'Home').click();
  await visibleView().getByRole('button', { name: 'Refresh' }).waitFor();
  expect(pageErrors).toEqual([]);
}, 60000);

test('a failed load says why and offers to try again; trying again shows the view', async () => {
  // Google's side fails every read of the project file until the fault is cleared.
  workspace.emulator.faults.failOn({ call: 'HtmlService.createTemplateFromFile', times: Infinity, message: 'Service unavailable: HtmlService' });
  const calls = await openFreshSidebar();
  await sidebar.locator('.home-view:not([aria-busy])').getByRole('button', { name: 'Refresh' }).waitFor();
  await until(() => calls().includes('apiGetSidebarViews'), 'the background fetch');
  await navButton(sidebar, 'Partners').click();
  const error = visibleView().locator('.banner.error');
  await error.waitFor();
  expect(await error.innerText()).toMatch(/^The Partners view could not be loaded: Could not read the sidebar's views \(SidebarViews\.html\): Service unavailable: HtmlService/);

  workspace.emulator.faults.clear();
  await visibleView().getByRole('button', { name: 'Try again' }).click();
  await visibleView().getByRole('heading', { name: 'Partners' }).waitFor();
  await visibleView().getByRole('button', { name: 'Add partner' }).waitFor();
  expect(await visibleView().locator('.banner.error').count()).toBe(0);
  expect(pageErrors).toEqual([]);
}, 60000);

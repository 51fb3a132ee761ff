import { Page, FrameLocator } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { choosePerson, openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { LocalServer, startLocalServer } from '../support/local-server';
import { addTeamMember, expectNoHorizontalScroll, fireHourlyTrigger, leadInput, ok, openSidebar, rows, savePartner, setSetting, setUpTrackerInSidebar } from '../support/sidebar';

/**
 * The sidebar's HubSpot view in Debian's Chromium, through the local workspace and the HubSpot
 * fake (tests/support/servers/hubspot-fake.mjs) routed in as https://api.hubapi.com: the owner
 * opens it from Home, a wrong token is refused beside the field, the right one connects; the
 * token is never shown again; the hourly run's rows appear; a teammate sees "connected", never
 * the token, and no way to connect.
 */
const TOKEN = 'pat-na1-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const TEAMMATE = 'teammate@example.com';

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];
let hub: LocalServer;

beforeAll(async () => {
  hub = await startLocalServer('hubspot-fake.mjs', { token: TOKEN });
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-hubspot-');
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
  workspace.emulator.clock.set('2026-03-02T15:00:00Z');
  workspace.emulator.services.network.route('https://api.hubapi.com', hub.url);
}, 240000);

afterAll(async () => {
  await chromiumWorkspace?.close();
  await hub?.stop();
});

const view = () => sidebar.locator('.view:not([hidden])');

test('the owner connects HubSpot from Home; a wrong token is refused beside the field; the token is never shown again; a teammate sees only that it is connected', async () => {
  await page.goto(workspace.url);
  await openSidebar(page);
  await setUpTrackerInSidebar(sidebar);
  setSetting(workspace, 'HubSpot sync', 'On');
  savePartner(workspace, 'Acme Partners', 'ACME', 'pat@acme.example', 'Reseller');
  addTeamMember(workspace, TEAMMATE, 'Partner team');

  await sidebar.getByRole('button', { name: 'HubSpot', exact: true }).click();
  await sidebar.getByRole('heading', { name: 'HubSpot', level: 1 }).waitFor();
  await view().getByText('Not connected.').waitFor();
  await expectNoHorizontalScroll(page, { body: true, clipped: '.nav-item, button' });

  const field = view().getByLabel('Private app access token');
  expect(await field.getAttribute('type')).toBe('password');
  await field.fill('pat-na1-not-the-right-one');
  await view().getByRole('button', { name: 'Test and connect' }).click();
  const error = view().locator('.field-error:not([hidden])');
  await error.waitFor();
  expect(await error.innerText()).toContain('HubSpot refused the token (401');
  expect(await field.inputValue()).toBe('');
  expect(await field.getAttribute('aria-invalid')).toBe('true');

  await field.fill(TOKEN);
  await view().getByRole('button', { name: 'Test and connect' }).click();
  await view().getByText('HubSpot is connected.').waitFor();
  await view()
    .getByText(/Connected by owner@example\.com/)
    .waitFor();
  expect(await view().getByLabel('Private app access token').inputValue()).toBe('');
  expect(await page.content()).not.toContain(TOKEN);
  expect(await sidebar.locator('body').innerHTML()).not.toContain(TOKEN);

  // A lead registered now goes out with the hourly run; the view lists what it did.
  const lead = ok<{ lead: { id: string } }>(workspace, 'apiRegisterLead', [leadInput('P-000001', 'Globex')]).lead.id;
  fireHourlyTrigger(workspace);
  await view().getByRole('button', { name: 'Refresh' }).click();
  const created = view().locator('ul.hubspot-log li[data-outcome="Created"]');
  await created.waitFor();
  expect(await created.innerText()).toContain(lead);
  expect(rows(workspace, 'HubSpot Sync')).toHaveLength(1);

  // A teammate: connected by the owner, no token field, and why.
  await choosePerson(page, 'Teammate');
  await page.locator('#sidebar-frame').waitFor({ state: 'visible' });
  await sidebar.getByRole('button', { name: 'HubSpot', exact: true }).click();
  await view()
    .getByText(/Connected by owner@example\.com/)
    .waitFor();
  await view().getByText("Only the tracker's owner connects HubSpot").waitFor();
  expect(await view().getByLabel('Private app access token').count()).toBe(0);
  expect(pageErrors).toEqual([]);
});

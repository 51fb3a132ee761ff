import { Page, FrameLocator } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { LocalServer, startLocalServer } from '../support/local-server';
import { expectNoHorizontalScroll, openSidebar, rows, setUpTrackerInSidebar } from '../support/sidebar';

/**
 * The Webhooks view in Debian's Chromium, through the local workspace: the owner adds an endpoint
 * in the 300 px sidebar, copies its signing secret (shown once: gone after a refresh, never in
 * the sheet), and sends a test event that a real receiver verifies with the official
 * `standardwebhooks` package.
 */
const HOOK = 'https://hooks.example.com/partner-events';

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];
let receiver: LocalServer;

beforeAll(async () => {
  receiver = await startLocalServer('webhook-receiver.mjs');
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-webhooks-');
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
  workspace.emulator.services.network.route('https://hooks.example.com', receiver.url);
}, 240000);

afterAll(async () => {
  await chromiumWorkspace?.close();
  await receiver?.stop();
});

const view = () => sidebar.locator('.view:not([hidden])');

test('the owner adds an endpoint: the secret is shown once with Copy, the list shows only its end, and a test event verifies at the receiver', async () => {
  await page.goto(workspace.url);
  await openSidebar(page);
  await setUpTrackerInSidebar(sidebar);
  await sidebar.getByRole('button', { name: 'Webhooks', exact: true }).click();
  await sidebar.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
  await view().getByText('No endpoints yet.').waitFor();

  await view().getByRole('button', { name: 'Add endpoint…' }).click();
  const form = view().getByRole('form', { name: 'Add a webhook endpoint' });
  // A plain-http URL is refused with the reason, and nothing is added.
  await form.getByLabel('URL').fill('http://hooks.example.com/x');
  await form.getByRole('button', { name: 'Add endpoint' }).click();
  await form.getByText(/must start with https:\/\//).waitFor();
  await form.getByLabel('URL').fill(HOOK);
  await form.getByLabel('All events (*)').uncheck();
  await form.getByLabel('lead.registered').check();
  await form.getByLabel('payout.paid').check();
  await form.getByRole('button', { name: 'Add endpoint' }).click();

  const secretField = view().getByLabel('Signing secret of W-000001');
  await secretField.waitFor();
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await view()
    .getByText(/shown only this once/)
    .waitFor();
  await view().getByRole('button', { name: 'Copy' }).click();
  await view()
    .locator('.copy-status')
    .filter({ hasText: /Copied|Ctrl\+C/ })
    .waitFor();
  const item = view().locator('li.webhook[data-id="W-000001"]');
  await item.waitFor();
  expect(await item.innerText()).toContain('lead.registered, payout.paid');
  expect(await item.innerText()).toContain(`ends with ${secret.slice(-4)}`);
  expect(await item.innerText()).not.toContain(secret.slice(6, 30));
  await expectNoHorizontalScroll(page, { body: true, clipped: '.nav-item, button' });

  // A test event, signed with that secret, verified by the receiver.
  await receiver.post('/__secret', { secret });
  await item.getByRole('button', { name: 'Send test event' }).click();
  await view()
    .getByText(/^Delivered: the receiver answered HTTP 200 to msg_test/)
    .waitFor();
  const [got] = await receiver.get<Array<{ type: string; verified: boolean }>>('/__requests');
  expect(got).toMatchObject({ type: 'webhook.test', verified: true });
  // The list is drawn again from the server after the result shows: wait for its Last delivery.
  await item.getByText(/webhook\.test · HTTP 200 · Delivered/).waitFor();

  // Shown once: a refresh (or leaving the view) drops it; the sheet never had it.
  await view().getByRole('button', { name: 'Refresh' }).click();
  await item.waitFor();
  expect(await view().getByLabel('Signing secret of W-000001').count()).toBe(0);
  expect(JSON.stringify(rows(workspace, 'Webhooks'))).not.toContain(secret.slice(6, 30));
  expect(pageErrors).toEqual([]);
});

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';
import { expectNoHorizontalScroll, ok, openSidebar, rows, setUpTrackerInSidebar } from '../support/sidebar';

/**
 * The sidebar's Announcements view in Debian's Chromium, through the local workspace: composed,
 * the recipients and the preview shown, a change asking for a new preview, sent, and the result
 * and history seen, in the 300 px sidebar. Each partner's email goes to that partner alone.
 */
const screenshots = path.join(ROOT, 'tmp', 'screenshots');

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-announcements-');
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
  workspace.emulator.clock.set('2026-03-02T15:00:00Z');
}, 240000);

afterAll(() => chromiumWorkspace?.close());

const view = () => sidebar.locator('.view:not([hidden])');

describe('sidebar: Announcements in Chromium', () => {
  test('compose, see the recipients and the preview, send, and see the result', async () => {
    await page.goto(workspace.url);
    await openSidebar(page);
    await setUpTrackerInSidebar(sidebar);
    const partner = (name: string, code: string, email: string, tier: string, region: string) =>
      ok(workspace, 'apiSavePartner', [{ name, code, contactName: `${name.split(' ')[0]} Lead`, contactEmail: email, type: 'Reseller', tier, region, status: 'Active' }]);
    partner('Acme Partners', 'ACME', 'ann@acme.example', 'Gold', 'EMEA');
    partner('Bolt Referrals', 'BOLT', 'bo@bolt.example', 'Silver', 'EMEA');
    partner('Cogs Ltd', 'COGS', 'cy@cogs.example', 'Gold', 'APAC');
    workspace.emulator.services.mail.clear();

    await sidebar.getByRole('button', { name: 'Announcements' }).click();
    await sidebar.getByRole('heading', { name: 'Announcements', level: 1 }).waitFor();
    // The subject is required: checked before anything is sent to the server.
    await view().getByRole('button', { name: 'Show recipients' }).click();
    await view().getByText('A subject is required.').waitFor();

    await view().getByLabel('Subject').fill('New price list <April>');
    await view().getByLabel('Message').fill('Our prices change in April.\n\nAsk your contact for details.');
    const tiers = view().getByRole('group', { name: /Tier/ });
    await tiers.getByLabel('Gold').check();
    await view().getByLabel('Activity').selectOption('dormant');
    expect(await view().locator('.hint', { hasText: 'Dormant: registered no lead in the last 90 days' }).count()).toBe(1);
    await view().getByRole('button', { name: 'Show recipients' }).click();
    await view().getByRole('heading', { name: 'Recipients' }).waitFor();
    expect(await view().locator('.announce-recipients li').allInnerTexts()).toEqual(['Acme Partners · 1 contact', 'Cogs Ltd · 1 contact']);
    expect(await view().locator('.announce-letter').innerText()).toContain('As Acme Partners receives it');
    expect(await view().locator('.announce-body').innerText()).toContain('Hello Acme Lead,');
    expect(await view().locator('.announce-subject').innerText()).toContain('New price list <April>');
    await expectNoHorizontalScroll(page, { body: true, clipped: '.nav-item, button' });
    mkdirSync(screenshots, { recursive: true });
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-announcements.png') });

    // Changing the segment hides Send until the recipients are shown again.
    await tiers.getByLabel('Silver').check();
    expect(
      await view()
        .getByRole('button', { name: /^Send to/ })
        .isHidden(),
    ).toBe(true);
    await tiers.getByLabel('Silver').uncheck();
    await view().getByRole('button', { name: 'Show recipients' }).click();
    const send = view().getByRole('button', { name: 'Send to 2 partners' });
    await send.waitFor();
    await send.click();
    await view().locator('.banner.ok', { hasText: '2 sent now' }).waitFor();
    expect(await view().locator('.banner.ok dl.facts').innerText()).toMatch(/Sent now\s+2\s+Queued\s+0\s+Skipped\s+0/);

    const sent = workspace.emulator.services.mail.outbox.filter((m) => m.subject === 'New price list <April>');
    expect(sent.map((m) => m.to)).toEqual([['ann@acme.example'], ['cy@cogs.example']]);
    expect(rows(workspace, 'Partner Updates').map((r) => [r['Partner ID'], r.Event, r.Status])).toEqual([
      ['P-000001', 'announcement', 'Sent'],
      ['P-000003', 'announcement', 'Sent'],
    ]);
    await view().locator('.announce-history-list li', { hasText: 'New price list <April>' }).waitFor();
    expect(await view().locator('.announce-history-list li').first().innerText()).toContain('2 sent');
    await expectNoHorizontalScroll(page, { body: true, clipped: '.nav-item, button' });
    expect(pageErrors).toEqual([]);
  });
});

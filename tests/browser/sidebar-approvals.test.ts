import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { choosePerson, openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';
import {
  ANA,
  activeElement,
  addTeamMember,
  expectNoHorizontalScroll,
  fireHourlyTrigger,
  focusOutlineStyle,
  leadInput,
  navButton,
  ok,
  openSidebar,
  rows,
  runInSidebar,
  savePartner,
  setUpTrackerInSidebar,
  sidebarFrame,
  waitForAnnouncement,
  winLead,
  writeCommissionRules,
} from '../support/sidebar';

/**
 * The sidebar's Approvals view in Debian's Chromium, through the local
 * workspace: real commissions made by the real build (rules, Closed Won, the
 * holding period and the hourly trigger), then selected, approved and voided
 * in the 300 px sidebar with mouse and keyboard by the owner (the workspace's
 * user, who holds every role). Ana registers deals as a Partner team member.
 */
const screenshots = path.join(ROOT, 'tmp', 'screenshots');

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];
let serverCalls: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-approvals-');
  ({ workspace, page, sidebar, pageErrors, serverCalls } = chromiumWorkspace);
  workspace.emulator.clock.set('2026-03-02T15:00:00Z');
}, 240000);

afterAll(() => chromiumWorkspace?.close());

function group(partner: string): Locator {
  return sidebar.getByRole('group', { name: new RegExp(`^${partner}`) });
}

function line(commissionId: string): Locator {
  return sidebar.locator(`li.approval-line[data-id="${commissionId}"]`);
}

function lineBox(commissionId: string): Locator {
  return line(commissionId).getByRole('checkbox');
}

async function shownLines(): Promise<string[]> {
  return sidebar.locator('li.approval-line').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.id ?? ''));
}

async function noHorizontalScroll(): Promise<void> {
  await expectNoHorizontalScroll(page, { clipped: 'button, legend, label' });
}

function commission(id: string): Record<string, string> {
  const row = rows(workspace, 'Commissions').find((r) => r['Commission ID'] === id);
  if (!row) throw new Error(`${id} is not on the Commissions tab`);
  return row;
}

async function wonLead(partnerId: string, company: string, amount: string, registeredBy: 'ana' | 'owner in the sidebar'): Promise<string> {
  const input = leadInput(partnerId, company);
  let id: string;
  if (registeredBy === 'ana') {
    id = ok<{ lead: { id: string } }>(workspace, 'apiRegisterLead', [input], ANA).lead.id;
  } else {
    const reply = await runInSidebar(page, 'apiRegisterLead', input);
    expect(reply.ok).toBe(true);
    id = (reply.data as { lead: { id: string } }).lead.id;
  }
  winLead(workspace, id, amount, '2026-03-02');
  return id;
}

describe('sidebar: the Approvals view in Chromium', () => {
  test('set up in the sidebar; before any deal is won, Approvals says nothing is waiting', async () => {
    await page.goto(workspace.url);
    await openSidebar(page);
    await setUpTrackerInSidebar(sidebar);

    await navButton(sidebar, 'Approvals').click();
    expect(await navButton(sidebar, 'Approvals').getAttribute('aria-current')).toBe('page');
    await sidebar.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
    await sidebar.getByText('No commissions are waiting for approval.').waitFor();
    expect(await sidebar.getByRole('button', { name: 'Approve selected' }).isVisible()).toBe(false);
    expect(serverCalls).toContain('apiListApprovals');
    await noHorizontalScroll();
  });

  test('won deals past their holding period show grouped by partner, with line labels, group totals and the overall total', async () => {
    savePartner(workspace, 'Acme Partners', 'ACME', 'pat@acme-partners.example', 'Reseller');
    savePartner(workspace, 'Globex Referrals', 'GLOBEX', 'gail@globex.example', 'Referral');
    // Rules, in the Commission Rules tab's column order: 10% for anyone; referral partners a flat 250.
    writeCommissionRules(workspace, [
      { id: 'R-000001', name: 'Standard', ruleType: 'Base', kind: 'Percentage', rate: 0.1, holdingDays: 30 },
      { id: 'R-000002', name: 'Referral flat fee', ruleType: 'Base', partnerType: 'Referral', kind: 'Flat', flatAmount: 250, holdingDays: 30 },
    ]);

    // Three deals registered by Ana (a Partner team member), one by the owner (the workspace's user) through the sidebar.
    addTeamMember(workspace, ANA, 'Partner team', 'Ana');
    expect(await wonLead('P-000001', 'Initech', '12,500.50', 'ana')).toBe('L-000001');
    expect(await wonLead('P-000001', 'Hooli', '8000', 'ana')).toBe('L-000002');
    expect(await wonLead('P-000002', 'Umbrella', '40000', 'ana')).toBe('L-000003');
    expect(await wonLead('P-000001', 'Soylent', '5000', 'owner in the sidebar')).toBe('L-000004');
    expect(rows(workspace, 'Commissions').map((c) => [c['Commission ID'], c['Lead ID'], c.Amount, c.Status])).toEqual([
      ['C-000001', 'L-000001', '1,250.05', 'Pending'],
      ['C-000002', 'L-000002', '800.00', 'Pending'],
      ['C-000003', 'L-000003', '250.00', 'Pending'],
      ['C-000004', 'L-000004', '500.00', 'Pending'],
    ]);

    // Pending lines are not listed yet.
    await sidebar.getByRole('button', { name: 'Refresh' }).click();
    await sidebar.getByText('No commissions are waiting for approval.').waitFor();

    // Past the 30-day holding period, the hourly trigger makes them Payable.
    workspace.emulator.clock.set('2026-04-02T12:00:00Z');
    fireHourlyTrigger(workspace);
    expect(rows(workspace, 'Commissions').map((c) => c.Status)).toEqual(['Payable', 'Payable', 'Payable', 'Payable']);

    await sidebar.getByRole('button', { name: 'Refresh' }).click();
    await group('Acme Partners').waitFor();
    expect(await sidebar.locator('.view:not([hidden]) .count').innerText()).toBe('4 lines from 2 partners · $2,800.05 in all');
    expect(await group('Acme Partners').locator('legend').innerText()).toBe('Acme Partners 3 lines · $2,550.05');
    expect(await group('Globex Referrals').locator('legend').innerText()).toBe('Globex Referrals 1 line · $250.00');
    // Groups by partner name; lines in the order the server gives.
    expect(await shownLines()).toEqual(['C-000001', 'C-000002', 'C-000004', 'C-000003']);

    // Every checkbox is labelled with what a manager needs to decide.
    const initech = await lineBox('C-000001').evaluate((el) => (el as HTMLInputElement).labels?.[0].innerText.replace(/\s+/g, ' '));
    expect(initech).toBe('L-000001 · Initech $1,250.05 Base · 10% of $12,500.50 Payable since 2026-04-01 · C-000001');
    expect(await line('C-000003').innerText()).toContain('Base · flat');
    await sidebar.getByRole('checkbox', { name: /^L-000003 · Umbrella \$250\.00 Base · flat Payable since 2026-04-01/ }).waitFor();
    await sidebar.getByRole('checkbox', { name: 'Select all for Acme Partners' }).waitFor();
    expect(await sidebar.locator('.selection').innerText()).toBe('Selected: none');
    await noHorizontalScroll();
  });

  test('selecting: "select all" per group, a mixed state, the running total, and the keyboard (visible focus, Space)', async () => {
    const all = sidebar.getByRole('checkbox', { name: 'Select all for Acme Partners' });
    const summary = sidebar.locator('.selection');
    await all.check();
    expect(await summary.innerText()).toBe('Selected: 3 lines, $2,550.05');
    for (const id of ['C-000001', 'C-000002', 'C-000004']) expect(await lineBox(id).isChecked()).toBe(true);
    expect(await lineBox('C-000003').isChecked()).toBe(false);
    expect(await summary.getAttribute('aria-live')).toBe('polite');

    // Keyboard: Tab from "select all" to the first line; Tab, then Space, clears Hooli.
    await all.focus();
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toMatch(/^input:L-000001 · Initech/);
    const outline = await focusOutlineStyle(page);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toMatch(/^input:L-000002 · Hooli/);
    await page.keyboard.press('Space');
    expect(await lineBox('C-000002').isChecked()).toBe(false);
    expect(await summary.innerText()).toBe('Selected: 2 lines, $1,750.05');
    // Some of the group: "select all" shows mixed.
    expect(await all.evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);
    expect(await all.isChecked()).toBe(false);
  });

  test('Approve selected: Ana’s deal is approved; the owner’s own deal is refused with the server’s reason; the list refreshes', async () => {
    await sidebar.getByRole('button', { name: 'Approve selected' }).click();
    const result = sidebar.locator('.result .banner');
    await result.getByText('Approved 1 line, $1,250.05.').waitFor();
    expect(await result.getByText('1 line was refused:').isVisible()).toBe(true);
    expect(await result.locator('li').allInnerTexts()).toEqual(['C-000004: you registered L-000004 yourself; another manager must approve it.']);
    expect(await result.getAttribute('role')).toBe('status');
    expect(await result.evaluate((el) => el === document.activeElement)).toBe(true);
    await waitForAnnouncement(page, 'Approved 1 line, $1,250.05. 1 line refused.');

    // Refreshed: the approved line is gone; the refused one stays, selected, with its reason beside it.
    await line('C-000001').waitFor({ state: 'detached' });
    expect(await shownLines()).toEqual(['C-000002', 'C-000004', 'C-000003']);
    expect(await line('C-000004').locator('.line-note').innerText()).toBe('Refused: You registered L-000004 yourself; another manager must approve it.');
    expect(await lineBox('C-000004').isChecked()).toBe(true);
    expect(await sidebar.locator('.selection').innerText()).toBe('Selected: 1 line, $500.00');
    expect(await group('Acme Partners').locator('legend').innerText()).toBe('Acme Partners 2 lines · $1,300.00');
    expect(await sidebar.locator('.view:not([hidden]) .count').innerText()).toBe('3 lines from 2 partners · $1,550.00 in all');

    expect(commission('C-000001')).toMatchObject({ Status: 'Approved', 'Approved By': workspace.emulator.ctx.options.ownerEmail });
    expect(commission('C-000004')).toMatchObject({ Status: 'Payable', 'Approved By': '' });

    mkdirSync(screenshots, { recursive: true });
    await sidebarFrame(page).evaluate(() => window.scrollTo(0, 0));
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-approvals.png') });
    await noHorizontalScroll();
  });

  test('Void selected… asks for a reason (checked in the browser, never sent blank), then voids; Escape closes it', async () => {
    await lineBox('C-000004').uncheck();
    await lineBox('C-000003').check();
    expect(await sidebar.locator('.selection').innerText()).toBe('Selected: 1 line, $250.00');

    const toggle = sidebar.getByRole('button', { name: 'Void selected…' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const reason = sidebar.getByRole('textbox', { name: 'Reason for voiding' });
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);

    // Escape closes the form and puts focus back on the button.
    await page.keyboard.press('Escape');
    expect(await reason.isVisible()).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await activeElement(page)).toBe('button:Void selected…');
    await page.keyboard.press('Enter');
    await reason.waitFor();

    const before = serverCalls.length;
    await sidebar.getByRole('button', { name: 'Void 1 line' }).click();
    const error = sidebar.locator('.void-form .field-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Reason for voiding is required');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(serverCalls.length).toBe(before);

    await reason.fill('Umbrella bought directly; no referral');
    await sidebar.getByRole('button', { name: 'Void 1 line' }).click();
    await sidebar.locator('.result .banner').getByText('Voided 1 line, $250.00.').waitFor();
    // The blank reason was never sent: the first call after it is this void's.
    expect(serverCalls[before]).toBe('apiVoidCommissions');
    expect(await sidebar.locator('.result .banner').getAttribute('class')).toBe('banner ok');
    await group('Globex Referrals').waitFor({ state: 'detached' });
    expect(await shownLines()).toEqual(['C-000002', 'C-000004']);
    expect(await reason.isVisible()).toBe(false);
    expect(commission('C-000003')).toMatchObject({ Status: 'Void', 'Void Reason': 'Umbrella bought directly; no referral' });
    const audit = rows(workspace, 'Audit Log').filter((r) => r['Record ID'] === 'C-000003');
    expect(audit.pop()).toMatchObject({ Source: 'sidebar', 'New Value': 'Void: Umbrella bought directly; no referral' });
  });

  test('Approve with nothing selected says so beside the buttons, without calling the server', async () => {
    await sidebar.getByRole('checkbox', { name: 'Select all for Acme Partners' }).check();
    await sidebar.getByRole('checkbox', { name: 'Select all for Acme Partners' }).uncheck();
    expect(await sidebar.locator('.selection').innerText()).toBe('Selected: none');
    const before = serverCalls.length;
    await sidebar.getByRole('button', { name: 'Approve selected' }).click();
    const alert = sidebar.locator('.approval-bar').getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('Select at least one line first.');
    expect(serverCalls.length).toBe(before);
    // Selecting something clears it.
    await lineBox('C-000002').check();
    await alert.waitFor({ state: 'detached' });
  });

  test('a Partner team member (chosen under "You are:") sees why, and Approve and Void are disabled', async () => {
    const teammate = 'teammate@example.com';
    addTeamMember(workspace, teammate, 'Partner team', 'Tess');
    await choosePerson(page, 'Teammate');
    await navButton(sidebar, 'Approvals').click();
    const why = `Approving commissions needs the Manager role; you (${teammate}) have the Partner team role. The owner (${workspace.emulator.ctx.options.ownerEmail}) or a manager can add it on the Team tab.`;
    await sidebar.getByText(why).waitFor();
    const approve = sidebar.getByRole('button', { name: 'Approve selected' });
    expect(await approve.isDisabled()).toBe(true);
    expect(await sidebar.getByRole('button', { name: 'Void selected…' }).isDisabled()).toBe(true);
    const describedBy = await approve.getAttribute('aria-describedby');
    expect(await sidebar.locator(`[id="${describedBy}"]`).innerText()).toBe(why);
    // The lines are still there to see.
    await line('C-000002').waitFor();
    await noHorizontalScroll();

    // The owner again: the sidebar reopens as them, and they may approve.
    await choosePerson(page, 'Owner');
    await navButton(sidebar, 'Approvals').click();
    await line('C-000002').waitFor();
    expect(await sidebar.getByText(why).count()).toBe(0);
    expect(await approve.isEnabled()).toBe(true);
  });

  test('when everything is decided the view says nothing is waiting', async () => {
    // Another manager approves Hooli meanwhile; the owner voids the deal they registered themselves.
    addTeamMember(workspace, 'boss@example.com', 'Manager', 'Bo');
    const approved = workspace.emulator.run('apiApproveCommissions', [['C-000002']], { user: 'boss@example.com' }) as { ok: boolean; data: unknown };
    expect(approved).toEqual({ ok: true, data: { changed: ['C-000002'], refused: [] } });
    await sidebar.getByRole('button', { name: 'Refresh' }).click();
    await line('C-000002').waitFor({ state: 'detached' });
    await lineBox('C-000004').check();
    await sidebar.getByRole('button', { name: 'Void selected…' }).click();
    await sidebar.getByRole('textbox', { name: 'Reason for voiding' }).fill('Registered by the approver; voided and re-entered by ops');
    await sidebar.getByRole('button', { name: 'Void 1 line' }).click();
    await sidebar.locator('.result .banner').getByText('Voided 1 line, $500.00.').waitFor();
    await sidebar.getByText('No commissions are waiting for approval.').waitFor();
    expect(await sidebar.getByRole('button', { name: 'Approve selected' }).isVisible()).toBe(false);
    expect(rows(workspace, 'Commissions').map((c) => c.Status)).toEqual(['Approved', 'Approved', 'Void', 'Void']);
  });

  test('no page errors, and the workspace saved after every change', () => {
    expect(pageErrors).toEqual([]);
    expect(workspace.session.lastSaveError).toBeNull();
  });
});

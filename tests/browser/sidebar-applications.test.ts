import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { choosePerson, openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';
import { addTeamMember, expectNoHorizontalScroll, fireHourlyTrigger, navButton, openSidebar, rows, setUpTrackerInSidebar } from '../support/sidebar';

/**
 * Partner applications in Debian's Chromium, through the local workspace: two people apply on
 * the "Become a partner" form; a manager opens Applications from the Partners view, approves
 * one (the partner appears with a generated code, the welcome goes out with the owner's next
 * run) and rejects the other with a reason, in the 300 px sidebar.
 */
const screenshots = path.join(ROOT, 'tmp', 'screenshots');
const MANAGER = 'manager@example.com';

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-applications-');
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
  workspace.emulator.clock.set('2026-03-02T15:00:00Z');
}, 240000);

afterAll(() => chromiumWorkspace?.close());

const view = () => sidebar.locator('.view:not([hidden])');
const item = (company: string): Locator =>
  view()
    .locator('li.application')
    .filter({ has: sidebar.locator('.lead-company', { hasText: company }) });

function apply(company: string, email: string): void {
  const form = workspace.emulator.services.forms.list().find((f) => f.title.includes('become a partner'));
  if (!form) throw new Error('no application form');
  workspace.emulator.submitForm(
    form.id,
    {
      'Company name': company,
      'Your name': 'Lee',
      'Partner type': 'Referral',
      'About your business': 'We advise 40 accounting firms.',
      'Programme terms': 'I accept the programme terms (version 1)',
    },
    { account: email },
  );
}

describe('sidebar: partner applications in Chromium', () => {
  test('a manager finds the waiting applications from Home and from the Partners view, with the verified email and the answers', async () => {
    await page.goto(workspace.url);
    await openSidebar(page);
    await setUpTrackerInSidebar(sidebar);
    addTeamMember(workspace, MANAGER, 'Manager');
    workspace.emulator.run('menuCreateApplicationForm');
    apply('Ledger Advisors', 'lee@ledger.example');
    apply('Spam Co', 'spam@spam.example');
    await choosePerson(page, 'Manager');
    await page.locator('#sidebar-frame').waitFor({ state: 'visible' });

    // Home's attention list says what waits and links to it.
    const waiting = sidebar.locator('ul.attention-list > li[data-key="applications"]');
    await waiting.waitFor();
    expect(await waiting.innerText()).toContain('2 partner applications wait for a manager: approve or reject each.');
    await waiting.getByRole('button', { name: 'Open Applications' }).click();
    await sidebar.getByRole('heading', { name: 'Applications (2)', level: 1 }).waitFor();
    // So does the Partners view.
    await navButton(sidebar, 'Partners').click();
    await sidebar.getByRole('heading', { name: 'Partners', level: 1 }).waitFor();
    await expectNoHorizontalScroll(page, { body: true, clipped: '.nav-item, button' });
    await view().getByRole('button', { name: 'Partner applications' }).click();
    await sidebar.getByRole('heading', { name: 'Applications (2)', level: 1 }).waitFor();
    expect(await view().locator('li.application .lead-company').allInnerTexts()).toEqual(['Ledger Advisors', 'Spam Co']);
    const facts = await item('Ledger Advisors').locator('dl.facts').innerText();
    expect(facts).toContain('lee@ledger.example');
    expect(facts).toContain('We advise 40 accounting firms.');
    expect(facts).toContain('version 1');
    await expectNoHorizontalScroll(page, { body: true, clipped: '.nav-item, button' });
    mkdirSync(screenshots, { recursive: true });
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-applications.png') });
  });

  test('approving makes the partner with a generated code; the application leaves the list; the welcome follows with the hourly run', async () => {
    await item('Ledger Advisors').getByRole('button', { name: 'Approve', exact: true }).click();
    const done = view().locator('.result .banner');
    await done.getByText(/^Approved A-000001: Ledger Advisors is partner P-000001, code [A-Z2-9]{12}\./).waitFor();
    await sidebar.getByRole('heading', { name: 'Applications (1)', level: 1 }).waitFor();
    const [partner] = rows(workspace, 'Partners');
    expect(partner).toMatchObject({ 'Partner ID': 'P-000001', Name: 'Ledger Advisors', 'Contact Email': 'lee@ledger.example', Status: 'Active' });
    expect(partner['Partner Code']).toMatch(/^[A-HJ-NP-Z2-9]{12}$/);
    expect(partner['Terms Accepted']).toBe('version 1 by lee@ledger.example on 2026-03-02 (application A-000001)');
    expect(rows(workspace, 'Applications')[0]).toMatchObject({ Status: 'Approved', 'Decided By': MANAGER, 'Partner ID': 'P-000001' });
    fireHourlyTrigger(workspace);
    const welcome = workspace.emulator.services.mail.sentTo('lee@ledger.example').find((m) => m.subject.startsWith('Welcome'));
    expect(welcome?.body).toContain(partner['Partner Code']);
  });

  test('rejecting asks for the reason first, then records it; the list is empty', async () => {
    const spam = item('Spam Co');
    await spam.getByRole('button', { name: 'Reject…' }).click();
    const reason = spam.getByRole('textbox', { name: 'Why reject it' });
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await spam.getByRole('button', { name: 'Reject application' }).click();
    await spam.getByText('A reason is required: the applicant is sent it.').waitFor();
    await reason.fill('We could not find your business.');
    await spam.getByRole('button', { name: 'Reject application' }).click();
    await view().locator('.result .banner').getByText('Rejected A-000002.', { exact: false }).waitFor();
    await view().getByText('No applications are waiting.', { exact: false }).waitFor();
    expect(rows(workspace, 'Applications')[1]).toMatchObject({ Status: 'Rejected', 'Decision Note': 'We could not find your business.' });
    expect(rows(workspace, 'Partners')).toHaveLength(1);
    await expectNoHorizontalScroll(page, { body: true, clipped: '.nav-item, button' });
    expect(pageErrors).toEqual([]);
  });
});

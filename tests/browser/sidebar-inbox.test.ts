import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';
import { activeElement, expectNoHorizontalScroll, focusOutlineStyle, navButton, openSidebar, rows, savePartner, setUpTrackerInSidebar } from '../support/sidebar';

/**
 * The sidebar's Form Inbox in Debian's Chromium, through the local workspace: rejected partner
 * form responses (written as the intake writes them) listed with their reasons, one fixed and
 * re-processed into a lead that then shows in Leads, one still refused, one dismissed with a
 * reason; by keyboard, in the 300 px sidebar.
 */
const screenshots = path.join(ROOT, 'tmp', 'screenshots');

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-inbox-');
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
  workspace.emulator.clock.set('2026-03-02T15:00:00Z');
}, 240000);

afterAll(() => chromiumWorkspace?.close());

const view = () => sidebar.locator('.view:not([hidden])');
const item = (company: string): Locator =>
  view()
    .locator('li.inbox-item')
    .filter({ has: sidebar.locator('.lead-company', { hasText: company }) });

/** A rejected response's Form Inbox row, as the form's intake writes it. */
function rejected(row: number, receivedAt: string, answers: Record<string, string>, reasons: string): void {
  const inbox = workspace.emulator.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Form Inbox')!;
  const named = Object.fromEntries(Object.entries(answers).map(([q, a]) => [q, [a]]));
  inbox.getRange(row, 1, 1, 7).setValues([[receivedAt, answers['Partner code'], reasons, JSON.stringify(named), 'Rejected', '', `Form Responses 1!${row}`]]);
}

async function noHorizontalScroll(): Promise<void> {
  await expectNoHorizontalScroll(page, { body: true, clipped: '.nav-item, button' });
}

describe('sidebar: the Form Inbox in Chromium', () => {
  test('eight views fit the 300 px navigation in two rows of four; the Inbox lists the waiting responses, newest first, with reasons and answers', async () => {
    await page.goto(workspace.url);
    await openSidebar(page);
    await setUpTrackerInSidebar(sidebar);
    savePartner(workspace, 'Acme Partners', 'ACME', 'pat@acme-partners.example', 'Reseller');
    rejected(
      2,
      '2026-03-01 09:00:00',
      { 'Partner code': 'ACM', Company: 'Initech Ltd', 'Company website': 'initech.co.uk', 'Contact email': 'bill@initech.co.uk', 'Estimated deal value': '25000' },
      'Partner code "ACM" is not known.',
    );
    rejected(3, '2026-03-02 10:30:00', { 'Partner code': 'ACME', Company: 'Hooli', 'Contact email': 'gavin.belson@hooli.example', Notes: 'a-very-long-unbroken-note-'.repeat(8) }, '');

    const nav = sidebar.getByRole('navigation', { name: 'Sidebar views' });
    expect(await nav.getByRole('button').allInnerTexts()).toEqual(['Home', 'Register', 'Leads', 'Partners', 'Approvals', 'Payouts', 'Team', 'Inbox']);
    const boxes = await nav.getByRole('button').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ top: Math.round(r.top), left: Math.round(r.left) })));
    expect(boxes.slice(0, 4).every((b) => b.top === boxes[0].top)).toBe(true);
    expect(boxes.slice(4).every((b) => b.top === boxes[4].top && b.top > boxes[0].top)).toBe(true);
    expect(boxes[4].left).toBe(boxes[0].left);

    await navButton(sidebar, 'Inbox').click();
    expect(await navButton(sidebar, 'Inbox').getAttribute('aria-current')).toBe('page');
    await sidebar.getByRole('heading', { name: 'Form Inbox (2)', level: 1 }).waitFor();
    expect(await view().locator('li.inbox-item .lead-company').allInnerTexts()).toEqual(['Hooli', 'Initech Ltd']);
    expect(await item('Initech Ltd').locator('.inbox-reasons li').allInnerTexts()).toEqual(['Partner code "ACM" is not known.']);
    // An old row without a reason says so instead of showing nothing.
    expect(await item('Hooli').locator('.inbox-reasons').innerText()).toContain('No reason was recorded for this response');
    expect(await item('Initech Ltd').locator('dl.facts').innerText()).toContain('bill@initech.co.uk');
    await noHorizontalScroll();
    mkdirSync(screenshots, { recursive: true });
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-inbox.png') });
  });

  test('fixing the partner code by keyboard and re-processing makes a lead, shown in Leads; the row records it', async () => {
    const toggle = item('Initech Ltd').getByRole('button', { name: 'Fix and re-process…' });
    // By keyboard: Tab from the response above to this one's first action; its focus is visible.
    await item('Hooli').getByRole('button', { name: 'Dismiss…' }).focus();
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toBe('button:Fix and re-process…');
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await focusOutlineStyle(page)).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await activeElement(page)).toBe('input:Partner code *');
    const code = item('Initech Ltd').getByRole('textbox', { name: 'Partner code' });
    expect(await code.inputValue()).toBe('ACM');
    expect(await item('Initech Ltd').getByRole('textbox', { name: 'Company', exact: true }).inputValue()).toBe('Initech Ltd');
    await noHorizontalScroll();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('ACME');
    await page.keyboard.press('Enter');

    const done = view().locator('.result .banner');
    await done.getByText('Registered L-000001 (New).').waitFor();
    expect(await done.evaluate((el) => el === document.activeElement)).toBe(true);
    await sidebar.getByRole('heading', { name: 'Form Inbox (1)', level: 1 }).waitFor();
    expect(await view().locator('li.inbox-item .lead-company').allInnerTexts()).toEqual(['Hooli']);
    expect(rows(workspace, 'Form Inbox')[0]).toMatchObject({ Status: 'Reprocessed', 'Lead ID': 'L-000001', 'Decision Note': 'Corrected Partner code "ACM" → "ACME".' });
    expect(rows(workspace, 'Leads')[0]).toMatchObject({ 'Lead ID': 'L-000001', Company: 'Initech Ltd', Source: 'form', 'Form Response': 'Form Responses 1!2' });

    await done.getByRole('button', { name: 'See it in Leads' }).click();
    await sidebar.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
    await view().locator('li.lead[data-id="L-000001"]').waitFor();
    expect(await view().locator('li.lead[data-id="L-000001"]').innerText()).toContain('Initech Ltd');
  });

  test('still refused: the reason shows beside the field and in the response, the typed value stays; Escape closes the form', async () => {
    // Showing the view reloads the list; held here until the form is being opened, so a click lands while the old list is on screen.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/run', async (route) => {
      if ((JSON.parse(route.request().postData() ?? '{}') as { name?: string }).name === 'apiListInbox') await held;
      await route.continue();
    });
    await navButton(sidebar, 'Inbox').click();
    const hooli = item('Hooli');
    // The list a reload is about to replace takes no input (a form opened in it would vanish with it): the click waits for the new one.
    expect(
      await view()
        .locator('ul.inbox-items')
        .evaluate((list) => [(list as HTMLElement).inert, list.getAttribute('aria-busy')]),
    ).toEqual([true, 'true']);
    const opening = hooli.getByRole('button', { name: 'Fix and re-process…' }).click();
    release();
    await opening;
    await page.unroute('**/api/run');
    expect(await view().locator('ul.inbox-items').getAttribute('aria-busy')).toBeNull();
    const code = hooli.getByRole('textbox', { name: 'Partner code' });
    await code.fill('NOPE');
    await hooli.getByRole('button', { name: 'Re-process', exact: true }).click();
    await hooli.getByText('Still refused; the response stays in the inbox.').waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await hooli.locator('.field-error:not([hidden])').allInnerTexts()).toEqual(['Partner code "NOPE" is not known.']);
    expect(await hooli.locator('.inbox-reasons li').allInnerTexts()).toEqual(['Partner code "NOPE" is not known.']);
    expect(await code.inputValue()).toBe('NOPE');
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-inbox-refused.png') });
    expect(await activeElement(page)).toBe('input:Partner code *');
    expect(rows(workspace, 'Form Inbox')[1]).toMatchObject({ Status: 'Rejected', Reasons: 'Partner code "NOPE" is not known.' });
    expect(rows(workspace, 'Leads')).toHaveLength(1);
    await noHorizontalScroll();
    await page.keyboard.press('Escape');
    expect(await activeElement(page)).toBe('button:Fix and re-process…');
    expect(await hooli.locator('form').first().isHidden()).toBe(true);
  });

  test('dismissing asks for a reason first, then records it; the inbox is empty', async () => {
    const hooli = item('Hooli');
    await hooli.getByRole('button', { name: 'Dismiss…' }).click();
    const reason = hooli.getByRole('textbox', { name: 'Why dismiss it' });
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await hooli.getByRole('button', { name: 'Dismiss response' }).click();
    await hooli.getByText('A reason is required: say why this response is dismissed.').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(rows(workspace, 'Form Inbox')[1].Status).toBe('Rejected');
    await reason.fill('Test submission by the partner');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await view().locator('.result .banner').getByText('Dismissed the response from ACME.').waitFor();
    await view().getByText('No form responses are waiting.', { exact: false }).waitFor();
    await sidebar.getByRole('heading', { name: 'Form Inbox', exact: true, level: 1 }).waitFor();
    expect(rows(workspace, 'Form Inbox')[1]).toMatchObject({ Status: 'Dismissed', 'Decision Note': 'Test submission by the partner' });
    await noHorizontalScroll();
    expect(pageErrors).toEqual([]);
  });
});

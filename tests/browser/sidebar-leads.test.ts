import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';
import { activeElement, expectNoHorizontalScroll, focusOutlineStyle, navButton, openSidebar, runInSidebar, setUpTrackerInSidebar, sidebarFrame, waitForAnnouncement } from '../support/sidebar';

/**
 * The sidebar's partner and lead views in Debian's Chromium, through the local
 * workspace: the real build in the emulator, google.script.run through the
 * shim, driven by mouse and keyboard in the 300 px iframe.
 */
const screenshots = path.join(ROOT, 'tmp', 'screenshots');

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];
let serverCalls: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-leads-');
  ({ workspace, page, sidebar, pageErrors, serverCalls } = chromiumWorkspace);
}, 240000);

afterAll(() => chromiumWorkspace?.close());

/** The field wrapper (label, control, error, hint) of the control with this accessible name. */
function fieldOf(control: Locator): Locator {
  return control.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " field ")][1]');
}

async function noHorizontalScroll(): Promise<void> {
  await expectNoHorizontalScroll(page, { body: true });
}

/** Picks a partner in the combobox by typing part of its name or code. */
async function pickPartner(typed: string, optionName: RegExp): Promise<void> {
  const picker = sidebar.getByRole('combobox', { name: 'Partner' });
  await picker.fill(typed);
  await sidebar.getByRole('option', { name: optionName }).waitFor();
  expect(await picker.getAttribute('aria-expanded')).toBe('true');
  await picker.press('Enter');
  expect(await picker.getAttribute('aria-expanded')).toBe('false');
}

function leadsRows() {
  const leads = workspace.emulator.workbookView(10).sheets.find((s) => s.name === 'Leads');
  if (!leads) throw new Error('no Leads tab in the emulator');
  const header = leads.rows[0];
  return leads.rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])) as Record<string, unknown>);
}

function leadItem(id: string): Locator {
  return sidebar.locator(`li.lead[data-id="${id}"]`);
}

describe('sidebar: partners, lead registration and the lead pipeline in Chromium', () => {
  test('the sidebar opens on Home with a navigation bar, and Set up tracker works there', async () => {
    await page.goto(workspace.url);
    await openSidebar(page);
    expect((await page.locator('#sidebar-frame').boundingBox())?.width).toBe(300);

    await sidebar.getByText('Not set up yet').waitFor();
    expect(await navButton(sidebar, 'Home').getAttribute('aria-current')).toBe('page');
    for (const name of ['Register', 'Leads', 'Partners', 'Approvals', 'Payouts', 'Team']) expect(await navButton(sidebar, name).getAttribute('aria-current')).toBeNull();

    await setUpTrackerInSidebar(sidebar);
    expect(serverCalls).toContain('apiRunSetup');
    await noHorizontalScroll();
  });

  test('keyboard: Tab reaches the navigation, Enter switches view, focus is visible, and Tab continues into the view', async () => {
    // Focus the Home heading, then walk backwards into the navigation bar.
    await sidebar.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('Shift+Tab');
    expect(await activeElement(page)).toBe('button:Inbox');
    await page.keyboard.press('Shift+Tab');
    expect(await activeElement(page)).toBe('button:Team');
    await page.keyboard.press('Shift+Tab');
    expect(await activeElement(page)).toBe('button:Payouts');
    await page.keyboard.press('Shift+Tab');
    expect(await activeElement(page)).toBe('button:Approvals');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await activeElement(page)).toBe('button:Register');
    const outline = await focusOutlineStyle(page);
    expect(outline).not.toBe('none');

    await page.keyboard.press('Enter');
    await sidebar.getByRole('heading', { name: 'Register a lead' }).waitFor();
    expect(await navButton(sidebar, 'Register').getAttribute('aria-current')).toBe('page');
    expect(await navButton(sidebar, 'Home').getAttribute('aria-current')).toBeNull();
    // Focus stays on the nav button; Tab goes on through the nav, then into the view.
    expect(await activeElement(page)).toBe('button:Register');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await sidebar.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
    expect(await navButton(sidebar, 'Leads').getAttribute('aria-current')).toBe('page');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toBe('button:Partners');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toBe('button:Approvals');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toBe('button:Payouts');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toBe('button:Team');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toBe('button:Inbox');
    await page.keyboard.press('Tab');
    // The Leads view's header offers Import first, then its filters.
    expect(await activeElement(page)).toBe('button:Import from a file or a spreadsheet');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toMatch(/^select:/);
  });

  test('with no partners yet, Register lead says so and points to Partners', async () => {
    await navButton(sidebar, 'Register').click();
    await sidebar.getByText('There are no active partners yet').waitFor();
    expect(await sidebar.getByRole('combobox', { name: 'Partner' }).isVisible()).toBe(false);
    await sidebar.getByRole('button', { name: 'Add a partner in Partners' }).click();
    await sidebar.getByRole('heading', { name: 'Partners', level: 1 }).waitFor();
    expect(await navButton(sidebar, 'Partners').getAttribute('aria-current')).toBe('page');
  });

  test('Partners: add two partners; a duplicate code is refused by the server beside the code field', async () => {
    const add = async (name: string, code: string, email: string, type: string) => {
      await sidebar.getByRole('button', { name: 'Add partner' }).click();
      await sidebar.getByRole('heading', { name: 'Add partner' }).waitFor();
      await sidebar.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
      await sidebar.getByRole('textbox', { name: 'Partner code' }).fill(code);
      await sidebar.getByRole('textbox', { name: 'Contact email' }).fill(email);
      await sidebar.getByRole('combobox', { name: 'Type' }).selectOption(type);
      await sidebar.getByRole('combobox', { name: 'Region' }).selectOption('EMEA');
      await sidebar.locator('form').getByRole('button', { name: 'Add partner' }).click();
    };
    await add('Acme Partners', 'acme', 'ann@acme-partners.com', 'Reseller');
    await sidebar.getByText('Added Acme Partners (ACME, P-000001).').waitFor();
    await add('Globex Referrals', 'GLOBEX', 'gina@globex.example', 'Referral');
    await sidebar.getByText('Added Globex Referrals (GLOBEX, P-000002).').waitFor();
    await sidebar.getByText('2 partners').waitFor();
    const rows = sidebar.locator('ul.partners > li.partner');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().innerText()).toContain('Acme Partners');
    expect(await rows.first().innerText()).toContain('ACME');

    // Client validation first: nothing is sent while the form is incomplete.
    await sidebar.getByRole('button', { name: 'Add partner' }).click();
    // (Opening the form may fetch the region and product lists; saves are what must not happen.)
    const saves = () => serverCalls.filter((n) => n === 'apiSavePartner').length;
    const before = saves();
    await sidebar.locator('form').getByRole('button', { name: 'Add partner' }).click();
    const name = sidebar.getByRole('textbox', { name: 'Name', exact: true });
    expect(await fieldOf(name).locator('.field-error').innerText()).toContain('Name is required');
    expect(
      await fieldOf(sidebar.getByRole('combobox', { name: 'Type' }))
        .locator('.field-error')
        .innerText(),
    ).toContain('Type must be one of');
    expect(await activeElement(page)).toMatch(/^input:/);
    expect(saves()).toBe(before);

    // The server's field error lands beside the code field.
    await name.fill('Acme Again');
    await sidebar.getByRole('textbox', { name: 'Partner code' }).fill('Acme');
    await sidebar.getByRole('textbox', { name: 'Contact email' }).fill('x@acme-again.example');
    await sidebar.getByRole('combobox', { name: 'Type' }).selectOption('Affiliate');
    await sidebar.locator('form').getByRole('button', { name: 'Add partner' }).click();
    const code = sidebar.getByRole('textbox', { name: 'Partner code' });
    await fieldOf(code).getByText('Partner code ACME is already used by Acme Partners (P-000001)').waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await code.getAttribute('aria-describedby')).toContain(await fieldOf(code).locator('.field-error').getAttribute('id'));
    expect(serverCalls.filter((n) => n === 'apiSavePartner')).toHaveLength(3);
    await sidebar.getByRole('button', { name: 'Cancel' }).click();
    expect(await rows.count()).toBe(2);

    // Edit: the form is filled from the partner.
    await sidebar.getByRole('button', { name: 'Edit Globex Referrals' }).click();
    expect(await sidebar.getByRole('textbox', { name: 'Partner code' }).inputValue()).toBe('GLOBEX');
    expect(await sidebar.getByRole('combobox', { name: 'Region' }).inputValue()).toBe('EMEA');
    await sidebar.getByRole('combobox', { name: 'Tier', exact: true }).selectOption('Silver');
    // Tier pinned: offered to all, a Manager's call (the owner here holds every role); unpinned by default.
    expect(await sidebar.getByRole('combobox', { name: 'Tier pinned' }).inputValue()).toBe('');
    await sidebar.getByRole('button', { name: 'Save changes' }).click();
    await sidebar.getByText('Saved Globex Referrals (GLOBEX, P-000002).').waitFor();
    await sidebar.getByText('GLOBEX · Silver · Referral').waitFor();
    await noHorizontalScroll();
  });

  test('Register lead: a registration shows a busy state, then its ID and status New, and the form resets', async () => {
    await navButton(sidebar, 'Register').click();
    await sidebar.getByRole('combobox', { name: 'Partner' }).waitFor();
    await pickPartner('acm', /Acme Partners/);
    expect(await sidebar.getByRole('combobox', { name: 'Partner' }).inputValue()).toBe('Acme Partners (ACME)');
    await sidebar.getByRole('textbox', { name: 'Company name' }).fill('Initech <b>Inc</b>');
    await sidebar.getByRole('textbox', { name: 'Company website' }).fill('https://www.initech.com/about');
    await sidebar.getByRole('textbox', { name: 'Contact name' }).fill('Peter Gibbons');
    await sidebar.getByRole('textbox', { name: 'Contact email' }).fill('peter@initech.com');
    await sidebar.getByRole('combobox', { name: 'Product' }).selectOption('Core Platform');
    const value = sidebar.getByRole('textbox', { name: /^Estimated deal value \(\w+\)$/ });
    await value.fill('12,500.50');
    await sidebar.getByLabel('Expected close date').fill('2031-06-30');

    await page.route('**/api/run', async (route) => {
      if ((JSON.parse(route.request().postData() ?? '{}') as { name?: string }).name === 'apiRegisterLead') await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    await sidebar.getByRole('button', { name: 'Register lead' }).click();
    const busy = sidebar.getByRole('button', { name: 'Registering…' });
    await busy.waitFor();
    expect(await busy.isDisabled()).toBe(true);
    const done = sidebar.getByText(/^Registered L-\d{6} · status New$/);
    await done.waitFor();
    await page.unroute('**/api/run');
    expect(await done.innerText()).toBe('Registered L-000001 · status New');
    const bannerText = await sidebar.locator('.result .banner').innerText();
    expect(bannerText).toContain('Initech <b>Inc</b> for Acme Partners');
    expect(bannerText).toContain('$12,500.50');
    expect(await sidebar.locator('.result .banner b').count()).toBe(0);

    // The form is empty again and ready for the next lead.
    for (const name of ['Company name', 'Company website', 'Contact name', 'Contact email']) {
      expect(await sidebar.getByRole('textbox', { name }).inputValue()).toBe('');
    }
    expect(await sidebar.getByRole('combobox', { name: 'Partner' }).inputValue()).toBe('');
    expect(await sidebar.getByRole('combobox', { name: 'Product' }).inputValue()).toBe('');
    expect(await value.inputValue()).toBe('');

    const lead = leadsRows().find((r) => r['Lead ID'] === 'L-000001');
    expect(lead?.['Company']).toBe('Initech <b>Inc</b>');
    expect(lead?.['Status']).toBe('New');

    mkdirSync(screenshots, { recursive: true });
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-register.png') });
    await noHorizontalScroll();
  });

  test('a bad contact email is refused beside the field, focused, and never sent; a touched field is checked on blur', async () => {
    await pickPartner('GLOBEX', /Globex Referrals/);
    await sidebar.getByRole('textbox', { name: 'Company name' }).fill('Umbrella');
    const email = sidebar.getByRole('textbox', { name: 'Contact email' });
    await email.fill('alice@umbrella');
    const website = sidebar.getByRole('textbox', { name: 'Company website' });
    await website.fill('not a website');
    await website.press('Tab');
    await fieldOf(website).getByText('Company website must be a web address').waitFor();
    await website.fill('umbrella.example');
    // Fixed: the error goes as soon as the value is valid.
    await fieldOf(website).locator('.field-error').waitFor({ state: 'hidden' });

    const before = serverCalls.length;
    await sidebar.getByRole('button', { name: 'Register lead' }).click();
    const error = fieldOf(email).locator('.field-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Contact email must be an email address like name@company.com');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect((await email.getAttribute('aria-describedby'))?.split(' ')).toContain(await error.getAttribute('id'));
    expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);
    // A call through the sidebar's google.script.run goes out after any the click made: only it was sent.
    await runInSidebar(page, 'apiListPartners');
    expect(serverCalls.slice(before)).toEqual(['apiListPartners']);
    expect(serverCalls.filter((n) => n === 'apiRegisterLead')).toHaveLength(1);
  });

  test('a colliding lead from a second partner (same website domain) is kept as Conflict, with the reason', async () => {
    await sidebar.getByRole('textbox', { name: 'Company name' }).fill('Initech Corporation');
    await sidebar.getByRole('textbox', { name: 'Company website' }).fill('initech.com');
    await sidebar.getByRole('textbox', { name: 'Contact email' }).fill('bill@initech.com');
    await sidebar.getByRole('button', { name: 'Register lead' }).click();
    const title = sidebar.getByText(/^Registered L-\d{6} with status Conflict$/);
    await title.waitFor();
    expect(await title.innerText()).toBe('Registered L-000002 with status Conflict');
    const text = await sidebar.locator('.result .banner').innerText();
    expect(text).toMatch(/Same domain initech\.com as L-000001, registered by Acme Partners on \d{4}-\d{2}-\d{2}\./);
    expect(leadsRows().find((r) => r['Lead ID'] === 'L-000002')?.['Status']).toBe('Conflict');
  });

  test('Leads: newest first with chips; New → Accepted → Qualified in place; Closed Won needs an amount; the server refuses stale moves', async () => {
    await navButton(sidebar, 'Leads').click();
    await sidebar.getByText('2 leads').waitFor();
    const items = sidebar.locator('ul.leads > li.lead');
    expect(await items.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.id))).toEqual(['L-000002', 'L-000001']);
    expect(await leadItem('L-000001').locator('.chip').innerText()).toBe('New');
    expect(await leadItem('L-000002').locator('.chip').innerText()).toBe('Conflict');
    const summary = await leadItem('L-000001').innerText();
    expect(summary).toContain('Initech <b>Inc</b>');
    expect(summary).toContain('Acme Partners · $12,500.50');
    expect(summary).toMatch(/Protected until \d{4}-\d{2}-\d{2}/);

    // Filters: by partner, and by search.
    await sidebar.getByRole('combobox', { name: 'Partner' }).selectOption({ label: 'Globex Referrals (GLOBEX)' });
    await sidebar.getByText('1 lead', { exact: true }).waitFor();
    await sidebar.getByRole('combobox', { name: 'Partner' }).selectOption('');
    await sidebar.getByRole('searchbox', { name: 'Search' }).fill('L-000001');
    await sidebar.getByText('1 lead', { exact: true }).waitFor();
    expect(await items.count()).toBe(1);
    await sidebar.getByRole('searchbox', { name: 'Search' }).fill('');
    await sidebar.getByText('2 leads').waitFor();

    // Expand L-000001 and accept it.
    const toggle = leadItem('L-000001').locator('button.lead-summary');
    await toggle.click();
    expect(await leadItem('L-000001').locator('button.lead-summary').getAttribute('aria-expanded')).toBe('true');
    expect(await leadItem('L-000001').locator('dl.facts').innerText()).toContain('peter@initech.com');
    await sidebar.getByRole('button', { name: 'Move L-000001 to Accepted' }).click();
    await leadItem('L-000001').getByText('Moved to Accepted.').waitFor();
    expect(await leadItem('L-000001').locator('.chip').innerText()).toBe('Accepted');
    await waitForAnnouncement(page, 'L-000001 moved to Accepted.');
    expect(leadsRows().find((r) => r['Lead ID'] === 'L-000001')?.['Status']).toBe('Accepted');
    // Updated in place: still second in the list, still expanded, with its new moves.
    expect(await items.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.id))).toEqual(['L-000002', 'L-000001']);
    await sidebar.getByRole('button', { name: 'Move L-000001 to Qualified' }).click();
    await leadItem('L-000001').getByText('Moved to Qualified.').waitFor();

    // Closed Won without an amount: caught in the browser, beside the field.
    await sidebar.getByRole('button', { name: 'Move L-000001 to Closed Won' }).click();
    const amount = leadItem('L-000001').getByRole('textbox', { name: /^Deal amount/ });
    await amount.waitFor();
    expect(await amount.evaluate((el) => el === document.activeElement)).toBe(true);
    const closeDate = leadItem('L-000001').getByLabel('Close date');
    expect(await closeDate.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const before = serverCalls.length;
    await sidebar.getByRole('button', { name: 'Move to Closed Won' }).click();
    const amountError = fieldOf(amount).locator('.field-error');
    await amountError.waitFor();
    expect(await amountError.innerText()).toContain('Deal amount is required');
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    expect(await amount.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(serverCalls.length).toBe(before);

    mkdirSync(screenshots, { recursive: true });
    await sidebarFrame(page).evaluate(() => window.scrollTo(0, 0));
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-leads.png') });
    await noHorizontalScroll();

    // A close date in the future is the server's to refuse: its message lands beside the field.
    await amount.fill('11,000');
    await closeDate.fill('2099-01-01');
    await sidebar.getByRole('button', { name: 'Move to Closed Won' }).click();
    await fieldOf(closeDate).getByText('Close date 2099-01-01 is in the future.').waitFor();
    expect(leadsRows().find((r) => r['Lead ID'] === 'L-000001')?.['Status']).toBe('Qualified');
    await sidebar.getByRole('button', { name: 'Cancel' }).click();

    // Someone else rejects L-000002 meanwhile; accepting it from this (stale) list is refused near the lead.
    await leadItem('L-000002').locator('button.lead-summary').click();
    await sidebar.getByRole('button', { name: 'Move L-000002 to Accepted' }).waitFor();
    const elsewhere = await sidebarFrame(page).evaluate(
      () =>
        new Promise<string>((resolve) => {
          type Runner = Record<string, (...args: unknown[]) => void> & { withSuccessHandler(f: (v: unknown) => void): Runner };
          const run = (window as unknown as { google: { script: { run: Runner } } }).google.script.run;
          run.withSuccessHandler((v) => resolve(JSON.stringify(v))).apiMoveLead('L-000002', { to: 'Rejected', reason: 'Duplicate of L-000001' });
        }),
    );
    expect(JSON.parse(elsewhere).ok).toBe(true);
    await sidebar.getByRole('button', { name: 'Move L-000002 to Accepted' }).click();
    // The server re-read the lead under its lock: what changed is said, and the list shows the leads as they are now
    // (a Rejected lead is no longer among the open ones, so the note stands above the list, focused).
    const changed = sidebar.locator('.banner.warn', { hasText: 'L-000002 changed since you opened it' });
    await changed.waitFor();
    expect(await changed.innerText()).toMatch(
      /^L-000002 changed since you opened it: its status is now "Rejected" \(you saw "Conflict"\); its reason is now "Duplicate of L-000001" \(you saw ".+"\)\. Nothing was changed; .* It no longer matches the filters above\.$/,
    );
    expect(await changed.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await leadItem('L-000002').count()).toBe(0);
    await waitForAnnouncement(page, (await changed.innerText()).replace(' It no longer matches the filters above.', ''));
    expect(leadsRows().find((r) => r['Lead ID'] === 'L-000002')?.['Status']).toBe('Rejected');
  });

  test('no page errors, and the workspace saved after every change', () => {
    expect(pageErrors).toEqual([]);
    expect(workspace.session.lastSaveError).toBeNull();
  });
});

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { choosePerson, openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';

/**
 * The partner form end to end, in Debian's Chromium, with the REAL add-on
 * (build/Code.js and build/Sidebar.html) in the local workspace: the team sets
 * the tracker up and adds a partner from the add-on menu and sidebar, creates the
 * partner form, and a partner answers it in the Forms panel. The add-on's
 * onFormSubmit trigger turns responses into leads (or Form Inbox rows), and
 * emails the partner; the person sees it all in the grid and the Outbox. The
 * partner answers signed in as their own Google account (chosen under "You are:"):
 * the form records it, and the lead is Registered By them.
 */
const screenshot = path.join(ROOT, 'tmp', 'screenshots', 'partner-form-e2e.png');
const FORM_TITLE = 'Partner Programme — register a lead';
const PARTNER_EMAIL = 'ann@acme-partners.com';

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('partner-form-e2e-');
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
  // The partner's own Google account, offered under "You are:" (a personal account outside the team).
  workspace.emulator.people.add({ email: PARTNER_EMAIL, kind: 'consumer', name: 'Ann at Acme Partners' });
}, 240000);

afterAll(() => chromiumWorkspace?.close());

async function addonMenu(caption: string): Promise<void> {
  await page.getByRole('menuitem', { name: 'Extensions' }).click();
  await page.getByRole('menuitem', { name: 'Partnership Tracker' }).click();
  await page.getByRole('menuitem', { name: caption }).click();
}

/** The script's alert, shown to the person once the menu item finished; returns its text after dismissing it with OK. */
async function dismissAlert(title: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  const text = await dialog.innerText();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await dialog.waitFor({ state: 'hidden' });
  return text;
}

function navButton(name: string): Locator {
  return sidebar.getByRole('navigation', { name: 'Sidebar views' }).getByRole('button', { name, exact: true });
}

/** A question card of the open form, by its exact title. */
function question(title: string): Locator {
  return page.locator('.gform-question').filter({ has: page.locator('.gform-label', { hasText: new RegExp(`^${title}$`) }) });
}

/** The tab the grid shows, as records (header row 1 → value), read from the rendered table. */
async function gridRecords(): Promise<Array<Record<string, string>>> {
  return page.locator('table.grid').evaluate((table) => {
    const rows = Array.from(table.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? ''));
    const [header = [], ...data] = rows;
    return data.filter((r) => r.some((v) => v !== '')).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  });
}

/** Shows a tab in the grid and waits until a drawn row holds `text`. */
async function showTabWith(sheet: string, text: string): Promise<void> {
  await page.locator(`#tabs [data-sheet="${sheet}"]`).click();
  await page.waitForFunction(
    ({ name, wanted }) =>
      document.querySelector('table.grid')?.getAttribute('aria-label') === `${name} sheet` &&
      Array.from(document.querySelectorAll('table.grid tbody td')).some((td) => (td.textContent ?? '').includes(wanted)),
    { name: sheet, wanted: text },
  );
}

function modelRows(name: string): string[][] {
  const sheet = workspace.emulator.workbookView().sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no tab ${name}`);
  return sheet.rows.filter((r) => r.some((v) => v !== ''));
}

/** Opens the partner form from the Forms panel's list (opening the panel first when it is closed). */
async function openPartnerForm(): Promise<void> {
  const formsButton = page.getByRole('button', { name: /^Forms/ });
  if ((await formsButton.getAttribute('aria-expanded')) !== 'true') await formsButton.click();
  const back = page.getByRole('button', { name: '← All forms' });
  if (await back.isVisible()) await back.click();
  await page.getByRole('button', { name: `Open “${FORM_TITLE}”` }).click();
  await page.locator('#gform-title').waitFor();
}

/** Fills the open partner form; answers not given are left empty. */
async function fillForm(
  answers: Partial<Record<'Partner code' | 'Company' | 'Company website' | 'Contact name' | 'Contact email' | 'Estimated deal value' | 'Notes', string>> & { Product?: string },
): Promise<void> {
  for (const [title, value] of Object.entries(answers)) {
    const control = page.getByLabel(title, { exact: true });
    if (title === 'Product') await control.selectOption(value);
    else await control.fill(value);
  }
}

async function submitAndWaitForConfirmation(): Promise<void> {
  await page.getByRole('button', { name: 'Submit' }).click();
  const confirmation = page.locator('.gform-confirmation');
  await confirmation.waitFor();
  expect(await confirmation.locator('.gform-confirmation-text').innerText()).toBe('Thank you. Your registration was received; you will get an email with its lead ID and status.');
  // The add-on's trigger ran, and succeeded.
  await page.locator('.forms-runs li').first().waitFor();
  expect(await page.locator('.forms-runs li').allInnerTexts()).toEqual(['onPartnerFormSubmit ran']);
}

describe("the real add-on's partner form, end to end in the workspace", () => {
  test('Set up tracker from the add-on menu; its alert is dismissed', async () => {
    await page.goto(workspace.url);
    await page.waitForFunction(() => !/Loading/.test(document.getElementById('spreadsheet-name')?.textContent ?? 'Loading'));
    await addonMenu('Set up tracker');
    const text = await dismissAlert('Partnership Tracker setup');
    expect(text).toContain('The tracker is set up: its tabs, protections and automation are in place');
    expect(text).toContain('Next:\n1. Add your partners');
    for (const tab of ['Partners', 'Leads', 'Form Inbox', 'Lists']) await page.locator(`#tabs [data-sheet="${tab}"]`).waitFor();
  });

  test("the sidebar's Partners view adds partner ACME", async () => {
    await addonMenu('Open sidebar');
    await navButton('Partners').click();
    await sidebar.getByRole('heading', { name: 'Partners', level: 1 }).waitFor();
    await sidebar.getByRole('button', { name: 'Add partner' }).click();
    await sidebar.getByRole('heading', { name: 'Add partner' }).waitFor();
    await sidebar.getByRole('textbox', { name: 'Name', exact: true }).fill('Acme Partners');
    await sidebar.getByRole('textbox', { name: 'Partner code' }).fill('ACME');
    await sidebar.getByRole('textbox', { name: 'Contact email' }).fill(PARTNER_EMAIL);
    await sidebar.getByRole('combobox', { name: 'Type' }).selectOption('Reseller');
    await sidebar.getByRole('combobox', { name: 'Region' }).selectOption('EMEA');
    // A colleague who may register leads too, and weekly status updates.
    const colleagues = sidebar.getByRole('textbox', { name: "Colleagues' emails" });
    await colleagues.fill('not-an-email');
    await colleagues.blur();
    await sidebar.getByText('More contact emails must be email addresses').waitFor();
    await colleagues.fill('Bo@Acme-Partners.com');
    await sidebar.getByRole('combobox', { name: 'Status updates' }).selectOption('Weekly');
    await sidebar.locator('form').getByRole('button', { name: 'Add partner' }).click();
    await sidebar.getByText('Added Acme Partners (ACME, P-000001).').waitFor();
    await showTabWith('Partners', 'ACME');
    const partner = (await gridRecords()).find((r) => r['Partner ID'] === 'P-000001');
    expect(partner?.['Partner Code']).toBe('ACME');
    expect(partner?.['Status']).toBe('Active');
    expect(partner?.['More Contact Emails']).toBe('bo@acme-partners.com');
    expect(partner?.['Status Updates']).toBe('Weekly');
  });

  test('Create partner form: the alert gives the link; the Forms panel lists the form', async () => {
    await page.getByRole('button', { name: 'Close sidebar' }).click();
    await addonMenu('Create partner form');
    const text = await dismissAlert('Partner form');
    expect(text).toContain('Created the partner form.');
    expect(text).toMatch(/Send partners this link: https:\/\/docs\.google\.com\/forms\/d\/e\/\S+\/viewform/);
    expect(text).toContain('Installed the trigger that turns responses into leads.');
    expect(text).toContain("Partners are verified: the form records each respondent's Google account");
    await page.waitForFunction(() => /Forms\s*1/.test(document.getElementById('forms-button')?.textContent ?? ''));

    await page.getByRole('button', { name: /^Forms/ }).click();
    const card = page.locator('.forms-card');
    expect(await card.locator('h3').innerText()).toBe(FORM_TITLE);
    expect(await card.locator('.forms-meta').innerText()).toContain('0 responses · Accepting responses');
    expect(await card.locator('.forms-meta').innerText()).toMatch(/Responses go to Form Responses/);
  });

  test("the partner, signed in as their own account, opens the form: it renders the tracker's questions; Product lists the Lists tab's products", async () => {
    await choosePerson(page, 'Ann at Acme Partners');
    await openPartnerForm();
    expect(await page.getByTestId('gform-account').innerText()).toContain('records the email address of the Google account you are signed in with');
    expect(await page.locator('#gform-title').innerText()).toBe(FORM_TITLE);
    expect(await page.locator('.gform-description').innerText()).toContain('protected for 90 days');
    const titles = await page.locator('.gform-question .gform-label').allInnerTexts();
    expect(titles).toEqual(['Partner code', 'Company', 'Company website', 'Contact name', 'Contact email', 'Product', 'Estimated deal value', 'Notes']);

    for (const [title, tag, required] of [
      ['Partner code', 'INPUT', 'true'],
      ['Company', 'INPUT', 'true'],
      ['Company website', 'INPUT', null],
      ['Contact name', 'INPUT', null],
      ['Contact email', 'INPUT', 'true'],
      ['Product', 'SELECT', null],
      ['Estimated deal value', 'INPUT', null],
      ['Notes', 'TEXTAREA', null],
    ] as const) {
      const control = page.getByLabel(title, { exact: true });
      expect([title, await control.evaluate((e) => e.tagName), await control.getAttribute('aria-required')]).toEqual([title, tag, required]);
      expect([title, await question(title).locator('.gform-asterisk').count()]).toEqual([title, required ? 1 : 0]);
    }
    expect(await question('Partner code').locator('.gform-help').innerText()).toBe('The code the partner team gave you.');

    // The drop-down offers exactly the products on the Lists tab.
    const lists = modelRows('Lists');
    const productColumn = lists[0].indexOf('Products');
    expect(productColumn).toBeGreaterThanOrEqual(0);
    const products = lists
      .slice(1)
      .map((r) => r[productColumn])
      .filter(Boolean);
    expect(products.length).toBeGreaterThan(0);
    expect(await page.getByLabel('Product', { exact: true }).locator('option').allInnerTexts()).toEqual(['Choose', ...products]);
  });

  test('an unknown partner code is accepted by the form (it cannot know codes) and lands in the Form Inbox with the reason', async () => {
    await fillForm({
      'Partner code': 'NOPE',
      Company: 'Umbrella Corp',
      'Company website': 'umbrella.example',
      'Contact name': 'Alice Abernathy',
      'Contact email': 'alice@umbrella.example',
      Product: 'Core Platform',
      'Estimated deal value': '5000',
    });
    await submitAndWaitForConfirmation();
    expect(await page.locator('.forms-outcome').innerText()).toContain('Response written to row 2 of Form Responses 1.');
    await showTabWith('Form Inbox', 'NOPE');
    const inbox = await gridRecords();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      'Partner Code': 'NOPE',
      Reasons: `Partner code "NOPE" does not belong to ${PARTNER_EMAIL}, a contact of Acme Partners (P-000001, code ACME); no partner has it.`,
      Status: 'Rejected',
      'Lead ID': '',
      'Form Response': 'Form Responses 1!2',
      'Respondent Email': PARTNER_EMAIL,
    });
    expect(inbox[0]['Raw Answers (JSON)']).toContain('Umbrella Corp');
    expect(modelRows('Leads')).toHaveLength(1); // the header only
  });

  test('a valid response with code "acme" becomes lead L-000001 (source form, status New), and the partner gets the confirmation email', async () => {
    await page.getByRole('link', { name: 'Submit another response' }).click();
    await page.getByLabel('Partner code', { exact: true }).waitFor();
    expect(await page.getByLabel('Partner code', { exact: true }).inputValue()).toBe('');
    await fillForm({
      'Partner code': 'acme',
      Company: 'Initech Ltd',
      'Company website': 'https://www.initech.co.uk',
      'Contact name': 'Bill Lumbergh',
      'Contact email': 'bill@initech.co.uk',
      Product: 'Analytics Add-on',
      'Estimated deal value': '12500',
      Notes: 'Met at the London roadshow.',
    });
    await submitAndWaitForConfirmation();
    expect(await page.locator('.forms-outcome').innerText()).toContain('Response written to row 3 of Form Responses 1.');

    await showTabWith('Leads', 'L-000001');
    const leads = await gridRecords();
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      'Lead ID': 'L-000001',
      'Partner ID': 'P-000001',
      Company: 'Initech Ltd',
      'Company Domain': 'initech.co.uk',
      Source: 'form',
      Status: 'New',
      'Form Response': 'Form Responses 1!3',
      'Registered By': PARTNER_EMAIL,
    });
    // Still one Form Inbox row: the valid response went to Leads.
    expect(modelRows('Form Inbox')).toHaveLength(2);

    // The Outbox: the confirmation to the partner's contact email.
    const outboxButton = page.getByRole('button', { name: /^Outbox/ });
    await page.waitForFunction(() => Number(document.querySelector('#outbox-button .count')?.textContent ?? '0') > 0);
    await outboxButton.click();
    const outbox = page.getByRole('dialog', { name: 'Outbox' });
    await outbox.waitFor();
    const subject = 'Lead L-000001 (Initech Ltd) registered';
    const row = outbox.locator('tr').filter({ has: page.getByRole('button', { name: subject, exact: true }) });
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(1).innerText()).toBe(PARTNER_EMAIL);
    await row.getByRole('button', { name: subject, exact: true }).click();
    const message = outbox.getByRole('region', { name: 'Message' });
    await message.getByRole('heading', { name: subject }).waitFor();
    expect(await message.locator('dl.mail-fields').innerText()).toContain(PARTNER_EMAIL);
    expect(await message.locator('pre.mail-text').innerText()).toContain('Its lead ID is L-000001.');
    await outbox.getByRole('button', { name: 'Close outbox' }).click();
    await outbox.waitFor({ state: 'hidden' });
  });

  test('a bad contact email is refused by the form beside its question; nothing new reaches Leads', async () => {
    const responsesBefore = workspace.emulator.services.forms.list()[0].responses.length;
    await openPartnerForm();
    await fillForm({ 'Partner code': 'ACME', Company: 'Penetrode', 'Contact email': 'bill at initech' });
    await page.getByRole('button', { name: 'Submit' }).click();
    const error = question('Contact email').locator('.gform-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.innerText()).toContain('Enter an email address like name@company.com.');
    expect(await page.getByLabel('Contact email', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.gform-question.has-error').count()).toBe(1);
    expect(await page.locator('.gform-confirmation').count()).toBe(0);

    expect(workspace.emulator.services.forms.list()[0].responses.length).toBe(responsesBefore);
    expect(modelRows('Leads')).toHaveLength(2);
    const leads = await gridRecords();
    expect(leads.map((r) => r['Lead ID'])).toEqual(['L-000001']);
  });

  test('no page or console errors; the workspace saved; screenshot', async () => {
    expect(pageErrors).toEqual([]);
    expect(workspace.session.lastSaveError).toBeNull();
    await page.locator('.grid-scroller').evaluate((scroller) => scroller.scrollTo(0, 0));
    mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    expect(existsSync(screenshot)).toBe(true);
  });
});

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';

/**
 * A partner answers the partner Google Form in the local workspace, in Debian's
 * Chromium. A fixture add-on (tests/browser/fixtures/forms-addon) creates the form
 * from its menu, as the tracker's "Create partner form" will: destination this
 * spreadsheet, an onFormSubmit trigger that copies each registration into Leads.
 */
const fixtureBuild = path.join(__dirname, 'fixtures', 'forms-addon');
const screenshot = path.join(ROOT, 'tmp', 'screenshots', 'workspace-forms.png');
const errorScreenshot = path.join(ROOT, 'tmp', 'screenshots', 'workspace-forms-refused.png');

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('workspace-forms-browser-', fixtureBuild);
  ({ workspace, page, pageErrors } = chromiumWorkspace);
}, 240000);

afterAll(() => chromiumWorkspace?.close());

function panel(): Locator {
  return page.getByRole('complementary', { name: /Partner lead registration|Forms/ });
}

function question(title: string): Locator {
  return page.locator('.gform-question').filter({ has: page.locator('.gform-label', { hasText: new RegExp(`^${title}$`) }) });
}

function rowsOf(name: string): string[][] {
  const sheet = workspace.emulator.workbookView().sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no tab ${name}`);
  return sheet.rows;
}

function gridCell(row: number, column: number): Locator {
  return page.locator(`table.grid td[data-row="${row}"][data-column="${column}"]`);
}

describe('the partner form in the local workspace', () => {
  test('the add-on creates the form from its menu; the Forms panel lists it', async () => {
    await page.goto(workspace.url);
    await page.getByRole('heading', { name: 'Partner Programme' }).waitFor();
    const formsButton = page.getByRole('button', { name: /^Forms/ });
    expect(await formsButton.innerText()).toMatch(/Forms\s*0/);
    await page.getByRole('menuitem', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Partnership Tracker' }).click();
    await page.getByRole('menuitem', { name: 'Create partner form' }).click();
    await page.waitForFunction(() => /Forms\s*1/.test(document.getElementById('forms-button')?.textContent ?? ''));

    // Keyboard: the button opens the panel and puts the person at its heading.
    await formsButton.focus();
    await page.keyboard.press('Enter');
    await panel().waitFor();
    expect(await formsButton.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('forms-panel-title');
    const card = page.locator('.forms-card');
    expect(await card.locator('h3').innerText()).toBe('Partner lead registration');
    expect(await card.locator('.forms-meta').innerText()).toContain('Responses go to Form Responses 1 · 0 responses · Accepting responses');
  });

  test('opening it renders the form as Google does: labels, required asterisks, help text, the right controls', async () => {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Close forms');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Open form');
    await page.keyboard.press('Enter');
    await page.locator('#gform-title').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('gform-title');
    expect(await page.locator('.gform-description').innerText()).toContain('protected for 90 days');
    expect(await page.locator('.gform-required-note').innerText()).toBe('* Indicates required question');

    // Each question's label is a real <label for>: the control is found by its title.
    expect(await page.getByLabel('Partner code', { exact: true }).evaluate((e) => [e.tagName, e.getAttribute('aria-required')])).toEqual(['INPUT', 'true']);
    expect(await page.getByLabel('Company website', { exact: true }).getAttribute('aria-required')).toBeNull();
    expect(await page.getByLabel('Notes', { exact: true }).evaluate((e) => e.tagName)).toBe('TEXTAREA');
    const product = page.getByLabel('Product', { exact: true });
    expect(await product.evaluate((e) => e.tagName)).toBe('SELECT');
    expect(await product.locator('option').allInnerTexts()).toEqual(['Choose', 'Core Platform', 'Analytics Add-on', 'Enterprise Suite']);
    expect(await page.getByRole('radiogroup', { name: 'Region' }).getByRole('radio').count()).toBe(3);
    expect(await question('Partner code').locator('.gform-asterisk').innerText()).toBe('*');
    expect(await question('Company website').locator('.gform-asterisk').count()).toBe(0);
    // Help text is shown under the title and read with the field.
    const help = question('Partner code').locator('.gform-help');
    expect(await help.innerText()).toBe('The code in your partner welcome email, e.g. P-0042.');
    expect(await page.getByLabel('Partner code', { exact: true }).getAttribute('aria-describedby')).toContain((await help.getAttribute('id')) ?? 'missing');
  });

  test("a bad email is refused beside its question, in Google's words; nothing is written", async () => {
    // The Leads tab is on screen, so the person will see the lead arrive.
    await page.locator('#tabs [data-sheet="Leads"]').click();
    await page.getByLabel('Partner code', { exact: true }).focus();
    await page.keyboard.type('P-0042');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Acme <b>Ltd</b>');
    await page.getByLabel('Contact name', { exact: true }).fill('Ana Ruiz');
    await page.getByLabel('Contact email', { exact: true }).fill('ana at acme');
    await page.getByLabel('Product', { exact: true }).selectOption('Analytics Add-on');
    await page.getByRole('radio', { name: 'EMEA' }).check();
    await page.getByLabel('Estimated deal value', { exact: true }).fill('12000');
    await page.getByRole('button', { name: 'Submit' }).click();

    const error = question('Contact email').locator('.gform-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.innerText()).toContain('Must be an email');
    expect(await page.getByLabel('Contact email', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-invalid'))).toBe('true');
    expect(await page.locator('.gform-question.has-error').count()).toBe(1);
    expect(rowsOf('Form Responses 1')).toHaveLength(1);
    expect(rowsOf('Leads')).toHaveLength(1);
    expect(await gridCell(2, 3).innerText()).toBe('');
    mkdirSync(path.dirname(errorScreenshot), { recursive: true });
    await page.screenshot({ path: errorScreenshot });
  });

  test("fixed and submitted from the keyboard: Google's confirmation, and the lead appears in the grid", async () => {
    const email = page.getByLabel('Contact email', { exact: true });
    await email.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('ana@acme.example');
    // Typing clears the question's error, as the live form does once the answer changes.
    expect(await question('Contact email').locator('.gform-error').isVisible()).toBe(false);
    await page.keyboard.press('Enter');

    const confirmation = page.locator('.gform-confirmation');
    await confirmation.waitFor();
    expect(await confirmation.getAttribute('role')).toBe('status');
    expect(await confirmation.locator('.gform-confirmation-text').innerText()).toBe('Your response has been recorded.');
    expect(await page.getByRole('link', { name: 'Submit another response' }).isVisible()).toBe(true);
    expect(await page.locator('.forms-outcome').innerText()).toContain('Response written to row 2 of Form Responses 1.');
    expect(await page.locator('.forms-runs li').allInnerTexts()).toEqual(['onPartnerFormSubmit ran']);

    // The grid redrew: the trigger's lead is in the Leads tab, as text (never markup).
    await page.waitForFunction(() => document.querySelector('table.grid td[data-row="2"][data-column="3"]')?.textContent === 'Acme <b>Ltd</b>');
    expect(await gridCell(2, 3).locator('b').count()).toBe(0);
    expect(await gridCell(2, 2).innerText()).toBe('P-0042');
    expect(rowsOf('Form Responses 1')[1].slice(1)).toEqual(['P-0042', 'Acme <b>Ltd</b>', '', 'Ana Ruiz', 'ana@acme.example', 'Analytics Add-on', 'EMEA', '12000', '']);
    expect(workspace.session.lastSaveError).toBeNull();

    await page.locator('.grid-scroller').evaluate((scroller) => scroller.scrollTo(0, 0));
    mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    expect(existsSync(screenshot)).toBe(true);
  });

  test('"Show Form Responses 1" switches the grid to the response row', async () => {
    await page.getByRole('button', { name: 'Show Form Responses 1' }).click();
    expect(await page.locator('#tabs [data-sheet="Form Responses 1"]').getAttribute('aria-selected')).toBe('true');
    await page.waitForFunction(() => document.querySelector('table.grid td[data-row="2"][data-column="2"]')?.textContent === 'P-0042');
  });

  test('"Submit another response" opens a blank form; Escape closes the panel and returns to the Forms button', async () => {
    await page.getByRole('link', { name: 'Submit another response' }).click();
    await page.getByLabel('Partner code', { exact: true }).waitFor();
    expect(await page.getByLabel('Partner code', { exact: true }).inputValue()).toBe('');
    expect(await page.locator('.gform-error:visible').count()).toBe(0);

    await page.getByLabel('Company', { exact: true }).focus();
    await page.keyboard.press('Escape');
    await page.locator('#forms-panel').waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('forms-button');
    expect(await page.getByRole('button', { name: /^Forms/ }).getAttribute('aria-expanded')).toBe('false');
    expect(pageErrors).toEqual([]);
  });
});

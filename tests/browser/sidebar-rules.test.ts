import { FrameLocator, Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { activeElement, expectNoHorizontalScroll, navButton, openSidebar, rows, savePartner, setUpTrackerInSidebar, waitForAnnouncement } from '../support/sidebar';

/**
 * The rule builder in Debian's Chromium through the local workspace: reached from the Payouts
 * view's link, it lists setup's inactive example in plain words, checks a rule as it is filled
 * in (the server's own check), shows what it pays and a worked example, saves it as a row of the
 * Commission Rules tab and lists it. At 300 px, by keyboard.
 */
let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-rules-');
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
  workspace.emulator.clock.set('2026-03-02T15:00:00Z');
}, 240000);

afterAll(() => chromiumWorkspace?.close());

function view(): Locator {
  return sidebar.locator('.view:not([hidden])');
}

async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function noHorizontalScroll(): Promise<void> {
  await expectNoHorizontalScroll(page, { body: true, clipped: 'button, label, h2' });
}

describe('sidebar: commission rules in Chromium', () => {
  test('the Payouts view links to the rules, which list the inactive example in plain words', async () => {
    await page.goto(workspace.url);
    await openSidebar(page);
    await setUpTrackerInSidebar(sidebar);
    savePartner(workspace, 'Acme Partners', 'ACME', 'pat@acme.example', 'Reseller');
    await navButton(sidebar, 'Payouts').click();
    const link = view().getByRole('button', { name: 'Commission rules: what each rule pays' });
    await link.focus();
    await page.keyboard.press('Enter');
    const heading = view().getByRole('heading', { name: 'Commission rules', level: 1 });
    await heading.waitFor();
    await view().locator('li.rule').first().waitFor();
    expect(await activeElement(page)).toBe('h1:Commission rules');
    expect(await text(view().locator('.count'))).toBe('1 rule, 0 active');
    const example = view().locator('li.rule[data-id="R-000001"]');
    expect(await text(example.locator('.chip'))).toBe('Inactive');
    expect(await text(example.locator('.lead-meta'))).toBe('R-000001 · 10% of the deal, 12% above $50,000 won in a quarter, at most $5,000 a deal, every partner, any product, from 2 Mar 2026');
    await noHorizontalScroll();
  });

  test('the builder checks as it goes, shows what the rule pays and an example, saves a row and lists it', async () => {
    const add = view().getByRole('button', { name: 'New rule' });
    await add.focus();
    await page.keyboard.press('Enter');
    await view().getByRole('heading', { name: 'New rule', level: 1 }).waitFor();
    expect(await activeElement(page)).toBe('h1:New rule');

    // Saving at once: the name is missing, said beside it, with focus there.
    await view().getByRole('button', { name: 'Save rule' }).click();
    const name = view().getByLabel('Name');
    await view().locator('.field-error', { hasText: 'Name is required' }).waitFor();
    expect(await activeElement(page)).toBe('input:Name *');
    expect(await text(view().locator('.rule-summary'))).toBe('Not a complete rule yet.');

    // By keyboard: the name, a rate, resellers only, payable at once.
    await name.focus();
    await page.keyboard.type('Resellers 2026');
    await view().getByLabel('Rate (%)').focus();
    await page.keyboard.type('12');
    await view().getByLabel('Partner type').selectOption('Reseller');
    await view().getByLabel('Holding days').focus();
    await page.keyboard.type('0');
    expect(await text(view().locator('.rule-summary'))).toBe('12% of the deal, resellers, any product, from 2 Mar 2026');
    expect(await text(view().locator('.rule-preview p.muted'))).toBe('A $10,000 deal pays $1,200. Payable as soon as the deal is won.');
    // A flat rule hides the rate and the accelerator, and asks for its amount.
    await view().getByLabel('Pays', { exact: true }).selectOption('Flat');
    expect(await view().getByLabel('Rate (%)').isVisible()).toBe(false);
    expect(await view().getByText('Accelerator (optional)').isVisible()).toBe(false);
    expect(await text(view().locator('.rule-preview p.muted'))).toBe('A Flat rule needs a flat amount more than 0');
    await view().getByLabel('Pays', { exact: true }).selectOption('Percentage');
    await view().getByLabel('Threshold').fill('50000');
    await view().getByLabel('Rate above (%)').fill('15');
    expect(await text(view().locator('.rule-preview p.muted'))).toBe(
      'A $10,000 deal pays $1,200. Once the partner has won $50,000 in the quarter, the next $10,000 deal pays $1,500. Payable as soon as the deal is won.',
    );
    await noHorizontalScroll();

    const save = view().getByRole('button', { name: 'Save rule' });
    await save.focus();
    await page.keyboard.press('Enter');
    await waitForAnnouncement(page, 'Added R-000002.');
    await view().locator('.banner.ok', { hasText: 'Added R-000002.' }).waitFor();
    await view().locator('li.rule[data-id="R-000002"]').waitFor();
    const saved = view().locator('li.rule[data-id="R-000002"]');
    expect(await text(saved.locator('.chip'))).toBe('Active');
    expect(await text(saved.locator('.lead-meta'))).toBe('R-000002 · 12% of the deal, 15% above $50,000 won in a quarter, resellers, any product, from 2 Mar 2026');
    expect(await text(view().locator('.count'))).toBe('2 rules, 1 active');
    expect(rows(workspace, 'Commission Rules')[1]).toMatchObject({
      'Rule ID': 'R-000002',
      Name: 'Resellers 2026',
      'Rule Type': 'Base',
      'Partner Type': 'Reseller',
      Kind: 'Percentage',
      Rate: '12.00%',
      'Accelerator Threshold': '50,000.00',
      'Accelerator Rate': '15.00%',
      'Holding Days': '0',
      'Effective From': '2026-03-02',
      Active: 'Yes',
    });
    await noHorizontalScroll();
    expect(pageErrors).toEqual([]);
  });
});

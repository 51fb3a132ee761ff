import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';
import { expectNoHorizontalScroll, fireHourlyTrigger, leadInput, navButton, ok, openSidebar, savePartner, setUpTrackerInSidebar, winLead, writeCommissionRules } from '../support/sidebar';

/**
 * The sidebar's Home in Debian's Chromium: setup ends with the next steps;
 * once work waits (a conflict, payable lines), Home lists it above the
 * programme's figures, and each item's link opens the view that deals with it.
 */
const screenshots = path.join(ROOT, 'tmp', 'screenshots');

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-home-');
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
  workspace.emulator.clock.set('2026-03-02T15:00:00Z');
  mkdirSync(screenshots, { recursive: true });
}, 240000);

afterAll(() => chromiumWorkspace?.close());

const attentionItem = (key: string) => sidebar.locator(`ul.attention-list > li[data-key="${key}"]`);

describe('sidebar: Home lists what needs attention today', () => {
  test('setup ends with the next three steps; its changes fold into one line; nothing needs attention yet', async () => {
    await page.goto(workspace.url);
    await openSidebar(page);
    await setUpTrackerInSidebar(sidebar);
    const result = sidebar.locator('.setup-result');
    await result.getByText('Next steps').waitFor();
    expect(await result.locator('ol > li').allInnerTexts()).toEqual([
      expect.stringMatching(/^Add your partners/),
      expect.stringMatching(/^Say how partners are paid/),
      expect.stringMatching(/^Create the partner form/),
    ]);
    expect(await result.locator('details.setup-changes > summary').innerText()).toMatch(/^\d+ changes, each in the Audit Log$/);
    expect(await result.locator('details.setup-changes ul').isVisible()).toBe(false);
    await sidebar.getByRole('heading', { name: 'Needs attention today', level: 2 }).waitFor();
    await sidebar.getByText('Nothing needs attention today.').waitFor();
    await expectNoHorizontalScroll(page);
  });

  test('a conflict and payable lines are listed above the figures; "Open Approvals" opens Approvals', async () => {
    savePartner(workspace, 'Acme Partners', 'ACME', 'pat@acme-partners.example', 'Reseller');
    savePartner(workspace, 'Globex Referrals', 'GLOBEX', 'gail@globex.example', 'Referral');
    writeCommissionRules(workspace, [{ id: 'R-000001', name: 'Standard', ruleType: 'Base', kind: 'Percentage', rate: 0.1, holdingDays: 0 }]);
    const won = ok<{ lead: { id: string } }>(workspace, 'apiRegisterLead', [leadInput('P-000001', 'Initech')]).lead.id;
    winLead(workspace, won, '12000', '2026-03-02');
    ok(workspace, 'apiRegisterLead', [leadInput('P-000001', 'Hooli')]);
    ok(workspace, 'apiRegisterLead', [leadInput('P-000002', 'Hooli')]); // collides with Acme's
    fireHourlyTrigger(workspace);

    await sidebar.getByRole('button', { name: 'Refresh' }).click();
    await attentionItem('conflicts').waitFor();
    expect(await attentionItem('conflicts').innerText()).toContain('1 registration collides with a protected lead: accept or reject it.');
    expect(await attentionItem('approve-lines').innerText()).toContain('1 commission line is payable and waits for approval.');
    const figures = sidebar.locator('dl.headline-figures');
    expect(await figures.locator('.headline').allInnerTexts()).toEqual([
      expect.stringMatching(/^Open leads\s+1 · \$0\.00 estimated$/),
      expect.stringMatching(/^Won in 2026\s+1 deal · \$12,000\.00$/),
      expect.stringMatching(/^Commissions not yet paid\s+\$1,200\.00$/),
      expect.stringMatching(/^Paid out in 2026\s+\$0\.00$/),
    ]);
    // The list comes before the figures.
    const order = await sidebar.locator('.home-view').evaluate((el) => Array.from(el.querySelectorAll('h2'), (h) => h.textContent));
    expect(order.indexOf('Needs attention today')).toBeLessThan(order.indexOf('Programme'));
    await expectNoHorizontalScroll(page);
    await sidebar.getByRole('heading', { name: 'Needs attention today', level: 2 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshots, 'sidebar-home-attention.png') });

    await attentionItem('approve-lines').getByRole('button', { name: 'Open Approvals' }).click();
    await sidebar.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
    expect(await navButton(sidebar, 'Approvals').getAttribute('aria-current')).toBe('page');
  });

  test('a row another tool appended is checked with Check tracker; its problem is listed on Home, with the row', async () => {
    const partners = workspace.emulator.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Partners')!;
    // As a script writes (no edit event): a partner reusing Acme's code.
    partners.getRange(partners.getLastRow() + 1, 2, 1, 2).setValues([['Copycat Ltd', 'ACME']]);
    await navButton(sidebar, 'Home').click();
    await sidebar.getByRole('button', { name: 'Check tracker' }).click();
    const item = attentionItem('problems');
    await item.waitFor();
    expect(await item.innerText()).toContain('1 row has problems and does not count until fixed (Partners 1).');
    const see = item.getByRole('button', { name: 'See the rows' });
    await see.click();
    expect(await see.getAttribute('aria-expanded')).toBe('true');
    await item.locator('.problem-rows li').first().waitFor();
    expect(await item.locator('.problem-rows li').first().textContent()).toMatch(/^Partners row 4 \(Copycat Ltd\): .*ACME/);
    await expectNoHorizontalScroll(page);
    await sidebar.getByRole('heading', { name: 'Needs attention today', level: 2 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshots, 'sidebar-home-problems.png') });
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

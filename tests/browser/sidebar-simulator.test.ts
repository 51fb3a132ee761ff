import { FrameLocator, Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import type { RuleDraft } from '../../src/sidebar-api/contract';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ANA, activeElement, expectNoHorizontalScroll, leadInput, navButton, ok, openSidebar, setUpTrackerInSidebar, winLead } from '../support/sidebar';

/**
 * The Plan simulator in Chromium through the local workspace, one page load: reached from
 * Commission rules, it starts from the live rules and the draft that replaces one, replays
 * February, and shows the totals, the per-partner chart and table; a plan that keeps the tie
 * lists the deal it leaves uncovered; the export lands in Drive. At 300 px.
 */
let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];
const ids = { every: '', gold: '', draft: '' };

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-simulator-');
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
  workspace.emulator.clock.set('2026-01-05T15:00:00Z');
}, 240000);

afterAll(() => chromiumWorkspace?.close());

const view = (): Locator => sidebar.locator('.view:not([hidden])');
const text = async (locator: Locator): Promise<string> => (await locator.innerText()).replace(/\s+/g, ' ').trim();

function rule(over: Partial<RuleDraft>): RuleDraft {
  return {
    ...{ id: '', name: 'Everyone 10%', ruleType: 'Base', kind: 'Percentage', rate: '10', flatAmount: '', acceleratorThreshold: '', acceleratorRate: '', capPerDeal: '' },
    ...{ holdingDays: '0', partnerTier: '', partnerType: '', product: '', effectiveFrom: '2026-01-01', effectiveTo: '', active: 'Yes', notes: '' },
    ...over,
  };
}

function seed(): void {
  const partner = (name: string, code: string, tier: string, type: string) =>
    ok(workspace, 'apiSavePartner', [{ name, code, contactEmail: `pat@${code.toLowerCase()}.example`, type, tier, region: '', status: 'Active' }]);
  partner('Acme Partners', 'ACME', 'Gold', 'Reseller');
  partner('Bolt Referrals', 'BOLT', 'Silver', 'Referral');
  const save = (draft: RuleDraft) => ok<{ rule: { id: string } }>(workspace, 'apiSaveRule', [draft]).rule.id;
  ids.every = save(rule({}));
  ids.gold = save(rule({ name: 'Gold 20%', rate: '20', partnerTier: 'Gold' }));
  ids.draft = save(rule({ name: 'Gold 25% proposal', rate: '25', partnerTier: 'Gold', active: 'Draft' }));
  const acme = ok<{ lead: { id: string } }>(workspace, 'apiRegisterLead', [leadInput('P-000001', 'Febco')], ANA).lead.id;
  const bolt = ok<{ lead: { id: string } }>(workspace, 'apiRegisterLead', [leadInput('P-000002', 'Boltco')], ANA).lead.id;
  workspace.emulator.clock.set('2026-02-10T15:00:00Z');
  winLead(workspace, acme, '20000', '2026-02-05'); // Gold 20%: 4,000; the draft's 25%: 5,000
  winLead(workspace, bolt, '5000', '2026-02-10'); // Silver, 10%: 500 either way
  workspace.emulator.clock.set('2026-03-10T15:00:00Z');
}

describe('sidebar: the Plan simulator in Chromium', () => {
  test('reached from Commission rules, it starts from the live rules and the draft, less the rule the draft replaces', async () => {
    await page.goto(workspace.url);
    await openSidebar(page);
    await setUpTrackerInSidebar(sidebar);
    ok(workspace, 'apiAddTeamMember', [{ email: ANA, role: 'Partner team', name: '' }]);
    seed();
    await navButton(sidebar, 'Payouts').click();
    await view().getByRole('button', { name: 'Commission rules: what each rule pays' }).click();
    await view().locator(`li.rule[data-id="${ids.draft}"]`).waitFor();
    expect(await text(view().locator(`li.rule[data-id="${ids.draft}"] .chip`))).toBe('Draft');
    await view().getByRole('button', { name: 'Plan simulator: what would a change of plan cost?' }).click();
    await view().getByRole('heading', { name: 'Plan simulator', level: 1 }).waitFor();
    expect(await activeElement(page)).toBe('h1:Plan simulator');
    await view().locator(`li.simulator-rule[data-id="${ids.gold}"]`).waitFor();
    const ticked = async (id: string) => view().locator(`li.simulator-rule[data-id="${id}"] input`).isChecked();
    expect([await ticked(ids.every), await ticked(ids.gold), await ticked(ids.draft)]).toEqual([true, false, true]);
    expect(await text(view().locator(`li.simulator-rule[data-id="${ids.gold}"]`))).toContain(`Left out to start with: draft ${ids.draft} replaces it.`);
    expect(await view().getByLabel('Which').inputValue()).toBe('2026-02-01');
  });

  test('a run shows the totals, the difference per partner as a chart and a table; a tied plan lists the deal it leaves out', async () => {
    await view().getByRole('button', { name: 'Run simulation' }).click();
    await view().locator('.simulator-totals').waitFor();
    expect(await text(view().locator('.simulator-result h2').first())).toBe('February 2026: 2 won deals, 2 partners');
    expect(await text(view().locator('[data-total="actual"]'))).toBe('$4,500.00');
    expect(await text(view().locator('[data-total="plan"]'))).toBe('$5,500.00');
    expect(await text(view().locator('[data-total="difference"]'))).toBe('+$1,000.00 (+22.2%)');
    const table = view().locator('table.simulator-table tbody tr');
    expect(await table.evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim())))).toEqual([
      ['Acme Partners', '$4,000.00', '$5,000.00', '+$1,000.00 +25.0%'],
      ['Bolt Referrals', '$500.00', '$500.00', '$0.00 0.0%'],
    ]);
    const chart = view().locator('figure.chart-diverging');
    expect(await chart.locator('svg[role="img"]').getAttribute('aria-label')).toBe('Plan minus actual, per partner');
    expect(await chart.locator('rect.chart-gain').count()).toBe(2);
    expect(Number(await chart.locator('rect.chart-gain').first().getAttribute('width'))).toBeGreaterThan(0);
    expect(await view().locator('.simulator-uncovered').count()).toBe(0);
    await expectNoHorizontalScroll(page, { body: true, clipped: 'button, label, h2' });

    // Keeping the live Gold rule beside the draft: the deal they both cover is listed with why, and pays nothing under the plan.
    await view().locator(`li.simulator-rule[data-id="${ids.gold}"] input`).check();
    expect(await view().getByRole('button', { name: 'Export CSV' }).isDisabled()).toBe(true);
    await view().getByRole('button', { name: 'Run simulation' }).click();
    await view().locator('.simulator-uncovered li').waitFor();
    expect(await text(view().locator('.simulator-uncovered li'))).toMatch(new RegExp(`^L-000001 · Acme Partners ${ids.gold} and ${ids.draft} both apply to L-000001 with the same precedence`));
    expect(await text(view().locator('[data-total="plan"]'))).toBe('$500.00');
  });

  test('the export writes the comparison to Drive and links to it; the ticks are saved as a named plan and ticked again from it', async () => {
    await view().locator(`li.simulator-rule[data-id="${ids.gold}"] input`).uncheck();
    await view().getByRole('button', { name: 'Run simulation' }).click();
    await view().locator('[data-total="plan"]', { hasText: '$5,500.00' }).waitFor();
    await view().getByRole('button', { name: 'Export CSV' }).click();
    const link = view().getByRole('link', { name: /plan simulation 2026-02-01 to 2026-02-28\.csv$/ });
    await link.waitFor();
    expect(await link.getAttribute('target')).toBe('_blank');
    const files = workspace.emulator.services.drive.list();
    expect(files.map((f) => f.content.split('\r\n')[1])).toEqual([expect.stringMatching(/^total,.*,4500\.00,5500\.00,1000\.00,22\.2,2,/)]);

    await view().getByLabel('Save the ticked rules as').fill('Gold 25% proposal');
    await view().getByRole('button', { name: 'Save plan' }).click();
    await view().getByText('Saved the plan "Gold 25% proposal".').waitFor();
    await view().locator(`li.simulator-rule[data-id="${ids.draft}"] input`).uncheck();
    await view().getByLabel('Saved plans').selectOption('Gold 25% proposal');
    expect(await view().locator(`li.simulator-rule[data-id="${ids.draft}"] input`).isChecked()).toBe(true);
    expect(await view().locator(`li.simulator-rule[data-id="${ids.gold}"] input`).isChecked()).toBe(false);
    await expectNoHorizontalScroll(page, { body: true, clipped: 'button, label, h2' });
    expect(pageErrors).toEqual([]);
  });
});

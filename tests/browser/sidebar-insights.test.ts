import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';
import { expectNoHorizontalScroll, leadInput, ok, openSidebar, savePartner, setUpTrackerInSidebar, winLead } from '../support/sidebar';

/**
 * Insights and a partner scorecard in Debian's Chromium, through the local workspace, in the
 * 300 px sidebar: the owner opens Insights from Home, sees the headline figures and the SVG
 * charts (each with its numbers in a table), changes the period, and opens a partner's scorecard
 * from the top partners: funnel, trend, deals, commissions and tier history.
 */
const screenshots = path.join(ROOT, 'tmp', 'screenshots');

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-insights-');
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
  workspace.emulator.clock.set('2026-02-03T15:00:00Z');
}, 240000);

afterAll(() => chromiumWorkspace?.close());

const view = () => sidebar.locator('.view:not([hidden])');

/** Two partners (one with markup in its name, shown as text), wins in February and March, a tier change. */
function seed(): string {
  savePartner(workspace, 'Acme Partners', 'ACME', 'pat@acme.example', 'Reseller');
  savePartner(workspace, 'Globex <b>Resellers</b>', 'GLX', 'gina@globex.example', 'Referral');
  const register = (partnerId: string, company: string) => ok<{ lead: { id: string } }>(workspace, 'apiRegisterLead', [leadInput(partnerId, company)]).lead.id;
  // A close date may not be in the future: each win is moved once the clock has passed it.
  const initech = register('P-000001', 'Initech');
  workspace.emulator.clock.set('2026-02-12T15:00:00Z');
  winLead(workspace, initech, '12000', '2026-02-10');
  workspace.emulator.clock.set('2026-03-03T15:00:00Z');
  const hooli = register('P-000001', 'Hooli');
  register('P-000001', 'Umbrella');
  const stark = register('P-000002', 'Stark');
  workspace.emulator.clock.set('2026-03-06T15:00:00Z');
  winLead(workspace, hooli, '5000', '2026-03-04');
  winLead(workspace, stark, '2000', '2026-03-05');
  const history = workspace.emulator.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Tier History')!;
  history
    .getRange(2, 1, 1, 10)
    .setValues([[new Date('2026-03-01T06:00:00Z'), 'P-000001', 'Registered', 'Silver', '2026-03-01', 12000, 1, 'Won revenue reached the Silver threshold', 'automatic review', 'Monthly']]);
  return 'P-000001';
}

describe('sidebar: Insights and a partner scorecard in Chromium', () => {
  test('Insights from Home: headline figures, the funnel and trend as SVG with their numbers, top partners, at 300 px', async () => {
    await page.goto(workspace.url);
    await openSidebar(page);
    await setUpTrackerInSidebar(sidebar);
    seed();
    await sidebar.getByRole('button', { name: 'Insights', exact: true }).click();
    await sidebar.getByRole('heading', { name: 'Insights', level: 1 }).waitFor();
    await view().locator('.insights-period', { hasText: 'March 2026, against February 2026' }).waitFor();

    const revenue = view().locator('.insight-figure[data-key="wonRevenue"]');
    expect(await revenue.locator('.insight-value').innerText()).toBe('$7,000.00');
    expect(await revenue.locator('.insight-change').innerText()).toBe('−$5,000.00 (−42%) · was $12,000.00');

    // Each chart is an SVG named by its title, drawn within the sidebar, its numbers in a table.
    const funnel = view().locator('figure.chart', { hasText: 'Funnel: leads registered in March 2026' });
    expect(await funnel.locator('svg[role="img"]').getAttribute('aria-label')).toBe('Funnel: leads registered in March 2026');
    expect(await funnel.locator('table').textContent()).toBe('StageLeadsRegistered3Accepted2 · 67%Qualified2 · 67%Won2 · 67%');
    const trend = view().locator('figure.chart-trend', { hasText: 'Won revenue by month' });
    expect(await trend.locator('svg rect.chart-bar').count()).toBe(12);
    expect(await trend.locator('tbody tr').last().textContent()).toBe('Mar 2026$7,000.00$0.00');
    const widths = await view()
      .locator('svg.chart-svg')
      .evaluateAll((svgs) => svgs.map((svg) => Math.round(svg.getBoundingClientRect().width)));
    expect(widths.length).toBeGreaterThanOrEqual(4);
    for (const width of widths) expect(width).toBeLessThanOrEqual(276);

    // Top partners: the name as typed (no markup), each opening its scorecard.
    expect(await view().locator('.top-partners button').allInnerTexts()).toEqual(['Acme Partners', 'Globex <b>Resellers</b>']);
    expect(await view().locator('figure.chart-bars', { hasText: 'Won revenue in March 2026' }).locator('text.chart-label').allTextContents()).toEqual(['Acme Partners', 'Globex <b>Resellers</b>']);
    await expectNoHorizontalScroll(page, { body: true, clipped: '.nav-item, button' });
    mkdirSync(screenshots, { recursive: true });
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-insights.png') });

    // Another period: the quarter holds both months' wins.
    await view().getByRole('combobox', { name: 'Period' }).selectOption('quarter');
    await view().locator('.insights-period', { hasText: 'Q1 2026, against Q4 2025' }).waitFor();
    expect(await view().locator('.insight-figure[data-key="wonRevenue"] .insight-value').innerText()).toBe('$19,000.00');

    // A custom range the wrong way round is refused with the reason; the figures shown stay.
    await view().getByRole('combobox', { name: 'Period' }).selectOption('custom');
    await view().getByLabel('From').fill('2026-03-10');
    await view().getByLabel('To').fill('2026-03-01');
    await view().getByRole('button', { name: 'Show' }).click();
    await view().locator('.banner.error', { hasText: 'To (2026-03-01) is before From (2026-03-10).' }).waitFor();
    expect(await view().locator('.insights-period').innerText()).toBe('Q1 2026, against Q4 2025');
    await view().getByRole('combobox', { name: 'Period' }).selectOption('quarter');
    await view().locator('.insights-status .banner').waitFor({ state: 'detached' });
  });

  test("a partner's scorecard from the top partners: funnel, trend, deals, commissions and tier history", async () => {
    await view().locator('.top-partners').getByRole('button', { name: 'Scorecard of Acme Partners' }).click();
    await sidebar.getByRole('heading', { name: 'Acme Partners', level: 1 }).waitFor();
    await view().locator('.insights-period', { hasText: 'Q1 2026, against Q4 2025' }).waitFor();
    expect(await view().locator('.scorecard-facts').innerText()).toContain('P-000001');
    expect(await view().locator('figure.chart', { hasText: 'Funnel' }).locator('table').textContent()).toBe('StageLeadsRegistered3Accepted2 · 67%Qualified2 · 67%Won2 · 67%');
    const trend = view().locator('figure.chart-trend', { hasText: 'Won revenue by month' });
    expect(await trend.locator('tbody tr').evaluateAll((rows) => rows.slice(-2).map((r) => r.textContent))).toEqual(['Feb 2026$12,000.00$0.00', 'Mar 2026$5,000.00$0.00']);
    expect(await view().locator('.scorecard-deals li .lead-company').allInnerTexts()).toEqual(['Hooli', 'Umbrella', 'Initech']);
    expect(await view().locator('.scorecard-deals li').first().innerText()).toContain('$5,000.00 · closed 2026-03-04');
    expect(await view().locator('figure.chart', { hasText: 'Commissions: earned and paid in Q1 2026' }).locator('tbody th').allTextContents()).toEqual([
      'Earned',
      'Paid',
      'Approved, not yet paid',
      'Pending',
    ]);
    const tier = await view().locator('.tier-history li').innerText();
    expect(tier).toContain('2026-03-01: Registered → Silver');
    expect(tier).toContain('Won revenue reached the Silver threshold');
    await expectNoHorizontalScroll(page, { body: true, clipped: '.nav-item, button' });
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-scorecard.png') });
    await view().getByRole('button', { name: '← Insights' }).click();
    await sidebar.getByRole('heading', { name: 'Insights', level: 1 }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});

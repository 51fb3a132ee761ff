import { Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { gridCell, openWorkspaceInChromium, waitForCellText, WorkspaceInChromium } from '../support/browser';

/**
 * Embedded charts drawn by the local workspace (emulator/workspace/page/chart-drawing.ts): a bar, a
 * line and a pie chart made through the emulator's Apps Script API appear over the grid at their
 * anchor cells as SVG with the right bars, points, slices and titles, and follow a changed value;
 * the Dashboard's own charts are drawn too.
 */
let chromium: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  chromium = await openWorkspaceInChromium('workspace-charts-');
  ({ workspace, page, pageErrors } = chromium);
  const emu = workspace.emulator;
  // The add-on's own Dashboard charts (src/dashboard/charts.ts), made as a manager's refresh makes them.
  emu.run('menuSetUpTracker');
  emu.run('menuRefreshDashboard');
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.insertSheet('Chart data');
  sheet.getRange('A1:C5').setValues([
    ['Region', 'Won', 'Lost'],
    ['North', 40, 10],
    ['South', 25, 5],
    ['East', 10, 20],
    ['West', 25, 0],
  ]);
  const Charts = emu.charts;
  const bar = sheet.newChart().asBarChart().setTitle('Deals by region').setXAxisTitle('Deals').setYAxisTitle('Region').addRange(sheet.getRange('A1:C5'));
  sheet.insertChart(bar.setPosition(2, 5, 0, 0).build());
  const line = sheet.newChart().setChartType(Charts.ChartType.LINE).addRange(sheet.getRange('A1:B5')).setOption('title', 'Won trend').setOption('width', 400).setOption('height', 250);
  sheet.insertChart(line.setPosition(22, 2, 15, 5).build());
  const pie = sheet.newChart().asPieChart().setTitle('Share of won').setLegendPosition(Charts.Position.BOTTOM).addRange(sheet.getRange('A1:A5')).addRange(sheet.getRange('B1:B5'));
  sheet.insertChart(pie.setPosition(22, 8, 0, 0).build());
  const table = sheet.newChart().asTableChart().addRange(sheet.getRange('A1:C5'));
  sheet.insertChart(table.setPosition(45, 1, 0, 0).build());
  sheet.activate();
  await page.goto(workspace.url);
  await page.locator('figure.chart').nth(3).waitFor();
  if (process.env.CHART_SCREENSHOT) await page.screenshot({ path: process.env.CHART_SCREENSHOT, fullPage: false });
}, 240000);

afterAll(() => chromium?.close());

function chartOfType(type: string) {
  return page.locator(`figure.chart svg[data-chart-type="${type}"]`);
}

async function dataValues(type: string, mark: string): Promise<Array<[string | null, string | null]>> {
  return chartOfType(type)
    .locator(mark)
    .evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-category'), n.getAttribute('data-value')] as [string | null, string | null]));
}

describe('embedded charts in the workspace', () => {
  test('each chart sits at its anchor cell plus its offsets, at its size', async () => {
    for (const [type, row, column, dx, dy, width, height] of [
      ['BAR', 2, 5, 0, 0, 600, 371],
      ['LINE', 22, 2, 15, 5, 400, 250],
      ['PIE', 22, 8, 0, 0, 600, 371],
    ] as const) {
      const cell = await gridCell(page, row, column).boundingBox();
      const box = await chartOfType(type).boundingBox();
      if (!cell || !box) throw new Error(`${type}: not on screen`);
      expect(Math.abs(box.x - (cell.x + dx))).toBeLessThanOrEqual(1);
      expect(Math.abs(box.y - (cell.y + dy))).toBeLessThanOrEqual(1);
      expect([Math.round(box.width), Math.round(box.height)]).toEqual([width, height]);
    }
  });

  test('bars, points and slices carry the cells’ values; titles, legends and axis titles are drawn; an undrawn type is a labelled box', async () => {
    expect(await chartOfType('BAR').locator('.chart-title').textContent()).toBe('Deals by region');
    expect(
      await chartOfType('BAR')
        .locator('.chart-bar')
        .evaluateAll((bars) => bars.map((b) => `${b.getAttribute('data-series')}:${b.getAttribute('data-category')}=${b.getAttribute('data-value')}`)),
    ).toEqual(['Won:North=40', 'Lost:North=10', 'Won:South=25', 'Lost:South=5', 'Won:East=10', 'Lost:East=20', 'Won:West=25', 'Lost:West=0']);
    // A bar chart's bars grow to the right, longer for larger values.
    const widths = await chartOfType('BAR')
      .locator('.chart-bar[data-series="Won"]')
      .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('width'))));
    expect(widths[0]).toBeGreaterThan(widths[1]);
    expect(widths[1]).toBeGreaterThan(widths[2]);
    expect(await chartOfType('BAR').locator('.chart-x-title').textContent()).toBe('Deals');
    expect(await chartOfType('BAR').locator('.chart-y-title').textContent()).toBe('Region');
    expect(
      await chartOfType('BAR')
        .locator('.chart-legend-entry')
        .evaluateAll((e) => e.map((x) => x.getAttribute('data-name'))),
    ).toEqual(['Won', 'Lost']);

    expect(await chartOfType('LINE').locator('.chart-title').textContent()).toBe('Won trend');
    expect(await dataValues('LINE', '.chart-point')).toEqual([
      ['North', '40'],
      ['South', '25'],
      ['East', '10'],
      ['West', '25'],
    ]);
    const ys = await chartOfType('LINE')
      .locator('.chart-point')
      .evaluateAll((dots) => dots.map((d) => Number(d.getAttribute('cy'))));
    expect(ys[0]).toBeLessThan(ys[1]);
    expect(ys[2]).toBeGreaterThan(ys[1]);

    expect(await chartOfType('PIE').locator('.chart-title').textContent()).toBe('Share of won');
    expect(
      await chartOfType('PIE')
        .locator('.chart-slice')
        .evaluateAll((s) => s.map((x) => `${x.getAttribute('data-category')}=${x.getAttribute('data-share')}`)),
    ).toEqual(['North=40', 'South=25', 'East=10', 'West=25']);

    expect(await chartOfType('TABLE').locator('.chart-placeholder').textContent()).toContain('table chart');
    expect(pageErrors).toEqual([]);
  });

  test('after a person changes a value, the drawing follows', async () => {
    await gridCell(page, 4, 2).click();
    await page.keyboard.type('60');
    await page.keyboard.press('Enter');
    await waitForCellText(page, 4, 2, '60');
    await page.waitForFunction(() => document.querySelector('svg[data-chart-type="PIE"] .chart-slice[data-category="East"]')?.getAttribute('data-value') === '60');
    expect(await dataValues('LINE', '.chart-point')).toContainEqual(['East', '60']);
    expect(await chartOfType('BAR').locator('.chart-bar[data-series="Won"][data-category="East"]').getAttribute('data-value')).toBe('60');
    expect(
      await chartOfType('PIE')
        .locator('.chart-slice')
        .evaluateAll((s) => s.map((x) => x.getAttribute('data-share'))),
    ).toEqual(['26.7', '16.7', '40', '16.7']);
    expect(pageErrors).toEqual([]);
  });

  test('the Dashboard’s charts (funnel, trend, share) are drawn on its tab', async () => {
    await page.locator('#tabs [role="tab"][data-sheet="Dashboard"]').click();
    await page.waitForFunction(() => document.querySelectorAll('figure.chart svg').length === 3 && document.querySelector('table.grid')?.getAttribute('aria-label') === 'Dashboard sheet');
    const charts = await page.locator('figure.chart svg').evaluateAll((svgs) => svgs.map((svg) => `${svg.getAttribute('data-chart-type')}: ${svg.querySelector('.chart-title')?.textContent ?? ''}`));
    expect(charts).toEqual(['BAR: Funnel: leads registered in the period', 'LINE: Won revenue and commissions earned, 12 months', 'PIE: Share of won revenue by tier']);
    expect(await page.locator('svg[data-chart-type="BAR"] .chart-bar').count()).toBeGreaterThan(0);
    // Two series (won revenue, commissions earned) over twelve months.
    expect(await page.locator('svg[data-chart-type="LINE"] .chart-line').count()).toBe(2);
    expect(await page.locator('svg[data-chart-type="LINE"] .chart-point').count()).toBe(24);
    // Column A keeps its 260 px though the engagement definition in it is one long line (cut at the cell's edge).
    const columnA = await page.locator('table.grid th.col-header[data-column="1"]').evaluate((th) => Math.round(th.getBoundingClientRect().width));
    expect(columnA).toBe(260);
    expect(pageErrors).toEqual([]);
  });
});

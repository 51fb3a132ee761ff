import { ChartData, DashboardGrid, GRID_WIDTH } from './layout';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Chart = GoogleAppsScript.Spreadsheet.EmbeddedChart;

/**
 * The Dashboard's three native charts, made with the embedded chart builder: the funnel (bar),
 * the 12-month trend (line: won revenue and commissions earned) and the share of won revenue by
 * tier (pie). A refresh updates the tracker's own charts in place (found by the ID recorded at
 * the last refresh, else by their title, so one inserted by a run that died before recording it
 * is still found) and never adds a second set; a person may move or resize them.
 */
export type ChartKey = keyof DashboardGrid['charts'];
export type ChartIds = Partial<Record<ChartKey, number>>;

export const CHARTS: Record<ChartKey, { title: string; type: () => GoogleAppsScript.Charts.ChartType; anchorRow: number }> = {
  funnel: { title: 'Funnel: leads registered in the period', type: () => Charts.ChartType.BAR, anchorRow: 2 },
  trend: { title: 'Won revenue and commissions earned, 12 months', type: () => Charts.ChartType.LINE, anchorRow: 22 },
  share: { title: 'Share of won revenue by tier', type: () => Charts.ChartType.PIE, anchorRow: 42 },
};
/** Charts sit right of the grid, one blank column between. */
export const CHART_COLUMN = GRID_WIDTH + 2;

const titleOf = (chart: Chart): string => {
  const title = chart.getOptions().get('title');
  return typeof title === 'string' ? title : '';
};

/** Inserts or updates each chart on its data's current rows; returns the charts' IDs. */
export function syncCharts(sheet: Sheet, data: DashboardGrid['charts'], known: ChartIds): ChartIds {
  let existing = sheet.getCharts();
  let inserted = false;
  for (const key of Object.keys(CHARTS) as ChartKey[]) {
    const { title, type, anchorRow } = CHARTS[key];
    const range = rangeOf(sheet, data[key]);
    const mine = existing.filter((c) => (known[key] !== undefined && c.getChartId() === known[key]) || titleOf(c) === title);
    for (const extra of mine.slice(1)) sheet.removeChart(extra);
    if (mine[0]) {
      sheet.updateChart(mine[0].modify().clearRanges().addRange(range).setChartType(type()).setNumHeaders(1).setOption('title', title).build());
    } else {
      sheet.insertChart(sheet.newChart().setChartType(type()).addRange(range).setNumHeaders(1).setOption('title', title).setPosition(anchorRow, CHART_COLUMN, 0, 0).build());
      inserted = true;
    }
  }
  // The IDs of charts just inserted are known once they are in the sheet.
  if (inserted) existing = sheet.getCharts();
  const ids: ChartIds = {};
  for (const key of Object.keys(CHARTS) as ChartKey[]) {
    const found = existing.find((c) => (known[key] !== undefined && c.getChartId() === known[key]) || titleOf(c) === CHARTS[key].title);
    const id = found?.getChartId();
    if (id !== undefined && id !== null) ids[key] = id;
  }
  return ids;
}

function rangeOf(sheet: Sheet, d: ChartData): GoogleAppsScript.Spreadsheet.Range {
  return sheet.getRange(d.firstRow, 1, d.lastRow - d.firstRow + 1, d.columns);
}

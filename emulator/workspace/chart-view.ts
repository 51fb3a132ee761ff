import type { ChartModel, SheetModel, SpreadsheetModel } from '../spreadsheet/model';
import { StoredValue, toDisplayValue } from '../spreadsheet/values';
import type { ChartView } from './api-types';

/**
 * A sheet's embedded charts as the page draws them (page/chart-drawing.ts): where each sits, its
 * type and labels, and its data read now from its ranges, so a drawing follows the cells.
 *
 * How the ranges become a table follows Sheets' defaults as the builder describes them: ranges side
 * by side (MERGE_COLUMNS) or one under another (MERGE_ROWS), optionally transposed; the first column
 * is the categories when there are several; header rows as set, or detected (a first row with text
 * over number columns). Empty rows are skipped; at most MAX_CATEGORIES are drawn.
 */
export const MAX_CATEGORIES = 200;
/** The Sheets API's default size of a chart laid over the grid (OverlayPosition widthPixels, heightPixels). */
const DEFAULT_WIDTH = 600;
const DEFAULT_HEIGHT = 371;

interface Cell {
  value: StoredValue | undefined;
  text: string;
}

export function chartViewsOf(spreadsheet: SpreadsheetModel, sheet: SheetModel): ChartView[] {
  return spreadsheet.charts.filter((c) => c.sheetId === sheet.id).map((chart) => chartView(spreadsheet, chart));
}

function chartView(spreadsheet: SpreadsheetModel, chart: ChartModel): ChartView {
  const o = chart.options;
  const { categories, series, truncated } = dataOf(spreadsheet, chart);
  return {
    id: chart.id,
    type: chart.chartType,
    title: text(o['title']),
    xAxisTitle: text(o['hAxis.title'] ?? nested(o, 'hAxis', 'title')),
    yAxisTitle: text(o['vAxis.title'] ?? nested(o, 'vAxis', 'title')),
    legend: legendOf(o['legend.position'] ?? nested(o, 'legend', 'position') ?? o['legend']),
    colors: Array.isArray(o['colors']) ? o['colors'].map(String) : [],
    stacked: o['isStacked'] === true || o['isStacked'] === 'true' || o['isStacked'] === 'absolute',
    pieHole: typeof o['pieHole'] === 'number' ? Math.min(0.9, Math.max(0, o['pieHole'])) : 0,
    anchorRow: chart.anchorRow,
    anchorColumn: chart.anchorColumn,
    offsetX: chart.offsetX,
    offsetY: chart.offsetY,
    width: positive(o['width'], DEFAULT_WIDTH),
    height: positive(o['height'], DEFAULT_HEIGHT),
    categories,
    series,
    truncated,
  };
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function nested(options: Record<string, unknown>, key: string, part: string): unknown {
  const value = options[key];
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
}

function legendOf(value: unknown): ChartView['legend'] {
  const name = String(value ?? '').toLowerCase();
  return name === 'top' || name === 'bottom' || name === 'none' ? name : 'right';
}

function positive(value: unknown, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n >= 50 ? Math.round(n) : fallback;
}

function cellsOf(spreadsheet: SpreadsheetModel, sheet: SheetModel, rect: ChartModel['ranges'][number]['rect']): Cell[][] {
  // Whole-column ranges reach the sheet's last row; nothing below the last row with content is data.
  const rows = Math.max(0, Math.min(rect.numRows, sheet.lastRow() - rect.row + 1));
  const out: Cell[][] = [];
  for (let i = 0; i < rows; i++) {
    const line: Cell[] = [];
    for (let j = 0; j < rect.numColumns; j++) {
      const r = rect.row + i;
      const c = rect.column + j;
      const value = sheet.formulas.get(r, c) !== undefined ? spreadsheet.formulas.value(sheet, r, c) : sheet.values.get(r, c);
      line.push({ value, text: toDisplayValue(value, sheet.formats.get(r, c)?.numberFormat) });
    }
    out.push(line);
  }
  return out;
}

function dataOf(spreadsheet: SpreadsheetModel, chart: ChartModel): Pick<ChartView, 'categories' | 'series' | 'truncated'> {
  const blocks = chart.ranges.flatMap((r) => {
    const sheet = spreadsheet.sheetById(r.sheetId);
    return sheet ? [cellsOf(spreadsheet, sheet, r.rect)] : [];
  });
  let table: Cell[][] = [];
  if (chart.mergeStrategy === 'MERGE_ROWS') table = blocks.flat();
  else {
    const height = Math.max(0, ...blocks.map((b) => b.length));
    for (let i = 0; i < height; i++) table.push(blocks.flatMap((b) => b[i] ?? Array.from({ length: b[0]?.length ?? 0 }, () => ({ value: undefined, text: '' }))));
  }
  if (chart.transpose) table = (table[0] ?? []).map((_, j) => table.map((row) => row[j]));
  const width = table[0]?.length ?? 0;
  if (width === 0) return { categories: [], series: [], truncated: false };
  const hasDomain = width > 1;
  const firstSeries = hasDomain ? 1 : 0;
  const headerRows = chart.numHeaders >= 0 ? chart.numHeaders : looksLikeHeader(table[0], firstSeries) ? 1 : 0;
  const header = headerRows > 0 ? table[headerRows - 1] : null;
  const body = table.slice(headerRows).filter((row) => row.some((cell) => cell.text !== ''));
  const shown = body.slice(0, MAX_CATEGORIES);
  const series: ChartView['series'] = [];
  for (let j = firstSeries; j < width; j++) {
    series.push({ name: header?.[j]?.text || `Series ${j - firstSeries + 1}`, values: shown.map((row) => numberOf(row[j].value)) });
  }
  const categories = shown.map((row, i) => (hasDomain ? row[0].text : String(i + 1)));
  return { categories, series, truncated: body.length > shown.length };
}

function numberOf(value: StoredValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Sheets' guess: the first row is a header when a series column holds text there. */
function looksLikeHeader(row: Cell[] | undefined, firstSeries: number): boolean {
  return !!row && row.slice(firstSeries).some((cell) => typeof cell.value === 'string' && cell.value !== '');
}

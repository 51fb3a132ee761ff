import { h } from '../dom';

/**
 * Small inline-SVG charts for the 300 px sidebar: horizontal bars (also a funnel), a monthly
 * column trend with an optional line on the same scale, and diverging bars for differences
 * (plan against actual). No library: the layout is pure arithmetic (exported, unit-tested), the
 * drawing builds SVG elements whose text is set with textContent, so a partner's name is shown as
 * typed and never parsed as markup.
 *
 * Each chart is a <figure>: the SVG (role=img, named by the chart's title) and, under it, the same
 * numbers in a plain table inside a "Figures" disclosure, for screen readers, for copying, and for
 * tests. The SVG's coordinates are CSS pixels at the sidebar's content width (300 px less the
 * padding); it scales with width=100% when the sidebar is wider.
 */
export const CHART_WIDTH = 276;
const FONT = 11;
/** Roughly the advance of an average character of the sidebar's sans-serif at FONT px. */
const CHAR_WIDTH = FONT * 0.58;

export type Format = (value: number) => string;
const plainNumber: Format = (value) => value.toLocaleString('en-US');

/** Text cut to fit `maxWidth` px (an estimate from the font size), with an ellipsis when cut. */
export function fitText(text: string, maxWidth: number, fontSize = FONT): string {
  const room = Math.max(1, Math.floor(maxWidth / (fontSize * 0.58)));
  const chars = Array.from(text);
  return chars.length <= room ? text : `${chars.slice(0, Math.max(1, room - 1)).join('')}…`;
}

/** The largest value, or 1 when there is none above zero (so nothing divides by zero). */
function scaleMax(values: number[]): number {
  const max = Math.max(0, ...values.filter(Number.isFinite));
  return max > 0 ? max : 1;
}

const finite = (value: number) => (Number.isFinite(value) ? value : 0);

// ---- Horizontal bars -------------------------------------------------------------------------

export interface BarItem {
  label: string;
  value: number;
  /** What is written at the row's right (defaults to the chart's format of the value). */
  valueText?: string;
}

export interface BarRow {
  /** The label as drawn (cut to fit); the full one is in the row's <title> and the table. */
  label: string;
  fullLabel: string;
  valueText: string;
  /** Baseline of the row's text. */
  textY: number;
  barY: number;
  barWidth: number;
}

const BAR_ROW = 30;
const BAR_HEIGHT = 9;

/** Rows of a bar chart: the label and value on one line, the bar under it, scaled to the largest value (negatives drawn as none). */
export function barLayout(items: readonly BarItem[], format: Format = plainNumber, width = CHART_WIDTH): { width: number; height: number; rows: BarRow[] } {
  const max = scaleMax(items.map((i) => i.value));
  const rows = items.map((item, index): BarRow => {
    const valueText = item.valueText ?? format(item.value);
    const labelRoom = width - valueText.length * CHAR_WIDTH - 8;
    const top = index * BAR_ROW;
    return {
      label: fitText(item.label, labelRoom),
      fullLabel: item.label,
      valueText,
      textY: top + 12,
      barY: top + 16,
      barWidth: round1((Math.max(0, finite(item.value)) / max) * width),
    };
  });
  return { width, height: Math.max(BAR_ROW, items.length * BAR_ROW), rows };
}

// ---- Diverging bars (differences) ------------------------------------------------------------

export interface DivergingRow extends BarRow {
  /** Where the bar starts (the zero line or, for a negative value, its left end). */
  barX: number;
  negative: boolean;
}

/**
 * Rows of a diverging chart: a zero line placed so the largest loss and the largest gain both fit
 * (at the left edge when nothing is negative), bars to its right for gains and to its left for losses.
 */
export function divergingLayout(items: readonly BarItem[], format: Format = plainNumber, width = CHART_WIDTH): { width: number; height: number; zeroX: number; rows: DivergingRow[] } {
  const values = items.map((i) => finite(i.value));
  const maxLoss = Math.max(0, ...values.map((v) => -v));
  const maxGain = Math.max(0, ...values);
  const span = maxLoss + maxGain || 1;
  const zeroX = round1((maxLoss / span) * width);
  const bars = barLayout(items, format, width);
  const rows = bars.rows.map((row, index): DivergingRow => {
    const value = values[index];
    const barWidth = round1((Math.abs(value) / span) * width);
    return { ...row, negative: value < 0, barWidth, barX: value < 0 ? round1(zeroX - barWidth) : zeroX };
  });
  return { width, height: bars.height, zeroX, rows };
}

// ---- Monthly trend ---------------------------------------------------------------------------

export interface TrendItem {
  /** The short label under the column ("Jan"); `title` names it in full ("January 2026"). */
  label: string;
  title?: string;
  value: number;
  /** A second series drawn as a line on the same scale (e.g. commissions against revenue). */
  line?: number;
}

export interface TrendColumn {
  x: number;
  width: number;
  y: number;
  height: number;
  /** Centre of the column: where its label and its point of the line sit. */
  centre: number;
  lineY: number | null;
  /** Whether its label is drawn (every column's when they fit, else every second or third). */
  labelled: boolean;
}

export const TREND_PLOT_TOP = 16;
export const TREND_PLOT_HEIGHT = 110;

/** Columns of a trend chart over the plot area (under the max label, above the month labels). */
export function trendLayout(items: readonly TrendItem[], width = CHART_WIDTH): { width: number; height: number; baseline: number; max: number; columns: TrendColumn[] } {
  const max = scaleMax(items.flatMap((i) => (i.line === undefined ? [i.value] : [i.value, i.line])));
  const baseline = TREND_PLOT_TOP + TREND_PLOT_HEIGHT;
  const slot = items.length ? width / items.length : width;
  const widest = Math.max(1, ...items.map((i) => Array.from(i.label).length)) * CHAR_WIDTH + 2;
  const step = Math.max(1, Math.ceil(widest / slot));
  const scale = (v: number) => round1((Math.max(0, finite(v)) / max) * TREND_PLOT_HEIGHT);
  const columns = items.map((item, index): TrendColumn => {
    const height = scale(item.value);
    const gap = Math.min(6, slot * 0.25);
    return {
      x: round1(index * slot + gap / 2),
      width: round1(slot - gap),
      y: round1(baseline - height),
      height,
      centre: round1(index * slot + slot / 2),
      lineY: item.line === undefined ? null : round1(baseline - scale(item.line)),
      // Count from the last column so the latest month is always labelled.
      labelled: (items.length - 1 - index) % step === 0,
    };
  });
  return { width, height: baseline + 16, baseline, max, columns };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

// ---- Drawing ---------------------------------------------------------------------------------

const SVG_NS = 'http://www.w3.org/2000/svg';

function s(tag: string, attrs: Record<string, string | number>, ...children: Array<SVGElement | string>): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  for (const child of children) el.append(child);
  return el;
}

/** A tooltip and accessible name for a mark: text, never markup. */
function tip(text: string): SVGElement {
  const title = s('title', {});
  title.textContent = text;
  return title;
}

function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): SVGElement {
  const el = s('text', { x, y, ...attrs });
  el.textContent = content;
  return el;
}

function svgRoot(width: number, height: number, title: string): SVGElement {
  return s('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': title, focusable: 'false', class: 'chart-svg' }, tip(title));
}

/** The chart and its numbers in a table (columns: `headings`), under a visible caption. */
function figure(kind: string, title: string, svg: SVGElement, headings: string[], rows: string[][]): HTMLElement {
  const table = h(
    'table',
    { class: 'chart-table' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        headings.map((heading, i) => h('th', { scope: 'col', class: i ? 'num' : null }, heading)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((cells) =>
        h(
          'tr',
          null,
          cells.map((cell, i) => (i ? h('td', { class: 'num' }, cell) : h('th', { scope: 'row' }, cell))),
        ),
      ),
    ),
  );
  return h('figure', { class: `chart chart-${kind}` }, h('figcaption', { class: 'chart-title' }, title), svg, h('details', { class: 'chart-figures' }, h('summary', null, 'Figures'), table));
}

export interface BarChartSpec {
  title: string;
  items: readonly BarItem[];
  format?: Format;
  /** The table's headings: the items' column and the values' (defaults "" and "Value"). */
  columns?: [string, string];
  /** What the chart says when there are no items. */
  empty?: string;
}

/** One bar's row: its tooltip, label on the left, value on the right, then its marks. */
function barRow(row: { fullLabel: string; label: string; valueText: string; textY: number }, width: number, ...marks: SVGElement[]): SVGElement {
  return s(
    'g',
    { class: 'chart-row' },
    tip(`${row.fullLabel}: ${row.valueText}`),
    text(0, row.textY, row.label, { class: 'chart-label' }),
    text(width, row.textY, row.valueText, { class: 'chart-value', 'text-anchor': 'end' }),
    ...marks,
  );
}

/** Horizontal bars with their labels and values (a funnel: the stages in order). */
export function barChart(spec: BarChartSpec): HTMLElement {
  if (!spec.items.length) return emptyFigure('bars', spec.title, spec.empty);
  const layout = barLayout(spec.items, spec.format);
  const svg = svgRoot(layout.width, layout.height, spec.title);
  for (const row of layout.rows) {
    svg.append(
      barRow(
        row,
        layout.width,
        s('rect', { class: 'chart-track', x: 0, y: row.barY, width: layout.width, height: BAR_HEIGHT, rx: 2 }),
        s('rect', { class: 'chart-bar', x: 0, y: row.barY, width: row.barWidth, height: BAR_HEIGHT, rx: 2 }),
      ),
    );
  }
  const [itemHeading, valueHeading] = spec.columns ?? ['', 'Value'];
  return figure(
    'bars',
    spec.title,
    svg,
    [itemHeading, valueHeading],
    layout.rows.map((row) => [row.fullLabel, row.valueText]),
  );
}

/** Bars either side of a zero line, gains and losses in different colours and signed in the text. */
export function divergingChart(spec: BarChartSpec): HTMLElement {
  if (!spec.items.length) return emptyFigure('diverging', spec.title, spec.empty);
  const layout = divergingLayout(spec.items, spec.format ?? signedNumber);
  const svg = svgRoot(layout.width, layout.height, spec.title);
  for (const row of layout.rows) {
    svg.append(
      barRow(row, layout.width, s('rect', { class: row.negative ? 'chart-bar chart-loss' : 'chart-bar chart-gain', x: row.barX, y: row.barY, width: row.barWidth, height: BAR_HEIGHT, rx: 2 })),
    );
  }
  svg.append(s('line', { class: 'chart-axis', x1: layout.zeroX, x2: layout.zeroX, y1: 0, y2: layout.height }));
  const [itemHeading, valueHeading] = spec.columns ?? ['', 'Difference'];
  return figure(
    'diverging',
    spec.title,
    svg,
    [itemHeading, valueHeading],
    layout.rows.map((row) => [row.fullLabel, row.valueText]),
  );
}

/** "+1,200", "−300", "0": a difference with its sign written out. */
export const signedNumber: Format = (value) => (value > 0 ? `+${plainNumber(value)}` : value < 0 ? `−${plainNumber(-value)}` : '0');

export interface TrendChartSpec {
  title: string;
  items: readonly TrendItem[];
  format?: Format;
  /** The series' names: the columns' and, when items carry `line`, the line's. */
  series: string;
  lineSeries?: string;
  empty?: string;
}

/** Monthly columns (and an optional line on the same scale) with the months under them and the scale's top at the left. */
export function trendChart(spec: TrendChartSpec): HTMLElement {
  if (!spec.items.length) return emptyFigure('trend', spec.title, spec.empty);
  const format = spec.format ?? plainNumber;
  const layout = trendLayout(spec.items);
  const svg = svgRoot(layout.width, layout.height, spec.title);
  svg.append(s('line', { class: 'chart-grid', x1: 0, x2: layout.width, y1: TREND_PLOT_TOP, y2: TREND_PLOT_TOP }), text(0, TREND_PLOT_TOP - 4, format(layout.max), { class: 'chart-scale' }));
  layout.columns.forEach((column, index) => {
    const item = spec.items[index];
    const name = item.title ?? item.label;
    const said = `${name}: ${spec.series} ${format(item.value)}${item.line !== undefined && spec.lineSeries ? `, ${spec.lineSeries} ${format(item.line)}` : ''}`;
    svg.append(
      s('rect', { class: 'chart-bar', x: column.x, y: column.y, width: column.width, height: column.height }, tip(said)),
      column.labelled ? text(column.centre, layout.baseline + 12, item.label, { class: 'chart-label', 'text-anchor': 'middle' }) : '',
    );
  });
  const withLine = layout.columns.filter((c) => c.lineY !== null);
  if (withLine.length) {
    svg.append(s('polyline', { class: 'chart-line', points: withLine.map((c) => `${c.centre},${c.lineY}`).join(' ') }));
    for (const c of withLine) svg.append(s('circle', { class: 'chart-point', cx: c.centre, cy: c.lineY as number, r: 2.5 }));
  }
  svg.append(s('line', { class: 'chart-axis', x1: 0, x2: layout.width, y1: layout.baseline, y2: layout.baseline }));
  const hasLine = spec.items.some((i) => i.line !== undefined) && spec.lineSeries;
  const fig = figure(
    'trend',
    spec.title,
    svg,
    hasLine ? ['Month', spec.series, spec.lineSeries as string] : ['Month', spec.series],
    spec.items.map((item) => [item.title ?? item.label, format(item.value), ...(hasLine ? [item.line === undefined ? '' : format(item.line)] : [])]),
  );
  if (hasLine) {
    // A legend in words: which mark is which series.
    fig.insertBefore(
      h(
        'p',
        { class: 'chart-legend' },
        h('span', { class: 'legend-bar', 'aria-hidden': 'true' }),
        spec.series,
        ' ',
        h('span', { class: 'legend-line', 'aria-hidden': 'true' }),
        spec.lineSeries as string,
      ),
      fig.querySelector('details'),
    );
  }
  return fig;
}

function emptyFigure(kind: string, title: string, empty = 'Nothing to show.'): HTMLElement {
  return h('figure', { class: `chart chart-${kind}` }, h('figcaption', { class: 'chart-title' }, title), h('p', { class: 'muted chart-empty' }, empty));
}

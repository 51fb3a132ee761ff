import type { ChartView } from '../api-types';

/**
 * Draws an embedded chart as SVG, the way Sheets lays one out: title on top, the legend where the
 * chart says (right by default), value axis with rounded ticks, category labels, axis titles. Bar
 * (horizontal), column, line and area charts (grouped or stacked), pie and donut. Any other type is
 * a labelled placeholder naming it, never nothing. Marks carry data-series, data-category and
 * data-value so tests (and people using the inspector) can read what is drawn.
 */

const SVG = 'http://www.w3.org/2000/svg';
/** Google Sheets' default series colours. */
const PALETTE = ['#4285f4', '#db4437', '#f4b400', '#0f9d58', '#ab47bc', '#00acc1', '#ff7043', '#9e9d24', '#5c6bc0', '#f06292'];
const DRAWN = new Set(['BAR', 'COLUMN', 'LINE', 'AREA', 'PIE']);

type Attributes = Record<string, string | number>;

function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Array<Node | string>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  return element;
}

function label(x: number, y: number, text: string, attributes: Attributes = {}): SVGTextElement {
  return s('text', { x, y, 'font-size': 12, fill: '#444', ...attributes }, text);
}

/** Shortens a label to about `max` characters (the full text stays in its <title>). */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

function colorOf(chart: ChartView, index: number): string {
  return chart.colors[index] ?? PALETTE[index % PALETTE.length];
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function drawChart(chart: ChartView): SVGSVGElement {
  const { width, height } = chart;
  const svg = s('svg', {
    xmlns: SVG,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    class: 'chart-svg',
    'data-chart-id': chart.id,
    'data-chart-type': chart.type,
    'aria-label': `${chart.title || 'Untitled chart'} (${chart.type.toLowerCase()} chart)`,
  });
  svg.appendChild(s('rect', { x: 0.5, y: 0.5, width: width - 1, height: height - 1, fill: '#fff', stroke: '#dadce0' }));
  let top = 12;
  if (chart.title) {
    svg.appendChild(label(width / 2, 30, chart.title, { class: 'chart-title', 'text-anchor': 'middle', 'font-size': 16, fill: '#202124' }));
    top = 44;
  }
  if (!DRAWN.has(chart.type)) {
    svg.appendChild(placeholder(chart, { x: 16, y: top, width: width - 32, height: height - top - 16 }));
    return svg;
  }
  const names = chart.type === 'PIE' ? chart.categories : chart.series.map((x) => x.name);
  const legendShown = chart.legend !== 'none' && names.length > 0;
  const plot: Box = { x: 16, y: top, width: width - 32, height: height - top - 12 };
  if (legendShown && chart.legend === 'right') plot.width -= 150;
  if (legendShown && chart.legend === 'top') plot.y += 24;
  if (legendShown && (chart.legend === 'top' || chart.legend === 'bottom')) plot.height -= 24;
  if (legendShown) svg.appendChild(legend(chart, names, plot));
  const hasData = chart.series.some((x) => x.values.some((v) => v !== null));
  if (!hasData) {
    svg.appendChild(label(plot.x + plot.width / 2, plot.y + plot.height / 2, 'No data', { class: 'chart-empty', 'text-anchor': 'middle' }));
    return svg;
  }
  svg.appendChild(chart.type === 'PIE' ? pie(chart, plot) : axisChart(chart, plot));
  return svg;
}

function placeholder(chart: ChartView, box: Box): SVGGElement {
  const kind = chart.type.toLowerCase().replace(/_/g, ' ');
  return s(
    'g',
    { class: 'chart-placeholder' },
    s('rect', { ...box, fill: '#f8f9fa', stroke: '#9aa0a6', 'stroke-dasharray': '6 4' }),
    label(box.x + box.width / 2, box.y + box.height / 2 - 8, `${kind} chart`, { 'text-anchor': 'middle', 'font-size': 15, fill: '#202124' }),
    label(box.x + box.width / 2, box.y + box.height / 2 + 14, 'The local workspace does not draw this chart type.', { 'text-anchor': 'middle' }),
  );
}

function legend(chart: ChartView, names: string[], plot: Box): SVGGElement {
  const g = s('g', { class: 'chart-legend' });
  const vertical = chart.legend === 'right';
  let x = vertical ? plot.x + plot.width + 16 : plot.x;
  let y = vertical ? plot.y + 8 : chart.legend === 'top' ? plot.y - 20 : plot.y + plot.height + 8;
  names.forEach((name, i) => {
    const text = clip(name, vertical ? 18 : 16);
    g.appendChild(s('g', { class: 'chart-legend-entry', 'data-name': name }, s('rect', { x, y, width: 10, height: 10, fill: colorOf(chart, i) }), label(x + 14, y + 9, text)));
    if (vertical) y += 20;
    else x += 28 + text.length * 7;
  });
  return g;
}

/** Round tick steps (1, 2, 5 × 10^n) covering [min, max] in about five steps. */
export function ticks(min: number, max: number): number[] {
  if (min === max) max = min + 1;
  const raw = (max - min) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((m) => m >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1] < max) out.push(Number((out[out.length - 1] + step).toPrecision(12)));
  return out;
}

function formatTick(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (abs >= 1e4) return `${Number((v / 1e3).toPrecision(3))}K`;
  return String(Number(v.toPrecision(6)));
}

/** Bar (horizontal), column, line and area charts: a value axis, a category axis, one mark per value. */
function axisChart(chart: ChartView, area: Box): SVGGElement {
  const g = s('g', { class: 'chart-plot' });
  const horizontal = chart.type === 'BAR';
  const stacked = chart.stacked && chart.type !== 'LINE';
  const n = chart.categories.length;
  const totals = chart.categories.map((_, i) => {
    let up = 0;
    let down = 0;
    for (const x of chart.series) {
      const v = x.values[i] ?? 0;
      if (v >= 0) up += v;
      else down += v;
    }
    return { up, down };
  });
  const values = chart.series.flatMap((x) => x.values.filter((v): v is number => v !== null));
  const low = Math.min(0, ...(stacked ? totals.map((t) => t.down) : values));
  const high = Math.max(0, ...(stacked ? totals.map((t) => t.up) : values));
  const scale = ticks(low, high);
  const min = scale[0];
  const max = scale[scale.length - 1];
  // Room for value labels, category labels and axis titles.
  const plot: Box = { x: area.x + (horizontal ? 90 : 50), y: area.y + 4, width: area.width - (horizontal ? 96 : 56), height: area.height - 4 - (chart.xAxisTitle ? 48 : 30) };
  if (chart.yAxisTitle) {
    plot.x += 18;
    plot.width -= 18;
  }
  const valueAt = (v: number): number => (horizontal ? plot.x + ((v - min) / (max - min)) * plot.width : plot.y + plot.height - ((v - min) / (max - min)) * plot.height);
  const band = (horizontal ? plot.height : plot.width) / Math.max(1, n);
  const bandStart = (i: number): number => (horizontal ? plot.y : plot.x) + i * band;

  for (const v of scale) {
    const p = valueAt(v);
    g.appendChild(
      horizontal
        ? s('line', { x1: p, x2: p, y1: plot.y, y2: plot.y + plot.height, stroke: v === 0 ? '#5f6368' : '#e8eaed' })
        : s('line', { x1: plot.x, x2: plot.x + plot.width, y1: p, y2: p, stroke: v === 0 ? '#5f6368' : '#e8eaed' }),
    );
    g.appendChild(
      horizontal
        ? label(p, plot.y + plot.height + 16, formatTick(v), { 'text-anchor': 'middle', class: 'chart-tick' })
        : label(plot.x - 6, p + 4, formatTick(v), { 'text-anchor': 'end', class: 'chart-tick' }),
    );
  }
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((horizontal ? plot.height : plot.width) / (horizontal ? 16 : 40)))));
  chart.categories.forEach((category, i) => {
    if (i % every !== 0) return;
    const centre = bandStart(i) + band / 2;
    g.appendChild(
      horizontal
        ? label(plot.x - 6, centre + 4, clip(category, 12), { 'text-anchor': 'end', class: 'chart-category' })
        : label(centre, plot.y + plot.height + 16, clip(category, Math.max(3, Math.floor((band * every) / 7))), { 'text-anchor': 'middle', class: 'chart-category' }),
    );
  });
  if (chart.xAxisTitle)
    g.appendChild(label(plot.x + plot.width / 2, plot.y + plot.height + 38, chart.xAxisTitle, { 'text-anchor': 'middle', class: 'chart-axis-title chart-x-title', 'font-style': 'italic' }));
  if (chart.yAxisTitle) {
    const x = area.x + 12;
    const y = plot.y + plot.height / 2;
    g.appendChild(label(x, y, chart.yAxisTitle, { 'text-anchor': 'middle', class: 'chart-axis-title chart-y-title', 'font-style': 'italic', transform: `rotate(-90 ${x} ${y})` }));
  }

  if (chart.type === 'BAR' || chart.type === 'COLUMN') bars(g, chart, { horizontal, stacked, band, bandStart, valueAt });
  else lines(g, chart, { horizontal: false, stacked, band, bandStart, valueAt, baseline: valueAt(Math.max(min, 0)) });
  return g;
}

interface Geometry {
  horizontal: boolean;
  stacked: boolean;
  band: number;
  bandStart: (i: number) => number;
  valueAt: (v: number) => number;
}

function bars(g: SVGGElement, chart: ChartView, { horizontal, stacked, band, bandStart, valueAt }: Geometry): void {
  const groups = stacked ? 1 : chart.series.length;
  const thickness = (band * 0.7) / Math.max(1, groups);
  chart.categories.forEach((category, i) => {
    let up = 0;
    let down = 0;
    chart.series.forEach((series, k) => {
      const v = series.values[i];
      if (v === null) return;
      let from = 0;
      if (stacked) {
        from = v >= 0 ? up : down;
        if (v >= 0) up += v;
        else down += v;
      }
      const a = valueAt(from);
      const b = valueAt(from + v);
      const offset = bandStart(i) + band * 0.15 + (stacked ? 0 : k * thickness);
      const rect = horizontal ? { x: Math.min(a, b), y: offset, width: Math.abs(b - a), height: thickness } : { x: offset, y: Math.min(a, b), width: thickness, height: Math.abs(b - a) };
      const bar = s('rect', { ...rect, fill: colorOf(chart, k), class: 'chart-bar', 'data-series': series.name, 'data-category': category, 'data-value': v });
      bar.appendChild(s('title', {}, `${series.name}, ${category}: ${v}`));
      g.appendChild(bar);
    });
  });
}

function lines(g: SVGGElement, chart: ChartView, { stacked, band, bandStart, valueAt, baseline }: Geometry & { baseline: number }): void {
  const below = chart.categories.map(() => 0);
  chart.series.forEach((series, k) => {
    const color = colorOf(chart, k);
    const points: Array<[number, number, number, string]> = [];
    const floor: Array<[number, number]> = [];
    series.values.forEach((v, i) => {
      if (v === null) return;
      const x = bandStart(i) + band / 2;
      const base = stacked ? below[i] : 0;
      points.push([x, valueAt(base + v), v, chart.categories[i]]);
      floor.push([x, stacked ? valueAt(base) : baseline]);
      if (stacked) below[i] = base + v;
    });
    if (points.length === 0) return;
    const path = points.map(([x, y]) => `${x},${y}`).join(' ');
    if (chart.type === 'AREA') {
      const back = floor
        .slice()
        .reverse()
        .map(([x, y]) => `${x},${y}`)
        .join(' ');
      g.appendChild(s('polygon', { points: `${path} ${back}`, fill: color, 'fill-opacity': 0.3, class: 'chart-area', 'data-series': series.name }));
    }
    g.appendChild(s('polyline', { points: path, fill: 'none', stroke: color, 'stroke-width': 2, class: 'chart-line', 'data-series': series.name }));
    for (const [x, y, v, category] of points) {
      const dot = s('circle', { cx: x, cy: y, r: 3.5, fill: color, class: 'chart-point', 'data-series': series.name, 'data-category': category, 'data-value': v });
      dot.appendChild(s('title', {}, `${series.name}, ${category}: ${v}`));
      g.appendChild(dot);
    }
  });
}

/** A pie of the first series' positive values (as Sheets draws it), a donut with pieHole. */
function pie(chart: ChartView, area: Box): SVGGElement {
  const g = s('g', { class: 'chart-plot' });
  const values = chart.series[0]?.values ?? [];
  const total = values.reduce<number>((sum, v) => sum + (v !== null && v > 0 ? v : 0), 0);
  const r = Math.max(10, Math.min(area.width, area.height) / 2 - 8);
  const cx = area.x + area.width / 2;
  const cy = area.y + area.height / 2;
  const inner = r * chart.pieHole;
  if (total <= 0) {
    g.appendChild(label(cx, cy, 'No positive values', { 'text-anchor': 'middle', class: 'chart-empty' }));
    return g;
  }
  let angle = -Math.PI / 2;
  values.forEach((v, i) => {
    if (v === null || v <= 0) return;
    const sweep = (v / total) * Math.PI * 2;
    const end = angle + sweep;
    const d = slicePath(cx, cy, r, inner, angle, end);
    const slice = s('path', {
      d,
      fill: colorOf(chart, i),
      'fill-rule': 'evenodd',
      stroke: '#fff',
      'stroke-width': 1,
      class: 'chart-slice',
      'data-category': chart.categories[i],
      'data-value': v,
      'data-share': Number(((v / total) * 100).toFixed(1)),
    });
    slice.appendChild(s('title', {}, `${chart.categories[i]}: ${v} (${((v / total) * 100).toFixed(1)}%)`));
    g.appendChild(slice);
    if (sweep > 0.3) {
      const mid = angle + sweep / 2;
      const at = inner > 0 ? (r + inner) / 2 : r * 0.65;
      g.appendChild(label(cx + Math.cos(mid) * at, cy + Math.sin(mid) * at + 4, `${Math.round((v / total) * 100)}%`, { 'text-anchor': 'middle', fill: '#fff', class: 'chart-slice-label' }));
    }
    angle = end;
  });
  return g;
}

function slicePath(cx: number, cy: number, r: number, inner: number, from: number, to: number): string {
  // A whole circle cannot be one arc: draw it as two halves.
  if (to - from >= Math.PI * 2 - 1e-9) {
    const outer = `M ${cx - r} ${cy} A ${r} ${r} 0 1 1 ${cx + r} ${cy} A ${r} ${r} 0 1 1 ${cx - r} ${cy} Z`;
    return inner > 0 ? `${outer} M ${cx - inner} ${cy} A ${inner} ${inner} 0 1 0 ${cx + inner} ${cy} A ${inner} ${inner} 0 1 0 ${cx - inner} ${cy} Z` : outer;
  }
  const large = to - from > Math.PI ? 1 : 0;
  const p = (radius: number, a: number): string => `${cx + Math.cos(a) * radius} ${cy + Math.sin(a) * radius}`;
  if (inner <= 0) return `M ${cx} ${cy} L ${p(r, from)} A ${r} ${r} 0 ${large} 1 ${p(r, to)} Z`;
  return `M ${p(r, from)} A ${r} ${r} 0 ${large} 1 ${p(r, to)} L ${p(inner, to)} A ${inner} ${inner} 0 ${large} 0 ${p(inner, from)} Z`;
}

import { createHash } from 'node:crypto';
import { AppsScriptException, notImplemented } from '../core/errors';
import { FacadeEnvironment, ServiceObject, unwrap } from '../core/facade';
import { EnumValue, enumName, makeEnum } from '../services/enums';
import { ChartModel, ChartRangeModel, PROTECTED_MESSAGE, SpreadsheetModel } from './model';
import { RangeImpl, rangeFacade } from './range';
import { SheetRef, currentUser } from './sheet-ref';

/**
 * Embedded charts (README "Embedded charts"): Sheet.newChart/insertChart/updateChart/removeChart/
 * getCharts, EmbeddedChartBuilder and its typed builders, EmbeddedChart, ContainerInfo,
 * ChartOptions and the enums of the `Charts` global.
 *
 * Sources: developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder (changes
 * are not saved until Sheet.updateChart is called on the rebuilt chart; build() does not draw the
 * chart: insertChart or updateChart does), …/embedded-chart (getChartId: stable, unique in the
 * spreadsheet, null when the chart is not in a spreadsheet), …/container-info (1-based anchor row
 * and column, pixel offsets), …/charts/chart-type and the other Charts enums, and the typed
 * builders' pages (which methods each has). Which Google Charts option each typed setter writes
 * (setTitle → "title", setXAxisTitle → "hAxis.title", setStacked → "isStacked"…) is the
 * emulator's reading of the Charts configuration options those pages link to.
 */

export const CHART_TYPE = makeEnum('ChartType', [
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
] as const);
export type ChartTypeName = keyof typeof CHART_TYPE;
export const CHART_MERGE_STRATEGY = makeEnum('ChartMergeStrategy', ['MERGE_COLUMNS', 'MERGE_ROWS'] as const);
export const CHART_HIDDEN_DIMENSION_STRATEGY = makeEnum('ChartHiddenDimensionStrategy', ['IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH'] as const);
export const POSITION = makeEnum('Position', ['TOP', 'RIGHT', 'BOTTOM', 'NONE'] as const);
export const CURVE_STYLE = makeEnum('CurveStyle', ['NORMAL', 'SMOOTH'] as const);
export const POINT_STYLE = makeEnum('PointStyle', ['NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE'] as const);
export const COLUMN_TYPE = makeEnum('ColumnType', ['DATE', 'NUMBER', 'STRING'] as const);
export const ORIENTATION = makeEnum('Orientation', ['HORIZONTAL', 'VERTICAL'] as const);
export const PICKER_VALUES_LAYOUT = makeEnum('PickerValuesLayout', ['ASIDE', 'BELOW', 'BELOW_WRAPPING', 'BELOW_STACKED'] as const);
export const MATCH_TYPE = makeEnum('MatchType', ['EXACT', 'PREFIX', 'ANY'] as const);

/**
 * A range from another spreadsheet handed to addRange. Google's reference says only that a chart
 * is built from its spreadsheet's ranges; the wording of the refusal is the emulator's GUESS.
 */
export const OTHER_SPREADSHEET_RANGE_MESSAGE = 'The range must be in the same spreadsheet as the chart.';
/** updateChart or removeChart with a chart that is not (or no longer) on the sheet: the emulator's wording, unverified. */
export const MISSING_CHART_MESSAGE = 'The chart does not exist on this sheet. It may have been removed.';

/** A chart being edited: a chart model without its id guarantee (null until inserted). */
type Draft = Omit<ChartModel, 'id' | 'sheetId'> & { id: number | null };

function newDraft(): Draft {
  return {
    id: null,
    // An untyped builder draws what Sheets picks; the emulator starts every chart as a column chart (a guess).
    chartType: 'COLUMN',
    ranges: [],
    options: {},
    // Where a chart lands without setPosition is not documented: the sheet's first cell (a guess).
    anchorRow: 1,
    anchorColumn: 1,
    offsetX: 0,
    offsetY: 0,
    numHeaders: -1,
    transpose: false,
    mergeStrategy: 'MERGE_COLUMNS',
    hiddenDimensionStrategy: 'IGNORE_ROWS',
  };
}

function copyDraft(d: Draft): Draft {
  return structuredClone(d);
}

/** An option value as it is kept (JSON): enum values by name, arrays and objects copied. */
function plainOption(value: unknown): unknown {
  if (value === undefined) return null;
  if (value && typeof value === 'object' && typeof (value as EnumValue).name === 'function' && typeof (value as EnumValue).ordinal === 'function') return (value as EnumValue).name();
  // A script's Date comes from its own realm: instanceof would miss it.
  if (Object.prototype.toString.call(value) === '[object Date]') return (value as Date).toISOString();
  if (Array.isArray(value)) return value.map(plainOption);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainOption(v)]));
  return value;
}

function checkedInteger(value: unknown, what: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new AppsScriptException(`Invalid argument: ${what}`);
  return n;
}

/** Throws when `user` may not add, change or remove charts on the sheet (see README "Embedded charts": who may). */
export function assertCanChangeCharts(ref: SheetRef): void {
  const { spreadsheet, sheet, ctx } = ref;
  const user = currentUser(ref);
  spreadsheet.assertCanWrite(user);
  if (user === spreadsheet.owner || !ctx.options.chartsFollowSheetProtection) return;
  const blocked = spreadsheet.protections.some((p) => p.sheetId === sheet.id && p.type === 'SHEET' && !p.warningOnly && !spreadsheet.canEditProtected(p, user));
  if (blocked) throw new AppsScriptException(PROTECTED_MESSAGE);
}

/** A random-looking positive 31-bit id, unique in the spreadsheet and stable across runs (as developer metadata ids). */
function nextChartId(spreadsheet: SpreadsheetModel): number {
  for (;;) {
    const serial = spreadsheet.nextChartSerial++;
    const id = createHash('sha256').update(`chart\u0000${spreadsheet.id}\u0000${serial}`).digest().readUInt32BE(0) & 0x7fffffff;
    if (id > 0 && !spreadsheet.charts.some((c) => c.id === id)) return id;
  }
}

// ---- Sheet's chart methods (sheet.ts calls these) ---------------------------------------------

export function newChartBuilder(ref: SheetRef): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
  return new EmbeddedChartBuilderImpl(ref, newDraft())._api();
}

export function chartsOfSheet(ref: SheetRef): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
  return ref.spreadsheet.charts.filter((c) => c.sheetId === ref.sheet.id).map((c) => new EmbeddedChartImpl(ref, { ...structuredClone(c) })._api());
}

/** Puts a built chart on the sheet as a new chart (a chart inserted twice is two charts). */
export function insertChart(ref: SheetRef, chart: unknown): void {
  const built = unwrap(chart, EmbeddedChartImpl, 'chart');
  assertCanChangeCharts(ref);
  const model: ChartModel = { ...copyDraft(built._draft), id: nextChartId(ref.spreadsheet), sheetId: ref.sheet.id };
  assertAnchorOnSheet(ref, model);
  ref.spreadsheet.charts.push(model);
}

/** Replaces the chart with the same id on this sheet by the rebuilt one: the same call twice leaves the same chart. */
export function updateChart(ref: SheetRef, chart: unknown): void {
  const built = unwrap(chart, EmbeddedChartImpl, 'chart');
  assertCanChangeCharts(ref);
  const index = ref.spreadsheet.charts.findIndex((c) => c.id === built._draft.id && c.sheetId === ref.sheet.id);
  if (built._draft.id === null || index < 0) throw new AppsScriptException(MISSING_CHART_MESSAGE);
  const model: ChartModel = { ...copyDraft(built._draft), id: built._draft.id, sheetId: ref.sheet.id };
  assertAnchorOnSheet(ref, model);
  ref.spreadsheet.charts[index] = model;
}

export function removeChart(ref: SheetRef, chart: unknown): void {
  const built = unwrap(chart, EmbeddedChartImpl, 'chart');
  assertCanChangeCharts(ref);
  const index = ref.spreadsheet.charts.findIndex((c) => c.id === built._draft.id && c.sheetId === ref.sheet.id);
  if (built._draft.id === null || index < 0) throw new AppsScriptException(MISSING_CHART_MESSAGE);
  ref.spreadsheet.charts.splice(index, 1);
}

function assertAnchorOnSheet(ref: SheetRef, chart: ChartModel): void {
  if (chart.anchorRow > ref.sheet.maxRows) throw new AppsScriptException('Those rows are out of bounds.');
  if (chart.anchorColumn > ref.sheet.maxColumns) throw new AppsScriptException('Those columns are out of bounds.');
}

// ---- values handed out -----------------------------------------------------------------------

class ContainerInfoImpl extends ServiceObject {
  constructor(
    ref: SheetRef,
    private readonly _where: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number },
  ) {
    super('ContainerInfo', ref.ctx);
  }
  getAnchorRow(): number {
    return this._where.anchorRow;
  }
  getAnchorColumn(): number {
    return this._where.anchorColumn;
  }
  getOffsetX(): number {
    return this._where.offsetX;
  }
  getOffsetY(): number {
    return this._where.offsetY;
  }
}

/** ChartOptions.get(option): an option set by its dotted name, or a part of an object option ("hAxis" set as { title }: get("hAxis.title")); null when unset. */
class ChartOptionsImpl extends ServiceObject {
  constructor(
    ref: SheetRef,
    private readonly _options: Record<string, unknown>,
  ) {
    super('ChartOptions', ref.ctx);
  }
  get(option: string): unknown {
    const key = String(option);
    if (Object.prototype.hasOwnProperty.call(this._options, key)) return structuredClone(this._options[key]);
    const parts = key.split('.');
    for (let i = parts.length - 1; i > 0; i--) {
      let node: unknown = this._options[parts.slice(0, i).join('.')];
      for (const part of parts.slice(i)) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
      if (node !== undefined) return structuredClone(node);
    }
    return null;
  }
  getOrDefault(option: string): unknown {
    return this.get(option);
  }
}

function rangesOf(ref: SheetRef, ranges: ChartRangeModel[]): GoogleAppsScript.Spreadsheet.Range[] {
  return ranges.flatMap((r) => {
    const sheet = ref.spreadsheet.sheetById(r.sheetId);
    return sheet ? [rangeFacade({ ...ref, sheet }, { ...r.rect })] : [];
  });
}

export class EmbeddedChartImpl extends ServiceObject {
  constructor(
    readonly _ref: SheetRef,
    readonly _draft: Draft,
  ) {
    super('EmbeddedChart', _ref.ctx);
  }
  getChartId(): number | null {
    return this._draft.id;
  }
  getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    return new ContainerInfoImpl(this._ref, { ...this._draft })._api();
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    return new ChartOptionsImpl(this._ref, structuredClone(this._draft.options))._api();
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return rangesOf(this._ref, this._draft.ranges);
  }
  getNumHeaders(): number {
    return this._draft.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    return this._draft.transpose;
  }
  getMergeStrategy(): GoogleAppsScript.Charts.ChartMergeStrategy {
    return CHART_MERGE_STRATEGY[this._draft.mergeStrategy as keyof typeof CHART_MERGE_STRATEGY] as unknown as GoogleAppsScript.Charts.ChartMergeStrategy;
  }
  getHiddenDimensionStrategy(): GoogleAppsScript.Charts.ChartHiddenDimensionStrategy {
    return CHART_HIDDEN_DIMENSION_STRATEGY[this._draft.hiddenDimensionStrategy as keyof typeof CHART_HIDDEN_DIMENSION_STRATEGY] as unknown as GoogleAppsScript.Charts.ChartHiddenDimensionStrategy;
  }
  asDataSourceChart(): null {
    return null;
  }
  /** A builder over a copy: nothing changes until Sheet.updateChart(builder.build()). */
  modify(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return builderFor(this._ref, copyDraft(this._draft));
  }
  getAs(_contentType: string): never {
    return notImplemented('EmbeddedChart.getAs (the emulator does not draw charts as images; the workspace draws them as SVG)');
  }
  getBlob(): never {
    return notImplemented('EmbeddedChart.getBlob (the emulator does not draw charts as images; the workspace draws them as SVG)');
  }
}

// ---- builders ------------------------------------------------------------------------------

type Builder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

/** The typed builder a chart type is edited with (asBarChart…); the untyped one for the rest. */
function builderFor(ref: SheetRef, draft: Draft): Builder {
  const Typed = TYPED_BUILDERS[draft.chartType] ?? EmbeddedChartBuilderImpl;
  return new Typed(ref, draft)._api();
}

/**
 * EmbeddedChartBuilder. Every method returns the builder it was called on (a typed builder stays
 * typed: `asPieChart().addRange(r).setTitle(t)` works as scripts write it).
 */
export class EmbeddedChartBuilderImpl extends ServiceObject {
  constructor(
    readonly _ref: SheetRef,
    readonly _draft: Draft,
    gasType = 'EmbeddedChartBuilder',
  ) {
    super(gasType, _ref.ctx);
  }

  _self(): Builder {
    return this._api();
  }

  _set(option: string, value: unknown): Builder {
    this._draft.options[option] = plainOption(value);
    return this._self();
  }

  /** Adds a range unless the chart already has it; a range of another spreadsheet is refused. */
  addRange(range: GoogleAppsScript.Spreadsheet.Range): Builder {
    const r = unwrap(range, RangeImpl, 'range');
    if (r._ref.spreadsheet !== this._ref.spreadsheet) throw new AppsScriptException(OTHER_SPREADSHEET_RANGE_MESSAGE);
    const model: ChartRangeModel = { sheetId: r._ref.sheet.id, rect: { ...r._rect } };
    if (!this._draft.ranges.some((x) => sameRange(x, model))) this._draft.ranges.push(model);
    return this._self();
  }
  /** Removes the range; one the chart does not have is ignored ("Does not throw an error if the range is not in this chart"). */
  removeRange(range: GoogleAppsScript.Spreadsheet.Range): Builder {
    const r = unwrap(range, RangeImpl, 'range');
    const model: ChartRangeModel = { sheetId: r._ref.sheet.id, rect: r._rect };
    this._draft.ranges = this._draft.ranges.filter((x) => r._ref.spreadsheet !== this._ref.spreadsheet || !sameRange(x, model));
    return this._self();
  }
  clearRanges(): Builder {
    this._draft.ranges = [];
    return this._self();
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return rangesOf(this._ref, this._draft.ranges);
  }
  setChartType(type: GoogleAppsScript.Charts.ChartType): Builder {
    this._draft.chartType = enumName(type, CHART_TYPE, 'type');
    return this._self();
  }
  getChartType(): GoogleAppsScript.Charts.ChartType {
    return CHART_TYPE[this._draft.chartType as ChartTypeName] as unknown as GoogleAppsScript.Charts.ChartType;
  }
  /** Any option, unchecked ("does not validate the option you specify is valid for this chart type"). */
  setOption(option: string, value: unknown): Builder {
    if (option === undefined || option === null || String(option) === '') throw new AppsScriptException('Invalid argument: option');
    return this._set(String(option), value);
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): Builder {
    this._draft.anchorRow = checkedInteger(anchorRowPos, 'anchorRowPos', 1);
    this._draft.anchorColumn = checkedInteger(anchorColPos, 'anchorColPos', 1);
    this._draft.offsetX = checkedInteger(offsetX, 'offsetX', 0);
    this._draft.offsetY = checkedInteger(offsetY, 'offsetY', 0);
    return this._self();
  }
  getContainer(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    return new ContainerInfoImpl(this._ref, { ...this._draft })._api();
  }
  setNumHeaders(headers: number): Builder {
    const n = Number(headers);
    if (!Number.isInteger(n)) throw new AppsScriptException('Invalid argument: headers');
    this._draft.numHeaders = n;
    return this._self();
  }
  setTransposeRowsAndColumns(transpose: boolean): Builder {
    this._draft.transpose = transpose === true;
    return this._self();
  }
  setMergeStrategy(mergeStrategy: GoogleAppsScript.Charts.ChartMergeStrategy): Builder {
    this._draft.mergeStrategy = enumName(mergeStrategy, CHART_MERGE_STRATEGY, 'mergeStrategy');
    return this._self();
  }
  setHiddenDimensionStrategy(strategy: GoogleAppsScript.Charts.ChartHiddenDimensionStrategy): Builder {
    this._draft.hiddenDimensionStrategy = enumName(strategy, CHART_HIDDEN_DIMENSION_STRATEGY, 'strategy');
    return this._self();
  }
  /** A chart as it stands; the builder may go on being used (each build is a copy). */
  build(): GoogleAppsScript.Spreadsheet.EmbeddedChart {
    return new EmbeddedChartImpl(this._ref, copyDraft(this._draft))._api();
  }

  asAreaChart(): Builder {
    return this._as('AREA');
  }
  asBarChart(): Builder {
    return this._as('BAR');
  }
  asColumnChart(): Builder {
    return this._as('COLUMN');
  }
  asComboChart(): Builder {
    return this._as('COMBO');
  }
  asHistogramChart(): Builder {
    return this._as('HISTOGRAM');
  }
  asLineChart(): Builder {
    return this._as('LINE');
  }
  asPieChart(): Builder {
    return this._as('PIE');
  }
  asScatterChart(): Builder {
    return this._as('SCATTER');
  }
  asTableChart(): Builder {
    return this._as('TABLE');
  }

  /** Sets the type and hands back its typed builder over the same chart. */
  _as(type: ChartTypeName): Builder {
    this._draft.chartType = type;
    return builderFor(this._ref, this._draft);
  }
}

function sameRange(a: ChartRangeModel, b: ChartRangeModel): boolean {
  return a.sheetId === b.sheetId && a.rect.row === b.rect.row && a.rect.column === b.rect.column && a.rect.numRows === b.rect.numRows && a.rect.numColumns === b.rect.numColumns;
}

/** What every typed builder adds: title, legend, colours, background. */
class TitledChartBuilder extends EmbeddedChartBuilderImpl {
  setTitle(chartTitle: string): Builder {
    return this._set('title', String(chartTitle));
  }
  /** Google Charts' legend.position values are lower case ("bottom", "none"). */
  setLegendPosition(position: GoogleAppsScript.Charts.Position): Builder {
    return this._set('legend.position', enumName(position, POSITION, 'position').toLowerCase());
  }
  setColors(cssValues: string[]): Builder {
    if (!Array.isArray(cssValues)) throw new AppsScriptException('Invalid argument: cssValues');
    return this._set('colors', cssValues.map(String));
  }
  setBackgroundColor(cssValue: string): Builder {
    return this._set('backgroundColor', String(cssValue));
  }
}

/** Charts with a category axis and a value axis. For a bar chart the value axis is the horizontal one. */
class AxisChartBuilder extends TitledChartBuilder {
  _valueAxis(): 'hAxis' | 'vAxis' {
    return this._draft.chartType === 'BAR' ? 'hAxis' : 'vAxis';
  }
  _categoryAxis(): 'hAxis' | 'vAxis' {
    return this._valueAxis() === 'hAxis' ? 'vAxis' : 'hAxis';
  }
  setXAxisTitle(title: string): Builder {
    return this._set('hAxis.title', String(title));
  }
  setYAxisTitle(title: string): Builder {
    return this._set('vAxis.title', String(title));
  }
  /** The value axis' range ("expanded to include" points outside it): its viewWindow. */
  setRange(start: number, end: number): Builder {
    this._set(`${this._valueAxis()}.viewWindow.min`, Number(start));
    return this._set(`${this._valueAxis()}.viewWindow.max`, Number(end));
  }
  useLogScale(): Builder {
    return this._set(`${this._valueAxis()}.logScale`, true);
  }
  reverseCategories(): Builder {
    return this._set(`${this._categoryAxis()}.direction`, -1);
  }
}

class StackableChartBuilder extends AxisChartBuilder {
  setStacked(): Builder {
    return this._set('isStacked', true);
  }
}

/** PointStyle as Google Charts' pointSize (the sizes are the emulator's reading). */
const POINT_SIZES: Record<string, number> = { NONE: 0, TINY: 2, MEDIUM: 7, LARGE: 14, HUGE: 24 };

class EmbeddedAreaChartBuilderImpl extends StackableChartBuilder {
  constructor(ref: SheetRef, draft: Draft) {
    super(ref, draft, 'EmbeddedAreaChartBuilder');
  }
  setPointStyle(style: GoogleAppsScript.Charts.PointStyle): Builder {
    return this._set('pointSize', POINT_SIZES[enumName(style, POINT_STYLE, 'style')]);
  }
}

class EmbeddedBarChartBuilderImpl extends StackableChartBuilder {
  constructor(ref: SheetRef, draft: Draft) {
    super(ref, draft, 'EmbeddedBarChartBuilder');
  }
  reverseDirection(): Builder {
    return this._set('hAxis.direction', -1);
  }
}

class EmbeddedColumnChartBuilderImpl extends StackableChartBuilder {
  constructor(ref: SheetRef, draft: Draft) {
    super(ref, draft, 'EmbeddedColumnChartBuilder');
  }
}

class EmbeddedComboChartBuilderImpl extends StackableChartBuilder {
  constructor(ref: SheetRef, draft: Draft) {
    super(ref, draft, 'EmbeddedComboChartBuilder');
  }
}

class EmbeddedHistogramChartBuilderImpl extends StackableChartBuilder {
  constructor(ref: SheetRef, draft: Draft) {
    super(ref, draft, 'EmbeddedHistogramChartBuilder');
  }
}

class EmbeddedLineChartBuilderImpl extends AxisChartBuilder {
  constructor(ref: SheetRef, draft: Draft) {
    super(ref, draft, 'EmbeddedLineChartBuilder');
  }
  setCurveStyle(style: GoogleAppsScript.Charts.CurveStyle): Builder {
    return this._set('curveType', enumName(style, CURVE_STYLE, 'style') === 'SMOOTH' ? 'function' : 'none');
  }
  setPointStyle(style: GoogleAppsScript.Charts.PointStyle): Builder {
    return this._set('pointSize', POINT_SIZES[enumName(style, POINT_STYLE, 'style')]);
  }
}

/** No setPieHole in Apps Script: a donut is setOption('pieHole', 0.4). */
class EmbeddedPieChartBuilderImpl extends TitledChartBuilder {
  constructor(ref: SheetRef, draft: Draft) {
    super(ref, draft, 'EmbeddedPieChartBuilder');
  }
  set3D(): Builder {
    return this._set('is3D', true);
  }
  reverseCategories(): Builder {
    return this._set('reverseCategories', true);
  }
}

class EmbeddedScatterChartBuilderImpl extends TitledChartBuilder {
  constructor(ref: SheetRef, draft: Draft) {
    super(ref, draft, 'EmbeddedScatterChartBuilder');
  }
  setXAxisTitle(title: string): Builder {
    return this._set('hAxis.title', String(title));
  }
  setYAxisTitle(title: string): Builder {
    return this._set('vAxis.title', String(title));
  }
}

class EmbeddedTableChartBuilderImpl extends EmbeddedChartBuilderImpl {
  constructor(ref: SheetRef, draft: Draft) {
    super(ref, draft, 'EmbeddedTableChartBuilder');
  }
}

const TYPED_BUILDERS: Record<string, new (ref: SheetRef, draft: Draft) => EmbeddedChartBuilderImpl> = {
  AREA: EmbeddedAreaChartBuilderImpl,
  BAR: EmbeddedBarChartBuilderImpl,
  COLUMN: EmbeddedColumnChartBuilderImpl,
  COMBO: EmbeddedComboChartBuilderImpl,
  HISTOGRAM: EmbeddedHistogramChartBuilderImpl,
  LINE: EmbeddedLineChartBuilderImpl,
  PIE: EmbeddedPieChartBuilderImpl,
  SCATTER: EmbeddedScatterChartBuilderImpl,
  TABLE: EmbeddedTableChartBuilderImpl,
};

// ---- the Charts global -----------------------------------------------------------------------

/** The `Charts` global: its enums. Its own chart builders (newBarChart…, for charts outside a sheet) are not implemented. */
export class ChartsImpl extends ServiceObject {
  constructor(env: FacadeEnvironment) {
    super('Charts', env);
  }
  get ChartType(): typeof CHART_TYPE {
    return CHART_TYPE;
  }
  get ChartMergeStrategy(): typeof CHART_MERGE_STRATEGY {
    return CHART_MERGE_STRATEGY;
  }
  get ChartHiddenDimensionStrategy(): typeof CHART_HIDDEN_DIMENSION_STRATEGY {
    return CHART_HIDDEN_DIMENSION_STRATEGY;
  }
  get Position(): typeof POSITION {
    return POSITION;
  }
  get CurveStyle(): typeof CURVE_STYLE {
    return CURVE_STYLE;
  }
  get PointStyle(): typeof POINT_STYLE {
    return POINT_STYLE;
  }
  get ColumnType(): typeof COLUMN_TYPE {
    return COLUMN_TYPE;
  }
  get Orientation(): typeof ORIENTATION {
    return ORIENTATION;
  }
  get PickerValuesLayout(): typeof PICKER_VALUES_LAYOUT {
    return PICKER_VALUES_LAYOUT;
  }
  get MatchType(): typeof MATCH_TYPE {
    return MATCH_TYPE;
  }
}

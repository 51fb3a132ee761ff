import { dailyWork } from '../maintenance/daily-work';
import { readAuditTail } from '../audit/audit-tail';
import { sha256Hex } from '../domain/audit-chain';
import { dashboardFigures } from '../domain/metrics/figures';
import { periodContaining } from '../domain/metrics/period';
import { MetricsPeriod } from '../domain/metrics/types';
import { readIsoDate, readText, textCell, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { KeyStore } from '../tracker/state';
import { TrackerTable } from '../tracker/table';
import { ChartIds, ChartKey, CHARTS, CHART_COLUMN, syncCharts } from './charts';
import { ChooserText, periodFromChoice } from './choice';
import { CHOOSER_FIRST_ROW, CHOOSER_ROWS, DashboardGrid, FIGURES_ROW, GRID_WIDTH, dashboardGrid, periodText } from './layout';
import { readMetricsInput } from './read-metrics-input';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type Critical = <T>(task: () => T) => T;

/**
 * Refreshing the Dashboard tab: one batched read of the tabs the figures come from, the figures
 * computed (domain/metrics), then one batched write of the grid (formats, values, weights) and
 * the charts, inside a short critical section. What the last refresh did is kept in a journal (the
 * tracker's developer metadata): the Audit Log's last row then (any change anywhere adds a row
 * after it), the chooser as applied, the period shown, the day of the nightly refresh and the
 * charts' IDs. The journal is written last: a refresh that dies half way leaves the previous
 * figures (or the new ones, whole) and the next run, finding the journal unchanged, does it again.
 */
export interface DashboardJournal {
  /** The hash of the Audit Log's last row when the last refresh read the tabs. */
  auditEnd: string;
  refreshedAt: string;
  /** The spreadsheet-local day of the last nightly refresh. */
  nightlyOn: string;
  /** The chooser's cells as the last refresh read them. */
  choice: ChooserText | null;
  period: MetricsPeriod | null;
  charts: ChartIds;
  /** The SHA-256 of the grid and chart ranges last written, "Refreshed at" aside: the same figures again rewrite only that cell. */
  gridHash?: string;
}

const JOURNAL_KEY = 'tracker.dashboard';
/** The grid's "Refreshed at" row (0-based from FIGURES_ROW: layout.ts writes it second). */
const REFRESHED_AT_ROW = 1;
/** The hourly run starts a refresh only this early in its 6 minutes (a refresh of 100k leads takes well under a minute: bench/dashboard.bench.ts). */
const TIME_BUDGET_MS = 4 * 60 * 1000;

export interface RefreshOutcome {
  period: string;
  /** A refused choice, explained (the period before it kept). */
  refused: string;
  leads: number;
  partners: number;
}

export function readDashboardJournal(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): DashboardJournal {
  const empty: DashboardJournal = { auditEnd: '', refreshedAt: '', nightlyOn: '', choice: null, period: null, charts: {} };
  try {
    const parsed = JSON.parse(new KeyStore(ss).read(JOURNAL_KEY) || '{}') as Partial<DashboardJournal>;
    return { ...empty, ...parsed, charts: { ...(parsed.charts ?? {}) } };
  } catch {
    return empty;
  }
}

function saveJournal(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, journal: DashboardJournal): void {
  new KeyStore(ss).write(JOURNAL_KEY, JSON.stringify(journal));
}

/** Something on the tab was typed over: the next hourly run refreshes it, whole (nothing else may have changed). */
export function markDashboardStale(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const journal = readDashboardJournal(ss);
  saveJournal(ss, { ...journal, auditEnd: '', gridHash: undefined });
}

export function dashboardSheet(ctx: TrackerContext): Sheet {
  return TrackerTable.open(ctx.ss, 'dashboard').sheet;
}

/** The chooser's cells (Period, From, To), dates as YYYY-MM-DD: one read. */
export function readChoice(sheet: Sheet, timeZone: string): ChooserText {
  const [[period], [from], [to]] = sheet.getRange(CHOOSER_FIRST_ROW, 2, CHOOSER_ROWS.length, 1).getValues() as unknown[][];
  const day = (v: unknown) => readIsoDate(v, timeZone) || readText(v);
  return { period: readText(period), from: day(from), to: day(to) };
}

const sameChoice = (a: ChooserText | null, b: ChooserText) => !!a && a.period === b.period && a.from === b.from && a.to === b.to;

/** The Audit Log's last row (its hash): where the next "anything changed?" looks from. */
function auditEnd(ctx: TrackerContext): string {
  return readAuditTail(ctx.ss, '', 1, ctx.timeZone).cursor;
}

/**
 * Refreshes now, whatever changed (`read`: what the caller already read this execution). Figures
 * equal to the last refresh's rewrite only "Refreshed at", unless `whole` (the menu, the nightly run).
 */
export function refreshDashboard(ctx: TrackerContext, critical: Critical, read: { journal?: DashboardJournal; auditEnd?: string; choice?: ChooserText; whole?: boolean } = {}): RefreshOutcome {
  const sheet = dashboardSheet(ctx);
  const journal = read.journal ?? readDashboardJournal(ctx.ss);
  const end = read.auditEnd ?? auditEnd(ctx);
  const today = todayIn(ctx.timeZone, ctx.now);
  const choice = read.choice ?? readChoice(sheet, ctx.timeZone);
  const chosen = periodFromChoice(choice, today);
  const refused = 'refused' in chosen ? chosen.refused : '';
  const period = 'period' in chosen ? chosen.period : (journal.period ?? periodContaining('month', today));
  const input = readMetricsInput(ctx.ss, ctx.timeZone, today);
  const figures = dashboardFigures(input, period);
  const message = refused ? `The period chosen above was not used: ${refused} Still showing ${period.label}.` : '';
  const refreshedAt = `${Utilities.formatDate(ctx.now, ctx.timeZone, 'yyyy-MM-dd HH:mm')} (${ctx.timeZone})`;
  const grid = dashboardGrid({ figures, refreshedAt, message, safe: (t) => textCell(t) });
  // Most hours a change elsewhere (a note, a payout's mail) leaves every figure as it was: then only the time is written.
  const gridHash = sha256Hex(JSON.stringify([grid.rows.map((cells, r) => (r === REFRESHED_AT_ROW ? cells.filter((_, c) => c !== 1) : cells)), grid.charts]));
  const unchanged = !read.whole && journal.gridHash === gridHash && Object.keys(CHARTS).every((key) => journal.charts[key as ChartKey] !== undefined);
  const charts = critical(() => {
    if (unchanged) {
      sheet.getRange(FIGURES_ROW + REFRESHED_AT_ROW, 2).setValue(refreshedAt);
      return journal.charts;
    }
    writeGrid(sheet, grid);
    return syncCharts(sheet, grid.charts, journal.charts);
  });
  saveJournal(ctx.ss, { ...journal, auditEnd: end, refreshedAt: ctx.now.toISOString(), choice, period, charts, gridHash });
  return { period: periodText(period), refused, leads: input.leads.length, partners: input.partners.length };
}

/**
 * The hourly run's step: refreshes when anything changed since the last refresh (a row was added
 * to the Audit Log, or the chooser changed), and once a day from the Settings daily work hour whatever
 * happened (a new day moves "this month" and the engagement windows).
 */
export function refreshDashboardIfDue(ctx: TrackerContext, critical: Critical, startedAtMs: number): RefreshOutcome | string {
  const journal = readDashboardJournal(ctx.ss);
  const { due: nightly, today } = dailyWork(ctx, journal.nightlyOn);
  const end = auditEnd(ctx);
  const choice = readChoice(dashboardSheet(ctx), ctx.timeZone);
  const changed = !journal.auditEnd || end !== journal.auditEnd;
  if (!nightly && !changed && sameChoice(journal.choice, choice)) return 'nothing changed since the last refresh';
  if (Date.now() - startedAtMs > TIME_BUDGET_MS) return 'due, left for the next run (the run is near its time limit)';
  // The nightly refresh writes the whole grid and checks the charts whatever the figures: a chart deleted or a cell changed since is put back.
  return refreshDashboard(ctx, critical, { journal: nightly ? { ...journal, nightlyOn: today } : journal, auditEnd: end, choice, whole: nightly });
}

/** Section headings, as the tabs' header rows. */
const HEADING_BACKGROUND = '#e8f0fe';

/** One batch: number formats first (plain-text cells then keep names as typed), then values and the headings' shading. */
function writeGrid(sheet: Sheet, grid: DashboardGrid): void {
  const previous = Math.max(0, sheet.getLastRow() - FIGURES_ROW + 1);
  const height = Math.max(grid.rows.length, previous);
  const lastRow = FIGURES_ROW + height - 1;
  const maxRows = sheet.getMaxRows();
  if (maxRows < lastRow) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
  const maxColumns = sheet.getMaxColumns();
  // Room for the charts right of the grid.
  const wantColumns = CHART_COLUMN + 6;
  if (maxColumns < wantColumns) sheet.insertColumnsAfter(maxColumns, wantColumns - maxColumns);
  const values: Array<Array<string | number>> = [];
  const formats: string[][] = [];
  const backgrounds: Array<Array<string | null>> = [];
  for (let r = 0; r < height; r++) {
    const cells = grid.rows[r] ?? [];
    values.push([]);
    formats.push([]);
    backgrounds.push([]);
    for (let c = 0; c < GRID_WIDTH; c++) {
      const cell = cells[c];
      values[r].push(cell ? cell.value : '');
      formats[r].push(cell ? cell.format : '@');
      backgrounds[r].push(cell?.bold ? HEADING_BACKGROUND : null);
    }
  }
  const range = sheet.getRange(FIGURES_ROW, 1, height, GRID_WIDTH);
  range.setNumberFormats(formats);
  range.setValues(values);
  range.setBackgrounds(backgrounds);
}

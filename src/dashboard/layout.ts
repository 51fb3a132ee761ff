import { DashboardFigures, FigureFormat, Headline, SegmentRow } from '../domain/metrics/types';
import { FIGURES_ROW } from '../tracker/dashboard';

export { CHOOSER_FIRST_ROW, CHOOSER_ROWS, FIGURES_ROW, PERIOD_CHOICES } from '../tracker/dashboard';

/**
 * The Dashboard tab's layout (pure): the period chooser's rows, which setup writes and people
 * fill, then the computed grid the refresh writes in one batch from row FIGURES_ROW down, and
 * where the charts take their data. Each cell carries its number format; text is plain text
 * ('@'), so a partner's or product's name is never read as a date or a formula.
 */

/** Columns of the computed grid (the leaderboard's). */
export const GRID_WIDTH = 14;
/** Partners listed on the tab; the rest are counted in a last line (the sidebar's Insights lists everyone). */
export const LEADERBOARD_ROWS = 50;

export type Cell = string | number;
export interface GridCell {
  value: Cell;
  format: string;
  /** A section's heading (shaded). */
  bold?: boolean;
}

/** Where a chart's data sits: 1-based rows of the sheet, columns 1..`columns` (the first the labels). */
export interface ChartData {
  firstRow: number;
  lastRow: number;
  columns: number;
}

export interface DashboardGrid {
  rows: GridCell[][];
  charts: { funnel: ChartData; trend: ChartData; share: ChartData };
}

const TEXT = '@';
export const FORMATS: Record<FigureFormat, string> = { count: '#,##0', money: '#,##0.00', percent: '0.0%', days: '0.0' };
const CHANGE_FORMATS: Record<FigureFormat, string> = { count: '+#,##0;-#,##0;0', money: '+#,##0.00;-#,##0.00;0.00', percent: '+0.0%;-0.0%;0.0%', days: '+0.0;-0.0;0.0' };

const text = (value: string, bold = false): GridCell => ({ value, format: TEXT, bold });
/** A figure as its cell: money in currency units (cents / 100), blank for "nothing to divide by". */
export function figureCell(value: number | null, format: FigureFormat): GridCell {
  if (value === null) return { value: '', format: FORMATS[format] };
  return { value: format === 'money' ? value / 100 : value, format: FORMATS[format] };
}
function changeCell(h: Headline): GridCell {
  if (h.current === null || h.previous === null) return { value: '', format: CHANGE_FORMATS[h.format] };
  const diff = h.current - h.previous;
  return { value: h.format === 'money' ? diff / 100 : diff, format: CHANGE_FORMATS[h.format] };
}

/** The period as the tab shows it, and as the refresh reads it back to keep it when a new choice is bad. */
export function periodText(p: { kind: string; start: string; end: string; label: string }): string {
  return `${p.label} (${p.kind}, ${p.start} to ${p.end})`;
}

export interface LayoutInput {
  figures: DashboardFigures;
  /** "2026-03-31 14:05 Europe/London". */
  refreshedAt: string;
  /** A bad choice explained, or how a change is applied. */
  message: string;
  /** User text as it may be written to a cell (neutralised against formulas). */
  safe: (userText: string) => string;
}

/** The computed grid, from FIGURES_ROW down, GRID_WIDTH wide. */
export function dashboardGrid({ figures: f, refreshedAt, message, safe }: LayoutInput): DashboardGrid {
  const rows: GridCell[][] = [];
  const row = (...cells: GridCell[]) => rows.push(cells);
  const sheetRow = () => FIGURES_ROW + rows.length;
  const blank = () => row();

  row(text('Showing', true), text(periodText(f.period)), text(`against ${periodText(f.previous)}`));
  row(text('Refreshed at', true), text(refreshedAt), text(message));
  blank();

  row(text('Headline', true), text('This period', true), text('Previous period', true), text('Change', true));
  for (const h of f.headline) row(text(h.label), figureCell(h.current, h.format), figureCell(h.previous, h.format), changeCell(h));
  blank();

  const funnelFirst = sheetRow();
  row(text('Funnel: leads registered in the period, at the furthest stage they reached', true), text('This period', true), text('Previous period', true));
  for (const [label, key] of [
    ['Registered', 'registered'],
    ['Accepted', 'accepted'],
    ['Qualified', 'qualified'],
    ['Won', 'won'],
  ] as const) {
    row(text(label), figureCell(f.funnel[key], 'count'), figureCell(f.previousFunnel[key], 'count'));
  }
  const funnel = { firstRow: funnelFirst, lastRow: sheetRow() - 1, columns: 2 };
  blank();

  const e = f.engagement;
  row(text(`Partners on ${f.period.end} (engagement)`, true), text('Count', true));
  row(text(`Active (activity in the last ${e.activeDays} days)`), figureCell(e.active, 'count'));
  row(text(`New (joined in the last ${e.newDays} days)`), figureCell(e.new, 'count'));
  row(text('Dormant'), figureCell(e.dormant, 'count'));
  row(text(e.definition));
  blank();

  const trendFirst = sheetRow();
  row(text('12-month trend', true), text('Won revenue', true), text('Commissions earned', true), text('Deals won', true), text('Leads registered', true));
  for (const p of f.trend)
    row(text(p.label), figureCell(p.wonRevenueCents, 'money'), figureCell(p.commissionsEarnedCents, 'money'), figureCell(p.dealsWon, 'count'), figureCell(p.leadsRegistered, 'count'));
  const trend = { firstRow: trendFirst, lastRow: sheetRow() - 1, columns: 3 };
  blank();

  row(
    ...[
      'Leaderboard',
      'Partner ID',
      'Tier',
      'Leads registered',
      'Accepted',
      'Won',
      'Win rate',
      'Won revenue',
      'Share of revenue',
      'Average deal',
      'Average days to close',
      'Commissions earned',
      'Commissions paid',
      'Last activity',
    ].map((h) => text(h, true)),
  );
  for (const r of f.leaderboard.slice(0, LEADERBOARD_ROWS)) {
    row(
      text(safe(r.name)),
      text(safe(r.partnerId)),
      text(safe(r.tier)),
      figureCell(r.leadsRegistered, 'count'),
      figureCell(r.leadsAccepted, 'count'),
      figureCell(r.dealsWon, 'count'),
      figureCell(r.winRate, 'percent'),
      figureCell(r.wonRevenueCents, 'money'),
      figureCell(r.revenueShare, 'percent'),
      figureCell(r.averageDealCents, 'money'),
      figureCell(r.averageDaysToClose, 'days'),
      figureCell(r.commissionsEarnedCents, 'money'),
      figureCell(r.commissionsPaidCents, 'money'),
      text(r.lastActivity),
    );
  }
  if (f.leaderboard.length === 0) row(text('No partner registered, closed or earned anything in this period.'));
  const more = f.leaderboard.length - LEADERBOARD_ROWS;
  if (more > 0) row(text(`…and ${more} more partner${more === 1 ? '' : 's'} (every partner is in the sidebar's Insights).`));
  blank();

  let share: ChartData = { firstRow: 0, lastRow: 0, columns: 2 };
  const segments: Array<[string, SegmentRow[]]> = [
    ['By tier', f.breakdowns.tier],
    ['By region', f.breakdowns.region],
    ['By partner type', f.breakdowns.type],
    ['By product', f.breakdowns.product],
  ];
  for (const [title, list] of segments) {
    const first = sheetRow();
    row(text(title, true), text('Won revenue', true), text('Share of revenue', true), text('Deals won', true), text('Leads registered', true), text('Partners', true));
    for (const s of list)
      row(
        text(safe(s.segment)),
        figureCell(s.wonRevenueCents, 'money'),
        figureCell(s.revenueShare, 'percent'),
        figureCell(s.dealsWon, 'count'),
        figureCell(s.leadsRegistered, 'count'),
        figureCell(s.partners, 'count'),
      );
    if (list.length === 0) row(text('Nothing registered or won in this period.'));
    if (title === 'By tier') share = { firstRow: first, lastRow: sheetRow() - 1, columns: 2 };
    blank();
  }
  return { rows, charts: { funnel, trend, share } };
}

import type { Funnel, Headline, PeriodKind } from '../src/sidebar-api/contract';
import { formatMoney } from './format';

/**
 * How the Insights view and the scorecard word the figures the server computed
 * (src/domain/metrics): values, the change against the previous period, the
 * funnel's stages, the period picker's choices. Pure: unit-tested. Nothing here
 * computes a figure; it only writes them.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A figure as written: "12", "$1,200.00", "25%", "14 days"; "—" when there is none. */
export function figureText(value: number | null, format: Headline['format'], currency: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (format) {
    case 'money':
      return formatMoney(value / 100, currency);
    case 'percent':
      return `${roundTo(value * 100, 1)}%`;
    case 'days':
      return `${roundTo(value, 1)} ${value === 1 ? 'day' : 'days'}`;
    default:
      return value.toLocaleString('en-US');
  }
}

/**
 * The change from the previous period, signed in words and symbols (not only by colour):
 * counts and money as the difference and its percentage, ratios in points, days as days.
 * `direction` says whether it went up, down or stayed (for the colour); null when either side is missing.
 */
export function changeText(headline: Headline, currency: string): { text: string; direction: 'up' | 'down' | 'same' } | null {
  const { current, previous, format } = headline;
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const diff = current - previous;
  const direction = diff > 0 ? 'up' : diff < 0 ? 'down' : 'same';
  if (direction === 'same') return { text: 'no change', direction };
  const sign = diff > 0 ? '+' : '−';
  const size = Math.abs(diff);
  if (format === 'percent') return { text: `${sign}${roundTo(size * 100, 1)} pts`, direction };
  if (format === 'days') return { text: `${sign}${roundTo(size, 1)} ${size === 1 ? 'day' : 'days'}`, direction };
  const amount = format === 'money' ? formatMoney(size / 100, currency) : size.toLocaleString('en-US');
  const share = previous !== 0 ? ` (${sign}${roundTo((size / Math.abs(previous)) * 100, 0)}%)` : '';
  return { text: `${sign}${amount}${share}`, direction };
}

function roundTo(value: number, digits: number): string {
  const factor = 10 ** digits;
  return (Math.round(value * factor) / factor).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** The funnel as bars: each stage with its count and its share of the leads registered. */
export function funnelItems(funnel: Funnel): Array<{ label: string; value: number; valueText: string }> {
  const stages: Array<[string, number]> = [
    ['Registered', funnel.registered],
    ['Accepted', funnel.accepted],
    ['Qualified', funnel.qualified],
    ['Won', funnel.won],
  ];
  return stages.map(([label, value], i) => ({
    label,
    value,
    valueText: i && funnel.registered ? `${value.toLocaleString('en-US')} · ${roundTo((value / funnel.registered) * 100, 0)}%` : value.toLocaleString('en-US'),
  }));
}

/** "Jan" for "2026-01" (the trend's column labels; the point's own label names it in full). */
export function monthShort(month: string): string {
  const index = Number(month.slice(5, 7)) - 1;
  return MONTHS[index]?.slice(0, 3) ?? month;
}

export interface PeriodChoice {
  /** The period's first day: what the server is sent (it works the period out from any day in it). */
  start: string;
  label: string;
}

/**
 * The picker's choices for a kind of period, the one containing `today` first:
 * the last 13 months, 8 quarters or 5 years. Custom ranges are typed as two dates.
 */
export function periodChoices(kind: Exclude<PeriodKind, 'custom'>, today: string): PeriodChoice[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  const out: PeriodChoice[] = [];
  if (kind === 'month') {
    for (let i = 0; i < 13; i++) {
      const m = (((month - i) % 12) + 12) % 12;
      const y = year + Math.floor((month - i) / 12);
      out.push({ start: `${y}-${pad(m + 1)}-01`, label: `${MONTHS[m]} ${y}` });
    }
  } else if (kind === 'quarter') {
    const quarter = Math.floor(month / 3);
    for (let i = 0; i < 8; i++) {
      const q = (((quarter - i) % 4) + 4) % 4;
      const y = year + Math.floor((quarter - i) / 4);
      out.push({ start: `${y}-${pad(q * 3 + 1)}-01`, label: `Q${q + 1} ${y}` });
    }
  } else {
    for (let i = 0; i < 5; i++) out.push({ start: `${year - i}-01-01`, label: String(year - i) });
  }
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

import { addDays, isIsoDate } from '../fields';
import { quarterOf } from '../commissions/lines';
import type { MetricsPeriod, PeriodKind } from '../metrics/types';

/**
 * The past period the Plan simulator replays: a calendar month, quarter or year named by its
 * first day, or a custom range of days. The simulator compares with what was actually earned,
 * so the period must have started, and ended, by today: a period still running (or to come) has
 * deals not won yet, and its comparison would change under the person's eyes.
 */
export interface PeriodRequest {
  kind: PeriodKind;
  /** YYYY-MM-DD: a day of the month, quarter or year (its first day, usually), or the first day of a custom range. */
  start: string;
  /** YYYY-MM-DD: the last day of a custom range; ignored for the other kinds. */
  end?: string;
}

export type PeriodChoice = { ok: true; period: MetricsPeriod } | { ok: false; field: 'start' | 'end'; message: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The month after the one `isoDate` falls in, first day. */
function nextMonthStart(isoDate: string): string {
  const [y, m] = isoDate.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The period asked for, or why it cannot be replayed. `today` is the spreadsheet's calendar date. */
export function resolvePeriod(request: PeriodRequest, today: string): PeriodChoice {
  const { kind } = request;
  if (!isIsoDate(request.start)) return { ok: false, field: 'start', message: 'The period needs a first day written YYYY-MM-DD' };
  const [y, m] = request.start.split('-').map(Number);
  let start: string;
  let end: string;
  let label: string;
  // A month, quarter or year is the one the day falls in (the sidebar sends its first day).
  if (kind === 'month') {
    start = `${request.start.slice(0, 7)}-01`;
    end = addDays(nextMonthStart(start), -1);
    label = `${MONTHS[m - 1]} ${y}`;
  } else if (kind === 'quarter') {
    ({ start, end } = quarterOf(request.start));
    label = `Q${Math.floor((m - 1) / 3) + 1} ${y}`;
  } else if (kind === 'year') {
    start = `${y}-01-01`;
    end = `${y}-12-31`;
    label = String(y);
  } else {
    start = request.start;
    const last = request.end ?? '';
    if (!isIsoDate(last)) return { ok: false, field: 'end', message: 'A custom period needs a last day written YYYY-MM-DD' };
    if (last < start) return { ok: false, field: 'end', message: `The last day (${last}) is before the first (${start})` };
    end = last;
    label = `${start} to ${end}`;
  }
  if (start > today) return { ok: false, field: 'start', message: `${label} has not started yet (today is ${today}): the simulator replays deals already won, so choose a past period` };
  if (end > today) {
    return {
      ok: false,
      field: kind === 'custom' ? 'end' : 'start',
      message: `${label} has not ended yet (it ends ${end}; today is ${today}): choose a period that has ended, or a custom range ending today at the latest`,
    };
  }
  return { ok: true, period: { kind, start, end, label } };
}

/** The last month, quarter and year that have ended by `today`: the simulator's quick choices. */
export function recentPeriods(today: string): Array<{ kind: PeriodKind; start: string; label: string }> {
  const monthStart = `${today.slice(0, 7)}-01`;
  const lastMonth = addDays(monthStart, -1).slice(0, 7) + '-01';
  const lastQuarter = quarterOf(addDays(quarterOf(today).start, -1)).start;
  const lastYear = `${Number(today.slice(0, 4)) - 1}-01-01`;
  const choices: Array<{ kind: PeriodKind; start: string }> = [
    { kind: 'month', start: lastMonth },
    { kind: 'quarter', start: lastQuarter },
    { kind: 'year', start: lastYear },
  ];
  return choices.map((c) => {
    const resolved = resolvePeriod(c, today);
    return { ...c, label: resolved.ok ? resolved.period.label : c.start };
  });
}

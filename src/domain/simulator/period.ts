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
  /** YYYY-MM-DD: the first day (of the month, quarter or year, or of the custom range). */
  start: string;
  /** YYYY-MM-DD: the last day of a custom range; ignored for the other kinds. */
  end: string;
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
  const { kind, start } = request;
  if (!isIsoDate(start)) return { ok: false, field: 'start', message: 'The period needs a first day written YYYY-MM-DD' };
  const [y, m, d] = start.split('-').map(Number);
  let end: string;
  let label: string;
  if (kind === 'month') {
    if (d !== 1) return { ok: false, field: 'start', message: `A month starts on its first day, not ${start}` };
    end = addDays(nextMonthStart(start), -1);
    label = `${MONTHS[m - 1]} ${y}`;
  } else if (kind === 'quarter') {
    const quarter = quarterOf(start);
    if (quarter.start !== start) return { ok: false, field: 'start', message: `A quarter starts on 1 January, April, July or October, not ${start}` };
    end = quarter.end;
    label = `Q${Math.floor((m - 1) / 3) + 1} ${y}`;
  } else if (kind === 'year') {
    if (m !== 1 || d !== 1) return { ok: false, field: 'start', message: `A year starts on 1 January, not ${start}` };
    end = `${y}-12-31`;
    label = String(y);
  } else {
    if (!isIsoDate(request.end)) return { ok: false, field: 'end', message: 'A custom period needs a last day written YYYY-MM-DD' };
    if (request.end < start) return { ok: false, field: 'end', message: `The last day (${request.end}) is before the first (${start})` };
    end = request.end;
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
    const resolved = resolvePeriod({ ...c, end: '' }, today);
    return { ...c, label: resolved.ok ? resolved.period.label : c.start };
  });
}

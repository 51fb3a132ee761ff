import { readMetricsInput } from '../dashboard/read-metrics-input';
import { InputError } from '../domain/input-error';
import { customPeriod, dashboardFigures, isDay, partnerScorecard, periodContaining } from '../domain/metrics';
import type { MetricsInput, MetricsPeriod } from '../domain/metrics';
import { requireRole } from '../team/access';
import { todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { readSettings } from '../tracker/settings-tab';
import type { InsightsView, PeriodRequest, ScorecardView } from '../sidebar-api/contract';
import { dormantPartners } from './dormant';

/**
 * The sidebar's Insights view and partner scorecard: the programme's figures for a period, computed
 * by src/domain/metrics from one batched read of the tabs (dashboard/read-metrics-input.ts), as
 * plain JSON. Reads only: no lock, nothing written. Every role may see them (ACTIONS.seeInsights);
 * anyone else is told which role it needs and who can grant it.
 */
export function insightsView(ctx: TrackerContext, asked: PeriodRequest | undefined): InsightsView {
  requireRole(ctx, 'seeInsights');
  const today = todayIn(ctx.timeZone, ctx.now);
  const period = periodOf(asked, today);
  const input = readMetricsInput(ctx.ss, ctx.timeZone, today);
  return {
    figures: dashboardFigures(input, period),
    dormant: dormantPartners(input, period.end),
    partners: pickerPartners(input),
    currency: readSettings(ctx.ss).settings.currency,
    today,
  };
}

export function scorecardView(ctx: TrackerContext, partnerId: string, asked: PeriodRequest | undefined): ScorecardView {
  requireRole(ctx, 'seeInsights');
  const today = todayIn(ctx.timeZone, ctx.now);
  const period = periodOf(asked, today);
  const input = readMetricsInput(ctx.ss, ctx.timeZone, today);
  if (!input.partners.some((p) => p.id === partnerId)) {
    throw InputError.field('partnerId', `There is no partner ${partnerId} on the Partners tab (or its row has a problem to fix first): choose one from the list.`);
  }
  return { scorecard: partnerScorecard(input, partnerId, period), currency: readSettings(ctx.ss).settings.currency, today };
}

/**
 * The period asked for: the month, quarter or year containing `start`, or the custom range
 * `start`–`end`; the current month when none is asked for. What is wrong is said per field.
 */
export function periodOf(asked: PeriodRequest | undefined, today: string): MetricsPeriod {
  if (!asked) return periodContaining('month', today);
  if (!isDay(asked.start)) throw InputError.field('start', `"${asked.start}" is not a date: write it as YYYY-MM-DD.`);
  if (asked.kind !== 'custom') return periodContaining(asked.kind, asked.start);
  const end = asked.end ?? '';
  if (!isDay(end)) throw InputError.field('end', end ? `"${end}" is not a date: write To as YYYY-MM-DD.` : 'A custom period needs an end date (To).');
  if (end < asked.start) throw InputError.field('end', `To (${end}) is before From (${asked.start}).`);
  return customPeriod(asked.start, end);
}

/** Every partner on the tab for the scorecard's picker, by name (a dormant or paused one too). */
function pickerPartners(input: MetricsInput): InsightsView['partners'] {
  return input.partners.map((p) => ({ id: p.id, name: p.name || p.id, code: p.id })).sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

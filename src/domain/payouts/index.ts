/**
 * Payout runs (DESIGN.md, "Payouts" and "Money"): the schedule and the
 * periods it covers, which commission lines a run takes, the per-partner plan
 * (paid or carried forward, and why) and the finance CSV. Pure: no Apps
 * Script here; the emails are in ../emails/payout-emails.
 */
export type { ScheduleKind, PayoutSchedule, Period, PayoutLine, PartnerInfo, PartnerOutcome, PartnerPayout, PayoutPlan } from './types';
export {
  parseSchedule,
  parseWeekday,
  describeSchedule,
  scheduleDayText,
  weekdayOf,
  monthPeriod,
  weekPeriod,
  periodOf,
  previousPeriod,
  periodFromStart,
  periodFromRange,
  recentPeriods,
  isRunDue,
  SCHEDULE_KINDS,
  WEEKDAY_NAMES,
  MAX_MONTHLY_DAY,
} from './schedule';
export type { ScheduleField, ScheduleResult, LocalNow } from './schedule';
export { eligibleLines, planPayouts, planPeriod } from './plan';
export { payoutsCsv, PAYOUT_CSV_COLUMNS } from './csv';
export type { PayoutCsvRow } from './csv';

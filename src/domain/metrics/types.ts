/**
 * The programme's figures: what the Dashboard tab, the sidebar's Insights view and a partner's
 * scorecard show. Computed by pure functions (src/domain/metrics) from one batched read of each
 * tab. Money is in integer cents; calendar dates are YYYY-MM-DD in the spreadsheet's time zone;
 * a ratio is a fraction (0.25), null where it would divide by nothing.
 */

/** A partner as the figures need it. */
export interface MetricsPartner {
  id: string;
  name: string;
  tier: string;
  type: string;
  region: string;
  productFocus: string;
  status: string;
  /** Joined, or the day the row was created when Joined is blank; '' when neither is known. */
  joinedOn: string;
}

/** A lead as the figures need it (archived leads included where the reader has them). */
export interface MetricsLead {
  id: string;
  partnerId: string;
  company: string;
  product: string;
  status: string;
  /** The local day of Registered At. */
  registeredOn: string;
  /** Closed On for Closed Won and Closed Lost; '' otherwise. */
  closedOn: string;
  dealAmountCents: number | null;
  estimatedValueCents: number | null;
  /** The local day of Updated At, '' when blank: a partner's last activity is their latest registration or update. */
  updatedOn: string;
}

/** A commission line as the figures need it. */
export interface MetricsCommission {
  id: string;
  partnerId: string;
  leadId: string;
  kind: string;
  status: string;
  amountCents: number;
  /** The close date of the deal the line pays on (what "earned in a period" is measured by). */
  earnedOn: string;
  /** The local day the line's payout was marked Paid; '' while unpaid. */
  paidOn: string;
}

/** One row of the Tier History tab. */
export interface MetricsTierChange {
  partnerId: string;
  fromTier: string;
  toTier: string;
  effectiveOn: string;
  wonRevenueCents: number | null;
  wonDeals: number | null;
  reason: string;
  by: string;
}

export interface MetricsInput {
  /** The spreadsheet-local day the figures are computed on. */
  today: string;
  partners: ReadonlyArray<MetricsPartner>;
  leads: ReadonlyArray<MetricsLead>;
  commissions: ReadonlyArray<MetricsCommission>;
  tierHistory: ReadonlyArray<MetricsTierChange>;
}

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

/** An inclusive range of days, with its label ("November 2026", "Q4 2026", "2026-01-05 to 2026-02-20"). */
export interface MetricsPeriod {
  kind: PeriodKind;
  start: string;
  end: string;
  label: string;
}

export type FigureFormat = 'count' | 'money' | 'percent' | 'days';

/** A headline figure in the chosen period and the one before it (money in cents, days as a fraction). */
export interface Headline {
  key: string;
  label: string;
  format: FigureFormat;
  current: number | null;
  previous: number | null;
}

/** Leads through the pipeline in a period (each counted at the furthest stage it reached). */
export interface Funnel {
  registered: number;
  accepted: number;
  qualified: number;
  won: number;
}

export interface LeaderboardRow {
  partnerId: string;
  name: string;
  tier: string;
  leadsRegistered: number;
  leadsAccepted: number;
  dealsWon: number;
  winRate: number | null;
  wonRevenueCents: number;
  revenueShare: number | null;
  averageDealCents: number | null;
  averageDaysToClose: number | null;
  commissionsEarnedCents: number;
  commissionsPaidCents: number;
  /** The latest day the partner registered or updated a lead; '' never. */
  lastActivity: string;
}

/** One segment's share (a tier, region, type or product). Blank segment values are grouped as "(none)". */
export interface SegmentRow {
  segment: string;
  partners: number;
  leadsRegistered: number;
  dealsWon: number;
  wonRevenueCents: number;
  revenueShare: number | null;
}

export interface Breakdowns {
  tier: SegmentRow[];
  region: SegmentRow[];
  type: SegmentRow[];
  product: SegmentRow[];
}

/** One calendar month of the 12-month trend (oldest first, ending with the period's last month). */
export interface TrendPoint {
  month: string;
  label: string;
  leadsRegistered: number;
  dealsWon: number;
  wonRevenueCents: number;
  commissionsEarnedCents: number;
}

/** Active, dormant and new partners on the period's last day, with the definition in words. */
export interface Engagement {
  definition: string;
  activeDays: number;
  newDays: number;
  active: number;
  dormant: number;
  new: number;
}

export interface DashboardFigures {
  period: MetricsPeriod;
  previous: MetricsPeriod;
  headline: Headline[];
  funnel: Funnel;
  previousFunnel: Funnel;
  leaderboard: LeaderboardRow[];
  breakdowns: Breakdowns;
  trend: TrendPoint[];
  engagement: Engagement;
}

/** One partner's figures: what the sidebar's scorecard draws. */
export interface Scorecard {
  partner: MetricsPartner;
  period: MetricsPeriod;
  previous: MetricsPeriod;
  headline: Headline[];
  funnel: Funnel;
  trend: TrendPoint[];
  /** The partner's leads closed or registered in the period, newest first (at most 50). */
  deals: Array<{ leadId: string; company: string; status: string; amountCents: number | null; registeredOn: string; closedOn: string }>;
  /** Earned and paid in the period (as on the Dashboard); approved and pending (Pending or Payable) as they stand now. */
  commissions: { earnedCents: number; approvedCents: number; paidCents: number; pendingCents: number };
  tierHistory: MetricsTierChange[];
}

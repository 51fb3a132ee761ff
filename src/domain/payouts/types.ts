/**
 * Payout runs' vocabulary. Money in integer cents; calendar dates YYYY-MM-DD
 * (in the spreadsheet's time zone; the edge converts "now" to them).
 */
export type ScheduleKind = 'Monthly' | 'Weekly';

export interface PayoutSchedule {
  kind: ScheduleKind;
  /** Monthly: day of the month 1..28. Weekly: ISO weekday 1 (Monday) .. 7 (Sunday). */
  day: number;
  /** Hour of the day 0..23 at or after which the run is due. */
  hour: number;
}

/** An inclusive range of calendar dates, with a label for people ("March 2026", "Week of 2026-03-02"). */
export interface Period {
  start: string;
  end: string;
  label: string;
}

/** A commission line as a payout run sees it. */
export interface PayoutLine {
  id: string;
  leadId: string;
  company: string;
  partnerId: string;
  kind: 'Base' | 'Bonus' | 'Clawback';
  ruleId: string;
  /** Fraction; null for flat lines. */
  rate: number | null;
  dealAmountCents: number;
  amountCents: number;
  payableOn: string;
  status: string;
  /** '' when not yet in a payout. */
  payoutId: string;
}

export interface PartnerInfo {
  id: string;
  name: string;
  email: string;
}

export type PartnerOutcome = 'pay' | 'below-minimum' | 'negative';

export interface PartnerPayout {
  partner: PartnerInfo;
  lines: PayoutLine[];
  /** Sum of Base and Bonus lines. */
  grossCents: number;
  /** Sum of Clawback lines (≤ 0). */
  clawbackCents: number;
  netCents: number;
  outcome: PartnerOutcome;
  /** For carried-forward partners: why, for people ("net 40.00 is below the minimum payout of 100.00"). */
  reason: string;
}

export interface PayoutPlan {
  period: Period;
  /** Partners paid in this run, by name. */
  payouts: PartnerPayout[];
  /** Partners whose balance carries forward, by name. */
  carried: PartnerPayout[];
  /** Sum of the payouts' net amounts. */
  totalCents: number;
}

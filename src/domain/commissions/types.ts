/**
 * The commission engine's vocabulary. Money is in integer cents; rates are
 * fractions (0.2 = 20%); calendar dates are YYYY-MM-DD.
 */
export interface CommissionRule {
  id: string;
  name: string;
  /** Base: the partner's commission on a deal (the most specific rule in effect wins). Bonus (SPIFF): every matching one applies. */
  ruleType: 'Base' | 'Bonus';
  /** '' = any. */
  partnerTier: string;
  partnerType: string;
  product: string;
  kind: 'Percentage' | 'Flat';
  /** For Percentage rules. */
  rate: number | null;
  /** For Flat rules. */
  flatAmountCents: number | null;
  /** Won revenue of the partner in the period (calendar quarter of the close date) above which acceleratorRate applies. */
  acceleratorThresholdCents: number | null;
  acceleratorRate: number | null;
  /** Cap on the rule's total commission for one deal. */
  capPerDealCents: number | null;
  /** Days after the close date before the commission becomes payable; null = the Settings default. */
  holdingDays: number | null;
  /** '' = open-ended. */
  effectiveFrom: string;
  effectiveTo: string;
  /** False when the Active column says No or Draft: the rule is kept (an example, a rule retired early, a proposal) but pays nothing. */
  active: boolean;
  /** True when the Active column says Draft: a proposed rule the Plan simulator tries (src/domain/simulator); it pays nothing for real. */
  draft: boolean;
  /** Sheet row, for messages. */
  row: number;
}

/** A Closed Won deal, as the engine needs it. */
export interface WonDeal {
  leadId: string;
  partnerId: string;
  partnerTier: string;
  partnerType: string;
  product: string;
  dealAmountCents: number;
  closedOn: string;
}

/** One commission row to write. amountCents is what the row's formula evaluates to. */
export interface CommissionLine {
  kind: 'Base' | 'Bonus' | 'Clawback';
  ruleId: string;
  /** The part of the deal this line pays on (negative for a clawback). */
  dealAmountCents: number;
  /** Percentage lines: the rate used; null for flat lines. */
  rate: number | null;
  /** Flat lines: the flat amount (negative for a clawback); null for percentage lines. */
  flatCents: number | null;
  /** The most this line may pay (its share of the rule's cap per deal); null when uncapped. */
  capCents: number | null;
  amountCents: number;
  payableOn: string;
}

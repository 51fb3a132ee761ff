/** Shared by the commission unit tests (commission-rules, commission-lines, commission-amounts): a rule row, a parsed rule, a won deal. */
import { CommissionLine, CommissionRule, RuleRow, WonDeal, commissionLines, parseRules } from '../../src/domain/commissions';

export function row(overrides: Partial<RuleRow> = {}): RuleRow {
  return {
    row: 2,
    id: 'R-000001',
    name: 'Standard',
    ruleType: 'Base',
    partnerTier: '',
    partnerType: '',
    product: '',
    kind: 'Percentage',
    rate: 0.2,
    flatAmount: '',
    acceleratorThreshold: '',
    acceleratorRate: '',
    capPerDeal: '',
    holdingDays: '',
    effectiveFrom: '',
    effectiveTo: '',
    ...overrides,
  };
}

export function rule(overrides: Partial<CommissionRule> = {}): CommissionRule {
  return {
    id: 'R-000001',
    name: 'Standard',
    ruleType: 'Base',
    partnerTier: '',
    partnerType: '',
    product: '',
    kind: 'Percentage',
    rate: 0.2,
    flatAmountCents: null,
    acceleratorThresholdCents: null,
    acceleratorRate: null,
    capPerDealCents: null,
    holdingDays: null,
    effectiveFrom: '',
    effectiveTo: '',
    active: true,
    draft: false,
    row: 2,
    ...overrides,
  };
}

export function deal(overrides: Partial<WonDeal> = {}): WonDeal {
  return {
    leadId: 'L-000012',
    partnerId: 'P-000001',
    partnerTier: 'Gold',
    partnerType: 'Reseller',
    product: 'Core Platform',
    dealAmountCents: 1_000_000,
    closedOn: '2026-03-01',
    ...overrides,
  };
}

/** Messages for one row's problems. */
/** The Tiers tab's names as setup seeds them. */
export const TIERS = ['Registered', 'Silver', 'Gold', 'Platinum'];

export function problemsOf(overrides: Partial<RuleRow>): string[] {
  return parseRules([row({ row: 4, id: 'R-000003', ...overrides })], TIERS).problems.map((p) => p.message);
}

export function linesOf(d: WonDeal, rules: CommissionRule[], prior = 0, holding = 30): CommissionLine[] {
  const result = commissionLines(d, rules, prior, holding);
  if (!result.ok) throw new Error(result.message);
  return result.lines;
}

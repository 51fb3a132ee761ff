/**
 * The commission engine (DESIGN.md, "Commissions" and "Money"): rules read
 * from the Commission Rules tab, the precedence that picks a deal's rule,
 * the lines a Closed Won deal earns, clawbacks on refund, and the Sheets
 * formula each line's Amount cell holds. Pure: no Apps Script here.
 */
export type { CommissionRule, WonDeal, CommissionLine } from './types';
export { parseRules, listOf, checkRuleDraft, draftToRow, RULE_DRAFT_FIELDS } from './rules';
export type { RuleRow, RuleProblem, RuleDraft, CheckedDraft } from './rules';
export { selectBaseRule, applicableBonusRules, ruleApplies, specificity } from './precedence';
export type { BaseRuleSelection } from './precedence';
export { commissionLines, clawbackLines, quarterOf, priorWonInQuarter, isComputableDealAmount, newLineStatus, isDueForPayable } from './lines';
export type { CommissionLinesResult } from './lines';
export { amountFormula } from './formula';
export { applyRate, rateToMicros, normaliseRate, roundHalfAwayFromZero, centsToFormulaNumber, formatCents, RATE_DECIMALS } from './money';
export { ruleSummary, ruleExample, moneyText, percentText, dateText } from './summary';

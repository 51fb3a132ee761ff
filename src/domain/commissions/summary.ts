import { applyRate } from './money';
import type { CommissionRule } from './types';

/**
 * A rule in plain words, for the sidebar's rule list and builder: what it pays, to whom, on
 * what, when ("10% of the deal, Gold resellers, Core Platform, from 1 Jan 2026"), and a worked
 * example ("A $10,000 deal pays $1,000."). The same text on the server (the list) and in the
 * browser (the builder's live summary): pure, no Intl (its data differs between runtimes).
 */

const SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', AUD: 'A$', CAD: 'CA$', NZD: 'NZ$', JPY: '¥', INR: '₹' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Cents as "$10,000" or "$12.50" (no ".00" for whole amounts); "10,000 CHF" for a currency without a symbol here. */
export function moneyText(cents: number, currency: string): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = abs % 100 === 0 ? '' : `.${String(abs % 100).padStart(2, '0')}`;
  const symbol = SYMBOLS[currency.trim().toUpperCase()];
  return symbol ? `${sign}${symbol}${whole}${fraction}` : `${sign}${whole}${fraction}${currency.trim() ? ` ${currency.trim()}` : ''}`;
}

/** 0.125 as "12.5%". */
export function percentText(rate: number): string {
  return `${Number((rate * 100).toFixed(4))}%`;
}

/** 2026-01-01 as "1 Jan 2026". */
export function dateText(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** Who a rule pays: "Gold resellers", "Gold partners", "referral partners", "every partner". */
function whoText(rule: Pick<CommissionRule, 'partnerTier' | 'partnerType'>): string {
  const type = rule.partnerType ? `${rule.partnerType.toLowerCase()}${rule.partnerType === 'Referral' ? ' partners' : 's'}` : '';
  if (rule.partnerTier && type) return `${rule.partnerTier} ${type}`;
  if (rule.partnerTier) return `${rule.partnerTier} partners`;
  return type || 'every partner';
}

function whenText(rule: Pick<CommissionRule, 'effectiveFrom' | 'effectiveTo'>): string {
  if (rule.effectiveFrom && rule.effectiveTo) return `from ${dateText(rule.effectiveFrom)} to ${dateText(rule.effectiveTo)}`;
  if (rule.effectiveFrom) return `from ${dateText(rule.effectiveFrom)}`;
  if (rule.effectiveTo) return `until ${dateText(rule.effectiveTo)}`;
  return '';
}

/** The one-line summary. */
export function ruleSummary(rule: CommissionRule, currency: string): string {
  const pays = rule.kind === 'Flat' ? `${moneyText(rule.flatAmountCents ?? 0, currency)} a deal` : `${percentText(rule.rate ?? 0)} of the deal`;
  const parts = [rule.ruleType === 'Bonus' ? `Bonus: ${pays}` : pays];
  if (rule.acceleratorThresholdCents !== null && rule.acceleratorRate !== null) {
    parts.push(`${percentText(rule.acceleratorRate)} above ${moneyText(rule.acceleratorThresholdCents, currency)} won in a quarter`);
  }
  if (rule.capPerDealCents !== null) parts.push(`at most ${moneyText(rule.capPerDealCents, currency)} a deal`);
  parts.push(whoText(rule), rule.product || 'any product');
  const when = whenText(rule);
  if (when) parts.push(when);
  return parts.join(', ');
}

/** What one deal of `dealCents` pays under the rule alone, in whole cents (the engine's rounding and cap). */
function pays(rule: CommissionRule, dealCents: number, rate: number | null): number {
  const raw = rule.kind === 'Flat' ? (rule.flatAmountCents ?? 0) : applyRate(dealCents, rate ?? 0);
  return rule.capPerDealCents === null ? raw : Math.min(raw, rule.capPerDealCents);
}

/** A worked example on a $10,000 deal, one past the accelerator's threshold, and when it is payable. */
export function ruleExample(rule: CommissionRule, currency: string, dealCents = 1_000_000): string {
  const deal = moneyText(dealCents, currency);
  const sentences = [`A ${deal} deal pays ${moneyText(pays(rule, dealCents, rule.rate), currency)}.`];
  if (rule.kind === 'Percentage' && rule.acceleratorThresholdCents !== null && rule.acceleratorRate !== null) {
    sentences.push(
      `Once the partner has won ${moneyText(rule.acceleratorThresholdCents, currency)} in the quarter, the next ${deal} deal pays ${moneyText(pays(rule, dealCents, rule.acceleratorRate), currency)}.`,
    );
  }
  sentences.push(
    rule.holdingDays === null
      ? 'Payable after the holding period in Settings.'
      : rule.holdingDays === 0
        ? 'Payable as soon as the deal is won.'
        : `Payable ${rule.holdingDays} day${rule.holdingDays === 1 ? '' : 's'} after the deal closes.`,
  );
  if (rule.ruleType === 'Bonus') sentences.push('A bonus is paid on top of the base rule.');
  if (rule.draft) sentences.push('Draft: it pays nothing; the Plan simulator tries it on past deals.');
  else if (!rule.active) sentences.push('Inactive: it pays nothing until Active is Yes.');
  return sentences.join(' ');
}

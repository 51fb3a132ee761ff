import { cleanText } from '../cell-text';
import { PARTNER_TIERS, TIER_REQUIRES, TierRequires } from '../enums';
import { parseMoney } from '../money';

/**
 * The Tiers tab, parsed (pure). Tiers are listed lowest first:
 * - the first row is the entry tier: every partner qualifies for it, so it takes no thresholds;
 * - a later tier with a Min Won Revenue and/or a Min Won Deals (trailing 12 months) is reached by
 *   the review when its thresholds are met (Requires: Either one, the default, or Both);
 * - a later tier with neither threshold is set by hand only: the review never moves a partner into
 *   it nor out of it.
 * Every problem on a row is said; a row with problems is kept on the tab (its Problems cell says why)
 * and left out of the review until fixed.
 */
export interface TierDef {
  name: string;
  /** null: no revenue threshold. */
  minRevenueCents: number | null;
  /** null: no deals threshold. */
  minDeals: number | null;
  requires: TierRequires;
  /** Days a partner may stay below this tier's thresholds before the review moves them down (blank = 0). */
  graceDays: number;
  /** 1-based sheet row. */
  row: number;
}

/** The Tiers tab's cells for one row, as read. */
export interface TierRowInput {
  row: number;
  name: unknown;
  minRevenue: unknown;
  minDeals: unknown;
  requires: unknown;
  graceDays: unknown;
}

export interface TierProblem {
  row: number;
  name: string;
  problems: string[];
}

export interface ParsedTiers {
  /** Usable tiers, lowest first (the first is the entry tier). */
  tiers: TierDef[];
  problems: TierProblem[];
  /** Every tier name on the tab, usable or not, in order: what the Partners and Rules Tier cells may hold. */
  names: string[];
}

export const MAX_GRACE_DAYS = 3650;

const text = (v: unknown) => (v === null || v === undefined ? '' : cleanText(String(v)).trim());
const isBlank = (v: unknown) => text(v) === '';

function wholeNumber(label: string, raw: unknown, max: number): { value: number | null; problem?: string } {
  if (isBlank(raw)) return { value: null };
  const n = typeof raw === 'number' ? raw : /^[+-]?\d+(\.\d+)?$/.test(text(raw)) ? Number(text(raw)) : NaN;
  if (Number.isNaN(n)) return { value: null, problem: `${label} must be a whole number` };
  if (!Number.isInteger(n)) return { value: null, problem: `${label} must be a whole number` };
  if (n < 0) return { value: null, problem: `${label} must not be negative` };
  if (n > max) return { value: null, problem: `${label} must be at most ${max}` };
  return { value: n };
}

/** Parses the tab's rows (blank rows skipped); names compared without regard to case. */
export function parseTiers(rows: readonly TierRowInput[]): ParsedTiers {
  const tiers: TierDef[] = [];
  const problems: TierProblem[] = [];
  const names: string[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    if ([r.name, r.minRevenue, r.minDeals, r.requires, r.graceDays].every(isBlank)) continue;
    const name = text(r.name);
    const issues: string[] = [];
    if (!name) issues.push('Tier is blank: name the tier');
    else if (name.length > 60) issues.push('Tier must be at most 60 characters');
    const earlier = seen.get(name.toLowerCase());
    if (name && earlier !== undefined) issues.push(`Tier ${name} is already on row ${earlier}: list each tier once`);
    const money = parseMoney('Min Won Revenue (12 mo)', isBlank(r.minRevenue) ? '' : r.minRevenue, true);
    if (!money.ok) issues.push(money.message);
    const deals = wholeNumber('Min Won Deals (12 mo)', r.minDeals, 1_000_000);
    if (deals.problem) issues.push(deals.problem);
    const grace = wholeNumber('Downgrade Grace (days)', r.graceDays, MAX_GRACE_DAYS);
    if (grace.problem) issues.push(grace.problem);
    const requiresText = text(r.requires);
    const requires = requiresText === '' ? 'Either' : TIER_REQUIRES.find((v) => v.toLowerCase() === requiresText.toLowerCase());
    if (!requires) issues.push(`Requires must be ${TIER_REQUIRES.join(' or ')} (blank = Either)`);
    const minRevenueCents = money.ok ? money.cents : null;
    const isFirst = names.length === 0;
    if (isFirst && (minRevenueCents !== null || deals.value !== null)) issues.push('the first tier is the entry tier: every partner qualifies for it, so leave its thresholds blank');
    if (name) {
      names.push(name);
      if (earlier === undefined) seen.set(name.toLowerCase(), r.row);
    }
    if (issues.length) {
      problems.push({ row: r.row, name, problems: issues });
      continue;
    }
    tiers.push({ name, minRevenueCents, minDeals: deals.value, requires: requires as TierRequires, graceDays: grace.value ?? 0, row: r.row });
  }
  return { tiers, problems, names };
}

/** Whether a tier has a threshold the review can test (the entry tier and hand-only tiers have none). */
export function hasThresholds(tier: TierDef): boolean {
  return tier.minRevenueCents !== null || tier.minDeals !== null;
}

/** The tier's thresholds in words, for reasons and mail: "USD 50,000.00 won or 5 deals". */
export function thresholdText(tier: TierDef, money: (cents: number) => string): string {
  const parts: string[] = [];
  if (tier.minRevenueCents !== null) parts.push(`${money(tier.minRevenueCents)} won`);
  if (tier.minDeals !== null) parts.push(`${tier.minDeals} won deal${tier.minDeals === 1 ? '' : 's'}`);
  return parts.join(tier.requires === 'Both' ? ' and ' : ' or ') || 'no thresholds';
}

/** A tier by name, without regard to case. */
export function findTier(tiers: readonly TierDef[], name: string): TierDef | undefined {
  const key = name.trim().toLowerCase();
  return tiers.find((t) => t.name.toLowerCase() === key);
}

/** The four tiers setup writes on a new (or upgraded) tracker, lowest first (PARTNER_TIERS, the seed's names): name, min revenue (whole units), min deals, requires, grace days. */
export const DEFAULT_TIERS: ReadonlyArray<{ name: string; minRevenue: number | ''; minDeals: number | ''; requires: TierRequires | ''; graceDays: number | ''; notes: string }> = [
  { name: PARTNER_TIERS[0], minRevenue: '', minDeals: '', requires: '', graceDays: '', notes: 'The entry tier: every partner qualifies.' },
  { name: PARTNER_TIERS[1], minRevenue: 25000, minDeals: 2, requires: 'Either', graceDays: 60, notes: '25,000 won or 2 won deals in the last 12 months.' },
  { name: PARTNER_TIERS[2], minRevenue: 100000, minDeals: 5, requires: 'Either', graceDays: 90, notes: '100,000 won or 5 won deals in the last 12 months.' },
  { name: PARTNER_TIERS[3], minRevenue: 250000, minDeals: 10, requires: 'Both', graceDays: 90, notes: '250,000 won and 10 won deals in the last 12 months.' },
];

import type { FieldRule } from './rules';
import { withDefault } from './rules';

/**
 * Money as people type it and cells hold it, in whole cents: plain functions (no zod), shared by
 * the sidebar's checks, the server's schemas (fields.ts), the edit trigger and the engine.
 */
const MONEY_TEXT = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$/;

/**
 * The most any money field takes, in cents: 1,000,000,000.00. No deal a partner programme
 * tracks comes near it, so what exceeds it is a typo or a paste (a phone number in a Deal
 * Amount made a 493-billion commission). The bound also keeps the arithmetic exact: doubles
 * hold whole numbers exactly up to 2^53 ≈ 9.007e15, so a sum of up to 90,000 amounts at the
 * bound (a partner's quarter of won deals, a payout's lines) stays exact in cents; the
 * commission engine's applyRate is exact up to 10^13 cents; and 1,000,000,000.00 has 12
 * significant digits, so a money cell's double reads back to the same cents.
 * Every schema that takes money (sidebar, partner form, Commission Rules, Settings) and the
 * edit trigger's check (checkMoneyValue / checkDealAmount) use it; the commission engine
 * refuses a deal above it (domain/commissions/lines.ts).
 */
export const MAX_MONEY_CENTS = 100_000_000_000;
/** MAX_MONEY_CENTS as people read it. */
export const MAX_MONEY_TEXT = '1,000,000,000.00';

export type MoneyParse = { ok: true; cents: number | null } | { ok: false; message: string };

/**
 * Money as typed ("12,500.50", "12500") or held by a cell or sent as a number, in whole cents:
 * null when blank (and `allowBlank`). Refused, with a message that names the field: text that
 * is not an amount, a negative amount, more than two decimals, more than MAX_MONEY_TEXT.
 */
export function parseMoney(label: string, raw: unknown, allowBlank: boolean): MoneyParse {
  const fail = (message: string): MoneyParse => ({ ok: false, message });
  const notAnAmount = `${label} must be an amount like 12500 or 12,500.50`;
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return allowBlank ? { ok: true, cents: null } : fail(`${label} is required`);
  let cents: number;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail(notAnAmount);
    if (raw < 0) return fail(`${label} must not be negative`);
    if (raw > MAX_MONEY_CENTS / 100) return fail(`${label} must be at most ${MAX_MONEY_TEXT}`);
    const scaled = raw * 100;
    cents = Math.round(scaled);
    // The tolerance allows float noise (0.1 + 0.2), never a third decimal: at the bound a
    // double's error in `scaled` is ~1e-5 cents, and 1e-13 of 10^11 is 0.01 cents.
    if (Math.abs(cents - scaled) > Math.max(1e-6, scaled * 1e-13)) return fail(`${label} must have at most two decimal places`);
  } else if (typeof raw === 'string') {
    const text = raw.trim().replace(/\s/g, '');
    if (text.startsWith('-')) return fail(`${label} must not be negative`);
    if (!MONEY_TEXT.test(text)) return fail(notAnAmount);
    const [whole, fraction = ''] = text.replace(/,/g, '').split('.');
    // A 400-digit paste is Infinity here, refused below like any amount above the bound.
    cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  } else {
    return fail(notAnAmount);
  }
  if (cents < 0) return fail(`${label} must not be negative`);
  if (cents > MAX_MONEY_CENTS) return fail(`${label} must be at most ${MAX_MONEY_TEXT}`);
  return { ok: true, cents: cents === 0 ? 0 : cents };
}

/**
 * For the edit trigger: whether a value typed or pasted into a money cell is acceptable, as the
 * sheet holds it (a number, or text such as "12,500.50"). null = fine (a blank cell too: the
 * caller decides whether the field may be blank); otherwise the message to show, which names
 * the field ("Deal amount must be at most 1,000,000,000.00").
 */
export function checkMoneyValue(label: string, value: unknown): string | null {
  const parsed = parseMoney(label, value, true);
  return parsed.ok ? null : parsed.message;
}

/** Cents as the number a money cell holds (two decimals). */
export function centsToAmount(cents: number): number {
  return cents / 100;
}

/** A money cell's number as whole cents (half away from zero). */
export function amountToCents(amount: number): number {
  return Math.sign(amount) * Math.round(Math.abs(amount) * 100);
}

const isMoneyInput = (raw: unknown): raw is string | number | null | undefined => raw === null || raw === undefined || typeof raw === 'string' || typeof raw === 'number';

/** Money as typed ("12,500.50") or sent as a number, in whole cents; null when blank. */
export function moneyRule(label: string, allowBlank: boolean): FieldRule<number | null, string | number | null | undefined> {
  return {
    parse(raw) {
      if (!isMoneyInput(raw)) return { ok: false, message: `${label} must be an amount like 12500 or 12,500.50` };
      const parsed = parseMoney(label, raw, allowBlank);
      return parsed.ok ? { ok: true, value: parsed.cents } : parsed;
    },
  };
}

export const optionalMoneyRule = (label: string) => withDefault(moneyRule(label, true), null);
export const requiredMoneyRule = (label: string) => moneyRule(label, false);

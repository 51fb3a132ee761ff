import * as z from 'zod/mini';
import { cleanText } from './cell-text';

/**
 * Field schemas every entry point shares (sidebar, partner form, settings), so
 * a value is accepted or refused with the same words wherever it comes from.
 * Messages name the field, because a form shows them beside it and the Form
 * Inbox lists them together. Text is cleaned (cleanText: control, bidi and
 * zero-width characters removed, NFC) before it is trimmed and checked, so a
 * company of zero-width spaces is blank and lengths count what is stored.
 */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** YYYY-MM-DD plus whole days (calendar arithmetic, no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .check(z.overwrite(cleanText), z.trim(), z.minLength(1, { error: `${label} is required` }), z.maxLength(max, { error: `${label} must be at most ${max} characters` }));

export const optionalText = (label: string, max: number) =>
  z._default(z.string({ error: `${label} must be text` }).check(z.overwrite(cleanText), z.trim(), z.maxLength(max, { error: `${label} must be at most ${max} characters` })), '');

export const requiredEmail = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .check(
      z.overwrite(cleanText),
      z.trim(),
      z.toLowerCase(),
      z.minLength(1, { error: `${label} is required` }),
      z.maxLength(254, { error: `${label} must be at most 254 characters` }),
      z.regex(EMAIL_PATTERN, { error: `${label} must be an email address like name@company.com` }),
    );

export const optionalEmail = (label: string) =>
  z._default(
    z.string({ error: `${label} must be text` }).check(
      z.overwrite(cleanText),
      z.trim(),
      z.toLowerCase(),
      z.maxLength(254, { error: `${label} must be at most 254 characters` }),
      z.refine((s) => s === '' || EMAIL_PATTERN.test(s), { error: `${label} must be an email address like name@company.com` }),
    ),
    '',
  );

/** A website as people type it: a host name, with or without scheme and path. */
const WEBSITE = /^(https?:\/\/)?([a-z0-9\u00a1-\uffff-]+\.)+[a-z\u00a1-\uffff]{2,}(:\d{1,5})?([/?#]\S*)?$/i;

export const optionalWebsite = (label: string) =>
  z._default(
    z.string({ error: `${label} must be text` }).check(
      z.overwrite(cleanText),
      z.trim(),
      z.maxLength(300, { error: `${label} must be at most 300 characters` }),
      z.refine((s) => s === '' || WEBSITE.test(s), { error: `${label} must be a web address like acme.com or https://www.acme.com` }),
    ),
    '',
  );

export const optionalIsoDate = (label: string) =>
  z._default(
    z.string({ error: `${label} must be a date` }).check(
      z.overwrite(cleanText),
      z.trim(),
      z.refine((s) => s === '' || isIsoDate(s), { error: `${label} must be a date written YYYY-MM-DD` }),
    ),
    '',
  );

export const requiredIsoDate = (label: string) =>
  z.string({ error: `${label} is required` }).check(
    z.overwrite(cleanText),
    z.trim(),
    z.minLength(1, { error: `${label} is required` }),
    z.refine((s) => isIsoDate(s), { error: `${label} must be a date written YYYY-MM-DD` }),
  );

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

/** Money as typed ("12,500.50") or sent as a number, in whole cents; null when blank. */
function moneyToCents(label: string, allowBlank: boolean) {
  return z.pipe(
    z.union([z.string(), z.number(), z.null(), z.undefined()], { error: `${label} must be an amount like 12500 or 12,500.50` }),
    z.transform((raw: string | number | null | undefined, ctx): number | null => {
      const parsed = parseMoney(label, raw, allowBlank);
      if (parsed.ok) return parsed.cents;
      ctx.issues.push({ code: 'custom', message: parsed.message, input: raw });
      return null;
    }),
  );
}

export const optionalMoneyCents = (label: string) => z._default(moneyToCents(label, true), null);
export const requiredMoneyCents = (label: string) => moneyToCents(label, false);

/** Cents as the number a money cell holds (two decimals). */
export function centsToAmount(cents: number): number {
  return cents / 100;
}

/** A money cell's number as whole cents (half away from zero). */
export function amountToCents(amount: number): number {
  return Math.sign(amount) * Math.round(Math.abs(amount) * 100);
}

/** Field-level messages from a failed parse: first message per top-level field. */
export function fieldErrorsOf(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_';
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}

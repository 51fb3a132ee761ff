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
  z.string({ error: `${label} is required` }).check(
    z.overwrite(cleanText),
    z.trim(),
    z.minLength(1, { error: `${label} is required` }),
    z.maxLength(max, { error: `${label} must be at most ${max} characters` }),
  );

export const optionalText = (label: string, max: number) =>
  z._default(z.string({ error: `${label} must be text` }).check(z.overwrite(cleanText), z.trim(), z.maxLength(max, { error: `${label} must be at most ${max} characters` })), '');

export const requiredEmail = (label: string) =>
  z.string({ error: `${label} is required` }).check(
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
const MAX_MONEY_CENTS = 100_000_000_000_00; // 100 billion: beyond any deal; guards against typos

/** Money as typed ("12,500.50") or sent as a number, in whole cents; null when blank. */
function moneyToCents(label: string, allowBlank: boolean) {
  return z.pipe(
    z.union([z.string(), z.number(), z.null(), z.undefined()], { error: `${label} must be an amount like 12500 or 12,500.50` }),
    z.transform((raw: string | number | null | undefined, ctx): number | null => {
      const fail = (message: string) => {
        ctx.issues.push({ code: 'custom', message, input: raw });
        return null;
      };
      if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return allowBlank ? null : fail(`${label} is required`);
      let cents: number;
      if (typeof raw === 'number') {
        if (!Number.isFinite(raw)) return fail(`${label} must be an amount like 12500 or 12,500.50`);
        cents = Math.round(raw * 100);
        if (Math.abs(cents - raw * 100) > 1e-6) return fail(`${label} must have at most two decimal places`);
      } else {
        const text = raw.trim().replace(/\s/g, '');
        if (text.startsWith('-')) return fail(`${label} must not be negative`);
        if (!MONEY_TEXT.test(text)) return fail(`${label} must be an amount like 12500 or 12,500.50`);
        const [whole, fraction = ''] = text.replace(/,/g, '').split('.');
        cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
      }
      if (cents < 0) return fail(`${label} must not be negative`);
      if (cents > MAX_MONEY_CENTS) return fail(`${label} is too large`);
      return cents;
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

import * as z from 'zod/mini';
import {
  DefaultRule,
  FieldRule,
  OptionalRule,
  Rules,
  optionalEmailRule,
  optionalIsoDateRule,
  optionalTextRule,
  optionalWebsiteRule,
  requiredEmailRule,
  requiredIsoDateRule,
  requiredTextRule,
} from './rules';
import { optionalMoneyRule, requiredMoneyRule } from './money';

/**
 * Field schemas every entry point shares (sidebar, partner form, settings), so
 * a value is accepted or refused with the same words wherever it comes from.
 * Messages name the field, because a form shows them beside it and the Form
 * Inbox lists them together. Text is cleaned (cleanText: control, bidi and
 * zero-width characters removed, NFC) before it is trimmed and checked, so a
 * company of zero-width spaces is blank and lengths count what is stored.
 *
 * The rules themselves are plain data and functions (rules.ts, money.ts), which the sidebar
 * runs without zod; each schema here is the same rule wrapped for zod (zodField), so the
 * server and the sidebar cannot disagree about a field.
 */
export { EMAIL_PATTERN, isIsoDate } from './rules';
export { MAX_MONEY_CENTS, MAX_MONEY_TEXT, amountToCents, centsToAmount, checkMoneyValue, parseMoney } from './money';
export type { MoneyParse } from './money';

/** YYYY-MM-DD plus whole days (calendar arithmetic, no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The zod schema of a rule: the rule's parse, its first problem as the issue; a default or an optional field as zod's. */
export function zodField<O, I>(rule: DefaultRule<O, I>): z.ZodMiniDefault<z.ZodMiniType<O, I>>;
export function zodField<O, I>(rule: OptionalRule<O, I>): z.ZodMiniOptional<z.ZodMiniType<O, I>>;
export function zodField<O, I>(rule: FieldRule<O, I>): z.ZodMiniType<O, I>;
export function zodField<O, I>(rule: FieldRule<O, I>): z.ZodMiniType<O, I> | z.ZodMiniDefault<z.ZodMiniType<O, I>> | z.ZodMiniOptional<z.ZodMiniType<O, I>> {
  const schema = z.pipe(
    z.unknown(),
    z.transform((raw: unknown, ctx) => {
      const parsed = rule.parse(raw);
      if (parsed.ok) return parsed.value;
      ctx.issues.push({ code: 'custom', message: parsed.message, input: raw });
      return undefined as never;
    }),
  ) as unknown as z.ZodMiniType<O, I>;
  if (rule.missing === 'omit') return z.optional(schema);
  if (rule.missing) return z._default(schema, rule.missing.value as z.util.NoUndefined<O>);
  return schema;
}

type ZodOf<R> =
  R extends DefaultRule<infer O, infer I>
    ? z.ZodMiniDefault<z.ZodMiniType<O, I>>
    : R extends OptionalRule<infer O, infer I>
      ? z.ZodMiniOptional<z.ZodMiniType<O, I>>
      : R extends FieldRule<infer O, infer I>
        ? z.ZodMiniType<O, I>
        : never;

/** A z.object shape of rules (z.object(zodShape(RULES))): the server's schema of what the sidebar checks with checkFields. */
export function zodShape<S extends Rules>(rules: S): { [K in keyof S]: ZodOf<S[K]> } {
  return Object.fromEntries(Object.entries(rules).map(([key, rule]) => [key, zodField(rule)])) as { [K in keyof S]: ZodOf<S[K]> };
}

export const requiredText = (label: string, max: number) => zodField(requiredTextRule(label, max));
export const optionalText = (label: string, max: number) => zodField(optionalTextRule(label, max));
export const requiredEmail = (label: string) => zodField(requiredEmailRule(label));
export const optionalEmail = (label: string) => zodField(optionalEmailRule(label));
export const optionalWebsite = (label: string) => zodField(optionalWebsiteRule(label));
export const optionalIsoDate = (label: string) => zodField(optionalIsoDateRule(label));
export const requiredIsoDate = (label: string) => zodField(requiredIsoDateRule(label));
export const optionalMoneyCents = (label: string) => zodField(optionalMoneyRule(label));
export const requiredMoneyCents = (label: string) => zodField(requiredMoneyRule(label));

/** Field-level messages from a failed parse: first message per top-level field. */
export function fieldErrorsOf(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_';
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}

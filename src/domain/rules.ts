import { cleanText } from './cell-text';

/**
 * Field rules as plain data and functions, with no zod: the sidebar checks a form with them in
 * the browser (checkFields, checkVariant), and the server's zod schemas are built from the same
 * rules (fields.ts zodField), so a rule changes in one place and both sides give the same words.
 * A rule stops at its first problem: every caller shows one message per field.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * One field. `In` is only a type: what a caller may send (the zod schema's input type).
 * `missing` says what a left-out field (undefined) becomes: `{ value }` (zod's default) or
 * 'omit' (zod's optional: the field stays out); absent, undefined is parsed like any value.
 */
export interface FieldRule<Out, In = Out> {
  readonly parse: (raw: unknown) => Parsed<Out>;
  readonly missing?: { readonly value: Out } | 'omit';
  /** Types only, never set. */
  readonly input?: In;
}

export type DefaultRule<Out, In = Out> = FieldRule<Out, In> & { readonly missing: { readonly value: Out } };
export type OptionalRule<Out, In = Out> = FieldRule<Out, In> & { readonly missing: 'omit' };

/** A step of a text rule, in order: rewrites, then checks that refuse with their message. */
export type TextStep =
  | 'clean'
  | 'trim'
  | 'lower'
  | { readonly map: (s: string) => string }
  | { readonly min: number; readonly error: string }
  | { readonly max: number; readonly error: string }
  | { readonly test: (s: string) => boolean; readonly error: string };

/** Text: refused with `typeError` when not a string, then each step in order. */
export function textRule(typeError: string, steps: readonly TextStep[]): FieldRule<string> {
  return {
    parse(raw) {
      if (typeof raw !== 'string') return { ok: false, message: typeError };
      let s = raw;
      for (const step of steps) {
        if (step === 'clean') s = cleanText(s);
        else if (step === 'trim') s = s.trim();
        else if (step === 'lower') s = s.toLowerCase();
        else if ('map' in step) s = step.map(s);
        else if ('min' in step ? s.length < step.min : 'max' in step ? s.length > step.max : !step.test(s)) return { ok: false, message: step.error };
      }
      return { ok: true, value: s };
    },
  };
}

export function withDefault<Out, In>(rule: FieldRule<Out, In>, value: Out): DefaultRule<Out, In> {
  return { ...rule, missing: { value } };
}

export function optional<Out, In>(rule: FieldRule<Out, In>): OptionalRule<Out, In> {
  return { ...rule, missing: 'omit' };
}

/** One of a fixed list, exactly as spelled. */
export function oneOfRule<const T extends string>(values: readonly T[], error: string): FieldRule<T> {
  return { parse: (raw) => ((values as readonly unknown[]).includes(raw) ? { ok: true, value: raw as T } : { ok: false, message: error }) };
}

// ---- the field rules every entry point shares (fields.ts wraps each in zod for the server) ----

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A website as people type it: a host name, with or without scheme and path. */
const WEBSITE = /^(https?:\/\/)?([a-z0-9\u00a1-\uffff-]+\.)+[a-z\u00a1-\uffff]{2,}(:\d{1,5})?([/?#]\S*)?$/i;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const atMost = (label: string, max: number): TextStep => ({ max, error: `${label} must be at most ${max} characters` });
const required = (label: string): TextStep => ({ min: 1, error: `${label} is required` });

export const requiredTextRule = (label: string, max: number) => textRule(`${label} is required`, ['clean', 'trim', required(label), atMost(label, max)]);

export const optionalTextRule = (label: string, max: number) => withDefault(textRule(`${label} must be text`, ['clean', 'trim', atMost(label, max)]), '');

const emailError = (label: string) => `${label} must be an email address like name@company.com`;

export const requiredEmailRule = (label: string) =>
  textRule(`${label} is required`, ['clean', 'trim', 'lower', required(label), atMost(label, 254), { test: (s) => EMAIL_PATTERN.test(s), error: emailError(label) }]);

export const optionalEmailRule = (label: string) =>
  withDefault(textRule(`${label} must be text`, ['clean', 'trim', 'lower', atMost(label, 254), { test: (s) => s === '' || EMAIL_PATTERN.test(s), error: emailError(label) }]), '');

export const optionalWebsiteRule = (label: string) =>
  withDefault(
    textRule(`${label} must be text`, [
      'clean',
      'trim',
      atMost(label, 300),
      { test: (s) => s === '' || WEBSITE.test(s), error: `${label} must be a web address like acme.com or https://www.acme.com` },
    ]),
    '',
  );

const dateError = (label: string) => `${label} must be a date written YYYY-MM-DD`;

export const optionalIsoDateRule = (label: string) => withDefault(textRule(`${label} must be a date`, ['clean', 'trim', { test: (s) => s === '' || isIsoDate(s), error: dateError(label) }]), '');

export const requiredIsoDateRule = (label: string) => textRule(`${label} is required`, ['clean', 'trim', required(label), { test: isIsoDate, error: dateError(label) }]);

// ---- checking a whole record, as zod's z.object and z.discriminatedUnion do ----

export type Rules = Readonly<Record<string, FieldRule<unknown, unknown>>>;

type OutputOf<R> = R extends FieldRule<infer O, unknown> ? O : never;
type OmittedKeys<S> = { [K in keyof S]: S[K] extends OptionalRule<unknown, unknown> ? K : never }[keyof S];
/** What checkFields returns for valid input: every field, parsed (a left-out optional one absent). */
export type RulesOutput<S extends Rules> = { [K in Exclude<keyof S, OmittedKeys<S>>]: OutputOf<S[K]> } & { [K in OmittedKeys<S>]?: OutputOf<S[K]> };

/** Field → the first thing wrong with it ('_' for the record itself). */
export type Checked<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/** Checks each field by its rule; fields without a rule are dropped (as z.object drops unknown keys). */
export function checkFields<S extends Rules>(rules: S, value: unknown): Checked<RulesOutput<S>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, errors: { _: 'Expected an object' } };
  const record = value as Record<string, unknown>;
  const data: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [key, rule] of Object.entries(rules)) {
    const raw = record[key];
    if (raw === undefined && rule.missing) {
      if (rule.missing !== 'omit') data[key] = rule.missing.value;
      continue;
    }
    const parsed = rule.parse(raw);
    if (parsed.ok) data[key] = parsed.value;
    else errors[key] = parsed.message;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data: data as RulesOutput<S> };
}

/** Rules per value of a tag field (`to` of a lead move): the tag picks the rules, as z.discriminatedUnion does. */
export interface Variants<Tag extends string> {
  readonly tag: Tag;
  readonly error: string;
  readonly cases: Readonly<Record<string, Rules>>;
}

export function checkVariant<Tag extends string>(variants: Variants<Tag>, value: unknown): Checked<Record<string, unknown>> {
  const tag = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[variants.tag] : undefined;
  if (typeof tag !== 'string' || !Object.prototype.hasOwnProperty.call(variants.cases, tag)) return { ok: false, errors: { [variants.tag]: variants.error } };
  const checked = checkFields(variants.cases[tag], value);
  return checked.ok ? { ok: true, data: { [variants.tag]: tag, ...checked.data } } : checked;
}

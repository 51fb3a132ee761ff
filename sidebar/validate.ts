import { Checked, Rules, Variants, checkFields, checkVariant } from '../src/domain/rules';

/**
 * A form's rules: the plain rules the server's zod schemas are built from (src/domain/input-rules.ts),
 * either one record of fields or fields per value of a tag (a lead move's `to`). No zod in the browser.
 */
export type FormRules = Rules | Variants<string>;

export type { Checked };

/** Checks a form's value and returns field errors the way the server would (the first problem per field). */
export function check(rules: FormRules, value: unknown): Checked<unknown> {
  // A Rules record holds rule objects; only Variants has a string `tag`.
  return typeof rules.tag === 'string' ? checkVariant(rules as Variants<string>, value) : checkFields(rules as Rules, value);
}

import { tierProblem } from './tiers/names';
import { PARTNER_INPUT_RULES, RECORD_ID_ERROR, RECORD_ID_PATTERN, normalisePartnerCode } from './input-rules';
import { RulesOutput, checkFields } from './rules';

/**
 * Checks of rows typed or pasted into the tracker's tabs (pure; src/adoption/ applies them):
 * the same field rules the sidebar and its server use (input-rules.ts), never a second set.
 * Each problem is field → why; the caller names the column.
 */
export type ValidPartnerRow = RulesOutput<typeof PARTNER_INPUT_RULES>;

/** Columns a typed partner may leave blank, and take the sidebar's default for (tier Registered, status Active). */
const DEFAULTED = ['tier', 'status', 'id'] as const;

/** A partner row as typed: each cell as text (dates YYYY-MM-DD). */
export function checkPartnerRow(
  cells: Readonly<Record<string, string>>,
  /** tiers: the Tiers tab's names; null leaves the tier unchecked (a counted partner whose Tier was not edited: a tier renamed on the Tiers tab makes no partner stop counting). */
  lists: { regions: readonly string[]; products: readonly string[]; tiers: readonly string[] | null },
): { errors: Record<string, string>; valid: ValidPartnerRow | null } {
  const input: Record<string, string | undefined> = { ...cells };
  for (const key of DEFAULTED) if (!input[key]?.trim()) input[key] = undefined;
  // A migration's own IDs (P-7777, ACME-01) are welcome: any record ID, not only the tracker's format.
  const id = (cells.id ?? '').trim();
  input.id = undefined;
  const checked = checkFields(PARTNER_INPUT_RULES, input);
  const errors: Record<string, string> = checked.ok ? {} : { ...checked.errors };
  if (id && !RECORD_ID_PATTERN.test(id)) errors.id = RECORD_ID_ERROR('Partner ID');
  const region = (cells.region ?? '').trim();
  const product = (cells.productFocus ?? '').trim();
  const tier = lists.tiers ? tierProblem('Tier', cells.tier ?? '', lists.tiers) : null;
  if (tier) errors.tier = tier;
  if (region && !lists.regions.includes(region)) errors.region = `Region "${region}" is not on the Lists tab (${lists.regions.join(', ') || 'no regions yet'})`;
  if (product && !lists.products.includes(product)) errors.productFocus = `Product "${product}" is not on the Lists tab (${lists.products.join(', ') || 'no products yet'})`;
  if (Object.keys(errors).length || !checked.ok) return { errors, valid: null };
  return { errors, valid: { ...checked.data, id } };
}

export { normalisePartnerCode };

/**
 * The Lists tab's columns (values top to bottom, '' for a blank cell): for each row, what is
 * wrong in it — a blank between values (the dropdowns end there for people reading the tab, and a
 * value below is easy to miss), or a value already higher up in its column.
 */
export function listProblems(columns: ReadonlyArray<{ header: string; values: readonly string[] }>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const add = (index: number, line: string) => out.set(index, [...(out.get(index) ?? []), line]);
  for (const { header, values } of columns) {
    let last = -1;
    values.forEach((v, i) => {
      if (v.trim()) last = i;
    });
    const seen = new Map<string, number>();
    values.forEach((raw, i) => {
      const v = raw.trim();
      if (!v) {
        if (i < last) add(i, `${header}: a blank cell between values; fill it or delete the cell (shift the values up)`);
        return;
      }
      const key = v.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) add(i, `${header}: "${v}" is already on row ${first + 2}; each value once`);
      else seen.set(key, i);
    });
  }
  return out;
}

/** "Column: why", unless the reason already starts with the column's name. */
export function problemLine(header: string, why: string): string {
  const text = why.trim().replace(/\.$/, '');
  return text.toLowerCase().startsWith(header.toLowerCase()) ? text : `${header}: ${text}`;
}

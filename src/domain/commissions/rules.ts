import { tierProblem } from '../tiers/names';
import { PARTNER_TYPES, RULE_ACTIVE, RULE_KINDS, RULE_TYPES } from '../enums';
import { optionalMoneyRule } from '../money';
import { FieldRule, optionalIsoDateRule } from '../rules';
import { normaliseRate, rateToMicros } from './money';
import type { CommissionRule } from './types';

/**
 * One Commission Rules tab row, read into plain values: money in currency
 * units as the sheet holds them, rates as fractions (0.2 for a cell showing
 * 20.00%), blank cells as '', dates already YYYY-MM-DD or ''.
 */
export interface RuleRow {
  row: number;
  id: string;
  name: string;
  ruleType: string;
  partnerTier: string;
  partnerType: string;
  product: string;
  kind: string;
  rate: number | string;
  flatAmount: number | string;
  acceleratorThreshold: number | string;
  acceleratorRate: number | string;
  capPerDeal: number | string;
  holdingDays: number | string;
  effectiveFrom: string;
  effectiveTo: string;
  /** Yes, No, Draft, or blank (= Yes); absent on a tracker from before the column. */
  active?: string;
}

/** What is wrong with one rule, in words a person can act on ("R-000003 (row 4): …"). */
export interface RuleProblem {
  row: number;
  ruleId: string;
  message: string;
}

/** A cell's parse: the value, or every thing wrong with it (a person fixes them all at once). */
type CellParse<T> = { ok: true; value: T } | { ok: false; messages: string[] };
type CellRule<T> = (raw: unknown) => CellParse<T>;
const bad = (message: string): { ok: false; messages: string[] } => ({ ok: false, messages: [message] });
/** What a cell holding neither text nor a number (a date, a checkbox) is told. */
const NOT_TEXT = 'Invalid input';

/** Text or a number, as text, trimmed. */
const text = (raw: unknown): CellParse<string> => (typeof raw === 'string' || typeof raw === 'number' ? { ok: true, value: String(raw).trim() } : bad(NOT_TEXT));

/** Text, then every check that fails. */
const checkedText =
  (...checks: Array<[test: (s: string) => boolean, message: string]>): CellRule<string> =>
  (raw) => {
    const t = text(raw);
    if (!t.ok) return t;
    const messages = checks.filter(([test]) => !test(t.value)).map(([, message]) => message);
    return messages.length ? { ok: false, messages } : t;
  };

const oneOf = (label: string, values: readonly string[], blankMeans?: string): CellRule<string> =>
  checkedText([(s) => (blankMeans !== undefined && s === '') || values.includes(s), `${label} must be ${listOf(values, 'or')}${blankMeans !== undefined ? `, or blank for ${blankMeans}` : ''}`]);

/** A rate cell: a fraction (0.2), or text such as "20%" or "0.2"; null when blank. At most 4 decimals as a percentage. */
const rateField =
  (label: string): CellRule<number | null> =>
  (raw) => {
    const notARate = `${label} must be a percentage like 20%`;
    if (typeof raw !== 'string' && typeof raw !== 'number') return bad(notARate);
    let value: number;
    if (typeof raw === 'number') {
      value = raw;
    } else {
      const t = raw.trim().replace(/\s/g, '');
      if (t === '') return { ok: true, value: null };
      const percent = t.endsWith('%');
      const digits = percent ? t.slice(0, -1) : t;
      if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(digits)) return bad(notARate);
      value = percent ? Number(digits) / 100 : Number(digits);
    }
    if (!Number.isFinite(value)) return bad(notARate);
    if (rateToMicros(value) === null) return bad(`${label} must have at most 4 decimal places as a percentage (like 12.3456%)`);
    return { ok: true, value: normaliseRate(value) };
  };

const holdingDaysField: CellRule<number | null> = (raw) => {
  if (typeof raw !== 'string' && typeof raw !== 'number') return bad(NOT_TEXT);
  if (typeof raw === 'string' && raw.trim() === '') return { ok: true, value: null };
  const n = typeof raw === 'number' ? raw : /^\s*\d+(\.0*)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 365) return bad('Holding Days must be a whole number from 0 to 365, or blank for the Settings default');
  return { ok: true, value: n };
};

/** A field rule the sidebar and server share (domain/rules.ts), as a cell rule. */
const shared =
  <T>(rule: FieldRule<T, unknown>): CellRule<T> =>
  (raw) => {
    const parsed = rule.parse(raw);
    return parsed.ok ? parsed : bad(parsed.message);
  };

/**
 * Field by field, so every problem on a row is reported, not just the first. Plain functions, not
 * zod: the edit trigger, Closed Won and the hourly run read the rules, and carry no zod for it.
 */
const FIELDS = {
  name: checkedText([(s) => s.length >= 1, 'Name is required'], [(s) => s.length <= 200, 'Name must be at most 200 characters']),
  ruleType: oneOf('Rule Type', RULE_TYPES),
  // Tiers are the Tiers tab's: checked against it where the caller knows them (tierProblem), any name here.
  partnerTier: checkedText([(s) => s.length <= 60, 'Partner Tier must be at most 60 characters']),
  partnerType: oneOf('Partner Type', PARTNER_TYPES, 'any type'),
  product: checkedText([(s) => s.length <= 100, 'Product must be at most 100 characters']),
  kind: oneOf('Kind', RULE_KINDS),
  rate: rateField('Rate'),
  flatAmount: shared(optionalMoneyRule('Flat Amount')),
  acceleratorThreshold: shared(optionalMoneyRule('Accelerator Threshold')),
  acceleratorRate: rateField('Accelerator Rate'),
  capPerDeal: shared(optionalMoneyRule('Cap Per Deal')),
  holdingDays: holdingDaysField,
  effectiveFrom: shared(optionalIsoDateRule('Effective From')),
  effectiveTo: shared(optionalIsoDateRule('Effective To')),
  active: oneOf('Active', RULE_ACTIVE, 'Yes'),
} as const;

type Fields = typeof FIELDS;
type Parsed = { [K in keyof Fields]?: Fields[K] extends CellRule<infer T> ? T : never };

/**
 * Reads the Commission Rules tab. A row with any problem is left out of
 * `rules` and every one of its problems reported; blank rows (no ID and no
 * name) are skipped silently. Rule IDs must be unique, since each commission
 * row records the rule that produced it.
 */
export function parseRules(rows: ReadonlyArray<RuleRow>, tierNames?: readonly string[]): { rules: CommissionRule[]; problems: RuleProblem[] } {
  const candidates: Array<{ rule: CommissionRule | null; problems: RuleProblem[]; id: string; row: number }> = [];
  for (const raw of rows) {
    const id = String(raw.id ?? '').trim();
    if (id === '' && String(raw.name ?? '').trim() === '') continue;
    const found: FieldProblem[] = [];
    if (id === '')
      found.push({
        field: 'id',
        message: 'Rule ID is missing; the tracker assigns one when it adopts the row (on the edit, with Check tracker in the add-on menu, or when it next makes commissions)',
      });
    const rule = parseRule(raw, id, found, tierNames);
    const prefix = `${id || 'A rule with no ID'} (row ${raw.row}): `;
    candidates.push({ rule, id, row: raw.row, problems: found.map((p) => ({ row: raw.row, ruleId: id, message: prefix + p.message })) });
  }

  const rowsById = new Map<string, number[]>();
  for (const c of candidates) if (c.id) rowsById.set(c.id, [...(rowsById.get(c.id) ?? []), c.row]);
  for (const c of candidates) {
    const others = (rowsById.get(c.id) ?? []).filter((r) => r !== c.row);
    if (others.length) {
      c.problems.push({
        row: c.row,
        ruleId: c.id,
        message: `${c.id} (row ${c.row}): Rule ID ${c.id} is also used on row ${listOf(others.map(String), 'and')}; each rule needs its own ID`,
      });
    }
  }

  const rules: CommissionRule[] = [];
  const problems: RuleProblem[] = [];
  for (const c of candidates) {
    if (c.problems.length) problems.push(...c.problems);
    else if (c.rule) rules.push(c.rule);
  }
  return { rules, problems };
}

/** The Active cell a rule is written with: Draft, Yes or No. */
export function activeCell(rule: Pick<CommissionRule, 'active' | 'draft'>): (typeof RULE_ACTIVE)[number] {
  return rule.draft ? 'Draft' : rule.active ? 'Yes' : 'No';
}

/** A problem and the field a person fixes it in (a cross-field one names the field most likely wrong). */
export interface FieldProblem {
  field: keyof RuleRow;
  message: string;
}

function parseRule(raw: RuleRow, id: string, found: FieldProblem[], tierNames?: readonly string[]): CommissionRule | null {
  const add = (field: keyof RuleRow, message: string) => found.push({ field, message });
  const v: Parsed = {};
  for (const key of Object.keys(FIELDS) as Array<keyof Fields>) {
    const result = (FIELDS[key] as CellRule<unknown>)(raw[key] ?? '');
    if (result.ok) (v as Record<string, unknown>)[key] = result.value;
    else for (const message of new Set(result.messages)) found.push({ field: key, message });
  }
  const tierIssue = tierNames && v.partnerTier ? tierProblem('Partner Tier', v.partnerTier, tierNames, 'any tier') : null;
  if (tierIssue) add('partnerTier', tierIssue);

  const percentage = v.kind === 'Percentage';
  const flat = v.kind === 'Flat';
  if (percentage) {
    if ('rate' in v && (v.rate === null || v.rate === undefined || v.rate <= 0 || v.rate > 1)) add('rate', 'a Percentage rule needs a rate between 0% and 100%');
    if (v.flatAmount !== null && v.flatAmount !== undefined) add('flatAmount', 'a Percentage rule takes a rate, not a flat amount; clear the Flat Amount');
  }
  if (flat) {
    if ('flatAmount' in v && (v.flatAmount === null || v.flatAmount === undefined || v.flatAmount <= 0)) add('flatAmount', 'a Flat rule needs a flat amount more than 0');
    if (v.rate !== null && v.rate !== undefined) add('rate', 'a Flat rule takes a flat amount, not a rate; clear the Rate');
  }

  const hasThreshold = v.acceleratorThreshold !== null && v.acceleratorThreshold !== undefined;
  const hasAcceleratorRate = v.acceleratorRate !== null && v.acceleratorRate !== undefined;
  if (hasThreshold || hasAcceleratorRate) {
    if (flat) add(hasThreshold ? 'acceleratorThreshold' : 'acceleratorRate', 'a Flat rule cannot have an accelerator; clear the Accelerator Threshold and Accelerator Rate');
    else if (v.ruleType === 'Bonus')
      add(
        hasThreshold ? 'acceleratorThreshold' : 'acceleratorRate',
        'a Bonus rule cannot have an accelerator (accelerators belong to Base rules); clear the Accelerator Threshold and Accelerator Rate',
      );
    if (hasThreshold !== hasAcceleratorRate && 'acceleratorThreshold' in v && 'acceleratorRate' in v) {
      add(hasThreshold ? 'acceleratorRate' : 'acceleratorThreshold', 'an accelerator needs both an Accelerator Threshold and an Accelerator Rate');
    }
    if (hasThreshold && (v.acceleratorThreshold as number) <= 0) add('acceleratorThreshold', 'Accelerator Threshold must be more than 0');
    if (hasAcceleratorRate && ((v.acceleratorRate as number) <= 0 || (v.acceleratorRate as number) > 1)) add('acceleratorRate', 'Accelerator Rate must be between 0% and 100%');
  }
  if (v.capPerDeal === 0) add('capPerDeal', 'Cap Per Deal must be more than 0 (leave it blank for no cap)');
  if (v.effectiveFrom && v.effectiveTo && v.effectiveFrom > v.effectiveTo) {
    add('effectiveTo', `Effective From (${v.effectiveFrom}) must be on or before Effective To (${v.effectiveTo})`);
  }

  if (found.length) return null;
  return {
    id,
    name: v.name as string,
    ruleType: v.ruleType as CommissionRule['ruleType'],
    partnerTier: v.partnerTier as string,
    partnerType: v.partnerType as string,
    product: v.product as string,
    kind: v.kind as CommissionRule['kind'],
    rate: percentage ? (v.rate as number) : null,
    flatAmountCents: flat ? (v.flatAmount as number) : null,
    acceleratorThresholdCents: v.acceleratorThreshold ?? null,
    acceleratorRate: v.acceleratorRate ?? null,
    capPerDealCents: v.capPerDeal ?? null,
    holdingDays: v.holdingDays ?? null,
    effectiveFrom: v.effectiveFrom as string,
    effectiveTo: v.effectiveTo as string,
    active: v.active !== 'No' && v.active !== 'Draft',
    draft: v.active === 'Draft',
    row: raw.row,
  };
}

/**
 * What the sidebar's rule builder sends: the form's fields as typed (rates as percentages,
 * "10" or "10%"; money as "12,500.50"). The builder and apiSaveRule check it with
 * checkRuleDraft, the very rules a typed row is read with (parseRules), so both say the same.
 */
export interface RuleDraft {
  /** '' for a new rule. */
  id: string;
  name: string;
  ruleType: string;
  kind: string;
  rate: string;
  flatAmount: string;
  acceleratorThreshold: string;
  acceleratorRate: string;
  capPerDeal: string;
  holdingDays: string;
  partnerTier: string;
  partnerType: string;
  product: string;
  effectiveFrom: string;
  effectiveTo: string;
  active: string;
  notes: string;
}

export const RULE_DRAFT_FIELDS = [
  'id',
  'name',
  'ruleType',
  'kind',
  'rate',
  'flatAmount',
  'acceleratorThreshold',
  'acceleratorRate',
  'capPerDeal',
  'holdingDays',
  'partnerTier',
  'partnerType',
  'product',
  'effectiveFrom',
  'effectiveTo',
  'active',
  'notes',
] as const satisfies ReadonlyArray<keyof RuleDraft>;

/** A percentage as typed in the builder ("10" means 10%), as a Rate cell's text reads. */
const asPercent = (typed: string): string => {
  const t = typed.trim();
  return t === '' || t.endsWith('%') ? t : `${t}%`;
};

/** The draft as the row it would be (row 0: not in the sheet yet). */
export function draftToRow(draft: RuleDraft): RuleRow {
  return {
    row: 0,
    id: draft.id.trim(),
    name: draft.name,
    ruleType: draft.ruleType,
    partnerTier: draft.partnerTier,
    partnerType: draft.partnerType,
    product: draft.product,
    kind: draft.kind,
    rate: asPercent(draft.rate),
    flatAmount: draft.flatAmount,
    acceleratorThreshold: draft.acceleratorThreshold,
    acceleratorRate: asPercent(draft.acceleratorRate),
    capPerDeal: draft.capPerDeal,
    holdingDays: draft.holdingDays,
    effectiveFrom: draft.effectiveFrom.trim(),
    effectiveTo: draft.effectiveTo.trim(),
    active: draft.active,
  };
}

export type CheckedDraft = { ok: true; rule: CommissionRule } | { ok: false; errors: Partial<Record<keyof RuleDraft, string>> };

/** The builder's check, in the browser and on the server: the rule, or the first problem of each field. */
export function checkRuleDraft(draft: RuleDraft, tierNames?: readonly string[]): CheckedDraft {
  const found: FieldProblem[] = [];
  const row = draftToRow(draft);
  const rule = parseRule(row, row.id, found, tierNames);
  const errors: Partial<Record<keyof RuleDraft, string>> = {};
  if (draft.notes.length > 2000) errors.notes = 'Notes must be at most 2000 characters';
  if (rule && !Object.keys(errors).length) return { ok: true, rule };
  for (const p of found) {
    const field = (p.field === 'row' ? 'name' : p.field) as keyof RuleDraft;
    errors[field] ??= sentenceCase(p.message);
  }
  return { ok: false, errors };
}

const sentenceCase = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "a", "a or b", "a, b or c". */
export function listOf(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

import { RuleRow, listOf, parseRules } from '../commissions';
import { CommissionRule } from '../commissions/types';
import { RULE_ACTIVE } from '../enums';
import { FieldChange, MIGRATION_ID, MIGRATION_ID_RULE, PlannedRow, centsText, given, isoDateOf, skipped } from './plan-types';

/**
 * Commission rules from a file: each row checked by the same parser the commission engine
 * reads the Commission Rules tab with (parseRules), matched to a rule on the tab by Rule ID,
 * else by Name and Effective From, and planned as a create, an update of the fields that
 * differ, unchanged, or a skip with every reason.
 */
export interface ExistingRule extends RuleRow {
  notes: string;
  active: string;
}

/** A rule as written: rates as fractions, money in cents, '' or null for blank. */
export interface RuleValues {
  id: string;
  name: string;
  ruleType: string;
  partnerTier: string;
  partnerType: string;
  product: string;
  kind: string;
  rate: number | null;
  flatAmount: number | null;
  acceleratorThreshold: number | null;
  acceleratorRate: number | null;
  capPerDeal: number | null;
  holdingDays: number | null;
  effectiveFrom: string;
  effectiveTo: string;
  notes: string;
  active: string;
}

export interface RulePlan {
  rows: PlannedRow[];
  creates: RuleValues[];
  updates: Array<{ row: number; id: string; values: Partial<RuleValues> }>;
}

const FIELDS = [
  'name',
  'ruleType',
  'partnerTier',
  'partnerType',
  'product',
  'kind',
  'rate',
  'flatAmount',
  'acceleratorThreshold',
  'acceleratorRate',
  'capPerDeal',
  'holdingDays',
  'effectiveFrom',
  'effectiveTo',
  'notes',
  'active',
] as const;
type RuleField = (typeof FIELDS)[number];
const LABELS: Record<RuleField, string> = {
  name: 'Name',
  ruleType: 'Rule Type',
  partnerTier: 'Partner Tier',
  partnerType: 'Partner Type',
  product: 'Product',
  kind: 'Kind',
  rate: 'Rate',
  flatAmount: 'Flat Amount',
  acceleratorThreshold: 'Accelerator Threshold',
  acceleratorRate: 'Accelerator Rate',
  capPerDeal: 'Cap Per Deal',
  holdingDays: 'Holding Days',
  effectiveFrom: 'Effective From',
  effectiveTo: 'Effective To',
  notes: 'Notes',
  active: 'Active',
};
const VOCAB: Partial<Record<RuleField, readonly string[]>> = {
  ruleType: ['Base', 'Bonus'],
  kind: ['Percentage', 'Flat'],
  partnerTier: ['Registered', 'Silver', 'Gold', 'Platinum'],
  partnerType: ['Referral', 'Reseller', 'Affiliate'],
  active: RULE_ACTIVE,
};

function canonical(field: RuleField, text: string): string {
  if (field === 'effectiveFrom' || field === 'effectiveTo') return isoDateOf(text);
  const list = VOCAB[field];
  return list?.find((v) => v.toLowerCase() === text.trim().toLowerCase()) ?? text;
}

export function planRules(lines: ReadonlyArray<{ line: number; values: Readonly<Record<string, string>> }>, existing: readonly ExistingRule[], newId: () => string): RulePlan {
  const plan: RulePlan = { rows: [], creates: [], updates: [] };
  const byId = new Map(existing.filter((r) => r.id).map((r) => [r.id, r]));
  const byNameFrom = new Map(existing.map((r) => [naturalKey(r.name, String(r.effectiveFrom)), r]));
  const claimed = new Map<string, number>();
  for (const { line, values } of lines) {
    const label = values.name || `line ${line}`;
    const problems: string[] = [];
    const fileId = values.id ?? '';
    if (fileId && !MIGRATION_ID.test(fileId)) problems.push(`Rule ID "${fileId}" cannot be used: ${MIGRATION_ID_RULE}.`);
    const typed: Record<string, string> = {};
    for (const [k, v] of Object.entries(given(values, FIELDS))) typed[k] = canonical(k as RuleField, v);
    const match = (fileId && byId.get(fileId)) || (!fileId ? byNameFrom.get(naturalKey(typed.name ?? '', typed.effectiveFrom ?? '')) : undefined) || undefined;
    const merged: Record<string, unknown> = { ...(match ? { ...match, effectiveFrom: match.effectiveFrom, effectiveTo: match.effectiveTo } : {}), ...typed };
    if (merged.active !== undefined && merged.active !== '' && !RULE_ACTIVE.includes(String(merged.active) as 'Yes')) problems.push(`Active must be ${listOf(RULE_ACTIVE, 'or')}, or blank for Yes.`);
    const parsed = parseRules([{ ...emptyRow(), ...merged, id: 'R-000000', row: line } as RuleRow]);
    // The parser's messages start "R-000000 (row N): " for the sheet; the preview names the line itself.
    for (const p of parsed.problems) problems.push(`${p.message.replace(/^[^:]*: /, '')}.`);
    const key = naturalKey(typed.name ?? match?.name ?? '', typed.effectiveFrom ?? String(match?.effectiveFrom ?? ''));
    const keys = [fileId ? `id:${fileId}` : '', match ? `id:${match.id}` : '', key].filter(Boolean);
    const earlier = keys.map((k) => claimed.get(k)).find((n) => n !== undefined);
    if (earlier !== undefined) problems.push(`Line ${earlier} already imports this rule (same ${fileId ? 'Rule ID' : 'Name and Effective From'}); keep one row per rule.`);
    const rule = parsed.rules[0];
    if (problems.length || !rule) {
      plan.rows.push(skipped(line, label, problems));
      continue;
    }
    for (const k of keys) claimed.set(k, line);
    const after = ruleValues(match?.id ?? (fileId || newId()), rule, String(merged.notes ?? ''), String(merged.active ?? ''));
    claimed.set(`id:${after.id}`, line);
    if (!match) {
      plan.creates.push(after);
      plan.rows.push({ line, action: 'create', recordId: after.id, label: after.name, problems: [], notes: [], changes: [] });
      continue;
    }
    const old = parseRules([{ ...match, id: 'R-000000' }]).rules[0];
    const before = old ? ruleValues(match.id, old, match.notes, match.active) : null;
    const changes: FieldChange[] = [];
    const updated: Partial<RuleValues> = {};
    for (const field of FIELDS) {
      if (!(field in typed)) continue;
      const from = before ? shown(field, before[field]) : String((match as unknown as Record<string, unknown>)[field] ?? '');
      const to = shown(field, after[field]);
      if (from === to) continue;
      changes.push({ field: LABELS[field], from, to });
      (updated as Record<string, unknown>)[field] = after[field];
    }
    if (changes.length) plan.updates.push({ row: match.row, id: match.id, values: updated });
    plan.rows.push({ line, action: changes.length ? 'update' : 'unchanged', recordId: match.id, label: match.name, problems: [], notes: [], changes });
  }
  return plan;
}

const naturalKey = (name: string, from: string) => `nf:${name.trim().toLowerCase()}|${from}`;

function emptyRow(): Omit<RuleRow, 'row'> {
  return {
    id: '',
    name: '',
    ruleType: '',
    partnerTier: '',
    partnerType: '',
    product: '',
    kind: '',
    rate: '',
    flatAmount: '',
    acceleratorThreshold: '',
    acceleratorRate: '',
    capPerDeal: '',
    holdingDays: '',
    effectiveFrom: '',
    effectiveTo: '',
  };
}

function ruleValues(id: string, rule: CommissionRule, notes: string, active: string): RuleValues {
  return {
    id,
    name: rule.name,
    ruleType: rule.ruleType,
    partnerTier: rule.partnerTier,
    partnerType: rule.partnerType,
    product: rule.product,
    kind: rule.kind,
    rate: rule.rate,
    flatAmount: rule.flatAmountCents,
    acceleratorThreshold: rule.acceleratorThresholdCents,
    acceleratorRate: rule.acceleratorRate,
    capPerDeal: rule.capPerDealCents,
    holdingDays: rule.holdingDays,
    effectiveFrom: rule.effectiveFrom,
    effectiveTo: rule.effectiveTo,
    notes,
    active,
  };
}

/** A value as a change shows it: rates as percentages, money with two decimals. */
function shown(field: RuleField, value: string | number | null): string {
  if (value === null || value === '') return '';
  if (field === 'rate' || field === 'acceleratorRate') return `${Number(((value as number) * 100).toFixed(4))}%`;
  if (field === 'flatAmount' || field === 'acceleratorThreshold' || field === 'capPerDeal') return centsText(value as number);
  return String(value);
}

import { tierNamesOf } from '../tiers/tier-store';
import { auditedWrite } from '../audit/audit-intent';
import { AuditEntry } from '../domain/audit-chain';
import { CommissionRule, RuleDraft, RuleRow, activeCell, checkRuleDraft, parseRules, ruleExample, ruleSummary } from '../domain/commissions';
import { addDays } from '../domain/fields';
import { InputError } from '../domain/input-error';
import { RuleProblemView, RuleView, RulesList, SaveRuleResult } from '../sidebar-api/contract';
import { whyNot, requireRole } from '../team/access';
import { CellValue, dateCell, moneyCell, readText, textCell, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { withDocumentLock } from '../tracker/lock';
import { readList, readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { readRuleRows } from './commission-store';

/**
 * The sidebar's rule builder on the Commission Rules tab: the rules in plain words, and saving
 * one the builder checked (checkRuleDraft, the same check a typed row gets).
 *
 * Past commissions never change. A rule that has made no commission lines is edited in place.
 * One that has: its name, notes, Active and Effective To change in place (they touch no line
 * already written); a change to what it pays or to whom is saved as a new rule from the draft's
 * Effective From, and the old rule ends the day before — or refused, with the reason, when the
 * draft has no Effective From after the old rule's.
 */
const ENDLESS_FIELDS = new Set(['name', 'notes', 'active', 'effectiveTo']);

interface StoredRule {
  row: RuleRow;
  notes: string;
  /** Parsed, or null when the row has problems. */
  rule: CommissionRule | null;
}

interface Snapshot {
  table: TrackerTable<'rules'>;
  stored: StoredRule[];
  problems: ReturnType<typeof parseRules>['problems'];
  commissions: Map<string, number>;
}

function snapshot(ctx: TrackerContext): Snapshot {
  const table = TrackerTable.open(ctx.ss, 'rules');
  const rows = readRuleRows(ctx.ss, ctx.timeZone);
  const notes = table.readColumns(['notes'] as const).notes;
  const { rules, problems } = parseRules(rows, tierNamesOf(ctx.ss));
  const byRow = new Map(rules.map((r) => [r.row, r]));
  const stored = rows.map((row, i) => ({ row, notes: readText(notes[i]), rule: byRow.get(row.row) ?? null }));
  const commissions = new Map<string, number>();
  for (const id of TrackerTable.open(ctx.ss, 'commissions').readColumns(['ruleId'] as const).ruleId) {
    const key = readText(id);
    if (key) commissions.set(key, (commissions.get(key) ?? 0) + 1);
  }
  return { table, stored, problems, commissions };
}

function view(rule: CommissionRule, notes: string, currency: string, commissions: number): RuleView {
  const units = (cents: number | null) => (cents === null ? null : cents / 100);
  return {
    id: rule.id,
    name: rule.name,
    ruleType: rule.ruleType,
    kind: rule.kind,
    rate: rule.rate,
    flatAmount: units(rule.flatAmountCents),
    acceleratorThreshold: units(rule.acceleratorThresholdCents),
    acceleratorRate: rule.acceleratorRate,
    capPerDeal: units(rule.capPerDealCents),
    holdingDays: rule.holdingDays,
    partnerTier: rule.partnerTier,
    partnerType: rule.partnerType,
    product: rule.product,
    effectiveFrom: rule.effectiveFrom,
    effectiveTo: rule.effectiveTo,
    active: rule.active,
    draft: rule.draft,
    notes,
    row: rule.row,
    summary: ruleSummary(rule, currency),
    example: ruleExample(rule, currency),
    commissions,
  };
}

export function listRules(ctx: TrackerContext): RulesList {
  const settings = readSettings(ctx.ss).settings;
  const { stored, problems, commissions } = snapshot(ctx);
  const rules = stored.flatMap((s) => (s.rule ? [view(s.rule, s.notes, settings.currency, commissions.get(s.rule.id) ?? 0)] : []));
  const broken = new Map<number, RuleProblemView>();
  for (const p of problems) {
    const name = stored.find((s) => s.row.row === p.row)?.row.name ?? '';
    const entry = broken.get(p.row) ?? { row: p.row, ruleId: p.ruleId, name, problems: [] };
    entry.problems.push(p.message);
    broken.set(p.row, entry);
  }
  const why = whyNot(ctx, 'manageRules');
  return {
    rules,
    problems: [...broken.values()],
    currency: settings.currency,
    defaultHoldingDays: settings.holdingDays,
    products: readList(ctx.ss, 'products'),
    tiers: tierNamesOf(ctx.ss),
    today: todayIn(ctx.timeZone, ctx.now),
    canEdit: why === null,
    whyNot: why,
  };
}

/** A rule's cells as the tracker writes them (rates as fractions, money in units, text neutralised). */
function cellsOf(rule: CommissionRule, notes: string): Record<string, CellValue> {
  return {
    name: textCell(rule.name),
    ruleType: rule.ruleType,
    partnerTier: rule.partnerTier,
    partnerType: rule.partnerType,
    product: textCell(rule.product),
    kind: rule.kind,
    rate: rule.rate ?? '',
    flatAmount: moneyCell(rule.flatAmountCents),
    acceleratorThreshold: moneyCell(rule.acceleratorThresholdCents),
    acceleratorRate: rule.acceleratorRate ?? '',
    capPerDeal: moneyCell(rule.capPerDealCents),
    holdingDays: rule.holdingDays ?? '',
    effectiveFrom: dateCell(rule.effectiveFrom),
    effectiveTo: dateCell(rule.effectiveTo),
    notes: textCell(notes),
    active: activeCell(rule),
  };
}

function differing(before: Record<string, CellValue>, after: Record<string, CellValue>): string[] {
  return Object.keys(after).filter((k) => String(before[k] ?? '') !== String(after[k]));
}

export function saveRule(ctx: TrackerContext, draft: RuleDraft): SaveRuleResult {
  const checked = checkRuleDraft(draft, tierNamesOf(ctx.ss));
  if (!checked.ok) throw new InputError('Some fields need attention.', checked.errors as Record<string, string>);
  return withDocumentLock(ctx.ss, () => {
    requireRole(ctx, 'manageRules');
    const products = readList(ctx.ss, 'products');
    const wanted = checked.rule;
    if (wanted.product && !products.includes(wanted.product)) {
      throw InputError.field('product', `Product "${wanted.product}" is not on the Lists tab (${products.join(', ') || 'no products yet'}): add it there first, or leave it blank for any product`);
    }
    const snap = snapshot(ctx);
    if (!snap.table.has('active')) throw new InputError('The Commission Rules tab has no Active column yet: ask the owner to run Set up tracker (Extensions › Partnership Tracker), then save again.');
    const currency = readSettings(ctx.ss).settings.currency;
    const notes = draft.notes.trim();
    const after = cellsOf(wanted, notes);
    // The same rule already on the tab (a retried save, or a twin that would tie with it): that rule is the answer.
    const twin = snap.stored.find((s) => s.rule && s.rule.id !== wanted.id && differing(cellsOf(s.rule, s.notes), after).length === 0);
    if (twin?.rule)
      return {
        rule: view(twin.rule, twin.notes, currency, snap.commissions.get(twin.rule.id) ?? 0),
        created: false,
        replaced: null,
        message: `${twin.rule.id} already says exactly this; nothing was changed.`,
      };
    const base = { at: ctx.now, user: ctx.actor, source: ctx.source, tab: snap.table.name };

    if (!wanted.id) return createRule(ctx, snap, wanted, notes, currency, base, null);

    const matches = snap.stored.filter((s) => s.row.id === wanted.id);
    if (matches.length === 0) throw InputError.field('id', `There is no rule ${wanted.id} on the Commission Rules tab; it may have been deleted. Reload the rules.`);
    if (matches.length > 1) throw InputError.field('id', `${wanted.id} is used on rows ${matches.map((m) => m.row.row).join(' and ')}; give one of them another ID on the tab first.`);
    const existing = matches[0];
    const before = existing.rule ? cellsOf(existing.rule, existing.notes) : {};
    const changed = differing(before, after);
    const used = snap.commissions.get(wanted.id) ?? 0;
    if (changed.length === 0) return { rule: view(wanted, notes, currency, used), created: false, replaced: null, message: `${wanted.id} already says this; nothing was changed.` };

    if (used > 0 && existing.rule && changed.some((k) => !ENDLESS_FIELDS.has(k))) {
      const old = existing.rule;
      if (!wanted.effectiveFrom || (old.effectiveFrom && wanted.effectiveFrom <= old.effectiveFrom)) {
        throw InputError.field(
          'effectiveFrom',
          `${old.id} has made ${used} commission line${used === 1 ? '' : 's'}, and past commissions never change: set Effective From to the first close date the new terms apply to${old.effectiveFrom ? ` (after ${old.effectiveFrom})` : ''}. The tracker then ends ${old.id} the day before and saves the new terms as a new rule.`,
        );
      }
      return createRule(ctx, snap, { ...wanted, id: '' }, notes, currency, base, { old, row: existing.row.row });
    }

    const writes = Object.fromEntries(changed.map((k) => [k, after[k]]));
    const audit: AuditEntry[] = changed.map((k) => ({ ...base, range: `row ${existing.row.row}`, recordId: wanted.id, field: k, oldValue: String(before[k] ?? ''), newValue: String(after[k]) }));
    auditedWrite(ctx, audit, () => snap.table.writeCells(existing.row.row, writes));
    return { rule: view({ ...wanted, row: existing.row.row }, notes, currency, used), created: false, replaced: null, message: `Saved ${wanted.id}.` };
  });
}

/** Appends the rule with the next R- ID; when it replaces `replacing`, that rule ends the day before the new one starts. */
function createRule(
  ctx: TrackerContext,
  snap: Snapshot,
  wanted: CommissionRule,
  notes: string,
  currency: string,
  base: Pick<AuditEntry, 'at' | 'user' | 'source' | 'tab'>,
  replacing: { old: CommissionRule; row: number } | null,
): SaveRuleResult {
  const ids = new IdAllocator(
    'R-',
    snap.stored.map((s) => s.row.id),
    ctx.properties,
  );
  const id = ids.take();
  const row = snap.table.lastRow() + 1;
  const rule: CommissionRule = { ...wanted, id, row };
  const summary = ruleSummary(rule, currency);
  const audit: AuditEntry[] = [{ ...base, range: `row ${row}`, recordId: id, field: '(new rule)', oldValue: '', newValue: `${rule.name}: ${summary}` }];
  const endOld = replacing ? addDays(wanted.effectiveFrom, -1) : '';
  const ends = replacing && (!replacing.old.effectiveTo || replacing.old.effectiveTo > endOld);
  if (replacing && ends) {
    audit.push({ ...base, range: `row ${replacing.row}`, recordId: replacing.old.id, field: 'effectiveTo', oldValue: replacing.old.effectiveTo, newValue: `${endOld} (replaced by ${id})` });
  }
  auditedWrite(ctx, audit, () => {
    if (replacing && ends) snap.table.writeCells(replacing.row, { effectiveTo: dateCell(endOld) });
    snap.table.append([{ id, ...cellsOf(rule, notes) }]);
    ids.commit();
  });
  const message = replacing
    ? `${replacing.old.id} has made commissions, so its new terms are a new rule, ${id}, from ${wanted.effectiveFrom}${ends ? `; ${replacing.old.id} now ends ${endOld}` : ''}. Past commissions are unchanged.`
    : `Added ${id}.`;
  return { rule: view(rule, notes, currency, 0), created: true, replaced: replacing ? replacing.old.id : null, message };
}

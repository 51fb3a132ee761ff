import { COMMISSION_STATUSES } from '../domain/enums';
import { CommissionLine } from '../domain/commissions/types';
import { RuleRow } from '../domain/commissions';
import { reference } from '../tracker/reference';
import { columnLetter } from '../tracker/a1';
import { CellValue, moneyCell, readCents, readIsoDate, readText, utcDateTimeCell } from '../tracker/cells';
import { findRows } from '../tracker/lookup';
import { TrackerTable } from '../tracker/table';

/**
 * The Commission Rules and Commissions tabs. A commission's Amount cell is a
 * formula over its own row's Deal Amount and Rate, so anyone can see how it is
 * computed; the edit trigger restores it if someone overwrites it.
 */
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

export interface StoredCommission {
  row: number;
  id: string;
  leadId: string;
  partnerId: string;
  ruleId: string;
  kind: string;
  dealAmountCents: number | null;
  rate: number | null;
  amountCents: number | null;
  status: string;
  payableOn: string;
  approvedBy: string;
  payoutId: string;
  voidReason: string;
  /** Why the row does not count (changed by hand, not written by the tracker), or null. */
  held: string | null;
  /** The row's sealed fields as read: the base a write reseals from. */
  base: Record<string, CellValue>;
}

const RULE_KEYS = [
  'id',
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
  'active',
] as const;

/** The rules through the reference data: read once per execution, cached between runs (dropped on every edit and tracker write of the tab). */
export function cachedRuleRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): RuleRow[] {
  const ref = reference(ss);
  return ref.ruleRows(() => readRuleRows(ss, ref.timeZone()));
}

export function readRuleRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): RuleRow[] {
  const table = TrackerTable.open(ss, 'rules');
  // Active came with schema 8: a tracker not yet upgraded reads every rule as active.
  const cols = table.readColumns(RULE_KEYS, ['active']);
  const rows: RuleRow[] = [];
  for (let i = 0; i < table.rowCount(); i++) rows.push(ruleRowOf(i + 2, (k) => cols[k][i], timeZone));
  return rows;
}

/** One Commission Rules row as the rule parser reads it. */
export function ruleRowOf(row: number, cell: (key: (typeof RULE_KEYS)[number]) => CellValue | undefined, timeZone: string): RuleRow & { active: string } {
  const num = (v: unknown): number | string => (typeof v === 'number' ? v : readText(v));
  const date = (v: CellValue | undefined) => readIsoDate(v, timeZone) || readText(v);
  return {
    row,
    id: readText(cell('id')),
    name: readText(cell('name')),
    ruleType: readText(cell('ruleType')),
    partnerTier: readText(cell('partnerTier')),
    partnerType: readText(cell('partnerType')),
    product: readText(cell('product')),
    kind: readText(cell('kind')),
    rate: num(cell('rate')),
    flatAmount: num(cell('flatAmount')),
    acceleratorThreshold: num(cell('acceleratorThreshold')),
    acceleratorRate: num(cell('acceleratorRate')),
    capPerDeal: num(cell('capPerDeal')),
    holdingDays: num(cell('holdingDays')),
    effectiveFrom: date(cell('effectiveFrom')),
    effectiveTo: date(cell('effectiveTo')),
    active: readText(cell('active')),
  };
}

const COMMISSION_KEYS = ['id', 'leadId', 'partnerId', 'ruleId', 'kind', 'dealAmount', 'rate', 'amount', 'status', 'payableOn', 'approvedBy', 'payoutId', 'voidReason'] as const;

export function readCommissions(table: TrackerTable, timeZone: string): StoredCommission[] {
  const sealKeys = table.sealKeys();
  const cols = table.readColumns([...COMMISSION_KEYS, ...sealKeys]) as Record<string, CellValue[]>;
  const out: StoredCommission[] = [];
  for (let i = 0; i < table.rowCount(); i++) {
    const line = recordToCommission(table, i + 2, Object.fromEntries([...COMMISSION_KEYS, ...sealKeys].map((k) => [k, cols[k][i]])), timeZone);
    if (line) out.push(line);
  }
  return out;
}

/** A lead's commission lines (its Lead ID searched, the rows read): the same cost on a tab of any length. */
export function commissionsOfLead(table: TrackerTable, leadId: string, timeZone: string): StoredCommission[] {
  return findRows(table, 'leadId', leadId).flatMap(({ row, record }) => recordToCommission(table, row, record, timeZone) ?? []);
}

/** One row as a commission line (null when it has no ID). */
function recordToCommission(table: TrackerTable, row: number, record: Readonly<Record<string, CellValue | undefined>>, timeZone: string): StoredCommission | null {
  const id = readText(record.id);
  if (!id) return null;
  const rate = record.rate;
  const base = Object.fromEntries(table.sealKeys().map((k) => [k, record[k] as CellValue]));
  return {
    row,
    id,
    leadId: readText(record.leadId),
    partnerId: readText(record.partnerId),
    ruleId: readText(record.ruleId),
    kind: readText(record.kind),
    dealAmountCents: readCents(record.dealAmount),
    rate: typeof rate === 'number' ? rate : null,
    amountCents: readCents(record.amount),
    status: readText(record.status),
    payableOn: readIsoDate(record.payableOn, timeZone),
    approvedBy: readText(record.approvedBy),
    payoutId: readText(record.payoutId),
    voidReason: readText(record.voidReason),
    held: table.heldReason(base),
    base,
  };
}

/** The Amount formula's cell references for a sheet row. */
export function formulaRefs(table: TrackerTable, row: number): { dealAmount: string; rate: string } {
  return { dealAmount: `${columnLetter(table.column('dealAmount'))}${row}`, rate: `${columnLetter(table.column('rate'))}${row}` };
}

/** A commission line's cells, with its Amount formula for the given sheet row. */
export function lineCells(
  table: TrackerTable,
  row: number,
  line: CommissionLine,
  meta: { id: string; leadId: string; partnerId: string; status: CommissionStatus; now: Date; approvedBy?: string },
  formula: (line: CommissionLine, refs: { dealAmount: string; rate: string }) => string,
): Record<string, CellValue> {
  return {
    id: meta.id,
    leadId: meta.leadId,
    partnerId: meta.partnerId,
    ruleId: line.ruleId,
    kind: line.kind,
    dealAmount: moneyCell(line.dealAmountCents),
    rate: line.rate === null ? '' : line.rate,
    amount: formula(line, formulaRefs(table, row)),
    status: meta.status,
    payableOn: line.payableOn,
    approvedBy: meta.approvedBy ?? '',
    approvedAt: meta.approvedBy ? utcDateTimeCell(meta.now) : '',
    payoutId: '',
    voidReason: '',
    createdAt: utcDateTimeCell(meta.now),
  };
}

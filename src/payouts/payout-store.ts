import { PartnerInfo, PayoutLine, Period } from '../domain/payouts/types';
import { readPartners } from '../partners/partner-store';
import { TrackerContext } from '../tracker/context';
import { CellValue, readCents, readIsoDate, readText, readUtcDateTime } from '../tracker/cells';
import { TrackerTable } from '../tracker/table';

/**
 * The tabs a payout run reads and writes: Commissions (as payout lines),
 * Payouts (one row per partner per period) and Payout Runs (one per period).
 */
export interface StoredPayout {
  row: number;
  id: string;
  periodStart: string;
  periodEnd: string;
  partnerId: string;
  grossCents: number;
  clawbackCents: number;
  netCents: number;
  lines: number;
  status: string;
  paidAt: Date | null;
  paymentReference: string;
  statementSentAt: string;
  approvedBy: string;
  /** Why the row does not count (changed by hand, not written by the tracker), or null. */
  held: string | null;
  /** The row's sealed fields as read: the base a write reseals from. */
  base: Record<string, CellValue>;
}

export interface StoredRun {
  row: number;
  periodStart: string;
  periodEnd: string;
  status: string;
  /**
   * The status the row's seal confirms when Status is the only field that
   * differs from it (a run stopped between writing Complete and its seal, or a
   * hand edit the tracker has not put back yet); null otherwise.
   */
  sealedStatus: string | null;
  summarySentAt: string;
  total: number | null;
  label: string;
  notes: string;
  held: string | null;
  base: Record<string, CellValue>;
}

export type StoredPayoutLine = PayoutLine & {
  row: number;
  held: string | null;
  base: Record<string, CellValue>;
  /**
   * The payout ID the line's seal confirms when Payout ID is the only field
   * that differs from it (a run stopped between stamping the lines and
   * sealing them, or a hand edit not yet put back); null otherwise.
   */
  sealedPayoutId: string | null;
};

export interface CommissionRows {
  table: TrackerTable<'commissions'>;
  /** Every line, held ones included (with their reason): a run pays only lines whose `held` is null. */
  lines: StoredPayoutLine[];
}

export function readPayoutLines(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): CommissionRows {
  const table = TrackerTable.open(ss, 'commissions');
  const sealKeys = table.sealKeys();
  const cols = table.readColumns(['id', 'leadId', 'partnerId', 'ruleId', 'kind', 'dealAmount', 'rate', 'amount', 'status', 'payableOn', 'payoutId', ...sealKeys]) as Record<string, CellValue[]>;
  const leads = TrackerTable.open(ss, 'leads').readColumns(['id', 'company'] as const);
  const companies = new Map(leads.id.map((id, i) => [readText(id), readText(leads.company[i])]));
  const lines: StoredPayoutLine[] = [];
  for (let i = 0; i < cols.id.length; i++) {
    const id = readText(cols.id[i]);
    if (!id) continue;
    const kind = readText(cols.kind[i]);
    if (kind !== 'Base' && kind !== 'Bonus' && kind !== 'Clawback') continue;
    const rate = cols.rate[i];
    const base = Object.fromEntries(sealKeys.map((k) => [k, cols[k][i]]));
    lines.push({
      ...heldOrSealed(table, base, 'payoutId'),
      row: i + 2,
      id,
      leadId: readText(cols.leadId[i]),
      company: companies.get(readText(cols.leadId[i])) ?? '',
      partnerId: readText(cols.partnerId[i]),
      kind,
      ruleId: readText(cols.ruleId[i]),
      rate: typeof rate === 'number' ? rate : null,
      dealAmountCents: readCents(cols.dealAmount[i]) ?? 0,
      amountCents: readCents(cols.amount[i]) ?? 0,
      payableOn: readIsoDate(cols.payableOn[i], timeZone),
      status: readText(cols.status[i]),
      payoutId: readText(cols.payoutId[i]),
    });
  }
  return { table, lines };
}

export function readPayouts(table: TrackerTable<'payouts'>, timeZone: string): StoredPayout[] {
  const sealKeys = table.sealKeys();
  const cols = table.readColumns(
    ['id', 'periodStart', 'periodEnd', 'partnerId', 'gross', 'clawbacks', 'net', 'lines', 'status', 'paidAt', 'paymentReference', 'statementSentAt', 'approvedBy', ...sealKeys],
    ['statementSentAt'],
  ) as Record<string, CellValue[]>;
  const out: StoredPayout[] = [];
  for (let i = 0; i < cols.id.length; i++) {
    const id = readText(cols.id[i]);
    if (!id) continue;
    out.push({
      row: i + 2,
      id,
      periodStart: readIsoDate(cols.periodStart[i], timeZone),
      periodEnd: readIsoDate(cols.periodEnd[i], timeZone),
      partnerId: readText(cols.partnerId[i]),
      grossCents: readCents(cols.gross[i]) ?? 0,
      clawbackCents: readCents(cols.clawbacks[i]) ?? 0,
      netCents: readCents(cols.net[i]) ?? 0,
      lines: Number(cols.lines[i]) || 0,
      status: readText(cols.status[i]),
      paidAt: readUtcDateTime(cols.paidAt[i], timeZone),
      paymentReference: readText(cols.paymentReference[i]),
      statementSentAt: readText(cols.statementSentAt[i]),
      approvedBy: readText(cols.approvedBy[i]),
      ...sealed(table, sealKeys, cols, i),
    });
  }
  return out;
}

function sealed(table: TrackerTable, sealKeys: readonly string[], cols: Record<string, CellValue[]>, i: number): { held: string | null; base: Record<string, CellValue> } {
  const base = Object.fromEntries(sealKeys.map((k) => [k, cols[k][i]]));
  return { held: table.heldReason(base), base };
}

export function readRuns(table: TrackerTable<'runs'>, timeZone: string): StoredRun[] {
  const sealKeys = table.sealKeys();
  const cols = table.readColumns(['periodStart', 'periodEnd', 'status', 'summarySentAt', 'total', 'label', 'notes', ...sealKeys]) as Record<string, CellValue[]>;
  const out: StoredRun[] = [];
  for (let i = 0; i < cols.periodStart.length; i++) {
    const periodStart = readIsoDate(cols.periodStart[i], timeZone);
    if (!periodStart) continue;
    out.push({
      row: i + 2,
      periodStart,
      periodEnd: readIsoDate(cols.periodEnd[i], timeZone),
      status: readText(cols.status[i]),
      summarySentAt: readText(cols.summarySentAt[i] as CellValue),
      total: readCents(cols.total[i]),
      label: readText(cols.label[i]),
      notes: readText(cols.notes[i]),
      ...runSeal(table, Object.fromEntries(sealKeys.map((k) => [k, cols[k][i]]))),
    });
  }
  return out;
}

function heldOrSealed(table: TrackerTable, base: Record<string, CellValue>, field: string): { held: string | null; base: Record<string, CellValue>; sealedPayoutId: string | null } {
  const held = table.heldReason(base);
  return { held, base, sealedPayoutId: held ? onlyAltered(table, base, field) : null };
}

function runSeal(table: TrackerTable, base: Record<string, CellValue>): { held: string | null; base: Record<string, CellValue>; sealedStatus: string | null } {
  const held = table.heldReason(base);
  return { held, base, sealedStatus: held ? onlyAltered(table, base, 'status') : null };
}

/** What the row's seal confirms for `field` when that field is the only one that differs from the seal; null otherwise. */
function onlyAltered(table: TrackerTable, record: Record<string, CellValue>, field: string): string | null {
  const seal = table.verify(record);
  if (seal.state !== 'sealed' || !seal.confirmed || seal.altered.length !== 1 || seal.altered[0] !== field) return null;
  return seal.confirmed[field];
}

export function runFor(runs: readonly StoredRun[], period: Period): StoredRun | undefined {
  return runs.find((r) => r.periodStart === period.start && r.periodEnd === period.end);
}

/** Each partner's ID, name and statement address, by ID. */
export function partnerInfo(ctx: TrackerContext): Map<string, PartnerInfo> {
  return new Map(readPartners(ctx.ss, ctx.timeZone).map((p) => [p.id, { id: p.id, name: p.name, email: p.contactEmail }]));
}

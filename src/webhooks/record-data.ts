import { RecordKind } from '../domain/webhooks/events';
import { CellValue, readCents, readIsoDate, readText, readUtcDateTime } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';

/**
 * The `data` of a webhook: the record's public fields as they are when the run finds the event
 * (a "full" payload in the specification's words, so the receiver needs no API). Money is integer
 * cents (a clawback line's amount is negative), dates are YYYY-MM-DD, instants ISO UTC. Left out:
 * people's emails and names, notes and status reasons (free text that may name another partner's
 * deal), and the tracker's bookkeeping columns.
 */
type Reader = 'text' | 'cents' | 'date' | 'instant' | 'number';
const FIELDS: Record<RecordKind, { tab: 'partners' | 'leads' | 'commissions' | 'payouts'; fields: Array<[string, string, Reader]> }> = {
  partner: {
    tab: 'partners',
    fields: [
      ['id', 'id', 'text'],
      ['name', 'name', 'text'],
      ['code', 'code', 'text'],
      ['type', 'type', 'text'],
      ['tier', 'tier', 'text'],
      ['region', 'region', 'text'],
      ['status', 'status', 'text'],
      ['joinedOn', 'joinedOn', 'date'],
      ['productFocus', 'productFocus', 'text'],
    ],
  },
  lead: {
    tab: 'leads',
    fields: [
      ['id', 'id', 'text'],
      ['partnerId', 'partnerId', 'text'],
      ['company', 'company', 'text'],
      ['domain', 'domain', 'text'],
      ['product', 'product', 'text'],
      ['status', 'status', 'text'],
      ['estimatedValue', 'estimatedValueCents', 'cents'],
      ['dealAmount', 'dealAmountCents', 'cents'],
      ['expectedClose', 'expectedClose', 'date'],
      ['closedOn', 'closedOn', 'date'],
      ['registeredAt', 'registeredAt', 'instant'],
      ['protectedUntil', 'protectedUntil', 'date'],
      ['source', 'source', 'text'],
    ],
  },
  commission: {
    tab: 'commissions',
    fields: [
      ['id', 'id', 'text'],
      ['leadId', 'leadId', 'text'],
      ['partnerId', 'partnerId', 'text'],
      ['ruleId', 'ruleId', 'text'],
      ['kind', 'kind', 'text'],
      ['dealAmount', 'dealAmountCents', 'cents'],
      ['rate', 'rate', 'number'],
      ['amount', 'amountCents', 'cents'],
      ['status', 'status', 'text'],
      ['payableOn', 'payableOn', 'date'],
      ['payoutId', 'payoutId', 'text'],
      ['createdAt', 'createdAt', 'instant'],
    ],
  },
  payout: {
    tab: 'payouts',
    fields: [
      ['id', 'id', 'text'],
      ['partnerId', 'partnerId', 'text'],
      ['periodStart', 'periodStart', 'date'],
      ['periodEnd', 'periodEnd', 'date'],
      ['gross', 'grossCents', 'cents'],
      ['clawbacks', 'clawbacksCents', 'cents'],
      ['net', 'netCents', 'cents'],
      ['lines', 'lines', 'number'],
      ['status', 'status', 'text'],
      ['paidAt', 'paidAt', 'instant'],
      ['paymentReference', 'paymentReference', 'text'],
    ],
  },
};

function read(value: CellValue, how: Reader, timeZone: string): string | number | null {
  switch (how) {
    case 'cents':
      return readCents(value);
    case 'date':
      return readIsoDate(value, timeZone) || null;
    case 'instant':
      return readUtcDateTime(value, timeZone)?.toISOString() ?? null;
    case 'number':
      return typeof value === 'number' ? value : null;
    default:
      return readText(value);
  }
}

/**
 * The data of the records named, by kind and ID: one read of the needed columns of each tab named
 * (the newest row of an ID wins). A record no longer there is absent.
 */
export function recordData(ctx: TrackerContext, wanted: ReadonlyMap<RecordKind, ReadonlySet<string>>, currency: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const [kind, ids] of wanted) {
    if (ids.size === 0) continue;
    const spec = FIELDS[kind];
    const table = TrackerTable.tryOpen(ctx.ss, spec.tab);
    if (!table) continue;
    const keys = spec.fields.map(([k]) => k).filter((k) => table.has(k as never));
    const cols = table.readColumns(keys as never[]) as Record<string, CellValue[]>;
    (cols.id ?? []).forEach((idCell, i) => {
      const id = readText(idCell);
      if (!ids.has(id)) return;
      const data: Record<string, unknown> = {};
      for (const [key, name, how] of spec.fields) if (cols[key]) data[name] = read(cols[key][i], how, ctx.timeZone);
      if (kind !== 'partner') data.currency = currency;
      out.set(`${kind}|${id}`, data);
    });
  }
  return out;
}

import { MetricsCommission, MetricsInput, MetricsLead, MetricsPartner, MetricsTierChange } from '../domain/metrics/types';
import { CellValue, readCents, readIsoDate, readLocalDay, readText } from '../tracker/cells';
import { TrackerTable } from '../tracker/table';
import { allTierHistory } from '../tiers/tier-store';

type Ss = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The figures' input from one batched read of Partners, Leads, Commissions, Payouts and Tier
 * History: a read per run of adjacent columns of each tab, so the round trips do not grow with
 * rows. Rows the tracker has not adopted (a Problems note: a duplicate ID, a missing name…) are
 * left out, as everywhere else; a partner ID on several rows belongs to its first. Leads already
 * moved to a yearly archive spreadsheet are not read (they are past every trailing window but a
 * year's).
 */
export function readMetricsInput(ss: Ss, timeZone: string, today: string): MetricsInput {
  const paidOnByPayout = readPaidDays(ss, timeZone);
  const leads = readLeads(ss, timeZone);
  const closedOn = new Map(leads.map((l) => [l.lead.id, l.closedOnAsTyped]));
  return {
    today,
    partners: readPartnersForMetrics(ss, timeZone),
    leads: leads.map((l) => l.lead),
    commissions: readCommissions(ss, closedOn, paidOnByPayout),
    tierHistory: readTierHistory(ss, timeZone),
  };
}

const rowsOf = <K extends string>(cols: Record<K, CellValue[]>, keys: readonly K[]): number => Math.max(0, ...keys.map((k) => cols[k].length));

function readPartnersForMetrics(ss: Ss, timeZone: string): MetricsPartner[] {
  const table = TrackerTable.open(ss, 'partners');
  const keys = ['id', 'name', 'type', 'tier', 'region', 'status', 'joinedOn', 'createdAt', 'productFocus', 'problems'] as const;
  const cols = table.readColumns(keys, ['productFocus', 'problems']);
  const out: MetricsPartner[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < rowsOf(cols, keys); i++) {
    const id = readText(cols.id[i]);
    if (!id || seen.has(id) || readText(cols.problems[i])) continue;
    seen.add(id);
    out.push({
      id,
      name: readText(cols.name[i]),
      tier: readText(cols.tier[i]),
      type: readText(cols.type[i]),
      region: readText(cols.region[i]),
      productFocus: readText(cols.productFocus[i]),
      status: readText(cols.status[i]),
      joinedOn: readIsoDate(cols.joinedOn[i], timeZone) || readLocalDay(cols.createdAt[i], timeZone),
    });
  }
  return out;
}

function readLeads(ss: Ss, timeZone: string): Array<{ lead: MetricsLead; closedOnAsTyped: string }> {
  const table = TrackerTable.open(ss, 'leads');
  const keys = ['id', 'registeredAt', 'partnerId', 'company', 'product', 'estimatedValue', 'status', 'dealAmount', 'closedOn', 'updatedAt', 'problems'] as const;
  const cols = table.readColumns(keys, ['problems']);
  const out: Array<{ lead: MetricsLead; closedOnAsTyped: string }> = [];
  for (let i = 0; i < rowsOf(cols, keys); i++) {
    const id = readText(cols.id[i]);
    if (!id || readText(cols.problems[i])) continue;
    const status = readText(cols.status[i]);
    const closedOnAsTyped = readIsoDate(cols.closedOn[i], timeZone);
    out.push({
      closedOnAsTyped,
      lead: {
        id,
        partnerId: readText(cols.partnerId[i]),
        company: readText(cols.company[i]),
        product: readText(cols.product[i]),
        status,
        registeredOn: readLocalDay(cols.registeredAt[i], timeZone),
        closedOn: status === 'Closed Won' || status === 'Closed Lost' ? closedOnAsTyped : '',
        dealAmountCents: readCents(cols.dealAmount[i]),
        estimatedValueCents: readCents(cols.estimatedValue[i]),
        updatedOn: readLocalDay(cols.updatedAt[i], timeZone),
      },
    });
  }
  return out;
}

/** Each Paid payout's paid day (the local day of Paid At). */
function readPaidDays(ss: Ss, timeZone: string): Map<string, string> {
  const table = TrackerTable.open(ss, 'payouts');
  const keys = ['id', 'status', 'paidAt'] as const;
  const cols = table.readColumns(keys);
  const out = new Map<string, string>();
  for (let i = 0; i < rowsOf(cols, keys); i++) {
    const id = readText(cols.id[i]);
    if (id && !out.has(id) && readText(cols.status[i]) === 'Paid') out.set(id, readLocalDay(cols.paidAt[i], timeZone));
  }
  return out;
}

/** Commission lines, each dated by its deal's Closed On (earned) and its payout's paid day (paid). */
function readCommissions(ss: Ss, closedOn: ReadonlyMap<string, string>, paidOnByPayout: ReadonlyMap<string, string>): MetricsCommission[] {
  const table = TrackerTable.open(ss, 'commissions');
  const keys = ['id', 'leadId', 'partnerId', 'kind', 'amount', 'status', 'payoutId'] as const;
  const cols = table.readColumns(keys);
  const out: MetricsCommission[] = [];
  for (let i = 0; i < rowsOf(cols, keys); i++) {
    const id = readText(cols.id[i]);
    if (!id) continue;
    const leadId = readText(cols.leadId[i]);
    const status = readText(cols.status[i]);
    out.push({
      id,
      leadId,
      partnerId: readText(cols.partnerId[i]),
      kind: readText(cols.kind[i]),
      status,
      amountCents: readCents(cols.amount[i]) ?? 0,
      earnedOn: closedOn.get(leadId) ?? '',
      paidOn: status === 'Paid' ? (paidOnByPayout.get(readText(cols.payoutId[i])) ?? '') : '',
    });
  }
  return out;
}

/** The Tier History as the figures show it (the review's own reader: one read). */
function readTierHistory(ss: Ss, timeZone: string): MetricsTierChange[] {
  return allTierHistory(ss, timeZone).map((h) => ({
    partnerId: h.partnerId,
    fromTier: h.fromTier,
    toTier: h.toTier,
    effectiveOn: h.effectiveOn,
    wonRevenueCents: h.wonRevenueCents ?? null,
    wonDeals: h.wonDeals ?? null,
    reason: h.reason ?? '',
    by: h.by ?? '',
  }));
}

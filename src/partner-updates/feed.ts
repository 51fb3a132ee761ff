import { tierNamesOf } from '../tiers/tier-store';
import { AuditTailRow, readAuditTailForRun } from '../audit/audit-tail';
import { partnerFacingReason } from '../domain/partner-facing';
import { readPartners } from '../partners/partner-store';
import { CellValue, readCents, readIsoDate, readText, textCell, todayIn, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { matchedRows } from '../tracker/lookup';
import { KeyStore } from '../tracker/state';
import { FEED_KEY, Feed, parseFeed } from './feed-state';
import { TrackerTable } from '../tracker/table';
import { PartnerEvent, StatusChange, commissionsSummary, leadSummary, payoutSummary, remindsOf, statusChangesIn, tierSummary } from './events';
import { tab } from '../tracker/schema';

/**
 * The partner updates step's first half (the owner's hourly run): the Audit Log's rows since the
 * step's cursor become events on the Partner Updates tab, Pending, for the partner each is about.
 *
 * The cursor lives in the tracker's record (developer metadata), not in document properties: the
 * add-on's time-driven run has none. It is written in the same critical section as the rows it
 * led to, and an append is bracketed by a marker ("appending: the rows after row N, up to cursor
 * C"), so a run that dies between the rows and the cursor is told by the next one whether its
 * rows landed (they are read back) and neither loses nor repeats them.
 *
 * Cost: the tail is found by one search on the hash column and read in one call per batch; the
 * records it names are read a column set at a time (leads, commission lines, payouts: one read
 * each, only when the tail names one), so the calls do not grow with the tabs' rows.
 */

type Section = <T>(task: () => T) => T;

export interface CollectOutcome {
  added: number;
  read: number;
  more: boolean;
  note?: string;
}

interface UpdateRecord {
  at: string;
  partnerId: string;
  event: PartnerEvent;
  recordId: string;
  summary: string;
}

const keyOf = (event: string, recordId: string) => `${event}|${recordId}`;

export function collectPartnerUpdates(ctx: TrackerContext, critical: Section, expiringSoon: readonly string[], currency: string): CollectOutcome {
  const updates = TrackerTable.tryOpen(ctx.ss, 'updates');
  if (!updates) return { added: 0, read: 0, more: false, note: 'no Partner Updates tab yet (the owner runs Set up tracker)' };
  const store = new KeyStore(ctx.ss);
  const raw = store.read(FEED_KEY);
  const feed = parseFeed(raw);
  const start = landedCursor(updates, feed);
  const { rows, cursor, more } = readAuditTailForRun(ctx.ss, start, ctx.timeZone);
  let leads: Map<string, LeadRecord> | null = null;
  const leadsById = () => (leads ??= leadRecords(ctx));
  const records = [...eventsOf(ctx, rows, currency, leadsById), ...reminders(ctx, updates, expiringSoon, currency, leadsById)];
  const since = feed.since || todayIn(ctx.timeZone, ctx.now);
  const outcome = critical(() => {
    // Another run moved the feed since it was read: this one leaves it (the next run reads on from there).
    if (store.read(FEED_KEY) !== raw) return { added: 0, note: 'another run was reading the feed' };
    if (records.length === 0) {
      if (cursor !== feed.cursor || feed.appending) store.write(FEED_KEY, JSON.stringify({ cursor, since }));
      return { added: 0 };
    }
    const table = TrackerTable.open(ctx.ss, 'updates');
    const after = table.lastRow();
    const first = keyOf(records[0].event, records[0].recordId);
    store.write(FEED_KEY, JSON.stringify({ cursor: start, since, appending: { to: cursor, after, count: records.length, first } }));
    table.append(
      records.map((r) => ({
        at: utcDateTimeCell(Number.isNaN(new Date(r.at).getTime()) ? ctx.now : new Date(r.at)),
        partnerId: textCell(r.partnerId),
        event: r.event,
        recordId: textCell(r.recordId),
        summary: textCell(r.summary),
        status: 'Pending',
        sentAt: '',
        messageId: '',
        note: '',
      })),
      after + 1,
    );
    store.write(FEED_KEY, JSON.stringify({ cursor, since }));
    return { added: records.length };
  });
  return { ...outcome, read: rows.length, more };
}

/** The cursor to read on from: a marker left by a run that died mid-append says whether its rows landed (read back: one call). */
function landedCursor(updates: TrackerTable<'updates'>, feed: Feed): string {
  const a = feed.appending;
  if (!a) return feed.cursor;
  if (updates.lastRow() < a.after + a.count) return feed.cursor;
  const [row] = updates.readRows(a.after + 1, a.after + 1);
  return keyOf(readText(row.event), readText(row.recordId)) === a.first ? a.to : feed.cursor;
}

/** The partner events in the tail's rows, with their partners and summaries (one read per tab named). */
function eventsOf(ctx: TrackerContext, rows: readonly AuditTailRow[], currency: string, leadsById: () => Map<string, LeadRecord>): UpdateRecord[] {
  if (rows.length === 0) return [];
  const leadsTable = TrackerTable.open(ctx.ss, 'leads');
  const commissionsTable = TrackerTable.open(ctx.ss, 'commissions');
  const payoutsTable = TrackerTable.open(ctx.ss, 'payouts');
  const changes = statusChangesIn(rows, { leads: leadsTable.name, commissions: commissionsTable.name, payouts: payoutsTable.name, partners: tab('partners').name });
  if (changes.length === 0) return [];
  const out: UpdateRecord[] = [];
  const of = (prefix: string) => changes.filter((c) => c.event.startsWith(prefix));

  const leadChanges = of('lead.');
  if (leadChanges.length) {
    const leads = leadsById();
    const partners = leadChanges.some((c) => c.event === 'lead.rejected') ? readPartners(ctx.ss, ctx.timeZone) : [];
    for (const c of leadChanges) {
      const lead = leads.get(c.recordId);
      if (!lead || !lead.partnerId) continue;
      const others = partners.filter((p) => p.id !== lead.partnerId);
      const reason = c.event === 'lead.rejected' ? partnerFacingReason({ id: lead.id, status: 'Rejected', statusReason: lead.statusReason }, others) : '';
      out.push({ at: c.at, partnerId: lead.partnerId, event: c.event, recordId: c.recordId, summary: leadSummary(c.event, { ...lead, reason }, currency) });
    }
  }

  const approved = of('commission.');
  if (approved.length) {
    const cols = commissionsTable.readColumns(['id', 'partnerId', 'amount'] as const);
    const byId = new Map<string, { partnerId: string; cents: number }>();
    cols.id.forEach((id, i) => byId.set(readText(id), { partnerId: readText(cols.partnerId[i]), cents: readCents(cols.amount[i]) ?? 0 }));
    // One update per partner for the lines approved in this stretch of the log: how many, and their total.
    const perPartner = new Map<string, { ids: string[]; cents: number; at: string }>();
    for (const c of approved) {
      const line = byId.get(c.recordId);
      if (!line || !line.partnerId) continue;
      const entry = perPartner.get(line.partnerId) ?? { ids: [], cents: 0, at: c.at };
      entry.ids.push(c.recordId);
      entry.cents += line.cents;
      entry.at = c.at;
      perPartner.set(line.partnerId, entry);
    }
    for (const [partnerId, e] of perPartner) {
      out.push({ at: e.at, partnerId, event: 'commission.approved', recordId: e.ids.join(', '), summary: commissionsSummary(e.ids, e.cents, currency) });
    }
  }

  const payoutChanges = of('payout.');
  if (payoutChanges.length) {
    const cols = payoutsTable.readColumns(['id', 'partnerId', 'periodStart', 'periodEnd', 'net', 'paidAt', 'paymentReference'] as const);
    const byId = new Map<string, number>();
    cols.id.forEach((id, i) => byId.set(readText(id), i));
    for (const c of payoutChanges) {
      const i = byId.get(c.recordId);
      if (i === undefined || !readText(cols.partnerId[i])) continue;
      const facts = {
        id: c.recordId,
        periodStart: readIsoDate(cols.periodStart[i], ctx.timeZone),
        periodEnd: readIsoDate(cols.periodEnd[i], ctx.timeZone),
        netCents: readCents(cols.net[i]) ?? 0,
        paidOn: readIsoDate(cols.paidAt[i], ctx.timeZone),
        reference: readText(cols.paymentReference[i]),
      };
      out.push({ at: c.at, partnerId: readText(cols.partnerId[i]), event: c.event, recordId: c.recordId, summary: payoutSummary(c.event, facts, currency) });
    }
  }
  // A tier change names the partner itself (the audit row's record).
  // Only a tier on the Tiers tab (a pasted one that is not was marked on the row, never announced): one read, only with tier changes.
  const tierChanges = of('tier.');
  const tiers = tierChanges.length ? tierNamesOf(ctx.ss).map((n) => n.toLowerCase()) : [];
  for (const c of tierChanges.filter((t) => tiers.includes((t.to ?? '').toLowerCase())))
    out.push({ at: c.at, partnerId: c.recordId, event: c.event, recordId: c.recordId, summary: tierSummary(c.from ?? '', c.to ?? '') });
  return out.sort((a, b) => order(changes, a) - order(changes, b));
}

/** Log order (the commissions' row takes its last line's place). */
function order(changes: readonly StatusChange[], r: UpdateRecord): number {
  const id = r.recordId.split(', ').pop() ?? r.recordId;
  const i = changes.findIndex((c) => c.recordId === id && (c.event === r.event || r.event === 'commission.approved'));
  return i < 0 ? changes.length : i;
}

interface LeadRecord {
  id: string;
  partnerId: string;
  company: string;
  statusReason: string;
  dealAmountCents: number | null;
  protectedUntil: string;
}

/** The leads' few columns partners hear of, by ID (one read; the newest row of an ID wins). */
function leadRecords(ctx: TrackerContext): Map<string, LeadRecord> {
  const table = TrackerTable.open(ctx.ss, 'leads');
  const cols = table.readColumns(['id', 'partnerId', 'company', 'statusReason', 'dealAmount', 'protectedUntil'] as const);
  const leads = new Map<string, LeadRecord>();
  cols.id.forEach((id, i) =>
    leads.set(readText(id), {
      id: readText(id),
      partnerId: readText(cols.partnerId[i]),
      company: readText(cols.company[i]),
      statusReason: readText(cols.statusReason[i]),
      dealAmountCents: readCents(cols.dealAmount[i]),
      protectedUntil: readIsoDate(cols.protectedUntil[i], ctx.timeZone),
    }),
  );
  return leads;
}

/**
 * "About to expire", once per lead and protection end: the leads the expiry sweep found within
 * the reminder window, less those already reminded of this protection end (one search of the
 * Partner Updates tab's Record ID column for them, one read of what it found).
 */
function reminders(ctx: TrackerContext, updates: TrackerTable<'updates'>, soon: readonly string[], currency: string, leadsById: () => Map<string, LeadRecord>): UpdateRecord[] {
  const ids = soon.filter((id) => /^L-\d+$/.test(id));
  if (ids.length === 0) return [];
  const leads = leadsById();
  const reminded = new Map<string, string[]>();
  const found = matchedRows(updates, 'recordId', `(?:${ids.join('|')})`, true);
  if (found.length) {
    const first = found[0];
    const span = updates.sheet.getRange(first, updates.column('event'), found[found.length - 1] - first + 1, updates.column('summary') - updates.column('event') + 1).getValues() as CellValue[][];
    const at = (key: 'event' | 'recordId' | 'summary') => updates.column(key) - updates.column('event');
    for (const row of found) {
      const cells = span[row - first];
      if (readText(cells[at('event')]) !== 'lead.expiring') continue;
      const id = readText(cells[at('recordId')]);
      reminded.set(id, [...(reminded.get(id) ?? []), readText(cells[at('summary')])]);
    }
  }
  const out: UpdateRecord[] = [];
  for (const id of ids) {
    const lead = leads.get(id);
    if (!lead || !lead.partnerId || !lead.protectedUntil) continue;
    if ((reminded.get(id) ?? []).some((s) => remindsOf(s, lead.protectedUntil))) continue;
    out.push({ at: ctx.now.toISOString(), partnerId: lead.partnerId, event: 'lead.expiring', recordId: id, summary: leadSummary('lead.expiring', { ...lead, reason: '' }, currency) });
  }
  return out;
}

import { partnerUpdateEmail } from '../domain/emails/partner-update-email';
import { paymentNoticeEmail } from '../domain/emails/partner-statement-email';
import { StoredPartner, readPartners } from '../partners/partner-store';
import { partnerContactEmails, updatePreferenceOf } from '../domain/partner';
import { Fate, Outgoing, openMailer } from '../mail/mailer';
import { CellValue, readIsoDate, readText, textCell, todayIn, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { FoundRow, findRows } from '../tracker/lookup';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { PARTNER_EVENTS, dueMessageId, payoutMessageId } from './events';

/**
 * The partner updates step's second half: Pending rows of the Partner Updates tab go out, one
 * email per partner per send, as often as the partner's Status Updates column says (Immediate in
 * this run; Daily from the Payout hour; Weekly from Monday at that hour; Off: marked Not sent).
 * A payout's approval is carried by its statement (payout-mail.ts sends it) and its payment by a
 * payment notice, whatever the preference.
 *
 * Exactly once, through the Mail Queue's ledger: a row is first given the ID of the message that
 * carries it (written before the send), and is marked Sent once the ledger says the message went.
 * A run that dies in between leaves the row Pending with its message ID; the next run builds the
 * same message again, which the ledger sends if it never went and settles if it did. Out of
 * quota, the message waits Queued in the ledger and the rows stay Pending.
 *
 * Cost: the Pending rows are found by one search of the Status column and read in one to three
 * calls; each write is one read and one write over their span, whatever the tab's length.
 */
type Section = <T>(task: () => T) => T;

const OFF_NOTE = 'Status updates are Off for this partner (Partners tab, Status Updates); statements and payment notices still go out.';
const NO_EMAIL_NOTE = 'The partner has no contact email (Partners tab, Contact Email and More Contact Emails).';
const NO_PARTNER_NOTE = 'No partner with this ID on the Partners tab.';

export interface SendOutcome {
  pending: number;
  sent: number;
  notSent: number;
  waiting: number;
}

interface PendingRow {
  row: number;
  at: string;
  partnerId: string;
  event: string;
  recordId: string;
  summary: string;
  messageId: string;
}

interface RowChange {
  status?: 'Sent' | 'Not sent';
  sentAt?: string;
  messageId?: string;
  note?: string;
}

export function sendPartnerUpdates(ctx: TrackerContext, critical: Section, startedAtMs?: number): SendOutcome {
  const outcome: SendOutcome = { pending: 0, sent: 0, notSent: 0, waiting: 0 };
  const table = TrackerTable.tryOpen(ctx.ss, 'updates');
  if (!table || table.rowCount() === 0) return outcome;
  // Only the status updates this step wrote: other Pending rows (announcements) are their own step's to send and mark.
  const rows = findRows(table, 'status', 'Pending')
    .map((f) => pendingRow(ctx, f))
    .filter((r) => (PARTNER_EVENTS as readonly string[]).includes(r.event));
  outcome.pending = rows.length;
  if (rows.length === 0) return outcome;
  const settings = readSettings(ctx.ss).settings;
  const partners = new Map(readPartners(ctx.ss, ctx.timeZone).map((p) => [p.id, p]));
  const date = todayIn(ctx.timeZone, ctx.now);
  const local = { date, hour: Number(Utilities.formatDate(ctx.now, ctx.timeZone, 'H')), weekday: ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1 };
  // Immediate messages are this run's: its minute, and a random part (two runs can share a minute).
  const runId = `${ctx.now.toISOString().slice(0, 16)}.${Utilities.getUuid().slice(0, 8)}`;
  const mailer = openMailer(ctx, critical, { startedAtMs });

  // 1. What each row waits for: a message already given, one due now, nothing (not due), or never (Not sent).
  const changes = new Map<number, RowChange>();
  const carried = new Map<string, PendingRow[]>();
  const candidates = new Map<string, PendingRow[]>();
  for (const r of rows) {
    const partner = partners.get(r.partnerId);
    const fixed = payoutMessageId(r.event, r.recordId);
    if (!partner) changes.set(r.row, { status: 'Not sent', note: NO_PARTNER_NOTE });
    else if (partnerContactEmails(partner).length === 0) changes.set(r.row, { status: 'Not sent', note: NO_EMAIL_NOTE });
    else if (fixed) add(carried, fixed, r);
    else if (r.messageId) add(carried, r.messageId, r);
    else if (updatePreferenceOf(partner) === 'Off') changes.set(r.row, { status: 'Not sent', note: OFF_NOTE });
    else {
      const id = dueMessageId(r.partnerId, updatePreferenceOf(partner), local, settings.payoutHour, runId);
      if (id) add(candidates, id, r);
    }
  }
  // A period's message that went out already (earlier today, this week) takes no more rows: they wait for the next.
  const known = candidates.size ? mailer.lookup([...candidates.keys()]) : new Map<string, string>();
  for (const [id, list] of candidates) {
    if (known.get(id)) continue;
    add(carried, id, ...list);
    for (const r of list) changes.set(r.row, { messageId: id });
  }
  for (const [id, list] of carried) for (const r of list) if (!r.messageId && !changes.has(r.row)) changes.set(r.row, { messageId: id });
  // Written before anything is sent: a run that dies after the send finds the rows' message in the ledger.
  write(table, rows, changes, critical);
  outcome.notSent += [...changes.values()].filter((c) => c.status === 'Not sent').length;

  // 2. Send (statements are payout-mail's: their rows only follow the ledger).
  const outgoing: Outgoing[] = [];
  const statements: string[] = [];
  for (const [id, list] of carried) {
    const partner = partners.get(list[0].partnerId) as StoredPartner;
    if (id.startsWith('statement:')) statements.push(id);
    else outgoing.push(messageFor(id, list, partner, settings.programmeName, settings.partnerFormUrl));
  }
  const fates = outgoing.length ? mailer.send(outgoing) : new Map<string, Fate>();
  const ledger = statements.length ? mailer.lookup(statements) : new Map<string, string>();

  // 3. Stamp what the ledger settled.
  const stamps = new Map<number, RowChange>();
  const now = utcDateTimeCell(new Date());
  for (const [id, list] of carried) {
    const change = id.startsWith('statement:') ? stampOfLedger(ledger.get(id) ?? '', now) : stampOfFate(fates.get(id), now);
    for (const r of list) {
      if (change) stamps.set(r.row, change);
      else outcome.waiting++;
    }
    if (change?.status === 'Sent') outcome.sent += list.length;
    if (change?.status === 'Not sent') outcome.notSent += list.length;
  }
  write(table, rows, stamps, critical);
  return outcome;
}

function add(map: Map<string, PendingRow[]>, id: string, ...rows: PendingRow[]): void {
  map.set(id, [...(map.get(id) ?? []), ...rows]);
}

function pendingRow(ctx: TrackerContext, f: FoundRow): PendingRow {
  const r = f.record;
  return {
    row: f.row,
    at: readIsoDate(r.at, ctx.timeZone),
    partnerId: readText(r.partnerId),
    event: readText(r.event),
    recordId: readText(r.recordId),
    summary: readText(r.summary),
    messageId: readText(r.messageId),
  };
}

function messageFor(id: string, rows: readonly PendingRow[], partner: StoredPartner, programme: string, formUrl: string): Outgoing {
  const to = partnerContactEmails(partner);
  const sheet = partner.partnerSheet ?? '';
  if (id.startsWith('payment:')) {
    const payoutId = id.slice('payment:'.length);
    const mail = paymentNoticeEmail({ programme, partnerName: partner.name, payoutId, summary: rows[0].summary, partnerSheetUrl: sheet });
    return { ...mail, id, to, purpose: `payment notice ${payoutId}`, senderName: programme };
  }
  const sorted = [...rows].sort((a, b) => a.row - b.row);
  const mail = partnerUpdateEmail({
    programme,
    partnerName: partner.name,
    cadence: updatePreferenceOf(partner),
    updates: sorted.map((r) => ({ date: r.at, summary: r.summary })),
    partnerSheetUrl: sheet,
    formUrl,
  });
  return { ...mail, id, to, purpose: `status update ${partner.id}`, senderName: programme };
}

/** What a send's fate makes of its rows; null: still waiting (queued for quota, or not yet tried). */
function stampOfFate(fate: Fate | undefined, now: string): RowChange | null {
  switch (fate) {
    case 'sent':
    case 'already sent':
      return { status: 'Sent', sentAt: now };
    case 'unknown':
      return { status: 'Sent', sentAt: now, note: 'A run stopped while sending it: it may not have arrived (the managers were told).' };
    case 'failed':
    case 'refused':
      return { status: 'Not sent', note: 'Google refused the email, or its Mail Queue row was not written by the tracker (see the Mail Queue tab).' };
    default:
      return null;
  }
}

/** The same, from the ledger's status of a message another step sends (a payout's statement). */
function stampOfLedger(status: string, now: string): RowChange | null {
  switch (status) {
    case 'Sent':
      return { status: 'Sent', sentAt: now };
    case 'Unknown':
      return stampOfFate('unknown', now);
    case 'Failed':
    case 'Refused':
      return stampOfFate('failed', now);
    default:
      return null;
  }
}

/**
 * Writes the rows' Status, Sent At, Message ID and Note: inside the critical section, one read and
 * one write over the span of the rows; a row no longer Pending with the same event and record
 * (changed meanwhile) is left as it is.
 */
function write(table: TrackerTable<'updates'>, rows: readonly PendingRow[], changes: ReadonlyMap<number, RowChange>, critical: Section): void {
  if (changes.size === 0) return;
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const first = Math.min(...changes.keys());
  const last = Math.max(...changes.keys());
  const written = ['status', 'sentAt', 'messageId', 'note'] as const;
  const keys = ['event', 'recordId', ...written] as const;
  const from = Math.min(...keys.map((k) => table.column(k)));
  const to = Math.max(...keys.map((k) => table.column(k)));
  const wFrom = Math.min(...written.map((k) => table.column(k)));
  const wTo = Math.max(...written.map((k) => table.column(k)));
  const at = (k: (typeof keys)[number]) => table.column(k) - from;
  critical(() => {
    const grid = table.sheet.getRange(first, from, last - first + 1, to - from + 1).getValues() as CellValue[][];
    for (const [row, change] of changes) {
      const cells = grid[row - first];
      const known = byRow.get(row);
      if (!known || readText(cells[at('status')]) !== 'Pending' || readText(cells[at('event')]) !== known.event || readText(cells[at('recordId')]) !== known.recordId) continue;
      if (change.status) cells[at('status')] = change.status;
      if (change.sentAt !== undefined) cells[at('sentAt')] = change.sentAt;
      if (change.messageId !== undefined) cells[at('messageId')] = change.messageId;
      if (change.note !== undefined) cells[at('note')] = change.note;
    }
    // Only the columns this step writes; text read back loses the apostrophe that shields it, so it is shielded again.
    if (wTo - wFrom + 1 !== written.length) throw new Error('internal: the Partner Updates columns Status, Sent At, Message ID and Note are expected side by side');
    const inSheetOrder = [...written].sort((x, y) => table.column(x) - table.column(y));
    const out = grid.map((cells) =>
      inSheetOrder.map((k) => {
        const v = cells[at(k)];
        return k === 'messageId' || k === 'note' ? textCell(readText(v)) : v;
      }),
    );
    table.sheet.getRange(first, wFrom, out.length, written.length).setValues(out);
  });
}

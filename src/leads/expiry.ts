import { dailyWork } from '../maintenance/daily-work';
import { auditedWrite } from '../audit/audit-intent';
import { currentReceipt } from '../audit/receipt';
import { AuditEntry } from '../domain/audit-chain';
import { DigestLead, expiryDigest } from '../domain/emails/lead-emails';
import { expiresWithin, isExpiredOn } from '../domain/lead-lifecycle';
import { holders } from '../domain/roles';
import { Critical, messageIds, sendMessages, settled } from '../mail/mailer';
import { readPartners } from '../partners/partner-store';
import { rosterOf } from '../team/access';
import { TrackerState } from '../tracker/state';
import { CellValue, readIsoDate, readText, todayIn, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';

/**
 * The protection sweep (hourly): open leads whose protection window ended
 * are marked Expired (and audited), and once a day the partner team gets a
 * digest of leads expiring within the reminder window. Whole columns are read
 * and written in a fixed number of calls. expireLeads runs inside the critical
 * section; sendDigest after it (no lock is held while mail is sent). The
 * once-a-day marker is the document's (the tracker's record), not a person's.
 */
export interface ExpiryResult {
  today: string;
  expired: string[];
  expiringSoon: string[];
  /** Form responses still Rejected in the Form Inbox: nobody else is told about an unknown partner code. */
  inboxWaiting: number;
  /**
   * possibly not delivered: a run stopped while sending today's digest (the
   * managers are told; it is not sent again); not sent: Google refused it (the
   * managers are told); not yet: a later run sends it.
   */
  digest: 'sent' | 'queued' | 'none' | 'no recipients' | 'already sent today' | 'possibly not delivered' | 'not sent' | 'not yet' | 'waits for the daily work hour';
  /** What the digest lists (sent by sendDigest). */
  soon: DigestLead[];
  expiredLeads: DigestLead[];
}

const KEYS = ['id', 'partnerId', 'company', 'status', 'statusReason', 'updatedAt', 'protectedUntil'] as const;

export function expireLeads(ctx: TrackerContext): ExpiryResult {
  const settings = readSettings(ctx.ss).settings;
  const today = todayIn(ctx.timeZone, ctx.now);
  const table = TrackerTable.open(ctx.ss, 'leads');
  const sealKeys = table.sealKeys();
  const cols = table.readColumns([...KEYS, ...sealKeys]) as Record<string, CellValue[]>;
  const base = (i: number) => Object.fromEntries(sealKeys.map((k) => [k, cols[k][i]]));
  const names = new Map(readPartners(ctx.ss, ctx.timeZone).map((p) => [p.id, p.name]));
  const digestLead = (i: number, status: string): DigestLead => ({
    id: readText(cols.id[i]),
    company: readText(cols.company[i]),
    partnerName: names.get(readText(cols.partnerId[i])) ?? readText(cols.partnerId[i]),
    status,
    protectedUntil: readIsoDate(cols.protectedUntil[i], ctx.timeZone),
  });

  const expiredRows: number[] = [];
  const expired: DigestLead[] = [];
  const soon: DigestLead[] = [];
  for (let i = 0; i < cols.id.length; i++) {
    if (!readText(cols.id[i])) continue;
    // A lead changed by hand (or typed in) waits until the tracker puts it back or adopts it.
    if (table.heldReason(base(i))) continue;
    const lead = { status: readText(cols.status[i]) as never, protectedUntil: readIsoDate(cols.protectedUntil[i], ctx.timeZone) };
    if (isExpiredOn(lead, today)) {
      expired.push(digestLead(i, readText(cols.status[i])));
      expiredRows.push(i);
    } else if (expiresWithin(lead, today, settings.expiryReminderDays)) {
      soon.push(digestLead(i, readText(cols.status[i])));
    }
  }

  if (expiredRows.length) {
    const audit: AuditEntry[] = [];
    const first = Math.min(...expiredRows);
    const last = Math.max(...expiredRows);
    const bases: Array<Record<string, CellValue> | null> = new Array(last - first + 1).fill(null);
    for (const i of expiredRows) bases[i - first] = base(i);
    for (const i of expiredRows) {
      const reason = `Protection ended on ${readIsoDate(cols.protectedUntil[i], ctx.timeZone)}`;
      audit.push({
        at: ctx.now,
        user: ctx.actor,
        source: ctx.source,
        tab: table.name,
        range: `row ${i + 2}`,
        recordId: readText(cols.id[i]),
        field: 'status',
        oldValue: readText(cols.status[i]),
        newValue: 'Expired',
      });
      cols.status[i] = 'Expired';
      cols.statusReason[i] = reason;
      cols.updatedAt[i] = utcDateTimeCell(ctx.now);
    }
    // One write per column over the span of expired rows; rows between keep the values just read.
    auditedWrite(ctx, audit, () => {
      table.writeSealedColumn('status', first + 2, cols.status.slice(first, last + 1), bases);
      for (const key of ['statusReason', 'updatedAt'] as const) table.writeColumn(key, first + 2, cols[key].slice(first, last + 1));
    });
  }

  const inboxWaiting = rejectedInInbox(ctx);
  return { today, expired: expired.map((l) => l.id), expiringSoon: soon.map((l) => l.id), inboxWaiting, digest: 'none', soon, expiredLeads: expired };
}

/**
 * The partner team's digest, once a day from the Settings daily work hour: its message ID
 * is the day ("digest:2026-05-26"), and the Mail Queue never sends an ID twice,
 * whoever runs the automation. The document's once-a-day marker (the tracker's
 * record) is written once the digest is settled, and read first: it is what
 * trackers that sent a digest before the ledger existed have. Sent from the
 * tracker's account; it ends with the Audit Log's receipt.
 */
export function sendDigest(ctx: TrackerContext, sweep: ExpiryResult, critical: Critical, startedAtMs?: number): ExpiryResult['digest'] {
  if (sweep.soon.length === 0 && sweep.expiredLeads.length === 0 && sweep.inboxWaiting === 0) return 'none';
  const state = TrackerState.read(ctx.ss);
  if (state.daily().digestSentOn === sweep.today) return 'already sent today';
  if (!dailyWork(ctx, state.daily().digestSentOn).due) return 'waits for the daily work hour';
  const to = holders(rosterOf(ctx), 'Partner team');
  if (to.length === 0) return 'no recipients';
  const settings = readSettings(ctx.ss).settings;
  const mail = expiryDigest(settings.programmeName, sweep.today, settings.expiryReminderDays, sweep.soon, sweep.expiredLeads, sweep.inboxWaiting, currentReceipt(ctx.ss));
  const id = messageIds.digest(sweep.today);
  const fate = sendMessages(ctx, critical, [{ ...mail, id, to, purpose: `expiry digest ${sweep.today}`, senderName: settings.programmeName }], { startedAtMs }).get(id);
  if (settled(fate)) {
    critical(() => {
      const fresh = TrackerState.read(ctx.ss);
      const daily = fresh.daily();
      if (daily.digestSentOn !== sweep.today) fresh.writeDaily({ ...daily, digestSentOn: sweep.today });
    });
  }
  switch (fate) {
    case 'sent':
    case 'queued':
      return fate;
    case 'unknown':
      return 'possibly not delivered';
    case 'failed':
    case 'refused':
      return 'not sent';
    case 'already sent':
      return 'already sent today';
    default:
      return 'not yet';
  }
}

function rejectedInInbox(ctx: TrackerContext): number {
  const inbox = TrackerTable.open(ctx.ss, 'inbox');
  return inbox.readColumns(['status'] as const).status.filter((s) => readText(s) === 'Rejected').length;
}

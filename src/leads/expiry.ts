import { appendAudit } from '../audit/audit-log';
import { AuditEntry } from '../domain/audit-chain';
import { DigestLead, expiryDigest } from '../domain/emails/lead-emails';
import { expiresWithin, isExpiredOn } from '../domain/lead-lifecycle';
import { sendOrQueue } from '../mail/mailer';
import { readPartners } from '../partners/partner-store';
import { CellValue, readIsoDate, readText, todayIn, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';

/**
 * The daily protection sweep: open leads whose protection window ended are
 * marked Expired (and audited), and the partner team gets a digest of leads
 * expiring within the reminder window. Whole columns are read and written in
 * a fixed number of calls. The caller holds the script lock.
 */
export interface ExpiryResult {
  today: string;
  expired: string[];
  expiringSoon: string[];
  /** Form responses still Rejected in the Form Inbox: nobody else is told about an unknown partner code. */
  inboxWaiting: number;
  digest: 'sent' | 'queued' | 'none' | 'no recipients' | 'already sent today';
}

const KEYS = ['id', 'partnerId', 'company', 'status', 'statusReason', 'updatedAt', 'protectedUntil'] as const;
/** Which day's digest went out last, per spreadsheet (user properties: a time-driven run has no document properties). */
const DIGEST_PROPERTY = 'tracker.lastDigest.';

export function expireLeads(ctx: TrackerContext, recipientsFallback: string): ExpiryResult {
  const settings = readSettings(ctx.ss).settings;
  const today = todayIn(ctx.timeZone, ctx.now);
  const table = TrackerTable.open(ctx.ss, 'leads');
  const cols = table.readColumns(KEYS);
  const names = new Map(readPartners(ctx.ss, ctx.timeZone).map((p) => [p.id, p.name]));
  const digestLead = (i: number, status: string): DigestLead => ({
    id: readText(cols.id[i]), company: readText(cols.company[i]), partnerName: names.get(readText(cols.partnerId[i])) ?? readText(cols.partnerId[i]),
    status, protectedUntil: readIsoDate(cols.protectedUntil[i], ctx.timeZone),
  });

  const expiredRows: number[] = [];
  const expired: DigestLead[] = [];
  const soon: DigestLead[] = [];
  for (let i = 0; i < cols.id.length; i++) {
    if (!readText(cols.id[i])) continue;
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
    for (const i of expiredRows) {
      const reason = `Protection ended on ${readIsoDate(cols.protectedUntil[i], ctx.timeZone)}`;
      audit.push({ at: ctx.now, user: ctx.actor, source: ctx.source, tab: table.name, range: `row ${i + 2}`, recordId: readText(cols.id[i]), field: 'status', oldValue: readText(cols.status[i]), newValue: 'Expired' });
      cols.status[i] = 'Expired';
      cols.statusReason[i] = reason;
      cols.updatedAt[i] = utcDateTimeCell(ctx.now);
    }
    // One write per column over the span of expired rows; rows between keep the values just read.
    const first = Math.min(...expiredRows);
    const last = Math.max(...expiredRows);
    for (const key of ['status', 'statusReason', 'updatedAt'] as const) table.writeColumn(key, first + 2, cols[key].slice(first, last + 1) as CellValue[]);
    appendAudit(ctx, audit);
  }

  const inboxWaiting = rejectedInInbox(ctx);
  const result: ExpiryResult = { today, expired: expired.map((l) => l.id), expiringSoon: soon.map((l) => l.id), inboxWaiting, digest: 'none' };
  if (soon.length === 0 && expired.length === 0 && inboxWaiting === 0) return result;
  const userProperties = PropertiesService.getUserProperties();
  const digestKey = DIGEST_PROPERTY + ctx.ss.getId();
  if (userProperties.getProperty(digestKey) === today) return { ...result, digest: 'already sent today' };
  const to = settings.partnerTeamEmails.length ? settings.partnerTeamEmails : recipientsFallback ? [recipientsFallback] : [];
  if (to.length === 0) return { ...result, digest: 'no recipients' };
  const mail = expiryDigest(settings.programmeName, today, settings.expiryReminderDays, soon, expired, inboxWaiting);
  const sent = sendOrQueue(ctx.ss, { ...mail, to, purpose: `expiry digest ${today}`, senderName: settings.programmeName }, ctx.now);
  userProperties.setProperty(digestKey, today);
  return { ...result, digest: sent };
}

function rejectedInInbox(ctx: TrackerContext): number {
  const inbox = TrackerTable.open(ctx.ss, 'inbox');
  return inbox.readColumns(['status'] as const).status.filter((s) => readText(s) === 'Rejected').length;
}

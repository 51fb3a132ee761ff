import { EmailContent } from '../domain/emails/lead-emails';
import { readText, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerTable } from '../tracker/table';

/**
 * Sends mail within the daily quota; what cannot go now waits in the Mail
 * Queue tab and is retried by later runs (the daily trigger, the next form
 * submission), oldest first — never dropped, never sent twice.
 */
export interface Outgoing extends EmailContent {
  to: string[];
  /** What the email is about, for the queue (e.g. "confirmation L-000012"). */
  purpose: string;
  senderName: string;
}

/** Google's message when the daily email quota is spent. */
const QUOTA_MESSAGE = /too many times for one day|quota/i;
/** A Sheets cell holds at most 50,000 characters. */
const CELL_LIMIT = 50000;

export type SendOutcome = 'sent' | 'queued';

export function sendOrQueue(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, mail: Outgoing, now: Date): SendOutcome {
  if (mail.to.length === 0) return 'sent';
  if (MailApp.getRemainingDailyQuota() >= mail.to.length) {
    try {
      send(mail);
      return 'sent';
    } catch (e) {
      queue(ss, mail, now, e instanceof Error ? e.message : String(e));
      return 'queued';
    }
  }
  queue(ss, mail, now, 'Daily email quota used up; will retry.');
  return 'queued';
}

function send(mail: Outgoing): void {
  MailApp.sendEmail({ to: mail.to.join(','), subject: mail.subject, body: mail.body, htmlBody: mail.htmlBody, name: mail.senderName });
}

function queue(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, mail: Outgoing, now: Date, reason: string): void {
  if (mail.body.length > CELL_LIMIT || mail.htmlBody.length > CELL_LIMIT) {
    throw new Error(`The email "${mail.subject}" is too large to queue (${Math.max(mail.body.length, mail.htmlBody.length)} characters; a cell holds ${CELL_LIMIT}).`);
  }
  const table = TrackerTable.open(ss, 'mail');
  const safe = textCell;
  table.append([{
    queuedAt: utcDateTimeCell(now), to: safe(mail.to.join(', ')), subject: safe(mail.subject), body: safe(mail.body), htmlBody: safe(mail.htmlBody),
    status: 'Queued', attempts: 0, lastError: safe(reason), sentAt: '', purpose: safe(`${mail.purpose} · from ${mail.senderName}`),
  }]);
}

/**
 * Sends queued mail, oldest first, while the quota lasts. Returns how many were
 * sent and how many still wait. Fixed calls whatever the queue's length. The
 * caller holds the script lock, so two runs never send the same row.
 */
export function retryQueuedMail(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date): { sent: number; waiting: number } {
  const table = TrackerTable.open(ss, 'mail');
  if (table.rowCount() === 0) return { sent: 0, waiting: 0 };
  const cols = table.readColumns(['to', 'subject', 'body', 'htmlBody', 'status', 'attempts', 'lastError', 'sentAt', 'purpose'] as const);
  const queued = cols.status.map((s, i) => (readText(s) === 'Queued' ? i : -1)).filter((i) => i >= 0);
  if (queued.length === 0) return { sent: 0, waiting: 0 };
  let quota = MailApp.getRemainingDailyQuota();
  let sent = 0;
  const touched: number[] = [];
  for (const i of queued) {
    const to = readText(cols.to[i]).split(/[,;]\s*/).filter(Boolean);
    if (quota < to.length) break;
    const purpose = readText(cols.purpose[i]);
    const senderName = purpose.includes(' · from ') ? purpose.slice(purpose.lastIndexOf(' · from ') + 8) : '';
    cols.attempts[i] = Number(cols.attempts[i] || 0) + 1;
    touched.push(i);
    try {
      send({ to, subject: readText(cols.subject[i]), body: String(cols.body[i]), htmlBody: String(cols.htmlBody[i]), purpose, senderName });
      cols.status[i] = 'Sent';
      cols.sentAt[i] = utcDateTimeCell(now);
      cols.lastError[i] = '';
      quota -= to.length;
      sent++;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      cols.lastError[i] = message;
      if (QUOTA_MESSAGE.test(message)) break;
    }
  }
  if (touched.length) {
    const first = Math.min(...touched);
    const last = Math.max(...touched);
    for (const key of ['status', 'attempts', 'lastError', 'sentAt'] as const) table.writeColumn(key, first + 2, cols[key].slice(first, last + 1));
  }
  return { sent, waiting: queued.length - sent };
}

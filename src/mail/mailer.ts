import { EmailContent } from '../domain/emails/lead-emails';
import { runsAsOwner } from '../team/access';
import { CellValue, readText, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { TrackerTable } from '../tracker/table';

/**
 * Mail goes out from the tracker's own account (the owner's automation) only,
 * within the daily quota; what cannot go now waits in the Mail Queue tab and
 * is retried by later runs, oldest first. Only the owner may write the queue
 * (Google enforces it), and each queued row is sealed: a row the tracker did
 * not write — pasted in, or changed since — is refused, never sent.
 * Sending holds no lock: rows are claimed inside the critical section, sent
 * outside it, and marked after. A run that dies while sending leaves its rows
 * "Sending": they are reported as of unknown outcome, never sent twice.
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

export function sendOrQueue(ctx: TrackerContext, mail: Outgoing): SendOutcome {
  if (!runsAsOwner(ctx)) throw new Error('internal: the tracker sends mail from its own account only (the owner\'s runs).');
  if (mail.to.length === 0) return 'sent';
  if (MailApp.getRemainingDailyQuota() >= mail.to.length) {
    try {
      send(mail);
      return 'sent';
    } catch (e) {
      queue(ctx, mail, e instanceof Error ? e.message : String(e));
      return 'queued';
    }
  }
  queue(ctx, mail, 'Daily email quota used up; will retry.');
  return 'queued';
}

function send(mail: Outgoing): void {
  MailApp.sendEmail({ to: mail.to.join(','), subject: mail.subject, body: mail.body, htmlBody: mail.htmlBody, name: mail.senderName });
}

function queue(ctx: TrackerContext, mail: Outgoing, reason: string): void {
  if (mail.body.length > CELL_LIMIT || mail.htmlBody.length > CELL_LIMIT) {
    throw new Error(`The email "${mail.subject}" is too large to queue (${Math.max(mail.body.length, mail.htmlBody.length)} characters; a cell holds ${CELL_LIMIT}).`);
  }
  const table = TrackerTable.open(ctx.ss, 'mail');
  const safe = textCell;
  // Mail goes out after the callers' critical sections; the append races with other runs' appends, so it takes its own.
  withDocumentLock(ctx.ss, () => table.append([{
    queuedAt: utcDateTimeCell(ctx.now), to: safe(mail.to.join(', ')), subject: safe(mail.subject), body: safe(mail.body), htmlBody: safe(mail.htmlBody),
    status: 'Queued', attempts: 0, lastError: safe(reason), sentAt: '', purpose: safe(`${mail.purpose} · from ${mail.senderName}`),
  }]));
}

const KEYS = ['to', 'subject', 'body', 'htmlBody', 'status', 'attempts', 'lastError', 'sentAt', 'purpose'] as const;
const WRITTEN = ['status', 'attempts', 'lastError', 'sentAt'] as const;

export interface QueueResult {
  sent: number;
  waiting: number;
  /** Rows the tracker did not write (or that were changed): never sent. */
  refused: number;
  /** Rows a run stopped while sending: they may or may not have gone, and are not sent again. */
  unknown: number;
}

/**
 * Sends queued mail while the quota lasts. `critical` is the run's critical
 * section; the owner's runs only. Fixed calls whatever the queue's length.
 */
export function retryQueuedMail(ctx: TrackerContext, critical: <T>(task: () => T) => T): QueueResult {
  const result: QueueResult = { sent: 0, waiting: 0, refused: 0, unknown: 0 };
  if (!runsAsOwner(ctx)) return result;
  const table = TrackerTable.open(ctx.ss, 'mail');
  if (table.rowCount() === 0) return result;
  type Claim = { i: number; to: string[]; subject: string; body: string; htmlBody: string; purpose: string };
  const claimed = critical(() => {
    const cols = table.readColumns([...KEYS, ...table.sealKeys()]) as Record<string, CellValue[]>;
    const touched: number[] = [];
    const claims: Claim[] = [];
    let quota = MailApp.getRemainingDailyQuota();
    for (let i = 0; i < cols.status.length; i++) {
      const status = readText(cols.status[i]);
      if (status === 'Sending') {
        cols.status[i] = 'Unknown';
        cols.lastError[i] = 'A run stopped while sending this email: it may or may not have gone out, so it is not sent again. Check with the recipient.';
        touched.push(i);
        result.unknown++;
        continue;
      }
      if (status !== 'Queued') continue;
      const held = table.heldReason(Object.fromEntries(table.sealKeys().map((k) => [k, cols[k][i]])));
      if (held) {
        cols.status[i] = 'Refused';
        cols.lastError[i] = `Not sent: ${held}. Only the tracker queues mail.`;
        touched.push(i);
        result.refused++;
        continue;
      }
      const to = readText(cols.to[i]).split(/[,;]\s*/).filter(Boolean);
      if (quota < to.length) {
        result.waiting++;
        continue;
      }
      quota -= to.length;
      cols.status[i] = 'Sending';
      cols.attempts[i] = Number(cols.attempts[i] || 0) + 1;
      touched.push(i);
      claims.push({ i, to, subject: readText(cols.subject[i]), body: String(cols.body[i]), htmlBody: String(cols.htmlBody[i]), purpose: readText(cols.purpose[i]) });
    }
    writeRows(table, cols, touched);
    return { claims, cols };
  });
  if (claimed.claims.length === 0) return result;
  const { cols } = claimed;
  let quotaSpent = false;
  for (const c of claimed.claims) {
    if (quotaSpent) {
      cols.status[c.i] = 'Queued';
      result.waiting++;
      continue;
    }
    const senderName = c.purpose.includes(' · from ') ? c.purpose.slice(c.purpose.lastIndexOf(' · from ') + 8) : '';
    try {
      send({ to: c.to, subject: c.subject, body: c.body, htmlBody: c.htmlBody, purpose: c.purpose, senderName });
      cols.status[c.i] = 'Sent';
      cols.sentAt[c.i] = utcDateTimeCell(ctx.now);
      cols.lastError[c.i] = '';
      result.sent++;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      cols.status[c.i] = 'Queued';
      cols.lastError[c.i] = textCell(message);
      result.waiting++;
      if (QUOTA_MESSAGE.test(message)) quotaSpent = true;
    }
  }
  critical(() => {
    // Re-read the span: only this run's claimed rows change, whatever another run did meanwhile.
    const rows = claimed.claims.map((c) => c.i);
    const now = table.readColumns([...WRITTEN]) as Record<string, CellValue[]>;
    for (const i of rows) for (const key of WRITTEN) now[key][i] = cols[key][i];
    writeRows(table, now, rows);
  });
  return result;
}

/** The status columns over the span of the rows touched: one write each. */
function writeRows(table: TrackerTable, cols: Record<string, CellValue[]>, touched: number[]): void {
  if (touched.length === 0) return;
  const first = Math.min(...touched);
  const last = Math.max(...touched);
  for (const key of WRITTEN) table.writeColumn(key, first + 2, cols[key].slice(first, last + 1));
}

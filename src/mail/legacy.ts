import { CELL_CHARACTER_LIMIT } from '../domain/cell-text';
import { CellValue, readText, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { TrackerTable } from '../tracker/table';
import { QUOTA_MESSAGE, errorText } from './error-text';
import type { Critical, Outgoing, QueueResult } from './mailer';

/**
 * Mail in a tracker whose Mail Queue has no Message ID and Claimed Until
 * columns yet (schema 6 and before, until its owner runs "Set up tracker"):
 * what the tracker did before the Mail Queue became the ledger of every email.
 * Mail is sent directly; what cannot go waits as a sealed Queued row, retried
 * by later runs; a row a stopped run left Sending becomes Unknown. There are
 * no message IDs here, so a run that stops between sending and stamping can
 * send a payout statement again: setup adds the columns and ends that.
 */

export function legacySendOrQueue(ctx: TrackerContext, mail: Outgoing): 'sent' | 'queued' {
  if (mail.to.length === 0) return 'sent';
  if (MailApp.getRemainingDailyQuota() >= mail.to.length) {
    try {
      send(mail);
      return 'sent';
    } catch (e) {
      queue(ctx, mail, errorText(e));
      return 'queued';
    }
  }
  queue(ctx, mail, 'Daily email quota used up; will retry.');
  return 'queued';
}

function send(mail: Pick<Outgoing, 'to' | 'subject' | 'body' | 'htmlBody' | 'senderName'>): void {
  MailApp.sendEmail({ to: mail.to.join(','), subject: mail.subject, body: mail.body, htmlBody: mail.htmlBody, name: mail.senderName });
}

function queue(ctx: TrackerContext, mail: Outgoing, reason: string): void {
  if (mail.body.length >= CELL_CHARACTER_LIMIT || mail.htmlBody.length >= CELL_CHARACTER_LIMIT) {
    throw new Error(`The email "${mail.subject}" is too large to queue (${Math.max(mail.body.length, mail.htmlBody.length)} characters; a cell holds ${CELL_CHARACTER_LIMIT}).`);
  }
  const table = TrackerTable.open(ctx.ss, 'mail');
  withDocumentLock(ctx.ss, () =>
    table.append([
      {
        queuedAt: utcDateTimeCell(ctx.now),
        to: textCell(mail.to.join(', ')),
        subject: textCell(mail.subject),
        body: textCell(mail.body),
        htmlBody: textCell(mail.htmlBody),
        status: 'Queued',
        attempts: 0,
        lastError: textCell(reason),
        sentAt: '',
        purpose: textCell(`${mail.purpose} · from ${mail.senderName}`),
      },
    ]),
  );
}

const KEYS = ['to', 'subject', 'body', 'htmlBody', 'status', 'attempts', 'lastError', 'sentAt', 'purpose'] as const;
const WRITTEN = ['status', 'attempts', 'lastError', 'sentAt'] as const;

export function legacyRetryQueuedMail(ctx: TrackerContext, critical: Critical): QueueResult {
  const result: QueueResult = { sent: 0, waiting: 0, refused: 0, unknown: 0, undeliverable: 0, reported: 0 };
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
      const to = readText(cols.to[i])
        .split(/[,;]\s*/)
        .filter(Boolean);
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
      send({ to: c.to, subject: c.subject, body: c.body, htmlBody: c.htmlBody, senderName });
      cols.status[c.i] = 'Sent';
      cols.sentAt[c.i] = utcDateTimeCell(ctx.now);
      cols.lastError[c.i] = '';
      result.sent++;
    } catch (e) {
      const message = errorText(e);
      cols.status[c.i] = 'Queued';
      cols.lastError[c.i] = textCell(message);
      result.waiting++;
      if (QUOTA_MESSAGE.test(message)) quotaSpent = true;
    }
  }
  critical(() => {
    const rows = claimed.claims.map((c) => c.i);
    const now = table.readColumns([...WRITTEN]) as Record<string, CellValue[]>;
    for (const i of rows) for (const key of WRITTEN) now[key][i] = cols[key][i];
    writeRows(table, now, rows);
  });
  return result;
}

function writeRows(table: TrackerTable<'mail'>, cols: Record<string, CellValue[]>, touched: number[]): void {
  if (touched.length === 0) return;
  const first = Math.min(...touched);
  const last = Math.max(...touched);
  for (const key of WRITTEN) table.writeColumn(key, first + 2, cols[key].slice(first, last + 1));
}

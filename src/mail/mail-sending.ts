import { QUOTA_MESSAGE, errorText } from './error-text';
import { CellValue, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerTable } from '../tracker/table';
import { attemptWrite } from './mail-rows';
import { Claim, Fate, REFUSED_MESSAGE, Trouble } from './mail-types';

/** The run that sends: whether Google's daily quota ran out (set here when it does), and whether its time budget lasts. */
export interface SendingRun {
  quotaOut: boolean;
  timeLeft(): boolean;
}

/** What sending left for the closing critical section: claims to let go, writes to try again, and messages whose fate is unclear or refused. */
export interface Sent {
  release: Claim[];
  retry: Array<{ row: number; values: Record<string, CellValue>; base?: Record<string, CellValue> }>;
  troubles: Trouble[];
}

/**
 * Sends the messages this run holds, outside any lock: each row is stamped
 * Sending before MailApp.sendEmail and Sent after (mailer.ts has the steps).
 * Fates are written to `fates`.
 */
export function sendHeld(table: TrackerTable<'mail'>, claims: readonly Claim[], fates: Map<string, Fate>, run: SendingRun): Sent {
  const release: Claim[] = [];
  const retry: Sent['retry'] = [];
  const troubles: Trouble[] = [];
  const later = (c: Claim) => {
    release.push(c);
    fates.set(c.message.id, c.kept ? 'queued' : 'not yet');
  };
  for (const c of claims) {
    if (run.quotaOut || !run.timeLeft()) {
      later(c);
      continue;
    }
    const attempts = c.attempts + 1;
    try {
      table.writeCells(c.row, { status: 'Sending', attempts, lastError: '', sentAt: utcDateTimeCell(new Date()) });
    } catch (e) {
      // Not stamped, so not sent: the row stays Queued.
      console.error(`mail ${c.message.id}: not sent, the Sending stamp failed: ${errorText(e)}`);
      later(c);
      continue;
    }
    try {
      MailApp.sendEmail({ to: c.message.to.join(','), subject: c.message.subject, body: c.message.body, htmlBody: c.message.htmlBody, name: c.message.senderName });
    } catch (e) {
      const error = errorText(e);
      if (QUOTA_MESSAGE.test(error)) {
        // Google counts the quota before sending: it did not go.
        run.quotaOut = true;
        const values = { status: 'Queued', attempts, lastError: textCell(error), sentAt: '', claimedUntil: '' };
        attemptWrite(table, c.row, values, undefined, retry);
        fates.set(c.message.id, c.kept ? 'queued' : 'not yet');
      } else {
        const state = REFUSED_MESSAGE.test(error) ? 'failed' : 'unknown';
        troubles.push({ claim: { ...c, attempts }, state, error });
        fates.set(c.message.id, state);
      }
      continue;
    }
    fates.set(c.message.id, 'sent');
    // The recipient has the text now: the row keeps what it was, not the text, and no longer holds a claim.
    // Body to Claimed Until (with the seal) are side by side in both layouts (new, and upgraded from schema 6): one write.
    const sent = {
      body: '',
      htmlBody: '',
      status: 'Sent',
      attempts,
      lastError: '',
      sentAt: utcDateTimeCell(new Date()),
      purpose: c.base.purpose,
      messageId: c.message.id.startsWith('row:') ? '' : textCell(c.message.id),
      claimedUntil: '',
    };
    attemptWrite(table, c.row, sent, c.base, retry);
  }
  return { release, retry, troubles };
}

import { escapeHtml } from '../html';
import type { EmailContent } from './lead-emails';

/**
 * Emails about the tracker's own mail: the audit receipt that closes the
 * digest and the payout summary, and the managers' report of emails whose
 * delivery is in doubt (a run stopped while sending them) or that Google
 * refused. HTML with inline styles and a plain-text alternative; every value
 * is escaped.
 */

/** What the receipt is for, in one sentence, under the receipt line. */
export const RECEIPT_NOTE = "Keep this email: 'Verify audit log' can check this receipt later.";

/**
 * The receipt block that ends an email: the receipt line ("Audit receipt: N rows · <hash>")
 * and what it is for. Nothing when there is no receipt yet (an empty Audit Log).
 */
export function receiptFooter(receipt: string): { text: string[]; html: string } {
  const line = String(receipt ?? '')
    .replace(/[\r\n]+/g, ' ')
    .trim();
  if (!line) return { text: [], html: '' };
  return {
    text: ['', line, RECEIPT_NOTE],
    html: `<p style="margin-top:24px;padding-top:8px;border-top:1px solid #e8eaed;color:#5f6368;font-size:12px">` + `${escapeHtml(line)}<br>${escapeHtml(RECEIPT_NOTE)}</p>`,
  };
}

export interface UndeliveredMail {
  /** The message ID ("statement:PO-000001"); '' for a row queued before IDs existed. */
  id: string;
  to: string;
  subject: string;
  /** When the tracker started sending it (UTC, "yyyy-MM-dd HH:mm:ss"), or ''. */
  since: string;
  /** unknown: it may or may not have gone out; failed: Google refused it (the reason says why). */
  state: 'unknown' | 'failed';
  reason: string;
}

/** Emails listed one by one before the rest is counted (the report itself must stay small). */
export const UNDELIVERED_MAX_LISTED = 50;

const WRAP = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124;line-height:1.5';
const CELL = 'padding:4px 8px;border-bottom:1px solid #dadce0;text-align:left;vertical-align:top';

function clip(text: string, max: number): string {
  const t = String(text ?? '')
    .replace(/[\r\n\t]+/g, ' ')
    .trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/**
 * The managers' report: emails that were possibly not delivered (a run
 * stopped between sending and recording) and emails Google refused. They are
 * never sent again by the tracker; people check with the recipients.
 */
export function undeliveredReport(programme: string, items: readonly UndeliveredMail[], mailQueueUrl: string): EmailContent {
  const unknown = items.filter((i) => i.state === 'unknown');
  const failed = items.filter((i) => i.state === 'failed');
  const parts: string[] = [];
  if (unknown.length) parts.push(`${unknown.length} email${unknown.length === 1 ? '' : 's'} possibly not delivered`);
  if (failed.length) parts.push(`${failed.length} email${failed.length === 1 ? '' : 's'} not sent`);
  const subject = clip(`${programme}: ${parts.join(', ')}`, 250);
  const listed = items.slice(0, UNDELIVERED_MAX_LISTED);
  const more = items.length - listed.length;
  const line = (i: UndeliveredMail) =>
    `- ${clip(i.subject, 200)} — to ${clip(i.to, 200)}${i.id ? ` (${clip(i.id, 100)})` : ''}${i.since ? `, ${i.state === 'unknown' ? 'sending since' : 'tried at'} ${i.since} UTC` : ''}` +
    `${i.state === 'failed' && i.reason ? `: ${clip(i.reason, 300)}` : ''}`;
  const explainUnknown =
    'The tracker started sending these emails, but the run stopped before it could record whether they went out. ' +
    'They may or may not have been delivered. The tracker never sends them again on its own, so nobody gets a message twice: ' +
    'check with the recipients, and forward or resend by hand where needed.';
  const explainFailed = 'Google refused to send these emails (the reason is given); they are not retried.';
  const body = [
    `${parts.join(', ')}.`,
    '',
    ...(unknown.length ? ['Possibly not delivered:', explainUnknown, ...unknown.filter((i) => listed.includes(i)).map(line), ''] : []),
    ...(failed.length ? ['Not sent:', explainFailed, ...failed.filter((i) => listed.includes(i)).map(line), ''] : []),
    ...(more > 0 ? [`…and ${more} more: see the Mail Queue tab (Status Unknown or Failed).`, ''] : []),
    `The Mail Queue tab keeps each one's text: ${mailQueueUrl}`,
    '',
    `— ${programme}`,
  ].join('\n');
  const table = (rows: UndeliveredMail[]) => {
    const head = ['Subject', 'To', 'Message ID', 'Since (UTC)', ...(rows.some((r) => r.state === 'failed') ? ['Reason'] : [])];
    const cells = (r: UndeliveredMail) => [clip(r.subject, 200), clip(r.to, 200), clip(r.id, 100), r.since, ...(head.length > 4 ? [clip(r.reason, 300)] : [])];
    return (
      `<table style="border-collapse:collapse;margin:8px 0" cellpadding="0" cellspacing="0"><thead><tr>${head.map((h) => `<th style="${CELL};background:#f1f3f4">${escapeHtml(h)}</th>`).join('')}</tr></thead>` +
      `<tbody>${rows
        .map(
          (r) =>
            `<tr>${cells(r)
              .map((c) => `<td style="${CELL}">${escapeHtml(c)}</td>`)
              .join('')}</tr>`,
        )
        .join('')}</tbody></table>`
    );
  };
  const link = /^https?:\/\/\S+$/i.test(mailQueueUrl) ? `<a href="${escapeHtml(mailQueueUrl)}">Open the Mail Queue tab</a>` : 'Open the Mail Queue tab';
  const shownUnknown = unknown.filter((i) => listed.includes(i));
  const shownFailed = failed.filter((i) => listed.includes(i));
  const htmlBody =
    `<div style="${WRAP}"><p style="color:#5f6368;margin:0 0 12px">${escapeHtml(programme)}</p>` +
    (unknown.length ? `<h3 style="font-size:15px;margin:16px 0 4px">Possibly not delivered</h3><p>${escapeHtml(explainUnknown)}</p>${table(shownUnknown)}` : '') +
    (failed.length ? `<h3 style="font-size:15px;margin:16px 0 4px">Not sent</h3><p>${escapeHtml(explainFailed)}</p>${table(shownFailed)}` : '') +
    (more > 0 ? `<p>${escapeHtml(`…and ${more} more: see the Mail Queue tab (Status Unknown or Failed).`)}</p>` : '') +
    `<p style="margin-top:20px">${link}: it keeps each one's text.</p></div>`;
  return { subject, body, htmlBody };
}

import { escapeHtml } from '../html';
import { CONFLICT_FOR_PARTNER } from '../partner-facing';
import { RESPONDENT_NOT_MATCHED } from '../respondent';
import { receiptFooter } from './mail-emails';

/**
 * Emails about leads: the partner's confirmation (or what was wrong) and the
 * partner team's daily expiry digest. HTML with inline styles and a plain-text
 * alternative; every value from a person or partner is escaped.
 */
export interface EmailContent {
  subject: string;
  body: string;
  htmlBody: string;
}

const WRAP = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124;line-height:1.5';
const CELL = 'padding:4px 8px;border-bottom:1px solid #dadce0;text-align:left;vertical-align:top';

/** The frame and the table every tracker email uses (also the tier review's team email). */
export function page(programme: string, inner: string): string {
  return `<div style="${WRAP}"><p style="color:#5f6368;margin:0 0 12px">${escapeHtml(programme)}</p>${inner}</div>`;
}

export function table(headers: string[], rows: string[][]): string {
  const head = headers.map((h) => `<th style="${CELL};background:#f1f3f4">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td style="${CELL}">${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table style="border-collapse:collapse;margin:8px 0" cellpadding="0" cellspacing="0"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export interface AcceptedRegistration {
  programme: string;
  partnerName: string;
  leadId: string;
  company: string;
  status: string;
  /** YYYY-MM-DD, when the lead is protected. */
  protectedUntil: string;
}

export function registrationConfirmation(r: AcceptedRegistration): EmailContent {
  const conflict = r.status === 'Conflict';
  const subject = conflict ? `Lead ${r.leadId} (${r.company}) registered with a conflict` : `Lead ${r.leadId} (${r.company}) registered`;
  // Never the conflict's description: it names the earlier partner, their lead and its date.
  const outcome = conflict ? CONFLICT_FOR_PARTNER : `Its status is ${r.status}. The deal is protected for you until ${r.protectedUntil}.`;
  const body = [`Hello ${r.partnerName},`, '', `We received your registration of ${r.company}. Its lead ID is ${r.leadId}.`, outcome, '', `— ${r.programme}`].join('\n');
  const htmlBody = page(
    r.programme,
    [
      `<p>Hello ${escapeHtml(r.partnerName)},</p>`,
      `<p>We received your registration of <strong>${escapeHtml(r.company)}</strong>. Its lead ID is <strong>${escapeHtml(r.leadId)}</strong>.</p>`,
      `<p>${escapeHtml(outcome)}</p>`,
    ].join(''),
  );
  return { subject, body, htmlBody };
}

export interface RefusedRegistration {
  programme: string;
  partnerName: string;
  company: string;
  reasons: string[];
}

export function registrationRefused(r: RefusedRegistration): EmailContent {
  const what = r.company ? `your registration of ${r.company}` : 'your lead registration';
  const subject = `We could not register ${r.company ? r.company : 'your lead'}`;
  const body = [
    `Hello ${r.partnerName},`,
    '',
    `We could not accept ${what}:`,
    ...r.reasons.map((reason) => `- ${reason}`),
    '',
    'Please correct it and submit the form again. The partner team has a copy of your answers.',
    '',
    `— ${r.programme}`,
  ].join('\n');
  const htmlBody = page(
    r.programme,
    [
      `<p>Hello ${escapeHtml(r.partnerName)},</p>`,
      `<p>We could not accept ${escapeHtml(what)}:</p>`,
      `<ul>${r.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul>`,
      '<p>Please correct it and submit the form again. The partner team has a copy of your answers.</p>',
    ].join(''),
  );
  return { subject, body, htmlBody };
}

/**
 * To a respondent whose response could not be attributed (an address no partner has, or a code
 * that is not their partner's): no name, no code, nothing about any partner; the same words for
 * every such response but the company they typed themselves.
 */
export function registrationNotMatched(r: { programme: string; company: string; respondentEmail: string }): EmailContent {
  const what = r.company ? `your registration of ${r.company}` : 'your lead registration';
  const subject = `We could not register ${r.company ? r.company : 'your lead'}`;
  const lines = [`We could not accept ${what}, sent from ${r.respondentEmail}.`, RESPONDENT_NOT_MATCHED, 'The partner team has a copy of your answers.'];
  const body = ['Hello,', '', ...lines, '', `— ${r.programme}`].join('\n');
  const htmlBody = page(r.programme, ['<p>Hello,</p>', ...lines.map((line) => `<p>${escapeHtml(line)}</p>`)].join(''));
  return { subject, body, htmlBody };
}

export interface DigestLead {
  id: string;
  company: string;
  partnerName: string;
  status: string;
  protectedUntil: string;
}

/**
 * The digest lists at most this many leads in all: at about 560 characters of
 * HTML a lead, a queued copy must fit a 50,000-character cell and the message
 * Gmail's body limit, whatever the day brings (the rest are counted, not listed).
 */
export const DIGEST_MAX_LEADS = 60;

/**
 * The partner team's daily digest. `receipt` is the Audit Log's head as a
 * receipt line (audit/receipt.ts); it closes the email, with what it is for.
 */
export function expiryDigest(programme: string, today: string, withinDays: number, expiring: DigestLead[], expired: DigestLead[], inboxWaiting = 0, receipt = ''): EmailContent {
  const subject =
    `${programme}: ${expiring.length} lead${expiring.length === 1 ? '' : 's'} expiring within ${withinDays} days` +
    (expired.length ? `, ${expired.length} expired today` : '') +
    (inboxWaiting ? `, ${inboxWaiting} form response${inboxWaiting === 1 ? '' : 's'} to review` : '');
  const inboxLine = inboxWaiting ? `${inboxWaiting} partner form response${inboxWaiting === 1 ? '' : 's'} could not be registered and wait${inboxWaiting === 1 ? 's' : ''} in the Form Inbox tab.` : '';
  const headers = ['Lead', 'Company', 'Partner', 'Status', 'Protected until'];
  const listedExpiring = expiring.slice(0, DIGEST_MAX_LEADS);
  const listedExpired = expired.slice(0, Math.max(0, DIGEST_MAX_LEADS - listedExpiring.length));
  const more = (all: DigestLead[], listed: DigestLead[], status: string) => (all.length > listed.length ? `…and ${all.length - listed.length} more: see the Leads tab (${status}).` : '');
  const moreExpiring = more(expiring, listedExpiring, 'open leads by Protected Until');
  const moreExpired = more(expired, listedExpired, 'status Expired');
  const rows = (leads: DigestLead[]) => leads.map((l) => [l.id, l.company, l.partnerName, l.status, l.protectedUntil]);
  const footer = receiptFooter(receipt);
  const text = (leads: DigestLead[]) => leads.map((l) => `- ${l.id} ${l.company} (${l.partnerName}, ${l.status}) protected until ${l.protectedUntil}`);
  const body = [
    `Lead protection digest for ${today}.`,
    '',
    expiring.length ? `Expiring within ${withinDays} days:` : `No lead expires within ${withinDays} days.`,
    ...text(listedExpiring),
    ...(moreExpiring ? [moreExpiring] : []),
    ...(expired.length ? ['', 'Expired today (protection ended):', ...text(listedExpired), ...(moreExpired ? [moreExpired] : [])] : []),
    ...(inboxLine ? ['', inboxLine] : []),
    ...footer.text,
  ].join('\n');
  const moreHtml = (line: string) => (line ? `<p style="margin:4px 0">${escapeHtml(line)}</p>` : '');
  const htmlBody = page(
    programme,
    [
      `<p>Lead protection digest for ${escapeHtml(today)}.</p>`,
      expiring.length
        ? `<h3 style="font-size:15px;margin:16px 0 4px">Expiring within ${withinDays} days</h3>${table(headers, rows(listedExpiring))}${moreHtml(moreExpiring)}`
        : `<p>No lead expires within ${withinDays} days.</p>`,
      expired.length ? `<h3 style="font-size:15px;margin:16px 0 4px">Expired today</h3>${listedExpired.length ? table(headers, rows(listedExpired)) : ''}${moreHtml(moreExpired)}` : '',
      inboxLine ? `<p style="margin-top:16px">${escapeHtml(inboxLine)}</p>` : '',
      footer.html,
    ].join(''),
  );
  return { subject, body, htmlBody };
}

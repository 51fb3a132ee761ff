import { escapeHtml } from '../html';
import type { EmailContent } from './lead-emails';

/**
 * Emails to an applicant of the programme: the application received, the welcome on approval
 * (their partner code, their form, their partner sheet, the terms), and the reason on
 * rejection. Each is about the applicant's own application only; every value is escaped.
 */
const WRAP = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124;line-height:1.5';

function page(programme: string, paragraphs: string[]): string {
  return `<div style="${WRAP}"><p style="color:#5f6368;margin:0 0 12px">${escapeHtml(programme)}</p>${paragraphs.join('')}</div>`;
}

const p = (html: string) => `<p>${html}</p>`;
const link = (url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;

export interface ApplicationMailBase {
  programme: string;
  applicationId: string;
  contactName: string;
  company: string;
}

export function applicationReceived(a: ApplicationMailBase): EmailContent {
  const subject = `We received your application to the ${a.programme}`;
  const lines = [
    `Thank you for applying to the ${a.programme} on behalf of ${a.company}. Your application's reference is ${a.applicationId}.`,
    'The partner team reviews every application and will email you its decision.',
  ];
  const body = [`Hello ${a.contactName},`, '', ...lines, '', `— ${a.programme}`].join('\n');
  return { subject, body, htmlBody: page(a.programme, [p(`Hello ${escapeHtml(a.contactName)},`), ...lines.map((l) => p(escapeHtml(l)))]) };
}

export interface WelcomeMail extends ApplicationMailBase {
  partnerCode: string;
  /** The partner form's link, or '' when the programme has none yet. */
  formUrl: string;
  /** The partner's own sheet, or '' when it is not made yet. */
  partnerSheetUrl: string;
  termsVersion: string;
  termsUrl: string;
}

export function welcomeEmail(w: WelcomeMail): EmailContent {
  const subject = `Welcome to the ${w.programme}`;
  const form = w.formUrl ? `Register each prospect on the partner form: ${w.formUrl}` : 'The partner team will send you the link of the form you register prospects on.';
  const sheet = w.partnerSheetUrl
    ? `Your own partner sheet shows your leads, commissions and payouts: ${w.partnerSheetUrl}`
    : 'Your own partner sheet, showing your leads, commissions and payouts, follows by email once it is ready.';
  const terms = `You accepted the programme terms, version ${w.termsVersion}${w.termsUrl ? `: ${w.termsUrl}` : '.'}`;
  const body = [
    `Hello ${w.contactName},`,
    '',
    `Your application ${w.applicationId} for ${w.company} is approved: welcome to the ${w.programme}.`,
    '',
    `Your partner code is ${w.partnerCode}. Keep it to yourself: the form accepts it only from this email address.`,
    form,
    sheet,
    terms,
    '',
    `— ${w.programme}`,
  ].join('\n');
  const htmlBody = page(w.programme, [
    p(`Hello ${escapeHtml(w.contactName)},`),
    p(`Your application ${escapeHtml(w.applicationId)} for <strong>${escapeHtml(w.company)}</strong> is approved: welcome to the ${escapeHtml(w.programme)}.`),
    p(`Your partner code is <strong style="font-family:monospace;font-size:16px">${escapeHtml(w.partnerCode)}</strong>. Keep it to yourself: the form accepts it only from this email address.`),
    p(w.formUrl ? `Register each prospect on the partner form: ${link(w.formUrl)}` : escapeHtml(form)),
    p(w.partnerSheetUrl ? `Your own partner sheet shows your leads, commissions and payouts: ${link(w.partnerSheetUrl)}` : escapeHtml(sheet)),
    p(`You accepted the programme terms, version ${escapeHtml(w.termsVersion)}${w.termsUrl ? `: ${link(w.termsUrl)}` : '.'}`),
  ]);
  return { subject, body, htmlBody };
}

export interface DeclinedMail extends ApplicationMailBase {
  reason: string;
}

export function applicationDeclined(d: DeclinedMail): EmailContent {
  const subject = `Your application to the ${d.programme}`;
  const body = [
    `Hello ${d.contactName},`,
    '',
    `Thank you for applying to the ${d.programme} on behalf of ${d.company}. We are not able to accept application ${d.applicationId}.`,
    '',
    `The reason: ${d.reason}`,
    '',
    `— ${d.programme}`,
  ].join('\n');
  const htmlBody = page(d.programme, [
    p(`Hello ${escapeHtml(d.contactName)},`),
    p(`Thank you for applying to the ${escapeHtml(d.programme)} on behalf of ${escapeHtml(d.company)}. We are not able to accept application ${escapeHtml(d.applicationId)}.`),
    p(`The reason: ${escapeHtml(d.reason)}`),
  ]);
  return { subject, body, htmlBody };
}

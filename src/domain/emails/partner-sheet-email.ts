import { escapeHtml } from '../html';
import { EmailContent } from './lead-emails';

/** The short email a partner's contact gets when they are first given their partner sheet: its link and what it holds. */
export function partnerSheetEmail(p: { programme: string; partnerName: string; sheetUrl: string }): EmailContent {
  const subject = `Your partner sheet — ${p.programme}`;
  const what = 'It shows your leads (status and protection), commissions, payouts and balance, refreshed after each change and every night. It is view-only and shared only with your contacts.';
  const body = [`Hello ${p.partnerName},`, '', `Your partner sheet is ready: ${p.sheetUrl}`, what, 'Open it while signed in to Google with this email address.', '', `— ${p.programme}`].join('\n');
  const url = escapeHtml(p.sheetUrl);
  const htmlBody =
    `<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124;line-height:1.5">` +
    `<p style="color:#5f6368;margin:0 0 12px">${escapeHtml(p.programme)}</p>` +
    `<p>Hello ${escapeHtml(p.partnerName)},</p>` +
    `<p>Your partner sheet is ready: <a href="${url}">${url}</a></p>` +
    `<p>${escapeHtml(what)}</p><p>Open it while signed in to Google with this email address.</p></div>`;
  return { subject, body, htmlBody };
}

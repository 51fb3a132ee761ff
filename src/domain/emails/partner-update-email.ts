import { escapeHtml } from '../html';
import type { EmailContent } from './lead-emails';
import { MUTED, clip, fitRows, link, page, plural, subjectLine } from './payout-email-html';

/**
 * A partner's status update: what happened to their own leads, commissions and payouts since
 * their last one, one line each as the Partner Updates tab words it (the summaries name only the
 * partner's own records). Plain text and HTML; every value escaped; links only when http(s).
 * Long lists are cut and the rest counted, so the email stays within Google's size limit.
 */
export interface PartnerUpdateInput {
  programme: string;
  partnerName: string;
  /** Daily, Weekly or Immediate: how often they hear (said at the end, with how to change it). */
  cadence: string;
  /** Oldest first. `date`: YYYY-MM-DD in the programme's time zone. */
  updates: ReadonlyArray<{ date: string; summary: string }>;
  /** The partner's own view-only spreadsheet, when it has been made. */
  partnerSheetUrl: string;
  /** The lead registration form. */
  formUrl: string;
}

const MAX_ROWS = 300;
const CADENCE: Record<string, string> = {
  Daily: 'You get one update a day when something changed.',
  Weekly: 'You get one update a week (on Mondays) when something changed.',
  Immediate: 'You get an update within the hour of each change.',
};

export function partnerUpdateEmail(input: PartnerUpdateInput): EmailContent {
  const { programme, partnerName, updates } = input;
  const fit = fitRows(
    updates,
    (u) => {
      const summary = clip(u.summary, 1000);
      return { html: `<li style="margin:0 0 6px"><span style="${MUTED}">${escapeHtml(u.date)}</span> ${escapeHtml(summary)}</li>`, text: `- ${u.date}: ${summary}` };
    },
    { rows: MAX_ROWS, htmlBytes: 120_000, textBytes: 60_000 },
  );
  const rest = updates.length - fit.shown;
  const restText = rest > 0 ? `…and ${plural(rest, 'more update')}; ask the partner team for the full list.` : '';
  const subject = subjectLine(`${programme}: ${updates.length === 1 ? clip(updates[0].summary, 120) : `${updates.length} updates on your deals`}`);
  const cadence = CADENCE[input.cadence] ?? '';
  const links: string[] = [];
  if (input.partnerSheetUrl) links.push(`Your partner sheet (your leads, commissions and payouts): ${input.partnerSheetUrl}`);
  if (input.formUrl) links.push(`Register a lead: ${input.formUrl}`);
  const body = [
    `Hello ${partnerName},`,
    '',
    updates.length === 1 ? 'Here is what changed:' : `Here is what changed (${updates.length} updates):`,
    '',
    ...fit.text,
    ...(restText ? [restText] : []),
    '',
    ...links,
    ...(links.length ? [''] : []),
    `${cadence} To hear more or less often, or not at all, reply to the partner team.`.trim(),
    '',
    `— ${programme}`,
  ].join('\n');
  const htmlLinks = [
    input.partnerSheetUrl ? `<p>${link(input.partnerSheetUrl, 'Open your partner sheet')} (your leads, commissions and payouts)</p>` : '',
    input.formUrl ? `<p>${link(input.formUrl, 'Register a lead')}</p>` : '',
  ].join('');
  const htmlBody = page(
    programme,
    [
      `<p>Hello ${escapeHtml(partnerName)},</p>`,
      `<p>Here is what changed:</p>`,
      `<ul style="padding-left:20px">${fit.html.join('')}</ul>`,
      restText ? `<p style="${MUTED}">${escapeHtml(restText)}</p>` : '',
      htmlLinks,
      `<p style="margin-top:20px;${MUTED}">${escapeHtml(`${cadence} To hear more or less often, or not at all, reply to the partner team.`.trim())}</p>`,
    ].join(''),
  );
  return { subject, body, htmlBody };
}

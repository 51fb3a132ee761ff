import { EmailContent, page, table } from '../emails/lead-emails';
import { escapeHtml } from '../html';

/** One tier change, as the team's email lists it. */
export interface TierChangeLine {
  partnerId: string;
  partnerName: string;
  fromTier: string;
  toTier: string;
  direction: 'up' | 'down';
  wonRevenue: string;
  wonDeals: string;
  reason: string;
}

/** At most this many changes are listed; the rest are on the Tier History tab. */
export const REVIEW_MAIL_MAX = 100;

/** The team's email for one review (Managers and the owner): every change, with the figures that decided it. */
export function tierReviewEmail(programme: string, review: string, changes: readonly TierChangeLine[]): EmailContent {
  const ups = changes.filter((c) => c.direction === 'up').length;
  const subject = `${programme}: tier review ${review}: ${changes.length} partner${changes.length === 1 ? '' : 's'} moved (${ups} up, ${changes.length - ups} down)`;
  const listed = changes.slice(0, REVIEW_MAIL_MAX);
  const more = changes.length > listed.length ? `…and ${changes.length - listed.length} more: see the Tier History tab (Review ${review}).` : '';
  const body = [
    `The tier review ${review} moved ${changes.length} partner${changes.length === 1 ? '' : 's'}:`,
    '',
    ...listed.map((c) => `- ${c.partnerName} (${c.partnerId}): ${c.fromTier} -> ${c.toTier}. ${c.reason}`),
    ...(more ? [more] : []),
    '',
    'Each change is on the Tier History tab and in the Audit Log. A manager can pin a partner to keep their tier (Partners tab, Tier Pinned).',
  ].join('\n');
  const rows = listed.map((c) => [`${c.partnerName} (${c.partnerId})`, c.fromTier, c.toTier, c.wonRevenue, c.wonDeals, c.reason]);
  const htmlBody = page(
    programme,
    [
      `<p>The tier review ${escapeHtml(review)} moved ${changes.length} partner${changes.length === 1 ? '' : 's'}.</p>`,
      table(['Partner', 'From', 'To', 'Won (12 mo)', 'Deals (12 mo)', 'Why'], rows),
      more ? `<p>${escapeHtml(more)}</p>` : '',
      '<p>Each change is on the Tier History tab and in the Audit Log. A manager can pin a partner to keep their tier (Partners tab, Tier Pinned).</p>',
    ].join(''),
  );
  return { subject, body, htmlBody };
}

import { AnnouncementDraft, SegmentMatch, announcementRecipients, matchSegment } from '../domain/announcements';
import { StoredPartner, readPartners } from '../partners/partner-store';
import { readText, readUtcDateTime, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';

/**
 * Who an announcement reaches: the partners (one read of the Partners tab) and each partner's
 * latest lead registration (one read of two Leads columns), matched by the pure segment rules.
 * The same calls however many partners and leads. Leads moved to a yearly archive are closed
 * and old, so they do not make a partner active.
 */
export interface Audience {
  match: SegmentMatch<StoredPartner>;
  /** Matched partners with at least one contact email, and their addresses. */
  reachable: Array<{ partner: StoredPartner; to: string[] }>;
  /** Matched partners the tracker cannot email, and why. */
  skipped: Array<{ partner: StoredPartner; reason: string }>;
}

/** Google: at most 50 recipients per message. */
const MAX_RECIPIENTS = 50;

export function lastLeadByPartner(ctx: TrackerContext): Map<string, Date> {
  const leads = TrackerTable.open(ctx.ss, 'leads');
  const out = new Map<string, Date>();
  if (leads.rowCount() === 0) return out;
  const cols = leads.readColumns(['partnerId', 'registeredAt'] as const);
  cols.partnerId.forEach((value, i) => {
    const id = readText(value);
    const at = readUtcDateTime(cols.registeredAt[i], ctx.timeZone);
    if (!id || !at) return;
    const known = out.get(id);
    if (!known || known < at) out.set(id, at);
  });
  return out;
}

export function audienceOf(ctx: TrackerContext, draft: AnnouncementDraft): Audience {
  const partners = readPartners(ctx.ss, ctx.timeZone);
  const match = matchSegment(partners, lastLeadByPartner(ctx), draft.segment, { now: ctx.now, today: todayIn(ctx.timeZone, ctx.now) });
  const reachable: Audience['reachable'] = [];
  const skipped: Audience['skipped'] = [];
  for (const partner of match.partners) {
    const to = announcementRecipients(partner);
    if (to.length === 0) skipped.push({ partner, reason: 'no contact email (Contact Email and More Contact Emails are blank)' });
    else if (to.length > MAX_RECIPIENTS) skipped.push({ partner, reason: `more than ${MAX_RECIPIENTS} contact emails (Google sends to at most ${MAX_RECIPIENTS} per email)` });
    else reachable.push({ partner, to });
  }
  return { match, reachable, skipped };
}

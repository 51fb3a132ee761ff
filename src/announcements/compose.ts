import { ANNOUNCEMENT_LIMITS, AnnouncementDraft, ONLY_ACTIVE_PARTNERS, activityDefinition, announcementEmail, describeSegment } from '../domain/announcements';
import { PARTNER_TYPES } from '../domain/enums';
import { tierNamesOf } from '../tiers/tier-store';
import { AnnouncementHistoryItem, AnnouncementOptions, AnnouncementPreview } from '../sidebar-api/contract';
import { requireRole, rosterOf, runsAsOwner, whyNot } from '../team/access';
import { readText, readUtcDateTime } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { reference } from '../tracker/reference';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { PendingAnnouncements, checkedDraft } from './announce';
import { audienceOf } from './audience';

/**
 * The sidebar's Announcements view, before sending: what a segment can name, the recent
 * announcements, and "Show recipients" (who the segment matches and the email as the first of
 * them will receive it). Reads only.
 */
const SHOWN_RECIPIENTS = 200;
const HISTORY_ROWS = 400;
const HISTORY_ITEMS = 10;

export function announcementOptions(ctx: TrackerContext): AnnouncementOptions {
  const why = whyNot(ctx, 'sendAnnouncements');
  const ref = reference(ctx.ss);
  return {
    // The Tiers tab's tiers (a segment by tier names the team's own).
    tiers: tierNamesOf(ctx.ss),
    types: [...PARTNER_TYPES],
    regions: ref.list('regions'),
    products: ref.list('products'),
    limits: { subject: ANNOUNCEMENT_LIMITS.subject, body: ANNOUNCEMENT_LIMITS.body, defaultDays: ANNOUNCEMENT_LIMITS.defaultDays },
    onlyActive: ONLY_ACTIVE_PARTNERS,
    canSend: why === null,
    whyNot: why,
    sendsNow: runsAsOwner(ctx),
    owner: rosterOf(ctx).owner,
    history: why === null ? announcementHistory(ctx) : [],
  };
}

export function previewAnnouncement(ctx: TrackerContext, input: AnnouncementDraft): AnnouncementPreview {
  requireRole(ctx, 'sendAnnouncements');
  const draft = checkedDraft(input);
  const audience = audienceOf(ctx, draft);
  const skipped = new Map(audience.skipped.map((s) => [s.partner.id, s.reason]));
  const partners = audience.match.partners;
  const first = audience.reachable[0];
  const programme = readSettings(ctx.ss).settings.programmeName;
  const email = first ? announcementEmail({ programme, subject: draft.subject, body: draft.body, partner: first.partner }) : null;
  return {
    segment: describeSegment(draft.segment),
    definition: activityDefinition(draft.segment.activity, draft.segment.days),
    matched: partners.length,
    reachable: audience.reachable.length,
    inactive: audience.match.inactive,
    recipients: partners.slice(0, SHOWN_RECIPIENTS).map((p) => {
      const reach = audience.reachable.find((r) => r.partner.id === p.id);
      return { id: p.id, name: p.name, contacts: reach ? reach.to.length : 0, skipped: skipped.get(p.id) ?? '' };
    }),
    more: Math.max(0, partners.length - SHOWN_RECIPIENTS),
    preview: first && email ? { partnerName: first.partner.name, contacts: first.to.length, subject: email.subject, body: email.body } : null,
  };
}

/** The latest announcements on the Partner Updates tab (its last rows), and those waiting for the automation. */
function announcementHistory(ctx: TrackerContext): AnnouncementHistoryItem[] {
  const waiting: AnnouncementHistoryItem[] = new PendingAnnouncements(ctx.ss)
    .list()
    .map((r) => ({ id: r.id, at: r.at, subject: r.subject, partners: 0, sent: 0, pending: 0, notSent: 0, waiting: true }));
  const updates = TrackerTable.open(ctx.ss, 'updates');
  const last = updates.lastRow();
  const byId = new Map<string, AnnouncementHistoryItem>();
  if (last >= 2) {
    for (const r of updates.readRows(Math.max(2, last - HISTORY_ROWS + 1), last)) {
      if (readText(r.event) !== 'announcement') continue;
      const id = readText(r.recordId);
      let item = byId.get(id);
      if (!item) {
        item = { id, at: readUtcDateTime(r.at, ctx.timeZone)?.toISOString() ?? '', subject: readText(r.summary), partners: 0, sent: 0, pending: 0, notSent: 0, waiting: false };
        byId.set(id, item);
      }
      item.partners++;
      const status = readText(r.status);
      if (status === 'Sent') item.sent++;
      else if (status === 'Pending') item.pending++;
      else item.notSent++;
    }
  }
  const recorded = [...byId.values()];
  return [...waiting.filter((w) => !byId.has(w.id)), ...recorded.reverse()].slice(0, HISTORY_ITEMS);
}

import { escapeHtml } from './html';
import { EmailContent } from './emails/lead-emails';
import type { Segment } from './announcement-draft';
import { Partner, partnerContactEmails } from './partner';

/**
 * Announcements: one email the partner team writes for a segment of the programme, sent to each
 * partner on its own (no partner learns who else is in the programme). Pure: which partners a
 * segment matches, what each one receives, and what makes a draft valid. The sending, the Mail
 * Queue and the Partner Updates rows are src/announcements/.
 */
export { ANNOUNCEMENT_ACTIVITIES, ANNOUNCEMENT_LIMITS, ONLY_ACTIVE_PARTNERS, activityDefinition, announcementProblems } from './announcement-draft';
export type { AnnouncementActivity, AnnouncementDraft, Segment } from './announcement-draft';
const DAY_MS = 24 * 60 * 60 * 1000;

/** YYYY-MM-DD `days` before `isoDate` (calendar days, UTC arithmetic on the date alone). */
export function daysBefore(isoDate: string, days: number): string {
  const at = Date.parse(`${isoDate}T00:00:00Z`);
  return new Date(at - days * DAY_MS).toISOString().slice(0, 10);
}

const lower = (values: readonly string[]) => new Set(values.map((v) => v.trim().toLowerCase()).filter(Boolean));
/** A Product Focus cell may name several products (commas, semicolons or new lines between them). */
export const productsOf = (focus: string): string[] =>
  focus
    .split(/[,;\n]+/)
    .map((p) => p.trim())
    .filter(Boolean);

export interface SegmentClock {
  /** Now (lead registrations are instants). */
  now: Date;
  /** Today in the programme's time zone, YYYY-MM-DD (Joined is a date). */
  today: string;
}

export interface SegmentMatch<P extends Partner> {
  partners: P[];
  /** Partners the filters matched but whose Status is not Active: left out. */
  inactive: number;
}

/**
 * The Active partners a segment matches. `lastLeadAt` is each partner's latest lead registration
 * (absent: none). Boundaries: a lead registered exactly N days ago counts as within the last N
 * days (active, not dormant); a partner who joined exactly N days ago is new.
 */
export function matchSegment<P extends Partner>(partners: readonly P[], lastLeadAt: ReadonlyMap<string, Date>, segment: Segment, clock: SegmentClock): SegmentMatch<P> {
  const tiers = lower(segment.tiers);
  const regions = lower(segment.regions);
  const types = lower(segment.types);
  const products = lower(segment.products);
  const since = clock.now.getTime() - segment.days * DAY_MS;
  const joinedSince = daysBefore(clock.today, segment.days);
  const within = (p: P): boolean => {
    if (tiers.size && !tiers.has(p.tier.toLowerCase())) return false;
    if (regions.size && !regions.has(p.region.trim().toLowerCase())) return false;
    if (types.size && !types.has(p.type.toLowerCase())) return false;
    if (products.size && !productsOf(p.productFocus).some((x) => products.has(x.toLowerCase()))) return false;
    const last = lastLeadAt.get(p.id);
    switch (segment.activity) {
      case 'active':
        return !!last && last.getTime() >= since;
      case 'dormant':
        return !last || last.getTime() < since;
      case 'new':
        return !!p.joinedOn && p.joinedOn >= joinedSince;
      default:
        return true;
    }
  };
  const out: SegmentMatch<P> = { partners: [], inactive: 0 };
  for (const p of partners) {
    if (!within(p)) continue;
    if (p.status === 'Active') out.partners.push(p);
    else out.inactive++;
  }
  return out;
}

/** One segment in words, for the audit trail and the sidebar's summary: "Gold or Platinum · EMEA · active in the last 90 days". */
export function describeSegment(segment: Segment): string {
  const part = (label: string, values: readonly string[]) => (values.length ? `${label} ${values.join(' or ')}` : '');
  const activity =
    segment.activity === 'all'
      ? ''
      : segment.activity === 'new'
        ? `joined in the last ${segment.days} days`
        : `${segment.activity} (${segment.activity === 'active' ? 'a lead' : 'no lead'} in the last ${segment.days} days)`;
  const parts = [part('tier', segment.tiers), part('region', segment.regions), part('type', segment.types), part('product focus', segment.products), activity].filter(Boolean);
  return parts.length ? `Active partners: ${parts.join(' · ')}` : 'All Active partners';
}

export interface AnnouncementLetter {
  programme: string;
  subject: string;
  body: string;
  /** Who the greeting names: the partner's contact, else the partner. */
  partner: Pick<Partner, 'name' | 'contactName'> & { partnerSheet?: string };
}

/** The message's paragraphs: blank lines separate them; a single new line stays a line break. */
export function paragraphsOf(body: string): string[][] {
  return body
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n[ \t]*\n+/)
    .map((p) => p.split('\n').map((l) => l.trimEnd()))
    .filter((p) => p.some((l) => l.trim()));
}

const WRAP = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124;line-height:1.5';

/** What one partner receives: their own name, the message, and their partner sheet's link when they have one. Every value escaped in the HTML. */
export function announcementEmail(letter: AnnouncementLetter): EmailContent {
  const who = letter.partner.contactName.trim() || letter.partner.name.trim() || 'partner';
  const paragraphs = paragraphsOf(letter.body);
  const sheet = /^https:\/\//i.test(letter.partner.partnerSheet ?? '') ? (letter.partner.partnerSheet as string) : '';
  const body = [
    `Hello ${who},`,
    '',
    paragraphs.map((p) => p.join('\n')).join('\n\n'),
    '',
    ...(sheet ? [`Your partner sheet (your leads, commissions and payouts): ${sheet}`, ''] : []),
    `— ${letter.programme}`,
  ].join('\n');
  const html = [
    `<p style="color:#5f6368;margin:0 0 12px">${escapeHtml(letter.programme)}</p>`,
    `<p>Hello ${escapeHtml(who)},</p>`,
    ...paragraphs.map((p) => `<p>${p.map(escapeHtml).join('<br>')}</p>`),
    sheet ? `<p style="color:#5f6368">Your partner sheet (your leads, commissions and payouts): <a href="${escapeHtml(sheet)}">${escapeHtml(sheet)}</a></p>` : '',
    `<p style="color:#5f6368">— ${escapeHtml(letter.programme)}</p>`,
  ].join('');
  return { subject: letter.subject.trim(), body, htmlBody: `<div style="${WRAP}">${html}</div>` };
}

/** Whom a partner's copy goes to: their contacts only (Contact Email and More Contact Emails), never another partner's. */
export function announcementRecipients(partner: Pick<Partner, 'contactEmail' | 'otherEmails'>): string[] {
  return partnerContactEmails(partner);
}

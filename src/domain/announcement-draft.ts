/**
 * An announcement's draft as the sidebar and the server check it: the activities a segment may
 * name, the limits, the definitions the view states. No imports, so the sidebar's bundle can
 * carry it (domain/announcements.ts re-exports it with the matching and the email).
 */
export const ANNOUNCEMENT_ACTIVITIES = ['all', 'active', 'dormant', 'new'] as const;
export type AnnouncementActivity = (typeof ANNOUNCEMENT_ACTIVITIES)[number];

export const ANNOUNCEMENT_LIMITS = { subject: 150, body: 5000, minDays: 1, maxDays: 3650, defaultDays: 90, values: 50 } as const;

/** Who an announcement is for. An empty list means any value; several values mean any of them. */
export interface Segment {
  tiers: string[];
  regions: string[];
  types: string[];
  products: string[];
  activity: AnnouncementActivity;
  /** The N of the activity: a lead registered (active), none (dormant), joined (new) in the last N days. */
  days: number;
}

export interface AnnouncementDraft {
  subject: string;
  body: string;
  segment: Segment;
}

/** The definitions the sidebar states beside the activity choice (one wording, here). */
export function activityDefinition(activity: AnnouncementActivity, days: number): string {
  switch (activity) {
    case 'active':
      return `Active: registered at least one lead in the last ${days} days.`;
    case 'dormant':
      return `Dormant: registered no lead in the last ${days} days (or never).`;
    case 'new':
      return `New: joined (the Joined date) in the last ${days} days; a partner with no Joined date is not new.`;
    default:
      return 'All: every partner, whatever their activity.';
  }
}

export const ONLY_ACTIVE_PARTNERS = 'Only partners whose Status is Active receive announcements; Paused and Terminated partners (and those with a blank Status) never do.';

/** What is wrong with a draft, by field ('' keys absent): the sidebar's and the server's one check. */
export function announcementProblems(draft: AnnouncementDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  const subject = draft.subject.trim();
  const body = draft.body.trim();
  if (!subject) problems.subject = 'A subject is required.';
  else if (subject.length > ANNOUNCEMENT_LIMITS.subject) problems.subject = `The subject must be at most ${ANNOUNCEMENT_LIMITS.subject} characters (it has ${subject.length}).`;
  else if (/[\r\n]/.test(subject)) problems.subject = 'The subject must be one line.';
  if (!body) problems.body = 'A message is required.';
  else if (body.length > ANNOUNCEMENT_LIMITS.body) problems.body = `The message must be at most ${ANNOUNCEMENT_LIMITS.body} characters (it has ${body.length}).`;
  const days = draft.segment.days;
  if (draft.segment.activity !== 'all' && !(Number.isInteger(days) && days >= ANNOUNCEMENT_LIMITS.minDays && days <= ANNOUNCEMENT_LIMITS.maxDays)) {
    problems.days = `The number of days must be a whole number from ${ANNOUNCEMENT_LIMITS.minDays} to ${ANNOUNCEMENT_LIMITS.maxDays}.`;
  }
  return problems;
}

import * as z from 'zod/mini';
import { sendAnnouncement } from '../announcements/announce';
import { announcementOptions, previewAnnouncement } from '../announcements/compose';
import { ANNOUNCEMENT_ACTIVITIES, ANNOUNCEMENT_LIMITS } from '../domain/announcements';
import { lazy } from '../domain/lazy';
import { trackerContext } from '../tracker/context';
import { AnnouncementOptions, AnnouncementPreview, AnnouncementSendResult } from './contract';
import { NO_ARGUMENTS, endpoint, writeEndpoint } from './endpoint';

/**
 * The sidebar's Announcements view (src/announcements/): its options and history, "Show
 * recipients", and "Send". The draft is only bounded here; announcementProblems (domain) says
 * what is wrong with it, per field, for the server and the view alike.
 */
const SOURCE = 'sidebar';

const values = (label: string) =>
  z._default(
    z
      .array(z.string().check(z.maxLength(200, { error: `${label}: each value must be at most 200 characters` })))
      .check(z.maxLength(ANNOUNCEMENT_LIMITS.values, { error: `${label}: at most ${ANNOUNCEMENT_LIMITS.values} values` })),
    [],
  );

const DRAFT = /* @__PURE__ */ lazy(() =>
  z.object({
    subject: z.string({ error: 'The subject must be text' }).check(z.maxLength(ANNOUNCEMENT_LIMITS.subject * 2, { error: `The subject must be at most ${ANNOUNCEMENT_LIMITS.subject} characters` })),
    body: z.string({ error: 'The message must be text' }).check(z.maxLength(ANNOUNCEMENT_LIMITS.body * 2, { error: `The message must be at most ${ANNOUNCEMENT_LIMITS.body} characters` })),
    segment: z.object({
      tiers: values('Tier'),
      regions: values('Region'),
      types: values('Type'),
      products: values('Product focus'),
      activity: z._default(z.enum(ANNOUNCEMENT_ACTIVITIES, { error: 'Activity must be all, active, dormant or new' }), 'all'),
      days: z._default(z.number({ error: 'The number of days must be a number' }), ANNOUNCEMENT_LIMITS.defaultDays),
    }),
  }),
);

export const apiGetAnnouncementOptions = /* @__PURE__ */ endpoint(NO_ARGUMENTS, (): AnnouncementOptions => announcementOptions(trackerContext(SOURCE)));

export const apiPreviewAnnouncement = /* @__PURE__ */ endpoint(
  () => z.tuple([DRAFT]),
  (draft): AnnouncementPreview => previewAnnouncement(trackerContext(SOURCE), draft),
);

export const apiSendAnnouncement = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([DRAFT]),
  (draft): AnnouncementSendResult => sendAnnouncement(trackerContext(SOURCE), draft),
);

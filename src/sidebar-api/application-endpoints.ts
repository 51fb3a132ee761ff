import * as z from 'zod/mini';
import { lazy } from '../domain/lazy';
import { approveApplication, listApplications, rejectApplication } from '../applications/review';
import { trackerContext } from '../tracker/context';
import { ApplicationDecision, ApplicationList } from './contract';
import { endpoint, NO_ARGUMENTS, writeEndpoint } from './endpoint';

/** The sidebar's Applications view: partner applications waiting, approved or rejected by a manager (applications/review.ts). */
const SOURCE = 'sidebar';

const APPLICATION_REF = /* @__PURE__ */ lazy(() =>
  z.object({
    id: z.string({ error: 'Which application: its ID, like A-000001' }).check(z.trim(), z.regex(/^A-\d{6,}$/, { error: 'Which application: its ID, like A-000001' })),
    row: z.number({ error: 'Which row: a row number' }).check(z.int()),
  }),
);

const REJECT_REASON = /* @__PURE__ */ lazy(() =>
  z
    .string({ error: 'A reason is required: the applicant is sent it.' })
    .check(z.trim(), z.minLength(1, { error: 'A reason is required: the applicant is sent it.' }), z.maxLength(1000, { error: 'The reason must be at most 1000 characters' })),
);

export const apiListApplications = /* @__PURE__ */ endpoint(NO_ARGUMENTS, (): ApplicationList => listApplications(trackerContext(SOURCE)));

export const apiApproveApplication = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([APPLICATION_REF]),
  (ref): ApplicationDecision => approveApplication(trackerContext(SOURCE), ref),
);

export const apiRejectApplication = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([APPLICATION_REF, REJECT_REASON]),
  (ref, reason): ApplicationDecision => rejectApplication(trackerContext(SOURCE), ref, reason),
);

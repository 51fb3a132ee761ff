import * as z from 'zod/mini';
import { lazy } from '../domain/lazy';
import { dismissInboxResponse, listInbox, reprocessInboxResponse } from '../partner-form/inbox';
import { trackerContext } from '../tracker/context';
import { DismissResult, InboxList, ReprocessResult } from './contract';
import { endpoint, NO_ARGUMENTS, writeEndpoint } from './endpoint';

/**
 * The sidebar's Inbox view: the partner form's rejected responses, re-processed after a
 * correction or dismissed with a reason (partner-form/inbox.ts). The answers are only bounded
 * here: the registration checks them exactly as it checks the form's, and says why per field.
 */
const SOURCE = 'sidebar';

const INBOX_REF = /* @__PURE__ */ lazy(() =>
  z.object({
    row: z.number({ error: 'Which inbox row: a row number' }).check(z.int(), z.gte(2, { error: 'Inbox rows start at row 2' })),
    responseKey: z.string().check(z.maxLength(300)),
    receivedAt: z.string().check(z.maxLength(40)),
  }),
);

const answer = (label: string, max: number) => z._default(z.string({ error: `${label} must be text` }).check(z.maxLength(max, { error: `${label} must be at most ${max} characters` })), '');

const INBOX_ANSWERS = /* @__PURE__ */ lazy(() =>
  z.object({
    partnerCode: answer('Partner code', 200),
    company: answer('Company', 1000),
    website: answer('Company website', 1000),
    contactName: answer('Contact name', 1000),
    contactEmail: answer('Contact email', 1000),
    product: answer('Product', 1000),
    estimatedValue: answer('Estimated deal value', 100),
    notes: answer('Notes', 5000),
  }),
);

const DISMISS_REASON = /* @__PURE__ */ lazy(() =>
  z
    .string({ error: 'A reason is required: say why this response is dismissed.' })
    .check(z.trim(), z.minLength(1, { error: 'A reason is required: say why this response is dismissed.' }), z.maxLength(500, { error: 'The reason must be at most 500 characters' })),
);

export const apiListInbox = /* @__PURE__ */ endpoint(NO_ARGUMENTS, (): InboxList => listInbox(trackerContext(SOURCE)));

export const apiReprocessInboxResponse = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([INBOX_REF, INBOX_ANSWERS]),
  (ref, answers): ReprocessResult => reprocessInboxResponse(trackerContext(SOURCE), ref, answers),
);

export const apiDismissInboxResponse = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([INBOX_REF, DISMISS_REASON]),
  (ref, reason): DismissResult => dismissInboxResponse(trackerContext(SOURCE), ref, reason),
);

import * as z from 'zod/mini';
import { lazy } from '../domain/lazy';
import { trackerContext } from '../tracker/context';
import { addWebhook, listWebhooks, rollWebhookSecret, sendWebhookTest, setWebhookActive } from '../webhooks/manage';
import { WebhookList, WebhookSecretShown, WebhookTestResult } from './contract';
import { NO_ARGUMENTS, endpoint } from './endpoint';

/**
 * The sidebar's Webhooks view (webhooks/manage.ts). Plain endpoints, not writeEndpoint: a write's
 * outcome is kept in the document cache to answer a retry, and these outcomes carry a secret.
 */
const SOURCE = 'sidebar';

const REF = /* @__PURE__ */ lazy(() =>
  z.object({
    id: z.string({ error: 'Which endpoint: its ID, like W-000001' }).check(z.trim(), z.regex(/^(?:W-\d{6,})?$/, { error: 'Which endpoint: its ID, like W-000001' })),
    row: z.number({ error: 'Which row: a row number' }).check(z.int(), z.minimum(2)),
  }),
);

const INPUT = /* @__PURE__ */ lazy(() =>
  z.object({
    url: z.string({ error: 'The URL is required' }).check(z.maxLength(2000, { error: 'The URL is longer than 2000 characters.' })),
    events: z.array(z.string()).check(z.maxLength(20, { error: 'At most 20 events' })),
    description: z.optional(z.string().check(z.maxLength(200, { error: 'At most 200 characters' }))),
  }),
);

export const apiListWebhooks = /* @__PURE__ */ endpoint(NO_ARGUMENTS, (): WebhookList => listWebhooks(trackerContext(SOURCE)));

export const apiAddWebhook = /* @__PURE__ */ endpoint(
  () => z.tuple([INPUT]),
  (input): WebhookSecretShown => addWebhook(trackerContext(SOURCE), input),
);

export const apiRollWebhookSecret = /* @__PURE__ */ endpoint(
  () => z.tuple([REF]),
  (ref): WebhookSecretShown => rollWebhookSecret(trackerContext(SOURCE), ref),
);

export const apiSetWebhookActive = /* @__PURE__ */ endpoint(
  () => z.tuple([REF, z.boolean({ error: 'Active: true or false' })]),
  (ref, active): { message: string } => setWebhookActive(trackerContext(SOURCE), ref, active),
);

export const apiSendWebhookTest = /* @__PURE__ */ endpoint(
  () => z.tuple([REF]),
  (ref): WebhookTestResult => sendWebhookTest(trackerContext(SOURCE), ref),
);

import * as z from 'zod/mini';
import { lazy } from '../domain/lazy';
import { ConnectOutcome, connectHubSpot, disconnectHubSpot } from '../hubspot/connection';
import { hubSpotView } from '../hubspot/view';
import { trackerContext } from '../tracker/context';
import { HubSpotView } from './contract';
import { endpoint, NO_ARGUMENTS, writeEndpoint } from './endpoint';

/** The sidebar's HubSpot view (src/hubspot): its state for anyone on the team; connecting and disconnecting for the owner. */
const SOURCE = 'sidebar';

const TOKEN = /* @__PURE__ */ lazy(() =>
  z
    .string({ error: "Paste the private app's access token" })
    .check(z.trim(), z.minLength(1, { error: "Paste the private app's access token" }), z.maxLength(500, { error: 'That is longer than a HubSpot token' })),
);

export const apiGetHubSpot = /* @__PURE__ */ endpoint(NO_ARGUMENTS, (): HubSpotView => hubSpotView(trackerContext(SOURCE)));

// A write: a retried request gets the first outcome, which holds no secret (when and what the test found, never the token).
export const apiConnectHubSpot = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([TOKEN]),
  (token): ConnectOutcome => connectHubSpot(trackerContext(SOURCE), token),
);

export const apiDisconnectHubSpot = /* @__PURE__ */ writeEndpoint(NO_ARGUMENTS, (): { connected: false } => disconnectHubSpot(trackerContext(SOURCE)));

import { HubSpotMapping, hubSpotMapping } from '../domain/hubspot/mapping';
import { readSearchPage } from '../domain/hubspot/crm';
import { InputError } from '../domain/input-error';
import { runsAsOwner } from '../team/access';
import { TrackerContext } from '../tracker/context';
import { readSettings } from '../tracker/settings-tab';
import { KeyStore, readAuditHead } from '../tracker/state';
import { HubSpotClient, HubSpotRequestError, HubSpotStop } from './client';

/**
 * The HubSpot connection: the private app's access token lives in the OWNER's user properties
 * (the hourly run runs as the owner, and user properties are the one store no collaborator can
 * read), keyed by the spreadsheet, since an add-on's user properties are shared by every
 * spreadsheet the owner uses it in. It is never written to a cell, a log, the Audit Log or an
 * error, and never sent back to the sidebar: the sidebar learns only whether there is one.
 *
 * The tracker's record (developer metadata, which every collaborator's run reads) keeps who
 * connected and when, with no secret, so teammates see "connected by the owner".
 */
export const CONNECTION_KEY = 'partnershipTracker.hubspotConnection';
const TOKEN_PREFIX = 'partnershipTracker.hubspotToken.';

export interface Connection {
  connectedBy: string;
  connectedAt: string;
  /** Changes with each token set, so a pause for a refused token ends when a new one is set. */
  tokenStamp: string;
  /** Where the first push reads the Audit Log from, and the first pull's HubSpot modification time (ms). */
  startCursor: string;
  startPullMs: number;
}

export function readConnection(store: KeyStore): Connection | null {
  try {
    const raw = JSON.parse(store.read(CONNECTION_KEY) || 'null') as Partial<Connection> | null;
    if (!raw || typeof raw.tokenStamp !== 'string' || !raw.tokenStamp) return null;
    return {
      connectedBy: String(raw.connectedBy ?? ''),
      connectedAt: String(raw.connectedAt ?? ''),
      tokenStamp: raw.tokenStamp,
      startCursor: String(raw.startCursor ?? ''),
      startPullMs: Number(raw.startPullMs) || 0,
    };
  } catch {
    return null;
  }
}

const tokenKey = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => TOKEN_PREFIX + ss.getId();

/** The owner's token for this tracker, or null (another account's run has none). */
export function readToken(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string | null {
  return PropertiesService.getUserProperties().getProperty(tokenKey(ss)) || null;
}

/** The Settings mapping, or an error saying which row is wrong and why (the step fails with it; the sidebar shows it). */
export function mappingOf(ctx: TrackerContext): HubSpotMapping {
  const parsed = hubSpotMapping(readSettings(ctx.ss).settings);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

/** A HubSpot private app token: "pat-" and a region, then a UUID-like key; checked loosely (HubSpot has changed its format before). */
const TOKEN_SHAPE = /^[A-Za-z0-9_.:-]{10,500}$/;

export interface ConnectOutcome {
  connected: true;
  connectedAt: string;
  /** What the test call found: the newest deal change in the pipeline (nothing older is brought back). */
  note: string;
}

/**
 * The owner sets the token: one test call (a deals search in the Settings pipeline, which also
 * finds where the first pull starts) and one companies search (the company scope), then the token
 * is kept and the connection recorded. A token HubSpot refuses is not kept; the reason says why
 * and never repeats the token.
 */
export function connectHubSpot(ctx: TrackerContext, token: string): ConnectOutcome {
  if (!runsAsOwner(ctx)) throw new InputError("Only the tracker's owner connects HubSpot: the hourly run that syncs runs as the owner, and uses the owner's token.");
  const trimmed = token.trim();
  if (!TOKEN_SHAPE.test(trimmed))
    throw new InputError('That is not a HubSpot private app access token (it starts with pat-).', { token: 'Paste the access token from HubSpot: Development > Legacy apps > your app > Auth.' });
  const mapping = mappingOf(ctx);
  const client = new HubSpotClient(trimmed, Date.now() + 20000);
  let newestMs: number;
  try {
    const page = readSearchPage(
      client.post('/crm/v3/objects/deals/search', {
        filterGroups: [{ filters: [{ propertyName: 'pipeline', operator: 'EQ', value: mapping.pipeline }] }],
        sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'DESCENDING' }],
        properties: ['hs_lastmodifieddate'],
        limit: 1,
      }),
    );
    if (!page) throw new Error('HubSpot answered the test search with something that is not a search result');
    const newest = page.results[0]?.properties.hs_lastmodifieddate ?? '';
    newestMs = newest ? Date.parse(newest) || 0 : 0;
    client.post('/crm/v3/objects/companies/search', { limit: 1, properties: ['domain'] });
  } catch (e) {
    if (e instanceof HubSpotStop || e instanceof HubSpotRequestError) throw new InputError(`Not connected: ${e.message}`, { token: e.message });
    throw e;
  }
  PropertiesService.getUserProperties().setProperty(tokenKey(ctx.ss), trimmed);
  const store = new KeyStore(ctx.ss);
  const connection: Connection = {
    connectedBy: ctx.runsAs,
    connectedAt: ctx.now.toISOString(),
    tokenStamp: `${ctx.now.getTime().toString(36)}.${Math.random().toString(36).slice(2, 8)}`,
    // The push starts with changes from now on, the pull with deal changes after the newest one now in HubSpot.
    startCursor: readConnection(store)?.startCursor || readAuditHead(store)?.hash || '',
    startPullMs: newestMs ? newestMs + 1 : ctx.now.getTime(),
  };
  store.write(CONNECTION_KEY, JSON.stringify(connection));
  return {
    connected: true,
    connectedAt: connection.connectedAt,
    note: newestMs
      ? `The newest deal change in pipeline ${mapping.pipeline} is from ${new Date(newestMs).toISOString()}; changes after it come back.`
      : `Pipeline ${mapping.pipeline} has no deals yet.`,
  };
}

/** The owner disconnects: the token is deleted; the sync stops until a new one is set. */
export function disconnectHubSpot(ctx: TrackerContext): { connected: false } {
  if (!runsAsOwner(ctx)) throw new InputError("Only the tracker's owner disconnects HubSpot.");
  PropertiesService.getUserProperties().deleteProperty(tokenKey(ctx.ss));
  const store = new KeyStore(ctx.ss);
  const c = readConnection(store);
  if (c) store.write(CONNECTION_KEY, JSON.stringify({ ...c, tokenStamp: '' }));
  return { connected: false };
}

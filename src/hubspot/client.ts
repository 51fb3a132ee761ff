import { HubSpotError, readError, retryAfterSeconds } from '../domain/hubspot/crm';

/**
 * HubSpot's API through UrlFetchApp, as the owner's private app: `Authorization: Bearer <token>`
 * on every call, JSON both ways, HTTP errors read as HubSpot's error shape (muteHttpExceptions:
 * the status decides, not an exception with the body in its message).
 *
 * What stops the whole sync (HubSpotStop) and what fails one lead (HubSpotRequestError):
 * - 429: HubSpot's Retry-After is honoured when it is short (MAX_WAIT_S) and the run's budget
 *   allows; otherwise the sync stops and the next run resumes where it stopped.
 * - 401: the token was revoked or replaced; the sync pauses until the owner connects again.
 * - 5xx and network failures: stopped, retried next run.
 * - Other 4xx (a property that does not exist, a bad value): that lead fails, with HubSpot's reason.
 * The token is never part of a message, an error or a log line.
 */
export const API = 'https://api.hubapi.com';
/** Longest Retry-After the run waits out (HubSpot's per-second limits ask for 1 s or so; its daily one for hours). */
export const MAX_WAIT_S = 10;
const MAX_RETRIES = 3;

export type StopKind = 'rate' | 'auth' | 'server';

export class HubSpotStop extends Error {
  constructor(
    readonly kind: StopKind,
    message: string,
  ) {
    super(message);
  }
}

export class HubSpotRequestError extends Error {
  constructor(readonly error: HubSpotError) {
    super(`HubSpot refused it (${error.status}${error.category ? ` ${error.category}` : ''}): ${error.message}`);
  }
}

export class HubSpotClient {
  calls = 0;
  waitedMs = 0;

  constructor(
    private readonly token: string,
    /** Date.now() after which a 429 is not waited out. */
    private readonly deadlineMs: number,
  ) {}

  post(path: string, body: unknown): unknown {
    return this.request('post', path, body);
  }

  patch(path: string, body: unknown): unknown {
    return this.request('patch', path, body);
  }

  get(path: string): unknown {
    return this.request('get', path, undefined);
  }

  private request(method: GoogleAppsScript.URL_Fetch.HttpMethod, path: string, body: unknown): unknown {
    for (let attempt = 0; ; attempt++) {
      let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
      this.calls++;
      try {
        response = UrlFetchApp.fetch(API + path, {
          method,
          muteHttpExceptions: true,
          headers: { Authorization: `Bearer ${this.token}` },
          ...(body === undefined ? {} : { contentType: 'application/json', payload: JSON.stringify(body) }),
        });
      } catch (e) {
        // UrlFetchApp's own failures (DNS, connection, timeout, quota) name the URL at most, never the headers.
        throw new HubSpotStop('server', `HubSpot could not be reached (${e instanceof Error ? e.message : String(e)}); the next run tries again`);
      }
      const status = response.getResponseCode();
      const text = response.getContentText();
      if (status >= 200 && status < 300) return text ? (JSON.parse(text) as unknown) : null;
      if (status === 429) {
        const wait = retryAfterSeconds(response.getAllHeaders() as Record<string, unknown>) ?? 1;
        if (attempt < MAX_RETRIES && wait <= MAX_WAIT_S && Date.now() + wait * 1000 < this.deadlineMs) {
          Utilities.sleep(wait * 1000);
          this.waitedMs += wait * 1000;
          continue;
        }
        throw new HubSpotStop('rate', `HubSpot's rate limit asks to wait ${wait} s, longer than this run can; the sync resumes next run`);
      }
      const error = readError(status, text);
      if (status === 401)
        throw new HubSpotStop(
          'auth',
          `HubSpot refused the token (401 ${error.category || 'INVALID_AUTHENTICATION'}): it was revoked or replaced; the owner connects HubSpot again in the sidebar's HubSpot view`,
        );
      if (status === 403) throw new HubSpotStop('auth', `HubSpot refused the private app (403 ${error.category}): ${error.message}. Give it the scopes docs/integrations/hubspot.md lists`);
      if (status >= 500) throw new HubSpotStop('server', `HubSpot answered ${status} (${error.message}); the next run tries again`);
      throw new HubSpotRequestError(error);
    }
  }
}

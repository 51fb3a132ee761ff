import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { AuthModeName } from '../core/execution';
import { FacadeEnvironment, ServiceObject, unwrap } from '../core/facade';

/** The Blob behind a value, or null (a payload may be a Blob or anything else). */
function blobBehind(value: unknown): BlobImpl | null {
  try {
    return unwrap(value, BlobImpl, 'payload');
  } catch {
    return null;
  }
}
import { zonedParts } from '../core/timezone';
export type { UrlFetchOptions } from '../core/url-fetch-options';
import { BlobImpl, charsetEncoding, fromBytes, toSignedBytes } from './blob';
import { SyncHttpTransport, WireAnswer, WireRequest } from './url-fetch-transport';

/**
 * UrlFetchApp (developers.google.com/apps-script/reference/url-fetch/url-fetch-app and
 * …/http-response; quotas from developers.google.com/apps-script/guides/services/quotas).
 *
 * Requests really go out, over HTTP, from a worker thread while the script waits (Apps Script's
 * fetch is synchronous): url-fetch-transport.ts. This machine reaches no outside host, so only
 * loopback addresses (and `options.urlFetch.allowHosts`) are reached as they are; an origin in
 * `options.urlFetch.routes` is sent to the local address it maps to, like a hosts file, so product
 * code calls the real `https://api.hubapi.com/...` and a test's fake answers. Any other host fails
 * as Google's DNS error would.
 *
 * What Google documents and the emulator does:
 * - params: method get/delete/patch/post/put (default get), contentType (default
 *   application/x-www-form-urlencoded when there is a payload), headers, payload (a string, bytes,
 *   a Blob, or an object sent form-encoded), followRedirects (default true), muteHttpExceptions
 *   (default false), escaping (default true), validateHttpsCertificates and useIntranet (accepted,
 *   no effect here). Anything else in params is ignored, as Google does.
 * - A response code of 400 or more throws unless muteHttpExceptions is true.
 * - fetchAll sends its requests in parallel and returns the responses in order.
 * - getRequest returns the request fetch would send, sending nothing.
 * - FULL authorisation only (no UrlFetchApp in simple triggers or AuthMode.LIMITED), the
 *   script.external_request scope.
 * - Quotas: 20,000 calls a day (consumer) / 100,000 (Workspace) per user, Pacific day;
 *   50 MB per request body and per response; URL 2 KB; 100 headers.
 * What is a GUESS (no Google page states it): the wording of the errors (taken from messages users
 * report: "Request failed for https://host returned code 404. Truncated server response: …",
 * "DNS error: …", "Address unavailable: …", "Timeout: …", "Limit Exceeded: URLFetch URL Length."),
 * the 60 s deadline (third-party measurements; not configurable in Apps Script) and how much of
 * the body the error quotes; header names come back as the server sent them (read them without
 * regard to case).
 */

export const URL_FETCH_QUOTA_MESSAGE = 'Service invoked too many times for one day: urlfetch.';
const MAX_URL_LENGTH = 2048;
const MAX_HEADERS = 100;
const MAX_BODY_BYTES = 50 * 1024 * 1024;
const MAX_REDIRECTS = 10;
const ERROR_BODY_CHARS = 100;
const METHODS = new Set(['get', 'delete', 'patch', 'post', 'put']);
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** One request as the emulator saw it: for tests ("the person's action made no request") and the workspace. */
export interface RecordedFetch {
  executionId: number;
  user: string;
  at: string;
  method: string;
  /** The URL the script asked for. */
  url: string;
  /** Where it really went (a route applied), or null when it never left (a refusal before sending). */
  sentTo: string | null;
  headers: Record<string, string>;
  payload: string | null;
  status: number | null;
  error: string | null;
}

/** The network side of UrlFetchApp, uncounted: the request log and the daily quota. */
export class NetworkStore {
  requests: RecordedFetch[] = [];
  private quota = new Map<string, { day: string; used: number }>();
  readonly transport = new SyncHttpTransport(MAX_BODY_BYTES);

  constructor(private readonly ctx: EmulatorContext) {}

  limitPerDay(): number {
    return this.ctx.options.accountType === 'workspace' ? 100_000 : 20_000;
  }

  private quotaDay(): string {
    const p = zonedParts(this.ctx.clock.now(), 'America/Los_Angeles');
    return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  }

  used(user: string): number {
    const q = this.quota.get(user);
    return q && q.day === this.quotaDay() ? q.used : 0;
  }

  consume(user: string): void {
    const day = this.quotaDay();
    this.quota.set(user, { day, used: this.used(user) + 1 });
  }

  /** Sends `origin` (e.g. https://api.hubapi.com) to a local server from now on, like a hosts file; null removes the route. */
  route(origin: string, to: string | null): void {
    const routes = this.ctx.options.urlFetch.routes;
    if (to === null) delete routes[new URL(origin).origin];
    else routes[new URL(origin).origin] = to;
  }

  /** Test helper: the requests whose URL starts with `prefix`. */
  to(prefix: string): RecordedFetch[] {
    return this.requests.filter((r) => r.url.startsWith(prefix));
  }

  clear(): void {
    this.requests = [];
    this.quota.clear();
  }
}

interface Params {
  method?: unknown;
  contentType?: unknown;
  headers?: unknown;
  payload?: unknown;
  followRedirects?: unknown;
  muteHttpExceptions?: unknown;
  escaping?: unknown;
  validateHttpsCertificates?: unknown;
  useIntranet?: unknown;
}

interface PreparedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  contentType: string | null;
  body: Buffer | null;
  followRedirects: boolean;
  muteHttpExceptions: boolean;
  validateHttpsCertificates: boolean;
  useIntranet: boolean;
}

export class UrlFetchAppImpl extends ServiceObject implements Partial<GoogleAppsScript.URL_Fetch.UrlFetchApp> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _network: NetworkStore,
  ) {
    super('UrlFetchApp', _ctx);
  }

  override _requiredAuth(): AuthModeName {
    return 'FULL';
  }

  fetch(url: unknown, params?: unknown): GoogleAppsScript.URL_Fetch.HTTPResponse {
    return this._fetchAll([this._prepare(url, params)])[0];
  }

  fetchAll(requests: unknown): GoogleAppsScript.URL_Fetch.HTTPResponse[] {
    if (!Array.isArray(requests)) throw new AppsScriptException('Invalid argument: requests');
    const prepared = requests.map((r) => {
      if (typeof r === 'string') return this._prepare(r, undefined);
      if (r && typeof r === 'object' && 'url' in r) return this._prepare((r as { url: unknown }).url, r);
      throw new AppsScriptException('Invalid argument: requests');
    });
    return this._fetchAll(prepared);
  }

  getRequest(url: unknown, params?: unknown): GoogleAppsScript.URL_Fetch.URLFetchRequest {
    const r = this._prepare(url, params);
    const request: Record<string, unknown> = {
      url: r.url,
      method: r.method,
      headers: { ...r.headers },
      followRedirects: r.followRedirects,
      validateHttpsCertificates: r.validateHttpsCertificates,
      useIntranet: r.useIntranet,
      muteHttpExceptions: r.muteHttpExceptions,
    };
    if (r.contentType !== null) request.contentType = r.contentType;
    request.payload = r.body === null ? '' : r.body.toString('utf8');
    return request as unknown as GoogleAppsScript.URL_Fetch.URLFetchRequest;
  }

  /** Checks a request as Google does before anything is sent. */
  private _prepare(rawUrl: unknown, rawParams: unknown): PreparedRequest {
    const params = (rawParams && typeof rawParams === 'object' ? rawParams : {}) as Params;
    if (typeof rawUrl !== 'string' || rawUrl === '') throw new AppsScriptException('Invalid argument: url');
    const escaping = params.escaping === undefined ? true : Boolean(params.escaping);
    const url = escaping ? escapeUrl(rawUrl) : rawUrl;
    if (!/^https?:\/\//i.test(url) || !canParse(url)) throw new AppsScriptException(`Invalid argument: ${rawUrl}`);
    if (url.length > MAX_URL_LENGTH) throw new AppsScriptException('Limit Exceeded: URLFetch URL Length.');
    const method = params.method === undefined ? 'get' : String(params.method).toLowerCase();
    if (!METHODS.has(method)) throw new AppsScriptException(`Invalid argument: method`);
    const headers: Record<string, string> = {};
    if (params.headers !== undefined && params.headers !== null) {
      if (typeof params.headers !== 'object') throw new AppsScriptException('Invalid argument: headers');
      for (const [name, value] of Object.entries(params.headers as Record<string, unknown>)) headers[name] = String(value);
    }
    if (Object.keys(headers).length > MAX_HEADERS) throw new AppsScriptException('Limit Exceeded: URLFetch headers.');
    const { body, formType } = encodePayload(params.payload);
    if (body !== null && body.length > MAX_BODY_BYTES) throw new AppsScriptException('Limit Exceeded: URLFetch POST Size.');
    const contentType = params.contentType !== undefined ? String(params.contentType) : body !== null ? (formType ?? 'application/x-www-form-urlencoded') : null;
    return {
      url,
      method,
      headers,
      contentType,
      body,
      followRedirects: params.followRedirects === undefined ? true : Boolean(params.followRedirects),
      muteHttpExceptions: Boolean(params.muteHttpExceptions),
      validateHttpsCertificates: params.validateHttpsCertificates === undefined ? true : Boolean(params.validateHttpsCertificates),
      useIntranet: Boolean(params.useIntranet),
    };
  }

  private _fetchAll(requests: PreparedRequest[]): GoogleAppsScript.URL_Fetch.HTTPResponse[] {
    const user = this._ctx.executions.current().user;
    if (this._network.used(user) + requests.length > this._network.limitPerDay()) throw new AppsScriptException(URL_FETCH_QUOTA_MESSAGE);
    requests.forEach(() => this._network.consume(user));
    // Each request follows its redirects on its own; the first hop of all goes out together.
    const answers = requests.map((r) => ({ request: r, url: r.url, method: r.method, body: r.body, hops: 0 }));
    const results: Array<{ url: string; answer: WireAnswer; sentTo: string | null } | null> = requests.map(() => null);
    let pending = answers.map((_, i) => i);
    while (pending.length) {
      const wire: Array<{ index: number; request: WireRequest; sentTo: string }> = [];
      for (const i of pending) {
        const a = answers[i];
        const target = this._route(a.url);
        if (!target.ok) {
          results[i] = { url: a.url, answer: { ok: false, kind: 'dns', message: target.why }, sentTo: null };
          continue;
        }
        wire.push({ index: i, sentTo: target.url, request: this._wire(a.request, target.url, a.method, a.body) });
      }
      const got = wire.length ? this._network.transport.send(wire.map((w) => w.request)) : [];
      const next: number[] = [];
      wire.forEach((w, k) => {
        const answer = got[k];
        const a = answers[w.index];
        const location = answer.ok ? headerOf(answer.rawHeaders, 'location') : null;
        if (answer.ok && a.request.followRedirects && location && answer.status >= 300 && answer.status < 400 && a.hops < MAX_REDIRECTS) {
          a.url = new URL(location, a.url).toString();
          a.hops++;
          // 303, and 301/302 after a POST, become a GET without a body, as browsers and Google's fetcher do.
          if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && a.method === 'post')) {
            a.method = 'get';
            a.body = null;
          }
          next.push(w.index);
          return;
        }
        results[w.index] = { url: a.url, answer, sentTo: w.sentTo };
      });
      pending = next;
    }
    return results.map((result, i) => {
      const r = requests[i];
      const { answer, sentTo } = result!;
      const record: RecordedFetch = {
        executionId: this._ctx.executions.current().id,
        user,
        at: this._ctx.clock.now().toISOString(),
        method: r.method.toUpperCase(),
        url: r.url,
        sentTo,
        headers: { ...r.headers },
        payload: r.body === null ? null : r.body.toString('utf8'),
        status: answer.ok ? answer.status : null,
        error: answer.ok ? null : answer.message,
      };
      this._network.requests.push(record);
      if (!answer.ok) throw new AppsScriptException(networkError(answer, r.url));
      if (answer.bodyBytes > MAX_BODY_BYTES) throw new AppsScriptException('Limit Exceeded: URLFetch Response Size.');
      const response = new HttpResponseImpl(this._ctx, answer.status, answer.rawHeaders, Buffer.from(answer.body, 'base64'));
      if (answer.status >= 400 && !r.muteHttpExceptions) {
        const text = response._text();
        const quoted = text.length > ERROR_BODY_CHARS ? `${text.slice(0, ERROR_BODY_CHARS)}...` : text;
        throw new AppsScriptException(
          `Request failed for ${originOf(r.url)} returned code ${answer.status}. Truncated server response: ${quoted} (use muteHttpExceptions option to examine full response)`,
        );
      }
      return response._api<GoogleAppsScript.URL_Fetch.HTTPResponse>();
    });
  }

  /** Where a URL really goes on this machine: a route, a loopback or allowed host as it is; anything else is unreachable. */
  private _route(url: string): { ok: true; url: string } | { ok: false; why: string } {
    const parsed = new URL(url);
    const { routes, allowHosts } = this._ctx.options.urlFetch;
    const mapped = routes[parsed.origin];
    if (mapped) return { ok: true, url: mapped.replace(/\/$/, '') + parsed.pathname + parsed.search };
    if (LOOPBACK.has(parsed.hostname) || allowHosts.includes(parsed.hostname)) return { ok: true, url };
    return { ok: false, why: `no route to ${parsed.hostname} from the emulator (only loopback addresses and options.urlFetch.routes are reachable)` };
  }

  private _wire(r: PreparedRequest, url: string, method: string, body: Buffer | null): WireRequest {
    const headers: Record<string, string> = {
      'User-Agent': `Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: ${this._ctx.options.scriptId})`,
      ...r.headers,
    };
    if (body !== null && r.contentType !== null && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = r.contentType;
    return { url, method: method.toUpperCase(), headers, body: body === null ? null : body.toString('base64'), timeoutMs: this._ctx.options.urlFetch.timeoutMs };
  }
}

export class HttpResponseImpl extends ServiceObject implements Partial<GoogleAppsScript.URL_Fetch.HTTPResponse> {
  constructor(
    env: FacadeEnvironment,
    private readonly _status: number,
    private readonly _rawHeaders: string[],
    private readonly _body: Buffer,
  ) {
    super('HTTPResponse', env);
  }

  _text(charset?: unknown): string {
    return this._body.toString(charset === undefined ? this._charsetOfContentType() : charsetEncoding(charset));
  }

  private _charsetOfContentType(): BufferEncoding {
    const type = headerOf(this._rawHeaders, 'content-type') ?? '';
    const m = /charset=([^;]+)/i.exec(type);
    try {
      return m ? charsetEncoding(m[1].trim()) : 'utf8';
    } catch {
      return 'utf8';
    }
  }

  getResponseCode(): number {
    return this._status;
  }

  getContentText(charset?: unknown): string {
    return this._text(charset);
  }

  getContent(): number[] {
    return toSignedBytes(this._body);
  }

  /** One value a header (the last, for a header sent more than once), under the name the server sent. */
  getHeaders(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let i = 0; i + 1 < this._rawHeaders.length; i += 2) out[this._rawHeaders[i]] = this._rawHeaders[i + 1];
    return out;
  }

  /** Every value: a header sent more than once (Set-Cookie) is an array. */
  getAllHeaders(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (let i = 0; i + 1 < this._rawHeaders.length; i += 2) {
      const [name, value] = [this._rawHeaders[i], this._rawHeaders[i + 1]];
      const seen = out[name];
      out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
    }
    return out;
  }

  getBlob(): GoogleAppsScript.Base.Blob {
    const type = (headerOf(this._rawHeaders, 'content-type') ?? 'application/octet-stream').split(';')[0].trim();
    return new BlobImpl(this._env, Buffer.from(this._body), type, null)._api();
  }

  getAs(contentType: unknown): GoogleAppsScript.Base.Blob {
    if (String(contentType) !== (headerOf(this._rawHeaders, 'content-type') ?? '').split(';')[0].trim())
      throw new AppsScriptException(`Converting from ${headerOf(this._rawHeaders, 'content-type')} to ${String(contentType)} is not supported.`);
    return this.getBlob();
  }
}

function headerOf(rawHeaders: string[], name: string): string | null {
  let found: string | null = null;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === name) found = rawHeaders[i + 1];
  return found;
}

function canParse(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/** Google escapes characters a URL may not hold (spaces, non-ASCII) unless `escaping: false`; a `%XX` already there stays. */
function escapeUrl(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g, (ch) => encodeURIComponent(ch)).replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
}

function originOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

function networkError(answer: Extract<WireAnswer, { ok: false }>, url: string): string {
  switch (answer.kind) {
    case 'timeout':
      return `Timeout: ${url}`;
    case 'refused':
      return `Address unavailable: ${url}`;
    case 'dns':
      return `DNS error: ${url}`;
    default:
      return `Unexpected error: ${url}`;
  }
}

/** A payload as Google sends it: text as UTF-8, bytes and Blobs as they are, an object form-encoded. */
function encodePayload(payload: unknown): { body: Buffer | null; formType?: string } {
  if (payload === undefined || payload === null) return { body: null };
  if (typeof payload === 'string') return { body: Buffer.from(payload, 'utf8') };
  if (Array.isArray(payload)) return { body: fromBytes(payload, 'payload') };
  const blob = blobBehind(payload);
  if (blob) return { body: Buffer.from(blob._bytes()) };
  if (typeof payload === 'object') {
    const pairs = Object.entries(payload as Record<string, unknown>).map(([k, v]) => {
      if (blobBehind(v)) throw new Error('not implemented in emulator: UrlFetchApp multipart payload (a Blob in a payload object)');
      return `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`;
    });
    return { body: Buffer.from(pairs.join('&'), 'utf8'), formType: 'application/x-www-form-urlencoded' };
  }
  return { body: Buffer.from(String(payload), 'utf8') };
}

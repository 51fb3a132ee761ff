/** How the emulator's UrlFetchApp reaches the network (services/url-fetch.ts). */
export interface UrlFetchOptions {
  /** Origin → local origin: `{ 'https://api.hubapi.com': 'http://127.0.0.1:5123' }`. */
  routes: Record<string, string>;
  /** Host names reached as they are, besides loopback (localhost, 127.0.0.1, ::1). */
  allowHosts: string[];
  /** The deadline of one request (Google's is about 60 s and cannot be changed). */
  timeoutMs: number;
}

export const DEFAULT_URL_FETCH: UrlFetchOptions = { routes: {}, allowHosts: [], timeoutMs: 60_000 };

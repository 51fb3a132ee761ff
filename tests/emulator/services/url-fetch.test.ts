import { URL_FETCH_QUOTA_MESSAGE } from '../../../emulator/services/url-fetch';
import { LocalServer, startLocalServer } from '../../support/local-server';
import { makeWorld } from './context-for-tests';

/** UrlFetchApp against a real HTTP server in a worker thread (tests/support/servers/echo.mjs). */
describe('UrlFetchApp', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer('echo.mjs');
  });
  afterAll(() => server.stop());

  const world = () => makeWorld({ urlFetch: { timeoutMs: 2_000 } });

  test('fetch sends the method, headers and payload, and answers with the code, headers and body', () => {
    const w = world();
    const res = w.run(() =>
      w.g.UrlFetchApp.fetch(`${server.url}/echo?q=1`, { method: 'post', contentType: 'application/json', payload: JSON.stringify({ a: 1 }), headers: { Authorization: 'Bearer t' } }),
    );
    expect(res.getResponseCode()).toBe(200);
    expect((res.getHeaders() as Record<string, string>)['Content-Type']).toBe('application/json');
    const seen = JSON.parse(res.getContentText());
    expect(seen).toMatchObject({ method: 'POST', path: '/echo?q=1', body: '{"a":1}' });
    expect(seen.headers).toMatchObject({ authorization: 'Bearer t', 'content-type': 'application/json' });
    expect(seen.headers['user-agent']).toMatch(/Google-Apps-Script/);
    expect(w.ctx.calls.get('UrlFetchApp.fetch')).toBe(1);
    expect(w.services.network.requests).toEqual([expect.objectContaining({ method: 'POST', url: `${server.url}/echo?q=1`, status: 200, payload: '{"a":1}' })]);
  });

  test('an object payload is form-encoded; a GET has no body; bytes, blobs and getContent round-trip', () => {
    const w = world();
    const form = w.run(() => JSON.parse(w.g.UrlFetchApp.fetch(`${server.url}/echo`, { method: 'post', payload: { a: 'x y', b: '&' } }).getContentText()));
    expect(form.body).toBe('a=x%20y&b=%26');
    expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const get = w.run(() => JSON.parse(w.g.UrlFetchApp.fetch(`${server.url}/echo`).getContentText()));
    expect(get).toMatchObject({ method: 'GET', body: '' });
    const blob = w.run(() => JSON.parse(w.g.UrlFetchApp.fetch(`${server.url}/echo`, { method: 'put', payload: w.g.Utilities.newBlob('é', 'text/plain') }).getContentText()));
    expect(blob).toMatchObject({ method: 'PUT', body: 'é' });
    const bytes = w.run(() => w.g.UrlFetchApp.fetch(`${server.url}/status/200?body=%C3%A9`).getContent());
    expect(bytes).toEqual([-61, -87]);
  });

  test('a code of 400 or more throws unless muteHttpExceptions, quoting the start of the body', () => {
    const w = world();
    expect(() => w.run(() => w.g.UrlFetchApp.fetch(`${server.url}/status/410?body=gone`))).toThrow(
      `Request failed for ${server.url} returned code 410. Truncated server response: gone (use muteHttpExceptions option to examine full response)`,
    );
    const muted = w.run(() => w.g.UrlFetchApp.fetch(`${server.url}/status/429`, { muteHttpExceptions: true }));
    expect(muted.getResponseCode()).toBe(429);
    expect(muted.getAllHeaders()).toMatchObject({ 'X-Reason': 'asked' });
  });

  test('redirects are followed unless followRedirects is false; a header sent twice is an array in getAllHeaders', () => {
    const w = world();
    expect(w.run(() => JSON.parse(w.g.UrlFetchApp.fetch(`${server.url}/redirect`).getContentText())).path).toBe('/echo');
    const stopped = w.run(() => w.g.UrlFetchApp.fetch(`${server.url}/redirect`, { followRedirects: false }));
    expect(stopped.getResponseCode()).toBe(302);
    expect((stopped.getHeaders() as Record<string, string>).Location).toBe('/echo');
    expect(w.run(() => (w.g.UrlFetchApp.fetch(`${server.url}/cookies`).getAllHeaders() as Record<string, unknown>)['Set-Cookie'])).toEqual(['a=1', 'b=2']);
  });

  test('fetchAll sends its requests together and answers in order; getRequest sends nothing', () => {
    const w = world();
    // /together answers only while both requests are open at once: sent one after the other, each would get 408.
    const codes = w.run(() =>
      w.g.UrlFetchApp.fetchAll([`${server.url}/together?n=2`, { url: `${server.url}/together?n=2` }, { url: `${server.url}/status/404`, muteHttpExceptions: true }]).map((r) => r.getResponseCode()),
    );
    expect(codes).toEqual([200, 200, 404]);
    const request = w.run(() => w.g.UrlFetchApp.getRequest(`${server.url}/echo`, { method: 'post', payload: 'x' }));
    expect(request).toMatchObject({ url: `${server.url}/echo`, method: 'post', payload: 'x', contentType: 'application/x-www-form-urlencoded', muteHttpExceptions: false, followRedirects: true });
    expect(w.services.network.requests).toHaveLength(3);
  });

  test('routes send an origin to a local server; other hosts, closed ports and slow servers fail as Google says', () => {
    const w = makeWorld({ urlFetch: { routes: { 'https://api.hubapi.com': server.url }, timeoutMs: 200 } });
    const routed = w.run(() => JSON.parse(w.g.UrlFetchApp.fetch('https://api.hubapi.com/crm/v3/objects/deals?limit=1').getContentText()));
    expect(routed.path).toBe('/crm/v3/objects/deals?limit=1');
    expect(w.services.network.to('https://api.hubapi.com')[0].sentTo).toBe(`${server.url}/crm/v3/objects/deals?limit=1`);
    expect(() => w.run(() => w.g.UrlFetchApp.fetch('https://example.com/'))).toThrow('DNS error: https://example.com/');
    expect(() => w.run(() => w.g.UrlFetchApp.fetch('http://127.0.0.1:1/'))).toThrow('Address unavailable: http://127.0.0.1:1/');
    expect(() => w.run(() => w.g.UrlFetchApp.fetch(`${server.url}/slow?ms=1000`))).toThrow(`Timeout: ${server.url}/slow?ms=1000`);
    expect(() => w.run(() => w.g.UrlFetchApp.fetch('ftp://x'))).toThrow('Invalid argument: ftp://x');
    expect(() => w.run(() => w.g.UrlFetchApp.fetch(`${server.url}/echo`, { method: 'head' as GoogleAppsScript.URL_Fetch.HttpMethod }))).toThrow('Invalid argument: method');
    expect(() => w.run(() => w.g.UrlFetchApp.fetch(`${server.url}/${'x'.repeat(2100)}`))).toThrow('Limit Exceeded: URLFetch URL Length.');
  });

  test('needs FULL authorisation, and stops at the daily quota (20,000 calls a consumer account)', () => {
    const w = world();
    expect(() => w.run(() => w.g.UrlFetchApp.fetch(`${server.url}/echo`), { authMode: 'LIMITED' })).toThrow();
    for (let i = 0; i < 19_999; i++) w.services.network.consume('owner@example.com');
    expect(w.run(() => w.g.UrlFetchApp.fetch(`${server.url}/echo`).getResponseCode())).toBe(200);
    expect(() => w.run(() => w.g.UrlFetchApp.fetch(`${server.url}/echo`))).toThrow(URL_FETCH_QUOTA_MESSAGE);
    // Another person's quota is their own.
    expect(w.run(() => w.g.UrlFetchApp.fetch(`${server.url}/echo`).getResponseCode(), { user: 'manager@example.com' })).toBe(200);
  });
});

import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request the workspace refuses, with the HTTP status to answer with. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Reads a JSON body. Requires Content-Type application/json so other sites cannot post plain forms to the workspace. */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  const type = String(request.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) throw new RequestError(415, 'Send JSON (Content-Type: application/json).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RequestError(413, 'Request body too large.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new RequestError(400, 'The request body is not valid JSON.');
  }
}

const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

/**
 * Answers only requests addressed to a loopback name: a web page whose domain is
 * re-pointed at 127.0.0.1 (DNS rebinding) sends its own name as Host and is refused.
 */
export function assertLoopbackHost(request: IncomingMessage): void {
  if (!LOOPBACK_HOST.test(String(request.headers.host ?? ''))) throw new RequestError(421, 'This workspace answers only to localhost.');
}

/** Refuses cross-site requests: a browser sends Origin on POSTs; it must be this server. */
export function assertSameOrigin(request: IncomingMessage): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const host = request.headers.host;
  if (!host || (origin !== `http://${host}` && origin !== `https://${host}`)) throw new RequestError(403, 'Cross-origin requests are not accepted.');
}

/**
 * Refuses a request a browser says another site started (Sec-Fetch-Site cross-site or
 * same-site: a link, image or script on another page). Absent or "none" (an address
 * typed by the person) and "same-origin" pass.
 */
export function assertNotFromAnotherSite(request: IncomingMessage): void {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') throw new RequestError(403, 'Cross-origin requests are not accepted.');
}

const BASE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

export function sendText(response: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...BASE_HEADERS, 'Content-Type': `${contentType}; charset=utf-8`, 'Content-Length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new RequestError(400, 'Expected a JSON object.');
  return body as Record<string, unknown>;
}

/** Sends bytes as they are (a download): the content type is the caller's, already checked. */
export function sendBytes(response: ServerResponse, status: number, contentType: string, body: Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...BASE_HEADERS, 'Content-Type': contentType, 'Content-Length': body.length, ...headers });
  response.end(body);
}

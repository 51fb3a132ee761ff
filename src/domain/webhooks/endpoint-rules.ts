import { WEBHOOK_EVENTS } from './events';

/**
 * What a Webhooks row may hold (pure): the checks the sidebar and the hourly run both make of a
 * URL and an Events cell, each refusal worded for the person who typed it.
 */
export const MAX_URL_LENGTH = 2000;
/** Endpoints per tracker: their secrets share the tracker's record (developer metadata, a few KB). */
export const MAX_ENDPOINTS = 20;

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The URL, trimmed, or why not. HTTPS only (the specification's "Enforcing HTTPS": the body is
 * partner data); plain http is taken only for a loopback address (localhost, 127.x.x.x, [::1]),
 * which Google's servers cannot reach anyway and which local testing needs. No user or password in
 * the URL: it would be a secret in a cell.
 */
export function checkEndpointUrl(raw: string): { url: string } | { problem: string } {
  const url = raw.trim();
  if (!url) return { problem: 'The URL is missing: where the tracker sends the events (https://…).' };
  if (url.length > MAX_URL_LENGTH) return { problem: `The URL is longer than ${MAX_URL_LENGTH} characters.` };
  const m = /^(https?):\/\/([^/?#\s]+)([/?#][^\s]*)?$/i.exec(url);
  if (!m) return { problem: `"${url.slice(0, 80)}" is not a web address: it must look like https://example.com/webhooks.` };
  const [, scheme, authority] = m;
  if (authority.includes('@')) return { problem: 'Put no user name or password in the URL: it would be readable in the sheet. The signature proves the sender instead.' };
  const host = authority.replace(/:\d{1,5}$/, '');
  if (!/^(?:[a-z0-9-]+\.)*[a-z0-9-]+$/i.test(host) && !LOOPBACK.test(host)) return { problem: `"${host}" is not a host name.` };
  if (scheme.toLowerCase() !== 'https' && !LOOPBACK.test(host)) return { problem: 'The URL must start with https:// (events carry partner data; plain http is taken only for localhost).' };
  return { url };
}

/** The Events cell: `*` (all), or event names separated by commas, spaces or new lines; or why not. */
export function parseEvents(raw: string): { events: string[] } | { problem: string } {
  const names = raw
    .split(/[\s,;]+/)
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) return { problem: `Events is empty: list the events to send (${WEBHOOK_EVENTS.join(', ')}), or * for all.` };
  if (names.includes('*')) return { events: ['*'] };
  const unknown = names.filter((n) => !(WEBHOOK_EVENTS as readonly string[]).includes(n));
  if (unknown.length) return { problem: `Unknown event${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}: the events are ${WEBHOOK_EVENTS.join(', ')}, or * for all.` };
  return { events: [...new Set(names)] };
}

/** How the tab shows a list of events. */
export const eventsText = (events: readonly string[]) => events.join(', ');

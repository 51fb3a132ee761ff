/**
 * Registrable domains (eTLD+1) of websites and email addresses, from the Public Suffix List.
 *
 * Library choice, measured as what each adds to an esbuild `--bundle --minify` IIFE that
 * calls its getDomain (in parentheses: with whitespace/syntax-only minification, as
 * build/Code.js was built then):
 *   - tldts               134,431 B (142,479)  ICANN + private suffixes; parses URLs itself, no `URL`
 *   - tldts-icann          88,052 B  (95,954)  ICANN suffixes only, same code
 *   - tldts-experimental  109,299 B            both sections in a probabilistic packed hash; its
 *                                              README calls it unstable and admits false positives
 *   - psl                 161,025 B            hostnames only (no URL parsing), bundles punycode,
 *                                              and `psl.get('192.168.0.1')` answers '0.1'
 * We use tldts with `allowPrivateDomains`. The private section is what separates companies
 * that live on a platform's domain: acme.myshopify.com vs other.myshopify.com, acme.github.io,
 * acme.wixsite.com, acme.netlify.app, acme.herokuapp.com, foo.blogspot.com. With ICANN rules
 * alone all of those reduce to the platform's domain, and since a domain match is the
 * strongest conflict basis, every merchant on the same platform would be flagged as a
 * duplicate of the first one registered: exactly the small businesses a partner programme
 * registers. That correctness is worth the size, which build/Code.js no longer carries: the
 * list (tldts's trie) is in build/PublicSuffix.html, read only by an execution that looks up a
 * domain, and Code.js has tldts-core and the lookup (./public-suffix.ts).
 *
 * Internationalised domains are kept in the form they were typed (tldts lower-cases Unicode
 * too): `münchen.de` and its punycode spelling `xn--mnchen-3ya.de` are different keys.
 */
import { getDomain } from './public-suffix';
import { removeInvisible } from './confusables';

/** For URLs and anything else a person may type into a website field. */
const URL_OPTIONS = { allowPrivateDomains: true } as const;
/** For a hostname we have already lower-cased and validated (email domains): skips URL parsing. */
const HOST_OPTIONS = { allowPrivateDomains: true, extractHostname: false } as const;

/** Full stops that IDNA treats as "." (ideographic, full-width, half-width ideographic). */
const IDEOGRAPHIC_DOTS = /[\u3002\uff0e\uff61]/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Dot-separated ASCII labels; no quantifier overlaps, so matching stays linear on any input. */
const ASCII_HOSTNAME = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+$/;
const LONG_LABEL = /[^.]{64}/;
const LABEL = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?$/u;
const ALL_DIGITS = /^\d+$/;

/**
 * Text as typed: trimmed; invisible characters (zero-width, bidi controls, soft hyphen) removed;
 * full-width letters and ideographic dots folded to ASCII (NFKC).
 */
function cleanInput(text: string): string {
  const trimmed = text.trim();
  // The Unicode steps are only needed (and only cost) for non-ASCII input.
  return PRINTABLE_ASCII.test(trimmed) ? trimmed : removeInvisible(trimmed).normalize('NFKC').replace(IDEOGRAPHIC_DOTS, '.');
}

/**
 * A host typed with spaces in it, joined where the spaces cannot separate anything: after a
 * single letter ("a c m e.com", typed with thin or ideographic spaces, which the website check
 * lets through) and next to a dot ("acme .com", "acme. com"). Other spaces stay, so two
 * addresses in one field ("acme.com other.com") are still no domain at all.
 */
function joinSpacedHost(text: string): string {
  if (!/\s/.test(text)) return text;
  const words = text.split(/\s+/);
  let out = words[0];
  for (let i = 1; i < words.length; i++) {
    const before = words[i - 1];
    const joins = [...before].length === 1 || before.endsWith('.') || words[i].startsWith('.');
    out += (joins ? '' : ' ') + words[i];
  }
  return out;
}

/**
 * Registrable domain (eTLD+1) of a website or host: case, scheme, `www.`, subdomains, port,
 * path, query, invisible characters and spaces ignored; multi-part suffixes such as .co.uk
 * handled. null when there is none (IP address, bare suffix, garbage). The domain is returned
 * as typed (a Cyrillic "аcme.com" stays Cyrillic: it is what the Leads tab shows); conflict
 * matching compares domains with look-alike letters folded (conflicts.ts).
 */
export function registrableDomain(websiteOrHost: string): string | null {
  if (typeof websiteOrHost !== 'string') return null;
  const input = joinSpacedHost(cleanInput(websiteOrHost));
  if (input === '') return null;
  const domain = getDomain(input, URL_OPTIONS);
  return domain === null || domain === '' ? null : domain.toLowerCase();
}

/** A lower-cased hostname (no trailing dot): two or more labels of letters, digits, '_' and inner '-'. */
function isValidHostname(host: string): boolean {
  if (host.length > 253) return false;
  if (ASCII_HOSTNAME.test(host)) {
    if (host[0] === '-' || host[host.length - 1] === '-' || host.includes('-.') || host.includes('.-') || LONG_LABEL.test(host)) return false;
  } else {
    const labels = host.split('.');
    if (labels.length < 2 || labels.some((label) => label.length > 63 || !LABEL.test(label))) return false;
  }
  // A dotted-quad (or any all-digit top label) is an IP address, never a registrable domain.
  return !ALL_DIGITS.test(host.slice(host.lastIndexOf('.') + 1));
}

/**
 * The common case in one linear pass: a plain ASCII address whose host is dot-separated labels
 * (letters, digits, inner hyphens, at most 63 characters) ending in a label that starts with a
 * letter (so never an IP address). Anything else takes the general path below.
 */
const PLAIN_EMAIL = /^[^\s@<>"]+@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)$/i;

/** The lower-cased host part of an email address (after the last '@'), or null when malformed. */
export function emailHost(email: string): string | null {
  if (typeof email !== 'string') return null;
  const plain = email.length <= 320 ? PLAIN_EMAIL.exec(email) : null;
  if (plain !== null && plain[1].length <= 253) return plain[1].toLowerCase();
  let address = cleanInput(email);
  // "Ann Lee <ann@acme.com>" (a display name, as mail programs copy addresses) counts as its address.
  if (address.endsWith('>')) {
    const bracketed = /<([^<>]*)>$/.exec(address);
    if (bracketed !== null) address = bracketed[1].trim();
  }
  if (address.slice(0, 7).toLowerCase() === 'mailto:') address = address.slice(7).trim();
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || /\s/.test(address)) return null;
  let host = address.slice(at + 1).toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  return isValidHostname(host) ? host : null;
}

/** Registrable domain of a hostname that emailHost already validated and lower-cased. */
export function registrableDomainOfHost(host: string): string | null {
  const domain = getDomain(host, HOST_OPTIONS);
  return domain === null || domain === '' ? null : domain;
}

/** The registrable domain of an email address's domain, or null when the address is malformed. */
export function emailDomain(email: string): string | null {
  const host = emailHost(email);
  return host === null ? null : registrableDomainOfHost(host);
}

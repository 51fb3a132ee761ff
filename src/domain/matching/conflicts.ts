/**
 * Lead conflict detection: does a new registration collide with an open, protected lead?
 *
 * Bases, strongest first:
 *   - 'domain': the candidate website's registrable domain equals a lead's domain (the stored
 *     Company Domain, or, for a lead without one, its contact email's domain);
 *   - 'email-domain': the candidate contact email's domain equals a lead's domain or a lead's
 *     contact email domain;
 *   - 'company-name': the normalised company names are equal or at least
 *     COMPANY_SIMILARITY_THRESHOLD similar.
 * Free-mail domains (gmail.com …) never count as a company's domain, on either side, and blank
 * fields never match anything. Domains are compared with look-alike letters folded (a Cyrillic
 * "аcme.com" is acme.com, "gmаil.com" is free mail; see confusables.ts) and invisible
 * characters ignored; names likewise (see normaliseCompanyName). When several leads collide the earliest registered owns the
 * deal (UTC instant, ties by lower ID); its strongest basis is the one reported.
 *
 * Cost: building is one pass with a few map entries per lead (an email at the lead's own
 * domain is not even parsed); findConflict is map look-ups plus edit distances against only
 * the names whose length the threshold allows, skipping any lead not registered before the
 * best match so far.
 */
import { emailHost, registrableDomain, registrableDomainOfHost } from './domain';
import { isFreeMailRegistrable } from './free-mail';
import { COMPANY_SIMILARITY_THRESHOLD, companySimilarity, isSimilarEnough, normaliseCompanyName } from './company-name';
import { foldConfusables, removeInvisible } from './confusables';

export interface MatchableLead {
  id: string; // L-000123
  partnerId: string;
  partnerName: string;
  registeredAt: Date; // UTC instant
  company: string;
  /** Stored registrable domain (the Leads tab's computed "Company Domain" column); may be '' */
  domain: string;
  contactEmail: string;
}

export interface RegistrationToMatch {
  company: string;
  website: string;
  contactEmail: string;
}

export type ConflictBasis = 'domain' | 'email-domain' | 'company-name';

export interface Conflict {
  /** The earliest-registered colliding lead (first registration by UTC timestamp owns the deal). */
  lead: MatchableLead;
  basis: ConflictBasis;
  /** What matched: the domain (acme.co.uk) or the existing lead's company name. */
  detail: string;
  /** For company-name matches, the similarity (0..1). */
  similarity?: number;
}

/** Cell values can arrive as numbers or be missing; treat anything but a string as its text. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === null || value === undefined ? '' : String(value);
}

/** Milliseconds since the epoch; a missing or invalid date sorts after every valid one. */
function timeOf(lead: MatchableLead): number {
  const t = lead.registeredAt instanceof Date ? lead.registeredAt.getTime() : NaN;
  return Number.isNaN(t) ? Infinity : t;
}

/** Lower ID first; IDs share a prefix and are zero-padded, but a longer number is a later one. */
function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether `a` was registered before `b` (earliest UTC instant, then lower ID). */
function isEarlier(a: MatchableLead, b: MatchableLead): boolean {
  const ta = timeOf(a);
  const tb = timeOf(b);
  if (ta !== tb) return ta < tb;
  return compareIds(text(a.id), text(b.id)) < 0;
}

function keepEarliest(map: Map<string, MatchableLead>, key: string, lead: MatchableLead): void {
  const current = map.get(key);
  if (current === undefined || isEarlier(lead, current)) map.set(key, lead);
}

function earliest(a: MatchableLead | undefined, b: MatchableLead | undefined): MatchableLead | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return isEarlier(b, a) ? b : a;
}

/** A stored domain as registrableDomain writes it: nothing to parse. */
const CANONICAL_DOMAIN = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;
/** A stored domain that is already a bare host needs no parsing; anything else (a URL, `www.`) does. */
const BARE_HOST = /^[^\s/\\:@?#[\]]+$/;

/**
 * A registrable domain as the index compares it: look-alike letters folded ("аcme.com" with a
 * Cyrillic а is acme.com); '' for a free-mail provider, whatever letters spell it.
 */
function domainKey(domain: string): string {
  const key = foldConfusables(domain);
  return key !== '' && !isFreeMailRegistrable(key) ? key : '';
}

/** The lead's stored Company Domain as a key (domainKey): trusted when it is a bare host (it was computed by registrableDomain). */
function storedDomain(raw: string): string {
  let domain = raw;
  if (!CANONICAL_DOMAIN.test(domain) || domain.startsWith('www.')) {
    domain = removeInvisible(domain).trim().toLowerCase();
    if (domain === '') return '';
    if (BARE_HOST.test(domain) && !domain.startsWith('www.')) {
      if (domain.endsWith('.')) domain = domain.slice(0, -1);
    } else {
      domain = registrableDomain(domain) ?? '';
    }
  }
  return domainKey(domain);
}

/** Whether `host` is `domain` or a subdomain of it. */
function isWithin(host: string, domain: string): boolean {
  const dot = host.length - domain.length - 1;
  return host === domain || (dot > 0 && host.charCodeAt(dot) === 46 /* . */ && host.endsWith(domain));
}

/** Whether the text ends with `@domain` or `.domain` (exact case): an address at or under the domain. */
function endsWithDomain(email: string, domain: string): boolean {
  const before = email.length - domain.length - 1;
  if (before < 1 || !email.endsWith(domain)) return false;
  const c = email.charCodeAt(before);
  return c === 64 /* @ */ || (c === 46 /* . */ && email.lastIndexOf('@', before) > 0);
}

/**
 * What a lead is matched on, derived once: its company domain key, its contact email's domain
 * key (both look-alike-folded, '' for free mail or nothing) and its normalised company name.
 * The match index (src/leads/match-index.ts) keeps these so a registration need not re-derive
 * them for every open lead.
 */
export interface MatchKeys {
  domain: string;
  mailDomain: string;
  name: string;
}

/** A lead's match keys; `hostDomains` memoises the registrable domain of email hosts seen before. */
export function matchKeysOf(lead: Pick<MatchableLead, 'domain' | 'contactEmail' | 'company'>, hostDomains = new Map<string, string>()): MatchKeys {
  const domain = storedDomain(text(lead.domain));
  const email = text(lead.contactEmail);
  // Usually the contact's address is at the company's own domain (ann@acme.com,
  // ann@eu.acme.com), and then it adds nothing the domain key does not already say: a host
  // under a registrable domain has that registrable domain. Skip parsing it.
  const atOwnDomain = domain !== '' && endsWithDomain(email, domain);
  const host = atOwnDomain ? null : emailHost(email);
  let mailDomain = atOwnDomain ? domain : '';
  if (host !== null) {
    if (domain !== '' && isWithin(host, domain)) {
      mailDomain = domain;
    } else {
      const known = hostDomains.get(host);
      if (known !== undefined) {
        mailDomain = known;
      } else {
        const registrable = registrableDomainOfHost(host);
        mailDomain = registrable !== null ? domainKey(registrable) : '';
        hostDomains.set(host, mailDomain);
      }
    }
  }
  return { domain, mailDomain, name: normaliseCompanyName(text(lead.company)) };
}

/** One distinct normalised company name and the earliest lead that carries it. */
interface NameEntry {
  name: string;
  lead: MatchableLead;
}

/** Built once per registration from the open, protected leads (up to 100k+); then findConflict is fast. */
export class ConflictIndex {
  /** Company domain → earliest lead (a lead without a stored domain is keyed by its email domain). */
  private readonly byDomain = new Map<string, MatchableLead>();
  /** Contact email domain (not free-mail) → earliest lead, for leads whose email domain is not their company domain. */
  private readonly byEmailDomain = new Map<string, MatchableLead>();
  /** Normalised company name → its entry. */
  private readonly byName = new Map<string, NameEntry>();
  /** The same entries by name length (index), for the fuzzy search's length bound. */
  private readonly byNameLength: NameEntry[][] = [];

  constructor(leads: readonly MatchableLead[], keys?: ReadonlyArray<MatchKeys>) {
    const hostDomains = new Map<string, string>();
    leads.forEach((lead, i) => this.add(lead, keys?.[i] ?? matchKeysOf(lead, hostDomains)));
  }

  /** Adds a lead registered after the index was built (an import's earlier rows). */
  include(lead: MatchableLead): void {
    this.add(lead, matchKeysOf(lead));
  }

  private add(lead: MatchableLead, keys: MatchKeys): void {
    // A lead without a stored domain is known by its email domain; the email map only needs
    // the leads whose email domain differs from the domain they are already keyed by.
    const key = keys.domain || keys.mailDomain;
    if (key !== '') keepEarliest(this.byDomain, key, lead);
    if (keys.mailDomain !== '' && keys.mailDomain !== key) keepEarliest(this.byEmailDomain, keys.mailDomain, lead);

    const name = keys.name;
    if (name === '') return;
    const entry = this.byName.get(name);
    if (entry === undefined) {
      const created = { name, lead };
      this.byName.set(name, created);
      const bucket = this.byNameLength[name.length];
      if (bucket === undefined) this.byNameLength[name.length] = [created];
      else bucket.push(created);
    } else if (isEarlier(lead, entry.lead)) {
      entry.lead = lead;
    }
  }

  findConflict(candidate: RegistrationToMatch): Conflict | null {
    const website = registrableDomain(text(candidate.website));
    const websiteDomain = website !== null ? domainKey(website) : '';
    const host = emailHost(text(candidate.contactEmail));
    const registrable = host === null ? null : registrableDomainOfHost(host);
    const mailDomain = registrable !== null ? domainKey(registrable) : '';

    const domainHit = websiteDomain !== '' ? this.byDomain.get(websiteDomain) : undefined;
    const emailHit = mailDomain !== '' ? earliest(this.byDomain.get(mailDomain), this.byEmailDomain.get(mailDomain)) : undefined;
    let winner = earliest(domainHit, emailHit);

    // Names: only a lead registered before the current winner can change the answer.
    const name = normaliseCompanyName(text(candidate.company));
    let nameHit: NameEntry | undefined;
    let nameSimilarity = 0;
    if (name !== '') {
      const exact = this.byName.get(name);
      if (exact !== undefined && (winner === undefined || isEarlier(exact.lead, winner))) {
        nameHit = exact;
        nameSimilarity = 1;
        winner = exact.lead;
      }
      // similarity = 1 - d / max(len) with d >= |len difference|, so a match needs the other
      // length within [t·L, L/t].
      const t = COMPANY_SIMILARITY_THRESHOLD;
      const shortest = Math.ceil(name.length * t - 1e-9);
      const longest = Math.min(Math.floor(name.length / t + 1e-9), this.byNameLength.length - 1);
      for (let length = shortest; length <= longest; length++) {
        const bucket = this.byNameLength[length];
        if (bucket === undefined) continue;
        for (const entry of bucket) {
          if (winner !== undefined && !isEarlier(entry.lead, winner)) continue;
          if (entry.name === name) continue;
          const similarity = companySimilarity(name, entry.name);
          if (isSimilarEnough(similarity)) {
            nameHit = entry;
            nameSimilarity = similarity;
            winner = entry.lead;
          }
        }
      }
    }

    if (winner === undefined) return null;
    // The winner is the earliest lead of every basis it collides on, so identity tells its bases.
    if (winner === domainHit) return { lead: winner, basis: 'domain', detail: asTyped(website as string, websiteDomain) };
    if (winner === emailHit) return { lead: winner, basis: 'email-domain', detail: asTyped(registrable as string, mailDomain) };
    const hit = nameHit as NameEntry;
    return { lead: winner, basis: 'company-name', detail: text(hit.lead.company).trim(), similarity: nameSimilarity };
  }
}

/** The candidate's domain as typed, and what it looks like when that is not the same: "аcme.com (looks like acme.com)". */
function asTyped(typed: string, key: string): string {
  return typed === key ? key : `${typed} (looks like ${key})`;
}

/** YYYY-MM-DD of the UTC calendar date, or 'an unknown date'. */
function utcDate(date: Date): string {
  const t = date instanceof Date ? date.getTime() : NaN;
  return Number.isNaN(t) ? 'an unknown date' : new Date(t).toISOString().slice(0, 10);
}

/**
 * e.g. `same domain acme.co.uk as L-000123, registered by Partner X on 2026-03-01`;
 * `same email domain acme.co.uk as …`; `similar company name "Acme Corporation" (93% similar)
 * as …` ("same company name" when the normalised names are equal). Date is the UTC calendar
 * date of registeredAt.
 */
export function describeConflict(conflict: Conflict): string {
  const lead = conflict.lead;
  const partner = text(lead.partnerName).trim() || text(lead.partnerId).trim() || 'an unknown partner';
  const which = `as ${text(lead.id)}, registered by ${partner} on ${utcDate(lead.registeredAt)}`;
  switch (conflict.basis) {
    case 'domain':
      return `same domain ${conflict.detail} ${which}`;
    case 'email-domain':
      return `same email domain ${conflict.detail} ${which}`;
    case 'company-name': {
      const similarity = conflict.similarity ?? 1;
      if (similarity >= 1) return `same company name "${conflict.detail}" ${which}`;
      // Never round a near-match up to "100% similar".
      const percent = Math.min(99, Math.round(similarity * 100));
      return `similar company name "${conflict.detail}" (${percent}% similar) ${which}`;
    }
  }
}

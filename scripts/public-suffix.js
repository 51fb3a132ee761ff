/**
 * The text of build/PublicSuffix.html: the Public Suffix List as tldts ships it (its flat trie
 * of ICANN and private rules), as JSON, which src/domain/matching/public-suffix.ts reads when a
 * domain is first looked up in an execution. Characters outside ASCII are written as \u escapes,
 * so the file survives any re-encoding on its way to Apps Script. Used by scripts/build.mjs and,
 * for tests in Node (no HtmlService), by tests/support/public-suffix.ts.
 */
'use strict';

function publicSuffixFileText() {
  const trie = require('tldts/dist/cjs/src/data/trie.js');
  const data = {
    nodeFlags: Array.from(trie.nodeFlags),
    edgeStart: Array.from(trie.edgeStart),
    edgeChild: Array.from(trie.edgeChild),
    edgeLength: Array.from(trie.edgeLength),
    labelText: trie.labelText,
    rulesRoot: trie.rulesRoot,
    exceptionsRoot: trie.exceptionsRoot,
  };
  for (const [key, value] of Object.entries(data)) {
    const ok = key === 'labelText' ? typeof value === 'string' && value.length > 0 : Array.isArray(value) ? value.length > 0 : Number.isInteger(value);
    if (!ok) throw new Error(`tldts's trie has no ${key}: its format changed; see src/domain/matching/public-suffix.ts`);
  }
  return JSON.stringify(data).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

module.exports = { publicSuffixFileText };

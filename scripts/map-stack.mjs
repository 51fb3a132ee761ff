#!/usr/bin/env node
/**
 * npm run -s map-stack < trace.txt: rewrites a stack trace from Apps Script's log (or from
 * the emulator) so each "Code:LINE:COL" / "Code.js:LINE:COL" of the minified bundle, and each
 * "server-<group>.html:LINE:COL" of a group's file (Code.js's loader evaluates it, and its
 * sourceURL names it in traces), reads as the src/ file, line and name it came from, using the
 * maps in .local/ from the same build (Code.js.map, server-<group>.html.map; build again from the
 * pushed commit if they are from another one).
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const local = path.join(root, '.local');
const maps = new Map();
function mapOf(file) {
  if (!maps.has(file)) {
    const mapFile = path.join(local, `${file}.map`);
    maps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null);
  }
  return maps.get(file);
}

const text = readFileSync(0, 'utf8');
process.stdout.write(
  text.replace(/\b(Code(?:\.js)?|server-[\w-]+\.html):(\d+):(\d+)/g, (whole, file, line, column) => {
    const map = mapOf(file.startsWith('Code') ? 'Code.js' : file);
    if (!map) return whole;
    // Stack traces count lines and columns from 1; the map from 0.
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1);
    // The functions appended after Code.js's bundle (one per export, same name as in src/index.ts) are not in the map.
    if (!entry || !entry.originalSource || entry.generatedLine !== Number(line) - 1) return whole;
    const source = path.relative(root, path.resolve(local, entry.originalSource));
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}${entry.name ? ` [${entry.name}]` : ''}`;
  }),
);

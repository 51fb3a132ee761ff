#!/usr/bin/env node
/**
 * npm run -s map-stack < trace.txt: rewrites a stack trace from Apps Script's log (or from
 * the emulator) so each "Code:LINE:COL" / "Code.js:LINE:COL" of the minified bundle reads as
 * the src/ file, line and name it came from, using .local/Code.js.map from the same build
 * (build again from the pushed commit if the map is from another one).
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mapFile = path.join(root, '.local/Code.js.map');
const map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));

const text = readFileSync(0, 'utf8');
process.stdout.write(
  text.replace(/\bCode(?:\.js)?:(\d+):(\d+)/g, (whole, line, column) => {
    // Stack traces count lines and columns from 1; the map from 0.
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1);
    // The functions appended after the bundle (one per export, same name as in src/index.ts) are not in the map.
    if (!entry || !entry.originalSource || entry.generatedLine !== Number(line) - 1) return whole;
    const source = path.relative(root, path.resolve(path.dirname(mapFile), entry.originalSource));
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}${entry.name ? ` [${entry.name}]` : ''}`;
  }),
);

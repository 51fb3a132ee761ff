#!/usr/bin/env node
/**
 * The formatter check that `npm run lint` and `npm test` run (prettier, .prettierrc.json).
 *
 * THE SWITCH: the tree was written before the formatter, so until it has been
 * formatted once (`npm run format`, one commit on its own) only the files in
 * FORMATTED are checked. After that commit set CHECK_WHOLE_TREE to true: every
 * TypeScript and JavaScript file is checked (about 15 s on the 2-core machine).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CHECK_WHOLE_TREE = true;
const SOURCES = '**/*.{ts,js,mjs}';
const FORMATTED = ['scripts/format-check.mjs', '.prettierrc.json'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targets = CHECK_WHOLE_TREE ? [SOURCES] : FORMATTED;
// The cache (in .local/, keyed on contents) lets an unchanged file skip the check; a fresh clone checks everything.
const cache = ['--cache', '--cache-strategy', 'content', '--cache-location', '.local/prettiercache'];
const result = spawnSync(path.join(root, 'node_modules', '.bin', 'prettier'), ['--check', '--log-level=warn', ...cache, ...targets], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) console.error('Formatting differs: run `npm run format` and commit the result.');
process.exit(result.status ?? 1);

#!/usr/bin/env node
/** npm run bench: builds the add-on, bundles the TypeScript benchmark with esbuild, runs it with GC exposed. */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
// --json: stdout carries the JSON report only, so the build's and the bench's own output go to stderr.
const json = args.includes('--json');
// --rows 1000,10000: the sizes (fixtures.ts reads BENCH_SIZES).
const rowsAt = args.indexOf('--rows');
const env = { ...process.env };
if (rowsAt >= 0) {
  const sizes = args[rowsAt + 1] ?? '';
  if (!/^\d+(,\d+)*$/.test(sizes)) {
    console.error(`--rows takes sizes separated by commas (--rows 1000,10000), not "${sizes}"`);
    process.exit(2);
  }
  env.BENCH_SIZES = sizes;
}
const run = (runArgs) => {
  const r = spawnSync(process.execPath, runArgs, { cwd: root, env, stdio: ['inherit', json ? 2 : 'inherit', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run([path.join(root, 'scripts/build.mjs')]);
mkdirSync(path.join(root, '.local'), { recursive: true });
const outfile = path.join(root, '.local', 'bench.cjs');
await esbuild.build({
  entryPoints: [path.join(root, 'bench/run.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'error',
});
// `npm run bench -- leads` runs one group (setup, leads, commissions or payouts); `-- --rows 1000,10000 --json`.
const bench = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', outfile, ...args], { cwd: root, env, stdio: 'inherit' });
process.exit(bench.status ?? 1);

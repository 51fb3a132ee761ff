#!/usr/bin/env node
/** npm run bench: builds the add-on, bundles the TypeScript benchmark with esbuild, runs it with GC exposed. */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
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
// `npm run bench -- leads` runs one group (setup, leads or commissions).
run(['--expose-gc', '--max-old-space-size=8192', outfile, ...process.argv.slice(2)]);

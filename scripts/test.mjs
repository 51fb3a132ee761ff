#!/usr/bin/env node
/**
 * npm test: build, then every test (unit, emulator, bundle, integration, Chromium) beside the
 * type-checks, lint and format check; fails if any of them fails. Finds Chromium itself, installs it where it can
 * (Debian as root), or stops saying exactly what to install.
 * Extra arguments go to jest (e.g. `npm test -- tests/unit`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, command, args, env = process.env) {
  console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`\n${title} failed.`);
    process.exit(result.status ?? 1);
  }
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((p) => existsSync(p));
}

function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  const debian = existsSync('/etc/debian_version');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (debian && isRoot) {
    console.log('\n== Chromium not found: installing Debian’s chromium package');
    step('apt-get update', 'apt-get', ['update']);
    step('apt-get install chromium', 'apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
    found = findChromium();
    if (found) return found;
  }
  console.error(
    '\nChromium is needed for the browser tests and was not found at /usr/bin/chromium.\n' +
      (debian ? 'Install it as root: apt-get update && apt-get install -y chromium\n' : 'Install Chromium from your system’s packages,\n') +
      'or point CHROMIUM_PATH at a Chromium binary. (The tests never download a browser.)',
  );
  process.exit(1);
}

/** Runs independent checks at once (each is mostly one thread), each one's output kept whole: resolves to their results. */
function runChecks(list) {
  return Promise.all(
    list.map(
      ([title, command, args]) =>
        new Promise((resolve) => {
          const child = spawn(command, args, { cwd: root, env: process.env });
          let output = '';
          child.stdout.on('data', (d) => (output += d));
          child.stderr.on('data', (d) => (output += d));
          child.on('close', (status) => resolve({ title, status, output }));
        }),
    ),
  );
}

/** Prints each check's output whole, in order; returns the titles of those that failed. */
function report(results) {
  for (const { title, status, output } of results) {
    console.log(`\n== ${title}${status === 0 ? '' : ' (failed)'}`);
    if (output) process.stdout.write(output);
  }
  return results.filter((r) => r.status !== 0).map((r) => r.title);
}

const jestArgs = process.argv.slice(2);
/**
 * tsc, eslint and prettier keep what they learnt in .local/ (ignored by git): a second run on an
 * unchanged tree skips most of their work. A fresh clone (CI) has none of it and runs them whole;
 * eslint and prettier key their caches on file contents, not times, so a checkout cannot fool them.
 */
const typecheck = (project, cache) => ['--noEmit', '--incremental', '--tsBuildInfoFile', `.local/tsc-${cache}.tsbuildinfo`, '-p', project];
mkdirSync(path.join(root, '.local'), { recursive: true });
// The build first (jest runs what it writes), then the tests beside the type-checks, lint and format check: those are one
// thread each and leave a core idle for most of their run, which the tests fill (npm test's wall time on 2 cores).
step('Build', process.execPath, [path.join(root, 'scripts/build.mjs')]);
const chromium = ensureChromium();
console.log(`Chromium: ${chromium}`);
const checks = runChecks([
  ['Type-check (tools and tests)', bin('tsc'), typecheck('tsconfig.json', 'tools')],
  ['Type-check (Apps Script code: no Node or DOM types)', bin('tsc'), typecheck('src/tsconfig.json', 'src')],
  ['Type-check (sidebar: DOM, server types for its calls only; lint keeps server code out)', bin('tsc'), typecheck('sidebar/tsconfig.json', 'sidebar')],
  ['Lint', bin('eslint'), ['.', '--max-warnings=0', '--cache', '--cache-strategy', 'content', '--cache-location', '.local/eslintcache']],
  ['Format check (prettier: see the switch in scripts/format-check.mjs)', process.execPath, [path.join(root, 'scripts/format-check.mjs')]],
]);

mkdirSync(path.join(root, 'tmp'), { recursive: true });
const results = path.join(root, 'tmp', 'jest-results.json');
rmSync(results, { force: true }); // a crashed run must not report an earlier run's counts
console.log('\n== Tests (the checks run beside them; their output follows the tests)');
const run = await new Promise((resolve) => {
  const child = spawn(bin('jest'), ['--ci', '--json', `--outputFile=${results}`, ...jestArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CHROMIUM_PATH: chromium },
  });
  child.on('close', (status) => resolve({ status }));
});
const failedChecks = report(await checks);
let summary = null;
try {
  summary = JSON.parse(readFileSync(results, 'utf8'));
} catch {
  // jest crashed before writing results; its exit code below tells.
}
if (summary) {
  const skipped = summary.numPendingTests + summary.numTodoTests;
  console.log(`\ntests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (summary.numTotalTests === 0) {
    console.error('No test ran.');
    process.exit(1);
  }
}
if (failedChecks.length) {
  console.error(`\nFailed: ${failedChecks.join('; ')}.`);
  process.exit(1);
}
process.exit(run.status ?? 1);

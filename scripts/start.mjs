#!/usr/bin/env node
/**
 * npm start [-- --empty] [-- --reset] [-- --port N]: builds the add-on, bundles the local
 * workspace server (emulator/workspace/server.ts) into .local/, and serves the
 * emulated spreadsheet with the add-on at http://localhost:PORT/. The first start
 * generates the demo programme (a year of history, emulator/workspace/demo/) and saves
 * it in .local/workspace.json, where the workspace lives between runs; --empty opens a
 * blank spreadsheet instead, kept apart in .local/workspace-empty.json; --reset makes
 * the chosen one afresh (the demo regenerated, or a blank spreadsheet).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const localDir = path.join(root, '.local');

function usage(message) {
  if (message) console.error(message);
  console.error('Usage: npm start [-- --empty] [-- --reset] [-- --port N]   (default port: $PORT or 8080)');
  console.error('  (none)    the demo programme (generated on the first start, then saved)');
  console.error('  --empty   a blank spreadsheet instead (saved separately)');
  console.error('  --reset   start the chosen one afresh: regenerate the demo, or a new blank spreadsheet');
  process.exit(message ? 2 : 0);
}

function parseArgs(argv) {
  const options = { reset: false, empty: false, port: Number(process.env.PORT || 8080) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--reset') options.reset = true;
    else if (arg === '--empty') options.empty = true;
    else if (arg === '--help' || arg === '-h') usage();
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      options.port = Number(value);
    } else usage(`Unknown option: ${arg}`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) usage(`Not a port number: ${options.port}`);
  return options;
}

const options = parseArgs(process.argv.slice(2));

function portInUseMessage(port) {
  return `Port ${port} is already in use (another workspace, or another program).\nStop it, or pick another port: npm start -- --port ${port + 1}`;
}

/** Fails before the build when the port is taken, instead of after it. */
function checkPortFree(port) {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

try {
  await checkPortFree(options.port);
} catch (e) {
  console.error(e && e.code === 'EADDRINUSE' ? portInUseMessage(options.port) : `Cannot listen on port ${options.port}: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}

// 1. The add-on exactly as clasp would push it.
try {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
} catch {
  console.error('\nThe build failed (see above); the workspace was not started.');
  process.exit(1);
}

// 2. The workspace server, bundled to .local/ (git-ignored; never build/, which clasp pushes).
mkdirSync(localDir, { recursive: true });
const serverBundle = path.join(localDir, 'workspace-server.cjs');
try {
  await esbuild.build({
    entryPoints: [path.join(root, 'emulator', 'workspace', 'server.ts')],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
  });
} catch {
  console.error('\nBundling the workspace server failed (see above).');
  process.exit(1);
}

// 3. Serve.
const { startWorkspace } = createRequire(import.meta.url)(serverBundle);
let workspace;
try {
  workspace = await startWorkspace({
    port: options.port,
    projectDir: root,
    buildDir: path.join(root, 'build'),
    stateFile: path.join(localDir, options.empty ? 'workspace-empty.json' : 'workspace.json'),
    reset: options.reset,
    demo: !options.empty,
    log: (message) => console.log(message),
  });
} catch (e) {
  if (e && e.code === 'EADDRINUSE') {
    console.error(portInUseMessage(options.port));
  } else if (e && e.code === 'EACCES') {
    console.error(`Not allowed to listen on port ${options.port}; pick a port above 1023: npm start -- --port 8080`);
  } else {
    console.error(`The workspace could not start: ${e instanceof Error ? e.message : e}`);
  }
  process.exit(1);
}

const what = options.empty ? 'blank spreadsheet' : 'demo programme';
const fresh = workspace.session.fresh ? `new ${what}` : `${what}, restored`;
const again = options.empty ? '`npm start -- --empty --reset` starts a new blank one' : '`npm start -- --reset` regenerates the demo; `npm start -- --empty` opens a blank spreadsheet';
console.log(`State: ${path.relative(root, workspace.session.stateFile)} (${fresh}; ${again})`);
console.log(`Partnership Tracker workspace: ${workspace.url}`);
console.log('Press Ctrl-C to save and stop.');

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  try {
    await workspace.close();
    console.log(`\nSaved ${path.relative(root, workspace.session.stateFile)}. Stopped (${signal}).`);
    process.exit(0);
  } catch (e) {
    console.error(`\nCould not save the workspace: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
process.on('SIGINT', () => void stop('Ctrl-C'));
process.on('SIGTERM', () => void stop('SIGTERM'));

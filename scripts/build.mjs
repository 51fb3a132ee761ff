#!/usr/bin/env node
/**
 * npm run build: writes build/Code.js (webpack), build/Sidebar.html (esbuild,
 * everything inlined) and build/appsscript.json. Any error fails the command.
 */
import { mkdirSync, copyFileSync, readFileSync, writeFileSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build');
mkdirSync(out, { recursive: true });

async function buildServer() {
  const webpack = require('webpack');
  const config = require(path.join(root, 'webpack.config.js'));
  const stats = await new Promise((resolve, reject) => webpack(config, (err, s) => (err ? reject(err) : resolve(s))));
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  if (stats.hasWarnings()) console.warn(stats.toString({ all: false, warnings: true }));
}

async function buildSidebar() {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'sidebar/main.ts')],
    bundle: true,
    write: false,
    minify: true,
    target: 'es2019',
    format: 'iife',
    loader: { '.css': 'text' },
    legalComments: 'none',
  });
  const script = result.outputFiles[0].text;
  const css = readFileSync(path.join(root, 'sidebar/styles.css'), 'utf8');
  const template = readFileSync(path.join(root, 'sidebar/index.html'), 'utf8');
  // "</script" inside the bundle would end the inline script early.
  const safeScript = script.replace(/<\/script/gi, '<\\/script');
  const html = template.replace('/*__STYLES__*/', () => css).replace('/*__SCRIPT__*/', () => safeScript);
  writeFileSync(path.join(out, 'Sidebar.html'), html);
}

try {
  await Promise.all([buildServer(), buildSidebar()]);
  copyFileSync(path.join(root, 'appsscript.json'), path.join(out, 'appsscript.json'));
  // Webpack leaves an unchanged Code.js untouched: stamp every output with this build's time, so a
  // freshness check (tests/support/build.ts) does not see a sidebar-only change as a stale build.
  const now = new Date();
  for (const f of ['Code.js', 'Sidebar.html', 'appsscript.json']) utimesSync(path.join(out, f), now, now);
  for (const f of ['Code.js', 'Sidebar.html', 'appsscript.json']) {
    console.log(`build/${f}  ${(statSync(path.join(out, f)).size / 1024).toFixed(1)} KiB`);
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}

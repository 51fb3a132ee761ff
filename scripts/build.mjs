#!/usr/bin/env node
/**
 * npm run build: writes build/Code.js (the loader and the menu), build/server-<group>.html (the
 * code of each group of exposed functions, read by Code.js when one of them runs:
 * scripts/split-bundle.mjs) and build/Sidebar.html (esbuild, minified), build/PublicSuffix.html
 * (the public suffix list, read by the code only when it looks up a domain) and
 * build/appsscript.json, which clasp pushes; and a source map per file in .local/, which it
 * does not (.clasp.json's rootDir is build/): what turns a minified stack trace back into src/
 * names and lines (npm run map-stack). `npm run build -- --readable` keeps identifiers (for
 * reading a trace without the maps); `-- --one-file` writes all the server code into Code.js, as
 * before the split (should Apps Script ever refuse the loader's eval).
 * Any error fails the command.
 */
import { mkdirSync, copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { EAGER_GROUP, SERVER_GROUPS, groupOfEachName } from './server-groups.mjs';
import { LAZY_FILE_PREFIX, LOADER, buildGroupFiles, loaderSource, srcHasNoSideEffects } from './split-bundle.mjs';

const require = createRequire(import.meta.url);
const { publicSuffixFileText } = require('./public-suffix.js');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--out DIR` builds into DIR (maps in DIR/.local) instead of build/ (tests build the --one-file layout so).
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'build');
const local = outArg > 0 ? path.join(out, '.local') : path.join(root, '.local');
mkdirSync(out, { recursive: true });
mkdirSync(local, { recursive: true });
const readable = process.argv.includes('--readable');
const oneFile = process.argv.includes('--one-file');

/** The object the bundle's IIFE returns: src/index.ts's exports. */
const NAMESPACE = 'PartnershipTracker';
const SERVER_ENTRY = path.join(root, 'src/index.ts');

/** What src/index.ts exports: the functions Apps Script calls by name. */
async function exposedNames() {
  // Bundled, so names re-exported with `export *` (src/sidebar-api/registry.ts) are counted too.
  const result = await esbuild.build({
    entryPoints: [SERVER_ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    metafile: true,
    outdir: out,
  });
  const names = Object.values(result.metafile.outputs).flatMap((o) => o.exports);
  for (const name of names) {
    // Apps Script hides names ending in "_"; a default export has no name to call.
    if (!/^[A-Za-z$][\w$]*$/.test(name) || name.endsWith('_') || name === 'default') throw new Error(`src/index.ts exports ${name}, which Apps Script cannot call by name`);
  }
  if (names.length === 0) throw new Error('src/index.ts exports nothing');
  return names;
}

/** The esbuild options build/Code.js's inline part shares with both layouts. */
const IIFE_OPTIONS = {
  bundle: true,
  write: false,
  format: 'iife',
  globalName: NAMESPACE,
  target: 'es2019',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: !readable,
  legalComments: 'none',
  metafile: true,
  // The map stays on this machine; Code.js carries no sourceMappingURL.
  sourcemap: 'external',
  sourcesContent: false,
  outfile: path.join(local, 'Code.js'),
};

/**
 * build/Code.js, and the files it loads (scripts/split-bundle.mjs): bundled by esbuild with tree
 * shaking, down to ES2019 (Apps Script's V8 has failed to parse class fields). Code.js holds the
 * eager group (onOpen, onInstall) as an IIFE whose exports land in one top-level variable, the
 * loader, and for each exported name of src/index.ts a top-level
 * `function X() { return <its group>.X.apply(this, arguments); }` (Apps Script only calls top-level
 * function declarations, by name): PartnershipTracker for the eager group, else
 * PartnershipTrackerLoad("server-<group>"), which reads and runs build/server-<group>.html once per
 * execution. `--one-file` writes everything into Code.js instead
 * (one IIFE of src/index.ts), as before the split. Minified, identifiers too: every execution
 * parses what it loads, and local names were a quarter of its bytes. Exported names, property names
 * and error messages are untouched; nothing reads a function's own name (errors set `name`
 * themselves). Source maps, one per file, go to .local/ (<file>.map): npm run map-stack reads them.
 */
async function buildServer() {
  const names = await exposedNames();
  const groupOf = groupOfEachName(names);
  for (const f of readdirSync(out)) if (f.startsWith(LAZY_FILE_PREFIX)) rmSync(path.join(out, f));
  for (const f of readdirSync(local)) if (f.startsWith(LAZY_FILE_PREFIX)) rmSync(path.join(local, f));
  if (oneFile) {
    const result = await esbuild.build({ ...IIFE_OPTIONS, entryPoints: [SERVER_ENTRY] });
    const stubs = names.map((name) => `function ${name}() { return ${NAMESPACE}.${name}.apply(this, arguments); }`);
    writeCode(result, stubs);
    return [result.metafile];
  }
  const eagerNames = SERVER_GROUPS[EAGER_GROUP];
  const [eager, lazy] = await Promise.all([
    esbuild.build({
      ...IIFE_OPTIONS,
      stdin: { contents: `export { ${eagerNames.join(', ')} } from './src/index';`, resolveDir: root, loader: 'ts', sourcefile: 'eager-entry.ts' },
      plugins: [srcHasNoSideEffects(root)],
    }),
    buildGroupFiles({ root, local, readable }),
  ]);
  const stubs = names.map((name) => {
    const group = groupOf.get(name);
    const target = group === EAGER_GROUP ? NAMESPACE : `${LOADER}(${JSON.stringify(LAZY_FILE_PREFIX + group)})`;
    return `function ${name}() { return ${target}.${name}.apply(this, arguments); }`;
  });
  writeCode(eager, [loaderSource(), ...stubs]);
  for (const f of lazy.files) {
    writeFileSync(path.join(out, `${f.name}.html`), f.text);
    writeFileSync(path.join(local, `${f.name}.html.map`), f.map);
  }
  return [eager.metafile, ...lazy.metafiles];
}

/** Code.js: the IIFE, then the lines after it (they come after the mapped lines, so the map stays exact). */
function writeCode(result, after) {
  const file = (ext) => result.outputFiles.find((f) => f.path.endsWith(ext));
  writeFileSync(path.join(out, 'Code.js'), `${file('.js').text}${after.join('\n')}\n`);
  writeFileSync(path.join(local, 'Code.js.map'), file('.js.map').text);
}

/** Bytes of the server code (Code.js and the files it loads) by where they come from: our code, then each package. */
function composition(metafiles) {
  const bytes = new Map();
  for (const output of metafiles.flatMap((m) => Object.values(m.outputs))) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const key = pkg ? pkg[1] : 'src';
      bytes.set(key, (bytes.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${kib(v)}`)
    .join(', ');
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * build/Sidebar.html: the shell and Home (sidebar/main.ts) bundled and minified, the CSS minified,
 * both inlined into sidebar/index.html; and build/SidebarViews.html, the other views
 * (sidebar/views.ts), which the shell fetches once Home is usable (buildSidebarViews). They run in
 * the person's browser, not on Apps Script's V8, and the browsers Google Workspace supports all
 * parse ES2020, so `?.` and `??` stay as they are (~3 KB less). Fails if zod reaches either: the
 * sidebar checks forms with the plain rules the server's schemas are built from.
 */
async function buildSidebar() {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'sidebar/main.ts')],
    bundle: true,
    write: false,
    minify: true,
    target: 'es2020',
    format: 'iife',
    loader: { '.css': 'text' },
    legalComments: 'none',
    metafile: true,
  });
  withoutZod(result.metafile, 'Sidebar.html');
  const script = result.outputFiles[0].text;
  const { code: css } = await esbuild.transform(readFileSync(path.join(root, 'sidebar/styles.css'), 'utf8'), {
    loader: 'css',
    minify: true,
    target: ['chrome100', 'edge100', 'firefox100', 'safari15'],
    legalComments: 'none',
  });
  // The template's line breaks and indentation between tags carry nothing (no <pre>, no inline text runs).
  const template = readFileSync(path.join(root, 'sidebar/index.html'), 'utf8').replace(/>\s+</g, '><').trim();
  // "</script" inside the bundle would end the inline script early.
  const safeScript = script.replace(/<\/script/gi, '<\\/script');
  const html = template.replace('/*__STYLES__*/', () => css).replace('/*__SCRIPT__*/', () => safeScript);
  writeFileSync(path.join(out, 'Sidebar.html'), html);
  await buildSidebarViews();
  console.log(`build/SidebarViews.html  ${kib(statSync(path.join(out, 'SidebarViews.html')).size)} (the sidebar's views after Home, fetched once Home is usable)`);
}

function withoutZod(metafile, file) {
  const zod = Object.keys(metafile.inputs).filter((input) => /node_modules\/zod\//.test(input));
  if (zod.length) throw new Error(`${file} would carry zod (${zod[0]}…): the sidebar checks with src/domain/rules.ts, never with a zod schema`);
}

/** A string constant `export const NAME = '…'` of a sidebar file, so the build and the sidebar name a global once. */
function sidebarConstant(file, name) {
  const match = new RegExp(`export const ${name} = '(\\w+)'`).exec(readFileSync(path.join(root, 'sidebar', file), 'utf8'));
  if (!match) throw new Error(`sidebar/${file} no longer declares ${name}`);
  return match[1];
}

/**
 * build/SidebarViews.html: sidebar/views.ts as one script (an IIFE whose exports land in the global
 * deferred.ts reads), the file's whole content, which apiGetSidebarViews returns as text. The modules
 * sidebar/shell-modules.ts imports are the shell's: the shell publishes them, and this bundle takes
 * each from there instead of carrying a copy (one uid counter, one set of request IDs).
 */
async function buildSidebarViews() {
  const file = path.join(root, 'sidebar/shell-modules.ts');
  const text = readFileSync(file, 'utf8');
  const shared = new Map([...text.matchAll(/^import \* as (\w+) from '(\.[^']+)';$/gm)].map(([, name, spec]) => [path.resolve(path.dirname(file), `${spec}.ts`), name]));
  const published =
    /\[SHELL_GLOBAL\] = \{([^}]*)\}/
      .exec(text)?.[1]
      .split(',')
      .map((n) => n.trim()) ?? [];
  if ([...shared.values()].sort().join() !== published.sort().join()) throw new Error(`sidebar/shell-modules.ts publishes ${published.join(', ')} but imports ${[...shared.values()].join(', ')}`);
  const shell = sidebarConstant('shell-modules.ts', 'SHELL_GLOBAL');
  const fromShell = {
    name: 'from-shell',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData === 'resolving') return undefined;
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'resolving' });
        if (resolved.errors.length) return { errors: resolved.errors };
        const name = shared.get(resolved.path);
        return name ? { path: name, namespace: 'shell' } : { path: resolved.path, sideEffects: resolved.sideEffects };
      });
      build.onLoad({ filter: /.*/, namespace: 'shell' }, (args) => ({ contents: `module.exports = globalThis.${shell}.${args.path};`, loader: 'js' }));
    },
  };
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'sidebar/views.ts')],
    bundle: true,
    write: false,
    minify: true,
    target: 'es2020',
    format: 'iife',
    globalName: sidebarConstant('deferred.ts', 'VIEWS_GLOBAL'),
    legalComments: 'none',
    metafile: true,
    plugins: [fromShell],
  });
  withoutZod(result.metafile, 'SidebarViews.html');
  writeFileSync(path.join(out, 'SidebarViews.html'), result.outputFiles[0].text);
}

try {
  const [metafiles] = await Promise.all([buildServer(), buildSidebar()]);
  writeFileSync(path.join(out, 'PublicSuffix.html'), publicSuffixFileText());
  copyFileSync(path.join(root, 'appsscript.json'), path.join(out, 'appsscript.json'));
  const lazyFiles = readdirSync(out)
    .filter((f) => f.startsWith(LAZY_FILE_PREFIX))
    .sort();
  for (const f of ['Code.js', ...lazyFiles, 'Sidebar.html', 'PublicSuffix.html', 'appsscript.json']) console.log(`build/${f}  ${kib(statSync(path.join(out, f)).size)}`);
  console.log(`  server code: ${composition(metafiles)}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}

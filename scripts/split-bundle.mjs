/**
 * The server code split by execution (issue 11: every execution loads at most 150 KB of code).
 * Each group of exposed functions (scripts/server-groups.mjs) is its own esbuild bundle, tree-shaken
 * to what its functions use, written as a project HTML file, build/server-<group>.html.
 * build/Code.js keeps the eager group (onOpen, onInstall) inline, a loader, and one top-level
 * function per exposed name that loads its group (one file read, once per execution) and calls it.
 * Code that several groups use is in each of their files: an execution reads exactly one file,
 * and reads no byte its group does not use. (esbuild's code splitting, tried first, put the shared
 * code into 15 chunks by which groups use them: an execution read 7 to 16 files for the same bytes.)
 *
 * Why eval works on Apps Script: its V8 runtime runs standard JavaScript, and the common
 * pattern of loading a library with `eval(UrlFetchApp.fetch(url).getContentText())` is in use
 * in Apps Script projects (e.g. github.com/tehhowch/stack-overflow-snippets,
 * google-apps-script/clasp-moment-typedef/Code.ts, loading moment.js; and
 * github.com/lawreenas/lsr-sheet-helper, config.gs). Google's V8 runtime guide
 * (developers.google.com/apps-script/guides/v8-runtime) lists no restriction on eval or
 * `new Function`. No Google page says so explicitly: `node scripts/build.mjs --one-file` still
 * writes the single Code.js of before, should Google ever refuse it.
 */
import path from 'node:path';
import * as esbuild from 'esbuild';
import { EAGER_GROUP, SERVER_GROUPS } from './server-groups.mjs';

/** Prefix of every lazily loaded project file (build/server-*.html); the build deletes stale ones by it. */
export const LAZY_FILE_PREFIX = 'server-';
/** The loader's name in Code.js. */
export const LOADER = 'PartnershipTrackerLoad';

/**
 * Treats every module under src/ as free of import side effects (src/index.ts's rule: nothing
 * runs a service at load), so an entry that re-exports a few names from src/index.ts pulls in
 * only what those names use, not every module index.ts re-exports.
 */
export function srcHasNoSideEffects(root) {
  const src = path.join(root, 'src') + path.sep;
  return {
    name: 'src-has-no-side-effects',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        const fromEntry = args.namespace === 'server-group' || !path.isAbsolute(args.importer);
        if (args.pluginData?.resolving || !(fromEntry || args.importer.startsWith(src))) return undefined;
        const result = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
        if (result.errors.length) return { errors: result.errors };
        return { path: result.path, sideEffects: !result.path.startsWith(src) };
      });
    },
  };
}

/** One virtual entry per group: `export { …its names } from './src/index'` (srcHasNoSideEffects keeps the rest out). */
function groupEntries(root) {
  return {
    name: 'server-groups',
    setup(build) {
      build.onResolve({ filter: /^server-group:/ }, (args) => ({ path: args.path.slice('server-group:'.length), namespace: 'server-group' }));
      build.onLoad({ filter: /.*/, namespace: 'server-group' }, (args) => ({
        contents: `export { ${SERVER_GROUPS[args.path].join(', ')} } from './src/index';`,
        resolveDir: root,
        loader: 'ts',
      }));
    },
  };
}

const MINIFY = (readable) => ({ minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: !readable, legalComments: 'none' });
/** esbuild's name for a group's exports; blanked in the file (see groupFileText). */
const GROUP_GLOBAL = 'PartnershipTrackerGroup';

/**
 * One esbuild IIFE per group (tree-shaken to what its functions use), as the text of its project
 * file and its source map. Returns [{ group, name (the project file, without .html), text, map }]
 * and esbuild's metafiles.
 */
export async function buildGroupFiles({ root, local, readable }) {
  const groups = Object.keys(SERVER_GROUPS).filter((g) => g !== EAGER_GROUP);
  const results = await Promise.all(
    groups.map((group) =>
      esbuild.build({
        entryPoints: [`server-group:${group}`],
        bundle: true,
        write: false,
        format: 'iife',
        globalName: GROUP_GLOBAL,
        target: 'es2019',
        platform: 'neutral',
        mainFields: ['module', 'main'],
        ...MINIFY(readable),
        metafile: true,
        sourcemap: 'external',
        sourcesContent: false,
        // Where the map is kept (write is false): its sources are relative to it.
        outfile: path.join(local, `${LAZY_FILE_PREFIX}${group}.js`),
        plugins: [groupEntries(root), srcHasNoSideEffects(root)],
      }),
    ),
  );
  const files = results.map((result, i) => {
    const name = LAZY_FILE_PREFIX + groups[i];
    const output = (ext) => result.outputFiles.find((f) => f.path.endsWith(ext)).text;
    const map = JSON.parse(output('.js.map'));
    map.file = `${name}.html`;
    return { group: groups[i], name, text: groupFileText(output('.js'), name), map: JSON.stringify(map) };
  });
  return { files, metafiles: results.map((r) => r.metafile) };
}

/**
 * esbuild writes `var PartnershipTrackerGroup=(()=>{…; return exports})();`. The file keeps it with
 * `var …=` blanked: an expression statement, whose value an indirect eval returns (the group's
 * exports), that declares no global, and whose every character keeps its line and column (the
 * source map stays exact). sourceURL names the file in stack traces ("server-leads.html:1:120"),
 * which npm run map-stack maps with .local/server-leads.html.map.
 */
function groupFileText(code, name) {
  const declaration = `var ${GROUP_GLOBAL}=`;
  if (!code.startsWith(declaration)) throw new Error(`${name}: esbuild's IIFE no longer starts with "${declaration}"; see scripts/split-bundle.mjs`);
  return `${' '.repeat(declaration.length)}${code.slice(declaration.length)}//# sourceURL=${name}.html\n`;
}

/**
 * The loader in Code.js: reads a group's project file once per execution (Apps Script runs every
 * execution in a fresh global, so a top-level cache is per execution) and evaluates it with an
 * indirect eval: in the global scope, where the services are. See the top of
 * scripts/split-bundle.mjs for why Apps Script's V8 runtime allows eval.
 */
export function loaderSource() {
  return [
    `var ${LOADER}=function(){`,
    // Indirect eval runs in the global scope (Apps Script's V8 allows it: scripts/split-bundle.mjs).
    `var loaded={},evaluate=eval;`,
    `return function(name){`,
    `if(!Object.prototype.hasOwnProperty.call(loaded,name))loaded[name]=evaluate(HtmlService.createHtmlOutputFromFile(name).getContent());`,
    `return loaded[name]}}();`,
  ].join('');
}

import * as acorn from 'acorn';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import * as vm from 'node:vm';
import * as index from '../../src/index';
import { BUILD_DIR, CODE_JS, ROOT, ensureBuilt } from '../support/build';

/**
 * Code.js and the group files it loads are minified, local names included (scripts/build.mjs).
 * What Apps Script calls must survive that: each export of src/index.ts a top-level function of
 * the same name that forwards to the export of the same name, in Code.js's own exports (onOpen,
 * onInstall) or in its group's file (PartnershipTrackerLoad, scripts/split-bundle.mjs). And a
 * stack trace from Apps Script's log must still lead back to src/, through the maps in .local/.
 */
const NAMESPACE = 'PartnershipTracker';
const LOADER = 'PartnershipTrackerLoad';
const MAP = path.join(ROOT, '.local/Code.js.map');

let code: string;
let program: acorn.Program;
beforeAll(() => {
  ensureBuilt();
  code = readFileSync(CODE_JS, 'utf8');
  program = acorn.parse(code, { ecmaVersion: 2019, sourceType: 'script', locations: true }) as acorn.Program;
});

/** Code.js in a bare context whose HtmlService serves build/'s files, as Apps Script serves the project's. */
function loadedCode(): vm.Context {
  const context = vm.createContext({
    HtmlService: { createHtmlOutputFromFile: (name: string) => ({ getContent: () => readFileSync(path.join(BUILD_DIR, `${name}.html`), 'utf8') }) },
  });
  vm.runInContext(code, context);
  return context;
}

test('each top-level function is an export of src/index.ts and forwards to the export of its own name', () => {
  const functions = program.body.filter((n): n is acorn.FunctionDeclaration => n.type === 'FunctionDeclaration');
  expect(functions.map((f) => f.id.name).sort()).toEqual(Object.keys(index).sort());
  const context = loadedCode();
  for (const f of functions) {
    const name = f.id.name;
    const body = code.slice(f.body.start, f.body.end);
    const target = /^\{ return (PartnershipTracker|PartnershipTrackerLoad\("server-[\w-]+"\))\.(\w+)\.apply\(this, arguments\); \}$/.exec(body);
    expect([name, target?.[2]]).toEqual([name, name]);
    // And what it forwards to (Code.js's exports, or the group's exports once loaded) holds a function under that name, not a minified one.
    const exported = vm.runInContext(target?.[1] ?? 'undefined', context) as Record<string, unknown>;
    expect([name, typeof exported[name]]).toEqual([name, 'function']);
  }
  // Code.js's own exports are the eager group's, and only those.
  expect(Object.keys(vm.runInContext(NAMESPACE, context) as object).sort()).toEqual(['onInstall', 'onOpen']);
  expect(code).toContain(`var ${LOADER}=`);
});

test('the bundle is minified: its own functions have short names, so the size budgets measure minified code', () => {
  // src/tracker/setup.ts's setUpTracker would be a function named setUpTracker in a readable build.
  const setup = readFileSync(path.join(BUILD_DIR, 'server-setup.html'), 'utf8');
  expect(setup).toContain('was set up by a newer version of the tracker');
  expect(setup).not.toMatch(/\bfunction setUpTracker\(/);
});

/** Line and column (from 0) of `text` in `file`. */
function positionOf(file: string, text: string): { line: number; column: number } {
  const at = file.indexOf(text);
  expect(at).toBeGreaterThan(0);
  return { line: file.slice(0, at).split('\n').length - 1, column: at - (file.lastIndexOf('\n', at) + 1) };
}

test(".local/ (never pushed: outside clasp's rootDir) holds a map per file that maps a line back to its source in src/", () => {
  expect(existsSync(MAP)).toBe(true);
  const codeMap = new SourceMap(JSON.parse(readFileSync(MAP, 'utf8')));
  const { line, column } = positionOf(code, 'createAddonMenu');
  expect(path.resolve(path.dirname(MAP), (codeMap.findEntry(line, column) as { originalSource?: string }).originalSource ?? '')).toBe(path.join(ROOT, 'src/menu/menu.ts'));
  // Where server-setup.html builds the message setup refuses with when the schema is newer than the code.
  const setupMap = path.join(ROOT, '.local/server-setup.html.map');
  const setup = readFileSync(path.join(BUILD_DIR, 'server-setup.html'), 'utf8');
  const at = positionOf(setup, 'was set up by a newer version of the tracker');
  const entry = new SourceMap(JSON.parse(readFileSync(setupMap, 'utf8'))).findEntry(at.line, at.column) as { originalSource?: string; originalLine?: number };
  expect(path.resolve(path.dirname(setupMap), entry.originalSource ?? '')).toBe(path.join(ROOT, 'src/tracker/setup.ts'));
  const sourceLine = readFileSync(path.join(ROOT, 'src/tracker/setup.ts'), 'utf8').split('\n')[entry.originalLine ?? -1];
  expect(sourceLine).toContain('was set up by a newer version of the tracker');
});

test('npm run map-stack maps a frame of a group file, named by its sourceURL, back to src/', () => {
  const setup = readFileSync(path.join(BUILD_DIR, 'server-setup.html'), 'utf8');
  expect(setup.trimEnd().endsWith('//# sourceURL=server-setup.html')).toBe(true);
  const at = positionOf(setup, 'was set up by a newer version of the tracker');
  const mapped = execFileSync(process.execPath, [path.join(ROOT, 'scripts/map-stack.mjs')], { input: `    at x (server-setup.html:${at.line + 1}:${at.column + 1})\n`, encoding: 'utf8' });
  expect(mapped).toMatch(/at x \(src\/tracker\/setup\.ts:\d+:\d+/);
});

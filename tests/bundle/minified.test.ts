import * as acorn from 'acorn';
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import * as vm from 'node:vm';
import * as index from '../../src/index';
import { CODE_JS, ROOT, ensureBuilt } from '../support/build';

/**
 * Code.js is minified, local names included (scripts/build.mjs). What Apps Script
 * calls must survive that: each export of src/index.ts a top-level function of the
 * same name that forwards to the export of the same name. And a stack trace from
 * Apps Script's log must still lead back to src/, through .local/Code.js.map.
 */
const NAMESPACE = 'PartnershipTracker';
const MAP = path.join(ROOT, '.local/Code.js.map');

let code: string;
let program: acorn.Program;
beforeAll(() => {
  ensureBuilt();
  code = readFileSync(CODE_JS, 'utf8');
  program = acorn.parse(code, { ecmaVersion: 2019, sourceType: 'script', locations: true }) as acorn.Program;
});

test('each top-level function is an export of src/index.ts and forwards to the export of its own name', () => {
  const functions = program.body.filter((n): n is acorn.FunctionDeclaration => n.type === 'FunctionDeclaration');
  expect(functions.map((f) => f.id.name).sort()).toEqual(Object.keys(index).sort());
  for (const f of functions) {
    expect([f.id.name, code.slice(f.body.start, f.body.end)]).toEqual([f.id.name, `{ return ${NAMESPACE}.${f.id.name}.apply(this, arguments); }`]);
  }
  // And the bundle's exports object holds a function under each of those names (not a minified one).
  const context = vm.createContext({});
  vm.runInContext(code, context);
  const exported = vm.runInContext(NAMESPACE, context) as Record<string, unknown>;
  expect(Object.keys(exported).sort()).toEqual(Object.keys(index).sort());
  for (const name of Object.keys(index)) expect([name, typeof exported[name]]).toEqual([name, 'function']);
});

test('the bundle is minified: its own functions have short names, so the size budget measures minified code', () => {
  // src/tracker/setup.ts's setUpTracker would be a function named setUpTracker in a readable build.
  expect(code).not.toMatch(/\bfunction setUpTracker\(/);
});

test(".local/Code.js.map (never pushed: outside clasp's rootDir) maps a line of Code.js back to its source in src/", () => {
  expect(existsSync(MAP)).toBe(true);
  const map = new SourceMap(JSON.parse(readFileSync(MAP, 'utf8')));
  // Where Code.js builds the message setup refuses with when the schema is newer than the code.
  const at = code.indexOf('was set up by a newer version of the tracker');
  expect(at).toBeGreaterThan(0);
  const line = code.slice(0, at).split('\n').length - 1;
  const column = at - (code.lastIndexOf('\n', at) + 1);
  const entry = map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
  expect(path.resolve(path.dirname(MAP), entry.originalSource ?? '')).toBe(path.join(ROOT, 'src/tracker/setup.ts'));
  const sourceLine = readFileSync(path.join(ROOT, 'src/tracker/setup.ts'), 'utf8').split('\n')[entry.originalLine ?? -1];
  expect(sourceLine).toContain('was set up by a newer version of the tracker');
});

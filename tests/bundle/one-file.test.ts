import * as acorn from 'acorn';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Emulator } from '../../emulator';
import { ROOT } from '../support/build';

/**
 * `node scripts/build.mjs --one-file`: all the server code in Code.js and no group files, the layout
 * to fall back on should Apps Script ever refuse the loader's eval (scripts/split-bundle.mjs).
 */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'one-file-'));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--one-file', '--out', dir], { cwd: ROOT, stdio: 'pipe' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('it writes Code.js with every exposed function and no file for the loader to read', () => {
  expect(readdirSync(dir).filter((f) => f.startsWith('server-'))).toEqual([]);
  const code = readFileSync(path.join(dir, 'Code.js'), 'utf8');
  expect(code).not.toContain('PartnershipTrackerLoad');
  const ast = acorn.parse(code, { ecmaVersion: 2019, sourceType: 'script' }) as acorn.Program;
  const forwarding = ast.body.filter((n): n is acorn.FunctionDeclaration => n.type === 'FunctionDeclaration');
  expect(forwarding.map((f) => code.slice(f.body.start, f.body.end)).every((body) => /^\{ return PartnershipTracker\.\w+\.apply\(this, arguments\); \}$/.test(body))).toBe(true);
});

test('the add-on runs from it: setup, the overview and a read of each kind', () => {
  const emu = new Emulator({ buildDir: dir, ownerEmail: 'owner@example.com' });
  emu.loadBundle(readFileSync(path.join(dir, 'Code.js'), 'utf8'));
  emu.open('NONE');
  emu.run('menuSetUpTracker');
  expect(emu.services.ui.alerts[0].prompt).toMatch(/^The tracker is set up: /);
  expect(emu.run('apiGetOverview')).toMatchObject({ ok: true });
  expect(emu.run('apiListLeads', [{}])).toMatchObject({ ok: true });
  expect(emu.run('apiGetTeam')).toMatchObject({ ok: true });
  expect(emu.calls.get('HtmlService.createHtmlOutputFromFile')).toBe(0);
});

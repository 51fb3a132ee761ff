import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vm from 'node:vm';
import { Emulator, NODE_ONLY_GLOBALS } from '../../emulator';
import { BUILD_DIR, CODE_JS, ensureBuilt } from '../support/build';
import { SETTING_DEFS } from '../../src/domain/settings';
import { TABS } from '../../src/tracker/schema';
import { MENU_ITEMS } from '../../src/menu/menu';
import * as endpoints from '../../src/sidebar-api/registry';
import { TRIGGER_HANDLERS } from '../../src/triggers/triggers';

/** The group files the build wrote (scripts/split-bundle.mjs); Code.js loads them. */
const groupFiles = () => {
  ensureBuilt();
  return readdirSync(BUILD_DIR).filter((f) => /^server-[\w-]+\.html$/.test(f));
};

/** Every function Apps Script must be able to find by name (menu items, triggers, google.script.run): registry.test.ts checks the list. */
const EXPOSED = ['onOpen', 'onInstall', ...MENU_ITEMS.map((i) => i.functionName), ...TRIGGER_HANDLERS, ...Object.keys(endpoints)];

let code: string;
beforeAll(() => {
  ensureBuilt();
  code = readFileSync(CODE_JS, 'utf8');
});

function loaded(options = {}) {
  const emu = new Emulator({ buildDir: BUILD_DIR, ownerEmail: 'owner@example.com', ...options });
  const host = emu.loadBundle(code);
  return { emu, context: host.context };
}

describe('build/Code.js is a script Apps Script can load', () => {
  test.each(['Code.js', ...groupFiles()])('%s parses as an ES2019 script: no import/export, class fields, #private, top-level await or newer syntax', (file) => {
    const text = readFileSync(path.join(BUILD_DIR, file), 'utf8');
    // Acorn at ecmaVersion 2019 rejects every construct Apps Script has failed on.
    expect(() => acorn.parse(text, { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
    const ast = acorn.parse(text, { ecmaVersion: 'latest', sourceType: 'script' });
    const found: string[] = [];
    walk.full(ast, (node) => {
      if (['PropertyDefinition', 'PrivateIdentifier', 'StaticBlock', 'ImportExpression', 'ImportDeclaration', 'ExportNamedDeclaration'].includes(node.type)) found.push(node.type);
    });
    expect(found).toEqual([]);
  });

  test.each(groupFiles())('%s is one expression statement (its exports, for the loader) that declares no global', (file) => {
    const ast = acorn.parse(readFileSync(path.join(BUILD_DIR, file), 'utf8'), { ecmaVersion: 2019, sourceType: 'script' }) as acorn.Program;
    expect(ast.body.map((n) => n.type)).toEqual(['ExpressionStatement']);
  });

  test('each exposed name is a top-level function declaration, and nothing else is exposed', () => {
    const ast = acorn.parse(code, { ecmaVersion: 2019, sourceType: 'script' }) as acorn.Program;
    const declared = ast.body.filter((n): n is acorn.FunctionDeclaration => n.type === 'FunctionDeclaration').map((n) => n.id?.name);
    expect(declared.sort()).toEqual([...EXPOSED].sort());
    // Besides them, two variables: the eager group's exports and the loader of the others, which those functions call.
    const topLevelVars = ast.body.filter((n): n is acorn.VariableDeclaration => n.type === 'VariableDeclaration');
    expect(topLevelVars.flatMap((n) => n.declarations.map((d) => (d.id as acorn.Identifier).name))).toEqual(['PartnershipTracker', 'PartnershipTrackerLoad']);
  });

  test('it loads in a bare V8 context that has only Apps Script globals', () => {
    const { context } = loaded();
    for (const name of NODE_ONLY_GLOBALS) {
      expect([name, vm.runInContext(`typeof ${name}`, context)]).toEqual([name, 'undefined']);
    }
    for (const name of EXPOSED) expect([name, typeof (context as Record<string, unknown>)[name]]).toEqual([name, 'function']);
  });

  test('loading touches no service (onOpen may run in AuthMode NONE)', () => {
    const { emu } = loaded();
    expect(emu.calls.snapshot()).toEqual({});
  });
});

describe('the bundle runs the add-on end to end on the emulator', () => {
  test('onOpen in AuthMode NONE adds the add-on menu without touching the document', () => {
    const { emu } = loaded();
    emu.open('NONE');
    expect(emu.services.ui.menuItems().map((i) => [i.caption, i.functionName])).toEqual([
      ['Set up tracker', 'menuSetUpTracker'],
      ['Open sidebar', 'menuOpenSidebar'],
      ['Create partner form', 'menuCreatePartnerForm'],
      ['Process missed form responses', 'menuProcessMissedResponses'],
      ['Run payouts now', 'menuRunPayouts'],
      ['Export payouts', 'menuExportPayouts'],
      ['Verify audit log', 'menuVerifyAuditLog'],
      ['Check tracker', 'menuCheckTracker'],
      ['Refresh partner sheets', 'menuRefreshPartnerSheets'],
      ['Create application form', 'menuCreateApplicationForm'],
      ['Refresh dashboard', 'menuRefreshDashboard'],
    ]);
    const nonUi = Object.keys(emu.calls.snapshot()).filter((k) => k !== 'SpreadsheetApp.getUi' && !/^(Ui|Menu)\./.test(k));
    expect(nonUi).toEqual([]);
  });

  test('onInstall shows the menu at once', () => {
    const { emu } = loaded();
    emu.install();
    expect(emu.services.ui.menuItems()).toHaveLength(MENU_ITEMS.length);
  });

  test('the "Set up tracker" menu item sets up the tracker and reports what it did; again, nothing', () => {
    const { emu } = loaded();
    emu.run('menuSetUpTracker');
    const sheets = emu.spreadsheetApp
      .getActiveSpreadsheet()
      .getSheets()
      .map((s) => s.getName());
    expect(sheets).toEqual(expect.arrayContaining(['Settings', 'Partners', 'Leads', 'Commission Rules', 'Commissions', 'Payouts', 'Audit Log', 'Form Inbox', 'Dashboard']));
    const first = emu.services.ui.alerts[0];
    expect(first.title).toBe('Partnership Tracker setup');
    expect(first.prompt).toMatch(/^The tracker is set up: its tabs, protections and automation are in place \(\d+ changes, each in the Audit Log\)\.\n\nNext:\n1\. Add your partners/);
    emu.run('menuSetUpTracker');
    expect(emu.services.ui.alerts[1].prompt).toMatch(/^The tracker is already set up and up to date; nothing was changed\.\n\nNext:\n1\. /);
  });

  test('"Open sidebar" serves the built Sidebar.html', () => {
    const { emu } = loaded();
    emu.run('menuOpenSidebar');
    const sidebar = emu.services.ui.sidebars[0];
    expect(sidebar.title).toBe('Partnership Tracker');
    expect(sidebar.html).toBe(readFileSync(path.join(BUILD_DIR, 'Sidebar.html'), 'utf8'));
  });

  test('sidebar endpoints return plain JSON', () => {
    const { emu } = loaded();
    const before = emu.run('apiGetOverview') as { ok: boolean; data: { schemaVersion: number | null } };
    expect(before).toMatchObject({ ok: true, data: { schemaVersion: null } });
    const setup = emu.run('apiRunSetup');
    expect(JSON.parse(JSON.stringify(setup))).toEqual(setup);
    const after = emu.run('apiGetOverview') as { ok: true; data: { tabs: Array<{ name: string; rows: number | null }> } };
    expect(JSON.parse(JSON.stringify(after))).toEqual(after);
    expect(after.data.tabs.find((t) => t.name === 'Settings')?.rows).toBe(SETTING_DEFS.length);
    expect(after.data.tabs.every((t) => t.rows !== null)).toBe(true);
  });

  test('endpoints refuse arguments they do not take, with a clear error', () => {
    const { emu } = loaded();
    const result = emu.run('apiGetOverview', ['surprise']) as { ok: boolean; error: { message: string } };
    expect(result.ok).toBe(false);
  });

  test('an endpoint reports a failure as an error result the sidebar can show', () => {
    const { emu } = loaded();
    const props = (emu.globals().PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties();
    props.setProperty('tracker.schemaVersion', '99');
    const result = emu.run('apiRunSetup') as { ok: boolean; error: { message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.message).toContain('newer version of the tracker');
  });
});

describe('the public suffix list (build/PublicSuffix.html) is read only by an execution that looks up a domain', () => {
  const reads = (emu: Emulator) => emu.calls.snapshot()['HtmlService.createTemplateFromFile'] ?? 0;
  const partner = { name: 'Acme', code: 'ACME', type: 'Reseller', contactEmail: 'team@acme-partners.co.uk' };
  const lead = { partnerId: 'P-000001', company: 'Initech', website: 'https://shop.initech.co.uk/', contactEmail: 'ceo@initech.co.uk' };

  test('opening, setup, the overview and the sidebar do not read it; a registration reads it once and gets the right domain', () => {
    const { emu } = loaded();
    emu.open('NONE');
    emu.run('menuSetUpTracker');
    emu.run('apiGetOverview');
    emu.run('menuOpenSidebar');
    expect(reads(emu)).toBe(0);
    expect(emu.run('apiSavePartner', [partner])).toMatchObject({ ok: true });
    const registered = emu.run('apiRegisterLead', [lead]) as { ok: boolean; data: { lead: { id: string } } };
    expect(registered).toMatchObject({ ok: true });
    expect(reads(emu)).toBe(1);
    const leads = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads') as GoogleAppsScript.Spreadsheet.Sheet;
    const [header, row] = leads.getDataRange().getValues();
    expect(row[header.indexOf('Company Domain')]).toBe('initech.co.uk');
  });

  test('pushed without it, a domain lookup fails saying what is missing', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'no-psl-'));
    try {
      for (const f of ['Code.js', 'Sidebar.html', ...groupFiles()]) copyFileSync(path.join(BUILD_DIR, f), path.join(dir, f));
      const { emu } = loaded({ buildDir: dir });
      emu.run('menuSetUpTracker');
      expect(emu.run('apiSavePartner', [partner])).toMatchObject({ ok: true });
      const registered = emu.run('apiRegisterLead', [lead]) as { ok: boolean; error?: { message: string } };
      expect(registered.ok).toBe(false);
      expect(registered.error?.message).toContain('The public suffix list (PublicSuffix.html) is missing from this script project');
      expect(registered.error?.message).toContain('No HTML file named PublicSuffix was found.');
      expect(emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads')?.getLastRow()).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("an execution loads only its function's group, once", () => {
  /** The names of the group files the script reads, in order: Code.js's HtmlService replaced by one that notes them. */
  function tapFileReads(context: vm.Context): string[] {
    const read: string[] = [];
    const html = vm.runInContext('HtmlService', context) as GoogleAppsScript.HTML.HtmlService;
    const createHtmlOutputFromFile = (name: string) => {
      if (name.startsWith('server-')) read.push(name);
      return html.createHtmlOutputFromFile(name);
    };
    (context as Record<string, unknown>).HtmlService = new Proxy(html, { get: (target, key) => (key === 'createHtmlOutputFromFile' ? createHtmlOutputFromFile : Reflect.get(target, key)) });
    return read;
  }

  test('opening reads no file; each group is read the first time one of its functions runs, and never again', () => {
    const { emu, context } = loaded();
    const read = tapFileReads(context);
    emu.open('NONE');
    expect(read).toEqual([]);
    emu.run('menuSetUpTracker');
    emu.run('apiGetOverview');
    emu.run('menuOpenSidebar');
    expect(read).toEqual(['server-setup']);
    expect(emu.run('apiListPartners')).toMatchObject({ ok: true });
    expect(emu.run('apiListLeads', [{}])).toMatchObject({ ok: true });
    expect(emu.run('apiGetTeam')).toMatchObject({ ok: true });
    expect(read).toEqual(['server-setup', 'server-leads', 'server-team']);
  });

  test("a group's code runs in Code.js's own bare context: its functions are that realm's, and it sees no Node global", () => {
    const { emu, context } = loaded();
    emu.run('menuSetUpTracker');
    expect(vm.runInContext('PartnershipTrackerLoad("server-team").apiGetTeam instanceof Function', context)).toBe(true);
    expect(vm.runInContext('Object.keys(PartnershipTrackerLoad("server-team"))', context)).toEqual(expect.arrayContaining(['apiGetTeam', 'apiAddTeamMember']));
    // Evaluated with an indirect eval in the global scope: the group's file declares nothing there.
    expect(vm.runInContext('typeof PartnershipTrackerGroup', context)).toBe('undefined');
    for (const name of NODE_ONLY_GLOBALS) expect([name, vm.runInContext(`typeof ${name}`, context)]).toEqual([name, 'undefined']);
  });
});

describe('two people set up the tracker at the same moment', () => {
  test('the document lock makes one do the work and the other find it done; no tab is created twice', async () => {
    const { emu } = loaded();
    const results = await emu.runConcurrently([
      { name: 'apiRunSetup', user: 'owner@example.com' },
      { name: 'apiRunSetup', user: 'owner@example.com' },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const reports = results.map((r) => (r.value as { ok: boolean; data: { changes: string[] } }).data.changes.length);
    expect(reports.filter((n) => n === 0)).toHaveLength(1);
    expect(emu.spreadsheetApp.getActiveSpreadsheet().getSheets()).toHaveLength(TABS.length + 1);
  });
});

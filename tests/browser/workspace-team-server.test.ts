import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
  BlockEditResponse,
  EditResponse,
  MenuRunResponse,
  OpenResponse,
  PeopleResponse,
  PersonSwitchResponse,
  ScriptRunResponse,
  StructureResponse,
  WorkspaceState,
} from '../../emulator/workspace/api-types';
import { ANONYMOUS_NO_ADDON } from '../../emulator/workspace/people-view';
import { RunningWorkspace, startWorkspace } from '../../emulator/workspace/server';
import { parseTsv } from '../../emulator/workspace/tsv';

/**
 * The workspace's team endpoints over HTTP: who the page acts as (GET /api/people,
 * POST /api/person), and what that person does — typing, pasting tab-separated
 * text, clearing a block, inserting and deleting rows, renaming a tab, menu items,
 * google.script.run, opening the file — with a fixture add-on (written to a
 * temporary directory) whose installable edit and change triggers toast what
 * Google revealed to them, a tab only the owner may edit, and a Yes/No dropdown.
 */
const FIXTURE = String.raw`
function onOpen(e) {
  var who = e && e.user ? e.user.getEmail() : '';
  SpreadsheetApp.getUi().createAddonMenu()
    .addItem('Who am I', 'menuWhoAmI')
    .addItem('Open sidebar', 'menuSidebar')
    .addToUi();
  PropertiesService.getScriptProperties().setProperty('lastOpenedBy', who || '(blank)');
}
function onInstall(e) {
  onOpen(e);
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  ss.getSheets()[0].setName('Data');
  var locked = ss.insertSheet('Locked');
  locked.getRange('A1').setValue('owner only');
  locked.protect().setDescription('Owner only');
  var rule = SpreadsheetApp.newDataValidation().requireValueInList(['Yes', 'No'], true).setAllowInvalid(false).setHelpText('Pick Yes or No.').build();
  ss.getSheetByName('Data').getRange('D1:D20').setDataValidation(rule);
  ScriptApp.newTrigger('watchEdits').forSpreadsheet(ss).onEdit().create();
  ScriptApp.newTrigger('watchChanges').forSpreadsheet(ss).onChange().create();
}
function who_(e) {
  var email = e.user ? e.user.getEmail() : '';
  return email || '(blank)';
}
function watchEdits(e) {
  var shape = ('value' in e ? ' value=' + e.value : ' no value') + ('oldValue' in e ? ' old=' + e.oldValue : '');
  SpreadsheetApp.getActiveSpreadsheet().toast(e.range.getSheet().getName() + '!' + e.range.getA1Notation() + ' by ' + who_(e) + shape, 'Edit seen', 5);
}
function watchChanges(e) {
  if (e.changeType === 'EDIT') return;
  SpreadsheetApp.getActiveSpreadsheet().toast(e.changeType + ' by ' + who_(e), 'Change seen', 5);
}
function menuWhoAmI() {
  SpreadsheetApp.getActiveSpreadsheet().toast(Session.getEffectiveUser().getEmail(), 'Who am I', 3);
}
function menuSidebar() {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p>team sidebar</p>').setTitle('Team'));
}
function whoAmI() {
  return { active: Session.getActiveUser().getEmail(), effective: Session.getEffectiveUser().getEmail() };
}
`;

const OWNER = 'owner@example.com';
const MANAGER = 'manager@example.com';
const TEAMMATE = 'teammate@example.com';
const CONSUMER = 'casey.editor@gmail.com';
const PROTECTED = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

let dir: string;
let buildDir: string;
let stateFile: string;
let workspace: RunningWorkspace;

async function get<T>(route: string): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(route, workspace.url));
  return { status: response.status, body: (await response.json()) as T };
}

async function post<T>(route: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(route, workspace.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function ok<T>(route: string, body: unknown): Promise<T> {
  const reply = await post<T>(route, body);
  expect(reply.status).toBe(200);
  return reply.body;
}

async function become(person: string): Promise<PersonSwitchResponse> {
  return ok<PersonSwitchResponse>('/api/person', { person });
}

function anonymousId(): string {
  const anonymous = workspace.emulator.people.list().find((p) => p.kind === 'anonymous');
  if (!anonymous) throw new Error('no anonymous editor registered');
  return anonymous.email;
}

function rows(name: string): string[][] {
  const sheet = workspace.emulator.workbookView().sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no tab ${name}`);
  return sheet.rows;
}

function toastTexts(reply: { effects: { toasts: Array<{ title: string; message: string }> } }): string[] {
  return reply.effects.toasts.map((t) => `${t.title}: ${t.message}`);
}

async function start(reset = false): Promise<void> {
  workspace = await startWorkspace({ port: 0, stateFile, buildDir, reset });
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'workspace-team-'));
  buildDir = path.join(dir, 'build');
  stateFile = path.join(dir, 'workspace.json');
  mkdirSync(buildDir);
  writeFileSync(path.join(buildDir, 'Code.js'), FIXTURE);
  await start();
});

afterEach(async () => {
  await workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the people of the workspace', () => {
  test("GET /api/people: the owner (Workspace) and the team, each with their kind and what the owner's triggers see of them", async () => {
    const { status, body } = await get<PeopleResponse>('/api/people');
    expect(status).toBe(200);
    expect(body.person).toBe(OWNER);
    expect(body.people.map((p) => [p.email, p.kind, p.kindLabel, p.canRunAddOn, p.revealedToOwnerTriggers])).toEqual([
      [OWNER, 'workspace', 'Workspace', true, OWNER],
      [MANAGER, 'workspace', 'Workspace', true, MANAGER],
      [TEAMMATE, 'workspace', 'Workspace', true, TEAMMATE],
      [CONSUMER, 'consumer', 'personal Google account', true, ''],
      // Nobody learns who an anonymous editor is; the owner's triggers see the owner's email (observed).
      ['', 'anonymous', 'anonymous link editor', false, OWNER],
    ]);
    expect(body.people[0].isOwner).toBe(true);
    expect(body.people[4].id).toMatch(/^anonymous-\d+@emulator\.invalid$/);
    expect(workspace.emulator.people.kindOf(OWNER)).toBe('workspace');
    expect(workspace.emulator.ctx.options.accountType).toBe('workspace');
    // Also in the state the page draws from.
    const { body: state } = await get<WorkspaceState>('/api/state');
    expect(state.person).toBe(OWNER);
    expect(state.people).toEqual(body.people);
  });

  test('POST /api/person opens the file as them (onOpen sees them); an unknown person is 404, a missing one 400, another site 403', async () => {
    const switched = await become(TEAMMATE);
    expect(switched.state.person).toBe(TEAMMATE);
    expect(switched.error).toBeUndefined();
    expect(switched.state.menus.find((m) => m.kind === 'addon')?.items.map((i) => (i.type === 'item' ? i.caption : ''))).toEqual(['Who am I', 'Open sidebar']);
    // A simple trigger's e.user, relative to the spreadsheet's owner: same Workspace domain, so named.
    expect(workspace.emulator.services.properties.read('script').lastOpenedBy).toBe(TEAMMATE);
    await become(CONSUMER);
    expect(workspace.emulator.services.properties.read('script').lastOpenedBy).toBe('(blank)');
    expect((await get<PeopleResponse>('/api/people')).body.person).toBe(CONSUMER);

    expect((await post<{ error: string }>('/api/person', { person: 'stranger@example.com' })).status).toBe(404);
    expect((await post('/api/person', {})).status).toBe(400);
    expect((await post('/api/person', { person: OWNER }, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await get<PeopleResponse>('/api/people')).body.person).toBe(CONSUMER);
  });

  test('the chosen person is saved with the workspace: a restart keeps them, --reset goes back to the owner', async () => {
    await become(MANAGER);
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { workspace?: { person?: string }; people?: Array<{ email: string }> };
    expect(saved.workspace?.person).toBe(MANAGER);
    await workspace.close();
    await start();
    expect(workspace.session.fresh).toBe(false);
    expect(workspace.session.person).toBe(MANAGER);
    // Loading registers nobody twice.
    expect(workspace.emulator.people.list()).toHaveLength(5);
    await workspace.close();
    await start(true);
    expect(workspace.session.person).toBe(OWNER);
  });

  test('a workspace saved before the team existed (a consumer owner, no people) loads with the owner as a Workspace account and the team', async () => {
    await workspace.close();
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown> & { options: Record<string, unknown> };
    delete saved.people;
    delete saved.workspace;
    saved.options.accountType = 'consumer';
    writeFileSync(stateFile, JSON.stringify(saved));
    await start();
    expect(workspace.session.fresh).toBe(false);
    expect(workspace.session.person).toBe(OWNER);
    const { body } = await get<PeopleResponse>('/api/people');
    expect(body.people.map((p) => [p.email, p.kind])).toEqual([
      [OWNER, 'workspace'],
      [MANAGER, 'workspace'],
      [TEAMMATE, 'workspace'],
      [CONSUMER, 'consumer'],
      ['', 'anonymous'],
    ]);
    expect(workspace.emulator.ctx.options.accountType).toBe('workspace');
  });

  test('menu items and google.script.run run as the chosen person', async () => {
    await become(TEAMMATE);
    const menu = await ok<MenuRunResponse>('/api/menu', { functionName: 'menuWhoAmI' });
    expect(menu.ok).toBe(true);
    expect(toastTexts(menu)).toEqual([`Who am I: ${TEAMMATE}`]);
    const run = await ok<ScriptRunResponse>('/api/run', { name: 'whoAmI', args: [] });
    expect(run.reply).toEqual({ ok: true, value: { active: TEAMMATE, effective: TEAMMATE } });
  });

  test('an anonymous editor: no onOpen, no menu item, no sidebar, no google.script.run — a clear message instead of an error', async () => {
    const switched = await become(anonymousId());
    expect(switched.unavailable).toBe(ANONYMOUS_NO_ADDON);
    expect(switched.error).toBeUndefined();
    // The menus stay as Sheets last drew them.
    expect(switched.state.menus).toHaveLength(1);
    const opened = await ok<OpenResponse>('/api/open', {});
    expect(opened.unavailable).toBe(ANONYMOUS_NO_ADDON);
    const sidebar = await ok<MenuRunResponse>('/api/menu', { functionName: 'menuSidebar' });
    expect(sidebar).toMatchObject({ ok: false, unavailable: ANONYMOUS_NO_ADDON });
    expect(sidebar.effects.sidebar).toBeNull();
    expect(sidebar.error).toBeUndefined();
    const run = await ok<ScriptRunResponse>('/api/run', { name: 'whoAmI', args: [] });
    expect(run.reply).toEqual({ ok: false, error: { name: 'Error', message: ANONYMOUS_NO_ADDON } });
    // They can still edit cells; the owner's trigger sees the owner's email (the observed behaviour).
    const edit = await ok<EditResponse>('/api/edit', { sheet: 'Data', row: 1, column: 1, value: 'hi' });
    expect(edit.accepted).toBe(true);
    expect(toastTexts(edit)).toEqual([`Edit seen: Data!A1 by ${OWNER} value=hi`]);
  });
});

describe("a person's edits", () => {
  test('typing: the triggers see the person as Google reveals them; a protected tab refuses the teammate, not the owner', async () => {
    await become(TEAMMATE);
    const typed = await ok<EditResponse>('/api/edit', { sheet: 'Data', row: 2, column: 1, value: 'Acme' });
    expect(typed).toMatchObject({
      accepted: true,
      runs: [
        { handler: 'watchEdits', ok: true },
        { handler: 'watchChanges', ok: true },
      ],
    });
    expect(toastTexts(typed)).toEqual([`Edit seen: Data!A2 by ${TEAMMATE} value=Acme`]);

    const refused = await ok<EditResponse>('/api/edit', { sheet: 'Locked', row: 2, column: 1, value: 'mine' });
    expect(refused).toMatchObject({ accepted: false, reason: PROTECTED });
    expect(refused.effects.toasts).toEqual([]);
    expect(rows('Locked')[1]?.[0] ?? '').toBe('');

    await become(CONSUMER);
    const consumer = await ok<EditResponse>('/api/edit', { sheet: 'Data', row: 2, column: 1, value: 'Initech' });
    expect(toastTexts(consumer)).toEqual(['Edit seen: Data!A2 by (blank) value=Initech old=Acme']);

    await become(OWNER);
    expect(await ok<EditResponse>('/api/edit', { sheet: 'Locked', row: 2, column: 1, value: 'mine' })).toMatchObject({ accepted: true });
    expect(rows('Locked')[1][0]).toBe('mine');
  });

  test('POST /api/paste: tab-separated text is one edit over the block, without value or oldValue', async () => {
    await become(MANAGER);
    const pasted = await ok<BlockEditResponse>('/api/paste', { sheet: 'Data', row: 2, column: 2, text: 'Acme\t12\r\nInitech\t7.5\r\n' });
    expect(pasted).toMatchObject({ accepted: true, range: { sheet: 'Data', row: 2, column: 2, numRows: 2, numColumns: 2, a1: 'Data!B2:C3' } });
    expect(toastTexts(pasted)).toEqual([`Edit seen: Data!B2:C3 by ${MANAGER} no value`]);
    expect(
      rows('Data')
        .slice(1, 3)
        .map((r) => r.slice(1, 3)),
    ).toEqual([
      ['Acme', '12'],
      ['Initech', '7.5'],
    ]);
    // Typed text is parsed as Sheets parses it: numbers are numbers.
    expect(workspace.emulator.spreadsheet().sheetByName('Data')?.values.get(2, 3)).toBe(12);

    // Ragged rows are padded; one cell pasted is a single-cell edit.
    const ragged = await ok<BlockEditResponse>('/api/paste', { sheet: 'Data', row: 5, column: 1, text: 'a\tb\tc\nd\n' });
    expect(ragged.range).toMatchObject({ numRows: 2, numColumns: 3 });
    const single = await ok<BlockEditResponse>('/api/paste', { sheet: 'Data', row: 8, column: 1, text: 'solo\n' });
    expect(toastTexts(single)).toEqual([`Edit seen: Data!A8 by ${MANAGER} value=solo`]);
  });

  test('a paste Sheets refuses changes nothing: a protected tab, a dropdown that rejects a value', async () => {
    await become(TEAMMATE);
    const locked = await ok<BlockEditResponse>('/api/paste', { sheet: 'Locked', row: 1, column: 1, text: 'x\ty\n' });
    expect(locked).toMatchObject({ accepted: false, reason: PROTECTED });
    expect(rows('Locked')[0]).toEqual(['owner only']);
    const dropdown = await ok<BlockEditResponse>('/api/paste', { sheet: 'Data', row: 1, column: 3, text: 'fine\tYes\nalso\tMaybe' });
    expect(dropdown).toMatchObject({ accepted: false, reason: 'Pick Yes or No.' });
    expect(rows('Data')[0]?.[2] ?? '').toBe('');
    expect(dropdown.effects.toasts).toEqual([]);
  });

  test('paste requests the workspace cannot take: 400 for empty text or a block past the tab, 404 for no such tab, 403 from another site', async () => {
    expect((await post('/api/paste', { sheet: 'Data', row: 1, column: 1, text: '' })).status).toBe(400);
    expect((await post('/api/paste', { sheet: 'Data', row: 1, column: 1.5, text: 'x' })).status).toBe(400);
    expect((await post('/api/paste', { sheet: 'Data', row: 1000, column: 1, text: 'x\ny' })).status).toBe(400);
    expect((await post('/api/paste', { sheet: 'Nope', row: 1, column: 1, text: 'x' })).status).toBe(404);
    expect((await post('/api/paste', { sheet: 'Data', row: 1, column: 1, text: 'x' }, { Origin: 'https://evil.example' })).status).toBe(403);
  });

  test('POST /api/clear: one edit clearing the block (a single cell carries oldValue only)', async () => {
    await ok('/api/paste', { sheet: 'Data', row: 1, column: 1, text: 'a\tb\nc\td' });
    await become(TEAMMATE);
    const cleared = await ok<BlockEditResponse>('/api/clear', { sheet: 'Data', row: 1, column: 1, numRows: 2, numColumns: 2 });
    expect(cleared).toMatchObject({ accepted: true, range: { a1: 'Data!A1:B2' } });
    expect(toastTexts(cleared)).toEqual([`Edit seen: Data!A1:B2 by ${TEAMMATE} no value`]);
    expect(workspace.emulator.spreadsheet().sheetByName('Data')?.lastRow()).toBe(0);

    await ok('/api/edit', { sheet: 'Data', row: 3, column: 1, value: 'z' });
    const one = await ok<BlockEditResponse>('/api/clear', { sheet: 'Data', row: 3, column: 1 });
    expect(toastTexts(one)).toEqual([`Edit seen: Data!A3 by ${TEAMMATE} no value old=z`]);

    expect(await ok<BlockEditResponse>('/api/clear', { sheet: 'Locked', row: 1, column: 1, numRows: 1, numColumns: 2 })).toMatchObject({ accepted: false, reason: PROTECTED });
    expect((await post('/api/clear', { sheet: 'Data', row: 1, column: 1, numRows: 0, numColumns: 1 })).status).toBe(400);
  });
});

describe("a person's structural changes", () => {
  test('POST /api/rows/insert and /api/rows/delete: the rows move, the change triggers see INSERT_ROW and REMOVE_ROW by the person', async () => {
    await ok('/api/paste', { sheet: 'Data', row: 1, column: 1, text: 'one\ntwo\nthree' });
    await become(TEAMMATE);
    const inserted = await ok<StructureResponse>('/api/rows/insert', { sheet: 'Data', beforeRow: 2, count: 2 });
    expect(inserted).toMatchObject({ accepted: true, changeType: 'INSERT_ROW', runs: [{ handler: 'watchChanges', ok: true }] });
    expect(toastTexts(inserted)).toEqual([`Change seen: INSERT_ROW by ${TEAMMATE}`]);
    expect(rows('Data').map((r) => r[0])).toEqual(['one', '', '', 'two', 'three']);

    await become(CONSUMER);
    const deleted = await ok<StructureResponse>('/api/rows/delete', { sheet: 'Data', row: 2, count: 2 });
    expect(deleted).toMatchObject({ accepted: true, changeType: 'REMOVE_ROW' });
    expect(toastTexts(deleted)).toEqual(['Change seen: REMOVE_ROW by (blank)']);
    expect(rows('Data').map((r) => r[0])).toEqual(['one', 'two', 'three']);
    // count defaults to 1
    expect(await ok<StructureResponse>('/api/rows/insert', { sheet: 'Data', beforeRow: 1 })).toMatchObject({ accepted: true });
    expect(rows('Data').map((r) => r[0])).toEqual(['', 'one', 'two', 'three']);
  });

  test("structural changes a protection forbids are refused with Google's message; impossible ones with Sheets' reason", async () => {
    await become(TEAMMATE);
    const before = workspace.emulator.spreadsheet().sheetByName('Locked')?.maxRows;
    const insert = await ok<StructureResponse>('/api/rows/insert', { sheet: 'Locked', beforeRow: 1, count: 1 });
    expect(insert).toEqual({ accepted: false, reason: PROTECTED, effects: expect.objectContaining({ toasts: [] }) });
    expect(await ok<StructureResponse>('/api/rows/delete', { sheet: 'Locked', row: 1, count: 1 })).toMatchObject({ accepted: false, reason: PROTECTED });
    expect(await ok<StructureResponse>('/api/sheets/rename', { sheet: 'Locked', name: 'Mine now' })).toMatchObject({ accepted: false, reason: PROTECTED });
    expect(workspace.emulator.spreadsheet().sheetByName('Locked')?.maxRows).toBe(before);

    expect(await ok<StructureResponse>('/api/sheets/rename', { sheet: 'Data', name: 'locked' })).toMatchObject({
      accepted: false,
      reason: 'A sheet with the name "locked" already exists. Please enter another name.',
    });
    const maxRows = workspace.emulator.spreadsheet().sheetByName('Data')?.maxRows ?? 0;
    expect(await ok<StructureResponse>('/api/rows/delete', { sheet: 'Data', row: 1, count: maxRows })).toMatchObject({
      accepted: false,
      reason: "You can't delete all the rows on the sheet.",
    });
    expect(await ok<StructureResponse>('/api/rows/insert', { sheet: 'Data', beforeRow: maxRows + 5 })).toMatchObject({ accepted: false, reason: 'Those rows are out of bounds.' });

    // The owner may.
    await become(OWNER);
    expect(await ok<StructureResponse>('/api/rows/insert', { sheet: 'Locked', beforeRow: 1, count: 1 })).toMatchObject({ accepted: true });
  });

  test('POST /api/sheets/rename: the tab is renamed, the change triggers see OTHER; bad requests are 400 and 404', async () => {
    await become(MANAGER);
    const renamed = await ok<StructureResponse>('/api/sheets/rename', { sheet: 'Data', name: 'Deals' });
    expect(renamed).toMatchObject({ accepted: true, changeType: 'OTHER' });
    expect(toastTexts(renamed)).toEqual([`Change seen: OTHER by ${MANAGER}`]);
    const { body: state } = await get<WorkspaceState>('/api/state');
    expect(state.sheets.map((s) => s.name)).toEqual(['Deals', 'Locked']);
    expect((await post('/api/sheets/rename', { sheet: 'Data', name: 'X' })).status).toBe(404);
    expect((await post('/api/sheets/rename', { sheet: 'Deals' })).status).toBe(400);
    expect((await post('/api/rows/insert', { sheet: 'Deals', beforeRow: 'two' })).status).toBe(400);
    expect((await post('/api/rows/delete', { sheet: 'Nope', row: 1 })).status).toBe(404);
    expect((await post('/api/rows/delete', { sheet: 'Deals', row: 1 }, { Origin: 'https://evil.example' })).status).toBe(403);
  });
});

describe('tab-separated text', () => {
  test.each([
    [
      'a\tb\nc\td',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'a\tb\r\nc\td\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['a\n\n', [['a'], ['']]],
    ['x', [['x']]],
    ['a\t\tc', [['a', '', 'c']]],
    [
      'a\nb\tc',
      [
        ['a', ''],
        ['b', 'c'],
      ],
    ],
  ])('%j', (text, block) => {
    expect(parseTsv(text)).toEqual(block);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EditResponse, MenuRunResponse, OpenResponse, OutboxMessage, RequestDetail, ScriptRunResponse, WorkspaceState } from '../../emulator/workspace/api-types';
import { startLocalServer } from '../support/local-server';
import { RunningWorkspace, startWorkspace } from '../../emulator/workspace/server';

/**
 * The workspace server over HTTP, with a small fixture bundle: the rules
 * google.script.run enforces server-side, menu items, edits, mail, persistence.
 */
const fixtureBuild = path.join(__dirname, 'fixtures', 'addon');
let dir: string;
let workspace: RunningWorkspace;

async function post<T>(route: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(route, workspace.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function run(name: string, args: unknown[] = []): Promise<ScriptRunResponse> {
  const { status, body } = await post<ScriptRunResponse>('/api/run', { name, args });
  expect(status).toBe(200);
  return body;
}

async function state(): Promise<WorkspaceState> {
  return (await (await fetch(new URL('/api/state', workspace.url))).json()) as WorkspaceState;
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'workspace-server-'));
  workspace = await startWorkspace({ port: 0, stateFile: path.join(dir, 'workspace.json'), buildDir: fixtureBuild });
});

afterEach(async () => {
  await workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('workspace server', () => {
  test('serves the page with a strict CSP and the bundled script', async () => {
    const page = await fetch(workspace.url);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="/app.js" defer></script>');
    const script = await fetch(new URL('/app.js', workspace.url));
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await script.text()).length).toBeGreaterThan(1000);
  });

  test('opening the file runs onOpen; the add-on menu comes from the recording', async () => {
    const { body } = await post<OpenResponse>('/api/open', {});
    const addon = body.state.menus.find((m) => m.kind === 'addon');
    expect(addon?.items.map((i) => (i.type === 'separator' ? '---' : i.caption))).toEqual(['Say hello', 'Open sidebar', '---', 'More']);
  });

  test('a menu item runs in FULL; its alert and toast are reported as effects', async () => {
    const { body } = await post<MenuRunResponse>('/api/menu', { functionName: 'menuHello' });
    expect(body.ok).toBe(true);
    expect(body.effects.alerts).toEqual([{ kind: 'alert', title: 'Hello', prompt: 'From the menu', buttons: 'OK', answer: 'OK' }]);
    expect(body.effects.toasts).toEqual([{ title: 'Hello', message: 'Done', timeoutSeconds: 3 }]);
  });

  test('a failing menu item reports the script error; functions not on a menu are refused', async () => {
    const failed = await post<MenuRunResponse>('/api/menu', { functionName: 'menuFail' });
    expect(failed.body).toMatchObject({ ok: false, error: { name: 'Error', message: 'menu broke' } });
    const refused = await post<{ error: string }>('/api/menu', { functionName: 'notInMenu' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('No menu item runs notInMenu.');
  });

  test('showSidebar: the recorded HTML is served with the shim first in <head>', async () => {
    const { body } = await post<MenuRunResponse>('/api/menu', { functionName: 'menuSidebar' });
    expect(body.effects.sidebar).toEqual({ kind: 'sidebar', src: '/html/sidebar/0', title: 'Fixture', width: 300, height: null });
    const html = await (await fetch(new URL('/html/sidebar/0', workspace.url))).text();
    expect(html.startsWith('<!DOCTYPE html>\n<html>\n<head><script>')).toBe(true);
    expect(html.indexOf('createGoogleScript')).toBeLessThan(html.indexOf('<base target="_top">'));
    expect(html).toContain('<p id="marker">fixture sidebar</p>');
    expect((await fetch(new URL('/html/sidebar/7', workspace.url))).status).toBe(404);
  });

  test('showModalDialog: reported with its size and served with the shim', async () => {
    await post('/api/open', {});
    // Not on the fixture's menu: dialogs are reachable through google.script.run like any public function.
    const { effects } = await run('menuDialog');
    expect(effects.dialog).toEqual({ kind: 'modal', src: '/html/dialog/0', title: 'Fixture dialog', width: 420, height: 180 });
    const html = await (await fetch(new URL('/html/dialog/0', workspace.url))).text();
    expect(html.startsWith('<script>')).toBe(true);
    expect(html).toContain('<p>Fixture dialog</p>');
  });

  test("google.script.run: results are JSON copies; arguments arrive as the script realm's own objects", async () => {
    const value = { name: 'Acme', tiers: ['Gold', null], nested: { n: 1.5, ok: true } };
    expect((await run('echo', [value])).reply).toEqual({ ok: true, value });
    expect((await run('argInfo', [{ list: [1, 2] }])).reply).toEqual({ ok: true, value: { plain: true, arrayInstance: true } });
  });

  test('google.script.run: a result holding a Date arrives as null', async () => {
    expect((await run('giveDate')).reply).toEqual({ ok: true, value: null });
  });

  test('google.script.run: a thrown error reaches the failure side', async () => {
    expect((await run('boom')).reply).toEqual({ ok: false, error: { name: 'Error', message: 'boom' } });
  });

  test.each(['secret_', 'nothingLikeThis', 'Date', 'SpreadsheetApp', 'constructor'])('google.script.run refuses %s: Script function not found', async (name) => {
    expect((await run(name)).reply).toEqual({ ok: false, error: { name: 'Error', message: `Script function not found: ${name}` } });
  });

  test('malformed, cross-site and non-JSON requests are refused', async () => {
    expect((await post('/api/run', { name: 'echo', args: 'x' })).status).toBe(400);
    expect((await post('/api/run', { name: 'echo' }, { Origin: 'https://evil.example' })).status).toBe(403);
    // fetch will not forge Host; a DNS-rebinding page would send its own name.
    const rebound = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: workspace.port, path: '/api/state', headers: { Host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(rebound).toBe(421);
    const plain = await fetch(new URL('/api/run', workspace.url), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"name":"echo"}' });
    expect(plain.status).toBe(415);
  });

  test('a person edits a cell; the value persists across a restart, and --reset starts fresh', async () => {
    const edit = await post<EditResponse>('/api/edit', { sheet: 'Sheet1', row: 2, column: 3, value: '42' });
    expect(edit.body).toMatchObject({ accepted: true });
    const edited = await state();
    expect(edited.sheets[0].rows[1][2]).toBe('42');
    // A number is drawn right-aligned, as Sheets does.
    const styled = edited.sheets[0].styledCells.find(([r, c]) => r === 2 && c === 3);
    expect(styled && edited.styles[styled[2]]).toEqual({ align: 'right' });
    expect((await post('/api/edit', { sheet: 'Sheet1', row: 2, column: 999, value: 'x' })).status).toBe(400);
    expect((await post('/api/edit', { sheet: 'Nope', row: 1, column: 1, value: 'x' })).status).toBe(404);

    await workspace.close();
    workspace = await startWorkspace({ port: 0, stateFile: path.join(dir, 'workspace.json'), buildDir: fixtureBuild });
    expect(workspace.session.fresh).toBe(false);
    expect((await state()).sheets[0].rows[1][2]).toBe('42');

    await workspace.close();
    workspace = await startWorkspace({ port: 0, stateFile: path.join(dir, 'workspace.json'), buildDir: fixtureBuild, reset: true });
    expect(workspace.session.fresh).toBe(true);
    expect((await state()).sheets[0].lastRow).toBe(0);
  });

  test('sent mail is listed in the outbox; an HTML body is served sandboxed', async () => {
    expect((await run('sendMail', ['<p>Hi <script>alert(1)</script></p>'])).reply.ok).toBe(true);
    const { outbox } = await state();
    expect(outbox).toEqual([expect.objectContaining({ index: 0, to: ['partner@example.com'], subject: 'Welcome <b>' })]);
    const message = (await (await fetch(new URL('/api/outbox/0', workspace.url))).json()) as OutboxMessage;
    expect(message.body).toBe('Plain body');
    const html = await fetch(new URL('/api/outbox/0/html', workspace.url));
    expect(html.headers.get('content-security-policy')).toContain('sandbox');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await fetch(new URL('/api/outbox/5', workspace.url))).status).toBe(404);
  });

  test('requests the add-on made are listed; one shows its headers with the credential hidden, and its payload', async () => {
    const echo = await startLocalServer('echo.mjs');
    try {
      expect((await run('callApi', [`${echo.url}/status/201`, 'pat-na1-secret-token'])).reply).toMatchObject({ ok: true, value: 201 });
      expect((await state()).requests).toEqual([expect.objectContaining({ index: 0, method: 'POST', url: `${echo.url}/status/201`, status: 201, error: null })]);
      const detail = (await (await fetch(new URL('/api/requests/0', workspace.url))).json()) as RequestDetail;
      expect(detail.payload).toBe('{"hello":1}');
      expect(detail.headers).toContainEqual({ name: 'Authorization', value: 'Bearer (hidden)' });
      expect(JSON.stringify(detail)).not.toContain('secret-token');
      expect((await fetch(new URL('/api/requests/3', workspace.url))).status).toBe(404);
    } finally {
      await echo.stop();
    }
  });
});

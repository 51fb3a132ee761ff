import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DriveFileSummary, MenuRunResponse, WorkspaceState } from '../../emulator/workspace/api-types';
import { contentDisposition, downloadContentType } from '../../emulator/workspace/files-view';
import { RunningWorkspace, startWorkspace } from '../../emulator/workspace/server';

/**
 * The workspace's Files endpoints over HTTP, with a fixture add-on whose menu items
 * save files to Drive (as "Export payouts" does): the list, and each file downloaded
 * with its MIME type as an attachment under its own (safely quoted) name.
 */
const fixtureBuild = path.join(__dirname, 'fixtures', 'files-addon');
const CSV = 'payout_id,partner,amount\nPO-1,"Acme, Ltd",120.50\nPO-2,Café Ünïcode,99.00\n';
const CSV_NAME = 'Payouts "Q1" <b>März</b>\\2026.csv';
let dir: string;
let stateFile: string;
let workspace: RunningWorkspace;

async function menu(functionName: string): Promise<void> {
  const response = await fetch(new URL('/api/menu', workspace.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ functionName }),
  });
  const body = (await response.json()) as MenuRunResponse;
  expect(body).toMatchObject({ ok: true });
}

async function list(): Promise<DriveFileSummary[]> {
  const response = await fetch(new URL('/api/files', workspace.url));
  expect(response.status).toBe(200);
  return ((await response.json()) as { files: DriveFileSummary[] }).files;
}

function rawGet(route: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: workspace.port, path: route, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    })
      .on('error', reject)
      .end();
  });
}

describe('workspace files endpoints', () => {
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'workspace-files-'));
    stateFile = path.join(dir, 'workspace.json');
    workspace = await startWorkspace({ port: 0, stateFile, buildDir: fixtureBuild });
  });

  afterEach(async () => {
    await workspace.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('no files yet: an empty list, in /api/files and in the state', async () => {
    expect(await list()).toEqual([]);
    const state = (await (await fetch(new URL('/api/state', workspace.url))).json()) as WorkspaceState;
    expect(state.files).toEqual([]);
  });

  test('a menu item exports a CSV: listed with name, type, size, created, owner; the state carries the same list', async () => {
    workspace.emulator.clock.set('2026-04-01T09:30:00Z');
    await menu('exportPayouts');
    const files = await list();
    const id = workspace.emulator.services.drive.list()[0].id;
    expect(files).toEqual([
      {
        id,
        name: CSV_NAME,
        mimeType: 'text/csv',
        size: Buffer.byteLength(CSV, 'utf8'),
        createdAt: '2026-04-01T09:30:00.000Z',
        owner: 'owner@example.com',
        trashed: false,
        downloadUrl: `/api/files/${id}`,
      },
    ]);
    const state = (await (await fetch(new URL('/api/state', workspace.url))).json()) as WorkspaceState;
    expect(state.files).toEqual(files);
  });

  test('GET /api/files/<id>: the bytes, the MIME type, an attachment with the name quoted safely', async () => {
    await menu('exportPayouts');
    const [file] = await list();
    const response = await fetch(new URL(file.downloadUrl, workspace.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toBe(`attachment; filename="Payouts _Q1_ <b>M_rz<_b>_2026.csv"; filename*=UTF-8''${encodeURIComponent(CSV_NAME)}`);
    // The exact name survives the round trip through filename*.
    expect(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(disposition)?.[1] ?? '')).toBe(CSV_NAME);
    expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe(CSV);
  });

  test('an HTML file is still only a download: attachment, sandboxed, never rendered as the workspace', async () => {
    await menu('savePage');
    const [file] = await list();
    const response = await fetch(new URL(file.downloadUrl, workspace.url));
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="page\.html"/);
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect(await response.text()).toBe('<script>alert(1)</script>');
  });

  test('a MIME type a script made up (with a line break) is served as application/octet-stream, no header injected', async () => {
    await menu('saveOddType');
    const [file] = await list();
    expect(file.mimeType).toBe('text/csv\r\nX-Injected: 1');
    const response = await fetch(new URL(file.downloadUrl, workspace.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('x-injected')).toBeNull();
  });

  test('trashed files stay listed, marked', async () => {
    await menu('savePage');
    await menu('trashFirst');
    expect((await list()).map((f) => [f.name, f.trashed])).toEqual([['page.html', true]]);
  });

  test("unknown ids are 404; another site's requests and non-loopback hosts are refused", async () => {
    await menu('exportPayouts');
    const [file] = await list();
    expect((await fetch(new URL('/api/files/1NoSuchFile', workspace.url))).status).toBe(404);
    expect((await fetch(new URL('/api/files/%E0%A4%A', workspace.url))).status).toBe(400);
    expect((await rawGet(file.downloadUrl, { Host: `localhost:${workspace.port}`, Origin: 'https://evil.example' })).status).toBe(403);
    expect((await rawGet(file.downloadUrl, { Host: `localhost:${workspace.port}`, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await rawGet(file.downloadUrl, { Host: `localhost:${workspace.port}`, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await rawGet(file.downloadUrl, { Host: 'attacker.example' })).status).toBe(421);
  });

  test('files persist across a restart of the workspace', async () => {
    await menu('exportPayouts');
    const before = await list();
    await workspace.close();
    workspace = await startWorkspace({ port: 0, stateFile, buildDir: fixtureBuild });
    expect(await list()).toEqual(before);
    const response = await fetch(new URL(before[0].downloadUrl, workspace.url));
    expect(await response.text()).toBe(CSV);
  });
});

describe('download headers', () => {
  test.each([
    ['plain.csv', 'attachment; filename="plain.csv"; filename*=UTF-8\'\'plain.csv'],
    ['a"b\\c/d;e%f.csv', 'attachment; filename="a_b_c_d_e_f.csv"; filename*=UTF-8\'\'a%22b%5Cc%2Fd%3Be%25f.csv'],
    ['line\r\nbreak.csv', 'attachment; filename="line__break.csv"; filename*=UTF-8\'\'line%0D%0Abreak.csv'],
    ["it's (1)*.csv", "attachment; filename=\"it's (1)*.csv\"; filename*=UTF-8''it%27s%20%281%29%2A.csv"],
    ['  ', 'attachment; filename="download"; filename*=UTF-8\'\'download'],
  ])('Content-Disposition for %j', (name, expected) => {
    expect(contentDisposition(name)).toBe(expected);
  });

  test.each([
    ['text/csv', 'text/csv'],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['text/csv; charset=utf-8', 'text/csv; charset=utf-8'],
    ['text/csv; charset="utf-8"', 'text/csv; charset="utf-8"'],
    ['text/csv; charset=utf-8\r\nX-Injected: 1', 'application/octet-stream'],
    ['text/csv;\r\n charset=utf-8', 'application/octet-stream'],
    ['nonsense', 'application/octet-stream'],
    ['', 'application/octet-stream'],
  ])('content type for %j', (mimeType, expected) => {
    expect(downloadContentType(mimeType)).toBe(expected);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ClockResponse, ClockView, MenuRunResponse, WorkspaceState } from '../../emulator/workspace/api-types';
import { RunningWorkspace, startWorkspace } from '../../emulator/workspace/server';
import { BUILD_DIR, ensureBuilt } from '../support/build';

/**
 * The workspace's clock over HTTP, with the real add-on: the emulated time (in /api/clock and the
 * state), advancing it by a step or to a date while the time-driven triggers due on the way fire
 * (the add-on's hourly trigger, once an hour, as the owner), running them now, the refusals (back in
 * time, too far, nonsense), and the clock kept in the session file across a restart.
 */
let dir: string;
let stateFile: string;
let workspace: RunningWorkspace;

async function get<T>(route: string): Promise<T> {
  const response = await fetch(new URL(route, workspace.url));
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

async function post(route: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL(route, workspace.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

async function advance(body: unknown): Promise<ClockResponse> {
  const reply = await post('/api/clock/advance', body);
  expect(reply.status).toBe(200);
  return reply.body as ClockResponse;
}

beforeAll(() => ensureBuilt());

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'workspace-clock-'));
  stateFile = path.join(dir, 'workspace.json');
  workspace = await startWorkspace({ port: 0, stateFile, buildDir: BUILD_DIR });
});

afterEach(async () => {
  await workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

test('before setup: the clock runs with real time, and nothing is installed to fire', async () => {
  const clock = await get<ClockView>('/api/clock');
  expect(clock).toMatchObject({ running: true, clockTriggers: 0, timeZone: workspace.emulator.spreadsheet().timeZone });
  expect(Math.abs(Date.parse(clock.now) - Date.now())).toBeLessThan(60_000);
  const reply = await advance({ by: 'hour' });
  expect(reply.runs).toEqual([]);
  expect(Date.parse(reply.clock.now) - Date.parse(clock.now)).toBeGreaterThanOrEqual(3600_000);
  // Still running, from an hour on.
  expect(reply.clock.running).toBe(true);
  expect((await get<WorkspaceState>('/api/state')).clock.running).toBe(true);
});

describe('after setup', () => {
  beforeEach(async () => {
    workspace.emulator.clock.set('2026-03-02T15:30:00Z');
    const setup = await post('/api/menu', { functionName: 'menuSetUpTracker' });
    expect((setup.body as MenuRunResponse).ok).toBe(true);
  });

  test('+1 hour fires the hourly trigger once, at the hour, as the owner; +1 day 24 times; "to a date" keeps the time of day', async () => {
    const hour = await advance({ by: 'hour' });
    expect(hour.runs).toEqual([{ handler: expect.any(String), ok: true }]);
    expect(hour.clock).toMatchObject({ now: '2026-03-02T16:30:00.000Z', running: false, clockTriggers: 1, local: expect.stringMatching(/^Mon, 2 Mar 2026, \d\d:30$/) });
    const [trigger] = workspace.emulator.services.triggers.list({ eventType: 'CLOCK' });
    expect(hour.runs[0].handler).toBe(trigger.handler);
    const day = await advance({ by: 'day' });
    expect(day.runs).toHaveLength(24);
    expect(day.runs.every((r) => r.ok)).toBe(true);
    expect(day.clock.now).toBe('2026-03-03T16:30:00.000Z');
    // To 5 March at the same local time (in the spreadsheet's time zone), two days of hourly runs.
    const to = await advance({ to: '2026-03-05' });
    expect(to.clock.now).toBe('2026-03-05T16:30:00.000Z');
    expect(to.runs).toHaveLength(48);
    // The state the page redraws from carries the clock too.
    expect(to.state.clock.now).toBe('2026-03-05T16:30:00.000Z');
  });

  test('Run time-driven trigger now: each fires once, the clock stays', async () => {
    const reply = (await post('/api/clock/run-triggers', {})).body as ClockResponse;
    expect(reply.runs).toEqual([{ handler: expect.any(String), ok: true }]);
    expect(reply.clock.now).toBe('2026-03-02T15:30:00.000Z');
  });

  test('back in time, too far, or nonsense: refused with the reason, the clock unmoved', async () => {
    const refusals = [
      [{ to: '2026-03-01' }, /is not after the emulator's now/],
      [{ to: '2026-03-02T15:30:00Z' }, /is not after the emulator's now/],
      [{ to: '2026-06-01' }, /Advance at most 31 days at a time/],
      [{ by: 'month' }, /"by" must be hour, day or week/],
      [{ to: 'tomorrow' }, /Say how far to go/],
      [{ to: '2026-02-30' }, /2026-02-30 is not a date/],
      [{}, /Say how far to go/],
    ] as const;
    for (const [body, reason] of refusals) {
      const reply = await post('/api/clock/advance', body);
      expect(reply.status).toBe(400);
      expect((reply.body as { error: string }).error).toMatch(reason);
    }
    expect((await get<ClockView>('/api/clock')).now).toBe('2026-03-02T15:30:00.000Z');
  });

  test('the clock is saved in the session file and restored by the next start', async () => {
    await advance({ by: 'day' });
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { workspace: { clock: unknown } };
    expect(saved.workspace.clock).toEqual({ pinnedMs: Date.parse('2026-03-03T15:30:00Z'), offsetMs: 0 });
    await workspace.close();
    workspace = await startWorkspace({ port: 0, stateFile, buildDir: BUILD_DIR });
    expect((await get<ClockView>('/api/clock')).now).toBe('2026-03-03T15:30:00.000Z');
  });
});

import type { Emulator } from '../index';
import type { ClockAdvanceRequest, ClockView, TriggerRunView } from './api-types';
import { RequestError } from './http-util';

/**
 * The workspace's clock: what time it is in the emulator, and moving it on as the
 * passing of time would, firing the time-driven triggers Google would have fired on
 * the way (each at its scheduled minute: the add-on's hourly trigger once an hour;
 * Google's randomised minute within the hour is not emulated). Real time passing
 * fires nothing: only these controls do, so a page left open changes nothing by itself.
 *
 * A clock running with real time keeps running after an advance (from the new time);
 * a pinned one (a test's) stays pinned at the new time.
 */
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const STEPS: Record<NonNullable<ClockAdvanceRequest['by']>, number> = { hour: HOUR, day: DAY, week: 7 * DAY };

/** How far one advance may go: each hour is a run of the hourly trigger, and the page waits for all of them. */
export const MAX_ADVANCE_DAYS = 31;

/** The clock as the page shows it: the instant, and the spreadsheet's local time (its time zone, which the add-on's dates follow). */
export function clockView(emulator: Emulator): ClockView {
  const now = emulator.clock.now();
  const timeZone = emulator.spreadsheet().timeZone;
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
  return { now: now.toISOString(), local, timeZone, running: emulator.clock.save().pinnedMs === null, clockTriggers: emulator.services.triggers.list({ eventType: 'CLOCK' }).length };
}

/**
 * Where an advance request goes: `by` a step (hour, day, week), or `to` a date (YYYY-MM-DD: the same
 * local time of day on that date, in the spreadsheet's time zone) or an instant (ISO 8601 with a zone).
 * Only forward, at most MAX_ADVANCE_DAYS; anything else is a 400 that says why.
 */
export function advanceTarget(emulator: Emulator, request: ClockAdvanceRequest): Date {
  const now = emulator.clock.nowMs();
  let to: number;
  if (request.by !== undefined) {
    if (!(request.by in STEPS)) throw new RequestError(400, `"by" must be hour, day or week, not ${JSON.stringify(request.by)}.`);
    to = now + STEPS[request.by];
  } else if (typeof request.to === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(request.to)) {
    to = sameLocalTimeOn(emulator, request.to);
  } else if (typeof request.to === 'string' && /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(request.to) && !Number.isNaN(Date.parse(request.to))) {
    to = Date.parse(request.to);
  } else {
    throw new RequestError(400, 'Say how far to go: "by" hour, day or week, or "to" a date (YYYY-MM-DD) or an instant (ISO 8601 with its zone).');
  }
  if (to <= now) throw new RequestError(400, `${new Date(to).toISOString()} is not after the emulator's now (${new Date(now).toISOString()}): time only moves forward.`);
  if (to - now > MAX_ADVANCE_DAYS * DAY)
    throw new RequestError(400, `Advance at most ${MAX_ADVANCE_DAYS} days at a time (each hour runs the hourly trigger once); ${new Date(to).toISOString()} is further.`);
  return new Date(to);
}

/** Moves the clock to `to`, firing every time-driven trigger due on the way; the runs, in order. */
export function advanceClock(emulator: Emulator, to: Date): TriggerRunView[] {
  const wasRunning = emulator.clock.save().pinnedMs === null;
  const runs = emulator.runTimeTriggersUntil(to);
  // runTimeTriggersUntil leaves the clock pinned at `to`: a running clock runs on from there.
  if (wasRunning) emulator.clock.load({ pinnedMs: null, offsetMs: to.getTime() - Date.now() });
  return runs.map((r) => ({ handler: r.handler, ok: r.ok, ...(r.ok ? {} : { error: r.error ?? 'failed' }) }));
}

/** "Run time-driven trigger now": every time-driven trigger fires once, at the emulator's now. */
export function runClockTriggersNow(emulator: Emulator): TriggerRunView[] {
  const triggers = emulator.services.triggers.list({ eventType: 'CLOCK' });
  return triggers.flatMap((t) => emulator.fireTimeTrigger(t.uid)).map((r) => ({ handler: r.handler, ok: r.ok, ...(r.ok ? {} : { error: r.error ?? 'failed' }) }));
}

/** The saved clock (session-file.ts), checked: a malformed one is ignored (the clock runs with real time). */
export function savedClockState(value: unknown): { pinnedMs: number | null; offsetMs: number } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { pinnedMs, offsetMs } = value as Record<string, unknown>;
  if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) return null;
  if (pinnedMs !== null && (typeof pinnedMs !== 'number' || !Number.isFinite(pinnedMs))) return null;
  return { pinnedMs, offsetMs };
}

/** `date` at the clock's current local time of day in the spreadsheet's time zone. */
function sameLocalTimeOn(emulator: Emulator, date: string): number {
  const now = emulator.clock.now();
  const timeZone = emulator.spreadsheet().timeZone;
  const [y, m, d] = date.split('-').map(Number);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' })
      .formatToParts(now)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw new RequestError(400, `${date} is not a date.`);
  // The local wall-clock time on that date, read as UTC, then corrected by the zone's offset at that moment (twice, across a DST change).
  const wall = Date.UTC(y, m - 1, d, parts.hour, parts.minute, parts.second);
  let guess = wall - offsetMs(timeZone, new Date(wall));
  guess = wall - offsetMs(timeZone, new Date(guess));
  return guess;
}

/** The zone's offset from UTC at `at`, in ms (positive east of Greenwich). */
function offsetMs(timeZone: string, at: Date): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, Number(x.value)]),
  ) as Record<string, number>;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000;
}

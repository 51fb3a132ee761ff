import { EmulatorContext } from '../core/context';
import { WeekdayName } from '../services/enums';
import { ZonedParts } from '../core/timezone';
import { offsetIn, partsIn, resolveZone, usWeek } from '../services/format-date';
import { TriggerRecord, TriggerRegistry, TriggerRun } from './registry';

/**
 * Time-driven triggers. Google fires them at a randomised moment within the
 * scheduled hour; the emulator fires them when a test asks (fire) or at the exact
 * scheduled minute while stepping the virtual clock (runDue).
 *
 * Event object (developers.google.com/apps-script/guides/triggers/events#time-driven-events):
 * authMode, year, month (1-12), day-of-month, day-of-week (1 = Monday), hour,
 * minute, second, timezone, week-of-year, triggerUid — in the trigger's time zone
 * (inTimezone) or else the script's.
 */
const ISO_WEEKDAY: Record<WeekdayName, number> = { MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6, SUNDAY: 7 };
const MINUTE = 60000;
const DAY = 86400000;
const QUARTER = 15 * MINUTE;

const defaultPartsAt = (t: number, timeZone: string): ZonedParts => partsIn(new Date(t), resolveZone(timeZone));

export class TimeTriggers {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly registry: TriggerRegistry,
  ) {}

  private zoneOf(record: TriggerRecord): string {
    return record.schedule?.timeZone ?? this.ctx.options.timeZone;
  }

  /** The event object for `record` firing at `at` (without authMode/triggerUid, which firing adds). */
  eventAt(record: TriggerRecord, at: Date): Record<string, unknown> {
    const timezone = this.zoneOf(record);
    const p = partsIn(at, resolveZone(timezone));
    return {
      year: p.year,
      month: p.month,
      'day-of-month': p.day,
      'day-of-week': p.weekday,
      hour: p.hour,
      minute: p.minute,
      second: p.second,
      timezone,
      'week-of-year': usWeek(p)[1],
    };
  }

  /** The time-driven triggers matching a uid or a handler name. */
  find(uidOrHandler: string): TriggerRecord[] {
    return this.registry.list({ eventType: 'CLOCK' }).filter((t) => t.uid === uidOrHandler || t.handler === uidOrHandler);
  }

  /** Fires the time-driven trigger(s) with this uid or handler now (ctx.clock). */
  fire(uidOrHandler: string): TriggerRun[] {
    const records = this.find(uidOrHandler);
    if (!records.length) throw new Error(`emulator: no time-driven trigger ${uidOrHandler}`);
    return records.map((r) => this.registry.fire(r, this.eventAt(r, this.ctx.clock.now())));
  }

  /** Whether `record` is scheduled to fire in the minute starting at `minuteStart`. */
  isDue(record: TriggerRecord, minuteStart: number, partsAt: (t: number, timeZone: string) => ZonedParts = defaultPartsAt): boolean {
    const s = record.schedule;
    if (!s) return false;
    const created = Date.parse(record.createdAt);
    if (s.at !== undefined) {
      const at = Date.parse(s.at);
      return at >= minuteStart && at < minuteStart + MINUTE;
    }
    if (minuteStart < created) return false;
    const zone = this.zoneOf(record);
    const p = partsAt(minuteStart, zone);
    const minute = s.nearMinute ?? 0;
    const hour = s.atHour ?? 0;
    if (s.everyMinutes) return p.minute % s.everyMinutes === 0;
    if (s.everyHours) return p.minute === minute && p.hour % s.everyHours === 0;
    if (p.hour !== hour || p.minute !== minute) return false;
    const c = partsAt(created, zone);
    const days = Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(c.year, c.month - 1, c.day)) / DAY);
    if (s.everyDays) return days % s.everyDays === 0;
    if (s.everyWeeks) {
      const weekday = s.onWeekDay ? ISO_WEEKDAY[s.onWeekDay] : c.weekday;
      return p.weekday === weekday && Math.floor(days / 7) % s.everyWeeks === 0;
    }
    if (s.onMonthDay) return p.day === s.onMonthDay;
    if (s.onWeekDay) return p.weekday === ISO_WEEKDAY[s.onWeekDay];
    return false;
  }

  /** Scheduled firings in (from, to], in order, at minute resolution. */
  dueBetween(from: Date, to: Date): Array<{ at: Date; trigger: TriggerRecord }> {
    const start = Math.floor(from.getTime() / MINUTE) * MINUTE + MINUTE;
    const end = to.getTime();
    if (end - start > 400 * DAY) throw new Error('emulator: dueBetween spans more than 400 days');
    const clock = this.registry.list({ eventType: 'CLOCK' });
    const out: Array<{ at: Date; trigger: TriggerRecord }> = [];
    if (!clock.length) return out;
    // Zone offsets change at most every quarter hour (UTC): look them up once per quarter.
    const offsets = new Map<string, number>();
    const partsAt = (t: number, timeZone: string): ZonedParts => {
      const zone = resolveZone(timeZone);
      const key = `${timeZone}@${Math.floor(t / QUARTER)}`;
      let offset = offsets.get(key);
      if (offset === undefined) {
        offset = offsetIn(new Date(t), zone);
        offsets.set(key, offset);
      }
      return partsIn(new Date(t), { iana: null, fixedOffset: offset, fixedName: '' });
    };
    for (let t = start; t <= end; t += MINUTE) {
      for (const r of clock) if (this.isDue(r, t, partsAt)) out.push({ at: new Date(t), trigger: r });
    }
    return out;
  }

  /**
   * Moves the virtual clock from now to `to`, firing every time-driven trigger at
   * its scheduled minute on the way (the clock reads that minute during the run).
   * Triggers a handler deletes are not fired afterwards. Leaves the clock pinned at `to`.
   */
  runDue(to: Date, from: Date = this.ctx.clock.now()): TriggerRun[] {
    const runs: TriggerRun[] = [];
    for (const { at, trigger } of this.dueBetween(from, to)) {
      if (!this.registry.get(trigger.uid)) continue;
      this.ctx.clock.set(at);
      runs.push(this.registry.fire(trigger, this.eventAt(trigger, at)));
    }
    this.ctx.clock.set(to);
    return runs;
  }
}

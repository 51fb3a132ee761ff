import { ACTIVE_SPREADSHEET, makeWorld } from './context-for-tests';

describe('ScriptApp', () => {
  test('enums', () => {
    const { g } = makeWorld();
    expect(String(g.ScriptApp.AuthMode.FULL)).toBe('FULL');
    expect(g.ScriptApp.AuthMode.NONE).toBe(g.ScriptApp.AuthMode.NONE);
    expect(String(g.ScriptApp.EventType.ON_FORM_SUBMIT)).toBe('ON_FORM_SUBMIT');
    expect(String(g.ScriptApp.TriggerSource.SPREADSHEETS)).toBe('SPREADSHEETS');
    expect(String(g.ScriptApp.WeekDay.MONDAY)).toBe('MONDAY');
  });

  test('script id, OAuth token, service url', () => {
    const { g } = makeWorld({ scriptId: 'abc123' });
    expect(g.ScriptApp.getScriptId()).toBe('abc123');
    expect(g.ScriptApp.getOAuthToken()).toMatch(/^ya29\./);
    expect(g.ScriptApp.getService().getUrl()).toBe('https://script.google.com/macros/s/abc123/exec');
  });

  test('spreadsheet triggers: create, inspect, list, delete', () => {
    const w = makeWorld();
    const { g } = w;
    const t = g.ScriptApp.newTrigger('onPartnerEdit').forSpreadsheet(ACTIVE_SPREADSHEET).onEdit().create();
    expect(t.getHandlerFunction()).toBe('onPartnerEdit');
    expect(t.getEventType()).toBe(g.ScriptApp.EventType.ON_EDIT);
    expect(t.getTriggerSource()).toBe(g.ScriptApp.TriggerSource.SPREADSHEETS);
    expect(t.getTriggerSourceId()).toBe(ACTIVE_SPREADSHEET);
    expect(t.getUniqueId()).toMatch(/^\d+$/);
    const ss = w.sheets.spreadsheetFacade(ACTIVE_SPREADSHEET);
    g.ScriptApp.newTrigger('onSubmit').forSpreadsheet(ss).onFormSubmit().create();
    g.ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create();
    expect(g.ScriptApp.getProjectTriggers().map((x) => x.getHandlerFunction())).toEqual(['onPartnerEdit', 'onSubmit', 'hourly']);
    expect(g.ScriptApp.getUserTriggers(ss).map((x) => x.getHandlerFunction())).toEqual(['onPartnerEdit', 'onSubmit']);
    g.ScriptApp.deleteTrigger(g.ScriptApp.getProjectTriggers()[0]);
    expect(g.ScriptApp.getProjectTriggers().map((x) => x.getHandlerFunction())).toEqual(['onSubmit', 'hourly']);
    expect(w.services.triggers.list({ eventType: 'ON_FORM_SUBMIT' })[0]).toMatchObject({ handler: 'onSubmit', owner: 'owner@example.com', sourceId: ACTIVE_SPREADSHEET });
  });

  test("triggers are per user: getProjectTriggers shows only the current user's", () => {
    const w = makeWorld();
    w.run(() => w.g.ScriptApp.newTrigger('a').timeBased().everyDays(1).create(), { user: 'alice@example.com' });
    w.run(() => w.g.ScriptApp.newTrigger('b').timeBased().everyDays(1).create(), { user: 'bob@example.com' });
    expect(w.run(() => w.g.ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction()), { user: 'alice@example.com' })).toEqual(['a']);
  });

  test('20 triggers per user per script', () => {
    // A plain script (an add-on could not hold two time-driven triggers in one document).
    const { g } = makeWorld({ projectKind: 'bound-script' });
    for (let i = 0; i < 20; i++) g.ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => g.ScriptApp.newTrigger('f20').timeBased().everyHours(1).create()).toThrow('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
  });

  test('reconciliation pattern: look up before creating, so setup twice never duplicates', () => {
    const { g } = makeWorld();
    const setup = () => {
      const exists = g.ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === 'onSubmit' && t.getEventType() === g.ScriptApp.EventType.ON_FORM_SUBMIT);
      if (!exists) g.ScriptApp.newTrigger('onSubmit').forSpreadsheet(ACTIVE_SPREADSHEET).onFormSubmit().create();
    };
    setup();
    setup();
    expect(g.ScriptApp.getProjectTriggers()).toHaveLength(1);
  });

  test('add-on limits (on for an editor add-on): one trigger of each type per user per document, hourly at most', () => {
    const w = makeWorld();
    expect(w.services.triggers.addonTriggerLimitsEnforced()).toBe(true);
    expect(makeWorld({ projectKind: 'bound-script' }).services.triggers.addonTriggerLimitsEnforced()).toBe(false);
    w.g.ScriptApp.newTrigger('a').forSpreadsheet(ACTIVE_SPREADSHEET).onEdit().create();
    expect(() => w.g.ScriptApp.newTrigger('b').forSpreadsheet(ACTIVE_SPREADSHEET).onEdit().create()).toThrow(/too many edit triggers/);
    w.g.ScriptApp.newTrigger('c').timeBased().everyHours(1).create();
    expect(() => w.g.ScriptApp.newTrigger('d').timeBased().everyDays(1).create()).toThrow(/too many time-based triggers/);
    w.services.triggers.setAddonTriggerLimits(false);
    w.g.ScriptApp.newTrigger('e').timeBased().everyMinutes(5).create();
    w.services.triggers.setAddonTriggerLimits(true);
    w.run(
      () => {
        expect(() => w.g.ScriptApp.newTrigger('f').timeBased().everyMinutes(5).create()).toThrow(/once an hour/);
      },
      { user: 'other@example.com' },
    );
  });

  test('clock builder validation', () => {
    const { g } = makeWorld();
    expect(() => g.ScriptApp.newTrigger('f').timeBased().everyMinutes(7)).toThrow(/1, 5, 10, 15 or 30/);
    expect(() => g.ScriptApp.newTrigger('f').timeBased().everyHours(3)).toThrow(/1, 2, 4, 6, 8 or 12/);
    expect(() => g.ScriptApp.newTrigger('f').timeBased().atHour(24)).toThrow('Invalid argument: hour');
    expect(() => g.ScriptApp.newTrigger('f').timeBased().atHour(9).create()).toThrow(/no schedule/);
    expect(() => g.ScriptApp.newTrigger('f').forSpreadsheet(ACTIVE_SPREADSHEET).create()).toThrow(/Missing event type/);
    expect(() => g.ScriptApp.newTrigger('f').forSpreadsheet('nope')).toThrow('Invalid argument: key');
  });

  test('trigger management needs FULL', () => {
    const w = makeWorld();
    expect(() => w.run(() => w.g.ScriptApp.getProjectTriggers(), { authMode: 'LIMITED' })).toThrow(/ScriptApp.getProjectTriggers.*FULL/);
    expect(() => w.run(() => w.g.ScriptApp.newTrigger('x'), { authMode: 'LIMITED' })).toThrow(/permission/);
    expect(w.run(() => String(w.g.ScriptApp.AuthMode.LIMITED), { authMode: 'NONE' })).toBe('LIMITED');
  });

  test('unimplemented members throw', () => {
    const { g } = makeWorld();
    expect(() => g.ScriptApp.newStateToken()).toThrow('not implemented in emulator: ScriptApp.newStateToken');
  });
});

describe('time-driven triggers', () => {
  test('fire builds the documented event object in the script time zone', () => {
    const w = makeWorld({ timeZone: 'America/New_York' }, '2024-07-04T15:05:09.000Z');
    const seen: unknown[] = [];
    w.script.define('nightly', (e: unknown) => {
      seen.push(e);
      return 'done';
    });
    const t = w.g.ScriptApp.newTrigger('nightly').timeBased().everyDays(1).atHour(2).create();
    const [run] = w.services.timeTriggers.fire('nightly');
    expect(run.ok).toBe(true);
    expect(run.result).toBe('done');
    expect(seen[0]).toEqual({
      authMode: w.g.ScriptApp.AuthMode.FULL,
      year: 2024,
      month: 7,
      'day-of-month': 4,
      'day-of-week': 4,
      hour: 11,
      minute: 5,
      second: 9,
      timezone: 'America/New_York',
      'week-of-year': 27,
      triggerUid: t.getUniqueId(),
    });
    const inv = w.script.invocations[0];
    expect(inv).toMatchObject({ name: 'nightly', authMode: 'FULL', user: 'owner@example.com', origin: 'trigger:timeDriven' });
  });

  test('inTimezone changes the event fields; by uid', () => {
    const w = makeWorld({ timeZone: 'America/New_York' }, '2024-12-31T23:30:00.000Z');
    let event: Record<string, unknown> = {};
    w.script.define('f', (e: Record<string, unknown>) => {
      event = e;
    });
    const t = w.g.ScriptApp.newTrigger('f').timeBased().everyHours(1).inTimezone('Asia/Tokyo').create();
    w.services.timeTriggers.fire(t.getUniqueId());
    expect(event).toMatchObject({ year: 2025, month: 1, 'day-of-month': 1, 'day-of-week': 3, hour: 8, minute: 30, timezone: 'Asia/Tokyo' });
  });

  test('a failing handler is recorded, not thrown; a missing handler too', () => {
    const w = makeWorld({ projectKind: 'bound-script' }); // two time-driven triggers in one document
    w.script.define('bad', () => {
      throw new Error('kaput');
    });
    w.g.ScriptApp.newTrigger('bad').timeBased().everyHours(1).create();
    w.g.ScriptApp.newTrigger('gone').timeBased().everyHours(1).create();
    expect(w.services.timeTriggers.fire('bad')[0]).toMatchObject({ ok: false, error: 'kaput' });
    expect(w.services.timeTriggers.fire('gone')[0]).toMatchObject({ ok: false, error: 'Script function not found: gone' });
  });

  test('runDue fires each trigger at its scheduled minute while advancing the clock', () => {
    const w = makeWorld({ timeZone: 'Europe/Paris', projectKind: 'bound-script' }, '2024-03-15T00:00:00.000Z'); // 01:00 in Paris; several time-driven triggers
    const hours: Array<[number, number]> = [];
    w.script.define('daily', (e: Record<string, number>) => {
      hours.push([e['day-of-month'], e.hour]);
    });
    w.script.define('every6h', () => undefined);
    w.script.define('once', () => undefined);
    w.g.ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(9).create();
    w.g.ScriptApp.newTrigger('every6h').timeBased().everyHours(6).create();
    w.g.ScriptApp.newTrigger('once')
      .timeBased()
      .after(90 * 60 * 1000)
      .create();
    const runs = w.services.timeTriggers.runDue(new Date('2024-03-17T00:00:00.000Z'));
    expect(hours).toEqual([
      [15, 9],
      [16, 9],
    ]);
    expect(runs.filter((r) => r.handler === 'every6h').map((r) => r.event.hour)).toEqual([6, 12, 18, 0, 6, 12, 18, 0]);
    expect(runs.filter((r) => r.handler === 'once').map((r) => r.at)).toEqual(['2024-03-15T01:30:00.000Z']);
    expect(w.clock.now().toISOString()).toBe('2024-03-17T00:00:00.000Z');
  });

  test('a daily trigger keeps its local hour across a DST change', () => {
    const w = makeWorld({ timeZone: 'Europe/Paris' }, '2024-03-30T00:00:00.000Z');
    w.g.ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(9).nearMinute(15).create();
    const due = w.services.timeTriggers.dueBetween(new Date('2024-03-30T00:00:00Z'), new Date('2024-04-01T00:00:00Z'));
    expect(due.map((d) => d.at.toISOString())).toEqual(['2024-03-30T08:15:00.000Z', '2024-03-31T07:15:00.000Z']);
  });

  test('weekly and monthly schedules', () => {
    const w = makeWorld({ timeZone: 'Etc/UTC', projectKind: 'bound-script' }, '2024-03-01T00:00:00.000Z');
    w.g.ScriptApp.newTrigger('weekly').timeBased().everyWeeks(1).onWeekDay(w.g.ScriptApp.WeekDay.MONDAY).atHour(8).create();
    w.g.ScriptApp.newTrigger('monthly').timeBased().onMonthDay(15).atHour(6).create();
    const due = w.services.timeTriggers.dueBetween(new Date('2024-03-01T00:00:00Z'), new Date('2024-03-31T23:59:00Z'));
    expect(due.filter((d) => d.trigger.handler === 'weekly').map((d) => d.at.toISOString().slice(0, 13))).toEqual(['2024-03-04T08', '2024-03-11T08', '2024-03-18T08', '2024-03-25T08']);
    expect(due.filter((d) => d.trigger.handler === 'monthly').map((d) => d.at.toISOString().slice(0, 13))).toEqual(['2024-03-15T06']);
  });
});

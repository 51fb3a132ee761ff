import { ACTIVE_SPREADSHEET, makeWorld, published } from './context-for-tests';

describe('services state', () => {
  test('save -> JSON -> load round trip restores every service', () => {
    const a = makeWorld({ projectKind: 'bound-script' }); // creates a second time-driven trigger below
    const { g } = a;
    g.PropertiesService.getScriptProperties().setProperty('s', '1');
    a.run(() => g.PropertiesService.getUserProperties().setProperty('u', '2'), { user: 'alice@example.com' });
    g.PropertiesService.getDocumentProperties().setProperty('d', '3');
    g.CacheService.getScriptCache().put('c', 'v', 100);
    g.ScriptApp.newTrigger('hourly').timeBased().everyHours(1).inTimezone('Asia/Tokyo').create();
    const form = published(g.FormApp.create('F'));
    form.addTextItem().setTitle('Q').setRequired(true);
    form.setDestination(g.FormApp.DestinationType.SPREADSHEET, ACTIVE_SPREADSHEET);
    a.services.forms.submit(form.getId(), { Q: 'answer' });
    g.MailApp.sendEmail('x@example.com', 'S', 'B');
    a.services.uiFactory().createAddonMenu().addItem('Open', 'open').addToUi();
    a.services.ui.recordToast('t');
    g.Logger.log('logged');

    const json = JSON.parse(JSON.stringify(a.services.save()));
    expect(json.version).toBe(1);

    const b = makeWorld({ projectKind: 'bound-script' });
    b.services.load(json);
    expect(b.g.PropertiesService.getScriptProperties().getProperty('s')).toBe('1');
    expect(b.run(() => b.g.PropertiesService.getUserProperties().getProperty('u'), { user: 'alice@example.com' })).toBe('2');
    expect(b.g.PropertiesService.getDocumentProperties().getProperty('d')).toBe('3');
    expect(b.g.CacheService.getScriptCache().get('c')).toBe('v');
    b.clock.advance(100_000);
    expect(b.g.CacheService.getScriptCache().get('c')).toBeNull();
    const [t] = b.g.ScriptApp.getProjectTriggers();
    expect(t.getHandlerFunction()).toBe('hourly');
    expect(b.services.triggers.get(t.getUniqueId())?.schedule).toEqual({ everyHours: 1, timeZone: 'Asia/Tokyo' });
    const f = b.g.FormApp.openById(form.getId());
    expect(f.getItems()[0].getTitle()).toBe('Q');
    expect(f.getResponses()[0].getItemResponses()[0].getResponse()).toBe('answer');
    expect(f.getResponses()[0].getTimestamp()).toEqual(new Date('2024-03-15T12:00:00.000Z'));
    expect(b.g.MailApp.getRemainingDailyQuota()).toBe(99);
    expect(b.services.mail.outbox[0].subject).toBe('S');
    expect(b.services.ui.findMenuItem('Open')).toBe('open');
    expect(b.services.ui.toasts[0].message).toBe('t');
    expect(b.g.Logger.getLog()).toBe('logged');
    // Counters continue: new ids do not collide with restored ones.
    const f2 = b.g.FormApp.create('G');
    expect(f2.getId()).not.toBe(form.getId());
    const t2 = b.g.ScriptApp.newTrigger('x').timeBased().everyHours(1).create();
    expect(t2.getUniqueId()).not.toBe(t.getUniqueId());
    expect(JSON.parse(JSON.stringify(b.services.save()))).toMatchObject({ version: 1 });
  });

  test('load(undefined) resets to empty', () => {
    const a = makeWorld();
    a.g.PropertiesService.getScriptProperties().setProperty('s', '1');
    a.services.load(undefined);
    expect(a.g.PropertiesService.getScriptProperties().getKeys()).toEqual([]);
  });

  test('every global is a facade: unknown members throw "not implemented"', () => {
    const { g } = makeWorld();
    const probes: Array<[unknown, string]> = [
      [g.PropertiesService, 'PropertiesService.getPropertiesAsync'],
      [g.CacheService, 'CacheService.nope'],
      [g.LockService, 'LockService.nope'],
      [g.Session, 'Session.getUser'],
      [g.HtmlService, 'HtmlService.nope'],
      [g.MailApp, 'MailApp.sendHtml'],
      [g.FormApp, 'FormApp.getUi'],
      [g.Logger, 'Logger.nope'],
    ];
    for (const [obj, name] of probes) {
      const member = name.split('.')[1];
      expect(() => (obj as Record<string, () => unknown>)[member]()).toThrow(`not implemented in emulator: ${name}`);
    }
    expect(() => (g as unknown as { GmailApp: { search(): unknown } }).GmailApp.search()).toThrow();
  });
});

import { Emulator } from '../../emulator';

/**
 * A script that records who it runs as (effective user), whom Google reveals
 * (active user, e.user) and a temporary key, from every kind of entry point.
 */
const SCRIPT = `
var seen = [];
function who(kind, e) {
  var entry = {
    kind: kind,
    effective: Session.getEffectiveUser().getEmail(),
    active: Session.getActiveUser().getEmail(),
    key: Session.getTemporaryActiveUserKey()
  };
  if (e && e.user) entry.eventUser = e.user.getEmail();
  if (e && e.changeType) entry.changeType = String(e.changeType);
  seen.push(entry);
  return entry;
}
function install() {
  ScriptApp.newTrigger('onTrackedEdit').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
  ScriptApp.newTrigger('onTrackedChange').forSpreadsheet(SpreadsheetApp.getActive()).onChange().create();
  ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create();
}
function onEdit(e) { who('simple', e); }
function onTrackedEdit(e) { who('installable', e); }
function onTrackedChange(e) { who('change', e); }
function hourly(e) { who('time', e); }
function fromSidebar() { return who('run'); }
function myUserProperty() { return PropertiesService.getUserProperties().getProperty('mine'); }
function setMyUserProperty(v) { PropertiesService.getUserProperties().setProperty('mine', v); }
function onTrackedEditReadsUserProperty(e) { seen.push({ kind: 'props', mine: PropertiesService.getUserProperties().getProperty('mine') }); }
function events() { var out = seen; seen = []; return out; }
`;

function setUp(options: ConstructorParameters<typeof Emulator>[0] = {}) {
  const emu = new Emulator({ ownerEmail: 'owner@acme.com', ...options });
  emu.spreadsheetApp.getActiveSpreadsheet().getSheets()[0].setName('Leads');
  emu.loadBundle(SCRIPT);
  emu.run('install');
  return emu;
}

type Seen = { kind: string; effective: string; active: string; key: string; eventUser?: string; changeType?: string };
const events = (emu: Emulator) => emu.run('events') as Seen[];
const brief = (list: Seen[]) => list.map(({ key: _k, ...rest }) => rest);

describe('the people registry', () => {
  test('the owner is registered by account type; unregistered emails count by the owner’s domain; anonymous editors get an internal id', () => {
    const consumer = new Emulator({ ownerEmail: 'me@gmail.com' });
    expect(consumer.people.get('me@gmail.com')).toEqual({ email: 'me@gmail.com', kind: 'consumer' });
    expect(consumer.people.kindOf('friend@gmail.com')).toBe('consumer');

    const workspace = new Emulator({ ownerEmail: 'owner@acme.com', accountType: 'workspace' });
    expect(workspace.people.get('owner@acme.com')?.kind).toBe('workspace');
    expect(workspace.people.kindOf('colleague@acme.com')).toBe('workspace');
    expect(workspace.people.kindOf('partner@other.com')).toBe('consumer');
    expect(workspace.people.get('colleague@acme.com')).toBeUndefined();

    workspace.people.add({ email: 'finance@other.com', kind: 'workspace', name: 'Fin' });
    const anon = workspace.people.add({ kind: 'anonymous' });
    const anon2 = workspace.people.add({ kind: 'anonymous' });
    expect(anon.email).toBe('anonymous-1@emulator.invalid');
    expect(anon2.email).toBe('anonymous-2@emulator.invalid');
    expect(workspace.people.list().map((p) => [p.email, p.kind])).toEqual([
      ['owner@acme.com', 'workspace'],
      ['finance@other.com', 'workspace'],
      ['anonymous-1@emulator.invalid', 'anonymous'],
      ['anonymous-2@emulator.invalid', 'anonymous'],
    ]);
    expect(() => workspace.people.add({ kind: 'consumer' })).toThrow(/needs an email/);
  });

  test('saved and loaded with the workspace', () => {
    const emu = new Emulator({ ownerEmail: 'owner@acme.com', accountType: 'workspace' });
    emu.people.add({ email: 'x@gmail.com', kind: 'consumer', name: 'X' });
    const anon = emu.people.add({ kind: 'anonymous' });
    const loaded = Emulator.fromJSON(JSON.parse(JSON.stringify(emu.toJSON())));
    expect(loaded.people.list()).toEqual(emu.people.list());
    expect(loaded.people.add({ kind: 'anonymous' }).email).not.toBe(anon.email);
  });
});

describe('effective user and what Google reveals', () => {
  test('installable edit trigger: runs as its creator; e.user and getActiveUser() reveal a same-domain Workspace editor only', () => {
    const emu = setUp({ accountType: 'workspace' });
    emu.people.add({ email: 'rep@acme.com', kind: 'workspace' });
    emu.people.add({ email: 'partner@gmail.com', kind: 'consumer' });
    emu.people.add({ email: 'ally@other.com', kind: 'workspace' });
    for (const editor of ['rep@acme.com', 'partner@gmail.com', 'ally@other.com', 'owner@acme.com']) emu.editAsUser('Leads!A2', editor, editor);
    const installable = events(emu).filter((e) => e.kind === 'installable');
    expect(brief(installable)).toEqual([
      { kind: 'installable', effective: 'owner@acme.com', active: 'rep@acme.com', eventUser: 'rep@acme.com' },
      { kind: 'installable', effective: 'owner@acme.com', active: '', eventUser: '' },
      { kind: 'installable', effective: 'owner@acme.com', active: '', eventUser: '' },
      { kind: 'installable', effective: 'owner@acme.com', active: 'owner@acme.com', eventUser: 'owner@acme.com' },
    ]);
  });

  test('a consumer owner’s triggers learn nobody else’s email', () => {
    const emu = setUp({ ownerEmail: 'me@gmail.com' });
    emu.editAsUser('Leads!A2', 'x', 'teammate@gmail.com');
    expect(brief(events(emu))).toEqual([
      { kind: 'simple', effective: 'teammate@gmail.com', active: '', eventUser: '' },
      { kind: 'installable', effective: 'me@gmail.com', active: '', eventUser: '' },
      { kind: 'change', effective: 'me@gmail.com', active: '', eventUser: '', changeType: 'EDIT' },
    ]);
  });

  test('an anonymous link editor: the owner’s email appears in the installable trigger (option: blank); no simple trigger; protections apply', () => {
    const emu = setUp({ accountType: 'workspace' });
    const anon = emu.people.add({ kind: 'anonymous' });
    expect(emu.editAsUser('Leads!A2', 'x', anon.email).accepted).toBe(true);
    expect(brief(events(emu))).toEqual([
      { kind: 'installable', effective: 'owner@acme.com', active: 'owner@acme.com', eventUser: 'owner@acme.com' },
      { kind: 'change', effective: 'owner@acme.com', active: 'owner@acme.com', eventUser: 'owner@acme.com', changeType: 'EDIT' },
    ]);

    const blank = setUp({ accountType: 'workspace', identity: { anonymousEditUser: 'blank', simpleTriggersForAnonymous: true } });
    const a = blank.people.add({ kind: 'anonymous' });
    blank.editAsUser('Leads!A2', 'x', a.email);
    const seen = events(blank);
    expect(brief(seen)).toEqual([
      // The simple trigger runs as the anonymous editor, whose internal id no script sees.
      { kind: 'simple', effective: '', active: '', eventUser: '' },
      { kind: 'installable', effective: 'owner@acme.com', active: '', eventUser: '' },
      { kind: 'change', effective: 'owner@acme.com', active: '', eventUser: '', changeType: 'EDIT' },
    ]);
    expect(JSON.stringify(seen)).not.toContain('emulator.invalid');

    emu.spreadsheetApp.getActiveSpreadsheet().getRange('Leads!B1:B5').protect();
    const refused = emu.editAsUser('Leads!B2', 'x', anon.email);
    expect(refused).toEqual({ accepted: false, reason: expect.stringMatching(/^You are trying to edit a protected cell or object/) });
  });

  test('an anonymous editor cannot run add-on code or open its menus', async () => {
    const emu = setUp();
    const anon = emu.people.add({ kind: 'anonymous' });
    expect(() => emu.run('fromSidebar', [], { user: anon.email })).toThrow(/anonymous .*cannot run add-on code/);
    expect(() => emu.open('LIMITED', anon.email)).toThrow(/anonymous .*cannot open the add-on's menus/);
    await expect(emu.runConcurrently([{ name: 'fromSidebar', user: anon.email }])).rejects.toThrow(/anonymous/);
  });

  test('a run a person started: getActiveUser() is that person (option same-domain); the temporary key is theirs either way', () => {
    const emu = setUp();
    const a = emu.run('fromSidebar', [], { user: 'a@gmail.com' }) as Seen;
    const b = emu.run('fromSidebar', [], { user: 'b@gmail.com' }) as Seen;
    expect([a.effective, a.active, b.active]).toEqual(['a@gmail.com', 'a@gmail.com', 'b@gmail.com']);

    const strict = setUp({ accountType: 'workspace', identity: { activeUserInPersonRuns: 'same-domain' } });
    const outsider = strict.run('fromSidebar', [], { user: 'a@gmail.com' }) as Seen;
    const other = strict.run('fromSidebar', [], { user: 'b@gmail.com' }) as Seen;
    const colleague = strict.run('fromSidebar', [], { user: 'rep@acme.com' }) as Seen;
    expect([outsider.effective, outsider.active, colleague.active]).toEqual(['a@gmail.com', '', 'rep@acme.com']);
    expect(outsider.key).toBe(a.key);
    expect(outsider.key).not.toBe(other.key);
  });

  test('time-driven trigger: runs as its creator, getActiveUser() blank (option: the trigger owner)', () => {
    const emu = setUp();
    emu.fireTimeTrigger('hourly');
    expect(brief(events(emu))).toEqual([{ kind: 'time', effective: 'owner@acme.com', active: '' }]);
    const owner = setUp({ identity: { activeUserInTimeAndFormTriggers: 'trigger-owner' } });
    owner.fireTimeTrigger('hourly');
    expect(brief(events(owner))).toEqual([{ kind: 'time', effective: 'owner@acme.com', active: 'owner@acme.com' }]);
  });

  test('fireChange fires each change trigger as its creator, with the editor revealed to it', () => {
    const emu = setUp({ accountType: 'workspace' });
    emu.fireChange('INSERT_ROW', 'rep@acme.com');
    emu.fireChange('REMOVE_ROW', 'x@gmail.com');
    expect(brief(events(emu))).toEqual([
      { kind: 'change', effective: 'owner@acme.com', active: 'rep@acme.com', eventUser: 'rep@acme.com', changeType: 'INSERT_ROW' },
      { kind: 'change', effective: 'owner@acme.com', active: '', eventUser: '', changeType: 'REMOVE_ROW' },
    ]);
  });

  test('user properties follow the effective user: an installable trigger reads its creator’s', () => {
    const emu = setUp();
    emu.run('setMyUserProperty', ['owner’s']); // the owner created the triggers in setUp
    emu.run('setMyUserProperty', ['rep’s'], { user: 'rep@gmail.com' });
    expect(emu.run('myUserProperty', [], { user: 'rep@gmail.com' })).toBe('rep’s');
    emu.loadBundle(SCRIPT.replace("function onTrackedEdit(e) { who('installable', e); }", 'function onTrackedEdit(e) { onTrackedEditReadsUserProperty(e); }'));
    emu.editAsUser('Leads!A2', 'x', 'rep@gmail.com');
    expect(events(emu).filter((e) => e.kind === 'props')).toEqual([{ kind: 'props', mine: 'owner’s' }]);
  });
});

import { Emulator } from '../../emulator';

/** An add-on installed in several customers' spreadsheets: one script project, one document per execution. */
const SCRIPT = `
function whereAmI() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var props = PropertiesService.getDocumentProperties();
  var cache = CacheService.getDocumentCache();
  var lock = LockService.getDocumentLock();
  return {
    spreadsheet: ss ? ss.getName() : null,
    props: props ? props.getProperty('tenant') : 'no store',
    cache: cache ? cache.get('tenant') : 'no cache',
    lock: lock ? lock.tryLock(0) : 'no lock'
  };
}
function remember(name) {
  PropertiesService.getDocumentProperties().setProperty('tenant', name);
  CacheService.getDocumentCache().put('tenant', name, 600);
}
function install() {
  ScriptApp.newTrigger('edited').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
}
var seen = [];
function edited(e) { seen.push([SpreadsheetApp.getActiveSpreadsheet().getName(), e.source.getName(), e.range.getA1Notation()]); }
function submitted(e) { seen.push(['submit', SpreadsheetApp.getActiveSpreadsheet().getName(), PropertiesService.getDocumentProperties().getProperty('tenant')]); }
function events() { var out = seen; seen = []; return out; }
function linkForm() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var form = FormApp.create('Register a lead').setPublished(true);
  form.addTextItem().setTitle('Company');
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  ScriptApp.newTrigger('submitted').forSpreadsheet(ss).onFormSubmit().create();
  return form.getId();
}
function holdScriptLock(n) {
  var lock = LockService.getScriptLock();
  lock.waitLock(1000);
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  for (var i = 0; i < n; i++) sheet.getRange(i + 1, 1).setValue(i);
  PropertiesService.getScriptProperties().setProperty('n', String(n));
  lock.releaseLock();
}
`;

function setUp() {
  const emu = new Emulator({ ownerEmail: 'owner@acme.com' });
  emu.loadBundle(SCRIPT);
  const other = emu.createSpreadsheet('Customer B', { owner: 'b@other.com' });
  return { emu, a: emu.store.activeId, b: other };
}

describe('each execution runs in its own document', () => {
  test('createSpreadsheet, run(…, { documentId }): active spreadsheet, document properties, cache and lock are that document’s', () => {
    const { emu, a, b } = setUp();
    expect(emu.store.byId.get(b)?.owner).toBe('b@other.com');
    emu.run('remember', ['A']);
    emu.run('remember', ['B'], { documentId: b });
    expect(emu.run('whereAmI')).toEqual({ spreadsheet: 'Partner Programme', props: 'A', cache: 'A', lock: true });
    expect(emu.run('whereAmI', [], { documentId: b })).toEqual({ spreadsheet: 'Customer B', props: 'B', cache: 'B', lock: true });
    expect(emu.run('whereAmI', [], { documentId: a })).toMatchObject({ spreadsheet: 'Partner Programme' });
    expect(emu.services.properties.read('document', b)).toEqual({ tenant: 'B' });
    expect(() => emu.run('whereAmI', [], { documentId: 'nope' })).toThrow(/no spreadsheet nope/);
  });

  test('without a document: no active spreadsheet, and null document properties, cache and lock', () => {
    const { emu } = setUp();
    expect(emu.run('whereAmI', [], { documentId: null })).toEqual({ spreadsheet: null, props: 'no store', cache: 'no cache', lock: 'no lock' });
  });

  test('an add-on’s time-driven run has no document lock', () => {
    const emu = new Emulator();
    emu.loadBundle(
      `${SCRIPT}\nfunction installDaily() { ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(3).create(); }\nfunction daily() { seen.push(LockService.getDocumentLock() === null, CacheService.getDocumentCache() === null); }`,
    );
    emu.run('installDaily');
    emu.fireTimeTrigger('daily');
    expect(emu.run('events')).toEqual([true, true]);
  });

  test('editAsUser(…, { spreadsheetId }) edits that spreadsheet and fires its triggers there; the positional form still edits the active one', () => {
    const { emu, b } = setUp();
    emu.run('install');
    emu.run('install', [], { documentId: b });
    emu.editAsUser('Sheet1!A1', 'x', 'owner@acme.com', { spreadsheetId: b });
    emu.editAsUser('Sheet1!B2', 'y');
    expect(emu.run('events')).toEqual([
      ['Customer B', 'Customer B', 'A1'],
      ['Partner Programme', 'Partner Programme', 'B2'],
    ]);
    expect(emu.store.byId.get(b)?.sheets[0].values.get(1, 1)).toBe('x');
    expect(emu.spreadsheet().sheets[0].values.get(1, 1)).toBeUndefined();
  });

  test('a form-submit trigger runs with its destination spreadsheet as the document', () => {
    const { emu, b } = setUp();
    emu.run('remember', ['B'], { documentId: b });
    const formId = emu.run('linkForm', [], { documentId: b }) as string;
    emu.submitForm(formId, { Company: 'Acme' });
    expect(emu.run('events')).toEqual([['submit', 'Customer B', 'B']]);
  });
});

describe('locks: the script lock is one for the project, a document lock one per document', () => {
  const LOCKING = `
    function registerIn(n) {
      var lock = LockService.getDocumentLock();
      lock.waitLock(5000);
      var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      for (var i = 1; i <= n; i++) sheet.getRange(i, 1).setValue(i);
      lock.releaseLock();
      return SpreadsheetApp.getActiveSpreadsheet().getName();
    }
    function registerGlobally(n) {
      var lock = LockService.getScriptLock();
      lock.waitLock(5000);
      var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      for (var i = 1; i <= n; i++) sheet.getRange(i, 2).setValue(i);
      lock.releaseLock();
      return SpreadsheetApp.getActiveSpreadsheet().getName();
    }`;

  test('two calls on two spreadsheets, each holding its own document lock, interleave without waiting', async () => {
    const emu = new Emulator();
    emu.loadBundle(LOCKING);
    const b = emu.createSpreadsheet('Customer B');
    const kinds: Array<[number, string, string]> = [];
    const results = await emu.runConcurrently(
      [
        { name: 'registerIn', args: [4] },
        { name: 'registerIn', args: [4], documentId: b },
      ],
      { onEvent: (e) => kinds.push([e.index, e.kind, e.detail]) },
    );
    expect(results.map((r) => [r.ok, r.value])).toEqual([
      [true, 'Partner Programme'],
      [true, 'Customer B'],
    ]);
    expect(kinds.some(([, kind]) => kind === 'lock-wait')).toBe(false);
    // While both hold their locks, their writes alternate.
    const writes = kinds.filter(([, kind, detail]) => kind === 'call' && detail === 'Range.setValue').map(([index]) => index);
    expect(writes).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    const holds = emu.locks.holds();
    expect(holds.map((h) => [h.scope, h.key])).toEqual([
      ['document', emu.store.activeId],
      ['document', b],
    ]);
  });

  test('two calls on two spreadsheets that take the script lock wait for each other', async () => {
    const emu = new Emulator();
    emu.loadBundle(LOCKING);
    const b = emu.createSpreadsheet('Customer B');
    const kinds: Array<[number, string, string]> = [];
    const results = await emu.runConcurrently(
      [
        { name: 'registerGlobally', args: [4] },
        { name: 'registerGlobally', args: [4], documentId: b },
      ],
      { onEvent: (e) => kinds.push([e.index, e.kind, e.detail]) },
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(kinds.filter(([, kind]) => kind === 'lock-wait' || kind === 'lock-acquired').map(([index, kind]) => [index, kind])).toEqual([
      [1, 'lock-wait'],
      [1, 'lock-acquired'],
    ]);
    // The second call writes only once the first has released the lock.
    const writes = kinds.filter(([, kind, detail]) => kind === 'call' && detail === 'Range.setValue').map(([index]) => index);
    expect(writes).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(emu.locks.holds().map((h) => [h.scope, h.key])).toEqual([
      ['script', 'emulated-script-id'],
      ['script', 'emulated-script-id'],
    ]);
  });
});

describe('lock instrumentation (for the benchmark)', () => {
  test('every hold: scope, key, execution, real milliseconds, and the counted calls its holder made meanwhile; uncounted; clearHolds()', () => {
    const emu = new Emulator();
    emu.loadBundle(SCRIPT);
    emu.run('holdScriptLock', [3]);
    const before = emu.calls.total();
    const [hold] = emu.locks.holds();
    expect(hold).toEqual({
      scope: 'script',
      key: 'emulated-script-id',
      executionId: expect.any(Number),
      origin: 'run:holdScriptLock',
      released: true,
      heldMs: expect.any(Number),
      // The latency model's time for those calls: three writes in one batch (40.05 + 5.05 + 5.05), setProperty 30, releaseLock 30.
      modelledMs: expect.closeTo(110.15, 6),
      // 2 + 3×2 spreadsheet calls (getActiveSpreadsheet, getSheets, getRange + setValue ×3), then getScriptProperties, setProperty, releaseLock.
      serviceCalls: 11,
      spreadsheetCalls: 8,
    });
    expect(hold.heldMs).toBeGreaterThanOrEqual(0);
    expect(emu.calls.total()).toBe(before);
    emu.locks.clearHolds();
    expect(emu.locks.holds()).toEqual([]);
  });
});

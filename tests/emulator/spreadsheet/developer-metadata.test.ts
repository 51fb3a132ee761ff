import { Emulator } from '../../../emulator';

/** A script that keeps its schema version and install id as spreadsheet-level developer metadata. */
const SCRIPT = `
function tag() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var V = SpreadsheetApp.DeveloperMetadataVisibility;
  var same = ss.addDeveloperMetadata('bare')
    .addDeveloperMetadata('private', V.PROJECT)
    .addDeveloperMetadata('schema', '5')
    .addDeveloperMetadata('install', 'abc', V.PROJECT);
  return same.getId() === ss.getId();
}
function describeAll() {
  return SpreadsheetApp.getActiveSpreadsheet().getDeveloperMetadata().map(function (m) {
    return [m.getKey(), m.getValue(), String(m.getVisibility()), typeof m.getId()];
  });
}
function findKeys(key, value, visibility) {
  var f = SpreadsheetApp.getActiveSpreadsheet().createDeveloperMetadataFinder();
  if (key) f.withKey(key);
  if (value) f.withValue(value);
  if (visibility) f.withVisibility(SpreadsheetApp.DeveloperMetadataVisibility[visibility]);
  return f.find().map(function (m) { return m.getKey() + '=' + m.getValue(); });
}
function bump() {
  var m = SpreadsheetApp.getActiveSpreadsheet().createDeveloperMetadataFinder().withKey('schema').find()[0];
  m.setValue('6').setKey('schemaVersion');
  var again = SpreadsheetApp.getActiveSpreadsheet().createDeveloperMetadataFinder().withId(m.getId()).find();
  return again.map(function (x) { return x.getKey() + '=' + x.getValue(); });
}
function dropBare() {
  var m = SpreadsheetApp.getActiveSpreadsheet().createDeveloperMetadataFinder().withKey('bare').find()[0];
  m.remove();
  try { m.getKey(); return 'still there'; } catch (e) { return e.name; }
}
function share() {
  var m = SpreadsheetApp.getActiveSpreadsheet().createDeveloperMetadataFinder().withKey('install').find()[0];
  m.setVisibility(SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
  return String(m.getVisibility());
}
function big(n) {
  try {
    SpreadsheetApp.getActiveSpreadsheet().addDeveloperMetadata('k', new Array(n + 1).join('x'));
    return 'ok';
  } catch (e) {
    return e.name + ': ' + e.message;
  }
}
function moveIt() {
  try {
    SpreadsheetApp.getActiveSpreadsheet().getDeveloperMetadata()[0].moveToSpreadsheet();
    return 'no error';
  } catch (e) {
    return e.message;
  }
}
`;

function setUp(options: ConstructorParameters<typeof Emulator>[0] = {}) {
  const emu = new Emulator(options);
  emu.loadBundle(SCRIPT);
  return emu;
}

describe('Spreadsheet developer metadata', () => {
  test('the four addDeveloperMetadata forms: value null when none, DOCUMENT by default, the Spreadsheet returned for chaining', () => {
    const emu = setUp();
    expect(emu.run('tag')).toBe(true);
    expect(emu.run('describeAll')).toEqual([
      ['bare', null, 'DOCUMENT', 'number'],
      ['private', null, 'PROJECT', 'number'],
      ['schema', '5', 'DOCUMENT', 'number'],
      ['install', 'abc', 'PROJECT', 'number'],
    ]);
    const ids = emu.spreadsheet().developerMetadata.map((m) => m.id);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(Number.isInteger(id) && id > 0).toBe(true);
  });

  test('the finder filters by key, value, visibility and id; set and remove work; counted calls', () => {
    const emu = setUp();
    emu.run('tag');
    expect(emu.run('findKeys', ['schema'])).toEqual(['schema=5']);
    expect(emu.run('findKeys', [null, 'abc'])).toEqual(['install=abc']);
    expect(emu.run('findKeys', [null, null, 'PROJECT'])).toEqual(['private=null', 'install=abc']);
    expect(emu.run('findKeys', ['nothing'])).toEqual([]);
    emu.calls.reset();
    expect(emu.run('bump')).toEqual(['schemaVersion=6']);
    expect(emu.calls.get('DeveloperMetadataFinder.find')).toBe(2);
    expect(emu.calls.get('DeveloperMetadata.setValue')).toBe(1);
    expect(emu.calls.get('DeveloperMetadata.setKey')).toBe(1);
    expect(emu.calls.get('Spreadsheet.createDeveloperMetadataFinder')).toBe(2);
    expect(emu.run('dropBare')).toBe('Exception');
    expect(emu.run('findKeys', ['bare'])).toEqual([]);
    expect(emu.run('share')).toBe('DOCUMENT');
  });

  test('members the emulator lacks say so', () => {
    const emu = setUp();
    emu.run('tag');
    expect(emu.run('moveIt')).toBe('not implemented in emulator: DeveloperMetadata.moveToSpreadsheet');
  });

  test('PROJECT metadata is visible only to the project that created it; DOCUMENT metadata to every project', () => {
    const emu = setUp({ scriptId: 'tracker-add-on' });
    emu.run('tag');
    const saved = JSON.parse(JSON.stringify(emu.toJSON()));
    const same = Emulator.fromJSON(saved);
    same.loadBundle(SCRIPT);
    expect((same.run('describeAll') as unknown[]).length).toBe(4);
    const other = Emulator.fromJSON(saved, { scriptId: 'someone-elses-add-on' });
    other.loadBundle(SCRIPT);
    expect(other.run('describeAll')).toEqual([
      ['bare', null, 'DOCUMENT', 'number'],
      ['schema', '5', 'DOCUMENT', 'number'],
    ]);
    expect(other.run('findKeys', [null, null, 'PROJECT'])).toEqual([]);
  });

  test('saved with the workspace: ids, keys, values and visibility survive; new ids do not collide', () => {
    const emu = setUp();
    emu.run('tag');
    const before = emu.spreadsheet().developerMetadata.map((m) => ({ ...m }));
    const loaded = Emulator.fromJSON(JSON.parse(JSON.stringify(emu.toJSON())));
    expect(loaded.spreadsheet().developerMetadata).toEqual(before);
    loaded.spreadsheetApp.getActiveSpreadsheet().addDeveloperMetadata('later');
    const ids = loaded.spreadsheet().developerMetadata.map((m) => m.id);
    expect(new Set(ids).size).toBe(5);
  });

  test('a location holds at most developerMetadataCharsPerLocation characters of keys and values (unverified 30,000 by default)', () => {
    const emu = setUp();
    expect(emu.run('big', [29999])).toBe('ok'); // 'k' + 29,999 = 30,000
    expect(emu.run('big', [0])).toMatch(/^Exception: The developer metadata at this location would exceed the limit of 30000 characters/);
    const small = setUp({ developerMetadataCharsPerLocation: 10 });
    expect(small.run('big', [9])).toBe('ok');
    expect(small.run('big', [0])).toMatch(/limit of 10 characters/);
    expect(small.spreadsheet().developerMetadata).toHaveLength(1);
  });
});

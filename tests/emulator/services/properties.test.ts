import { makeWorld } from './context-for-tests';

describe('PropertiesService', () => {
  test('stores values as strings and reads them back', () => {
    const { g } = makeWorld();
    const p = g.PropertiesService.getScriptProperties();
    p.setProperty('n', 42 as unknown as string);
    expect(p.getProperty('n')).toBe('42');
    expect(p.getProperty('missing')).toBeNull();
    p.setProperties({ a: '1', b: true as unknown as string });
    expect(p.getProperties()).toEqual({ n: '42', a: '1', b: 'true' });
    expect(p.getKeys().sort()).toEqual(['a', 'b', 'n']);
  });

  test('setProperties(props, true) deletes all others; deleteProperty / deleteAllProperties', () => {
    const { g } = makeWorld();
    const p = g.PropertiesService.getDocumentProperties();
    p.setProperties({ a: '1', b: '2' });
    p.setProperties({ c: '3' }, true);
    expect(p.getProperties()).toEqual({ c: '3' });
    p.deleteProperty('c').setProperty('d', '4');
    expect(p.getKeys()).toEqual(['d']);
    p.deleteAllProperties();
    expect(p.getKeys()).toEqual([]);
  });

  test('chaining methods return the Properties facade', () => {
    const { g } = makeWorld();
    const p = g.PropertiesService.getScriptProperties();
    expect(p.setProperty('a', '1').getProperty('a')).toBe('1');
  });

  test('user properties are per user; document properties per document; script shared', () => {
    const w = makeWorld();
    w.run(() => w.g.PropertiesService.getUserProperties().setProperty('k', 'alice'), { user: 'alice@example.com' });
    w.run(() => w.g.PropertiesService.getUserProperties().setProperty('k', 'bob'), { user: 'bob@example.com' });
    expect(w.run(() => w.g.PropertiesService.getUserProperties().getProperty('k'), { user: 'alice@example.com' })).toBe('alice');
    expect(w.run(() => w.g.PropertiesService.getUserProperties().getProperty('k'), { user: 'bob@example.com' })).toBe('bob');
    w.run(() => w.g.PropertiesService.getScriptProperties().setProperty('s', '1'), { user: 'alice@example.com' });
    expect(w.run(() => w.g.PropertiesService.getScriptProperties().getProperty('s'), { user: 'bob@example.com' })).toBe('1');
    expect(w.services.properties.read('document', 'ss-active')).toEqual({});
  });

  test('a value over 9 KB is refused', () => {
    const { g } = makeWorld();
    const p = g.PropertiesService.getScriptProperties();
    p.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    expect(p.getProperty('big')).toBeNull();
  });

  test('a store over 500 KB is refused and left unchanged', () => {
    const { g } = makeWorld();
    const p = g.PropertiesService.getScriptProperties();
    const chunk = 'x'.repeat(9000);
    let thrown: Error | null = null;
    let i = 0;
    try {
      for (; i < 100; i++) p.setProperty(`key${i}`, chunk);
    } catch (e) {
      thrown = e as Error;
    }
    expect(thrown?.message).toBe('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(thrown?.name).toBe('Exception');
    expect(p.getKeys().length).toBe(i);
    expect(i).toBeGreaterThan(50);
    expect(i).toBeLessThan(58);
  });

  test('setProperties is all-or-nothing under the store quota', () => {
    const { g } = makeWorld();
    const p = g.PropertiesService.getScriptProperties();
    const many: Record<string, string> = {};
    for (let i = 0; i < 60; i++) many[`k${i}`] = 'y'.repeat(9000);
    expect(() => p.setProperties(many)).toThrow(/property storage quota/);
    expect(p.getKeys()).toEqual([]);
  });

  test('unavailable in AuthMode.NONE', () => {
    const w = makeWorld();
    expect(() => w.run(() => w.g.PropertiesService.getDocumentProperties(), { authMode: 'NONE' })).toThrow(/permission to call PropertiesService.getDocumentProperties/);
    expect(w.run(() => w.g.PropertiesService.getDocumentProperties().getKeys(), { authMode: 'LIMITED' })).toEqual([]);
  });

  test('calls are counted as Type.method', () => {
    const w = makeWorld();
    w.g.PropertiesService.getScriptProperties().getProperty('a');
    expect(w.ctx.calls.get('PropertiesService.getScriptProperties')).toBe(1);
    expect(w.ctx.calls.get('Properties.getProperty')).toBe(1);
  });

  test('members the emulator lacks throw "not implemented"', () => {
    const { g } = makeWorld();
    const p = g.PropertiesService.getScriptProperties() as unknown as Record<string, () => unknown>;
    expect(() => p.getPropertiesAsync()).toThrow('not implemented in emulator: Properties.getPropertiesAsync');
  });
});

describe('PropertiesService in custom functions', () => {
  test('reads allowed, writes refused (AuthMode.CUSTOM_FUNCTION)', () => {
    const w = makeWorld();
    w.g.PropertiesService.getScriptProperties().setProperty('rate', '1.5');
    expect(w.run(() => w.g.PropertiesService.getScriptProperties().getProperty('rate'), { authMode: 'CUSTOM_FUNCTION' })).toBe('1.5');
    expect(() => w.run(() => w.g.PropertiesService.getScriptProperties().setProperty('rate', '2'), { authMode: 'CUSTOM_FUNCTION' })).toThrow(/Properties.setProperty.*LIMITED/);
  });
});

import { makeWorld } from './context-for-tests';

describe('CacheService', () => {
  test('put/get with the default expiry of 600 s, by the virtual clock', () => {
    const w = makeWorld();
    const c = w.g.CacheService.getScriptCache();
    c.put('k', 'v');
    expect(c.get('k')).toBe('v');
    w.clock.advance(599_000);
    expect(c.get('k')).toBe('v');
    w.clock.advance(1_000);
    expect(c.get('k')).toBeNull();
  });

  test('explicit expiry; values coerced to strings', () => {
    const w = makeWorld();
    const c = w.g.CacheService.getUserCache();
    c.put('n', 5 as unknown as string, 10);
    expect(c.get('n')).toBe('5');
    w.clock.advance(10_000);
    expect(c.get('n')).toBeNull();
  });

  test('getAll returns only present keys; putAll; remove; removeAll', () => {
    const { g } = makeWorld();
    const c = g.CacheService.getDocumentCache()!;
    c.putAll({ a: '1', b: '2', c: '3' }, 60);
    expect(c.getAll(['a', 'b', 'zz'])).toEqual({ a: '1', b: '2' });
    c.remove('a');
    c.removeAll(['b']);
    expect(c.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
  });

  test('limits: key 250 chars, value 100 KB, expiry 1..21600 s', () => {
    const { g } = makeWorld();
    const c = g.CacheService.getScriptCache();
    c.put('k'.repeat(250), 'ok');
    expect(() => c.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    c.put('v', 'x'.repeat(100 * 1024));
    expect(() => c.put('v2', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    c.put('e', 'v', 21600);
    expect(() => c.put('e', 'v', 21601)).toThrow('Argument too large: expirationInSeconds');
    expect(() => c.put('e', 'v', 0)).toThrow('Invalid argument: expirationInSeconds');
  });

  test('user caches are per user', () => {
    const w = makeWorld();
    w.run(() => w.g.CacheService.getUserCache().put('k', 'a'), { user: 'a@example.com' });
    expect(w.run(() => w.g.CacheService.getUserCache().get('k'), { user: 'b@example.com' })).toBeNull();
    expect(w.run(() => w.g.CacheService.getUserCache().get('k'), { user: 'a@example.com' })).toBe('a');
  });

  test('over 1000 items the oldest are evicted first', () => {
    const { g } = makeWorld();
    const c = g.CacheService.getScriptCache();
    for (let i = 0; i < 1001; i++) c.put(`k${i}`, 'v');
    expect(c.get('k0')).toBeNull();
    expect(c.get('k1000')).toBe('v');
  });

  test('refused in AuthMode.NONE', () => {
    const w = makeWorld();
    expect(() => w.run(() => w.g.CacheService.getScriptCache(), { authMode: 'NONE' })).toThrow(/permission/);
  });
});

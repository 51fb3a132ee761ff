import { makeWorld } from './context-for-tests';

describe('Session', () => {
  test('active and effective user are the execution user', () => {
    const w = makeWorld();
    expect(w.run(() => w.g.Session.getActiveUser().getEmail(), { user: 'a@example.com' })).toBe('a@example.com');
    expect(w.run(() => w.g.Session.getEffectiveUser().getEmail(), { user: 'a@example.com' })).toBe('a@example.com');
    expect(w.run(() => w.g.Session.getActiveUser().getEmail(), { user: '' })).toBe('');
  });

  test('script time zone, locale, temporary key', () => {
    const w = makeWorld({ timeZone: 'Europe/Paris' });
    expect(w.g.Session.getScriptTimeZone()).toBe('Europe/Paris');
    expect(w.g.Session.getActiveUserLocale()).toBe('en');
    const k1 = w.run(() => w.g.Session.getTemporaryActiveUserKey(), { user: 'a@example.com' });
    const k2 = w.run(() => w.g.Session.getTemporaryActiveUserKey(), { user: 'a@example.com' });
    const k3 = w.run(() => w.g.Session.getTemporaryActiveUserKey(), { user: 'b@example.com' });
    expect(k1).toBe(k2);
    expect(k1).not.toBe(k3);
    expect(k1).not.toContain('a@example.com');
  });

  test('needs at least LIMITED', () => {
    const w = makeWorld();
    expect(() => w.run(() => w.g.Session.getScriptTimeZone(), { authMode: 'NONE' })).toThrow(/permission/);
  });
});

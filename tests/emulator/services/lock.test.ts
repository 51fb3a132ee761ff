import { makeWorld } from './context-for-tests';

describe('LockService', () => {
  test('tryLock acquires a free lock; hasLock; releaseLock', () => {
    const w = makeWorld();
    w.run(() => {
      const lock = w.g.LockService.getScriptLock();
      expect(lock.hasLock()).toBe(false);
      expect(lock.tryLock(1000)).toBe(true);
      expect(lock.hasLock()).toBe(true);
      lock.releaseLock();
      expect(lock.hasLock()).toBe(false);
    });
  });

  test('re-acquiring in the same execution succeeds', () => {
    const w = makeWorld();
    w.run(() => {
      expect(w.g.LockService.getDocumentLock().tryLock(10)).toBe(true);
      expect(w.g.LockService.getDocumentLock().tryLock(10)).toBe(true);
      w.g.LockService.getDocumentLock().waitLock(10);
    });
  });

  test('contention: another running execution cannot get it; the wait advances the clock', () => {
    const w = makeWorld();
    w.run(() => {
      expect(w.g.LockService.getScriptLock().tryLock(1000)).toBe(true);
      const before = w.clock.nowMs();
      const got = w.run(() => w.g.LockService.getScriptLock().tryLock(5000));
      expect(got).toBe(false);
      expect(w.clock.nowMs() - before).toBe(5000);
      expect(() => w.run(() => w.g.LockService.getScriptLock().waitLock(30000))).toThrow('Lock timeout: another process was holding the lock for too long.');
      expect(w.clock.nowMs() - before).toBe(35000);
      // The holder still has it.
      expect(w.g.LockService.getScriptLock().hasLock()).toBe(true);
    });
  });

  test('a lock is released automatically when its execution ends', () => {
    const w = makeWorld();
    w.run(() => {
      expect(w.g.LockService.getScriptLock().tryLock(0)).toBe(true);
    });
    expect(w.services.locks.held()).toEqual([]);
    expect(w.run(() => w.g.LockService.getScriptLock().tryLock(0))).toBe(true);
  });

  test('scopes are independent; user locks are per user', () => {
    const w = makeWorld();
    w.run(
      () => {
        expect(w.g.LockService.getScriptLock().tryLock(0)).toBe(true);
        expect(w.run(() => w.g.LockService.getDocumentLock().tryLock(0))).toBe(true);
        expect(w.g.LockService.getUserLock().tryLock(0)).toBe(true);
        expect(w.run(() => w.g.LockService.getUserLock().tryLock(0), { user: 'other@example.com' })).toBe(true);
        expect(w.run(() => w.g.LockService.getUserLock().tryLock(0))).toBe(false);
      },
      { user: 'owner@example.com' },
    );
  });

  test('releaseLock by a non-holder does nothing', () => {
    const w = makeWorld();
    w.run(() => {
      w.g.LockService.getScriptLock().waitLock(0);
      w.run(() => w.g.LockService.getScriptLock().releaseLock());
      expect(w.g.LockService.getScriptLock().hasLock()).toBe(true);
    });
  });

  test('LockTable lets a harness grant and release by execution id', () => {
    const w = makeWorld();
    const t = w.services.locks;
    expect(t.tryAcquire('script', 'emulated-script-id', 77)).toBe(true);
    expect(t.holder('script', 'emulated-script-id')).toBe(77);
    expect(w.run(() => w.g.LockService.getScriptLock().tryLock(0))).toBe(false);
    t.releaseAll(77);
    expect(t.holder('script', 'emulated-script-id')).toBeNull();
    expect(w.run(() => w.g.LockService.getScriptLock().tryLock(0))).toBe(true);
  });
});

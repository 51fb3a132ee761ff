import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { AuthModeName } from '../core/execution';
import { ServiceObject } from '../core/facade';

/**
 * LockService. A lock belongs to the execution that acquired it and is released
 * when that execution ends. The emulator is single-threaded: an execution asking
 * for a lock that ANOTHER still-running execution holds can never see it freed
 * while it waits, so tryLock(ms) returns false and waitLock(ms) throws, each after
 * advancing the virtual clock by the timeout (the time the real call would block).
 * emulator/concurrency runs executions in worker threads at the same time; there a
 * waiter really waits for the holder, through LockTable.onRelease and LockImpl._lockId.
 */
export type LockScope = 'script' | 'document' | 'user';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

/**
 * The lock bookkeeping, uncounted: the emulator (and a concurrency harness that
 * interleaves executions) grants and releases locks by execution id here.
 */
export class LockTable {
  private readonly holders = new Map<string, number>();
  private readonly releaseListeners = new Set<(scope: LockScope, key: string, executionId: number) => void>();

  /**
   * Called after a lock is released (releaseLock, its execution ending, clear()),
   * uncounted: a harness running executions concurrently hands the lock to the
   * next waiter. Returns an unsubscribe function.
   */
  onRelease(listener: (scope: LockScope, key: string, executionId: number) => void): () => void {
    this.releaseListeners.add(listener);
    return () => {
      this.releaseListeners.delete(listener);
    };
  }

  private released(id: string, executionId: number): void {
    const i = id.indexOf(':');
    for (const listener of [...this.releaseListeners]) listener(id.slice(0, i) as LockScope, id.slice(i + 1), executionId);
  }

  private static id(scope: LockScope, key: string): string {
    return `${scope}:${key}`;
  }

  /** Grants the lock if it is free or already held by `executionId`. */
  tryAcquire(scope: LockScope, key: string, executionId: number): boolean {
    const id = LockTable.id(scope, key);
    const holder = this.holders.get(id);
    if (holder !== undefined && holder !== executionId) return false;
    this.holders.set(id, executionId);
    return true;
  }

  /** Releases the lock if `executionId` holds it; returns whether it did. */
  release(scope: LockScope, key: string, executionId: number): boolean {
    const id = LockTable.id(scope, key);
    if (this.holders.get(id) !== executionId) return false;
    this.holders.delete(id);
    this.released(id, executionId);
    return true;
  }

  /** Releases every lock `executionId` holds (the execution ended). */
  releaseAll(executionId: number): void {
    for (const [id, holder] of [...this.holders]) {
      if (holder !== executionId) continue;
      this.holders.delete(id);
      this.released(id, executionId);
    }
  }

  /** The execution holding the lock, or null. */
  holder(scope: LockScope, key: string): number | null {
    return this.holders.get(LockTable.id(scope, key)) ?? null;
  }

  /** Every held lock. */
  held(): Array<{ scope: LockScope; key: string; executionId: number }> {
    return [...this.holders].map(([id, executionId]) => {
      const i = id.indexOf(':');
      return { scope: id.slice(0, i) as LockScope, key: id.slice(i + 1), executionId };
    });
  }

  clear(): void {
    const before = [...this.holders];
    this.holders.clear();
    for (const [id, executionId] of before) this.released(id, executionId);
  }
}

export class LockServiceImpl extends ServiceObject implements Partial<GoogleAppsScript.Lock.LockService> {
  constructor(private readonly _ctx: EmulatorContext, private readonly _table: LockTable) {
    super('LockService', _ctx);
  }

  /** Works in custom functions too ("works, but not particularly useful", per the custom functions guide). */
  override _requiredAuth(): AuthModeName {
    return 'CUSTOM_FUNCTION';
  }

  getScriptLock(): GoogleAppsScript.Lock.Lock {
    return new LockImpl(this._ctx, this._table, 'script', this._ctx.options.scriptId)._api();
  }

  getDocumentLock(): GoogleAppsScript.Lock.Lock {
    return new LockImpl(this._ctx, this._table, 'document', this._ctx.spreadsheets.activeSpreadsheetId())._api();
  }

  getUserLock(): GoogleAppsScript.Lock.Lock {
    return new LockImpl(this._ctx, this._table, 'user', this._ctx.executions.current().user)._api();
  }
}

export class LockImpl extends ServiceObject implements Partial<GoogleAppsScript.Lock.Lock> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _table: LockTable,
    private readonly _scope: LockScope,
    private readonly _key: string,
  ) {
    super('Lock', _ctx);
  }

  /** Works in custom functions too ("works, but not particularly useful", per the custom functions guide). */
  override _requiredAuth(): AuthModeName {
    return 'CUSTOM_FUNCTION';
  }

  private _timeout(ms: unknown): number {
    const n = Number(ms);
    if (!Number.isFinite(n) || n < 0) throw new AppsScriptException('Invalid argument: timeoutInMillis');
    return Math.floor(n);
  }

  tryLock(timeoutInMillis: number): boolean {
    const ms = this._timeout(timeoutInMillis);
    if (this._table.tryAcquire(this._scope, this._key, this._ctx.executions.current().id)) return true;
    this._ctx.clock.advance(ms);
    return false;
  }

  waitLock(timeoutInMillis: number): void {
    const ms = this._timeout(timeoutInMillis);
    if (this._table.tryAcquire(this._scope, this._key, this._ctx.executions.current().id)) return;
    this._ctx.clock.advance(ms);
    throw new AppsScriptException(LOCK_TIMEOUT_MESSAGE);
  }

  /** Which lock this is, uncounted (not exposed to scripts: the name starts with `_`). */
  _lockId(): { scope: LockScope; key: string } {
    return { scope: this._scope, key: this._key };
  }

  hasLock(): boolean {
    return this._table.holder(this._scope, this._key) === this._ctx.executions.current().id;
  }

  releaseLock(): void {
    this._table.release(this._scope, this._key, this._ctx.executions.current().id);
  }
}

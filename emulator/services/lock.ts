import { performance } from 'node:perf_hooks';
import { CallCounter, isSpreadsheetCall } from '../core/calls';
import { EmulatorContext, documentOf } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { AuthModeName, ExecutionContext } from '../core/execution';
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
 * One time a lock was held, for the benchmark: how long (real milliseconds, by
 * performance.now) and how many counted calls — all, and spreadsheet ones — the
 * holding execution made meanwhile (its releaseLock included).
 */
export interface LockHold {
  scope: LockScope;
  /** The script id, the document id or the user's email. */
  key: string;
  executionId: number;
  /** The holding execution's origin ('run:registerLead', 'trigger:onEdit', …). */
  origin: string;
  /** false while it is still held (heldMs is then the time so far). */
  released: boolean;
  heldMs: number;
  /** The latency model's time for the calls made while it was held (core/latency.ts), in ms. */
  modelledMs: number;
  serviceCalls: number;
  spreadsheetCalls: number;
}

interface OpenHold extends LockHold {
  startedAt: number;
  modelledAt: number;
}

/**
 * The lock bookkeeping, uncounted: the emulator (and a concurrency harness that
 * interleaves executions) grants and releases locks by execution id here. With
 * `instrument` it also records every hold (holds(), clearHolds()).
 */
export class LockTable {
  private readonly holders = new Map<string, number>();
  private readonly releaseListeners = new Set<(scope: LockScope, key: string, executionId: number) => void>();
  private readonly finished: OpenHold[] = [];
  /** Open holds by lock id. */
  private readonly open = new Map<string, OpenHold>();

  constructor(private readonly instrument?: { calls: CallCounter; executions: ExecutionContext; modelledMs?: () => number }) {
    instrument?.calls.onRecord((name) => {
      if (this.open.size === 0) return;
      const executionId = instrument.executions.current().id;
      const spreadsheet = isSpreadsheetCall(name);
      for (const hold of this.open.values()) {
        if (hold.executionId !== executionId) continue;
        hold.serviceCalls++;
        if (spreadsheet) hold.spreadsheetCalls++;
      }
    });
  }

  /** Every lock hold so far (and those still open), in the order they began. Uncounted. */
  holds(): LockHold[] {
    const now = performance.now();
    const modelled = this.modelledNow();
    const open = [...this.open.values()].map((h) => ({ ...h, heldMs: now - h.startedAt, modelledMs: modelled - h.modelledAt }));
    return [...this.finished, ...open].sort((x, y) => x.startedAt - y.startedAt).map(({ startedAt: _s, modelledAt: _m, ...h }) => h);
  }

  /** Forgets the finished holds (open ones stay recorded). */
  clearHolds(): void {
    this.finished.length = 0;
  }

  private began(id: string, executionId: number): void {
    if (!this.instrument) return;
    const i = id.indexOf(':');
    const current = this.instrument.executions.current();
    const origin = current.id === executionId ? current.origin : '';
    this.open.set(id, {
      scope: id.slice(0, i) as LockScope,
      key: id.slice(i + 1),
      executionId,
      origin,
      released: false,
      heldMs: 0,
      modelledMs: 0,
      serviceCalls: 0,
      spreadsheetCalls: 0,
      startedAt: performance.now(),
      modelledAt: this.modelledNow(),
    });
  }

  private ended(id: string): void {
    const hold = this.open.get(id);
    if (!hold) return;
    this.open.delete(id);
    this.finished.push({ ...hold, released: true, heldMs: performance.now() - hold.startedAt, modelledMs: this.modelledNow() - hold.modelledAt });
  }

  private modelledNow(): number {
    return this.instrument?.modelledMs?.() ?? 0;
  }

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
    this.ended(id);
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
    if (holder === undefined) this.began(id, executionId);
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
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _table: LockTable,
  ) {
    super('LockService', _ctx);
  }

  /** Works in custom functions too ("works, but not particularly useful", per the custom functions guide). */
  override _requiredAuth(): AuthModeName {
    return 'CUSTOM_FUNCTION';
  }

  /** ONE lock for the whole script project: an add-on's every user in every spreadsheet (developers.google.com/apps-script/reference/lock/lock-service). */
  getScriptLock(): GoogleAppsScript.Lock.Lock {
    return new LockImpl(this._ctx, this._table, 'script', this._ctx.options.scriptId)._api();
  }

  /** The execution's document's lock; null where there is no containing document (an add-on's time-driven run). */
  getDocumentLock(): GoogleAppsScript.Lock.Lock {
    const documentId = documentOf(this._ctx);
    if (documentId === null) return null as unknown as GoogleAppsScript.Lock.Lock;
    return new LockImpl(this._ctx, this._table, 'document', documentId)._api();
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

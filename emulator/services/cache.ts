import { EmulatorContext, documentOf } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { AuthModeName } from '../core/execution';
import { ServiceObject } from '../core/facade';

/**
 * CacheService (developers.google.com/apps-script/reference/cache/cache): keys up to
 * 250 characters, values up to 100 KB, expiry 1..21600 s (default 600), at most
 * 1000 items per cache (the oldest are evicted first). Expiry follows ctx.clock.
 */
export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_DEFAULT_EXPIRY_S = 600;
export const CACHE_MAX_EXPIRY_S = 21600;
export const CACHE_MAX_ITEMS = 1000;

export type CacheScope = 'script' | 'document' | 'user';

interface CacheEntry {
  value: string;
  expiresAt: number;
  createdAt: number;
}

export interface CacheState {
  /** "scope:key" -> entries; dates as ISO strings. */
  caches: Record<string, Record<string, { value: string; expiresAt: string; createdAt: string }>>;
}

export class CacheStores {
  private readonly caches = new Map<string, Map<string, CacheEntry>>();

  constructor(private readonly now: () => number) {}

  cache(scope: CacheScope, key = ''): Map<string, CacheEntry> {
    const id = `${scope}:${key}`;
    let c = this.caches.get(id);
    if (!c) {
      c = new Map();
      this.caches.set(id, c);
    }
    return c;
  }

  /** Live (unexpired) entries of one cache, for tests. */
  read(scope: CacheScope, key = ''): Record<string, string> {
    const now = this.now();
    const out: Record<string, string> = {};
    for (const [k, e] of this.cache(scope, key)) if (e.expiresAt > now) out[k] = e.value;
    return out;
  }

  clear(): void {
    this.caches.clear();
  }

  save(): CacheState {
    const now = this.now();
    const caches: CacheState['caches'] = {};
    for (const [id, c] of this.caches) {
      const entries: CacheState['caches'][string] = {};
      for (const [k, e] of c) {
        if (e.expiresAt <= now) continue;
        entries[k] = { value: e.value, expiresAt: new Date(e.expiresAt).toISOString(), createdAt: new Date(e.createdAt).toISOString() };
      }
      if (Object.keys(entries).length) caches[id] = entries;
    }
    return { caches };
  }

  load(state: unknown): void {
    this.caches.clear();
    const s = (state ?? {}) as Partial<CacheState>;
    for (const [id, entries] of Object.entries(s.caches ?? {})) {
      const c = new Map<string, CacheEntry>();
      for (const [k, e] of Object.entries(entries)) {
        c.set(k, { value: String(e.value), expiresAt: Date.parse(e.expiresAt), createdAt: Date.parse(e.createdAt) });
      }
      this.caches.set(id, c);
    }
  }
}

export class CacheServiceImpl extends ServiceObject implements Partial<GoogleAppsScript.Cache.CacheService> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _stores: CacheStores,
  ) {
    super('CacheService', _ctx);
  }

  /** Works in custom functions too ("works, but not particularly useful", per the custom functions guide). */
  override _requiredAuth(): AuthModeName {
    return 'CUSTOM_FUNCTION';
  }

  getScriptCache(): GoogleAppsScript.Cache.Cache {
    return new CacheImpl(this._ctx, this._stores, 'script', '')._api();
  }

  /** The execution's document's cache; null without a document (developers.google.com/apps-script/reference/cache/cache-service). */
  getDocumentCache(): GoogleAppsScript.Cache.Cache | null {
    const documentId = documentOf(this._ctx);
    if (documentId === null) return null;
    return new CacheImpl(this._ctx, this._stores, 'document', documentId)._api();
  }

  getUserCache(): GoogleAppsScript.Cache.Cache {
    return new CacheImpl(this._ctx, this._stores, 'user', this._ctx.executions.current().user)._api();
  }
}

export class CacheImpl extends ServiceObject implements Partial<GoogleAppsScript.Cache.Cache> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _stores: CacheStores,
    private readonly _scope: CacheScope,
    private readonly _key: string,
  ) {
    super('Cache', _ctx);
  }

  /** Works in custom functions too ("works, but not particularly useful", per the custom functions guide). */
  override _requiredAuth(): AuthModeName {
    return 'CUSTOM_FUNCTION';
  }

  private _cache(): Map<string, CacheEntry> {
    return this._stores.cache(this._scope, this._key);
  }

  private _checkKey(key: unknown): string {
    if (key === null || key === undefined) throw new AppsScriptException('Invalid argument: key');
    const k = String(key);
    if (k.length > CACHE_KEY_MAX_CHARS) throw new AppsScriptException('Argument too large: key');
    return k;
  }

  private _checkValue(value: unknown): string {
    if (value === null || value === undefined) throw new AppsScriptException('Invalid argument: value');
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > CACHE_VALUE_MAX_BYTES) throw new AppsScriptException('Argument too large: value');
    return v;
  }

  private _checkExpiry(expirationInSeconds: unknown): number {
    if (expirationInSeconds === undefined || expirationInSeconds === null) return CACHE_DEFAULT_EXPIRY_S;
    const s = Math.floor(Number(expirationInSeconds));
    if (!Number.isFinite(s) || s < 1) throw new AppsScriptException('Invalid argument: expirationInSeconds');
    if (s > CACHE_MAX_EXPIRY_S) throw new AppsScriptException('Argument too large: expirationInSeconds');
    return s;
  }

  private _live(key: string): CacheEntry | undefined {
    const c = this._cache();
    const e = c.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this._ctx.clock.nowMs()) {
      c.delete(key);
      return undefined;
    }
    return e;
  }

  private _put(entries: Array<[string, string]>, seconds: number): void {
    const c = this._cache();
    const now = this._ctx.clock.nowMs();
    for (const [k, v] of entries) {
      c.delete(k); // re-inserting moves it to the end of the eviction order
      c.set(k, { value: v, expiresAt: now + seconds * 1000, createdAt: now });
    }
    if (c.size > CACHE_MAX_ITEMS) {
      for (const [k, e] of c) if (e.expiresAt <= now) c.delete(k);
      // Observed behaviour: about 10% of the oldest items go at once when the cache is full.
      const excess = c.size - CACHE_MAX_ITEMS;
      if (excess > 0) {
        const drop = Math.max(excess, Math.ceil(CACHE_MAX_ITEMS / 10));
        let i = 0;
        for (const k of [...c.keys()]) {
          if (i++ >= drop) break;
          c.delete(k);
        }
      }
    }
  }

  get(key: string): string | null {
    return this._live(this._checkKey(key))?.value ?? null;
  }

  getAll(keys: string[]): Record<string, unknown> {
    if (!Array.isArray(keys)) throw new AppsScriptException('Invalid argument: keys');
    const out: Record<string, string> = {};
    for (const key of keys) {
      const e = this._live(this._checkKey(key));
      if (e) out[String(key)] = e.value;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    const k = this._checkKey(key);
    const v = this._checkValue(value);
    this._put([[k, v]], this._checkExpiry(expirationInSeconds));
  }

  putAll(values: Record<string, unknown>, expirationInSeconds?: number): void {
    if (!values || typeof values !== 'object') throw new AppsScriptException('Invalid argument: values');
    const seconds = this._checkExpiry(expirationInSeconds);
    const entries = Object.entries(values).map(([k, v]) => [this._checkKey(k), this._checkValue(v)] as [string, string]);
    this._put(entries, seconds);
  }

  remove(key: string): void {
    this._cache().delete(this._checkKey(key));
  }

  removeAll(keys: string[]): void {
    if (!Array.isArray(keys)) throw new AppsScriptException('Invalid argument: keys');
    for (const k of keys) this._cache().delete(this._checkKey(k));
  }
}

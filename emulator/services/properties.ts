import { EmulatorContext, documentOf } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { AuthModeName } from '../core/execution';
import { ServiceObject } from '../core/facade';

/**
 * PropertiesService: string key/value stores. Script properties are shared by the
 * project, document properties belong to the container document, user properties
 * to the user running the code. Quotas (developers.google.com/apps-script/guides/services/quotas):
 * 9 KB per value, 500 KB per store. Values are stored as strings.
 */
export const PROPERTY_VALUE_LIMIT_BYTES = 9 * 1024;
export const PROPERTY_STORE_LIMIT_BYTES = 500 * 1024;

export const PROPERTY_QUOTA_MESSAGE = 'You have exceeded the property storage quota. Please remove some properties and try again.';

export type PropertyScope = 'script' | 'document' | 'user';

export interface PropertiesState {
  script: Record<string, string>;
  /** By document (spreadsheet) id. */
  document: Record<string, Record<string, string>>;
  /** By user email. */
  user: Record<string, Record<string, string>>;
}

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Uncounted access to the stores, for the emulator and tests. */
export class PropertyStores {
  private script = new Map<string, string>();
  private readonly document = new Map<string, Map<string, string>>();
  private readonly user = new Map<string, Map<string, string>>();

  store(scope: PropertyScope, key = ''): Map<string, string> {
    if (scope === 'script') return this.script;
    const all = scope === 'document' ? this.document : this.user;
    let s = all.get(key);
    if (!s) {
      s = new Map();
      all.set(key, s);
    }
    return s;
  }

  /** Plain snapshot of one store. */
  read(scope: PropertyScope, key = ''): Record<string, string> {
    return Object.fromEntries(this.store(scope, key));
  }

  save(): PropertiesState {
    const group = (m: Map<string, Map<string, string>>) => Object.fromEntries([...m].filter(([, s]) => s.size > 0).map(([k, s]) => [k, Object.fromEntries(s)]));
    return { script: Object.fromEntries(this.script), document: group(this.document), user: group(this.user) };
  }

  load(state: unknown): void {
    const s = (state ?? {}) as Partial<PropertiesState>;
    this.script = new Map(Object.entries(s.script ?? {}).map(([k, v]) => [k, String(v)]));
    this.document.clear();
    this.user.clear();
    for (const [id, props] of Object.entries(s.document ?? {})) this.document.set(id, new Map(Object.entries(props).map(([k, v]) => [k, String(v)])));
    for (const [id, props] of Object.entries(s.user ?? {})) this.user.set(id, new Map(Object.entries(props).map(([k, v]) => [k, String(v)])));
  }
}

export class PropertiesServiceImpl extends ServiceObject implements Partial<GoogleAppsScript.Properties.PropertiesService> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _stores: PropertyStores,
  ) {
    super('PropertiesService', _ctx);
  }

  /** Custom functions may read properties (developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services). */
  override _requiredAuth(member: string): AuthModeName {
    return member.startsWith('get') ? 'CUSTOM_FUNCTION' : 'LIMITED';
  }

  getScriptProperties(): GoogleAppsScript.Properties.Properties {
    return new PropertiesImpl(this._ctx, this._stores, 'script', '')._api();
  }

  getDocumentProperties(): GoogleAppsScript.Properties.Properties {
    // No document (an add-on's time-driven run): Apps Script returns null.
    const documentId = documentOf(this._ctx);
    if (documentId === null) return null as unknown as GoogleAppsScript.Properties.Properties;
    return new PropertiesImpl(this._ctx, this._stores, 'document', documentId)._api();
  }

  getUserProperties(): GoogleAppsScript.Properties.Properties {
    return new PropertiesImpl(this._ctx, this._stores, 'user', this._ctx.executions.current().user)._api();
  }
}

export class PropertiesImpl extends ServiceObject implements Partial<GoogleAppsScript.Properties.Properties> {
  constructor(
    ctx: EmulatorContext,
    private readonly _stores: PropertyStores,
    private readonly _scope: PropertyScope,
    private readonly _key: string,
  ) {
    super('Properties', ctx);
  }

  /** Custom functions may read properties (developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services). */
  override _requiredAuth(member: string): AuthModeName {
    return member.startsWith('get') ? 'CUSTOM_FUNCTION' : 'LIMITED';
  }

  private _store(): Map<string, string> {
    return this._stores.store(this._scope, this._key);
  }

  private _checkKey(key: unknown): string {
    if (key === null || key === undefined || String(key) === '') throw new AppsScriptException('Invalid argument: key');
    return String(key);
  }

  /** Applies `changes` to a copy, checks the limits, then commits: a failing call changes nothing. */
  private _commit(next: Map<string, string>): void {
    let total = 0;
    for (const [k, v] of next) total += byteLength(k) + byteLength(v);
    if (total > PROPERTY_STORE_LIMIT_BYTES) throw new AppsScriptException(PROPERTY_QUOTA_MESSAGE);
    const store = this._store();
    store.clear();
    for (const [k, v] of next) store.set(k, v);
  }

  private _value(value: unknown): string {
    const v = String(value);
    if (byteLength(v) > PROPERTY_VALUE_LIMIT_BYTES) throw new AppsScriptException('Argument too large: value');
    return v;
  }

  getProperty(key: string): string | null {
    return this._store().get(String(key)) ?? null;
  }

  getProperties(): { [key: string]: string } {
    return Object.fromEntries(this._store());
  }

  getKeys(): string[] {
    return [...this._store().keys()];
  }

  setProperty(key: string, value: string): GoogleAppsScript.Properties.Properties {
    const k = this._checkKey(key);
    const next = new Map(this._store());
    next.set(k, this._value(value));
    this._commit(next);
    return this._api();
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): GoogleAppsScript.Properties.Properties {
    if (!properties || typeof properties !== 'object') throw new AppsScriptException('Invalid argument: properties');
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this._store());
    for (const [k, v] of Object.entries(properties)) next.set(this._checkKey(k), this._value(v));
    this._commit(next);
    return this._api();
  }

  deleteProperty(key: string): GoogleAppsScript.Properties.Properties {
    this._store().delete(String(key));
    return this._api();
  }

  deleteAllProperties(): GoogleAppsScript.Properties.Properties {
    this._store().clear();
    return this._api();
  }
}

import { CallCounter } from './calls';
import { AppsScriptException, notImplemented } from './errors';
import { AuthModeName, ExecutionContext, authAtLeast } from './execution';
import type { FaultInjector } from './faults';

/**
 * Every object the emulator hands to a script goes out through a facade: a Proxy
 * that counts each method call as "Type.method", checks the execution's AuthMode,
 * and throws `not implemented in emulator: Type.member` for anything the emulator
 * does not implement — so a script can never silently read `undefined` where
 * Google would have returned something. It is also where injected faults strike
 * (core/faults.ts): after the count and the AuthMode check, before the method runs; then
 * the execution's run-time limit is checked and the call's latency charged (core/latency.ts).
 *
 * What a facade exposes: the prototype methods and getters of the implementation
 * class, except names starting with `_` (the implementation's own helpers).
 */

export interface FacadeEnvironment {
  readonly calls: CallCounter;
  readonly executions: ExecutionContext;
  /**
   * Re-creates a thrown error in the script's own realm (a bundle runs in its own
   * V8 context, where a host Error would fail `instanceof Error`). Unset: errors pass as they are.
   */
  adaptError?: (thrown: unknown) => unknown;
  /** Injected failures (core/faults.ts); checked only while one is armed. */
  faults?: FaultInjector;
  /** The run-time limit and the latency model (core/latency.ts): charged for each counted call, before it runs. */
  timing?: { charge(name: string, target: object, args: unknown[]): void };
}

/** Names that JavaScript tooling probes on any object; they must read as absent, not throw. */
const INTROSPECTION = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'tagName',
  'constructor',
  '@@__IMMUTABLE_ITERABLE__@@',
  '@@__IMMUTABLE_RECORD__@@',
  '_isMockFunction',
  'inspect',
]);

const TARGET = Symbol('emulator.target');

export abstract class ServiceObject {
  private _facadeCache: unknown;

  protected constructor(
    /** Apps Script's name for this type, e.g. "Range" — the prefix of its call counts. */
    readonly _gasType: string,
    readonly _env: FacadeEnvironment,
  ) {}

  /** The least AuthMode that may call `member`; LIMITED unless a service says otherwise. */
  _requiredAuth(_member: string): AuthModeName {
    return 'LIMITED';
  }

  /** The proxy scripts see. One per object, so identity comparisons behave. */
  _api<T>(): T {
    if (!this._facadeCache) this._facadeCache = createFacade(this);
    return this._facadeCache as T;
  }
}

function createFacade(target: ServiceObject): unknown {
  const exposed = exposedMembers(target);
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (prop === TARGET) return obj;
      if (typeof prop === 'symbol') return Reflect.get(obj, prop, receiver);
      if (prop === 'toString') return () => obj._gasType;
      const kind = exposed.get(prop);
      if (!kind) {
        if (INTROSPECTION.has(prop)) return undefined;
        return notImplemented(`${obj._gasType}.${prop}`);
      }
      if (kind === 'getter') return Reflect.get(obj, prop, obj);
      const method = Reflect.get(obj, prop, obj) as (...args: unknown[]) => unknown;
      const name = `${obj._gasType}.${prop}`;
      return function emulatedMethod(...args: unknown[]) {
        const env = obj._env;
        env.calls.record(name, obj);
        const needed = obj._requiredAuth(prop);
        const mode = env.executions.current().authMode;
        if (!authAtLeast(mode, needed)) {
          throw new AppsScriptException(`You do not have permission to call ${name}. It needs AuthMode ${needed}; this execution runs in AuthMode ${mode}.`);
        }
        try {
          const faults = env.faults;
          if (faults !== undefined && faults.armed) faults.check(name, obj, args);
          const timing = env.timing;
          if (timing !== undefined) timing.charge(name, obj, args);
          return method.apply(obj, args);
        } catch (thrown) {
          throw env.adaptError ? env.adaptError(thrown) : thrown;
        }
      };
    },
    set(obj, prop) {
      return notImplemented(`${obj._gasType}.${String(prop)} (assignment)`);
    },
    has(_obj, prop) {
      return typeof prop === 'string' && exposed.has(prop);
    },
  });
}

const memberCache = new WeakMap<object, Map<string, 'method' | 'getter'>>();

function exposedMembers(target: ServiceObject): Map<string, 'method' | 'getter'> {
  const proto = Object.getPrototypeOf(target) as object;
  const cached = memberCache.get(proto);
  if (cached) return cached;
  const members = new Map<string, 'method' | 'getter'>();
  for (let p: object | null = proto; p && p !== ServiceObject.prototype && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (name === 'constructor' || name.startsWith('_') || members.has(name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(p, name);
      if (!descriptor) continue;
      if (descriptor.get) members.set(name, 'getter');
      else if (typeof descriptor.value === 'function') members.set(name, 'method');
    }
  }
  memberCache.set(proto, members);
  return members;
}

/**
 * What a facade is, for a harness that mirrors facades in another thread
 * (emulator/concurrency): the implementation behind it, its Apps Script type name
 * and the members it exposes. Undefined for anything that is not a facade.
 */
export function describeFacade(value: unknown): { target: ServiceObject; type: string; members: ReadonlyMap<string, 'method' | 'getter'> } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const target = (value as Record<symbol, unknown>)[TARGET];
  if (!(target instanceof ServiceObject)) return undefined;
  return { target, type: target._gasType, members: exposedMembers(target) };
}

/** Names a facade reads as absent (undefined) instead of throwing "not implemented". */
export const FACADE_INTROSPECTION_NAMES: readonly string[] = [...INTROSPECTION];

/** The implementation behind a facade a script handed back (e.g. a Range passed as an argument). */
export function unwrap<T extends ServiceObject>(value: unknown, expected: abstract new (...args: never[]) => T, what: string): T {
  const target = value && typeof value === 'object' ? (value as Record<symbol, unknown>)[TARGET] : undefined;
  if (target instanceof expected) return target;
  if (value instanceof expected) return value;
  throw new AppsScriptException(`Invalid argument: ${what}`);
}

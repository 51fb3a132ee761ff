import * as vm from 'node:vm';
import { ScriptHost } from './core/context';
import { clockDate } from './core/clock-date';
import { ExecutionContext } from './core/execution';

/**
 * Names a bare Apps Script V8 runtime does not have. A vm context starts with
 * only ECMAScript's built-ins; these are checked as absent by the bundle tests.
 */
export const NODE_ONLY_GLOBALS = [
  'require',
  'process',
  'module',
  'exports',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'TextEncoder',
  'TextDecoder',
  'atob',
  'btoa',
  'fetch',
  'URL',
  'Buffer',
  'crypto',
  'window',
];

/**
 * Loads a built Code.js into a fresh V8 context that holds only the Apps Script
 * globals — what Google's runtime gives a script. `Date` is the host's so that
 * Dates the emulator returns pass `instanceof Date` inside the script, as they
 * would in Apps Script where there is one realm; its "now" is the emulator's clock.
 */
export function createBundleContext(code: string, globals: Record<string, unknown>, filename = 'Code.js', nowMs: () => number = Date.now): vm.Context {
  const sandbox: Record<string, unknown> = { ...globals, Date: clockDate(nowMs) };
  const context = vm.createContext(sandbox, { name: 'apps-script', codeGeneration: { strings: true, wasm: false } });
  for (const name of NODE_ONLY_GLOBALS) {
    if (name in context && !(name in globals)) delete (context as Record<string, unknown>)[name];
  }
  compiledScript(code, filename).runInContext(context);
  return context;
}

let lastCompiled: { code: string; filename: string; script: vm.Script } | undefined;

/**
 * The bundle compiled once and run in each new context (as many emulators load the same
 * Code.js): V8 then shares the functions' compiled code between contexts instead of
 * compiling them again in each. Every context still runs the script's top level afresh.
 */
function compiledScript(code: string, filename: string): vm.Script {
  if (lastCompiled?.code !== code || lastCompiled.filename !== filename) lastCompiled = { code, filename, script: new vm.Script(code, { filename }) };
  return lastCompiled.script;
}

/** Makes host errors thrown at a script look like its own: same name and message, the script realm's Error. */
export function errorAdapterFor(context: vm.Context): (thrown: unknown) => unknown {
  const ScriptError = vm.runInContext('Error', context) as ErrorConstructor;
  return (thrown) => {
    if (thrown instanceof ScriptError || !thrown || typeof thrown !== 'object') return thrown;
    const { name, message } = thrown as { name?: unknown; message?: unknown };
    if (typeof message !== 'string') return thrown;
    const adapted = new ScriptError(message);
    adapted.name = typeof name === 'string' ? name : 'Error';
    return adapted;
  };
}

/**
 * Re-creates the plain objects and arrays of `value` (the emulator's, made in Node's
 * realm) in the script's realm, so an event object passes `e.values instanceof Array`
 * and `e.namedValues instanceof Object` there, as in Apps Script's single realm.
 * Anything else (facades, enum values, Dates, the script's own objects) is passed as is.
 */
export function adopterFor(context: vm.Context): (value: unknown) => unknown {
  const make = vm.runInContext('({ object: function () { return {}; }, array: function () { return []; } })', context) as { object(): Record<string, unknown>; array(): unknown[] };
  const adopt = (value: unknown, seen: Map<object, unknown>): unknown => {
    if (!value || typeof value !== 'object') return value;
    const proto = Object.getPrototypeOf(value) as unknown;
    const isArray = proto === Array.prototype && Array.isArray(value);
    if (!isArray && proto !== Object.prototype) return value;
    const done = seen.get(value);
    if (done) return done;
    if (isArray) {
      const out = make.array();
      seen.set(value, out);
      for (const item of value as unknown[]) out.push(adopt(item, seen));
      return out;
    }
    const out = make.object();
    seen.set(value, out);
    for (const key of Object.keys(value)) out[key] = adopt((value as Record<string, unknown>)[key], seen);
    return out;
  };
  return (value) => adopt(value, new Map());
}

/** Calls the functions a loaded bundle declared at top level. */
export class BundleScriptHost implements ScriptHost {
  private readonly adopt: (value: unknown) => unknown;

  constructor(
    readonly context: vm.Context,
    private readonly executions: ExecutionContext,
    private readonly injected: ReadonlySet<string>,
  ) {
    this.adopt = adopterFor(context);
  }

  /**
   * Whether the script itself declared `name` at top level: the script's own
   * enumerable global, not a built-in (non-enumerable) or a global the emulator injected.
   */
  has(name: string): boolean {
    if (this.injected.has(name)) return false;
    const descriptor = Object.getOwnPropertyDescriptor(this.context, name);
    return !!descriptor && descriptor.enumerable === true && typeof descriptor.value === 'function';
  }

  /** The functions google.script.run, menus and triggers may call (names ending in _ are private). */
  publicFunctionNames(): string[] {
    return Object.keys(this.context)
      .filter((name) => !name.endsWith('_') && this.has(name))
      .sort();
  }

  invoke(name: string, args: unknown[], execution: Parameters<ScriptHost['invoke']>[2]): unknown {
    if (!this.has(name)) throw new Error(`Script function not found: ${name}`);
    const fn = (this.context as Record<string, unknown>)[name];
    // Arguments (trigger events above all) arrive as the script realm's own objects.
    const adopted = args.map((arg) => this.adopt(arg));
    return this.executions.run(execution, () => (fn as (...a: unknown[]) => unknown)(...adopted));
  }
}

/** Calls functions of the TypeScript sources directly (integration tests without a build). */
export class InProcessScriptHost implements ScriptHost {
  constructor(
    private readonly functions: () => Record<string, unknown>,
    private readonly executions: ExecutionContext,
  ) {}

  has(name: string): boolean {
    return typeof this.functions()[name] === 'function';
  }

  invoke(name: string, args: unknown[], execution: Parameters<ScriptHost['invoke']>[2]): unknown {
    const fn = this.functions()[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    return this.executions.run(execution, () => (fn as (...a: unknown[]) => unknown)(...args));
  }
}

import * as vm from 'node:vm';
import { ScriptHost } from './core/context';
import { ExecutionContext } from './core/execution';

/**
 * Names a bare Apps Script V8 runtime does not have. A vm context starts with
 * only ECMAScript's built-ins; these are checked as absent by the bundle tests.
 */
export const NODE_ONLY_GLOBALS = ['require', 'process', 'module', 'exports', 'setTimeout', 'setInterval', 'setImmediate', 'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'fetch', 'URL', 'Buffer', 'crypto', 'window'];

/**
 * Loads a built Code.js into a fresh V8 context that holds only the Apps Script
 * globals — what Google's runtime gives a script. `Date` is the host's so that
 * Dates the emulator returns pass `instanceof Date` inside the script, as they
 * would in Apps Script where there is one realm.
 */
export function createBundleContext(code: string, globals: Record<string, unknown>, filename = 'Code.js'): vm.Context {
  const sandbox: Record<string, unknown> = { ...globals, Date };
  const context = vm.createContext(sandbox, { name: 'apps-script', codeGeneration: { strings: true, wasm: false } });
  for (const name of NODE_ONLY_GLOBALS) {
    if (name in context && !(name in globals)) delete (context as Record<string, unknown>)[name];
  }
  new vm.Script(code, { filename }).runInContext(context);
  return context;
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

/** Calls the functions a loaded bundle declared at top level. */
export class BundleScriptHost implements ScriptHost {
  constructor(readonly context: vm.Context, private readonly executions: ExecutionContext, private readonly injected: ReadonlySet<string>) {}

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
    return Object.keys(this.context).filter((name) => !name.endsWith('_') && this.has(name)).sort();
  }

  invoke(name: string, args: unknown[], execution: Parameters<ScriptHost['invoke']>[2]): unknown {
    if (!this.has(name)) throw new Error(`Script function not found: ${name}`);
    const fn = (this.context as Record<string, unknown>)[name];
    return this.executions.run(execution, () => (fn as (...a: unknown[]) => unknown)(...args));
  }
}

/** Calls functions of the TypeScript sources directly (integration tests without a build). */
export class InProcessScriptHost implements ScriptHost {
  constructor(private readonly functions: () => Record<string, unknown>, private readonly executions: ExecutionContext) {}

  has(name: string): boolean {
    return typeof this.functions()[name] === 'function';
  }

  invoke(name: string, args: unknown[], execution: Parameters<ScriptHost['invoke']>[2]): unknown {
    const fn = this.functions()[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    return this.executions.run(execution, () => (fn as (...a: unknown[]) => unknown)(...args));
  }
}

import { argumentsForTransfer, isFormElement, Transferable } from '../transfer';
import { formFields } from './form-fields';
import type { ServerReply } from './protocol';

/**
 * google.script.run and google.script.host for add-on HTML served by the local
 * workspace, following Google's client-side rules
 * (developers.google.com/apps-script/guides/html/reference/run):
 *  - `google.script.run` is a runner; each `with*` returns a NEW runner and leaves
 *    the original unchanged;
 *  - `runner.serverFunction(...args)` returns undefined at once; handlers always run
 *    later, never inside the call;
 *  - arguments are copied by the rules in ../transfer (a Date, function, DOM node or
 *    circular object fails the call); a <form> is allowed as the only argument;
 *  - names ending in `_` are private: the call fails with "Script function not found";
 *  - failure handlers get (error, userObject), success handlers (value, userObject);
 *    a failure without a handler goes to the console;
 *  - at most 10 calls are in flight; later calls wait in order.
 * The transport (postMessage to the workspace page, or a fake in tests) is injected.
 */
export type SuccessHandler = (value: unknown, userObject?: unknown) => void;
export type FailureHandler = (error: Error, userObject?: unknown) => void;

export interface ScriptRunner {
  withSuccessHandler(handler: SuccessHandler): ScriptRunner;
  withFailureHandler(handler: FailureHandler): ScriptRunner;
  withUserObject(userObject: unknown): ScriptRunner;
  /** Any other name calls the server function of that name. */
  [functionName: string]: unknown;
}

export interface ScriptHostApi {
  readonly origin: string;
  close(): void;
  setHeight(height: number): void;
  setWidth(width: number): void;
  readonly editor: { focus(): void };
}

export interface GoogleScriptApi {
  readonly script: { readonly run: ScriptRunner; readonly host: ScriptHostApi };
}

/** What the embedding page does for google.script.host. */
export interface HostBridge {
  close(): void;
  focusEditor(): void;
  setHeight(height: number): void;
  setWidth(width: number): void;
}

export interface GasShimOptions {
  /** Runs a server function; resolves with the server's reply, rejects if the call could not be delivered. */
  transport: (name: string, args: Transferable[]) => Promise<ServerReply>;
  host: HostBridge;
  /** Google documents at most 10 simultaneous calls. */
  maxInFlight?: number;
  /** Schedules a task for later (failures detected before sending still arrive asynchronously). */
  defer?: (task: () => void) => void;
  /** Where a failure with no failure handler goes. */
  reportUnhandledFailure?: (error: Error) => void;
  /** Where an exception thrown by a handler goes (the browser reports it as uncaught). */
  reportHandlerError?: (error: unknown) => void;
}

interface RunnerConfig {
  readonly success: SuccessHandler | null;
  readonly failure: FailureHandler | null;
  readonly userObject: unknown;
}

interface PendingCall {
  readonly name: string;
  readonly args: Transferable[];
  readonly config: RunnerConfig;
}

const RUNNER_METHODS = ['withSuccessHandler', 'withFailureHandler', 'withUserObject'] as const;
/** Names that must not look like server functions: awaiting, JSON.stringify and coercion probe them. */
const NOT_SERVER_FUNCTIONS = new Set(['then', 'toJSON', 'toString', 'valueOf', 'constructor']);

export const DEFAULT_MAX_IN_FLIGHT = 10;

export function scriptFunctionNotFound(name: string): Error {
  return namedError('Error', `Script function not found: ${name}`);
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function asError(e: unknown): Error {
  if (e instanceof Error) return e;
  const like = e as { name?: unknown; message?: unknown } | null;
  if (like && typeof like === 'object' && typeof like.message === 'string') return namedError(String(like.name ?? 'Error'), like.message);
  return namedError('Error', String(e));
}

export function createGoogleScript(options: GasShimOptions): GoogleScriptApi {
  const maxInFlight = Math.max(1, options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
  const defer = options.defer ?? ((task: () => void) => void setTimeout(task, 0));
  const reportUnhandledFailure = options.reportUnhandledFailure ?? ((error: Error) => console.error(error));
  const reportHandlerError =
    options.reportHandlerError ??
    ((error: unknown) =>
      defer(() => {
        throw error;
      }));

  const queue: PendingCall[] = [];
  let inFlight = 0;

  function callHandler(run: () => void): void {
    try {
      run();
    } catch (e) {
      reportHandlerError(e);
    }
  }

  function fail(config: RunnerConfig, error: Error): void {
    const handler = config.failure;
    if (handler) callHandler(() => handler(error, config.userObject));
    else reportUnhandledFailure(error);
  }

  function succeed(config: RunnerConfig, value: unknown): void {
    const handler = config.success;
    if (handler) callHandler(() => handler(value, config.userObject));
  }

  function pump(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      const call = queue.shift() as PendingCall;
      inFlight++;
      options
        .transport(call.name, call.args)
        .then(
          (reply) => (reply.ok ? succeed(call.config, reply.value) : fail(call.config, namedError(reply.error.name, reply.error.message))),
          (e: unknown) => fail(call.config, asError(e)),
        )
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  }

  function dispatch(config: RunnerConfig, name: string, args: unknown[]): void {
    let payload: Transferable[];
    try {
      if (name.endsWith('_')) throw scriptFunctionNotFound(name);
      payload = args.length === 1 && isFormElement(args[0]) ? [formFields(args[0] as { elements: ArrayLike<unknown> })] : argumentsForTransfer(args);
    } catch (e) {
      const error = asError(e);
      defer(() => fail(config, error));
      return;
    }
    queue.push({ name, args: payload, config });
    // Sending waits a tick too, so nothing observable happens inside the caller's statement.
    defer(pump);
  }

  function makeRunner(config: RunnerConfig): ScriptRunner {
    const methods = {
      withSuccessHandler(handler: SuccessHandler): ScriptRunner {
        if (typeof handler !== 'function') throw new TypeError('withSuccessHandler expects a function');
        return makeRunner({ ...config, success: handler });
      },
      withFailureHandler(handler: FailureHandler): ScriptRunner {
        if (typeof handler !== 'function') throw new TypeError('withFailureHandler expects a function');
        return makeRunner({ ...config, failure: handler });
      },
      withUserObject(userObject: unknown): ScriptRunner {
        return makeRunner({ ...config, userObject });
      },
    };
    const target = Object.create(null) as Record<string, unknown>;
    return new Proxy(target, {
      get(_target, property) {
        if (typeof property !== 'string' || NOT_SERVER_FUNCTIONS.has(property)) return undefined;
        if ((RUNNER_METHODS as readonly string[]).includes(property)) return methods[property as (typeof RUNNER_METHODS)[number]];
        return (...args: unknown[]): void => {
          dispatch(config, property, args);
        };
      },
      has(_target, property) {
        return typeof property === 'string' && !NOT_SERVER_FUNCTIONS.has(property);
      },
      set() {
        return false;
      },
      defineProperty() {
        return false;
      },
      deleteProperty() {
        return false;
      },
      ownKeys() {
        return [];
      },
    }) as ScriptRunner;
  }

  const host: ScriptHostApi = Object.freeze({
    origin: 'https://docs.google.com',
    close: () => options.host.close(),
    setHeight: (height: number) => options.host.setHeight(Number(height)),
    setWidth: (width: number) => options.host.setWidth(Number(width)),
    editor: Object.freeze({ focus: () => options.host.focusEditor() }),
  });

  return Object.freeze({ script: Object.freeze({ run: makeRunner({ success: null, failure: null, userObject: undefined }), host }) });
}

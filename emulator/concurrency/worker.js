// @ts-check
'use strict';
/**
 * One Apps Script execution in its own thread (see ./index.ts for the design).
 *
 * The script runs in a bare vm context holding only the Apps Script globals, as
 * emulator/script-host.ts loads it. Those globals — and every service object they
 * return — are Proxies that forward each call SYNCHRONOUSLY to the main thread:
 * post the request on a MessagePort, block on a SharedArrayBuffer with
 * Atomics.wait until the main thread has replied, then read the reply with
 * receiveMessageOnPort (the synckit pattern). The main thread performs the call on
 * the real emulator facades inside this execution.
 *
 * Plain JavaScript (CommonJS, no dependencies) so Node can start it as a worker
 * under ts-jest; the wire format is shared with ./handles.ts.
 */
const { workerData } = require('node:worker_threads');
const { receiveMessageOnPort } = require('node:worker_threads');
const vm = require('node:vm');

/**
 * @typedef {{ kind: 'facade' | 'object' | 'function', name: string, members: Array<[string, 'method' | 'getter']> }} TypeDescriptor
 * @typedef {{ ok: true, value: unknown } | { ok: false, error: { name: string, message: string } } | { abort: string }} Reply
 */

const HANDLE = '\u0000gas:handle';
const FROZEN = '\u0000gas:frozen';

/** @type {import('node:worker_threads').MessagePort} */
const port = workerData.port;
const signal = new Int32Array(/** @type {SharedArrayBuffer} */ (workerData.signal));
/** @type {Set<string>} */
const introspection = new Set(workerData.introspection);

/** @type {Map<number, TypeDescriptor>} */
const types = new Map();
/** Proxies (and frozen objects) by handle id, so the same main-thread object is the same object here. */
/** @type {Map<number, object>} */
const byId = new Map();
/** @type {WeakMap<object, number>} */
const idOf = new WeakMap();

/**
 * Sends one request and blocks until the main thread answers.
 * @param {Record<string, unknown>} request
 * @returns {unknown}
 */
function rpc(request) {
  Atomics.store(signal, 0, 0);
  port.postMessage({ type: 'call', ...request });
  for (;;) {
    Atomics.wait(signal, 0, 0);
    const got = receiveMessageOnPort(port);
    if (!got) continue;
    Atomics.store(signal, 0, 0);
    const reply = /** @type {Reply} */ (got.message);
    if ('abort' in reply) throw new Error(reply.abort);
    if (reply.ok) return decode(reply.value, new Map());
    throw makeError(reply.error.name, reply.error.message);
  }
}

/**
 * An Error as the script would have seen it in one thread: same message, same name
 * ("Exception" for Apps Script service errors).
 * @param {string} name
 * @param {string} message
 */
function makeError(name, message) {
  /** @type {Record<string, ErrorConstructor>} */
  const builtins = { TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };
  const Ctor = builtins[name] || Error;
  const error = new Ctor(message);
  if (error.name !== name) {
    Object.defineProperty(error, 'name', { value: name, configurable: true, writable: true, enumerable: false });
  }
  return error;
}

/**
 * @param {number} id
 * @param {TypeDescriptor} type
 * @returns {object}
 */
function proxyFor(id, type) {
  const existing = byId.get(id);
  if (existing) return existing;
  const members = new Map(type.members);
  /** @param {string} name */
  const stub = (name) =>
    function emulatedMethod(/** @type {unknown[]} */ ...args) {
      return rpc({ op: 'call', h: id, name, args: encodeArgs(args) });
    };
  /** @type {ProxyHandler<any>} */
  let handler;
  if (type.kind === 'function') {
    handler = {
      apply(_target, _self, args) {
        return rpc({ op: 'apply', h: id, args: encodeArgs(args) });
      },
    };
  } else if (type.kind === 'facade') {
    // Mirrors core/facade.ts: getters read, methods call, anything else is "not implemented".
    handler = {
      get(_target, prop) {
        if (typeof prop === 'symbol') return undefined;
        if (prop === 'toString') return () => type.name;
        const kind = members.get(prop);
        if (kind === 'getter') return rpc({ op: 'get', h: id, name: prop });
        if (kind === 'method') return stub(prop);
        if (introspection.has(prop)) return undefined;
        throw new Error(`not implemented in emulator: ${type.name}.${prop}`);
      },
      set(_target, prop) {
        throw new Error(`not implemented in emulator: ${type.name}.${String(prop)} (assignment)`);
      },
      has(_target, prop) {
        return typeof prop === 'string' && members.has(prop);
      },
    };
  } else {
    // Any other object with behaviour (an enum value): methods call, everything else is read there.
    handler = {
      get(_target, prop) {
        if (typeof prop === 'symbol') return undefined;
        if (members.get(prop) === 'method') return stub(prop);
        if (!members.has(prop) && prop in Object.prototype) return /** @type {Record<string, unknown>} */ (Object.prototype)[prop];
        return rpc({ op: 'get', h: id, name: prop });
      },
      set(_target, prop, value) {
        rpc({ op: 'set', h: id, name: String(prop), args: encodeArgs([value]) });
        return true;
      },
    };
  }
  const target = type.kind === 'function' ? function emulatedFunction() {} : {};
  const proxy = new Proxy(target, handler);
  byId.set(id, proxy);
  idOf.set(proxy, id);
  return proxy;
}

/**
 * Main thread → this thread: handles become proxies, frozen objects are rebuilt once per id.
 * @param {unknown} value
 * @param {Map<object, unknown>} memo
 * @returns {unknown}
 */
function decode(value, memo) {
  if (value === null || typeof value !== 'object') return value;
  const known = memo.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    /** @type {unknown[]} */
    const out = [];
    memo.set(value, out);
    for (let i = 0; i < value.length; i++) out[i] = decode(value[i], memo);
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value; // Date, Map, typed array…: cloned as is
  const record = /** @type {Record<string, any>} */ (value);
  if (HANDLE in record) {
    const id = /** @type {number} */ (record[HANDLE]);
    if (record.d) types.set(record.t, record.d);
    const type = types.get(record.t);
    if (!type) throw new Error(`emulator/concurrency: no description of type ${record.t}`);
    return proxyFor(id, type);
  }
  if (FROZEN in record) {
    const id = /** @type {number} */ (record[FROZEN]);
    const existing = byId.get(id);
    if (existing) return existing;
    const out = /** @type {Record<string, unknown>} */ (decode(record.v, memo));
    Object.freeze(out);
    byId.set(id, out);
    idOf.set(out, id);
    return out;
  }
  /** @type {Record<string, unknown>} */
  const out = {};
  memo.set(value, out);
  for (const key of Object.keys(record)) out[key] = decode(record[key], memo);
  return out;
}

const CLONED_AS_IS = new Set(['[object Date]', '[object RegExp]', '[object Map]', '[object Set]', '[object ArrayBuffer]', '[object Error]', '[object Boolean]', '[object Number]', '[object String]']);

/**
 * This thread → main thread: proxies become handle references; everything else is copied.
 * Objects from the script's realm are copied key by key (structured clone keeps own data only).
 * @param {unknown} value
 * @param {Map<object, unknown>} memo
 * @returns {unknown}
 */
function encode(value, memo) {
  if (typeof value === 'function') {
    const id = idOf.get(value);
    if (id !== undefined) return { [HANDLE]: id };
    throw new TypeError('emulator/concurrency: a function cannot be passed between the script and an emulated service');
  }
  if (value === null || typeof value !== 'object') return value;
  const id = idOf.get(value);
  if (id !== undefined) return { [HANDLE]: id };
  const known = memo.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    /** @type {unknown[]} */
    const out = [];
    memo.set(value, out);
    for (let i = 0; i < value.length; i++) out[i] = encode(value[i], memo);
    return out;
  }
  if (ArrayBuffer.isView(value) || CLONED_AS_IS.has(Object.prototype.toString.call(value))) return value;
  /** @type {Record<string, unknown>} */
  const out = {};
  memo.set(value, out);
  for (const key of Object.keys(value)) out[key] = encode(/** @type {Record<string, unknown>} */ (value)[key], memo);
  return out;
}

/** @param {unknown[]} args */
function encodeArgs(args) {
  return /** @type {unknown[]} */ (encode(args, new Map()));
}

/**
 * What the script threw, as { name, message }.
 * @param {unknown} thrown
 */
function describeThrown(thrown) {
  if (thrown && typeof thrown === 'object') {
    const e = /** @type {{ name?: unknown, message?: unknown }} */ (thrown);
    if (typeof e.message === 'string') return { name: typeof e.name === 'string' ? e.name : 'Error', message: e.message };
  }
  return { name: 'Error', message: String(thrown) };
}

/**
 * The host's Date (Dates cross between emulator and script as one realm) whose
 * "now" is the emulator's clock at the start of this execution (see core/clock-date.ts).
 * @param {number} nowMs
 * @returns {DateConstructor}
 */
function clockDate(nowMs) {
  return new Proxy(Date, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [nowMs] : args, newTarget),
    apply: () => new Date(nowMs).toString(),
    get: (target, property, receiver) => (property === 'now' ? () => nowMs : Reflect.get(target, property, receiver)),
  });
}

function main() {
  /** @type {Record<string, unknown>} */
  const globals = /** @type {Record<string, unknown>} */ (decode(workerData.globals, new Map()));
  const sandbox = { ...globals, Date: clockDate(/** @type {number} */ (workerData.clockMs)) };
  const context = vm.createContext(sandbox, { name: 'apps-script', codeGeneration: { strings: true, wasm: false } });
  for (const name of /** @type {string[]} */ (workerData.nodeOnlyGlobals)) {
    if (name in context && !(name in globals)) delete context[name];
  }
  /** @type {{ ok: boolean, value?: unknown, error?: { name: string, message: string } }} */
  let outcome;
  try {
    new vm.Script(workerData.code, { filename: workerData.filename }).runInContext(context);
    const name = /** @type {string} */ (workerData.name);
    const fn = context[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    const args = /** @type {unknown[]} */ (decode(workerData.args, new Map()));
    const value = fn(...args);
    outcome = { ok: true, value: encode(value, new Map()) };
  } catch (thrown) {
    outcome = { ok: false, error: describeThrown(thrown) };
  }
  try {
    port.postMessage({ type: 'done', ...outcome });
  } catch (thrown) {
    port.postMessage({ type: 'done', ok: false, error: { name: 'DataCloneError', message: `the function's return value cannot be copied back: ${describeThrown(thrown).message}` } });
  }
}

main();

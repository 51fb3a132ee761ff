import path from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { Emulator } from '../emulator';
import { authAtLeast } from '../core/execution';
import { FACADE_INTROSPECTION_NAMES, describeFacade } from '../core/facade';
import { LockImpl } from '../services/lock';
import { NODE_ONLY_GLOBALS } from '../script-host';
import { HandleTable } from './handles';
import { CallMessage, LockWaiter, Reply, Runner, WorkerMessage, messageOf, nameOf, performCall } from './runner';
import { ConcurrentCall, ConcurrentEvent, ConcurrentOptions, ConcurrentResult } from './types';

export type { ConcurrentCall, ConcurrentEvent, ConcurrentOptions, ConcurrentResult, InterleaveMode } from './types';

/**
 * Real contention between executions of one script.
 *
 * Apps Script runs up to 30 executions of a script at once against the same
 * spreadsheet; LockService exists because they race. runConcurrently runs N calls
 * of the script at the same time, each in its own worker thread and its own
 * emulator execution, against ONE emulator:
 *
 * - Each worker loads the script into a bare vm context whose Apps Script globals
 *   are proxies; every service call blocks the worker (Atomics.wait) while the main
 *   thread performs it on the real facades inside that worker's execution — so it
 *   is counted, AuthMode and protection apply, and locks belong to that execution.
 * - Executions therefore interleave at service-call boundaries. With
 *   `interleave: 'round-robin'` (the default) the main thread serves calls in
 *   strict rotation among the executions that can run, so a race shows up every
 *   time; with 'free' it serves calls as they arrive.
 * - Lock.waitLock/tryLock on a lock another execution holds really waits: the
 *   reply is deferred until the holder releases it (releaseLock, or its execution
 *   ending), first come first served; a real-time timer of `timeout × timeScale` ms
 *   ends the wait as Apps Script does (waitLock throws "Lock timeout: …", tryLock
 *   returns false; the emulator's clock advances by the timeout, as in one thread).
 * - Utilities.sleep(ms) really sleeps `ms × timeScale` ms (the execution is not
 *   runnable meanwhile); the emulator's clock advances by ms as in one thread.
 */

const WORKER_FILE = path.join(__dirname, 'worker.js');

/**
 * Runs the calls at the same time, each in its own execution and worker thread,
 * against `emu`. Resolves with one result per call, in the order of `calls`,
 * once every function has returned or thrown; rejects only if the whole run
 * exceeds `timeoutMs`.
 */
export function runConcurrently(emu: Emulator, code: string, calls: ConcurrentCall[], options: ConcurrentOptions = {}): Promise<ConcurrentResult[]> {
  const interleave = options.interleave ?? 'round-robin';
  const timeScale = options.timeScale ?? 1;
  const timeoutMs = options.timeoutMs ?? 30000;
  if (interleave !== 'round-robin' && interleave !== 'free') return Promise.reject(new Error(`runConcurrently: unknown interleave mode ${String(interleave)}`));
  if (!(timeScale >= 0) || !Number.isFinite(timeScale)) return Promise.reject(new Error('runConcurrently: timeScale must be a finite number >= 0'));
  for (const call of calls) {
    if (call.name.endsWith('_')) return Promise.reject(new Error(`Script function not found: ${call.name} (names ending in _ are private)`));
  }
  if (calls.length === 0) return Promise.resolve([]);

  return new Promise<ConcurrentResult[]>((resolve, reject) => {
    const executions = emu.executions;
    const locks = emu.services.locks;
    const handles = new HandleTable();
    const globals = emu.globals();
    const runners: Runner[] = [];
    const waiters: LockWaiter[] = [];
    /** Arrival order of unserved messages, for 'free'. */
    const arrivals: Runner[] = [];
    let turn = 0;
    let seq = 0;
    let settled = false;
    let pumping = false;
    let grantScheduled = false;

    const emit = (runner: Runner, kind: ConcurrentEvent['kind'], detail: string) => {
      try {
        options.onEvent?.({ seq: seq++, index: runner.index, executionId: runner.execution.id, kind, detail });
      } catch (thrown) {
        // A failing listener stops the run (rather than leaving the scheduler half-way through a step).
        queueMicrotask(() => {
          if (settled) return;
          cleanup();
          reject(thrown instanceof Error ? thrown : new Error(messageOf(thrown)));
        });
      }
    };

    const reply = (runner: Runner, message: Reply) => {
      if (runner.state === 'done') return;
      try {
        runner.port.postMessage(message);
      } catch (thrown) {
        // The value could not be cloned (e.g. a Map holding facades): the script sees the failure.
        runner.port.postMessage({ ok: false, error: { name: 'Error', message: `emulator/concurrency: cannot copy the result to the script: ${messageOf(thrown)}` } });
      }
      Atomics.store(runner.signal, 0, 1);
      Atomics.notify(runner.signal, 0);
    };

    /** Performs one operation on a main-thread object inside the runner's execution. */
    const perform = (runner: Runner, op: CallMessage['op'], target: object, name: string | undefined, args: unknown[]): Reply => performCall(executions, handles, runner, op, target, name, args);

    const finish = (runner: Runner, result: Omit<ConcurrentResult, 'name' | 'executionId'>) => {
      if (runner.state === 'done') return;
      runner.state = 'done';
      runner.inbox = null;
      if (runner.timer) clearTimeout(runner.timer);
      runner.timer = null;
      const w = waiters.findIndex((x) => x.runner === runner);
      if (w >= 0) waiters.splice(w, 1);
      runner.result = { name: runner.call.name, executionId: runner.execution.id, ...result };
      executions.end(runner.execution); // releases its locks
      emit(runner, 'end', result.ok ? 'ok' : `${result.error?.name}: ${result.error?.message}`);
      void runner.worker.terminate();
      grantWaiters();
      if (runners.every((r) => r.state === 'done')) {
        cleanup();
        resolve(runners.map((r) => r.result as ConcurrentResult));
      }
    };

    /** Hands free locks to the executions waiting for them, first come first served. */
    const grantWaiters = () => {
      for (let i = 0; i < waiters.length;) {
        const w = waiters[i];
        const holder = locks.holder(w.scope, w.key);
        if (holder !== null && holder !== w.runner.execution.id) {
          i++;
          continue;
        }
        waiters.splice(i, 1);
        if (w.runner.timer) clearTimeout(w.runner.timer);
        w.runner.timer = null;
        w.runner.state = 'running';
        const answer = perform(w.runner, 'call', w.lock, w.method, w.args);
        emit(w.runner, 'lock-acquired', `Lock.${w.method}`);
        reply(w.runner, answer);
        i = 0; // a grant changes holders: look again from the oldest waiter
      }
    };

    /** Serves one message of a runner whose turn it is. */
    const serve = (runner: Runner, message: WorkerMessage) => {
      if (message.type === 'done') {
        const value = message.ok ? safeDecode(message.value) : undefined;
        finish(runner, message.ok ? { ok: true, value } : { ok: false, error: message.error ?? { name: 'Error', message: 'unknown error' } });
        return;
      }
      let target: object;
      let args: unknown[];
      try {
        target = handles.get(message.h);
        args = handles.decode(message.args ?? []) as unknown[];
      } catch (thrown) {
        reply(runner, { ok: false, error: { name: nameOf(thrown), message: messageOf(thrown) } });
        return;
      }
      const facade = describeFacade(target);
      const typeName = facade?.type ?? (typeof target === 'function' ? 'function' : ((target.constructor as { name?: string } | undefined)?.name ?? 'object'));
      const member = `${typeName}.${message.name ?? '(call)'}`;
      if (message.op === 'call' && facade && facade.target instanceof LockImpl && (message.name === 'waitLock' || message.name === 'tryLock')) {
        const lockImpl = facade.target;
        const { scope, key } = lockImpl._lockId();
        const holder = locks.holder(scope, key);
        const ms = Number(args[0]);
        const valid = Number.isFinite(ms) && ms >= 0 && authAtLeast(runner.execution.authMode, lockImpl._requiredAuth());
        // A zero wait (tryLock(0), or timeScale 0) answers at once, as the facade does in one thread.
        if (valid && ms * timeScale > 0 && holder !== null && holder !== runner.execution.id) {
          runner.state = 'lock-wait';
          waiters.push({ runner, lock: target, method: message.name, args, scope, key });
          emit(runner, 'lock-wait', member);
          runner.timer = setTimeout(
            () => {
              runner.timer = null;
              const i = waiters.findIndex((x) => x.runner === runner);
              if (i < 0 || runner.state !== 'lock-wait') return;
              waiters.splice(i, 1);
              runner.state = 'running';
              // Still held by another execution: the facade call times out as in one thread (counted once).
              const answer = perform(runner, 'call', target, message.name, args);
              emit(runner, 'lock-timeout', member);
              reply(runner, answer);
              pump();
            },
            Math.floor(ms) * timeScale,
          );
          return;
        }
      }
      const answer = perform(runner, message.op, target, message.name, args);
      emit(runner, 'call', member);
      if (message.op === 'call' && facade?.type === 'Utilities' && message.name === 'sleep' && 'ok' in answer && answer.ok) {
        runner.state = 'sleeping';
        emit(runner, 'sleep', member);
        runner.timer = setTimeout(
          () => {
            runner.timer = null;
            if (runner.state !== 'sleeping') return;
            runner.state = 'running';
            reply(runner, answer);
            pump();
          },
          Math.floor(Number(args[0])) * timeScale,
        );
        return;
      }
      reply(runner, answer);
    };

    const safeDecode = (value: unknown): unknown => {
      try {
        return handles.decode(value);
      } catch {
        return undefined;
      }
    };

    /**
     * The scheduler. Round-robin: take the runnable executions (not finished, not
     * waiting for a lock, not sleeping) in the order of `calls`, starting after the
     * one served last; wait for THAT one's next message (a call or its end), serve
     * it, and move on to the next. Messages from others wait their turn, so the
     * interleaving depends only on what each script does, not on thread timing.
     * Free: serve messages in the order they arrive.
     */
    const pump = () => {
      if (pumping || settled) return;
      pumping = true;
      try {
        for (;;) {
          let runner: Runner | undefined;
          if (interleave === 'free') {
            runner = arrivals.shift();
            if (!runner) break;
            if (runner.state === 'done' || !runner.inbox) continue;
          } else {
            for (let k = 0; k < runners.length; k++) {
              const candidate = runners[(turn + k) % runners.length];
              if (candidate.state === 'running') {
                runner = candidate;
                break;
              }
            }
            if (!runner || !runner.inbox) break; // nobody can run, or wait for the one whose turn it is
            turn = (runner.index + 1) % runners.length;
          }
          const message = runner.inbox as WorkerMessage;
          runner.inbox = null;
          serve(runner, message);
          grantWaiters();
          if (settled) break;
        }
      } finally {
        pumping = false;
      }
    };

    // A lock released outside a served call (e.g. by the test itself) also wakes waiters.
    const unsubscribe = locks.onRelease(() => {
      if (grantScheduled || pumping) return;
      grantScheduled = true;
      queueMicrotask(() => {
        grantScheduled = false;
        if (settled) return;
        grantWaiters();
        pump();
      });
    });

    const safety = setTimeout(() => {
      const running = runners.filter((r) => r.state !== 'done').map((r) => `#${r.index} ${r.call.name} (execution ${r.execution.id}, ${r.state})`);
      cleanup();
      reject(new Error(`runConcurrently: gave up after ${timeoutMs} ms; still running: ${running.join(', ')}`));
    }, timeoutMs);

    function cleanup() {
      if (settled) return;
      settled = true;
      clearTimeout(safety);
      unsubscribe();
      for (const runner of runners) {
        if (runner.timer) clearTimeout(runner.timer);
        runner.timer = null;
        if (runner.state !== 'done') {
          // Wake a worker blocked on a reply so it stops promptly, then end its execution.
          reply(runner, { abort: 'emulator/concurrency: the run was stopped' });
          runner.state = 'done';
          executions.end(runner.execution);
        }
        runner.port.close();
        void runner.worker.terminate();
      }
      waiters.length = 0;
    }

    const nodeOnlyGlobals = NODE_ONLY_GLOBALS.filter((name) => !(name in globals));
    try {
      calls.forEach((call, index) => {
        const user = call.user ?? emu.ctx.options.ownerEmail;
        emu.people.assertCanRunCode(user, 'run add-on code');
        const documentId = call.documentId === null ? null : (call.documentId ?? emu.store.activeId);
        if (documentId !== null && !emu.store.byId.has(documentId)) throw new Error(`emulator: no spreadsheet ${documentId}`);
        const execution = executions.begin({
          authMode: call.authMode ?? 'FULL',
          user,
          activeUser: emu.people.activeUserInPersonRun(user),
          documentId,
          origin: call.origin ?? `concurrent:${call.name}`,
        });
        const knownTypes = new Set<number>();
        const { port1, port2 } = new MessageChannel();
        const signal = new Int32Array(new SharedArrayBuffer(4));
        const workerData = {
          code,
          filename: options.filename ?? 'Code.js',
          name: call.name,
          args: handles.encode(call.args ?? [], knownTypes),
          globals: handles.encode(globals, knownTypes),
          nodeOnlyGlobals,
          introspection: FACADE_INTROSPECTION_NAMES,
          signal: signal.buffer,
          port: port2,
          /** The script's "now" in the worker: the emulator's clock when the execution starts. */
          clockMs: emu.clock.nowMs(),
        };
        const worker = new Worker(WORKER_FILE, { workerData, transferList: [port2], stdout: false, stderr: false, resourceLimits: options.resourceLimits });
        const runner: Runner = { index, call, execution, worker, port: port1, signal, state: 'running', inbox: null, knownTypes, timer: null, result: null };
        runners.push(runner);
        port1.on('message', (message: WorkerMessage) => {
          if (settled || runner.state === 'done') return;
          runner.inbox = message;
          if (interleave === 'free') arrivals.push(runner);
          pump();
        });
        worker.on('error', (error) => {
          if (settled) return;
          finish(runner, { ok: false, error: { name: nameOf(error), message: `worker crashed: ${messageOf(error)}` } });
          pump();
        });
        worker.on('exit', (exitCode) => {
          if (settled || runner.state === 'done') return;
          // Its last message may not have been dispatched yet: take it from the port now.
          const last = receiveMessageOnPort(runner.port);
          if (last) {
            runner.inbox = last.message as WorkerMessage;
            if (interleave === 'free') arrivals.push(runner);
          }
          if (runner.inbox?.type !== 'done') {
            finish(runner, { ok: false, error: { name: 'Error', message: `worker exited (code ${exitCode}) before ${call.name} returned` } });
          }
          pump();
        });
      });
    } catch (thrown) {
      cleanup();
      reject(thrown instanceof Error ? thrown : new Error(messageOf(thrown)));
    }
  });
}

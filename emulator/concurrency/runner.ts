import type { MessagePort, Worker } from 'node:worker_threads';
import { Execution, ExecutionContext } from '../core/execution';
import type { LockScope } from '../services/lock';
import type { HandleTable } from './handles';
import type { ConcurrentCall, ConcurrentResult } from './types';

/** What the scheduler (index.ts) keeps of each execution it runs in a worker, the messages it exchanges with them, and how it performs a call. */

export type WorkerMessage =
  { type: 'call'; op: 'call' | 'get' | 'set' | 'apply'; h: number; name?: string; args?: unknown[] } | { type: 'done'; ok: boolean; value?: unknown; error?: { name: string; message: string } };

export type CallMessage = Extract<WorkerMessage, { type: 'call' }>;

export type State = 'running' | 'lock-wait' | 'sleeping' | 'done';

export interface Runner {
  index: number;
  call: ConcurrentCall;
  execution: Execution;
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
  state: State;
  /** The message the worker sent and the scheduler has not served yet (a worker has at most one). */
  inbox: WorkerMessage | null;
  /** Type descriptions this worker already has. */
  knownTypes: Set<number>;
  timer: NodeJS.Timeout | null;
  result: ConcurrentResult | null;
}

export interface LockWaiter {
  runner: Runner;
  lock: object;
  method: 'waitLock' | 'tryLock';
  args: unknown[];
  scope: LockScope;
  key: string;
}

export type Reply = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } } | { abort: string };

/** Performs one operation on a main-thread object inside the runner's execution. */
export function performCall(executions: ExecutionContext, handles: HandleTable, runner: Runner, op: CallMessage['op'], target: object, name: string | undefined, args: unknown[]): Reply {
  try {
    const value = executions.enter(runner.execution, () => {
      const obj = target as Record<string, unknown>;
      switch (op) {
        case 'get':
          return obj[name as string];
        case 'set':
          obj[name as string] = args[0];
          return undefined;
        case 'apply':
          return Reflect.apply(target as (...a: unknown[]) => unknown, undefined, args);
        default: {
          const method = obj[name as string];
          if (typeof method !== 'function') throw new TypeError(`${String(name)} is not a function`);
          return Reflect.apply(method as (...a: unknown[]) => unknown, target, args);
        }
      }
    });
    return { ok: true, value: handles.encode(value, runner.knownTypes) };
  } catch (thrown) {
    return { ok: false, error: { name: nameOf(thrown), message: messageOf(thrown) } };
  }
}

export function messageOf(thrown: unknown): string {
  if (thrown && typeof thrown === 'object' && typeof (thrown as { message?: unknown }).message === 'string') return (thrown as { message: string }).message;
  return String(thrown);
}

export function nameOf(thrown: unknown): string {
  if (thrown && typeof thrown === 'object' && typeof (thrown as { name?: unknown }).name === 'string') return (thrown as { name: string }).name;
  return 'Error';
}

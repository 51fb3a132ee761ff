import type { AuthModeName } from '../core/execution';
import type { ResourceLimits } from 'node:worker_threads';

/** What runConcurrently (index.ts) takes and gives back. */

export type InterleaveMode = 'round-robin' | 'free';

/** One execution to run: a top-level function of the script and its arguments. */
export interface ConcurrentCall {
  /** Top-level function name (names ending in `_` are private, as for Emulator.run). */
  name: string;
  /** Copied to the worker; facades (e.g. in a trigger event object) are passed as handles. */
  args?: unknown[];
  /** Default 'FULL'. */
  authMode?: AuthModeName;
  /** The person making the call (its effective user); default the owner. Not an anonymous editor. */
  user?: string;
  /** Default `concurrent:<name>`. */
  origin?: string;
  /** The spreadsheet the call runs in (its active spreadsheet, document properties and document lock); null: none. Default: the emulator's active one. */
  documentId?: string | null;
}

export interface ConcurrentResult {
  name: string;
  ok: boolean;
  /** The function's return value (facades come back as the main thread's facades). */
  value?: unknown;
  /** What the function threw ("Exception" for Apps Script service errors), or why its worker died. */
  error?: { name: string; message: string };
  executionId: number;
}

/** What the scheduler did, in order (for tests that show who waited for whom). */
export interface ConcurrentEvent {
  /** 0, 1, 2… across the whole run. */
  seq: number;
  /** Position of the call in the `calls` array. */
  index: number;
  executionId: number;
  /**
   * call: a service call (or a getter read) was served; lock-wait: waitLock/tryLock found the lock
   * held by another execution and is waiting; lock-acquired: a waiting execution got it;
   * lock-timeout: the wait ran out; sleep: Utilities.sleep began; end: the function returned or threw.
   */
  kind: 'call' | 'lock-wait' | 'lock-acquired' | 'lock-timeout' | 'sleep' | 'end';
  /** "Range.setValues", "Lock.waitLock", … for calls; for end, "ok" or the error message. */
  detail: string;
}

export interface ConcurrentOptions {
  /** Default 'round-robin'. */
  interleave?: InterleaveMode;
  /** Multiplies real-time waits (lock timeouts, Utilities.sleep): 0.01 makes waitLock(10000) give up after 100 ms. Default 1. */
  timeScale?: number;
  /** The whole run is rejected after this many real milliseconds. Default 30000. */
  timeoutMs?: number;
  /** File name in stack traces. Default 'Code.js'. */
  filename?: string;
  /** Called for each scheduling event, synchronously. */
  onEvent?: (event: ConcurrentEvent) => void;
  /** Passed to each Worker (e.g. a small heap to prove a crashing execution yields an error result). */
  resourceLimits?: ResourceLimits;
}

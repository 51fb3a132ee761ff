import { isSpreadsheetCall } from './calls';
import { AppsScriptException } from './errors';
import { ExecutionContext } from './execution';

/**
 * Fault injection for crash-recovery tests: make a chosen service call fail as if
 * Google's side gave out there (a timeout, a server error), e.g.
 *
 *     emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Payouts', after: 1 });
 *
 * makes the second `Range.setValues` on the Payouts sheet throw
 * `Exception: Service Spreadsheets timed out while accessing document with id …`.
 * The check sits in the facade (core/facade.ts), where every call is counted, so any
 * service can be targeted — from code under test in this realm, from a bundle loaded
 * with `emu.loadBundle` (its facades are the same objects), and from runConcurrently's
 * workers (their calls run through the main thread's facades). The failing call is
 * counted (the round trip was made) and does nothing; calls before it keep their effect.
 * Only calls inside an execution (emu.run, triggers, menus…) match unless `direct: true`,
 * so a test inspecting the sheet between runs does not disturb the count.
 * With no fault armed, the facade reads one boolean per call.
 *
 * A fault is catchable by default, like any service exception. `fatal: true` models an
 * execution that dies there: every later service call of that execution throws the same
 * error (catch and finally blocks can do no more service work), and the run fails with
 * it even when the script caught it (Emulator.run, triggers, menus, google.script.run;
 * not runConcurrently, whose workers report what the script did).
 */
export interface FaultSpec {
  /** The counted name, "Type.method" (e.g. "Range.setValues"), or a pattern tested against it. */
  call: string | RegExp;
  /** Only calls on objects bound to this sheet (Range, Sheet, …), by the sheet's name at the time of the call. */
  sheetName?: string;
  /** Only calls whose arguments pass this test (e.g. a DeveloperMetadata.setValue of one entry's value). */
  withArgs?: (args: readonly unknown[]) => boolean;
  /** How many matching calls succeed first: 0 (default) fails the first matching call. */
  after?: number;
  /** How many consecutive matching calls fail from there (default 1; Infinity: every one). */
  times?: number;
  /**
   * The error's message. A leading "Exception: " is dropped (the error's name is Exception,
   * as Apps Script's are). Default: Google's timeout message for spreadsheet calls, its
   * generic server error for the others.
   */
  message?: string;
  /** The execution dies there (see above). Default false. */
  fatal?: boolean;
  /**
   * Also match calls made outside any execution (code a test calls directly, with no
   * emu.run). Default false: a test reading the sheet between runs neither fails nor
   * counts toward `after`.
   */
  direct?: boolean;
}

export interface PendingFault {
  id: number;
  call: string;
  sheetName: string | null;
  after: number;
  times: number;
  fatal: boolean;
  direct: boolean;
  /** Matching calls seen so far. */
  seen: number;
  /** How many of them failed. */
  failed: number;
  /** Failures still to come. */
  remaining: number;
}

export interface FiredFault {
  faultId: number;
  /** The call that failed, and the sheet it acted on (null when not bound to a sheet). */
  call: string;
  sheetName: string | null;
  message: string;
  fatal: boolean;
  executionId: number;
  origin: string;
}

interface Rule {
  id: number;
  call: string | RegExp;
  sheetName: string | null;
  withArgs: ((args: readonly unknown[]) => boolean) | null;
  after: number;
  times: number;
  message: string | null;
  fatal: boolean;
  direct: boolean;
  seen: number;
  failed: number;
}

export const SERVER_ERROR = "We're sorry, a server error occurred. Please wait a bit and try again.";

/** What a facade target tells about itself: the sheet and spreadsheet it acts on, if any (read by shape). */
function boundTo(target: object): { sheetName: string | null; spreadsheetId: string | null } {
  const ref = (target as { _ref?: { sheet?: { name?: unknown }; spreadsheet?: { id?: unknown } } })._ref;
  const sheetName = ref && typeof ref.sheet?.name === 'string' ? ref.sheet.name : null;
  const spreadsheetId = ref && typeof ref.spreadsheet?.id === 'string' ? ref.spreadsheet.id : null;
  return { sheetName, spreadsheetId };
}

/**
 * The sheet a called object acts on, by its name now (what a fault's `sheetName` is matched
 * against), or null when it is bound to none: for a probe that lists an operation's calls.
 */
export function boundSheetName(target: object | undefined): string | null {
  return target ? boundTo(target).sheetName : null;
}

export class FaultInjector {
  /** Read by every facade call: true only while a fault is waiting or an execution is dead. */
  armed = false;
  private rules: Rule[] = [];
  private nextId = 1;
  private readonly log: FiredFault[] = [];
  /** Executions killed by a fatal fault, by id: the error each later call throws again. */
  private readonly dead = new Map<number, string>();
  private fatalCount = 0;
  private lastFatal: string | null = null;

  constructor(
    private readonly executions: ExecutionContext,
    private readonly activeSpreadsheetId: () => string | null = () => null,
  ) {
    executions.onEnd((execution) => {
      if (this.dead.delete(execution.id)) this.rearm();
    });
  }

  /** Arms a fault; returns its id (see pending()). */
  failOn(spec: FaultSpec): number {
    if (!spec || (typeof spec.call !== 'string' && !(spec.call instanceof RegExp))) throw new TypeError('faults.failOn: "call" must be "Type.method" or a RegExp');
    if (typeof spec.call === 'string' && !/^[A-Za-z]\w*\.[A-Za-z_$][\w$]*$/.test(spec.call)) {
      throw new TypeError(`faults.failOn: "call" must be a counted name like "Range.setValues", not ${JSON.stringify(spec.call)}`);
    }
    const after = spec.after ?? 0;
    const times = spec.times ?? 1;
    if (!Number.isInteger(after) || after < 0) throw new TypeError('faults.failOn: "after" must be a whole number >= 0');
    if (!(times === Infinity || (Number.isInteger(times) && times >= 1))) throw new TypeError('faults.failOn: "times" must be a whole number >= 1 (or Infinity)');
    const id = this.nextId++;
    this.rules.push({
      id,
      call: spec.call,
      sheetName: spec.sheetName ?? null,
      withArgs: spec.withArgs ?? null,
      after,
      times,
      message: spec.message === undefined ? null : String(spec.message).replace(/^Exception: /, ''),
      fatal: spec.fatal === true,
      direct: spec.direct === true,
      seen: 0,
      failed: 0,
    });
    this.armed = true;
    return id;
  }

  /** Disarms every fault and revives dead executions; the history of fired faults is kept. */
  clear(): void {
    this.rules = [];
    this.dead.clear();
    this.rearm();
  }

  /** Faults with failures still to come, in the order they were armed. */
  pending(): PendingFault[] {
    return this.rules.map((r) => ({
      id: r.id,
      call: String(r.call),
      sheetName: r.sheetName,
      after: r.after,
      times: r.times,
      fatal: r.fatal,
      direct: r.direct,
      seen: r.seen,
      failed: r.failed,
      remaining: r.times - r.failed,
    }));
  }

  /** Every call a fault made fail, oldest first. */
  fired(): FiredFault[] {
    return this.log.map((f) => ({ ...f }));
  }

  /**
   * Called by the facade for each counted call while armed. Throws the fault's
   * AppsScriptException when this call is one that must fail.
   */
  check(name: string, target: object, args: readonly unknown[] = []): void {
    const execution = this.executions.current();
    const deadMessage = this.dead.get(execution.id);
    if (deadMessage !== undefined) throw new AppsScriptException(deadMessage);
    let firing: Rule | null = null;
    let bound: ReturnType<typeof boundTo> | null = null;
    const direct = execution.id === 0;
    for (const rule of this.rules) {
      if (direct && !rule.direct) continue;
      if (typeof rule.call === 'string' ? rule.call !== name : !rule.call.test(name)) continue;
      if (rule.sheetName !== null) {
        bound ??= boundTo(target);
        if (bound.sheetName !== rule.sheetName) continue;
      }
      if (rule.withArgs && !rule.withArgs(args)) continue;
      const index = rule.seen++;
      if (index >= rule.after && index < rule.after + rule.times) {
        rule.failed++;
        // The earliest-armed fault that fires gives the message; the others count the call as failed too.
        firing ??= rule;
      }
    }
    this.rules = this.rules.filter((r) => r.failed < r.times);
    if (!firing) {
      this.rearm();
      return;
    }
    bound ??= boundTo(target);
    const message = firing.message ?? this.defaultMessage(name, bound.spreadsheetId);
    this.log.push({ faultId: firing.id, call: name, sheetName: bound.sheetName, message, fatal: firing.fatal, executionId: execution.id, origin: execution.origin });
    if (firing.fatal) {
      this.fatalCount++;
      this.lastFatal = message;
      // Code called directly (no execution begun) is not killed: there is no run to end.
      if (execution.id !== 0) this.dead.set(execution.id, message);
    }
    this.rearm();
    throw new AppsScriptException(message);
  }

  /**
   * Kills the running execution as a fatal fault does, with `message` (the run-time limit,
   * core/latency.ts): it throws now, every later call of the execution throws it again, and
   * guard() makes the run fail with it. Not recorded in fired(): no fault was armed.
   */
  killCurrent(message: string): never {
    const execution = this.executions.current();
    this.fatalCount++;
    this.lastFatal = message;
    if (execution.id !== 0) this.dead.set(execution.id, message);
    this.rearm();
    throw new AppsScriptException(message);
  }

  /**
   * Runs one script entry (an execution) and makes it fail when a fatal fault fired
   * during it, even if the script caught the error.
   */
  guard<T>(body: () => T): T {
    const before = this.fatalCount;
    const died = () => this.fatalCount !== before;
    let result: T;
    try {
      result = body();
    } catch (thrown) {
      // Whatever the script threw after its execution died, the death is what the run reports.
      if (died()) throw new AppsScriptException(this.lastFatal ?? SERVER_ERROR);
      throw thrown;
    }
    if (died()) throw new AppsScriptException(this.lastFatal ?? SERVER_ERROR);
    return result;
  }

  private defaultMessage(name: string, spreadsheetId: string | null): string {
    if (!isSpreadsheetCall(name)) return SERVER_ERROR;
    const id = spreadsheetId ?? this.activeSpreadsheetId();
    return `Service Spreadsheets timed out while accessing document with id ${id ?? ''}.`.replace(' with id .', '.');
  }

  private rearm(): void {
    this.armed = this.rules.length > 0 || this.dead.size > 0;
  }
}

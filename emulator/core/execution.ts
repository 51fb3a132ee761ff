/**
 * Who is running and how. Every entry into the script — a menu item, a trigger, a
 * google.script.run call — is an execution with an AuthMode and an effective user.
 * Locks belong to executions and are released when the execution ends, as in
 * Apps Script; services refuse work the execution's AuthMode does not allow.
 */
export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';

/** Which run-time limit applies (core/latency.ts): 6 minutes, or 30 seconds for custom functions and simple triggers. */
export type TimeLimitKind = 'standard' | 'custom-function' | 'simple-trigger';

export interface Execution {
  readonly id: number;
  readonly authMode: AuthModeName;
  /**
   * The EFFECTIVE user: whom the code runs as (the person for menu items,
   * google.script.run and simple triggers; the creator of an installable trigger).
   * Protections, user properties, user locks and the trigger lists go by it.
   */
  readonly user: string;
  /** What Session.getActiveUser() reveals ('' where Google would not say): see core/people.ts. */
  readonly activeUser: string;
  /** The real person behind the execution, revealed or not (Session.getTemporaryActiveUserKey()). */
  readonly activePerson: string;
  /**
   * The container document the execution runs in: SpreadsheetApp.getActiveSpreadsheet(),
   * document properties, cache and lock. null: none (an add-on's time-driven run);
   * undefined: the emulator's active spreadsheet (code called directly by a test).
   */
  readonly documentId?: string | null;
  /** What started it: 'menu', 'trigger:onEdit', 'run:getOverview', 'direct' (a test calling code). */
  readonly origin: string;
  readonly startedAt: Date;
  /** Which run-time limit applies: 'custom-function' for AuthMode CUSTOM_FUNCTION unless given, else 'standard'. */
  readonly timeLimit: TimeLimitKind;
}

/** How an execution is asked for; activeUser and activePerson default to the effective user. */
export interface ExecutionSpec {
  authMode?: AuthModeName;
  user?: string;
  activeUser?: string;
  activePerson?: string;
  documentId?: string | null;
  origin: string;
  /** Simple triggers (onOpen, onEdit, onInstall) pass 'simple-trigger'. */
  timeLimit?: TimeLimitKind;
}

const AUTH_RANK: Record<AuthModeName, number> = { NONE: 0, CUSTOM_FUNCTION: 1, LIMITED: 2, FULL: 3 };

export function authAtLeast(mode: AuthModeName, needed: AuthModeName): boolean {
  return AUTH_RANK[mode] >= AUTH_RANK[needed];
}

export class ExecutionContext {
  private readonly stack: Execution[] = [];
  private nextId = 1;
  private readonly endListeners: Array<(execution: Execution) => void> = [];
  /** Executions begun with begin() and since ended (so end() is idempotent and enter() refuses them). */
  private readonly ended = new WeakSet<Execution>();
  /** Used when code is called directly (unit tests): full authority, the owner. */
  private readonly direct: Execution;

  constructor(
    private readonly ownerEmail: string,
    private readonly now: () => Date,
  ) {
    this.direct = { id: 0, authMode: 'FULL', user: ownerEmail, activeUser: ownerEmail, activePerson: ownerEmail, origin: 'direct', startedAt: now(), timeLimit: 'standard' };
  }

  current(): Execution {
    return this.stack[this.stack.length - 1] ?? this.direct;
  }

  /**
   * Starts an execution without entering it: for a harness that runs several
   * executions at once (emulator/concurrency) and enters each one only for the
   * duration of one service call. Pair with enter() and end().
   */
  begin(options: ExecutionSpec): Execution {
    return this.make(options);
  }

  private make(options: ExecutionSpec): Execution {
    const user = options.user ?? this.ownerEmail;
    const authMode = options.authMode ?? 'FULL';
    const execution: Execution = {
      id: this.nextId++,
      authMode,
      user,
      activeUser: options.activeUser ?? user,
      activePerson: options.activePerson ?? user,
      origin: options.origin,
      startedAt: this.now(),
      timeLimit: options.timeLimit ?? (authMode === 'CUSTOM_FUNCTION' ? 'custom-function' : 'standard'),
    };
    return options.documentId === undefined ? execution : { ...execution, documentId: options.documentId };
  }

  /** Runs `body` as part of an execution begun with begin(): current() is it meanwhile. Does not end it. */
  enter<T>(execution: Execution, body: () => T): T {
    if (this.ended.has(execution)) throw new Error(`execution ${execution.id} has already ended`);
    this.stack.push(execution);
    try {
      return body();
    } finally {
      this.stack.pop();
    }
  }

  /** Ends an execution begun with begin(): the onEnd listeners run (its locks are released). Ending twice does nothing. */
  end(execution: Execution): void {
    if (this.ended.has(execution)) return;
    this.ended.add(execution);
    for (const listener of this.endListeners) listener(execution);
  }

  run<T>(options: ExecutionSpec, body: () => T): T {
    const execution = this.make(options);
    this.stack.push(execution);
    try {
      return body();
    } finally {
      this.stack.pop();
      for (const listener of this.endListeners) listener(execution);
    }
  }

  /** Whether an execution is running (its stack is not empty): an emulator snapshot is taken between executions. */
  running(): boolean {
    return this.stack.length > 0;
  }

  /** The id the next execution gets (snapshots keep ids unique after a restore). */
  get nextExecutionId(): number {
    return this.nextId;
  }

  set nextExecutionId(id: number) {
    this.nextId = id;
  }

  onEnd(listener: (execution: Execution) => void): void {
    this.endListeners.push(listener);
  }
}

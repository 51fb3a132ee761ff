/**
 * A tiny benchmark harness: each case reports spreadsheet service calls, all
 * service calls, the latency model's figures (core/latency.ts: round trips to
 * Google — a run of writes is one —, cells read and written, modelled Google
 * time), wall time and heap growth, and the
 * operation's critical sections: how many it entered, and how many calls it
 * made and how long (real milliseconds) it spent inside them. Calls are the
 * number that matters most in Apps Script; time on the emulator is a relative
 * measure of our own code, not of Google's latency.
 *
 * A critical section is a LockService hold (emu.locks.holds(): the document
 * lock of a sidebar, menu, edit or form run) or, for the owner's hourly run,
 * which has no document lock, the time its flag is up in the spreadsheet's
 * developer metadata (src/tracker/lock.ts). Both are counted the same way:
 * from the call after the one that took the lock (waitLock, or the flag's
 * write) to the call that let it go (releaseLock, or the flag's clearing),
 * that call included. Each section's modelled ms is the latency model's time
 * for those same calls.
 */
import { performance } from 'node:perf_hooks';
import { Emulator } from '../emulator';
import { isSpreadsheetCall } from '../emulator/core/calls';
import { MAINTENANCE_FLAG_KEY } from '../src/tracker/state';

export interface HoldSummary {
  /** 'document' | 'script' | 'user' (LockService) or 'flag' (the hourly run's metadata flag). */
  scope: string;
  origin: string;
  heldMs: number;
  /** The latency model's time for the calls made inside it. */
  modelledMs: number;
  spreadsheetCalls: number;
  serviceCalls: number;
}

export interface BenchRow {
  /** The stable name `npm run bench -- --json` reports ('register-sidebar', 'move-lead'…); absent: a slug of `operation`. */
  name?: string;
  operation: string;
  rows: number;
  spreadsheetCalls: number;
  allCalls: number;
  ms: number;
  heapMB: number;
  /** Round trips to Google in the latency model (a run of consecutive writes is one). */
  roundTrips: number;
  /** Cells the operation's reads returned. */
  cellsRead: number;
  /** Cells its writes covered. */
  cellsWritten: number;
  /** The latency model's Google time for the operation's calls, in ms (an estimate: emulator/README.md). */
  modelledMs: number;
  /** Critical sections entered (lock holds plus flag sections). */
  lockHolds: number;
  /** Their scopes, e.g. "document" or "flag". */
  lockScopes: string;
  /** Spreadsheet calls made inside them (summed). */
  lockSpreadsheetCalls: number;
  /** All service calls made inside them (summed). */
  lockCalls: number;
  /** Real milliseconds held (summed). */
  lockMs: number;
  /** The longest single hold. */
  lockMaxMs: number;
  /** The latency model's time for the calls made while held (summed): how long others wait in Google. */
  lockModelledMs: number;
  holds: HoldSummary[];
  /** Every counted call by name ("Range.getValues": 12). */
  calls: Record<string, number>;
  /** Why the operation did not do what it is named for (its figures are then not the operation's); absent when it did. */
  failed?: string;
}

declare const gc: undefined | (() => void);

const round1 = (n: number) => Math.round(n * 10) / 10;

interface OpenFlag {
  origin: string;
  startedAt: number;
  modelledAt: number;
  spreadsheetCalls: number;
  serviceCalls: number;
}

/**
 * Watches the hourly run's flag: after each counted call (the listener runs
 * before the call itself does), whether MAINTENANCE_FLAG_KEY holds a value in
 * any spreadsheet. Uncounted: it reads the emulator's model, not a facade.
 */
class FlagWatch {
  active = false;
  private open: OpenFlag | null = null;
  private lastCallAt = 0;
  readonly finished: HoldSummary[] = [];

  constructor(private readonly emu: Emulator) {
    emu.calls.onRecord((name) => this.onCall(name));
  }

  private up(): boolean {
    for (const model of this.emu.store.byId.values()) {
      if (model.developerMetadata.some((m) => m.key === MAINTENANCE_FLAG_KEY && !!m.value)) return true;
    }
    return false;
  }

  private onCall(name: string): void {
    if (!this.active) return;
    const now = performance.now();
    // The state now is what every call before this one left.
    const up = this.up();
    if (up && !this.open) {
      // The model's total now includes every call before this one (this call is charged after its listeners run).
      this.open = { origin: this.emu.executions.current().origin, startedAt: this.lastCallAt, modelledAt: this.emu.timing.totals.modelledMs, spreadsheetCalls: 0, serviceCalls: 0 };
    } else if (!up && this.open) {
      this.close(this.lastCallAt);
    }
    if (this.open) {
      this.open.serviceCalls++;
      if (isSpreadsheetCall(name)) this.open.spreadsheetCalls++;
    }
    this.lastCallAt = now;
  }

  private close(at: number): void {
    const o = this.open as OpenFlag;
    const modelledMs = this.emu.timing.totals.modelledMs - o.modelledAt;
    this.finished.push({ scope: 'flag', origin: o.origin, heldMs: at - o.startedAt, modelledMs, spreadsheetCalls: o.spreadsheetCalls, serviceCalls: o.serviceCalls });
    this.open = null;
  }

  start(): void {
    this.finished.length = 0;
    this.open = null;
    this.lastCallAt = performance.now();
    this.active = true;
  }

  /** Ends the watch; a flag still up is a flag the operation left behind. */
  stop(operation: string): HoldSummary[] {
    this.active = false;
    if (this.open || this.up()) {
      throw new Error(`bench: "${operation}" left the hourly run's lock flag up: document runs would wait for it until it expires`);
    }
    return [...this.finished];
  }
}

const watches = new WeakMap<Emulator, FlagWatch>();

function flagWatch(emu: Emulator): FlagWatch {
  let watch = watches.get(emu);
  if (!watch) watches.set(emu, (watch = new FlagWatch(emu)));
  return watch;
}

/**
 * Measures one operation. `verify` runs after the clock stops, with what the
 * body returned: it must throw if the operation did not do what it is named
 * for (a benchmark of a refusal measures nothing worth knowing). A failed
 * check is recorded on the row (`failed`), printed loudly, and makes the
 * bench exit non-zero once every row has run (bench/run.ts).
 */
export function measure<T>(emu: Emulator, operation: string, rows: number, body: () => T, verify?: (result: T) => void): BenchRow {
  const watch = flagWatch(emu);
  emu.locks.clearHolds();
  if (typeof gc === 'function') gc();
  const heapBefore = process.memoryUsage().heapUsed;
  watch.start();
  const model = { ...emu.timing.totals };
  const started = process.hrtime.bigint();
  let flags: HoldSummary[];
  let measured: ReturnType<typeof emu.calls.measure<T>>;
  try {
    measured = emu.calls.measure(body);
  } finally {
    flags = watch.stop(operation);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const after = emu.timing.totals;
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const { calls, spreadsheetCalls, result } = measured;
  const allCalls = Object.values(calls).reduce((a, b) => a + b, 0);

  const lockHolds = emu.locks.holds();
  const stuck = lockHolds.filter((h) => !h.released);
  if (stuck.length) throw new Error(`bench: "${operation}" did not release ${stuck.map((h) => `the ${h.scope} lock (${h.origin})`).join(', ')}`);
  const holds: HoldSummary[] = [
    ...lockHolds.map((h) => ({ scope: h.scope, origin: h.origin, heldMs: h.heldMs, modelledMs: h.modelledMs, spreadsheetCalls: h.spreadsheetCalls, serviceCalls: h.serviceCalls })),
    ...flags,
  ].map((h) => ({ ...h, heldMs: round1(h.heldMs), modelledMs: round1(h.modelledMs) }));
  emu.locks.clearHolds();

  let failed: string | undefined;
  if (verify) {
    try {
      verify(result);
    } catch (e) {
      failed = e instanceof Error ? e.message : String(e);
      console.error(`FAILED: "${operation}" at ${rows} rows did not do what it is named for: ${failed}`);
    }
  }
  const sum = (pick: (h: HoldSummary) => number) => holds.reduce((t, h) => t + pick(h), 0);
  return {
    operation,
    rows,
    spreadsheetCalls,
    allCalls,
    ms: round1(ms),
    heapMB: round1(heapMB),
    roundTrips: after.roundTrips - model.roundTrips,
    cellsRead: after.cellsRead - model.cellsRead,
    cellsWritten: after.cellsWritten - model.cellsWritten,
    modelledMs: round1(after.modelledMs - model.modelledMs),
    lockHolds: holds.length,
    lockScopes: [...new Set(holds.map((h) => h.scope))].join('+'),
    lockSpreadsheetCalls: sum((h) => h.spreadsheetCalls),
    lockCalls: sum((h) => h.serviceCalls),
    lockMs: round1(sum((h) => h.heldMs)),
    lockMaxMs: round1(Math.max(0, ...holds.map((h) => h.heldMs))),
    lockModelledMs: round1(sum((h) => h.modelledMs)),
    holds,
    calls,
    ...(failed === undefined ? {} : { failed }),
  };
}

/** Gives a row the stable name the JSON report uses. */
export function named(name: string, row: BenchRow): BenchRow {
  return { name, ...row };
}

/** The stable name of a row: its bench name, or a slug of the operation. */
export function benchName(row: BenchRow): string {
  return (
    row.name ??
    row.operation
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
  );
}

/** What `npm run bench -- --json` prints: one object, the figures the issue names. */
export function jsonReport(rows: BenchRow[]): {
  operations: Array<{ name: string; rows: number; roundTrips: number; cellsRead: number; cellsWritten: number; lockHeldMs: number; modelledMs: number }>;
} {
  return {
    operations: rows.map((r) => ({
      name: benchName(r),
      rows: r.rows,
      roundTrips: r.roundTrips,
      cellsRead: r.cellsRead,
      cellsWritten: r.cellsWritten,
      lockHeldMs: r.lockModelledMs,
      modelledMs: r.modelledMs,
    })),
  };
}

export function printTable(rows: BenchRow[], print: (line: string) => void = console.log): void {
  const header = [
    'operation',
    'rows',
    'sheet calls',
    'all calls',
    'round trips',
    'cells read',
    'cells written',
    'modelled ms',
    'ms',
    'heap Δ MB',
    'holds',
    'held sheet calls',
    'held all calls',
    'held ms',
    'held modelled ms',
    'longest ms',
  ];
  const lines = rows.map((r) => [
    `${r.failed === undefined ? '' : 'FAILED '}${r.name ? `${r.name}: ` : ''}${r.operation}`,
    String(r.rows),
    String(r.spreadsheetCalls),
    String(r.allCalls),
    String(r.roundTrips),
    String(r.cellsRead),
    String(r.cellsWritten),
    r.modelledMs.toFixed(0),
    r.ms.toFixed(1),
    r.heapMB.toFixed(1),
    r.lockHolds ? `${r.lockHolds} ${r.lockScopes}` : '0',
    String(r.lockSpreadsheetCalls),
    String(r.lockCalls),
    r.lockMs.toFixed(1),
    r.lockModelledMs.toFixed(0),
    r.lockMaxMs.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  print(fmt(header));
  print(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) print(fmt(l));
  const failed = rows.filter((r) => r.failed !== undefined);
  if (failed.length) {
    print(`\n${failed.length} operation(s) FAILED their checks (their figures are not the operation's):`);
    for (const r of failed) print(`  ${r.operation} (${r.rows}): ${r.failed}`);
  }
  const scriptLock = rows.filter((r) => r.holds.some((h) => h.scope === 'script'));
  if (scriptLock.length) print(`\nWARNING: held the script lock (one lock for every customer of the add-on): ${scriptLock.map((r) => `${r.operation} (${r.rows})`).join('; ')}`);
}

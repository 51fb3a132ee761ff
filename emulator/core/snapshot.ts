import type { Emulator } from '../emulator';
import type { EmulatorOptions } from './context';
import type { CostTally } from './latency';
import type { Person } from './people';
import type { LockScope } from '../services/lock';
import type { ServicesState } from '../services';
import type { UiRecorder } from '../services/ui';
import { cloneSpreadsheet } from '../spreadsheet/clone';
import type { SpreadsheetModel } from '../spreadsheet/model';

/**
 * An emulator's whole state at one moment between executions, kept in memory, so a test
 * can build a tracker once and start each case from it (Emulator#snapshot, Emulator.restore).
 *
 * Unlike a saved workspace file it cuts nothing short: every UI recording and queued answer,
 * the clock (pinned or running), call counts, the next execution id, the latency totals and
 * held locks come back as they were. What it leaves out is instrumentation a test installs,
 * not state Google keeps: armed faults, call listeners, the lock-hold history of the bench
 * and per-execution latency tallies. The script is loaded afresh from the same code, as
 * Google starts every execution from the script's code: nothing a previous run left in the
 * script's globals survives a restore.
 */
export interface EmulatorSnapshot {
  readonly options: EmulatorOptions;
  readonly people: Person[];
  readonly activeSpreadsheetId: string;
  /** A private copy of each spreadsheet; each restore copies it again. */
  readonly spreadsheets: SpreadsheetModel[];
  readonly services: ServicesState;
  readonly ui: ReturnType<UiRecorder['saveAll']>;
  readonly clock: { pinnedMs: number | null; offsetMs: number };
  readonly calls: Record<string, number>;
  readonly nextExecutionId: number;
  readonly latencyTotals: CostTally;
  readonly locks: Array<{ scope: LockScope; key: string; executionId: number }>;
  /** The loaded bundle's code (null: none was loaded; functions attached in-process are not kept). */
  readonly bundleCode: string | null;
}

export function takeSnapshot(emu: Emulator, bundleCode: string | null): EmulatorSnapshot {
  if (emu.executions.running()) throw new Error('emulator: a snapshot is taken between executions, not while one runs');
  const { ui: _ui, ...services } = emu.services.save();
  return {
    options: structuredClone(emu.ctx.options),
    people: structuredClone(emu.people.save()),
    activeSpreadsheetId: emu.store.activeId,
    spreadsheets: [...emu.store.byId.values()].map(cloneSpreadsheet),
    services: structuredClone({ ...services, ui: null }),
    ui: emu.services.ui.saveAll(),
    clock: emu.clock.save(),
    calls: emu.calls.snapshot(),
    nextExecutionId: emu.executions.nextExecutionId,
    latencyTotals: { ...emu.timing.totals },
    locks: emu.locks.held(),
    bundleCode,
  };
}

/** Puts a snapshot into a new emulator made with the snapshot's options (Emulator.restore). */
export function applySnapshot(emu: Emulator, snapshot: EmulatorSnapshot): void {
  emu.people.load(structuredClone(snapshot.people));
  emu.store.byId.clear();
  for (const model of snapshot.spreadsheets) emu.store.adopt(cloneSpreadsheet(model));
  emu.store.activeId = snapshot.activeSpreadsheetId;
  emu.store.reserveIds();
  emu.services.load(structuredClone(snapshot.services));
  emu.services.ui.loadAll(snapshot.ui);
  emu.clock.load(snapshot.clock);
  emu.calls.restore(snapshot.calls);
  emu.executions.nextExecutionId = snapshot.nextExecutionId;
  Object.assign(emu.timing.totals, snapshot.latencyTotals);
  for (const { scope, key, executionId } of snapshot.locks) emu.locks.tryAcquire(scope, key, executionId);
}

import { readFileSync } from 'node:fs';
import type { Emulator } from '../../emulator';
import { trackerWithLeads } from '../../bench/leads.bench';
import { BUILD_DIR, CODE_JS, ensureBuilt } from './build';

/** What one operation cost in the latency model (emulator/core/latency.ts): its calls, round trips and cells. */
export interface Cost {
  calls: number;
  roundTrips: number;
  cellsRead: number;
  cellsWritten: number;
}

/** Runs `body` and returns what its executions cost (calls made outside an execution cost nothing). */
export function costOf<T>(emu: Emulator, body: () => T): { result: T; cost: Cost } {
  const before = { ...emu.timing.totals };
  const result = body();
  const after = emu.timing.totals;
  return {
    result,
    cost: {
      calls: after.calls - before.calls,
      roundTrips: after.roundTrips - before.roundTrips,
      cellsRead: after.cellsRead - before.cellsRead,
      cellsWritten: after.cellsWritten - before.cellsWritten,
    },
  };
}

/** The two sizes cost contracts compare: an operation whose cost differs between them grows with rows. */
export const CONTRACT_SIZES = [200, 2000] as const;

/**
 * The benchmark's tracker (bench/leads.bench.ts: partners, rules, `rows` leads in every status,
 * commissions for the won ones) through the built bundle, one per size, made once per test file.
 */
export function trackersAtContractSizes(): Emulator[] {
  ensureBuilt();
  const code = readFileSync(CODE_JS, 'utf8');
  return CONTRACT_SIZES.map((rows) => trackerWithLeads(BUILD_DIR, code, rows));
}

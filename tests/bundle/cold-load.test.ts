import { statSync } from 'node:fs';
import { bundleReport, measureColdLoad } from '../../bench/cold-load';
import { CODE_JS, ensureBuilt } from '../support/build';

/** The bench's cold load of Code.js (bench/cold-load.ts) runs and reports what it says; its times are the bench's business, not a test's. */
test('each load runs Code.js in a fresh bare context; the JSON report carries its size and median next to "operations"', () => {
  ensureBuilt();
  const load = measureColdLoad(CODE_JS, 3);
  expect(load.loads).toBe(3);
  expect(load.codeBytes).toBe(statSync(CODE_JS).size);
  for (const ms of [load.coldLoadMedianMs, load.compileMedianMs, load.runMedianMs, load.cpuMedianMs]) expect(ms).toBeGreaterThan(0);
  expect(load.minMs).toBeLessThanOrEqual(load.coldLoadMedianMs);
  expect(load.coldLoadMedianMs).toBeLessThanOrEqual(load.maxMs);
  expect(bundleReport(load)).toEqual({ bundle: { codeBytes: load.codeBytes, coldLoadMedianMs: load.coldLoadMedianMs } });
});

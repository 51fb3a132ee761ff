import { statSync } from 'node:fs';
import path from 'node:path';
import { bundleReport, measureColdLoad } from '../../bench/cold-load';
import { BUILD_DIR, CODE_JS, ensureBuilt } from '../support/build';

/** The bench's cold loads (bench/cold-load.ts) run and report what they say; their times are the bench's business, not a test's. */
test('each load runs Code.js, and for each group its file, in a fresh bare context; the JSON report carries sizes and medians next to "operations"', () => {
  ensureBuilt();
  const load = measureColdLoad(CODE_JS, 3);
  expect(load.loads).toBe(3);
  expect(load.codeBytes).toBe(statSync(CODE_JS).size);
  for (const ms of [load.codeMedianMs, load.compileMedianMs, load.runMedianMs, load.cpuMedianMs]) expect(ms).toBeGreaterThan(0);
  expect(load.minMs).toBeLessThanOrEqual(load.codeMedianMs);
  expect(load.codeMedianMs).toBeLessThanOrEqual(load.maxMs);
  expect(load.groups.length).toBeGreaterThan(5);
  for (const g of load.groups) {
    expect(g.bytes).toBe(load.codeBytes + statSync(path.join(BUILD_DIR, `server-${g.name}.html`)).size);
    // Evaluating the file is part of the group's load, and a loader that read nothing would take no time for it.
    expect(g.evalMedianMs).toBeGreaterThan(0);
    expect(g.coldLoadMedianMs).toBeGreaterThanOrEqual(g.evalMedianMs);
  }
  // The headline figure is the worst group's, so it cannot flatter.
  expect(load.coldLoadMedianMs).toBe(Math.max(...load.groups.map((g) => g.coldLoadMedianMs)));
  expect(bundleReport(load)).toEqual({
    bundle: { codeBytes: load.codeBytes, coldLoadMedianMs: load.coldLoadMedianMs, groups: load.groups.map((g) => ({ name: g.name, bytes: g.bytes, coldLoadMedianMs: g.coldLoadMedianMs })) },
  });
});

import { readFileSync } from 'node:fs';
import { trackerWithAuditRows } from '../../bench/capacity.bench';
import { CONTRACT_SIZES, costOf } from '../support/cost';
import { BUILD_DIR, CODE_JS, ensureBuilt } from '../support/build';

/**
 * Cost contracts for capacity: the hourly run's daily capacity check below the threshold and the
 * sidebar overview (with its capacity panel) make the same calls, round trips and cell reads
 * whether the Audit Log holds 200 rows or 2,000.
 */
ensureBuilt();
const code = readFileSync(CODE_JS, 'utf8');
const trackers = CONTRACT_SIZES.map((rows) => trackerWithAuditRows(BUILD_DIR, code, rows));

test('the hourly run with its daily capacity check, below the threshold, does not grow with the Audit Log', () => {
  const costs = trackers.map((emu) => {
    const uid = emu.services.triggers.list({ eventType: 'CLOCK' })[0].uid;
    // The fixture's rows were appended after setup started the partner updates feed: a first run reads them (the rows since
    // the last run, which any reader of the log must), and the next day's run, with its daily check again, is measured.
    emu.fireTimeTrigger(uid);
    emu.clock.advance(24 * 3600 * 1000);
    const { result, cost } = costOf(emu, () => emu.fireTimeTrigger(uid));
    expect(result.every((run) => run.ok)).toBe(true);
    return { calls: cost.calls, roundTrips: cost.roundTrips, cellsRead: cost.cellsRead };
  });
  expect(costs[1]).toEqual(costs[0]);
});

test('the sidebar overview with its capacity panel does not grow with the Audit Log', () => {
  const costs = trackers.map((emu) => {
    const { result, cost } = costOf(emu, () => emu.run('apiGetOverview'));
    expect((result as { ok: boolean }).ok).toBe(true);
    return { calls: cost.calls, roundTrips: cost.roundTrips, cellsRead: cost.cellsRead };
  });
  expect(costs[1]).toEqual(costs[0]);
});

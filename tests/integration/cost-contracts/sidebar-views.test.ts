import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Emulator } from '../../../emulator';
import { ANA } from '../../../bench/fixtures';
import { BUILD_DIR } from '../../support/build';
import { costOf, trackersAtContractSizes } from '../../support/cost';

/**
 * The sidebar's second call (after Home's apiGetOverview, once Home is usable): the other views'
 * code, read from the project file. It touches no tab, so it costs the same at any size: one
 * HtmlService read and nothing of the spreadsheet.
 */
let trackers: Emulator[];
beforeAll(() => {
  trackers = trackersAtContractSizes();
});

test('apiGetSidebarViews returns SidebarViews.html as it was pushed, reading no cell, at every size', () => {
  const views = readFileSync(path.join(BUILD_DIR, 'SidebarViews.html'), 'utf8');
  const costs = trackers.map((emu) => {
    const { result, cost } = costOf(emu, () => emu.run('apiGetSidebarViews', [], { user: ANA }) as { ok: boolean; data?: string });
    expect(result).toEqual({ ok: true, data: views });
    return cost;
  });
  expect(costs[0]).toEqual(costs[1]);
  expect(costs[0]).toMatchObject({ cellsRead: 0, cellsWritten: 0 });
  expect(costs[0].roundTrips).toBeLessThanOrEqual(1);
});

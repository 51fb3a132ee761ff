import { BenchRow, benchName, jsonReport, named } from '../../bench/harness';

/** The shape `npm run bench -- --json` prints (bench/run.ts); the bench itself is not run here (it takes minutes). */
const row = (operation: string, extra: Partial<BenchRow> = {}): BenchRow => ({
  operation,
  rows: 1000,
  spreadsheetCalls: 10,
  allCalls: 12,
  ms: 5,
  heapMB: 1,
  roundTrips: 7,
  cellsRead: 300,
  cellsWritten: 20,
  modelledMs: 250.5,
  lockHolds: 1,
  lockScopes: 'document',
  lockSpreadsheetCalls: 8,
  lockCalls: 9,
  lockMs: 4,
  lockMaxMs: 4,
  lockModelledMs: 180.2,
  holds: [],
  calls: {},
  ...extra,
});

describe('bench JSON report', () => {
  test('one object with an operations array of the named figures; unnamed operations by a slug', () => {
    const report = jsonReport([named('move-lead', row('move lead New → Accepted')), row('list open leads (50)', { rows: 10000 })]);
    expect(report).toEqual({
      operations: [
        { name: 'move-lead', rows: 1000, roundTrips: 7, cellsRead: 300, cellsWritten: 20, lockHeldMs: 180.2, modelledMs: 250.5 },
        { name: 'list-open-leads-50', rows: 10000, roundTrips: 7, cellsRead: 300, cellsWritten: 20, lockHeldMs: 180.2, modelledMs: 250.5 },
      ],
    });
    expect(benchName(row('Closed Won (sidebar, owner) → commissions'))).toBe('closed-won-sidebar-owner-commissions');
  });
});

import { appendAudit } from '../../src/audit/audit-log';
import { readAuditTail } from '../../src/audit/audit-tail';
import { AuditEntry } from '../../src/domain/audit-chain';
import { setUpTracker } from '../../src/tracker/setup';
import { emulated } from '../support/emulated';

/**
 * The Audit Log as a change feed (src/audit/audit-tail.ts): the rows after a reader's cursor,
 * found by a search on the hash column, with each row's UTC instant.
 */
let env: ReturnType<typeof emulated>;
const ZONE = 'America/New_York';
beforeEach(() => {
  env = emulated({ spreadsheetTimeZone: ZONE });
  setUpTracker(env.ss, env.properties);
});
afterEach(() => env.restore());

function entry(i: number, at = new Date(Date.UTC(2026, 1, 10, 15, 0, i))): AuditEntry {
  return { at, user: 'owner@example.com', source: 'sidebar', tab: 'Leads', range: `row ${i + 1}`, recordId: `L-${String(i).padStart(6, '0')}`, field: 'status', oldValue: 'New', newValue: 'Accepted' };
}

function append(from: number, to: number): void {
  const entries: AuditEntry[] = [];
  for (let i = from; i <= to; i++) entries.push(entry(i));
  appendAudit({ ss: env.ss, timeZone: ZONE, properties: env.properties }, entries);
}

const hashes = () => {
  const log = env.ss.getSheetByName('Audit Log') as GoogleAppsScript.Spreadsheet.Sheet;
  const header = log.getRange(1, 1, 1, log.getLastColumn()).getValues()[0];
  return log
    .getRange(2, header.indexOf('Hash') + 1, log.getLastRow() - 1, 1)
    .getValues()
    .map((r) => String(r[0]));
};

test('an empty log gives nothing and keeps the cursor', () => {
  expect(readAuditTail(env.ss, '', 10, ZONE)).toEqual({ rows: [], cursor: '', more: false });
});

test("a reader's first look (a blank cursor) starts at the end: no history, the last row's hash as its cursor", () => {
  append(1, 3);
  const first = readAuditTail(env.ss, '', 10, ZONE);
  expect(first).toEqual({ rows: [], cursor: hashes()[2], more: false });
  append(4, 4);
  const next = readAuditTail(env.ss, first.cursor, 10, ZONE);
  expect(next.rows.map((r) => r.recordId)).toEqual(['L-000004']);
  expect(next.cursor).toBe(hashes()[3]);
});

test('the rows after the cursor, in order, with their fields and UTC instants; pages of at most max, saying more', () => {
  append(1, 1);
  const start = readAuditTail(env.ss, '', 10, ZONE).cursor;
  append(2, 6);
  const page1 = readAuditTail(env.ss, start, 3, ZONE);
  expect(page1.rows.map((r) => r.recordId)).toEqual(['L-000002', 'L-000003', 'L-000004']);
  expect(page1.more).toBe(true);
  expect(page1.rows[0]).toMatchObject({
    at: '2026-02-10T15:00:02.000Z',
    user: 'owner@example.com',
    source: 'sidebar',
    tab: 'Leads',
    field: 'status',
    oldValue: 'New',
    newValue: 'Accepted',
    hash: hashes()[1],
  });
  // Without the zone given, the spreadsheet's is asked for: the same instants.
  expect(readAuditTail(env.ss, start, 3).rows[0].at).toBe('2026-02-10T15:00:02.000Z');
  const page2 = readAuditTail(env.ss, page1.cursor, 3, ZONE);
  expect(page2.rows.map((r) => r.recordId)).toEqual(['L-000005', 'L-000006']);
  expect(page2.more).toBe(false);
  expect(readAuditTail(env.ss, page2.cursor, 3, ZONE)).toEqual({ rows: [], cursor: page2.cursor, more: false });
});

test('a cursor no longer in the live log (moved to an archive) starts at the first live row', () => {
  append(1, 3);
  const tail = readAuditTail(env.ss, 'f'.repeat(64), 10, ZONE);
  expect(tail.rows.map((r) => r.recordId)).toEqual(['L-000001', 'L-000002', 'L-000003']);
});

test('reading the tail costs the same number of calls however long the log is', () => {
  let cursor = '';
  env.emu.attachFunctions(() => ({ readTail: () => readAuditTail(env.ss, cursor, 10, ZONE).rows.length }));
  const calls = (): number => {
    cursor = hashes()[hashes().length - 3];
    const before = env.emu.timing.totals.calls;
    expect(env.emu.run('readTail')).toBe(2);
    return env.emu.timing.totals.calls - before;
  };
  append(1, 10);
  const short = calls();
  expect(short).toBeGreaterThan(0);
  append(11, 400);
  expect(calls()).toBe(short);
});

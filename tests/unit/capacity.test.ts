import { verifyChain } from '../../src/domain/audit-verify';
import { chainHash } from '../../src/domain/audit-chain';
import { ArchiveSegment, archiveSummary, archivedRows, cellUse, forecastRollover, liveStartHash, mergeFinished, nextRolloverBatch, parseSegments } from '../../src/domain/capacity';

const M = 1_000_000;

describe('cell use', () => {
  test("sums every tab's grid, biggest tab first", () => {
    const use = cellUse([
      { name: 'Leads', rows: 1000, columns: 26 },
      { name: 'Audit Log', rows: 50_000, columns: 12 },
    ]);
    expect(use.used).toBe(626_000);
    expect(use.share).toBeCloseTo(0.0626);
    expect(use.tabs.map((t) => t.name)).toEqual(['Audit Log', 'Leads']);
  });
});

describe('what rolls over', () => {
  const years = [2024, 2024, 2025, 2025, 2025, 2026, 2026, 2026, 2026];
  test('nothing below 80% of the limit', () => {
    expect(nextRolloverBatch(7.99 * M, years, 2026, false)).toBeNull();
  });
  test('past it, the oldest past year whole', () => {
    expect(nextRolloverBatch(8 * M, years, 2026, false)).toEqual({ year: 2024, from: 0, count: 2 });
    expect(nextRolloverBatch(8.5 * M, years.slice(2), 2026, false)).toEqual({ year: 2025, from: 0, count: 3 });
  });
  test('only this year left: its older half, once a run', () => {
    expect(nextRolloverBatch(8.5 * M, [2026, 2026, 2026, 2026, 2026], 2026, false)).toEqual({ year: 2026, from: 0, count: 2 });
    expect(nextRolloverBatch(8.5 * M, [2026], 2026, false)).toEqual({ year: 2026, from: 0, count: 1 });
    expect(nextRolloverBatch(8.5 * M, [2026, 2026], 2026, true)).toBeNull();
    expect(nextRolloverBatch(8.5 * M, [], 2026, false)).toBeNull();
  });
  test('a year bigger than a segment goes 20,000 rows at a time', () => {
    expect(nextRolloverBatch(9 * M, new Array<number>(25_000).fill(2025), 2026, false)?.count).toBe(20_000);
  });
});

describe('the forecast', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  test("at the log's rate, the day it reaches 80%", () => {
    // 1,000 rows over 10 days = 100 rows a day × 12 cells = 1,200 cells a day; 1.2M cells of room = 1,000 days.
    const f = forecastRollover(6.8 * M, new Date('2026-02-19T00:00:00Z'), new Date('2026-03-01T00:00:00Z'), 1000, 12, now);
    expect(f).toEqual({ rowsPerDay: 100, rolloverOn: '2028-11-25', oldestYear: 2026 });
  });
  test('already past it: today; not growing or more than ten years away: no date', () => {
    expect(forecastRollover(8.2 * M, null, null, 0, 12, now).rolloverOn).toBe('2026-03-01');
    expect(forecastRollover(1 * M, null, null, 0, 12, now).rolloverOn).toBe('');
    expect(forecastRollover(1 * M, new Date('2026-01-01'), new Date('2026-03-01'), 10, 12, now).rolloverOn).toBe('');
  });
});

describe('the record of archives', () => {
  const seg = (first: number, last: number, phase: ArchiveSegment['phase'], lastHash: string): ArchiveSegment => ({
    year: 2025,
    fileId: 'f1',
    url: 'https://docs.google.com/spreadsheets/d/f1/edit',
    name: 'T — Audit Log 2025',
    first,
    last,
    firstPreviousHash: '',
    firstHash: `h${first}`,
    lastHash,
    phase,
    at: '',
  });
  test('rows out of the live log and the hash it starts from count finished segments only', () => {
    const list = [seg(1, 10, 'done', 'a'), seg(11, 15, 'done', 'b'), seg(16, 20, 'copied', 'c')];
    expect(archivedRows(list)).toBe(15);
    expect(liveStartHash(list)).toBe('b');
    expect(liveStartHash([])).toBe('');
    expect(archiveSummary(list)).toBe('rows 1–15 of the log · hashes h1…b');
  });
  test('finished neighbours in one file are kept as one entry; unfinished or other files stay apart', () => {
    const other = { ...seg(16, 20, 'done', 'c'), fileId: 'f2' };
    expect(mergeFinished([seg(1, 10, 'done', 'a'), seg(11, 15, 'done', 'b'), other, seg(21, 25, 'copied', 'd')])).toEqual([{ ...seg(1, 15, 'done', 'b') }, other, seg(21, 25, 'copied', 'd')]);
  });
  test('parses what it wrote and drops what it cannot read', () => {
    const list = [seg(1, 10, 'done', 'a')];
    expect(parseSegments(JSON.stringify(list))).toEqual(list);
    expect(parseSegments('not json')).toEqual([]);
    expect(parseSegments(JSON.stringify([{ nope: 1 }, { ...list[0], phase: 'weird' }]))).toEqual([{ ...list[0], phase: 'copying' }]);
  });
});

describe('a chain that starts in an archive', () => {
  const cells = (n: number) => [`2026-01-0${n}T00:00:00.000Z`, '', 'a@x', 'edit', 'Leads', 'A1', 'L-1', 'Notes', '', `v${n}`];
  const h1 = chainHash('', cells(1));
  const h2 = chainHash(h1, cells(2));
  const h3 = chainHash(h2, cells(3));
  test("the live rows verify from the archive's last hash, not from the start", () => {
    const live = [{ row: 2, cells: cells(3), hash: h3, previousHash: h2 }];
    expect(verifyChain(live, { rows: 1, hash: h3 }, h2)).toEqual({ intact: true, rows: 1, message: 'Intact, 1 row.' });
    expect(verifyChain(live, { rows: 1, hash: h3 }).intact).toBe(false);
  });
  test('every row archived, none written since: intact with no rows', () => {
    expect(verifyChain([], { rows: 0, hash: h2 }, h2)).toEqual({ intact: true, rows: 0, message: 'Intact, 0 rows.' });
  });
});

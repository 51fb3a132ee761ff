import { CHUNK_BYTES, IndexedLead, collides, decodeChunks, encodeChunks } from '../../src/domain/matching/lead-index';
import { utf8Bytes } from '../../src/domain/utf8';

const lead = (n: number, company = `Company ${n}`): IndexedLead => ({
  row: n + 2,
  id: `L-${String(n).padStart(6, '0')}`,
  partnerId: 'P-000001',
  registeredAtMs: 1767225600000 + n,
  status: 'New',
  protectedUntil: '2026-05-01',
  company,
  keys: { domain: `company${n}.example`, mailDomain: '', name: company.toLowerCase() },
});

describe('the match index as cache values', () => {
  test('round-trips entries, tabs and line breaks in names made safe', () => {
    const entries = [lead(1), lead(2, 'Tab\tand\nbreak Ltd'), { ...lead(3), protectedUntil: '', status: 'Conflict' }];
    const decoded = decodeChunks('t1', encodeChunks('t1', entries));
    expect(decoded?.map((e) => e.id)).toEqual(['L-000001', 'L-000002', 'L-000003']);
    expect(decoded?.[1].company).toBe('Tab and break Ltd');
    expect(decoded?.[2]).toEqual({ ...lead(3), protectedUntil: '', status: 'Conflict' });
  });

  test("splits into chunks under Google's 100 KB a value, counting UTF-8 bytes", () => {
    const wide = Array.from({ length: 3000 }, (_, i) => lead(i, `株式会社 テスト ${i} ホールディングス`));
    const chunks = encodeChunks('tok', wide);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(utf8Bytes(c)).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(utf8Bytes(chunks[0])).toBe(Buffer.byteLength(chunks[0], 'utf8'));
    expect(decodeChunks('tok', chunks)).toHaveLength(3000);
  });

  test('refuses a missing chunk, a chunk of another build, or a damaged line', () => {
    const chunks = encodeChunks(
      'a',
      Array.from({ length: 3000 }, (_, i) => lead(i, `Company with a fairly long name number ${i}`)),
    );
    expect(chunks.length).toBeGreaterThan(1);
    expect(decodeChunks('a', [chunks[0], undefined])).toBeNull();
    expect(decodeChunks('a', [chunks[0], chunks[1].replace(/^a\n/, 'b\n')])).toBeNull();
    expect(decodeChunks('a', [`a\nnot an entry`])).toBeNull();
  });
});

test('only open leads whose protection has not ended collide', () => {
  expect(collides({ status: 'New', protectedUntil: '2026-03-01' }, '2026-03-01')).toBe(true);
  expect(collides({ status: 'Qualified', protectedUntil: '' }, '2026-03-01')).toBe(true);
  expect(collides({ status: 'Accepted', protectedUntil: '2026-02-28' }, '2026-03-01')).toBe(false);
  expect(collides({ status: 'Conflict', protectedUntil: '' }, '2026-03-01')).toBe(false);
});

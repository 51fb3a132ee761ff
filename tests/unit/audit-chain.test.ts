import { checkReceipt } from '../../src/domain/audit-verify';
import { errorText } from '../../src/mail/error-text';
import { createHash } from 'node:crypto';
import { auditCells, chainHash, sha256Hex, utf8Bytes } from '../../src/domain/audit-chain';
import { StoredAuditRow, verifyChain } from '../../src/domain/audit-verify';

describe('hashing without Apps Script services', () => {
  test('sha256Hex equals node:crypto over ASCII, accents, emoji, CJK and lone surrogates', () => {
    for (const text of ['', 'abc', 'Société Générale', '😀 party', '株式会社', 'a\ud800b', 'x'.repeat(10000), '\u001f=SUM(A1)']) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      expect(Buffer.from(utf8Bytes(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
    }
  });
});

function chain(n: number): StoredAuditRow[] {
  let previous = '';
  return Array.from({ length: n }, (_, i) => {
    const cells = auditCells(
      { at: new Date(Date.UTC(2026, 0, 1, 0, i)), user: 'a@x.example', source: 'edit', tab: 'Leads', range: `D${i + 2}`, recordId: `L-${i}`, field: 'Company', oldValue: '', newValue: `v${i}` },
      'local',
    );
    const hash = chainHash(previous, cells);
    const row = { row: i + 2, cells, hash, previousHash: previous };
    previous = hash;
    return row;
  });
}

const renumber = (rows: StoredAuditRow[]) => rows.map((r, i) => ({ ...r, row: i + 2 }));

describe('verifyChain', () => {
  test('an intact chain, with or without the Previous Hash column (rows from before schema 4)', () => {
    expect(verifyChain(chain(5))).toEqual({ intact: true, rows: 5, message: 'Intact, 5 rows.' });
    expect(verifyChain(chain(5).map((r) => ({ ...r, previousHash: '' })))).toMatchObject({ intact: true });
    expect(verifyChain([])).toMatchObject({ intact: true, message: 'Intact, 0 rows.' });
  });

  test('altered content, an altered hash, an inserted row, a deleted row, a deleted first row', () => {
    const altered = chain(5);
    altered[2] = { ...altered[2], cells: altered[2].cells.map((c, i) => (i === 9 ? 'changed' : c)) };
    expect(verifyChain(altered)).toMatchObject({ intact: false, row: 4, problem: 'altered' });

    const inserted = chain(5);
    inserted.splice(2, 0, { ...inserted[1], hash: 'f'.repeat(64) });
    expect(verifyChain(renumber(inserted))).toMatchObject({ intact: false, row: 4, problem: 'inserted' });

    const deleted = chain(5);
    deleted.splice(2, 1);
    expect(verifyChain(renumber(deleted))).toMatchObject({ intact: false, row: 4, problem: 'deleted' });

    expect(verifyChain(renumber(chain(5).slice(1)))).toMatchObject({ intact: false, row: 2, problem: 'deleted' });
  });

  test('deleted last rows are found through the last known head; a stale head still in the chain is fine', () => {
    const rows = chain(6);
    expect(verifyChain(rows.slice(0, 4), { hash: rows[5].hash, rows: 6 })).toMatchObject({
      intact: false,
      problem: 'deleted',
      message: 'The last 2 row(s) were deleted: the log had 6 rows, it has 4.',
    });
    expect(verifyChain(rows, { hash: rows[3].hash, rows: 4 })).toMatchObject({ intact: true });
  });
});

describe('receipts and send errors never pass on less than they should', () => {
  test('a receipt shortened below its 16 hex digits is not a receipt (32 bits would be forgeable)', () => {
    expect(checkReceipt([], 'Audit receipt: 3 rows · 3f9a1c0b').message).toMatch(/^That is not a receipt/);
    expect(checkReceipt([], 'Audit receipt: 3 rows · 3f9a1c0b7e2d4a61').message).not.toMatch(/^That is not a receipt/);
  });

  test('a send error with an empty message still says something', () => {
    expect(errorText(new Error(''))).toBe('Google gave no message');
    expect(errorText(new Error('Service invoked too many times'))).toBe('Service invoked too many times');
  });
});

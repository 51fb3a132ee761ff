import { PAYOUT_CSV_COLUMNS, payoutsCsv } from '../../src/domain/payouts';
import { FEB_2026 } from './payout-test-fixtures';

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
      continue;
    }
    if (c === '\r' || c === '\n' || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    field += c;
    i++;
  }
  if (field !== '' || row.length) throw new Error('last record is not terminated by CRLF');
  return rows;
}

describe('payoutsCsv', () => {
  const row = (overrides: Partial<Parameters<typeof payoutsCsv>[0][number]> = {}) => ({
    payoutId: 'PO-000001',
    partnerId: 'P-000001',
    partnerName: 'Acme Resellers',
    email: 'pay@acme.example',
    netCents: 123_450,
    currency: 'USD',
    period: FEB_2026,
    ...overrides,
  });

  it('writes the documented header and one row per payout, CRLF after each', () => {
    const csv = payoutsCsv([row(), row({ payoutId: 'PO-000002', partnerId: 'P-000002', partnerName: 'Beta', email: 'b@beta.example', netCents: 1 })]);
    expect(csv).toBe(
      'recipient_email,recipient_name,amount,currency,reference,note,partner_id\r\n' +
        'pay@acme.example,Acme Resellers,1234.50,USD,PO-000001,Commission February 2026,P-000001\r\n' +
        'b@beta.example,Beta,0.01,USD,PO-000002,Commission February 2026,P-000002\r\n',
    );
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(PAYOUT_CSV_COLUMNS.map((c) => c.column).join(',')).toBe('recipient_email,recipient_name,amount,currency,reference,note,partner_id');
    for (const c of PAYOUT_CSV_COLUMNS) expect(c.meaning.length).toBeGreaterThan(10);
    expect(payoutsCsv([])).toBe('recipient_email,recipient_name,amount,currency,reference,note,partner_id\r\n');
  });

  it('writes amounts with a dot, two decimals and no thousands separator', () => {
    const amounts = parseCsv(payoutsCsv([row({ netCents: 100_000_000_00 }), row({ netCents: 10 }), row({ netCents: 99 }), row({ netCents: 100 })]))
      .slice(1)
      .map((r) => r[2]);
    expect(amounts).toEqual(['100000000.00', '0.10', '0.99', '1.00']);
  });

  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    const csv = payoutsCsv([row({ partnerName: 'Smith, "Bob" & Co' }), row({ partnerName: 'Line\nBreak' }), row({ period: { ...FEB_2026, label: 'Week, "1"' } })]);
    expect(csv).toContain(',"Smith, ""Bob"" & Co",');
    expect(csv).toContain(',"Line\nBreak",');
    expect(csv).toContain(',"Commission Week, ""1""",');
    const parsed = parseCsv(csv);
    expect(parsed[1][1]).toBe('Smith, "Bob" & Co');
    expect(parsed[2][1]).toBe('Line\nBreak');
    expect(parsed.every((r) => r.length === 7)).toBe(true);
  });

  it('neutralises formula injection in every text field', () => {
    const evil = ['=HYPERLINK("http://evil.example","click")', '+1', '-2', '@x', '\tTAB', '\rCR'];
    const rows = evil.map((text, i) =>
      row({
        payoutId: text,
        partnerId: text,
        partnerName: text,
        email: text,
        currency: text,
        netCents: 1_000 + i,
        period: { ...FEB_2026, label: 'February 2026' },
      }),
    );
    const csv = payoutsCsv(rows);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    const parsed = parseCsv(csv).slice(1);
    parsed.forEach((fields, i) => {
      for (const [col, value] of fields.entries()) {
        if (col === 2) {
          expect(value).toMatch(/^\d+\.\d{2}$/);
          continue;
        }
        expect(value).not.toMatch(/^[=+\-@\t\r\n]/);
        // Cleaned first: a carriage return is stored as a newline (and still guarded).
        if (col !== 5) expect(value).toBe(`'${evil[i].replace('\r', '\n')}`);
      }
    });
    expect(parsed[1][1]).toBe("'+1");
    expect(parsed[2][1]).toBe("'-2");
    expect(parsed[3][1]).toBe("'@x");
  });

  it('refuses payouts that are not more than 0, or not whole cents', () => {
    expect(() => payoutsCsv([row({ netCents: 0 })])).toThrow('PO-000001');
    expect(() => payoutsCsv([row({ netCents: -100 })])).toThrow('more than 0');
    expect(() => payoutsCsv([row({ netCents: 12.5 })])).toThrow('whole cents');
  });
});

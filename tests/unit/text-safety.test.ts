import { CELL_CHARACTER_LIMIT, cellText, cleanText, cutText, looksLikeFormula, neutraliseForCell, neutraliseForCsv } from '../../src/domain/cell-text';
import { payoutsCsv } from '../../src/domain/payouts/csv';
import { LEAD_REGISTRATION_SCHEMA } from '../../src/domain/lead';
import { PARTNER_INPUT_SCHEMA } from '../../src/domain/partner';
import { fieldErrorsOf } from '../../src/domain/fields';
import { Emulator } from '../../emulator';

/** Writes each value to a fresh emulated sheet and reads back values and formulas. */
function throughSheet(written: string[]): { values: unknown[]; formulas: string[] } {
  const sheet = new Emulator().spreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  const range = sheet.getRange(1, 1, written.length, 1);
  range.setValues(written.map((w) => [w]));
  return { values: range.getValues().flat(), formulas: range.getFormulas().flat() };
}

/** RFC 4180 fields of one CSV line without quoted line breaks. */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') field += line[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

describe('cleanText', () => {
  test('removes C0 and C1 controls but tab and newline; CR LF and CR become LF', () => {
    expect(cleanText('a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg')).toBe('abcdefg');
    expect(cleanText('one\ttwo\nthree')).toBe('one\ttwo\nthree');
    expect(cleanText('one\r\ntwo\rthree')).toBe('one\ntwo\nthree');
  });

  test('removes bidirectional controls and zero-width characters', () => {
    // A right-to-left override shows "moc.emca" as "acme.com".
    expect(cleanText('\u202emoc.emca')).toBe('moc.emca');
    const bidi = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c';
    const zeroWidth = '\u200b\u200c\u200d\u2060\ufeff';
    expect(cleanText(`Ac${bidi}me${zeroWidth} Ltd`)).toBe('Acme Ltd');
  });

  test('is NFC, keeps real text (accents, CJK, emoji) and is idempotent', () => {
    expect(cleanText('Cafe\u0301')).toBe('Café');
    for (const text of ['Müller & Söhne GmbH', '株式会社テスト', 'Rocket 🚀 Labs', 'Ωmega', "O'Brien", '']) {
      expect(cleanText(text)).toBe(text);
      expect(cleanText(cleanText(text))).toBe(cleanText(text));
    }
  });

  test('a lone surrogate becomes U+FFFD', () => {
    expect(cleanText('a\ud83d')).toBe('a\ufffd');
    expect(cleanText('\ude80b')).toBe('\ufffdb');
  });
});

describe('neutraliseForCell', () => {
  test('a NUL before =HYPERLINK(…) no longer hides the formula: the cell holds text', () => {
    const evil = '\u0000=HYPERLINK("http://evil.example","Invoice")';
    expect(looksLikeFormula(evil)).toBe(true);
    expect(neutraliseForCell(evil)).toBe('\'=HYPERLINK("http://evil.example","Invoice")');
    const { values, formulas } = throughSheet([neutraliseForCell(evil), neutraliseForCell('\u200b\u202e+1+2'), neutraliseForCell('\ufeff@SUM(A1)')]);
    expect(formulas).toEqual(['', '', '']);
    expect(values).toEqual(['=HYPERLINK("http://evil.example","Invoice")', '+1+2', '@SUM(A1)']);
  });

  test('a right-to-left override and zero-width characters are removed before storage', () => {
    expect(neutraliseForCell('Acme\u202e Ltd')).toBe('Acme Ltd');
    expect(neutraliseForCell('Ac\u200bme\u200d')).toBe('Acme');
  });

  test("an apostrophe that belongs to the text is kept ('t Hooft Consultancy)", () => {
    const texts = ["'t Hooft Consultancy", "'", "''quoted''", "'=not a formula"];
    expect(neutraliseForCell("'t Hooft Consultancy")).toBe("''t Hooft Consultancy");
    expect(throughSheet(texts.map((t) => neutraliseForCell(t))).values).toEqual(texts);
    // Not at the start: nothing to do.
    expect(neutraliseForCell("Rock 'n' Roll")).toBe("Rock 'n' Roll");
  });

  test('a cell reads back as exactly cellText(text)', () => {
    const texts = ['plain', '=1+1', "'lead", 'a\u0000b', 'x\r\ny', '-5 discount', '\u202e=cmd'];
    expect(throughSheet(texts.map((t) => neutraliseForCell(t))).values).toEqual(texts.map((t) => cellText(t)));
  });
});

describe('the cell length bound', () => {
  test('a 60,000-character text is cut to fit a cell with a marker that says where the whole text is', () => {
    const text = 'x'.repeat(60_000);
    const stored = cellText(text, 'the Drive file "Form answers R-000123"');
    expect(stored.length).toBeLessThanOrEqual(CELL_CHARACTER_LIMIT);
    const marker = /… \[cut: ([\d,]+) more characters; the whole text is in the Drive file "Form answers R-000123"\]$/.exec(stored);
    expect(marker).not.toBeNull();
    const kept = stored.length - (marker as RegExpExecArray)[0].length;
    expect(Number((marker as RegExpExecArray)[1].replace(/,/g, ''))).toBe(60_000 - kept);
    expect(stored.slice(0, kept)).toBe('x'.repeat(kept));
    expect(kept).toBeGreaterThan(49_900);
  });

  test('never splits a surrogate pair, and counts characters (not UTF-16 units) in the marker', () => {
    const text = '🚀'.repeat(30_000); // 60,000 UTF-16 units
    for (const where of [undefined, 'the audit file']) {
      const stored = cellText(text, where);
      expect(stored.length).toBeLessThanOrEqual(CELL_CHARACTER_LIMIT);
      expect(stored).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      const kept = stored.slice(0, stored.indexOf('…'));
      expect(kept).toBe('🚀'.repeat(kept.length / 2));
      const cut = Number(/cut: ([\d,]+) more/.exec(stored)?.[1].replace(/,/g, ''));
      expect(cut).toBe(30_000 - kept.length / 2);
    }
    // The odd case: the cut would fall between the two halves.
    for (let limit = 60; limit < 70; limit++) {
      const cutAt = cutText(`a${'🚀'.repeat(50)}`, limit);
      expect(cutAt.length).toBeLessThanOrEqual(limit);
      expect(cutAt).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
  });

  test('without a place the marker says only how much was cut; text that fits is untouched', () => {
    // 13 kept + 27 of marker = the 40 allowed; 104 - 13 = 91 cut.
    expect(cutText('abcdefghijklmnopqrstuvwxyz'.repeat(4), 40)).toBe('abcdefghijklm… [cut: 91 more characters]');
    expect(cutText('abcdef', 5)).toBe('… [cu');
    expect(cutText('short', 40, 'anywhere')).toBe('short');
    const exactly = 'y'.repeat(CELL_CHARACTER_LIMIT);
    expect(cellText(exactly)).toBe(exactly);
  });

  test("the guard's apostrophe counts: what is written never exceeds the limit, and reads back as cellText", () => {
    for (const text of [`=${'z'.repeat(CELL_CHARACTER_LIMIT)}`, `'${'z'.repeat(CELL_CHARACTER_LIMIT - 1)}`, `-${'z'.repeat(CELL_CHARACTER_LIMIT + 10)}`]) {
      const written = neutraliseForCell(text, 'the log file');
      expect(written.length).toBeLessThanOrEqual(CELL_CHARACTER_LIMIT);
      expect(written.startsWith("'")).toBe(true);
      expect(written.slice(1)).toBe(cellText(text, 'the log file'));
    }
  });
});

describe('the payout CSV cleans every text field before its formula guard', () => {
  const period = { start: '2026-02-01', end: '2026-02-28', label: 'February 2026' };

  test('NUL + =HYPERLINK(…) is neutralised; RLO and zero-width removed; an apostrophe is kept as typed', () => {
    const csv = payoutsCsv([
      { payoutId: 'PO-000001', partnerId: 'P-000001', partnerName: '\u0000=HYPERLINK("http://evil.example","Pay me")', email: 'ann@acme.example\u200b', netCents: 12345, currency: 'USD', period },
      { payoutId: 'PO-000002', partnerId: 'P-000002', partnerName: "'t Hooft \u202eConsultancy", email: 'jan@hooft.example', netCents: 500, currency: 'EUR', period },
    ]);
    const [, first, second] = csv.split('\r\n').map(csvFields);
    expect(first[1]).toBe('\'=HYPERLINK("http://evil.example","Pay me")');
    expect(first[0]).toBe('ann@acme.example');
    expect(second[1]).toBe("'t Hooft Consultancy");
    // eslint-disable-next-line no-control-regex
    expect(csv).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
    expect(neutraliseForCsv('\u0000@cmd')).toBe("'@cmd");
  });
});

describe('schemas clean text before they check it', () => {
  test('a company of zero-width characters is blank; controls are gone from what is stored', () => {
    const base = { partnerId: 'P-000001', contactEmail: 'ann@acme.example' };
    const blank = LEAD_REGISTRATION_SCHEMA.safeParse({ ...base, company: '\u200b\u200d\u202e' });
    expect(blank.success).toBe(false);
    if (!blank.success) expect(fieldErrorsOf(blank.error).company).toBe('Company is required');
    const parsed = LEAD_REGISTRATION_SCHEMA.parse({ ...base, company: 'Ac\u0000me\u202e Ltd', notes: 'line one\r\nline two', contactEmail: 'ann@acme.example\u200b' });
    expect(parsed).toMatchObject({ company: 'Acme Ltd', notes: 'line one\nline two', contactEmail: 'ann@acme.example' });
    expect(PARTNER_INPUT_SCHEMA.parse({ name: "'t Hooft Consultancy", code: 'HOOFT', contactEmail: 'jan@hooft.example', type: 'Referral' }).name).toBe("'t Hooft Consultancy");
  });
});

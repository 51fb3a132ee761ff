import { looksLikeFormula, neutraliseForCell } from '../../src/domain/cell-text';
import { SETTING_DEFS, parseSettings } from '../../src/domain/settings';
import { TABS, numberFormatFor } from '../../src/tracker/schema';
import { dashboardMetrics } from '../../src/tracker/dashboard';
import { Emulator } from '../../emulator';

describe('formula injection', () => {
  const dangerous = ['=HYPERLINK("http://evil","x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=IMPORTXML("x","y")'];

  test('neutralised text is stored as the exact text, never a formula, on the emulator', () => {
    const sheet = new Emulator().spreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    const range = sheet.getRange(1, 1, dangerous.length, 1);
    range.setValues(dangerous.map((t) => [neutraliseForCell(t)]));
    expect(range.getFormulas().flat().every((f) => f === '')).toBe(true);
    // A carriage return is stored as a newline (cleanText); everything else exactly as typed.
    expect(range.getValues().flat()).toEqual(dangerous.map((t) => t.replace('\r', '\n')));
  });

  test('harmless text is left as it is', () => {
    expect(neutraliseForCell('Acme Ltd')).toBe('Acme Ltd');
    expect(neutraliseForCell('')).toBe('');
    expect(looksLikeFormula('a=b')).toBe(false);
  });
});

describe('settings', () => {
  const defaults = new Map(SETTING_DEFS.map((d) => [d.label, d.defaultValue]));

  test('defaults parse', () => {
    const result = parseSettings(new Map());
    expect(result.ok).toBe(true);
    expect(result.settings).toMatchObject({ protectionDays: 90, currency: 'USD', holdingDays: 30 });
  });

  test('bad values are reported by label with what is wrong; the rest still parse', () => {
    const rows = new Map(defaults);
    rows.set('Deal protection window (days)', 'ninety');
    rows.set('Currency', 'usd');
    rows.set('Payout hour', '25');
    const result = parseSettings(rows);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { label: 'Deal protection window (days)', message: 'must be a number' },
      { label: 'Payout hour', message: 'must be at most 23' },
    ]);
    expect(result.settings.currency).toBe('USD');
    expect(result.settings.protectionDays).toBe(90);
  });

  test('range checks', () => {
    const rows = new Map(defaults);
    rows.set('Deal protection window (days)', '400');
    rows.set('Minimum payout', '-5');
    const result = parseSettings(rows);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual(['must be at most 365', 'must not be negative']);
  });
});

describe('the schema is one consistent place', () => {
  test('tab names, column keys and headers are unique; ID tabs start with their ID', () => {
    expect(new Set(TABS.map((t) => t.name)).size).toBe(TABS.length);
    for (const t of TABS) {
      expect(new Set(t.columns.map((c) => c.key)).size).toBe(t.columns.length);
      expect(new Set(t.columns.map((c) => c.header)).size).toBe(t.columns.length);
      if (t.idPrefix) expect(t.columns[0]).toMatchObject({ key: 'id', type: 'id' });
      for (const c of t.columns) if (c.type === 'enum' || c.type === 'list') expect(c.choices).toBeDefined();
    }
  });

  test('typed columns have a number format', () => {
    expect(numberFormatFor('money')).toBe('#,##0.00');
    expect(numberFormatFor('id')).toBe('@');
  });

  test('dashboard formulas point at the columns where they are', () => {
    const positions = new Map(TABS.map((t) => [t.key, new Map(t.columns.map((c, i) => [c.key, i + 1]))]));
    const metrics = dashboardMetrics(positions);
    expect(metrics.find((m) => m.label === 'Won revenue')?.formula).toBe('=SUMIF(Leads!L:L,"Closed Won",Leads!O:O)');
    expect(metrics.find((m) => m.label === 'Commissions paid')?.formula).toBe('=SUMIF(Commissions!I:I,"Paid",Commissions!H:H)');
  });
});

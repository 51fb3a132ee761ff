import { looksLikeFormula, neutraliseForCell } from '../../src/domain/cell-text';
import { SETTING_DEFS, checkSettingValue, parseSettings } from '../../src/domain/settings';
import { TABS, numberFormatFor } from '../../src/tracker/schema';
import { Emulator } from '../../emulator';

describe('formula injection', () => {
  const dangerous = ['=HYPERLINK("http://evil","x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=IMPORTXML("x","y")'];

  test('neutralised text is stored as the exact text, never a formula, on the emulator', () => {
    const sheet = new Emulator().spreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    const range = sheet.getRange(1, 1, dangerous.length, 1);
    range.setValues(dangerous.map((t) => [neutraliseForCell(t)]));
    expect(
      range
        .getFormulas()
        .flat()
        .every((f) => f === ''),
    ).toBe(true);
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
      { key: 'protectionDays', label: 'Deal protection window (days)', reason: 'must be a number', usedDefault: '90', message: 'must be a number: using the default, 90' },
      { key: 'payoutHour', label: 'Payout hour', reason: 'must be at most 23', usedDefault: '6', message: 'must be at most 23: using the default, 6' },
    ]);
    expect(result.settings.currency).toBe('USD');
    expect(result.settings.protectionDays).toBe(90);
  });

  test('range checks', () => {
    const rows = new Map(defaults);
    rows.set('Deal protection window (days)', '400');
    rows.set('Minimum payout', '-5');
    const result = parseSettings(rows);
    expect(result.ok ? [] : result.problems.map((p) => p.reason)).toEqual(['must be at most 365', 'must not be negative']);
  });
});

describe('settings: a blank is not 0', () => {
  const defaults = new Map(SETTING_DEFS.map((d) => [d.label, d.defaultValue]));
  const numeric = [
    ['Deal protection window (days)', 'protectionDays', 90, '90'],
    ['Expiry reminder (days before)', 'expiryReminderDays', 7, '7'],
    ['Commission holding period (days)', 'holdingDays', 30, '30'],
    ['Minimum payout', 'minimumPayout', 100, '100'],
    ['Payout hour', 'payoutHour', 6, '6'],
  ] as const;

  test.each(numeric)('a blank %s uses its documented default, with a problem that says so', (label, key, value, shown) => {
    for (const blank of ['', '   ']) {
      const rows = new Map(defaults);
      rows.set(label, blank);
      const result = parseSettings(rows);
      expect(result.settings[key]).toBe(value);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.problems).toEqual([{ key, label, reason: 'is blank', usedDefault: shown, message: `is blank: using the default, ${shown}` }]);
    }
  });

  test('the holding period: blank says "Commission holding period (days) is blank: using the default, 30"', () => {
    const rows = new Map(defaults);
    rows.set('Commission holding period (days)', '');
    const result = parseSettings(rows);
    expect(result.ok ? [] : result.problems.map((p) => `${p.label} ${p.message}`)).toEqual(['Commission holding period (days) is blank: using the default, 30']);
    expect(result.settings.holdingDays).toBe(30);
  });

  test('invalid values use the default too, every broken setting is named, the rest keep their values', () => {
    const rows = new Map(defaults);
    rows.set('Commission holding period (days)', 'thirty');
    rows.set('Expiry reminder (days before)', '2.5');
    rows.set('Minimum payout', '12.345');
    rows.set('Payout schedule', '');
    rows.set('Programme name', '\u200b');
    rows.set('Deal protection window (days)', '60');
    const result = parseSettings(rows);
    expect(result.ok ? [] : result.problems.map((p) => [p.key, `${p.label} ${p.message}`])).toEqual([
      ['programmeName', 'Programme name is blank: using the default, Partner Programme'],
      ['expiryReminderDays', 'Expiry reminder (days before) must be a whole number: using the default, 7'],
      ['holdingDays', 'Commission holding period (days) must be a number: using the default, 30'],
      ['minimumPayout', 'Minimum payout must be an amount like 12500 or 12,500.50: using the default, 100'],
      ['payoutSchedule', 'Payout schedule is blank: using the default, Monthly'],
    ]);
    expect(result.settings).toMatchObject({ programmeName: 'Partner Programme', expiryReminderDays: 7, holdingDays: 30, minimumPayout: 100, payoutSchedule: 'Monthly', protectionDays: 60 });
  });

  test('0 typed on purpose is 0; settings that may be blank stay blank without a problem', () => {
    const rows = new Map(defaults);
    rows.set('Commission holding period (days)', '0');
    rows.set('Minimum payout', '0');
    rows.set('Partner form link', '');
    const result = parseSettings(rows);
    expect(result.ok).toBe(true);
    expect(result.settings).toMatchObject({ holdingDays: 0, minimumPayout: 0, partnerFormUrl: '' });
  });

  test('checkSettingValue, for the edit trigger: refuses a blank or invalid value when typed', () => {
    expect(checkSettingValue('Commission holding period (days)', '')).toBe('Commission holding period (days) is blank: type a value (the default is 30)');
    expect(checkSettingValue('holdingDays', null)).toBe('Commission holding period (days) is blank: type a value (the default is 30)');
    expect(checkSettingValue('Payout hour', 25)).toBe('Payout hour must be at most 23');
    expect(checkSettingValue('Minimum payout', '2000000000')).toBe('Minimum payout must be at most 1,000,000,000.00');
    expect(checkSettingValue('Commission holding period (days)', 45)).toBeNull();
    expect(checkSettingValue('Partner form link', '')).toBeNull();
    expect(checkSettingValue('Not a setting', '')).toBeNull();
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
});

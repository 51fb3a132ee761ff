import { changeText, figureText, funnelItems, monthShort, periodChoices } from '../../sidebar/insights-format';

/** How the Insights view words the server's figures (sidebar/insights-format.ts). */
const figure = (format: 'count' | 'money' | 'percent' | 'days', current: number | null, previous: number | null) => ({ key: 'k', label: 'K', format, current, previous });

describe('figures and their change', () => {
  test('each format written as a person reads it; a missing figure is a dash', () => {
    expect(figureText(1234, 'count', 'USD')).toBe('1,234');
    expect(figureText(123456, 'money', 'USD')).toBe('$1,234.56');
    expect(figureText(0.255, 'percent', 'USD')).toBe('25.5%');
    expect(figureText(1, 'days', 'USD')).toBe('1 day');
    expect(figureText(12.34, 'days', 'USD')).toBe('12.3 days');
    expect(figureText(null, 'money', 'USD')).toBe('—');
  });

  test('counts and money change by the difference and its percentage, ratios in points, days in days, signed in text', () => {
    expect(changeText(figure('count', 15, 12), 'USD')).toEqual({ text: '+3 (+25%)', direction: 'up' });
    expect(changeText(figure('money', 5000, 10000), 'EUR')).toEqual({ text: '−€50.00 (−50%)', direction: 'down' });
    expect(changeText(figure('percent', 0.3, 0.25), 'USD')).toEqual({ text: '+5 pts', direction: 'up' });
    expect(changeText(figure('days', 10, 12.5), 'USD')).toEqual({ text: '−2.5 days', direction: 'down' });
    expect(changeText(figure('count', 4, 4), 'USD')).toEqual({ text: 'no change', direction: 'same' });
  });

  test('from nothing there is no percentage; with a side missing there is no change', () => {
    expect(changeText(figure('count', 3, 0), 'USD')?.text).toBe('+3');
    expect(changeText(figure('percent', 0.5, null), 'USD')).toBeNull();
    expect(changeText(figure('money', null, 100), 'USD')).toBeNull();
  });
});

describe('funnel, months and the period picker', () => {
  test('each stage with its share of the leads registered (none shown when nothing was registered)', () => {
    expect(funnelItems({ registered: 40, accepted: 30, qualified: 12, won: 5 }).map((i) => i.valueText)).toEqual(['40', '30 · 75%', '12 · 30%', '5 · 13%']);
    expect(funnelItems({ registered: 0, accepted: 0, qualified: 0, won: 0 }).map((i) => i.valueText)).toEqual(['0', '0', '0', '0']);
  });

  test('short month names', () => {
    expect([monthShort('2026-01'), monthShort('2026-12'), monthShort('bad')]).toEqual(['Jan', 'Dec', 'bad']);
  });

  test('the recent months, quarters and years, the current one first, across year ends', () => {
    const months = periodChoices('month', '2026-02-14');
    expect(months).toHaveLength(13);
    expect(months.slice(0, 3)).toEqual([
      { start: '2026-02-01', label: 'February 2026' },
      { start: '2026-01-01', label: 'January 2026' },
      { start: '2025-12-01', label: 'December 2025' },
    ]);
    expect(months[12]).toEqual({ start: '2025-02-01', label: 'February 2025' });
    expect(periodChoices('quarter', '2026-02-14').map((c) => c.label)).toEqual(['Q1 2026', 'Q4 2025', 'Q3 2025', 'Q2 2025', 'Q1 2025', 'Q4 2024', 'Q3 2024', 'Q2 2024']);
    expect(periodChoices('quarter', '2026-11-30')[0]).toEqual({ start: '2026-10-01', label: 'Q4 2026' });
    expect(periodChoices('year', '2026-06-01').map((c) => c.start)).toEqual(['2026-01-01', '2025-01-01', '2024-01-01', '2023-01-01', '2022-01-01']);
  });
});

import { barLayout, CHART_WIDTH, divergingLayout, fitText, signedNumber, TREND_PLOT_HEIGHT, TREND_PLOT_TOP, trendLayout } from '../../sidebar/ui/svg-chart';

/** The charts' geometry (pure): what is drawn where, at the sidebar's 276 px content width. */
describe('bar layout', () => {
  test('bars scale to the largest value, negatives and non-numbers draw none, rows stack', () => {
    const { rows, height } = barLayout([
      { label: 'Registered', value: 40 },
      { label: 'Won', value: 10 },
      { label: 'Refunds', value: -5 },
      { label: 'Broken', value: Number.NaN },
    ]);
    expect(rows.map((r) => r.barWidth)).toEqual([CHART_WIDTH, CHART_WIDTH / 4, 0, 0]);
    expect(rows.map((r) => r.valueText)).toEqual(['40', '10', '-5', 'NaN']);
    expect(rows[1].textY - rows[0].textY).toBeGreaterThan(20);
    expect(height).toBe(rows.length * (rows[1].textY - rows[0].textY));
  });

  test('all zero draws empty bars (no division by zero); a given value text wins over the format', () => {
    const { rows } = barLayout([{ label: 'A', value: 0, valueText: '0 · 0%' }], (v) => `$${v}`);
    expect(rows[0]).toMatchObject({ barWidth: 0, valueText: '0 · 0%' });
  });

  test('a long label is cut to leave room for its value, the full one kept', () => {
    const long = 'Globex Referral Network of Extremely Long Names International';
    const [row] = barLayout([{ label: long, value: 1, valueText: '$1,234,567.00' }]).rows;
    expect(row.label.endsWith('…')).toBe(true);
    expect(row.label.length).toBeLessThan(long.length);
    expect(row.fullLabel).toBe(long);
  });
});

describe('fitText', () => {
  test('keeps what fits, cuts what does not with an ellipsis, counts characters not UTF-16 units', () => {
    expect(fitText('Acme', 100)).toBe('Acme');
    // 40 px holds six characters of 11 px text: five and the ellipsis.
    expect(fitText('abcdefghijklmnopqrstuvwxyz', 40)).toBe('abcde…');
    expect(fitText('😀😀😀😀😀😀😀😀', 40)).toBe('😀😀😀😀😀…');
  });
});

describe('diverging layout', () => {
  test('the zero line sits where the largest loss and gain both fit; losses end at it from the left', () => {
    const { zeroX, rows } = divergingLayout([
      { label: 'North', value: 300 },
      { label: 'South', value: -100 },
    ]);
    expect(zeroX).toBe(CHART_WIDTH / 4);
    expect(rows[0]).toMatchObject({ negative: false, barX: zeroX, barWidth: (CHART_WIDTH * 3) / 4 });
    expect(rows[1]).toMatchObject({ negative: true, barX: 0, barWidth: CHART_WIDTH / 4 });
  });

  test('gains only: the zero line is the left edge; all zero: nothing drawn', () => {
    expect(divergingLayout([{ label: 'A', value: 5 }]).zeroX).toBe(0);
    expect(divergingLayout([{ label: 'A', value: 0 }]).rows[0].barWidth).toBe(0);
  });

  test('signed numbers say their sign in text (not only by colour)', () => {
    expect([signedNumber(1200), signedNumber(-300), signedNumber(0)]).toEqual(['+1,200', '−300', '0']);
  });
});

describe('trend layout', () => {
  const months = ['Dec', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov'];

  test('twelve columns share the width, heights scale to the largest of both series, the line on the same scale', () => {
    const items = months.map((label, i) => ({ label, value: i === 11 ? 200 : 50, line: i === 0 ? 400 : 10 }));
    const { columns, baseline, max } = trendLayout(items);
    expect(max).toBe(400);
    expect(baseline).toBe(TREND_PLOT_TOP + TREND_PLOT_HEIGHT);
    expect(columns).toHaveLength(12);
    expect(columns[11].height).toBe(TREND_PLOT_HEIGHT / 2);
    expect(columns[11].y + columns[11].height).toBe(baseline);
    expect(columns[0].lineY).toBe(TREND_PLOT_TOP);
    expect(columns[11].x + columns[11].width).toBeLessThanOrEqual(CHART_WIDTH);
    expect(columns.every((c) => c.labelled)).toBe(true);
  });

  test('labels too wide for every column are thinned, the latest month always labelled', () => {
    const items = months.map((m) => ({ label: `${m} 2026`, value: 1 }));
    const labelled = trendLayout(items).columns.map((c) => c.labelled);
    expect(labelled[11]).toBe(true);
    expect(labelled.filter(Boolean).length).toBeLessThan(12);
    expect(labelled.filter(Boolean).length).toBeGreaterThan(2);
  });

  test('nothing above zero: flat columns, no line where a month has none', () => {
    const { columns } = trendLayout([{ label: 'Jan', value: 0 }]);
    expect(columns[0]).toMatchObject({ height: 0, lineY: null });
  });
});

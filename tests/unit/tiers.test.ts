import { DEFAULT_TIERS, TierDeal, TierHistoryEntry, decideTier, figuresAsOf, parseTiers, reviewKey, tierOnDate } from '../../src/domain/tiers';

/** Tier rules (pure): the Tiers tab parsed, thresholds with Either/Both, grace, pinning, and the tier on a date. */
const money = (cents: number) => `USD ${(cents / 100).toFixed(2)}`;
const defaults = parseTiers(DEFAULT_TIERS.map((t, i) => ({ row: i + 2, ...t })));
const tiers = defaults.tiers;
const deal = (closedOn: string, amount: number, partnerId = 'P-1'): TierDeal => ({ partnerId, amountCents: amount * 100, closedOn });
const move = (effectiveOn: string, fromTier: string, toTier: string, reason = 'review'): TierHistoryEntry => ({
  partnerId: 'P-1',
  fromTier,
  toTier,
  effectiveOn,
  at: `${effectiveOn}T12:00:00Z`,
  reason,
});
const decide = (tier: string, deals: TierDeal[], history: TierHistoryEntry[] = [], today = '2026-12-01', pinned = false) =>
  decideTier(tiers, { id: 'P-1', tier, pinned }, deals, history, today, money);

test('the default tiers parse; every problem on a row is said and the row left out', () => {
  expect(defaults.problems).toEqual([]);
  expect(tiers.map((t) => t.name)).toEqual(['Registered', 'Silver', 'Gold', 'Platinum']);
  const parsed = parseTiers([
    { row: 2, name: 'Entry', minRevenue: 10, minDeals: '', requires: '', graceDays: '' },
    { row: 3, name: 'Gold', minRevenue: 'lots', minDeals: 2.5, requires: 'Maybe', graceDays: -1 },
    { row: 4, name: 'gold', minRevenue: 5, minDeals: '', requires: '', graceDays: '' },
    { row: 5, name: '', minRevenue: 5, minDeals: '', requires: '', graceDays: '' },
    { row: 6, name: '', minRevenue: '', minDeals: '', requires: '', graceDays: '' },
  ]);
  expect(parsed.tiers).toEqual([]);
  expect(parsed.names).toEqual(['Entry', 'Gold', 'gold']);
  expect(parsed.problems).toEqual([
    { row: 2, name: 'Entry', problems: ['the first tier is the entry tier: every partner qualifies for it, so leave its thresholds blank'] },
    {
      row: 3,
      name: 'Gold',
      problems: [
        'Min Won Revenue (12 mo) must be an amount like 12500 or 12,500.50',
        'Min Won Deals (12 mo) must be a whole number',
        'Downgrade Grace (days) must not be negative',
        'Requires must be Either or Both (blank = Either)',
      ],
    },
    { row: 4, name: 'gold', problems: ['Tier gold is already on row 3: list each tier once'] },
    { row: 5, name: '', problems: ['Tier is blank: name the tier'] },
  ]);
});

test('trailing 12 months: a deal counts from its close day until the day before its anniversary', () => {
  const deals = [deal('2025-12-01', 100), deal('2025-12-02', 200), deal('2026-12-01', 400), deal('2026-12-02', 800)];
  expect(figuresAsOf(deals, '2026-12-01')).toEqual({ wonRevenueCents: 60000, wonDeals: 2 });
});

test('thresholds: the highest tier met, Either one of two or Both; up at once', () => {
  // Silver: 25,000 or 2 deals (Either): two small deals are enough.
  expect(decide('Registered', [deal('2026-10-01', 100), deal('2026-11-01', 100)])).toMatchObject({ kind: 'move', from: 'Registered', to: 'Silver', direction: 'up' });
  // Platinum needs Both 250,000 and 10 deals: 300,000 in one deal is Gold (Either 100,000 or 5).
  expect(decide('Silver', [deal('2026-10-01', 300000)])).toMatchObject({ kind: 'move', to: 'Gold' });
  const ten = Array.from({ length: 10 }, (_, i) => deal(`2026-0${(i % 9) + 1}-15`, 30000));
  expect(decide('Registered', ten)).toMatchObject({ kind: 'move', to: 'Platinum', figures: { wonRevenueCents: 30000000, wonDeals: 10 } });
  expect(decide('Gold', [deal('2026-10-01', 150000)])).toMatchObject({ kind: 'stay', tier: 'Gold' });
});

test('grace: down only once the tier grace has passed since the later of entering the tier and last dropping below', () => {
  // Gold since 2026-01-10 on a 120,000 deal closed 2025-12-15: it leaves the window on 2026-12-15.
  const deals = [deal('2025-12-15', 120000)];
  const history = [move('2026-01-10', 'Silver', 'Gold')];
  expect(decide('Gold', deals, history, '2026-12-14')).toMatchObject({ kind: 'stay' });
  expect(decide('Gold', deals, history, '2027-01-01')).toMatchObject({ kind: 'stay', reason: expect.stringContaining('since 2026-12-15; grace until 2027-03-15') });
  expect(decide('Gold', deals, history, '2027-03-15')).toMatchObject({ kind: 'move', from: 'Gold', to: 'Registered', direction: 'down' });
  // Set to Gold by hand on 2027-02-01, long after dropping below: grace counts from that day.
  const byHand = [...history, move('2027-02-01', 'Registered', 'Gold', 'set by hand')];
  expect(decide('Gold', deals, byHand, '2027-03-15')).toMatchObject({ kind: 'stay', reason: expect.stringContaining('grace until 2027-05-02') });
  // Back above, then below again: grace starts again from the new drop.
  const again = [...deals, deal('2027-02-01', 100000)];
  expect(decide('Gold', again, history, '2028-02-10')).toMatchObject({ kind: 'stay', reason: expect.stringContaining('since 2028-02-01') });
});

test('grace with nothing known (a tier set before the history): the review records the day grace starts, and counts from it', () => {
  const first = decide('Gold', [], [], '2026-12-01');
  expect(first).toMatchObject({ kind: 'grace starts', until: '2027-03-01' });
  const row = { ...move('2026-12-01', 'Gold', 'Gold'), reason: first.reason };
  expect(decide('Gold', [], [row], '2027-01-01')).toMatchObject({ kind: 'stay', reason: expect.stringContaining('grace until 2027-03-01') });
  expect(decide('Gold', [], [row], '2027-03-01')).toMatchObject({ kind: 'move', to: 'Registered' });
});

test('pinned partners, tiers set by hand only and unknown tiers never move', () => {
  expect(decide('Gold', [], [], '2030-01-01', true)).toMatchObject({ kind: 'stay', reason: 'pinned by a manager' });
  expect(decide('Registered', [deal('2026-11-01', 900000)], [], '2026-12-01', true)).toMatchObject({ kind: 'stay' });
  const withStrategic = parseTiers([...DEFAULT_TIERS.map((t, i) => ({ row: i + 2, ...t })), { row: 6, name: 'Strategic', minRevenue: '', minDeals: '', requires: '', graceDays: '' }]).tiers;
  expect(decideTier(withStrategic, { id: 'P-1', tier: 'Strategic', pinned: false }, [], [], '2026-12-01', money)).toMatchObject({ kind: 'stay', reason: expect.stringContaining('set by hand only') });
  expect(decideTier(withStrategic, { id: 'P-1', tier: 'Registered', pinned: false }, [deal('2026-11-01', 900000)], [], '2026-12-01', money)).toMatchObject({ to: 'Gold' });
  expect(decide('Diamond', [])).toMatchObject({ kind: 'skip', reason: expect.stringContaining('Diamond is not a usable tier') });
});

test('the tier on a date: the last move on or before it; before the first move its From tier; no move at all, the current tier', () => {
  const history = [
    move('2026-03-01', 'Registered', 'Silver'),
    move('2026-06-01', 'Silver', 'Gold'),
    { ...move('2026-07-01', 'Gold', 'Gold'), reason: 'pinned' },
    { ...move('2026-06-01', 'Silver', 'Gold'), partnerId: 'P-2' },
  ];
  expect(tierOnDate(history, 'P-1', '2026-02-28', 'Gold')).toBe('Registered');
  expect(tierOnDate(history, 'P-1', '2026-03-01', 'Gold')).toBe('Silver');
  expect(tierOnDate(history, 'P-1', '2026-05-31', 'Gold')).toBe('Silver');
  expect(tierOnDate(history, 'P-1', '2026-06-01', 'Gold')).toBe('Gold');
  expect(tierOnDate(history, 'P-1', '2027-01-01', 'Platinum')).toBe('Gold');
  expect(tierOnDate(history, 'P-3', '2026-06-01', 'Platinum')).toBe('Platinum');
  // A partner added at Silver (From blank): Silver before that day too.
  expect(tierOnDate([move('2026-04-01', '', 'Silver')], 'P-1', '2026-01-01', 'Gold')).toBe('Silver');
});

test('review keys name the month or the quarter', () => {
  expect(reviewKey('2026-11-30', 'Monthly')).toBe('2026-11');
  expect(reviewKey('2026-11-30', 'Quarterly')).toBe('2026-Q4');
  expect(reviewKey('2026-01-01', 'Quarterly')).toBe('2026-Q1');
});

import type { InsightsView, RegisterLeadResult, ScorecardView } from '../../src/sidebar-api/contract';
import { restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * The Insights endpoints through the built add-on on the emulator: who may see the figures, what
 * a bad period is told, and the figures for a period (the metrics module's own tests check every
 * figure; here, that the endpoint reads the tabs and hands them over as plain JSON).
 */
const FINANCE = 'fin@example.com';
const STRANGER = 'stranger@example.com';

const fresh = restoredFixture(() => {
  const t = trackerOnBundle({ now: '2026-02-02T15:00:00Z' });
  t.addTeam(FINANCE, 'Finance');
  const acme = t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' }).id;
  const globex = t.addPartner({ name: 'Globex <b>Resellers</b>', code: 'GLX', contactEmail: 'gina@globex.example' }).id;
  const register = (partnerId: string, company: string) =>
    t.ok<RegisterLeadResult>('apiRegisterLead', { partnerId, company, website: `${company.toLowerCase()}.example`, contactEmail: `ceo@${company.toLowerCase()}.example` }).lead.id;
  const win = (id: string, dealAmount: string, closedOn: string) => {
    t.ok('apiMoveLead', id, { to: 'Accepted' });
    t.ok('apiMoveLead', id, { to: 'Qualified' });
    t.ok('apiMoveLead', id, { to: 'Closed Won', dealAmount, closedOn });
  };
  // A close date may not be in the future: each win is moved once the clock has passed it.
  const initech = register(acme, 'Initech');
  t.emu.clock.set('2026-02-12T15:00:00Z');
  win(initech, '12000', '2026-02-10');
  t.emu.clock.set('2026-03-03T15:00:00Z');
  const hooli = register(acme, 'Hooli');
  register(acme, 'Umbrella');
  register(globex, 'Stark');
  t.emu.clock.set('2026-03-05T15:00:00Z');
  win(hooli, '5000', '2026-03-04');
  return { t, acme, globex, hooli };
});

describe('Insights endpoints', () => {
  test('someone with no role is refused with the reason and who can grant one', () => {
    const { t } = fresh();
    const refused = t.apiAs<InsightsView>(STRANGER, 'apiGetInsights');
    expect(refused).toEqual({
      ok: false,
      error: {
        message: `Seeing the programme's figures (Insights and partner scorecards) needs the Manager or Partner team or Finance role; you (${STRANGER}) are not on the Team tab. The owner (owner@example.com) or a manager can add it on the Team tab.`,
        fieldErrors: {},
      },
    });
    expect(t.apiAs(STRANGER, 'apiGetScorecard', 'P-000001')).toMatchObject({ ok: false, error: { message: expect.stringContaining('needs the Manager or Partner team or Finance role') } });
  });

  test('a bad period or partner is refused field by field, saying why', () => {
    const { t } = fresh();
    expect(t.api('apiGetInsights', { kind: 'week', start: '2026-03-01' })).toMatchObject({ ok: false, error: { fieldErrors: { kind: 'The period must be a month, quarter, year or custom' } } });
    expect(t.api('apiGetInsights', { kind: 'month', start: '2026-02-30' })).toMatchObject({ ok: false, error: { fieldErrors: { start: '"2026-02-30" is not a date: write it as YYYY-MM-DD.' } } });
    expect(t.api('apiGetInsights', { kind: 'custom', start: '2026-03-10' })).toMatchObject({ ok: false, error: { fieldErrors: { end: 'A custom period needs an end date (To).' } } });
    expect(t.api('apiGetInsights', { kind: 'custom', start: '2026-03-10', end: '2026-03-01' })).toMatchObject({
      ok: false,
      error: { fieldErrors: { end: 'To (2026-03-01) is before From (2026-03-10).' } },
    });
    expect(t.api('apiGetScorecard', 'P-999999')).toMatchObject({ ok: false, error: { fieldErrors: { partnerId: expect.stringContaining('There is no partner P-999999') } } });
  });

  test('finance sees the figures of the period asked for (the current month by default), the dormant partners and every partner to pick', () => {
    const { t, acme, globex } = fresh();
    const march = t.okAs<InsightsView>(FINANCE, 'apiGetInsights');
    expect(march.today).toBe('2026-03-05');
    expect(march.figures.period).toEqual({ kind: 'month', start: '2026-03-01', end: '2026-03-31', label: 'March 2026' });
    expect(march.figures.previous.label).toBe('February 2026');
    const revenue = march.figures.headline.find((h) => h.key === 'wonRevenue');
    expect(revenue).toMatchObject({ current: 500000, previous: 1200000, format: 'money' });
    expect(march.figures.funnel).toMatchObject({ registered: 3, won: 1 });
    expect(march.figures.leaderboard.map((r) => [r.partnerId, r.wonRevenueCents])).toEqual([
      [acme, 500000],
      [globex, 0],
    ]);
    expect(march.partners.map((p) => p.id).sort()).toEqual([acme, globex]);
    expect(march.currency).toBe('USD');
    // The whole quarter: both wins.
    const q1 = t.okAs<InsightsView>(FINANCE, 'apiGetInsights', { kind: 'quarter', start: '2026-02-15' });
    expect(q1.figures.period.label).toBe('Q1 2026');
    expect(q1.figures.leaderboard[0]).toMatchObject({ partnerId: acme, dealsWon: 2, wonRevenueCents: 1700000 });
    expect(JSON.parse(JSON.stringify(q1))).toEqual(q1);
  });

  test("a partner's scorecard: their deals in the period, funnel, trend and commissions", () => {
    const { t, acme, hooli } = fresh();
    const card = t.ok<ScorecardView>('apiGetScorecard', acme, { kind: 'month', start: '2026-03-01' }).scorecard;
    expect(card.partner).toMatchObject({ id: acme, name: 'Acme Partners' });
    expect(card.deals.map((d) => d.company)).toEqual(['Hooli', 'Umbrella']);
    expect(card.deals.find((d) => d.leadId === hooli)).toMatchObject({ status: 'Closed Won', amountCents: 500000, closedOn: '2026-03-04' });
    expect(card.funnel).toMatchObject({ registered: 2, won: 1 });
    expect(card.trend).toHaveLength(12);
    expect(card.trend.slice(-2).map((p) => p.wonRevenueCents)).toEqual([1200000, 500000]);
  });
});

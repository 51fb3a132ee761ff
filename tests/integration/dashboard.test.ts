import { boundSheetName } from '../../emulator';
import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * The Dashboard tab on generated data: 15 months of leads of partners in several tiers, regions,
 * types and products, with commissions and paid payouts. Every figure the tab shows is checked
 * against a computation written here from the generated rows (not src/domain/metrics), then the
 * charts, the period chooser and when a refresh happens.
 */

const TODAY = '2026-03-20';
const DAY_MS = 86400000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysFrom = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

interface GenPartner {
  id: string;
  name: string;
  type: string;
  tier: string;
  region: string;
  status: string;
  joined: string;
  createdDay: string;
}
interface GenLead {
  id: string;
  partnerId: string;
  company: string;
  product: string;
  status: string;
  /** UTC day and hour of Registered At; the spreadsheet (America/New_York) sees 02:00 UTC as the day before. */
  regDay: string;
  regHour: number;
  closedOn: string;
  deal: number | null;
  estimate: number;
  updDay: string;
  updHour: number;
}
interface GenLine {
  id: string;
  leadId: string;
  partnerId: string;
  kind: string;
  status: string;
  cents: number;
  payoutId: string;
}
interface GenPayout {
  id: string;
  partnerId: string;
  status: string;
  paidDay: string;
  paidHour: number;
}

function generate() {
  let seed = 14;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const tiers = ['Registered', 'Silver', 'Gold', 'Platinum'];
  const regions = ['EMEA', 'North America', 'APAC', ''];
  const types = ['Referral', 'Reseller', 'Affiliate'];
  const partners: GenPartner[] = Array.from({ length: 9 }, (_, i) => ({
    id: `P-00000${i + 1}`,
    name: i === 4 ? '=Formula & Co' : `Partner ${String.fromCharCode(65 + i)}`,
    type: types[i % 3],
    tier: tiers[i % 4],
    region: regions[i % 4],
    status: i === 7 ? 'Paused' : 'Active',
    joined: i === 8 ? '2026-03-05' : i === 6 ? '' : addDays('2024-06-01', i * 40),
    createdDay: '2024-05-20',
  }));
  const statuses = ['New', 'Accepted', 'Qualified', 'Closed Won', 'Closed Won', 'Closed Won', 'Closed Lost', 'Closed Lost', 'Rejected', 'Expired', 'Conflict', 'Refunded'];
  const products = ['Core Platform', 'Analytics Add-on', 'Professional Services', ''];
  const leads: GenLead[] = [];
  const span = daysFrom('2025-01-01', TODAY);
  for (let i = 1; i <= 330; i++) {
    const regDay = addDays('2025-01-01', Math.floor(rand() * span));
    const status = pick(statuses);
    const closes = status === 'Closed Won' || status === 'Closed Lost' || status === 'Refunded';
    let closedOn = closes ? addDays(regDay, 3 + Math.floor(rand() * 100)) : '';
    if (closedOn > TODAY) closedOn = TODAY;
    const updated = rand() < 0.8;
    const updDay = updated ? closedOn || addDays(regDay, Math.floor(rand() * 20)) : '';
    leads.push({
      id: `L-${String(i).padStart(6, '0')}`,
      // Partners 8 and 9 bring little; one lead names a partner the Partners tab does not have.
      partnerId: i === 77 ? 'P-000042' : `P-00000${1 + (i % 11 < 9 ? i % 11 : i % 7)}`,
      company: i === 5 ? '+Evil Corp' : `Company ${i}`,
      product: pick(products),
      status,
      regDay,
      regHour: pick([2, 12, 20]),
      closedOn,
      deal: status === 'Closed Won' || status === 'Refunded' ? (rand() < 0.1 ? null : Math.round((1000 + rand() * 90000) * 100) / 100) : null,
      estimate: Math.round(rand() * 50000),
      updDay: updDay > TODAY ? TODAY : updDay,
      updHour: pick([2, 12, 20]),
    });
  }
  // A lead whose Partner ID is not on the Partners tab, in the period checked.
  Object.assign(leads[76], { regDay: '2026-02-10', status: 'Qualified', closedOn: '', deal: null });
  const payouts: GenPayout[] = Array.from({ length: 8 }, (_, i) => ({
    id: `PO-00000${i + 1}`,
    partnerId: partners[i].id,
    status: i === 7 ? 'Approved' : 'Paid',
    paidDay: i === 7 ? '' : addDays('2025-09-10', i * 30),
    paidHour: pick([2, 12, 20]),
  }));
  const lines: GenLine[] = [];
  let n = 0;
  for (const l of leads) {
    if (l.status !== 'Closed Won' && l.status !== 'Refunded') continue;
    const status = pick(['Pending', 'Payable', 'Approved', 'Paid', 'Paid', 'Void']);
    const cents = Math.round((l.deal ?? 500) * 10);
    lines.push({ id: `C-${String(++n).padStart(6, '0')}`, leadId: l.id, partnerId: l.partnerId, kind: 'Base', status, cents, payoutId: status === 'Paid' ? pick(payouts).id : '' });
    if (l.status === 'Refunded') lines.push({ id: `C-${String(++n).padStart(6, '0')}`, leadId: l.id, partnerId: l.partnerId, kind: 'Clawback', status: 'Approved', cents: -cents, payoutId: '' });
  }
  return { partners, leads, lines, payouts };
}

type Gen = ReturnType<typeof generate>;

/** Writes records under a tab's headers (header text → value), from row 2, in one write. */
function writeRows(t: Tracker, tabName: string, records: Array<Record<string, string | number>>): void {
  const sheet = t.sheet(tabName);
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const grid = records.map((r) => header.map((h) => r[h] ?? ''));
  if (sheet.getMaxRows() < grid.length + 1) sheet.insertRowsAfter(sheet.getMaxRows(), grid.length + 1 - sheet.getMaxRows());
  sheet.getRange(2, 1, grid.length, header.length).setValues(grid);
}
const stamp = (day: string, hour: number) => `${day} ${String(hour).padStart(2, '0')}:00:00`;

function fill(t: Tracker, g: Gen): void {
  writeRows(
    t,
    'Partners',
    g.partners.map((p) => ({
      'Partner ID': p.id,
      Name: `'${p.name}`,
      Type: p.type,
      Tier: p.tier,
      Region: p.region,
      Status: p.status,
      Joined: p.joined,
      'Created At': stamp(p.createdDay, 12),
      'Contact Email': 'x@partner.example',
    })),
  );
  writeRows(
    t,
    'Leads',
    g.leads.map((l) => ({
      'Lead ID': l.id,
      'Registered At (UTC)': stamp(l.regDay, l.regHour),
      'Partner ID': l.partnerId,
      Company: `'${l.company}`,
      Product: l.product,
      'Estimated Value': l.estimate,
      Status: l.status,
      'Deal Amount': l.deal ?? '',
      'Closed On': l.closedOn,
      'Updated At (UTC)': l.updDay ? stamp(l.updDay, l.updHour) : '',
    })),
  );
  writeRows(
    t,
    'Commissions',
    g.lines.map((c) => ({ 'Commission ID': c.id, 'Lead ID': c.leadId, 'Partner ID': c.partnerId, Kind: c.kind, Amount: c.cents / 100, Status: c.status, 'Payout ID': c.payoutId })),
  );
  writeRows(
    t,
    'Payouts',
    g.payouts.map((p) => ({ 'Payout ID': p.id, 'Partner ID': p.partnerId, Status: p.status, 'Paid At (UTC)': p.paidDay ? stamp(p.paidDay, p.paidHour) : '' })),
  );
}

// ---- the independent computation --------------------------------------------------------

const local = (day: string, hour: number) => (day === '' ? '' : hour === 2 ? addDays(day, -1) : day);
interface Period {
  start: string;
  end: string;
}
const within = (day: string, p: Period) => day !== '' && day >= p.start && day <= p.end;

function expected(g: Gen, p: Period) {
  const reg = (l: GenLead) => local(l.regDay, l.regHour);
  const closedWon = (l: GenLead) => l.status === 'Closed Won' && within(l.closedOn, p);
  const closedLost = (l: GenLead) => l.status === 'Closed Lost' && within(l.closedOn, p);
  const leadById = new Map(g.leads.map((l) => [l.id, l]));
  const payoutPaidDay = new Map(g.payouts.filter((x) => x.status === 'Paid').map((x) => [x.id, local(x.paidDay, x.paidHour)]));
  const figures = (leads: GenLead[], lines: GenLine[]) => {
    const registered = leads.filter((l) => within(reg(l), p));
    const won = leads.filter(closedWon);
    const lost = leads.filter(closedLost);
    const withAmount = won.filter((l) => l.deal !== null);
    const revenue = Math.round(withAmount.reduce((s, l) => s + (l.deal as number) * 100, 0));
    const earned = lines.filter((c) => c.status !== 'Void' && within(leadById.get(c.leadId)?.closedOn ?? '', p)).reduce((s, c) => s + c.cents, 0);
    const paid = lines.filter((c) => c.status === 'Paid' && within(payoutPaidDay.get(c.payoutId) ?? '', p)).reduce((s, c) => s + c.cents, 0);
    return {
      registered: registered.length,
      accepted: registered.filter((l) => ['Accepted', 'Qualified', 'Closed Won', 'Closed Lost', 'Refunded'].includes(l.status)).length,
      qualified: registered.filter((l) => ['Qualified', 'Closed Won', 'Closed Lost', 'Refunded'].includes(l.status)).length,
      reachedWon: registered.filter((l) => ['Closed Won', 'Refunded'].includes(l.status)).length,
      won: won.length,
      lost: lost.length,
      winRate: won.length + lost.length ? won.length / (won.length + lost.length) : null,
      revenue,
      averageDeal: withAmount.length ? Math.round(revenue / withAmount.length) : null,
      averageDays: won.length ? won.reduce((s, l) => s + daysFrom(reg(l), l.closedOn), 0) / won.length : null,
      earned,
      paid,
      partners: new Set([...registered, ...won].map((l) => l.partnerId)).size,
    };
  };
  const all = figures(g.leads, g.lines);
  const engagement = (() => {
    const activeFrom = addDays(p.end, -89);
    const newFrom = addDays(p.end, -29);
    const counts = { active: 0, new: 0, dormant: 0 };
    for (const partner of g.partners) {
      const joined = partner.joined || partner.createdDay;
      if (partner.status !== 'Active' || joined > p.end) continue;
      const acted = g.leads.some((l) => l.partnerId === partner.id && [reg(l), local(l.updDay, l.updHour)].some((d) => d !== '' && d >= activeFrom && d <= p.end));
      if (joined >= newFrom) counts.new++;
      else if (acted) counts.active++;
      else counts.dormant++;
    }
    return counts;
  })();
  const partnerIds = [...new Set([...g.leads.map((l) => l.partnerId), ...g.lines.map((c) => c.partnerId)])];
  const leaderboard = partnerIds
    .map((id) => {
      const partner = g.partners.find((x) => x.id === id);
      const f = figures(
        g.leads.filter((l) => l.partnerId === id),
        g.lines.filter((c) => c.partnerId === id),
      );
      const last = g.leads
        .filter((l) => l.partnerId === id)
        .flatMap((l) => [reg(l), local(l.updDay, l.updHour)])
        .filter(Boolean)
        .sort()
        .pop();
      return { id, name: partner?.name ?? '(not in Partners)', tier: partner?.tier ?? '', f, share: all.revenue ? f.revenue / all.revenue : null, last: last ?? '' };
    })
    .filter((r) => r.f.registered || r.f.won || r.f.lost || r.f.earned || r.f.paid)
    .sort((a, b) => b.f.revenue - a.f.revenue || b.f.won - a.f.won || b.f.registered - a.f.registered || a.name.localeCompare(b.name));
  const segment = (of: (l: GenLead) => string) => {
    const names = [...new Set(g.leads.map(of))];
    return names
      .map((name) => {
        const f = figures(
          g.leads.filter((l) => of(l) === name),
          [],
        );
        return { name, f, share: all.revenue ? f.revenue / all.revenue : null };
      })
      .filter((s) => s.f.registered || s.f.won)
      .sort((a, b) => b.f.revenue - a.f.revenue || b.f.registered - a.f.registered || (a.name < b.name ? -1 : 1));
  };
  const partnerOf = (l: GenLead) => g.partners.find((x) => x.id === l.partnerId);
  const attribute = (key: 'tier' | 'region' | 'type') => (l: GenLead) => {
    const partner = partnerOf(l);
    return partner ? partner[key] || '(none)' : '(not in Partners)';
  };
  const trend = Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.parse(`${p.end.slice(0, 7)}-01T00:00:00Z`));
    d.setUTCMonth(d.getUTCMonth() - 11 + i);
    const month = d.toISOString().slice(0, 7);
    const m: Period = { start: `${month}-01`, end: addDays(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10), -1) };
    return { month, f: expectedIn(g, m) };
  });
  return {
    all,
    engagement,
    leaderboard,
    tier: segment(attribute('tier')),
    region: segment(attribute('region')),
    type: segment(attribute('type')),
    product: segment((l) => l.product || '(none)'),
    trend,
  };
}
/** The month figures of the trend (the same definitions over a month). */
function expectedIn(g: Gen, m: Period) {
  const won = g.leads.filter((l) => l.status === 'Closed Won' && within(l.closedOn, m));
  const leadById = new Map(g.leads.map((l) => [l.id, l]));
  return {
    registered: g.leads.filter((l) => within(local(l.regDay, l.regHour), m)).length,
    won: won.length,
    revenue: Math.round(won.reduce((s, l) => s + (l.deal ?? 0) * 100, 0)),
    earned: g.lines.filter((c) => c.status !== 'Void' && within(leadById.get(c.leadId)?.closedOn ?? '', m)).reduce((s, c) => s + c.cents, 0),
  };
}

// ---- reading the tab ----------------------------------------------------------------------

type Grid = Array<Array<string | number | boolean | Date>>;
/** The rows of the section whose first cell starts with `title`, below its heading, up to the next blank row. */
function section(grid: Grid, title: string): Grid {
  const at = grid.findIndex((r) => String(r[0]).startsWith(title));
  if (at < 0) throw new Error(`no section ${title}`);
  const out: Grid = [];
  for (let i = at + 1; i < grid.length && grid[i].some((c) => c !== ''); i++) out.push(grid[i]);
  return out;
}
const cents = (v: unknown) => (v === '' ? null : Math.round(Number(v) * 100));
const ratio = (v: unknown) => (v === '' ? null : Number(v));
const near = (actual: unknown, want: number | null) => {
  if (want === null) expect(actual).toBe('');
  else expect(Number(actual)).toBeCloseTo(want, 9);
};

const fixture = restoredFixture(() => {
  const t = trackerOnBundle({ now: `${TODAY}T16:00:00Z` });
  const g = generate();
  fill(t, g);
  return { t, g };
});

describe('the Dashboard on generated data (Q1 2026 against Q4 2025)', () => {
  const { t, g } = fixture();
  const Q1 = { start: '2026-01-01', end: '2026-03-31' };
  const Q4 = { start: '2025-10-01', end: '2025-12-31' };
  let grid: Grid;
  beforeAll(() => {
    t.sheet('Dashboard')
      .getRange('B2:B3')
      .setValues([['Quarter'], ['2026-01-15']]);
    t.emu.run('menuRefreshDashboard');
    expect(t.emu.services.ui.alerts.pop()?.prompt).toContain('The Dashboard shows Q1 2026 (quarter, 2026-01-01 to 2026-03-31), from 330 leads and 9 partners.');
    const s = t.sheet('Dashboard');
    grid = s.getRange(1, 1, s.getLastRow(), 14).getValues();
  });

  test('the period shown, and when', () => {
    expect(grid[4].slice(0, 3)).toEqual(['Showing', 'Q1 2026 (quarter, 2026-01-01 to 2026-03-31)', 'against Q4 2025 (quarter, 2025-10-01 to 2025-12-31)']);
    expect(grid[5].slice(0, 2)).toEqual(['Refreshed at', '2026-03-20 12:00 (America/New_York)']);
  });

  test('every headline figure, its previous value and the change', () => {
    const now = expected(g, Q1);
    const before = expected(g, Q4);
    const want: Array<[string, (e: ReturnType<typeof expected>) => number | null, 'count' | 'money' | 'ratio']> = [
      ['Leads registered', (e) => e.all.registered, 'count'],
      ['Leads accepted', (e) => e.all.accepted, 'count'],
      ['Deals won', (e) => e.all.won, 'count'],
      ['Deals lost', (e) => e.all.lost, 'count'],
      ['Win rate (won / closed)', (e) => e.all.winRate, 'ratio'],
      ['Won revenue', (e) => e.all.revenue, 'money'],
      ['Average deal size', (e) => e.all.averageDeal, 'money'],
      ['Average days to close', (e) => e.all.averageDays, 'ratio'],
      ['Commissions earned', (e) => e.all.earned, 'money'],
      ['Commissions paid', (e) => e.all.paid, 'money'],
      ['Partners with leads or wins', (e) => e.all.partners, 'count'],
      ['Active partners', (e) => e.engagement.active, 'count'],
      ['New partners', (e) => e.engagement.new, 'count'],
      ['Dormant partners', (e) => e.engagement.dormant, 'count'],
    ];
    const rows = section(grid, 'Headline');
    expect(rows.map((r) => r[0])).toEqual(want.map((w) => w[0]));
    for (const [label, of, kind] of want) {
      const row = rows.find((r) => r[0] === label) as Grid[number];
      const [current, previous] = [of(now), of(before)];
      const read = kind === 'money' ? cents : ratio;
      if (kind === 'ratio') {
        near(row[1], current);
        near(row[2], previous);
      } else {
        expect([label, read(row[1]), read(row[2])]).toEqual([label, current, previous]);
      }
      if (current === null || previous === null) expect(row[3]).toBe('');
      else if (kind === 'money') expect(cents(row[3])).toBe(current - previous);
      else near(row[3], current - previous);
    }
    // The data is rich enough to mean something.
    expect(now.all.won).toBeGreaterThan(5);
    expect(now.all.paid).not.toBe(0);
    expect(before.all.paid).not.toBe(0);
  });

  test('the funnel and engagement, with the definition stated', () => {
    const now = expected(g, Q1).all;
    const before = expected(g, Q4).all;
    expect(section(grid, 'Funnel')).toEqual([
      ['Registered', now.registered, before.registered, ...Array(11).fill('')],
      ['Accepted', now.accepted, before.accepted, ...Array(11).fill('')],
      ['Qualified', now.qualified, before.qualified, ...Array(11).fill('')],
      ['Won', now.reachedWon, before.reachedWon, ...Array(11).fill('')],
    ]);
    const e = expected(g, Q1).engagement;
    const rows = section(grid, 'Partners on 2026-03-31');
    expect(rows.slice(0, 3).map((r) => r.slice(0, 2))).toEqual([
      ['Active (activity in the last 90 days)', e.active],
      ['New (joined in the last 30 days)', e.new],
      ['Dormant', e.dormant],
    ]);
    expect(rows[3][0]).toMatch(/^On 2026-03-31, among partners with status Active who had joined by then: new = joined in the last 30 days; active = /);
  });

  test('the 12-month trend', () => {
    const rows = section(grid, '12-month trend');
    const want = expected(g, Q1).trend;
    expect(rows.map((r) => r[0])).toEqual(['Apr 2025', 'May 2025', 'Jun 2025', 'Jul 2025', 'Aug 2025', 'Sep 2025', 'Oct 2025', 'Nov 2025', 'Dec 2025', 'Jan 2026', 'Feb 2026', 'Mar 2026']);
    expect(rows.map((r) => [cents(r[1]), cents(r[2]), r[3], r[4]])).toEqual(want.map((m) => [m.f.revenue, m.f.earned, m.f.won, m.f.registered]));
  });

  test('the leaderboard: every partner, every column, in order; names kept as text', () => {
    const rows = section(grid, 'Leaderboard');
    const want = expected(g, Q1).leaderboard;
    expect(rows).toHaveLength(want.length);
    rows.forEach((r, i) => {
      const w = want[i];
      expect([r[0], r[1], r[2], r[3], r[4], r[5]]).toEqual([w.name, w.id, w.tier, w.f.registered, w.f.accepted, w.f.won]);
      near(r[6], w.f.winRate);
      expect(cents(r[7])).toBe(w.f.revenue);
      near(r[8], w.share);
      expect(cents(r[9])).toBe(w.f.averageDeal);
      near(r[10], w.f.averageDays);
      expect([cents(r[11]), cents(r[12]), r[13]]).toEqual([w.f.earned, w.f.paid, w.last]);
    });
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(['=Formula & Co', '(not in Partners)']));
  });

  test('the breakdowns by tier, region, type and product', () => {
    const want = expected(g, Q1);
    for (const [title, list] of [
      ['By tier', want.tier],
      ['By region', want.region],
      ['By partner type', want.type],
      ['By product', want.product],
    ] as const) {
      const rows = section(grid, title);
      expect(rows.map((r) => [title, r[0], cents(r[1]), r[3], r[4], r[5]])).toEqual(list.map((s) => [title, s.name, s.f.revenue, s.f.won, s.f.registered, s.f.partners]));
      rows.forEach((r, i) => near(r[2], list[i].share));
    }
  });

  test('the charts: a bar funnel, a line trend, a pie by tier, on their sections; a rerun adds none', () => {
    const sheet = t.sheet('Dashboard');
    const rowOf = (title: string) => grid.findIndex((r) => String(r[0]).startsWith(title)) + 1;
    const charts = () => sheet.getCharts().map((c) => [String(c.modify().getChartType()), c.getOptions().get('title'), c.getRanges().map((r) => r.getA1Notation())]);
    const tierRows = section(grid, 'By tier').length;
    const want = [
      ['BAR', 'Funnel: leads registered in the period', [`A${rowOf('Funnel')}:B${rowOf('Funnel') + 4}`]],
      ['LINE', 'Won revenue and commissions earned, 12 months', [`A${rowOf('12-month trend')}:C${rowOf('12-month trend') + 12}`]],
      ['PIE', 'Share of won revenue by tier', [`A${rowOf('By tier')}:B${rowOf('By tier') + tierRows}`]],
    ];
    expect(charts()).toEqual(want);
    t.emu.run('menuRefreshDashboard');
    expect(charts()).toEqual(want);
  });
});

describe('choosing the period, and when the Dashboard refreshes', () => {
  const MANAGER = 'boss@example.com';
  const ANA = 'ana@example.com';
  let t: Tracker;
  beforeEach(() => ({ t } = fixture()));
  const shown = () => String(t.sheet('Dashboard').getRange('B5').getValue());
  const note = () => String(t.sheet('Dashboard').getRange('C6').getValue());

  test('a period typed into the chooser refreshes at once (a small tracker); a bad one is explained and the last good period kept', () => {
    t.addTeam(ANA, 'Partner team');
    t.emu.run('menuRefreshDashboard');
    expect(shown()).toBe('March 2026 (month, 2026-03-01 to 2026-03-31)');
    expect(t.emu.editAsUser('Dashboard!B2', 'Year', ANA).accepted).toBe(true);
    expect(shown()).toBe('2026 (year, 2026-01-01 to 2026-12-31)');
    expect(t.emu.editAsUser('Dashboard!B2', 'Custom', ANA).accepted).toBe(true);
    expect(shown()).toBe('2026 (year, 2026-01-01 to 2026-12-31)');
    expect(note()).toBe('The period chosen above was not used: Custom needs both From and To (YYYY-MM-DD). Still showing 2026.');
    t.emu.editAsUser('Dashboard!B3', '2026-02-01', ANA);
    t.emu.editAsUser('Dashboard!B4', '2026-01-01', ANA);
    expect(note()).toBe('The period chosen above was not used: To (2026-01-01) is before From (2026-02-01). Still showing 2026.');
    t.emu.editAsUser('Dashboard!B4', '2026-02-14', ANA);
    expect(shown()).toBe('2026-02-01 to 2026-02-14 (custom)');
    expect(note()).toBe('');
    // The figures are Google-protected: the partner team may choose the period, not type over them.
    expect(t.emu.editAsUser('Dashboard!B9', 5, ANA).accepted).toBe(false);
    // Past 10,000 leads the edit trigger leaves the refresh to the hourly run (a long trigger loses others' edit events), and says so.
    const leads = t.sheet('Leads');
    if (leads.getMaxRows() < 10002) leads.insertRowsAfter(leads.getMaxRows(), 10002 - leads.getMaxRows());
    leads.getRange('A10002').setValue('L-010001');
    t.emu.editAsUser('Dashboard!B2', 'Quarter', ANA);
    expect(shown()).toBe('2026-02-01 to 2026-02-14 (custom)');
    expect(note()).toMatch(/^Period changed: the figures refresh within the hour/);
  });

  test("the menu item is a manager's; the hourly run refreshes only after a change, and nightly", () => {
    t.addTeam(MANAGER, 'Manager');
    t.addTeam(ANA, 'Partner team');
    t.emu.run('menuRefreshDashboard', [], { user: ANA });
    expect(t.emu.services.ui.alerts.pop()?.prompt).toMatch(/^Refreshing the Dashboard needs the Manager role/);
    t.emu.run('menuRefreshDashboard', [], { user: MANAGER });
    expect(t.emu.services.ui.alerts.pop()?.prompt).toContain('The Dashboard shows March 2026');
    const step = () => {
      const mark = t.emu.services.log.entries.length;
      t.hourly();
      const line = t.emu.services.log.entries.slice(mark).find((e) => e.message.startsWith('maintenance: '));
      return (JSON.parse(line?.message.slice('maintenance: '.length) ?? '{}') as Record<string, unknown>).dashboard;
    };
    // 12:00 local, past the payout hour (6): the first run of the day refreshes.
    t.emu.clock.advance(3600_000);
    const first = step() as { period: string; partners: number };
    expect(first.period).toBe('March 2026 (month, 2026-03-01 to 2026-03-31)');
    t.emu.clock.advance(3600_000);
    expect(step()).toBe('nothing changed since the last refresh');
    t.addPartner({ name: 'Newcomer', code: 'NEWCO', contactEmail: 'new@partner.example' });
    t.emu.clock.advance(3600_000);
    expect(step()).toMatchObject({ period: 'March 2026 (month, 2026-03-01 to 2026-03-31)', partners: first.partners + 1 });
    t.emu.clock.advance(3600_000);
    expect(step()).toBe('nothing changed since the last refresh');
    // The next day: the first run (before the payout hour, 6:00 local) does the day's tracker check, which may change
    // rows (then the Dashboard follows); the first run from the payout hour refreshes whatever happened, once.
    t.emu.clock.set('2026-03-21T09:30:00Z');
    step();
    t.emu.clock.set('2026-03-21T10:30:00Z');
    expect(step()).toMatchObject({ period: 'March 2026 (month, 2026-03-01 to 2026-03-31)' });
    t.emu.clock.set('2026-03-21T11:30:00Z');
    expect(step()).toBe('nothing changed since the last refresh');
    expect(t.sheet('Dashboard').getCharts()).toHaveLength(3);
  });
  test('an hour whose changes leave every figure as it was rewrites only "Refreshed at"; the nightly refresh rewrites the whole tab', () => {
    t.emu.run('menuRefreshDashboard');
    // The day's first run from the payout hour: the nightly refresh.
    t.emu.clock.advance(3600_000);
    t.hourly();
    const writes: string[] = [];
    t.emu.calls.onRecord((name, target) => {
      if (boundSheetName(target) === 'Dashboard' && /^(Range\.set|Sheet\.(insert|update|remove)Chart)/.test(name)) writes.push(name);
    });
    // Audited (so the hourly run looks), but no figure moves.
    t.addTeam(MANAGER, 'Manager');
    t.emu.clock.advance(3600_000);
    t.hourly();
    expect(writes).toEqual(['Range.setValue']);
    expect(String(t.sheet('Dashboard').getRange('B6').getValue())).toContain(' 14:00 ');
    // The next day's first run from the payout hour writes the grid and checks the charts whatever the figures.
    writes.length = 0;
    t.emu.clock.set('2026-03-21T10:30:00Z');
    t.hourly();
    expect(writes).toEqual(expect.arrayContaining(['Range.setValues', 'Sheet.updateChart']));
    expect(t.sheet('Dashboard').getCharts()).toHaveLength(3);
    // A chart deleted by hand comes back with "Refresh dashboard", though no figure moved.
    t.sheet('Dashboard').removeChart(t.sheet('Dashboard').getCharts()[0]);
    t.emu.run('menuRefreshDashboard');
    expect(t.sheet('Dashboard').getCharts()).toHaveLength(3);
  });
  test('a figure a manager types over is explained at once and written again by the next hourly run', () => {
    t.addTeam(MANAGER, 'Manager');
    // Two hourly runs: the day's check and nightly refresh, then an hour with nothing to do.
    for (let i = 0; i < 2; i++) {
      t.emu.clock.advance(3600_000);
      t.hourly();
    }
    const cell = t.sheet('Dashboard').getRange('B9');
    const figure = cell.getDisplayValue();
    expect(t.emu.editAsUser('Dashboard!B9', '999999', MANAGER).accepted).toBe(true);
    expect(t.emu.services.ui.toasts.at(-1)?.message).toMatch(/^The Dashboard is computed by the tracker: what you typed is replaced by the next refresh/);
    t.emu.clock.advance(3600_000);
    t.hourly();
    expect(cell.getDisplayValue()).toBe(figure);
  });
  test('a refresh that dies half way leaves the figures it found; the next run finishes it, with one set of charts', () => {
    t.emu.run('menuRefreshDashboard');
    const sheet = t.sheet('Dashboard');
    sheet.getRange('B2').setValue('Year');
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Dashboard', fatal: true });
    expect(() => t.emu.run('menuRefreshDashboard')).toThrow();
    expect(shown()).toBe('March 2026 (month, 2026-03-01 to 2026-03-31)');
    // Dies after the figures, at the charts: the next run (the hourly's, seeing the chooser not yet applied) redoes it.
    t.emu.faults.failOn({ call: 'Sheet.updateChart', fatal: true });
    expect(() => t.emu.run('menuRefreshDashboard')).toThrow();
    expect(shown()).toBe('2026 (year, 2026-01-01 to 2026-12-31)');
    t.emu.clock.advance(3600_000);
    t.hourly();
    expect(t.emu.services.log.entries.some((e) => e.message.startsWith('maintenance: ') && e.message.includes('"dashboard":{"period":"2026 (year'))).toBe(true);
    expect(sheet.getCharts().map((c) => String(c.modify().getChartType()))).toEqual(['BAR', 'LINE', 'PIE']);
  });
});

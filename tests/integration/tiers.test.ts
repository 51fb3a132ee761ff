import { OWNER, Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * Automatic tiers through the built add-on: the hourly run's tier review moves partners up at once
 * and down after the tier's grace, writes Tier History and the Audit Log, tells the partner (a
 * Partner Updates entry) and the team (one email per review); a pinned partner stays; a run that
 * dies half way and runs again writes nothing twice; commissions use the tier on the close date.
 */
const BOSS = 'boss@example.com';
const ANA = 'ana@example.com';
const ACME = 'pat@acme.example';

let t: Tracker;
let open: string[];
const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-02-10T15:00:00Z' });
  t.addTeam(BOSS, 'Manager');
  t.addTeam(ANA, 'Partner team');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: ACME, tier: 'Registered' });
  t.addPartner({ name: 'Beta Partners', code: 'BETA', contactEmail: 'bea@beta.example', tier: 'Gold' });
  t.addPartner({ name: 'Cyan Partners', code: 'CYAN', contactEmail: 'cy@cyan.example', tier: 'Gold' });
  setPartnerCell('P-000003', 'Tier Pinned', 'Yes');
  // Registered partners earn 10%, Silver ones 20%.
  t.sheet('Commission Rules')
    .getRange(2, 1, 2, 13)
    .setValues([
      ['R-000001', 'Registered', 'Base', 'Registered', '', '', 'Percentage', 0.1, '', '', '', '', 0],
      ['R-000002', 'Silver', 'Base', 'Silver', '', '', 'Percentage', 0.2, '', '', '', '', 0],
    ]);
  // Acme won 30,000 in February: Silver (25,000 or 2 deals) at the March review. Two more of its deals are open.
  const initech = qualified('P-000001', 'Initech');
  const open = [qualified('P-000001', 'Globex'), qualified('P-000001', 'Hooli')];
  t.emu.clock.set('2026-02-20T15:00:00Z');
  win(initech, 30000, '2026-02-20');
  // 10:00 in New York on 1 March: the March review is due.
  t.emu.clock.set('2026-03-01T15:00:00Z');
  return { t, open };
});

beforeEach(() => {
  ({ t, open } = fresh());
});

function setPartnerCell(partnerId: string, header: string, value: string): void {
  const sheet = t.sheet('Partners');
  const grid = sheet.getDataRange().getValues();
  sheet.getRange(grid.findIndex((r) => r[0] === partnerId) + 1, grid[0].indexOf(header) + 1).setValue(value);
}

function qualified(partnerId: string, company: string): string {
  const domain = `${company.toLowerCase()}.example`;
  const id = t.ok<{ lead: { id: string } }>('apiRegisterLead', { partnerId, company, website: domain, contactEmail: `ceo@${domain}` }).lead.id;
  t.ok('apiMoveLead', id, { to: 'Accepted' });
  t.ok('apiMoveLead', id, { to: 'Qualified' });
  return id;
}

const win = (id: string, amount: number, closedOn: string) => t.ok('apiMoveLead', id, { to: 'Closed Won', dealAmount: amount, closedOn });

const history = () => t.rows('Tier History');
const tierOf = (id: string) => t.rows('Partners').find((r) => r['Partner ID'] === id)?.Tier;
const tierAudit = () => t.rows('Audit Log').filter((r) => r.Tab === 'Partners' && r.Field === 'tier');
const reviewMail = () => t.emu.services.mail.sentTo(BOSS).filter((m) => m.subject.includes('tier review'));

test('the review moves a partner up at once, starts a hand-set tier grace, leaves a pinned one; history, audit, partner and team told', () => {
  t.hourly();
  expect(tierOf('P-000001')).toBe('Silver');
  expect(tierOf('P-000002')).toBe('Gold');
  expect(tierOf('P-000003')).toBe('Gold');
  expect(history()).toEqual([
    expect.objectContaining({
      'Partner ID': 'P-000001',
      'From Tier': 'Registered',
      'To Tier': 'Silver',
      'Effective On': '2026-03-01',
      'Won Revenue (12 mo)': expect.stringContaining('30,000'),
      'Won Deals (12 mo)': '1',
      By: 'tier review',
      Review: '2026-03',
    }),
    expect.objectContaining({
      'Partner ID': 'P-000002',
      'From Tier': 'Gold',
      'To Tier': 'Gold',
      Review: '2026-03',
      Reason: expect.stringMatching(/^Grace starts: .*moves down on or after 2026-05-30/),
    }),
  ]);
  expect(tierAudit()).toEqual([expect.objectContaining({ 'Record ID': 'P-000001', 'Old Value': 'Registered', 'New Value': 'Silver' })]);
  // The partner hears of their own tier only; the team gets one email listing the move.
  expect(t.rows('Partner Updates')).toEqual(
    expect.arrayContaining([expect.objectContaining({ 'Partner ID': 'P-000001', Event: 'tier.changed', Summary: 'Your partner tier is now Silver (it was Registered).' })]),
  );
  expect(t.rows('Partner Updates').filter((r) => r.Event === 'tier.changed')).toHaveLength(1);
  const [mail] = reviewMail();
  expect(mail.subject).toContain('tier review 2026-03: 1 partner moved (1 up, 0 down)');
  expect(mail.body).toContain('Acme Partners (P-000001): Registered -> Silver');
  expect(t.emu.services.mail.sentTo(OWNER).filter((m) => m.subject.includes('tier review'))).toHaveLength(1);
  // Later runs in the month review nothing again.
  t.emu.clock.advance(60 * 60 * 1000);
  t.hourly();
  expect(history()).toHaveLength(2);
  expect(reviewMail()).toHaveLength(1);

  // June: Beta's 90 days of grace are over (no deals); Cyan is pinned; Acme still meets Silver.
  t.emu.clock.set('2026-06-01T15:00:00Z');
  t.hourly();
  expect(tierOf('P-000002')).toBe('Registered');
  expect(tierOf('P-000003')).toBe('Gold');
  expect(tierOf('P-000001')).toBe('Silver');
  expect(history().slice(2)).toEqual([
    expect.objectContaining({
      'Partner ID': 'P-000002',
      'From Tier': 'Gold',
      'To Tier': 'Registered',
      Review: '2026-06',
      Reason: expect.stringMatching(/^Down: .*since 2026-03-01, past its 90-day grace/),
    }),
  ]);
  expect(reviewMail()[1].subject).toContain('tier review 2026-06: 1 partner moved (0 up, 1 down)');
  expect(t.verify()).toMatch(/^Intact/);
});

test('a run that dies after the history row and before the Tier is written: the next run finishes it, nothing twice', () => {
  t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Partners', fatal: true });
  t.hourly();
  expect(t.emu.faults.fired()).toHaveLength(1);
  expect(history().filter((h) => h['To Tier'] === 'Silver')).toHaveLength(1);
  expect(tierOf('P-000001')).toBe('Registered');
  t.emu.clock.advance(60 * 60 * 1000);
  t.hourly();
  expect(tierOf('P-000001')).toBe('Silver');
  expect(history()).toHaveLength(2);
  expect(tierAudit()).toHaveLength(1);
  expect(reviewMail()).toHaveLength(1);
  expect(t.verify()).toMatch(/^Intact/);
});

test('commissions use the tier on the close date: a deal closed before the promotion gets the old tier rule, one after the new', () => {
  t.hourly();
  const [before, after] = open;
  win(before, 1000, '2026-02-25');
  win(after, 1000, '2026-03-01');
  const lines = t.rows('Commissions');
  expect(lines.find((c) => c['Lead ID'] === before)).toMatchObject({ 'Rule ID': 'R-000001' });
  expect(lines.find((c) => c['Lead ID'] === after)).toMatchObject({ 'Rule ID': 'R-000002' });
});

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
/** The review's rows (the partners added above the entry tier have theirs from the sidebar). */
const reviewed = () => history().filter((h) => h.Review);
const byHand = () => history().filter((h) => !h.Reason.endsWith('(added)'));
const tierOf = (id: string) => t.rows('Partners').find((r) => r['Partner ID'] === id)?.Tier;
const tierAudit = () => t.rows('Audit Log').filter((r) => r.Tab === 'Partners' && r.Field === 'tier');
const reviewMail = () => t.emu.services.mail.sentTo(BOSS).filter((m) => m.subject.includes('tier review'));

test('the review moves a partner up at once, down after the grace, leaves a pinned one; history, audit, partner and team told', () => {
  t.hourly();
  expect(tierOf('P-000001')).toBe('Silver');
  expect(tierOf('P-000002')).toBe('Gold');
  expect(tierOf('P-000003')).toBe('Gold');
  // Beta and Cyan were added at Gold on 10 February (their rows say so): Beta, with no deals, is below Gold in its 90 days of grace.
  expect(history().filter((h) => h.Reason.endsWith('(added)'))).toEqual([
    expect.objectContaining({ 'Partner ID': 'P-000002', 'From Tier': '', 'To Tier': 'Gold', 'Effective On': '2026-02-10' }),
    expect.objectContaining({ 'Partner ID': 'P-000003', 'From Tier': '', 'To Tier': 'Gold', 'Effective On': '2026-02-10' }),
  ]);
  expect(reviewed()).toEqual([
    expect.objectContaining({
      'Partner ID': 'P-000001',
      'From Tier': 'Registered',
      'To Tier': 'Silver',
      'Effective On': '2026-03-01',
      'Won Revenue (12 mo)': '30,000.00',
      'Won Deals (12 mo)': '1',
      By: 'tier review',
      Review: '2026-03',
      Reason: 'Up: USD 30,000.00 won in 1 deal over the last 12 months: meets Silver (USD 25,000.00 won or 2 won deals)',
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
  expect(reviewed()).toHaveLength(1);
  expect(reviewMail()).toHaveLength(1);

  // June: Beta's 90 days of grace are over (no deals); Cyan is pinned; Acme still meets Silver.
  t.emu.clock.set('2026-06-01T15:00:00Z');
  t.hourly();
  expect(tierOf('P-000002')).toBe('Registered');
  expect(tierOf('P-000003')).toBe('Gold');
  expect(tierOf('P-000001')).toBe('Silver');
  expect(reviewed().slice(1)).toEqual([
    expect.objectContaining({
      'Partner ID': 'P-000002',
      'From Tier': 'Gold',
      'To Tier': 'Registered',
      Review: '2026-06',
      Reason: 'Down: USD 0.00 won in 0 deals over the last 12 months: below Gold (USD 100,000.00 won or 5 won deals) since 2026-02-10, past its 90-day grace',
    }),
  ]);
  expect(reviewMail()[1].subject).toContain('tier review 2026-06: 1 partner moved (0 up, 1 down)');
  expect(t.verify()).toMatch(/^Intact/);
});

test('a run that dies after the history row and before the Tier is written: the next run finishes it, nothing twice', () => {
  t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Partners', fatal: true });
  t.hourly();
  expect(t.emu.faults.fired()).toHaveLength(1);
  expect(reviewed()).toHaveLength(1);
  expect(tierOf('P-000001')).toBe('Registered');
  t.emu.clock.advance(60 * 60 * 1000);
  t.hourly();
  expect(tierOf('P-000001')).toBe('Silver');
  expect(reviewed()).toHaveLength(1);
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

test('a tier not on the Tiers tab: Sheets refuses it typed, and one written around the edit trigger is marked with the reason', () => {
  const typed = t.emu.editAsUser('Partners!G2', 'Diamond', ANA);
  expect(typed.accepted).toBe(false);
  expect(typed.reason).toContain('Choose a tier from the Tiers tab.');
  // A partner appended by another tool (no edit event) with a tier not on the tab, and a Tiers row with a problem: Check tracker explains both.
  const partners = t.sheet('Partners');
  partners.getRange(5, 1, 1, 7).setValues([['', 'Delta Partners', 'DELTA', '', 'dee@delta.example', 'Reseller', 'Diamond']]);
  t.sheet('Tiers')
    .getRange(6, 1, 1, 2)
    .setValues([['Titanium', 'lots']]);
  t.emu.run('menuCheckTracker');
  expect(t.rows('Partners')[3]).toMatchObject({ 'Partner ID': '', Problems: 'Tier "Diamond" is not on the Tiers tab: use Registered, Silver, Gold, Platinum or Titanium' });
  expect(t.rows('Tiers')[4]).toMatchObject({ Tier: 'Titanium', Problems: 'Min Won Revenue (12 mo) must be an amount like 12500 or 12,500.50' });
  // A counted partner whose tier is no longer on the tab (a tier renamed there) keeps counting: the review leaves them, and says why.
  setPartnerCell('P-000001', 'Tier', 'Bronze');
  t.emu.run('menuCheckTracker');
  expect(t.rows('Partners')[0].Problems).toBe('');
});

test('changes by hand are dated on the Tier History; only a manager pins (typed or in the sidebar)', () => {
  expect(t.emu.editAsUser('Partners!G2', 'Gold', ANA).accepted).toBe(true);
  expect(byHand()).toEqual([expect.objectContaining({ 'Partner ID': 'P-000001', 'From Tier': 'Registered', 'To Tier': 'Gold', 'Effective On': '2026-03-01', Reason: `Set by hand by ${ANA}` })]);
  // The partner team may not pin: put back, with the reason.
  t.emu.editAsUser('Partners!T2', 'Yes', ANA);
  expect(t.rows('Partners')[0]['Tier Pinned']).toBe('');
  expect(t.rows('Audit Log').find((r) => r.Field === '(put back)')?.['New Value']).toMatch(/^Tier Pinned blank: Pinning a partner's tier needs the Manager role/);
  t.emu.editAsUser('Partners!T2', 'Yes', BOSS);
  expect(t.rows('Partners')[0]['Tier Pinned']).toBe('Yes');
  expect(byHand()[1]).toMatchObject({ 'From Tier': 'Gold', 'To Tier': 'Gold', Reason: `Pinned by ${BOSS}` });
  // The sidebar likewise.
  const beta = { id: 'P-000002', name: 'Beta Partners', code: 'BETA', contactEmail: 'bea@beta.example', type: 'Reseller', tier: 'Silver' };
  const refused = t.apiAs(ANA, 'apiSavePartner', { ...beta, tierPinned: 'Yes' });
  expect(refused).toMatchObject({ ok: false, error: { fieldErrors: { tierPinned: expect.stringContaining('needs the Manager role') } } });
  // A teammate's save: the row waits for the owner's hourly run (the tab is the owner's), which writes it dated the day of the change.
  t.okAs(ANA, 'apiSavePartner', beta);
  expect(byHand()).toHaveLength(2);
  t.emu.clock.set('2026-03-02T15:00:00Z');
  t.hourly();
  expect(byHand()[2]).toMatchObject({ 'Partner ID': 'P-000002', 'From Tier': 'Gold', 'To Tier': 'Silver', 'Effective On': '2026-03-01', Reason: `Set by hand by ${ANA}` });
  t.emu.clock.advance(60 * 60 * 1000);
  t.hourly();
  expect(byHand()).toHaveLength(3);
  expect(t.api('apiSavePartner', { ...beta, tier: 'Diamond' })).toMatchObject({
    ok: false,
    error: { fieldErrors: { tier: 'Tier "Diamond" is not on the Tiers tab: use Registered, Silver, Gold or Platinum' } },
  });
});

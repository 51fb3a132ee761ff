import { AttentionView, SetupResult } from '../../src/sidebar-api/contract';
import { costOf } from '../support/cost';
import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * The sidebar's Home through the built add-on: what needs attention today
 * (each item counted from the tabs as the tracker's own actions left them),
 * the headline numbers, and the next steps setup ends with.
 */
let t: Tracker;
const BOSS = 'boss@example.com';

const register = (partnerId: string, company: string) =>
  t.ok<{ lead: { id: string } }>('apiRegisterLead', { partnerId, company, website: `${company.toLowerCase()}.example`, contactEmail: `ceo@${company.toLowerCase()}.example` }).lead.id;

function win(id: string, amount: number, closedOn: string): void {
  t.ok('apiMoveLead', id, { to: 'Accepted' });
  t.ok('apiMoveLead', id, { to: 'Qualified' });
  t.ok('apiMoveLead', id, { to: 'Closed Won', dealAmount: amount, closedOn });
}

const attention = () => t.ok<AttentionView>('apiGetAttention');
const item = (key: string) => attention().items.find((i) => i.key === key);

const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-02-10T15:00:00Z' });
  t.addTeam(BOSS, 'Manager');
  t.setSetting('Minimum payout', '100');
  t.setSetting('Payout day', '28');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' });
  t.addPartner({ name: 'Beta Partners', code: 'BETA', contactEmail: 'bea@beta.example', type: 'Referral' });
  t.sheet('Commission Rules')
    .getRange(2, 1, 1, 13)
    .setValues([['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0]]);
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

test('a quiet tracker: nothing needs attention, and the figures are zero', () => {
  expect(attention()).toEqual({
    items: [],
    headlines: { openLeads: 0, pipelineCents: 0, wonThisYear: 0, wonThisYearCents: 0, owedCents: 0, paidThisYearCents: 0, year: 2026 },
  });
});

test('each kind of waiting work is counted and points to the view that deals with it', () => {
  register('P-000001', 'Initech'); // protected until 2026-05-11
  register('P-000002', 'Initech'); // collides: Conflict
  win(register('P-000001', 'Hooli'), 20000, '2026-02-10');
  win(register('P-000002', 'Globex'), 5000, '2026-02-10');
  t.hourly(); // no holding period: the lines become payable
  expect(item('approve-lines')).toMatchObject({ count: 2, target: 'approvals', text: '2 commission lines are payable and wait for approval.' });
  expect(item('conflicts')).toMatchObject({ count: 1, target: 'leads', text: '1 registration collides with a protected lead: accept or reject it.' });

  const lines = t
    .rows('Commissions')
    .filter((c) => c.Status === 'Payable')
    .map((c) => c['Commission ID']);
  t.emu.run('apiApproveCommissions', [lines], { user: BOSS });
  t.emu.clock.set('2026-03-02T15:00:00Z');
  t.emu.run('apiRunPayouts', [], { user: BOSS });
  t.emu.run('apiApprovePayouts', [['PO-000001']], { user: BOSS });
  // A response the form could not take, and a pasted partner the tracker could not adopt (as their writers leave them).
  t.sheet('Form Inbox').appendRow([new Date(), 'NOPE', 'Partner code "NOPE" is not known.', '{}', 'Rejected', '', 'Form Responses 1!2']);
  const partners = t.rows('Partners');
  t.sheet('Partners')
    .getRange(partners.length + 2, 2, 1, 2)
    .setValues([['Copycat', 'ACME']]);
  t.sheet('Partners')
    .getRange(partners.length + 2, Object.keys(partners[0]).indexOf('Problems') + 1)
    .setValue('Partner Code: ACME is already the code of P-000001.');
  t.emu.clock.set('2026-05-06T15:00:00Z'); // Initech's protection ends on 2026-05-11, within the week
  t.hourly(); // the automation keeps running

  const view = attention();
  expect(view.items.map((i) => [i.key, i.count, i.target])).toEqual([
    ['conflicts', 1, 'leads'],
    ['expiring', 1, 'leads'],
    ['inbox', 1, 'inbox'],
    ['approve-payouts', 1, 'payouts'],
    ['pay-payouts', 1, 'payouts'],
    ['problems', 1, 'problems'],
  ]);
  expect(view.items.find((i) => i.key === 'problems')?.text).toBe('1 row has problems and does not count until fixed (Partners 1).');
  expect(view.items.every((i) => i.text.trim() !== '' && i.action.trim() !== '')).toBe(true);
  expect(view.headlines).toEqual({ openLeads: 1, pipelineCents: 0, wonThisYear: 2, wonThisYearCents: 2500000, owedCents: 250000, paidThisYearCents: 0, year: 2026 });
});

test('a stopped automation is the first thing Home says, in the automation panel’s words', () => {
  t.emu.clock.set('2026-02-11T03:00:00Z'); // no hourly run for half a day
  const first = attention().items[0];
  expect(first).toMatchObject({ key: 'automation', target: 'automation' });
  expect(first.text).toMatch(/stopped|has not run|no hourly run/i);
});

test('reading what needs attention costs the same calls at 10 and 200 leads', () => {
  const cost = (leads: number) => {
    for (let i = t.rows('Leads').length; i < leads; i++) register(i % 2 ? 'P-000001' : 'P-000002', `Company${i}`);
    attention(); // caches warm, as for any later look
    return costOf(t.emu, () => attention()).cost;
  };
  const small = cost(10);
  const large = cost(200);
  expect(large.calls).toBe(small.calls);
  expect(large.roundTrips).toBe(small.roundTrips);
});

test('setup ends with the next three steps, from what the tracker has so far, and the menu opens the tab of the first', () => {
  const blank = trackerOnBundle({ now: '2026-02-10T15:00:00Z' });
  // The menu's setup (trackerOnBundle ran it): a few lines, then what to do next, on the Partners tab.
  const dialog = String(blank.emu.services.ui.alerts[0]?.prompt);
  expect(dialog).toMatch(/^The tracker is set up: its tabs, protections and automation are in place \(\d+ changes, each in the Audit Log\)\.\n\nNext:\n1\. Add your partners/);
  expect(dialog.split('\n').filter((line) => /^\d\. /.test(line))).toHaveLength(3);
  expect(blank.ss.getActiveSheet().getName()).toBe('Partners');
  expect(blank.ok<SetupResult>('apiRunSetup').nextSteps[0]).toMatch(/^Add your partners/);
  // This tracker has partners, a paying rule and a manager; not the form.
  const steps = t.ok<SetupResult>('apiRunSetup').nextSteps;
  expect(steps).toHaveLength(3);
  expect(steps[0]).toMatch(/^Create the partner form/);
});

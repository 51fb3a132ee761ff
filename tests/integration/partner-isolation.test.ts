import { Artifact, outboxArtifacts, partnerSheetArtifacts, programmePartners, scanForLeaks, sheetArtifact } from '../support/leak-scan';
import { OWNER, Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * No leaks (issue 13): a programme of three partners run through the form (with a conflict, a
 * mistyped code, an impersonation and a code-guessing series), the pipeline, commissions and
 * payouts (approved: statements; paid: payment notices), status updates, an announcement to every
 * partner and the partner sheets; then every email a partner (or an outsider) received and every
 * partner sheet is scanned for any other partner's identifying data.
 */
let t: Tracker;
const ANA = 'ana@example.com';
const BOSS = 'boss@example.com';
const TEAM = [OWNER, ANA, BOSS];
const PAT = 'pat@acme.example';
const BO = 'bo@beta.example';
const GIL = 'gil@gamma.example';
const STRANGER = 'guesser@elsewhere.example';

const answers = (code: string, company: string, domain: string) => ({ 'Partner code': code, Company: company, 'Company website': domain, 'Contact email': `ceo@${domain}` });

function won(leadId: string, amount: number): void {
  t.ok('apiMoveLead', leadId, { to: 'Accepted' });
  t.ok('apiMoveLead', leadId, { to: 'Qualified' });
  t.ok('apiMoveLead', leadId, { to: 'Closed Won', dealAmount: amount, closedOn: '2026-02-10' });
}

const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-02-10T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BOSS, 'Manager');
  t.setSetting('Minimum payout', '100');
  t.setSetting('Payout day', '28');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactName: 'Pat Quill', contactEmail: PAT });
  t.addPartner({ name: 'Beta Partners', code: 'BETA', contactName: 'Bo Rivers', contactEmail: BO, type: 'Referral' });
  t.addPartner({ name: 'Gamma Group', code: 'GAMMA', contactName: 'Gil Stone', contactEmail: GIL });
  t.sheet('Commission Rules')
    .getRange(2, 1, 1, 13)
    .setValues([['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0]]);
  t.emu.run('menuCreatePartnerForm');
  const formId = t.emu.services.forms.list()[0].id;
  const submit = (account: string, a: Record<string, string>) => t.emu.submitForm(formId, a, { account });
  submit(PAT, answers('ACME', 'Initech', 'initech.example')); // L-000001
  submit(BO, answers('BETA', 'Initech Inc', 'initech.example')); // L-000002: a conflict with Acme's
  submit(BO, answers('ACME', 'Hooli', 'hooli.example')); // impersonation: refused
  submit(GIL, answers('GAMA', 'Umbrella', 'umbrella.example')); // mistyped: refused
  for (const code of ['ACME', 'BETA', 'GAMMA', 'DELTA']) submit(STRANGER, answers(code, 'Probe Co', 'probe.example')); // guessing: refused
  submit(GIL, answers('GAMMA', 'Umbrella', 'umbrella.example')); // L-000003
  submit(BO, answers('BETA', 'Vandelay', 'vandelay.example')); // L-000004
  won('L-000001', 24680);
  won('L-000003', 13570);
  won('L-000004', 9870);
  t.emu.clock.set('2026-03-02T15:00:00Z');
  t.hourly();
  const payable = t
    .rows('Commissions')
    .filter((c) => c.Status === 'Payable')
    .map((c) => c['Commission ID']);
  t.emu.run('apiApproveCommissions', [payable], { user: BOSS });
  t.emu.run('apiRunPayouts', [], { user: BOSS });
  t.hourly();
  const payouts = t.rows('Payouts').map((p) => String(p['Payout ID']));
  t.emu.run('apiApprovePayouts', [payouts], { user: BOSS });
  t.emu.run('apiMarkPayoutsPaid', [payouts.slice(0, 1), 'TX-ISOLATION-1', '2026-03-02'], { user: OWNER });
  const everyone = { tiers: [], regions: [], types: [], products: [], activity: 'all', days: 90 };
  t.emu.run('apiSendAnnouncement', [{ subject: 'Spring programme news', body: 'Hello,\n\nNew rates from April.', segment: everyone }, { requestId: 'req-isolation-news' }]);
  // The next day's runs: the daily digests of status updates, the statements and notices, the sheets refreshed.
  t.emu.clock.set('2026-03-03T15:00:00Z');
  t.hourly();
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

test('the programme ran as intended: leads, a conflict, refusals in the inbox, commissions and payouts', () => {
  expect(t.rows('Leads').map((l) => [l['Lead ID'], l['Partner ID'], l.Status])).toEqual([
    ['L-000001', 'P-000001', 'Closed Won'],
    ['L-000002', 'P-000002', 'Conflict'],
    ['L-000003', 'P-000003', 'Closed Won'],
    ['L-000004', 'P-000002', 'Closed Won'],
  ]);
  expect(t.rows('Form Inbox')).toHaveLength(6);
  expect(t.rows('Payouts').length).toBeGreaterThanOrEqual(2);
  // Every partner and the guesser heard something.
  for (const address of [PAT, BO, GIL, STRANGER]) expect(t.emu.services.mail.sentTo(address).length).toBeGreaterThan(0);
});

test('no partner-facing email shows another partner’s ID, name, code, people, leads or amounts', () => {
  const artifacts = outboxArtifacts(t.emu, TEAM);
  expect(artifacts.length).toBeGreaterThanOrEqual(10);
  // Every kind of email partners get is among those scanned: confirmations (one with a conflict), refusals, status
  // updates, the sheet's link, an announcement, statements and a payment notice.
  const subjects = t.emu.services.mail.outbox.filter((m) => !m.to.some((to) => TEAM.includes(to))).map((m) => m.subject);
  for (const kind of [
    /registered with a conflict/,
    /could not register/,
    /updates on your deals/,
    /commission was approved/,
    /^Your partner sheet/,
    /Spring programme news/,
    /commission statement/,
    /was paid/,
  ]) {
    expect(subjects.filter((subject) => kind.test(subject)).length).toBeGreaterThan(0);
  }
  expect(scanForLeaks(artifacts, programmePartners(t.emu))).toEqual([]);
});

test('no partner sheet shows another partner’s ID, name, code, people, leads or amounts', () => {
  const partners = programmePartners(t.emu);
  const sheets = partnerSheetArtifacts(t.emu, partners);
  // Every Active partner has one, holding their own leads.
  expect(sheets.map((s) => s.what)).toEqual(['partner sheet of P-000001', 'partner sheet of P-000002', 'partner sheet of P-000003']);
  expect(sheets[1].text).toContain('Vandelay');
  expect(scanForLeaks(sheets, partners)).toEqual([]);
});

describe('the scan can fail', () => {
  test('it finds another partner’s name, code, lead and amount planted in a partner’s email', () => {
    const partners = programmePartners(t.emu);
    const planted: Artifact = { what: 'planted email', to: [BO], text: 'Your lead collides with Acme Partners (ACME), lead L-000001 of Pat Quill, worth 2,468.00.' };
    const found = scanForLeaks([planted], partners).map((l) => `${l.of}: ${l.found}`);
    expect(found).toEqual(
      expect.arrayContaining(['P-000001 name: Acme Partners', 'P-000001 code: ACME', 'P-000001 lead ID: L-000001', 'P-000001 contact name: Pat Quill', 'P-000001 amount: 2,468.00']),
    );
  });

  test('an outsider may know no partner at all; a partner’s own data is not a leak', () => {
    const partners = programmePartners(t.emu);
    expect(scanForLeaks([{ what: 'reply to a guesser', to: [STRANGER], text: 'The code GAMMA is not yours.' }], partners)).toEqual([
      expect.objectContaining({ reader: '', of: 'P-000003 code', found: 'GAMMA' }),
    ]);
    expect(scanForLeaks([{ what: 'own', to: [BO], text: 'Beta Partners: Initech Inc, Vandelay, L-000004, BETA, Bo Rivers.' }], partners)).toEqual([]);
  });

  test('a sheet shared with a partner is scanned by its cells', () => {
    const sheet = sheetArtifact(
      'Beta’s partner sheet',
      [BO],
      [
        ['Lead', 'Company'],
        ['L-000004', 'Vandelay'],
        ['L-000003', 'Umbrella'],
      ],
    );
    expect(scanForLeaks([sheet], programmePartners(t.emu)).map((l) => l.found)).toEqual(['L-000003', 'Umbrella']);
  });
});

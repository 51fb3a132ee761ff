import { Tracker, OWNER, restoredFixture, trackerOnBundle } from '../support/tracker';
import { costOf } from '../support/cost';

/**
 * Partners' status updates through the built add-on: every change in the Audit Log (sidebar, typed
 * cell, hourly run) becomes an event on the Partner Updates tab and goes out to the right partner
 * as their Status Updates column says, once, through the Mail Queue; statements go out when a
 * payout is approved (not while it is a Draft), and a payment notice when it is paid.
 */
let t: Tracker;
const ANA = 'ana@example.com';
const BOSS = 'boss@example.com';
const FIN = 'fin@example.com';
const ACME = 'pat@acme.example';
const ACME_2 = 'sam@acme.example';
const BETA = 'bea@beta.example';
const CYAN = 'cy@cyan.example';

const fresh = restoredFixture(() => {
  // 10:00 in New York (the spreadsheet's zone); the Payout hour is 6.
  t = trackerOnBundle({ now: '2026-02-10T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BOSS, 'Manager');
  t.addTeam(FIN, 'Finance');
  t.setSetting('Minimum payout', '100');
  t.setSetting('Payout day', '28');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactName: 'Pat Acme', contactEmail: ACME });
  t.addPartner({ name: 'Beta Partners', code: 'BETA', contactName: 'Bea Beta', contactEmail: BETA, type: 'Referral' });
  t.addPartner({ name: 'Cyan Partners', code: 'CYAN', contactEmail: CYAN });
  setPartnerCell('P-000001', 'Status Updates', 'Immediate');
  setPartnerCell('P-000001', 'More Contact Emails', ACME_2);
  setPartnerCell('P-000003', 'Status Updates', 'Off');
  t.sheet('Commission Rules')
    .getRange(2, 1, 1, 13)
    .setValues([['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0]]);
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

function setPartnerCell(partnerId: string, header: string, value: string): void {
  const sheet = t.sheet('Partners');
  const grid = sheet.getDataRange().getValues();
  const row = grid.findIndex((r) => r[0] === partnerId);
  sheet.getRange(row + 1, grid[0].indexOf(header) + 1).setValue(value);
}

function register(partnerId: string, company: string): string {
  const domain = `${company.toLowerCase().replace(/\W/g, '')}.example`;
  const reg = t.emu.run('apiRegisterLead', [{ partnerId, company, website: domain, contactEmail: `ceo@${domain}` }], { user: ANA }) as { ok: boolean; data: { lead: { id: string } } };
  return reg.data.lead.id;
}

/** Moves a lead as the owner. (A teammate's audit rows wait in the document's properties until the owner's next run with a document records them: see the teammate test.) */
const move = (id: string, to: Record<string, unknown>) => t.ok('apiMoveLead', id, to);
const updates = () => t.rows('Partner Updates');
/** Mail to a partner, less the hourly run's "Your partner sheet" email (partner-sheets.test.ts). */
const mailTo = (who: string) => t.emu.services.mail.sentTo(who).filter((m) => !m.subject.startsWith('Your partner sheet'));
const updateMail = (who: string) => mailTo(who).filter((m) => !/statement|was paid/i.test(m.subject));

test('a lead accepted, then won: an Immediate partner hears within the hour, at every contact, once, and nobody else hears', () => {
  const id = register('P-000001', 'Initech');
  move(id, { to: 'Accepted' });
  t.hourly();
  expect(updates()).toEqual([expect.objectContaining({ 'Partner ID': 'P-000001', Event: 'lead.accepted', 'Record ID': id, Status: 'Sent' })]);
  const [first] = updateMail(ACME);
  expect(first.to).toEqual([ACME, ACME_2]);
  expect(first.body).toContain(`Initech (${id}) was accepted. The deal is protected for you until 2026-05-11.`);
  expect(mailTo(BETA)).toEqual([]);
  move(id, { to: 'Qualified' });
  move(id, { to: 'Closed Won', dealAmount: 12000, closedOn: '2026-02-10' });
  t.hourly();
  t.hourly();
  expect(updateMail(ACME)).toHaveLength(2);
  expect(updateMail(ACME)[1].body).toContain(`Initech (${id}) was won: a deal of USD 12,000.00.`);
  // The first run made the partner's sheet (partner-sheets): every later update links it.
  const sheetUrl = t.rows('Partners')[0]['Partner Sheet'];
  expect(sheetUrl).toMatch(/^https:/);
  expect(updateMail(ACME)[1].body).toContain(`Your partner sheet (your leads, commissions and payouts): ${sheetUrl}`);
  expect(updates().map((u) => [u.Event, u.Status])).toEqual([
    ['lead.accepted', 'Sent'],
    ['lead.won', 'Sent'],
  ]);
});

test("a teammate's change in the sidebar reaches the partner once the owner's next run with a document has written it to the Audit Log", () => {
  const id = register('P-000001', 'Initech');
  t.emu.run('apiMoveLead', [id, { to: 'Accepted' }], { user: ANA });
  t.hourly();
  // The add-on's hourly run has no document properties, where a teammate's audit rows wait.
  expect(updateMail(ACME)).toEqual([]);
  t.emu.editAsUser('Leads!R2', 'a note', ANA);
  t.hourly();
  expect(updateMail(ACME)).toHaveLength(1);
  expect(updateMail(ACME)[0].body).toContain(`Initech (${id}) was accepted.`);
});

test("a status typed into the Leads tab counts as the sidebar's; one the tracker put back tells the partner nothing", () => {
  const id = register('P-000001', 'Initech');
  const other = register('P-000001', 'Hooli');
  t.emu.editAsUser('Leads!L2', 'Accepted', ANA);
  // Closed Won needs a deal amount and a close date: put back.
  t.emu.editAsUser('Leads!L3', 'Closed Won', ANA);
  expect(t.rows('Leads').map((l) => l.Status)).toEqual(['Accepted', 'New']);
  expect(
    t
      .rows('Audit Log')
      .filter((r) => r['Record ID'] === other)
      .map((r) => r.Field),
  ).toEqual(expect.arrayContaining(['Status', '(put back)']));
  t.hourly();
  expect(updates().map((u) => [u.Event, u['Record ID']])).toEqual([['lead.accepted', id]]);
  expect(updateMail(ACME)).toHaveLength(1);
  expect(updateMail(ACME)[0].body).not.toContain(other);
});

test("a rejection tells the partner the reason without another partner's name, code, people or leads", () => {
  const theirs = register('P-000002', 'Umbrella');
  const mine = register('P-000001', 'Hooli');
  move(mine, { to: 'Rejected', reason: `Beta Partners (BETA, bea@beta.example, Bea Beta) registered it first as ${theirs}` });
  t.hourly();
  const [mail] = updateMail(ACME);
  expect(mail.body).toContain(`Hooli (${mine}) was not accepted: [another partner]`);
  for (const leak of ['Beta', 'BETA', 'bea@beta.example', 'Bea', theirs, 'Umbrella']) {
    expect(mail.body).not.toContain(leak);
    expect(mail.htmlBody).not.toContain(leak);
  }
  expect(updates().find((u) => u.Event === 'lead.rejected')?.Summary).not.toContain('Beta');
});

test('Daily (the default): one digest a day from the Payout hour, with everything since; Off: marked Not sent, no email', () => {
  t.emu.clock.set('2026-02-10T09:00:00Z'); // 04:00 in New York: before the Payout hour
  const a = register('P-000002', 'Alpha Co');
  const b = register('P-000002', 'Bravo Co');
  const c = register('P-000003', 'Cyan Deal');
  move(a, { to: 'Accepted' });
  t.hourly();
  move(b, { to: 'Accepted' });
  move(c, { to: 'Accepted' });
  t.hourly();
  expect(mailTo(BETA)).toEqual([]);
  expect(
    updates()
      .filter((u) => u['Partner ID'] === 'P-000002')
      .map((u) => u.Status),
  ).toEqual(['Pending', 'Pending']);
  expect(updates().find((u) => u['Partner ID'] === 'P-000003')).toMatchObject({ Status: 'Not sent', Note: expect.stringContaining('Off') });
  t.emu.clock.set('2026-02-10T12:00:00Z'); // 07:00
  t.hourly();
  t.emu.clock.set('2026-02-10T13:00:00Z');
  move(b, { to: 'Closed Lost', reason: 'Chose to build it themselves' });
  t.hourly();
  const digests = mailTo(BETA);
  expect(digests).toHaveLength(1);
  expect(digests[0].body).toContain(`Alpha Co (${a}) was accepted`);
  expect(digests[0].body).toContain(`Bravo Co (${b}) was accepted`);
  expect(digests[0].body).toContain('one update a day');
  // The loss waits for tomorrow's digest.
  expect(updates().find((u) => u.Event === 'lead.lost')).toMatchObject({ Status: 'Pending', 'Message ID': '' });
  t.emu.clock.set('2026-02-11T12:00:00Z');
  t.hourly();
  expect(mailTo(BETA)).toHaveLength(2);
  expect(mailTo(BETA)[1].body).toContain(`Bravo Co (${b}) was closed as lost.`);
  expect(mailTo(CYAN)).toEqual([]);
});

test('Weekly: one digest from Monday at the Payout hour', () => {
  setPartnerCell('P-000002', 'Status Updates', 'Weekly');
  const a = register('P-000002', 'Alpha Co'); // Tuesday 10 February
  move(a, { to: 'Accepted' });
  t.hourly();
  t.emu.clock.set('2026-02-13T15:00:00Z');
  t.hourly();
  expect(mailTo(BETA)).toEqual([]);
  t.emu.clock.set('2026-02-16T10:00:00Z'); // Monday 05:00 in New York
  t.hourly();
  expect(mailTo(BETA)).toEqual([]);
  t.emu.clock.set('2026-02-16T12:00:00Z'); // Monday 07:00
  t.hourly();
  t.hourly();
  expect(mailTo(BETA)).toHaveLength(1);
  expect(updates()[0]).toMatchObject({ Status: 'Sent', 'Message ID': 'updates:P-000002:week of 2026-02-16' });
  t.emu.clock.set('2026-02-17T12:00:00Z');
  t.hourly();
  expect(mailTo(BETA)).toHaveLength(1);
});

test('a partner with no contact email: their updates are marked Not sent, with why', () => {
  setPartnerCell('P-000002', 'Contact Email', '');
  const a = register('P-000002', 'Alpha Co');
  move(a, { to: 'Accepted' });
  t.hourly();
  expect(updates()[0]).toMatchObject({ Status: 'Not sent', Note: expect.stringContaining('no contact email') });
});

test('expiry: about to expire once per lead and protection end, then expired', () => {
  t.setSetting('Deal protection window (days)', '10');
  const a = register('P-000001', 'Initech'); // protected until 2026-02-20; reminder 7 days before
  move(a, { to: 'Accepted' });
  t.hourly();
  t.emu.clock.set('2026-02-14T15:00:00Z');
  t.hourly();
  t.emu.clock.set('2026-02-14T16:00:00Z');
  t.hourly();
  t.emu.clock.set('2026-02-15T16:00:00Z');
  t.hourly();
  expect(updates().filter((u) => u.Event === 'lead.expiring')).toHaveLength(1);
  expect(updateMail(ACME).some((m) => m.body.includes(`The protection of Initech (${a}) ends on 2026-02-20.`))).toBe(true);
  t.emu.clock.set('2026-02-21T16:00:00Z');
  t.hourly();
  expect(updates().map((u) => u.Event)).toEqual(['lead.accepted', 'lead.expiring', 'lead.expired']);
  expect(updateMail(ACME).pop()?.body).toContain(`The protection of Initech (${a}) ended on 2026-02-20; the lead has expired.`);
});

/** Won deals for Acme and Beta, their commissions approved, and February's payouts run (Drafts). */
function payoutsRun(): void {
  for (const [partner, company, amount] of [
    ['P-000001', 'Initech', 20000],
    ['P-000001', 'Hooli', 5000],
    ['P-000002', 'Umbrella', 3000],
  ] as const) {
    const id = register(partner, company);
    move(id, { to: 'Accepted' });
    move(id, { to: 'Qualified' });
    move(id, { to: 'Closed Won', dealAmount: amount, closedOn: '2026-02-10' });
  }
  t.emu.clock.set('2026-03-02T15:00:00Z');
  t.hourly();
  const payable = t
    .rows('Commissions')
    .filter((c) => c.Status === 'Payable')
    .map((c) => c['Commission ID']);
  t.ok('apiApproveCommissions', payable);
  t.ok('apiRunPayouts');
  t.hourly();
}

test('commissions approved: one update per partner with the count and total; statements wait for approval; a payment notice at Paid', () => {
  payoutsRun();
  const approved = updates().filter((u) => u.Event === 'commission.approved');
  expect(approved.map((u) => [u['Partner ID'], u.Summary])).toEqual([
    ['P-000001', '2 commissions were approved: USD 2,500.00 in total (C-000001, C-000002).'],
    ['P-000002', '1 commission was approved: USD 300.00 in total (C-000003).'],
  ]);
  // The run's Drafts: the managers' summary says so, and no partner gets a statement yet.
  // (Less the month's tier review email: tiers.test.ts.)
  const [summary] = mailTo(BOSS).filter((m) => !m.subject.includes('tier review'));
  expect(summary.body).toContain('These payouts are drafts: nothing is paid yet');
  expect(summary.body).not.toContain('Paid to date');
  expect(mailTo(ACME).filter((m) => /statement/i.test(m.subject))).toEqual([]);
  expect(t.rows('Payouts').map((p) => p['Statement Sent (UTC)'])).toEqual(['', '']);

  // The owner approves in the sidebar: the statement goes at once (a manager's approval: the next hourly run).
  t.ok('apiApprovePayouts', ['PO-000001']);
  expect(mailTo(ACME).filter((m) => /statement/i.test(m.subject))).toHaveLength(1);
  t.hourly();
  const statements = mailTo(ACME).filter((m) => /statement/i.test(m.subject));
  expect(statements).toHaveLength(1);
  expect(statements[0].to).toEqual([ACME, ACME_2]);
  expect(statements[0].body).toContain('This payout has been approved');
  expect(statements[0].body).toContain('Paid to you before this payout: USD 0.00');
  expect(statements[0].body).not.toMatch(/Umbrella|Beta/);
  expect(mailTo(BETA).filter((m) => /statement/i.test(m.subject))).toEqual([]);
  expect(updates().find((u) => u.Event === 'payout.approved')).toMatchObject({ 'Partner ID': 'P-000001', Status: 'Sent', 'Message ID': 'statement:PO-000001' });

  t.ok('apiMarkPayoutsPaid', ['PO-000001'], 'WIRE-2026-03-001', '2026-03-02');
  t.hourly();
  t.hourly();
  const notices = mailTo(ACME).filter((m) => /was paid/.test(m.subject));
  expect(notices).toHaveLength(1);
  expect(notices[0].body).toContain('Payout PO-000001 for 2026-02-01 to 2026-02-28 was paid on 2026-03-02: USD 2,500.00, payment reference WIRE-2026-03-001.');
  expect(updates().find((u) => u.Event === 'payout.paid')).toMatchObject({ Status: 'Sent', 'Message ID': 'payment:PO-000001' });
  // Nothing of Acme's reached Beta, nor Beta's Acme.
  for (const m of mailTo(BETA)) expect(`${m.subject} ${m.body} ${m.htmlBody}`).not.toMatch(/Acme|ACME|Initech|Hooli|PO-000001|pat@acme/);
  for (const m of mailTo(ACME)) expect(`${m.subject} ${m.body} ${m.htmlBody}`).not.toMatch(/Beta|BETA|Umbrella|PO-000002|bea@beta/);
});

test('a payout approved by typing Approved into the Payouts tab gets its statement from the hourly run', () => {
  payoutsRun();
  const sheet = t.sheet('Payouts');
  const status = t.rows('Payouts').findIndex((p) => p['Payout ID'] === 'PO-000001');
  const col = (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[]).indexOf('Status') + 1;
  t.emu.editAsUser(`Payouts!${String.fromCharCode(64 + col)}${status + 2}`, 'Approved', BOSS);
  expect(t.rows('Payouts')[status].Status).toBe('Approved');
  t.hourly();
  expect(mailTo(ACME).filter((m) => /statement/i.test(m.subject))).toHaveLength(1);
  expect(updates().filter((u) => u.Event === 'payout.approved')).toEqual([expect.objectContaining({ Status: 'Sent' })]);
});

test('under an exhausted quota the updates wait, queued, and the next run sends them once', () => {
  const a = register('P-000001', 'Initech');
  move(a, { to: 'Accepted' });
  t.emu.services.mail.consume(OWNER, 1000);
  t.hourly();
  expect(mailTo(ACME)).toEqual([]);
  expect(updates()[0]).toMatchObject({ Status: 'Pending', 'Message ID': expect.stringMatching(/^updates:P-000001:/) });
  expect(t.rows('Mail Queue').filter((m) => m.Status === 'Queued' && m['Message ID'].startsWith('updates:'))).toHaveLength(1);
  t.hourly();
  expect(mailTo(ACME)).toEqual([]);
  t.emu.clock.set('2026-02-11T15:00:00Z');
  t.hourly();
  t.hourly();
  expect(mailTo(ACME)).toHaveLength(1);
  expect(updates()[0]).toMatchObject({ Status: 'Sent' });
  expect(t.rows('Mail Queue').filter((m) => m.Status === 'Sent' && m['Message ID'].startsWith('updates:'))).toHaveLength(1);
});

test('a run that dies while appending, or between its rows and its cursor, is finished by the next without duplicates', () => {
  const a = register('P-000002', 'Alpha Co');
  move(a, { to: 'Accepted' });
  t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Partner Updates', fatal: true });
  t.hourly();
  expect(t.emu.faults.fired()).toHaveLength(1);
  expect(updates()).toEqual([]);
  // The dead run's lock flag outlives it by up to 6 minutes.
  t.emu.clock.set('2026-02-10T15:10:00Z');
  t.hourly();
  expect(updates()).toHaveLength(1);
  const b = register('P-000002', 'Bravo Co');
  move(b, { to: 'Accepted' });
  // Dies on the cursor's write after the rows: the marker says where they went.
  t.emu.faults.failOn({ call: 'DeveloperMetadata.setValue', withArgs: (args) => /"cursor"/.test(String(args[0])) && !/appending/.test(String(args[0])), fatal: true });
  t.hourly();
  expect(t.emu.faults.fired()).toHaveLength(2);
  expect(updates()).toHaveLength(2);
  t.emu.clock.set('2026-02-10T15:20:00Z');
  t.hourly();
  t.emu.clock.set('2026-02-10T16:20:00Z');
  t.hourly();
  expect(updates().map((u) => u['Record ID'])).toEqual([a, b]);
  // Beta hears daily: Alpha in today's digest, Bravo (accepted after it went) in tomorrow's, each once.
  t.emu.clock.set('2026-02-11T16:20:00Z');
  t.hourly();
  t.hourly();
  expect(mailTo(BETA).map((m) => [m.body.includes('Alpha Co'), m.body.includes('Bravo Co')])).toEqual([
    [true, false],
    [false, true],
  ]);
});

test('a run that dies after the email went, before marking its rows Sent: the next run marks them, and sends nothing twice', () => {
  t.emu.clock.set('2026-02-10T09:00:00Z'); // before the Payout hour: the rows wait
  const a = register('P-000002', 'Alpha Co');
  move(a, { to: 'Accepted' });
  t.hourly();
  expect(updates()[0]).toMatchObject({ Status: 'Pending', 'Message ID': '' });
  t.emu.clock.set('2026-02-10T12:00:00Z');
  // The run's first write to the tab gives the rows their message; the second (after the send) marks them Sent.
  t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Partner Updates', after: 1, fatal: true });
  t.hourly();
  expect(t.emu.faults.fired()).toHaveLength(1);
  expect(mailTo(BETA)).toHaveLength(1);
  expect(updates()[0]).toMatchObject({ Status: 'Pending', 'Message ID': 'updates:P-000002:2026-02-10' });
  t.emu.clock.set('2026-02-10T12:10:00Z');
  t.hourly();
  t.hourly();
  expect(mailTo(BETA)).toHaveLength(1);
  expect(updates()[0]).toMatchObject({ Status: 'Sent', 'Message ID': 'updates:P-000002:2026-02-10' });
});

test("the step's calls do not grow with the number of events", () => {
  const costs: number[] = [];
  for (const n of [2, 12]) {
    ({ t } = fresh());
    for (let i = 0; i < n; i++) move(register(i % 2 ? 'P-000001' : 'P-000002', `Company ${n} ${i}`), { to: 'Accepted' });
    costs.push(costOf(t.emu, () => t.hourly()).cost.roundTrips);
  }
  expect(costs[1]).toBe(costs[0]);
});

import { Tracker, restoredFixture, trackerOnBundle, OWNER } from '../support/tracker';

/** The hourly trigger: protection windows end, leads expire, the partner team gets a digest once a day. */
let t: Tracker;
const TEAM = 'partners@example.com';

/** Built once for the file; each test starts from a copy restored from its snapshot. */
const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-03-01T15:00:00Z' });
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acmepartners.example' });
  t.addTeam(TEAM, 'Partner team');
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

/** What the digest mails, leaving out the monthly payout summaries the same run may send. */
const digests = (to: string) => t.emu.services.mail.sentTo(to).filter((m) => !/payouts for|no payouts/i.test(m.subject));

const register = (company: string, domain: string) => t.ok('apiRegisterLead', { partnerId: 'P-000001', company, website: domain, contactEmail: `ceo@${domain}` });
const dailyTriggers = () => t.emu.services.triggers.list({ eventType: 'CLOCK' });

test('setup installs exactly one hourly trigger, and running setup again adds none', () => {
  expect(dailyTriggers()).toHaveLength(1);
  expect(dailyTriggers()[0]).toMatchObject({ handler: 'onTrackerMaintenance', schedule: { everyHours: 1 } });
  t.emu.run('menuSetUpTracker');
  t.emu.run('menuSetUpTracker');
  expect(dailyTriggers()).toHaveLength(1);
});

test('open leads past their window become Expired (audited); won and rejected ones do not; the digest lists what expires soon', () => {
  register('Initech', 'initech.example'); // protected until 2026-05-30
  register('Hooli', 'hooli.example');
  register('Umbrella', 'umbrella.example');
  t.ok('apiMoveLead', 'L-000002', { to: 'Rejected', reason: 'Existing customer' });
  t.ok('apiMoveLead', 'L-000003', { to: 'Accepted' });
  t.emu.clock.set('2026-03-20T15:00:00Z');
  register('Globex', 'globex.example'); // protected until 2026-06-18
  t.ok('apiMoveLead', 'L-000003', { to: 'Qualified' });
  t.ok('apiMoveLead', 'L-000003', { to: 'Closed Won', dealAmount: 1000, closedOn: '2026-03-20' });

  // 2026-05-25: Initech expires within 7 days; nothing has expired yet. (One run on the day: every hour since March
  // would only repeat it, at ~2,000 runs' cost; the one-digest-a-day and hourly cadence tests below cover the repeats.)
  t.emu.clock.set('2026-05-25T12:00:00Z');
  t.hourly();
  const [soon] = digests(TEAM);
  expect(soon.subject).toBe('Partner Programme: 1 lead expiring within 7 days');
  expect(soon.body).toContain('L-000001 Initech (Acme Partners, New) protected until 2026-05-30');
  expect(t.rows('Leads').map((r) => r.Status)).toEqual(['New', 'Rejected', 'Closed Won', 'New']);

  // 2026-05-31 (New York): Initech's protection ended the day before.
  t.emu.clock.set('2026-05-31T12:00:00Z');
  t.hourly();
  const leads = t.rows('Leads');
  expect(leads.map((r) => r.Status)).toEqual(['Expired', 'Rejected', 'Closed Won', 'New']);
  expect(leads[0]['Status Reason']).toBe('Protection ended on 2026-05-30');
  const audit = t.rows('Audit Log').filter((r) => r.Source === 'hourly' && r.Field === 'status');
  expect(audit.map((r) => [r['Record ID'], r.Field, r['Old Value'], r['New Value']])).toEqual([['L-000001', 'status', 'New', 'Expired']]);
  const latest = digests(TEAM).pop();
  expect(latest?.body).toContain('Expired today (protection ended):\n- L-000001 Initech');
  // Once a lead expired, a new registration of the same company is no longer a conflict.
  expect(t.ok<{ lead: { status: string } }>('apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', website: 'initech.example', contactEmail: 'x@initech.example' }).lead.status).toBe('New');
});

test('the digest also tells the team about form responses waiting in the Form Inbox', () => {
  t.unverifiedForm();
  const form = t.emu.services.forms.list()[0];
  t.emu.submitForm(form.id, { 'Partner code': 'NOPE', Company: 'Initech', 'Contact email': 'bill@initech.example' });
  t.emu.runTimeTriggersUntil(new Date('2026-03-02T12:00:00Z'));
  const [digest] = digests(TEAM);
  expect(digest.subject).toBe('Partner Programme: 0 leads expiring within 7 days, 1 form response to review');
  expect(digest.body).toContain('1 partner form response could not be registered and waits in the Form Inbox tab.');
});

test("one digest a day at most, from the daily work hour (the marker is the tracker's, not a person's), to the owner when no partner team is set", () => {
  t.ok('apiRemoveTeamMember', { email: TEAM, role: 'Partner team' });
  register('Initech', 'initech.example');
  // 05:00 in New York: before the Settings daily work hour (6), the digest waits.
  t.emu.clock.set('2026-05-26T09:00:00Z');
  const [trigger] = dailyTriggers();
  t.emu.fireTimeTrigger(trigger.uid);
  expect(digests(OWNER)).toHaveLength(0);
  t.emu.clock.set('2026-05-26T12:00:00Z');
  t.emu.fireTimeTrigger(trigger.uid);
  t.emu.fireTimeTrigger(trigger.uid);
  expect(digests(OWNER)).toHaveLength(1);
});

test('an hourly run for a trigger that is not mapped to a tracker changes nothing and says why', () => {
  const runs = t.emu.run('onTrackerMaintenance', [{ triggerUid: 'unknown' }]);
  expect(runs).toBeUndefined();
  expect(t.emu.services.log.entries.map((e) => e.message).join('\n')).toContain('is not mapped to a tracker');
});

test('a run that dies right after sending the digest: later runs that day send no second one, and the managers are told it may not have arrived', () => {
  register('Initech', 'initech.example');
  t.emu.clock.set('2026-05-26T12:00:00Z');
  const [trigger] = dailyTriggers();
  // The next write to the Mail Queue after the digest's send (its Sent stamp) kills the run.
  let armed = false;
  t.emu.calls.onRecord((name) => {
    if (armed || name !== 'MailApp.sendEmail') return;
    armed = true;
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Mail Queue', fatal: true, message: 'Exceeded maximum execution time' });
  });
  expect(t.emu.fireTimeTrigger(trigger.uid)).toEqual([expect.objectContaining({ ok: false })]);
  expect(digests(TEAM)).toHaveLength(1);
  t.emu.clock.set('2026-05-26T13:00:00Z');
  t.emu.fireTimeTrigger(trigger.uid);
  t.emu.clock.set('2026-05-26T14:00:00Z');
  t.emu.fireTimeTrigger(trigger.uid);
  expect(digests(TEAM).filter((m) => /expiring within/.test(m.subject))).toHaveLength(1);
  const reports = t.emu.services.mail.sentTo(OWNER).filter((m) => /possibly not delivered/.test(m.subject));
  expect(reports).toHaveLength(1);
  expect(reports[0].body).toContain('digest:2026-05-26');
});

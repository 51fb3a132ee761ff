import { ApprovalsList, BulkCommissionResult, PayoutRunView, TeamView, TrackerOverview } from '../../src/sidebar-api/contract';
import { Tracker, restoredFixture, trackerOnBundle, OWNER } from '../support/tracker';

/**
 * A team shares the spreadsheet: roles that Google enforces, identities as
 * honest as Google allows, one set of triggers, and every attack the team
 * review tried, each shown not to get through. Through the built bundle.
 */
let t: Tracker;
const ANA = 'ana@example.com'; // partner team
const BOSS = 'boss@example.com'; // manager
const FIN = 'fin@example.com'; // finance
const STRANGER = 'stranger@example.com'; // an editor of the spreadsheet with no role
const GMAIL_MANAGER = 'gail@gmail.com'; // a manager with a personal Google account: Google never names her to the trigger

function column(tabName: string, header: string): string {
  const headers = t.sheet(tabName).getRange(1, 1, 1, t.sheet(tabName).getLastColumn()).getDisplayValues()[0];
  const at = headers.indexOf(header);
  if (at < 0) throw new Error(`no ${header} on ${tabName}`);
  return String.fromCharCode(65 + at);
}

const lastToast = () => t.emu.services.ui.toasts[t.emu.services.ui.toasts.length - 1]?.message ?? '';

/** A won deal of Acme's, registered by `registrant`, its lines Payable (rule: 10%, no holding). */
function payableDeal(company: string, registrant = ANA): string {
  const reg = t.okAs<{ lead: { id: string } }>(registrant, 'apiRegisterLead', { partnerId: 'P-000001', company, contactEmail: `ceo@${company.toLowerCase()}.example` });
  for (const to of ['Accepted', 'Qualified'] as const) t.okAs(ANA, 'apiMoveLead', reg.lead.id, { to });
  t.okAs(ANA, 'apiMoveLead', reg.lead.id, { to: 'Closed Won', dealAmount: 20000, closedOn: '2026-02-10' });
  t.hourly(); // the owner's automation writes the lines (a teammate may not write amounts), then makes them payable
  return reg.lead.id;
}

/** Built once for the file; each test starts from a copy restored from its snapshot. */
const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-02-10T15:00:00Z' });
  t.emu.people.add({ email: GMAIL_MANAGER, kind: 'consumer' });
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BOSS, 'Manager');
  t.addTeam(FIN, 'Finance');
  t.addTeam(GMAIL_MANAGER, 'Manager');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' });
  t.sheet('Commission Rules')
    .getRange(2, 1, 1, 13)
    .setValues([['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0]]);
  // Payouts run late in the month, so the hourly runs these tests fire do not run them.
  const settings = t.rows('Settings');
  t.sheet('Settings')
    .getRange(settings.findIndex((r) => r.Setting === 'Payout day') + 2, 2)
    .setValue('28');
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

describe('roles', () => {
  test('the Team tab lists the owner and each role; the sidebar shows you your roles and the automation', () => {
    expect(t.rows('Team').map((r) => [r.Email, r.Role])).toEqual([
      [OWNER, 'Owner'],
      [FIN, 'Finance'],
      [BOSS, 'Manager'],
      [GMAIL_MANAGER, 'Manager'],
      [ANA, 'Partner team'],
    ]);
    const overview = t.okAs<TrackerOverview>(ANA, 'apiGetOverview');
    expect(overview.you).toEqual({ email: ANA, roles: ['Partner team'] });
    expect(overview.automation).toMatchObject({ owner: OWNER, youAreOwner: false, state: 'running', canTakeOver: false });
  });

  test('an editor cannot give themselves a role: Google refuses the Team and Settings tabs, and the sidebar names the role it needs', () => {
    for (const cell of ['Team!A7', 'Team!B2', 'Settings!B2']) {
      expect(t.emu.editAsUser(cell, STRANGER, STRANGER)).toMatchObject({ accepted: false, reason: expect.stringContaining('protected cell') });
      expect(t.emu.editAsUser(cell, ANA, ANA)).toMatchObject({ accepted: false });
    }
    expect(t.apiAs(ANA, 'apiAddTeamMember', { email: ANA, role: 'Manager' })).toEqual({
      ok: false,
      error: {
        message: 'Changing the team needs the Manager role; you (ana@example.com) have the Partner team role. The owner (owner@example.com) or a manager can add it on the Team tab.',
        fieldErrors: {},
      },
    });
    expect(t.apiAs(STRANGER, 'apiApproveCommissions', ['C-000001'])).toMatchObject({ ok: false, error: { message: expect.stringContaining('you (stranger@example.com) are not on the Team tab') } });
  });

  test('a manager gives a role on the Team tab; the protections follow at once', () => {
    expect(t.emu.editAsUser('Payouts!I2', 'x', 'new.fin@example.com').accepted).toBe(false);
    t.emu.editAsUser('Team!A7:B7', [['new.fin@example.com', 'Finance']], BOSS);
    expect(t.okAs<TeamView>(BOSS, 'apiGetTeam').members).toContainEqual({ email: 'new.fin@example.com', role: 'Finance', name: '' });
    expect(t.emu.editAsUser(`Payouts!${column('Payouts', 'Payment Reference')}5`, 'x', 'new.fin@example.com').accepted).toBe(true);
    expect(
      t
        .rows('Audit Log')
        .filter((r) => r.Field === '(team)')
        .map((r) => [r.User, r['New Value']]),
    ).toContainEqual([BOSS, '+ new.fin@example.com Finance']);
    // A row that cannot count stays as typed, with the reason beside it.
    t.emu.editAsUser('Team!A8:B8', [['not an email', 'Manager']], BOSS);
    expect(t.rows('Team').find((r) => r.Email === 'not an email')).toMatchObject({ Notes: 'Not applied: "not an email" is not an email address' });
    expect(lastToast()).toContain('"not an email" is not an email address');
  });

  test('a change Google cannot attribute (a personal-account manager) is put back and explained; the sidebar works for her', () => {
    const outcome = t.emu.editAsUser('Team!A7:B7', [['friend@gmail.com', 'Manager']], GMAIL_MANAGER);
    expect(outcome.accepted).toBe(true);
    expect(outcome.triggerRuns?.every((r) => r.ok)).toBe(true);
    expect(t.rows('Team').some((r) => r.Email === 'friend@gmail.com')).toBe(false);
    expect(lastToast()).toContain('Team: put back as the tracker last confirmed it. Google did not tell the tracker who made this change');
    const put = t.rows('Audit Log').filter((r) => r.Tab === 'Team' && r.Source === 'edit');
    expect(put.map((r) => r.User)).toContain('unknown (Google did not say who)');
    expect(put.some((r) => r.User === '' || r.User === OWNER)).toBe(false);
    // In the sidebar Google does say who she is.
    expect(t.okAs<TeamView>(GMAIL_MANAGER, 'apiAddTeamMember', { email: 'friend@gmail.com', role: 'Finance' }).members).toContainEqual({ email: 'friend@gmail.com', role: 'Finance', name: '' });
  });

  test("Settings changed by someone Google cannot name are put back from the tracker's record", () => {
    const row = t.rows('Settings').findIndex((r) => r.Setting === 'Commission holding period (days)') + 2;
    t.emu.editAsUser(`Settings!B${row}`, '0', GMAIL_MANAGER);
    expect(t.sheet('Settings').getRange(`B${row}`).getDisplayValue()).toBe('30');
    expect(lastToast()).toContain('Settings › Commission holding period (days): put back to "30"');
    t.emu.editAsUser(`Settings!B${row}`, '14', BOSS);
    expect(t.sheet('Settings').getRange(`B${row}`).getDisplayValue()).toBe('14');
  });

  test('a numeric setting a manager blanks or mistypes is refused as typed, never read as 0', () => {
    const row = t.rows('Settings').findIndex((r) => r.Setting === 'Commission holding period (days)') + 2;
    t.emu.editAsUser(`Settings!B${row}`, '', BOSS);
    expect(t.sheet('Settings').getRange(`B${row}`).getDisplayValue()).toBe('30');
    expect(lastToast()).toBe('Settings › Commission holding period (days): put back to "30". Commission holding period (days) is blank: type a value (the default is 30)');
    t.emu.editAsUser(`Settings!B${row}`, 'two weeks', BOSS);
    expect(t.sheet('Settings').getRange(`B${row}`).getDisplayValue()).toBe('30');
    expect(lastToast()).toMatch(/^Settings › Commission holding period \(days\): put back to "30"\. Commission holding period \(days\) must be/);
    expect(t.rows('Audit Log').filter((r) => r.Field === '(put back)' && r.Tab === 'Settings')).toHaveLength(2);
  });
});

describe("authority cells in the grid, whatever the edit's shape", () => {
  test('Approved pasted over commission statuses is put back, audited with what was pasted, and pays nothing', () => {
    payableDeal('Initech');
    payableDeal('Hooli');
    const status = column('Commissions', 'Status');
    // A partner-team member is refused by Google; a manager's paste is put back: commissions are approved in the sidebar.
    expect(t.emu.editAsUser(`Commissions!${status}2:${status}3`, [['Approved'], ['Approved']], ANA).accepted).toBe(false);
    t.emu.editAsUser(`Commissions!${status}2:${status}3`, [['Approved'], ['Approved']], BOSS);
    expect(t.rows('Commissions').map((c) => [c.Status, c['Approved By']])).toEqual([
      ['Payable', ''],
      ['Payable', ''],
    ]);
    const putBack = t.rows('Audit Log').filter((r) => r.Field === '(put back)');
    expect(putBack.map((r) => [r.Range, r['Old Value']])).toEqual([
      [`${status}2`, 'Approved'],
      [`${status}3`, 'Approved'],
    ]);
    expect(lastToast()).toBe("Commissions rows 2, 3: Status is written by the tracker only (commission decisions are made in the sidebar's Approvals view); put back.");
    t.emu.clock.set('2026-03-02T15:00:00Z');
    expect(t.okAs<{ run: PayoutRunView }>(BOSS, 'apiRunPayouts').run).toMatchObject({ status: 'complete', created: [] });
  });

  test('a status typed over without the trigger seeing it (its queue dropped the event) is held: never approved, paid or exported', () => {
    payableDeal('Initech');
    // As if Google dropped the edit event: the cells change, no trigger runs.
    const commissions = t.sheet('Commissions');
    commissions.getRange(`${column('Commissions', 'Status')}2`).setValue('Approved');
    commissions.getRange(`${column('Commissions', 'Approved By')}2`).setValue(BOSS);
    t.emu.clock.set('2026-03-02T15:00:00Z');
    const run = t.okAs<{ run: PayoutRunView; view: { held: string[] } }>(BOSS, 'apiRunPayouts');
    expect(run.run.created).toEqual([]);
    expect(run.view.held).toEqual(['C-000001: Status, Approved By were changed by hand (the tracker puts them back within the hour)']);
    expect(t.okAs<BulkCommissionResult>(BOSS, 'apiApproveCommissions', ['C-000001']).refused[0].reason).toContain('C-000001 is held: Status, Approved By were changed by hand');
    // The owner's hourly run puts the row back from its seal, and audits it.
    t.hourly();
    expect(t.rows('Commissions')[0]).toMatchObject({ Status: 'Payable', 'Approved By': '' });
    expect(
      t
        .rows('Audit Log')
        .filter((r) => r.Field === '(put back)' && r.Source === 'hourly')
        .map((r) => [r['Old Value'], r['New Value']]),
    ).toEqual([
      ['Approved', 'Payable: changed by hand without the tracker seeing it; put back by the hourly run'],
      [BOSS, ': changed by hand without the tracker seeing it; put back by the hourly run'],
    ]);
  });

  test('a Draft payout pasted as Approved: from a manager Google names it is an approval; from anyone else it is put back and never exported', () => {
    payableDeal('Initech');
    payableDeal('Hooli');
    t.okAs(BOSS, 'apiApproveCommissions', ['C-000001', 'C-000002']);
    t.emu.clock.set('2026-03-02T15:00:00Z');
    t.okAs(BOSS, 'apiRunPayouts');
    t.addPartner({ name: 'Beta', code: 'BETA', contactEmail: 'bea@beta.example' });
    const status = column('Payouts', 'Status');
    t.emu.editAsUser(`Payouts!${status}2`, 'Approved', GMAIL_MANAGER);
    expect(t.rows('Payouts')[0]).toMatchObject({ Status: 'Draft', 'Approved By': '' });
    expect(lastToast()).toContain('Google did not tell the tracker who made this change');
    expect(t.apiAs(FIN, 'apiExportPayouts')).toMatchObject({ ok: false, error: { message: expect.stringContaining('no Approved payouts') } });
    t.emu.editAsUser(`Payouts!${status}2`, 'Approved', BOSS);
    expect(t.rows('Payouts')[0]).toMatchObject({ Status: 'Approved', 'Approved By': BOSS });
    expect(t.okAs<{ rows: number }>(FIN, 'apiExportPayouts').rows).toBe(1);
  });

  test("Registered By and IDs are the tracker's: typed over, they are put back, and a manager still cannot approve her own deal", () => {
    t.addTeam(BOSS, 'Partner team');
    payableDeal('Initech', BOSS);
    const registeredBy = column('Leads', 'Registered By');
    t.emu.editAsUser(`Leads!${registeredBy}2`, ANA, BOSS);
    expect(t.rows('Leads')[0]['Registered By']).toBe(BOSS);
    expect(lastToast()).toContain('Registered By is set by the tracker and never changed by hand');
    t.emu.editAsUser(`Leads!A2:A2`, [['L-009999']], BOSS);
    expect(t.rows('Leads')[0]['Lead ID']).toBe('L-000001');
    expect(t.okAs<BulkCommissionResult>(BOSS, 'apiApproveCommissions', ['C-000001']).refused).toEqual([
      { id: 'C-000001', reason: 'C-000001: you registered L-000001 yourself; another manager must approve it.' },
    ]);
  });

  test("a row pasted into the Mail Queue is never sent from the tracker's account", () => {
    const width = t.sheet('Mail Queue').getLastColumn();
    const forged = ['2026-02-10 15:00:00', 'victim@example.com', 'Urgent: new bank details', 'Pay us at …', '', 'Queued', 0, '', '', 'from the programme'];
    expect(t.emu.editAsUser(`Mail Queue!A2:J2`, [forged], BOSS).accepted).toBe(false);
    // Even the owner's own hand cannot queue mail: only the tracker's sealed rows are sent.
    expect(t.emu.editAsUser(`Mail Queue!A2:J2`, [forged], OWNER).accepted).toBe(true);
    t.hourly();
    expect(t.emu.services.mail.sentTo('victim@example.com')).toEqual([]);
    expect(t.rows('Mail Queue')[0]).toMatchObject({
      Status: 'Refused',
      'Last Error': 'Not sent: it was not written by the tracker (typed or pasted in), so it does not count. Only the tracker queues mail.',
    });
    expect(width).toBe(t.sheet('Mail Queue').getLastColumn());
  });

  test("an anonymous link editor's edit arrives under the owner's name: it is recorded as doubtful and approves nothing", () => {
    payableDeal('Initech');
    t.okAs(BOSS, 'apiApproveCommissions', ['C-000001']);
    t.emu.clock.set('2026-03-02T15:00:00Z');
    t.okAs(BOSS, 'apiRunPayouts');
    const anonymous = t.emu.people.add({ kind: 'anonymous' });
    const status = `Payouts!${column('Payouts', 'Status')}2`;
    // Google's protection keeps the anonymous editor out…
    expect(t.emu.editAsUser(status, 'Approved', anonymous.email).accepted).toBe(false);
    // …and where the spreadsheet's owner has removed it, the trigger still cannot tell the edit from the owner's.
    const protections = t.sheet('Payouts').getProtections(t.emu.spreadsheetApp.ProtectionType.RANGE).concat(t.sheet('Payouts').getProtections(t.emu.spreadsheetApp.ProtectionType.SHEET));
    protections.forEach((p) => p.remove());
    const outcome = t.emu.editAsUser(status, 'Approved', anonymous.email);
    expect(outcome.event?.user).toBeDefined();
    expect(t.rows('Payouts')[0]).toMatchObject({ Status: 'Draft', 'Approved By': '' });
    expect(lastToast()).toContain("arrived under the owner's name, which Google also gives anonymous link editors");
    expect(
      t
        .rows('Audit Log')
        .filter((r) => r.Tab === 'Payouts' && r.Source === 'edit')
        .map((r) => r.User),
    ).toContain(`${OWNER} or an anonymous link editor (Google does not tell them apart)`);
  });
});

describe('one set of triggers per tracker', () => {
  test('a teammate who runs Set up tracker installs nothing and is told who runs the automation; each edit is audited once', () => {
    t.emu.run('menuSetUpTracker', [], { user: BOSS });
    expect(t.emu.services.ui.alerts.pop()?.prompt).toContain(`its automation runs as ${OWNER}, who holds its triggers. Nothing was installed for you`);
    expect(t.emu.services.triggers.list().map((tr) => [tr.handler, tr.owner])).toEqual([
      ['onTrackerEdit', OWNER],
      ['onTrackerChange', OWNER],
      ['onTrackerMaintenance', OWNER],
    ]);
    t.okAs(ANA, 'apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', contactEmail: 'a@initech.example' });
    t.emu.editAsUser(`Leads!${column('Leads', 'Notes')}2`, 'called', ANA);
    expect(t.rows('Audit Log').filter((r) => r.Field === 'Notes')).toHaveLength(1);
  });

  test('a trigger someone else installed (an older setup) does nothing: no second audit row, no second digest', () => {
    // BOSS's own triggers, as a setup before schema 6 would have left them.
    const edit = t.emu.services.triggers.create({ handler: 'onTrackerEdit', eventType: 'ON_EDIT', source: 'SPREADSHEETS', sourceId: t.ss.getId(), owner: BOSS, documentId: t.ss.getId() });
    t.okAs(ANA, 'apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', contactEmail: 'a@initech.example' });
    const outcome = t.emu.editAsUser(`Leads!${column('Leads', 'Notes')}2`, 'called', ANA);
    // Two edit triggers (the owner's and the older one) and the owner's change trigger.
    expect(outcome.triggerRuns?.map((r) => r.ok)).toEqual([true, true, true]);
    expect(t.rows('Audit Log').filter((r) => r.Field === 'Notes')).toHaveLength(1);
    expect(t.emu.services.triggers.runs.find((r) => r.uid === edit.uid)?.ok).toBe(true);
    // Two hourly runs on the same day, one each: one digest.
    t.emu.services.triggers.create({ handler: 'onTrackerMaintenance', eventType: 'CLOCK', source: 'CLOCK', sourceId: null, owner: BOSS, documentId: t.ss.getId(), schedule: { everyHours: 1 } });
    t.emu.clock.set('2026-05-05T15:00:00Z');
    for (const trigger of t.emu.services.triggers.list({ eventType: 'CLOCK' })) t.emu.fireTimeTrigger(trigger.uid);
    expect(t.emu.services.mail.sentTo(ANA).filter((m) => /expiring/.test(m.subject))).toHaveLength(1);
  });

  test("when the owner's automation stops, the sidebar says so and a manager takes it over, audited", () => {
    t.hourly();
    t.emu.clock.set('2026-02-11T12:00:00Z');
    const stopped = t.okAs<TrackerOverview>(BOSS, 'apiGetOverview').automation;
    expect(stopped).toMatchObject({ state: 'stopped', canTakeOver: true, message: expect.stringContaining(`has not run since 2026-02-10 15:00 UTC`) });
    expect(t.okAs<TrackerOverview>(ANA, 'apiGetOverview').automation).toMatchObject({
      canTakeOver: false,
      whyNotTakeOver: expect.stringMatching(/^Taking over the automation needs the Manager role/),
    });
    const team = t.okAs<TeamView>(BOSS, 'apiTakeOverAutomation');
    expect(team.owner).toBe(BOSS);
    // Google lets only the spreadsheet's owner (here the old owner) hand over the owner-only ranges; the sidebar says so.
    expect(team.notices.join(' ')).toContain(`Until the spreadsheet's owner runs Set up tracker once`);
    t.emu.run('menuSetUpTracker', [], { user: OWNER });
    expect(t.emu.services.ui.alerts.pop()?.prompt).toContain(`its automation runs as ${BOSS}`);
    const auditLog = t.sheet('Audit Log').getProtections(t.emu.spreadsheetApp.ProtectionType.SHEET)[0];
    expect(auditLog.getEditors().map((u) => u.getEmail())).toContain(BOSS);
    expect(team.members).toContainEqual({ email: OWNER, role: 'Manager', name: '' });
    expect(
      t.emu.services.triggers
        .list({ owner: BOSS })
        .map((tr) => tr.handler)
        .sort(),
    ).toEqual(['onTrackerChange', 'onTrackerEdit', 'onTrackerMaintenance']);
    // The old owner's triggers now do nothing; the new owner's do the work.
    t.okAs(ANA, 'apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', contactEmail: 'a@initech.example' });
    t.emu.editAsUser(`Leads!${column('Leads', 'Notes')}2`, 'called', ANA);
    expect(t.rows('Leads')[0].Notes).toBe('called');
    expect(
      t
        .rows('Audit Log')
        .filter((r) => r.Field === '(automation taken over)')
        .map((r) => [r.User, r['Old Value']]),
    ).toEqual([[BOSS, OWNER]]);
    expect(t.okAs<TrackerOverview>(BOSS, 'apiGetOverview').automation).toMatchObject({ owner: BOSS, youAreOwner: true });
  });
});

describe('the sidebar still works for the people who hold the roles', () => {
  test("a manager approves in the sidebar; the lines of a deal a teammate won are written by the owner's automation", () => {
    const reg = t.okAs<{ lead: { id: string } }>(ANA, 'apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', contactEmail: 'a@initech.example' });
    for (const to of ['Accepted', 'Qualified'] as const) t.okAs(ANA, 'apiMoveLead', reg.lead.id, { to });
    const won = t.okAs<{ notice: string }>(ANA, 'apiMoveLead', reg.lead.id, { to: 'Closed Won', dealAmount: 20000, closedOn: '2026-02-10' });
    expect(won.notice).toContain("will be written by the tracker's automation (it runs as owner@example.com) within the hour");
    expect(t.rows('Commissions')).toEqual([]);
    t.hourly();
    expect(t.okAs<ApprovalsList>(BOSS, 'apiListApprovals').groups[0].lines.map((l) => l.id)).toEqual(['C-000001']);
    expect(t.okAs<BulkCommissionResult>(BOSS, 'apiApproveCommissions', ['C-000001'])).toEqual({ changed: ['C-000001'], refused: [] });
  });
});

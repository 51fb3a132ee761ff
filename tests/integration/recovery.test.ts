import { LeadView } from '../../src/sidebar-api/contract';
import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * Nothing lost, nothing doubled: a write that dies half way is retried or
 * reconciled, through the built bundle with a fault injected at each step.
 */
let t: Tracker;
const ANA = 'ana@example.com';

/** Built once for the file; each test starts from a copy restored from its snapshot. */
const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-03-02T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addPartner({ name: 'Acme', code: 'ACME', contactEmail: 'pat@acme.example' });
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

const lead = { partnerId: 'P-000001', company: 'Initech', contactEmail: 'ceo@initech.example' };
type Reply = { ok: boolean; data?: { lead: LeadView }; error?: { message: string } };

describe('sidebar writes carry a request ID: a retry returns the first outcome', () => {
  test('a registration that dies after its row was written, retried with the same ID, is the same lead, not a second one in conflict with itself', () => {
    // The row is written, then the run dies keeping its audit entries (a teammate's wait in the document properties for the owner's run).
    t.emu.faults.failOn({ call: 'Properties.setProperties', fatal: true });
    expect(() => t.emu.run('apiRegisterLead', [lead, { requestId: 'req-aaaaaaaa01' }], { user: ANA })).toThrow(/server error/);
    expect(t.emu.faults.fired()).toHaveLength(1);
    expect(t.rows('Leads')).toHaveLength(1);
    const retry = t.emu.run('apiRegisterLead', [lead, { requestId: 'req-aaaaaaaa01' }], { user: ANA }) as Reply;
    expect(retry).toMatchObject({ ok: true, data: { lead: { id: 'L-000001', status: 'New' } } });
    expect(t.rows('Leads').map((r) => r['Lead ID'])).toEqual(['L-000001']);
  });

  test('a retry after success returns the stored outcome; the same registration sent again with a new ID is a new request', () => {
    const first = t.emu.run('apiRegisterLead', [lead, { requestId: 'req-bbbbbbbb01' }], { user: ANA }) as Reply;
    const again = t.emu.run('apiRegisterLead', [lead, { requestId: 'req-bbbbbbbb01' }], { user: ANA }) as Reply;
    expect(again).toEqual(first);
    expect(t.rows('Leads')).toHaveLength(1);
    const fresh = t.emu.run('apiRegisterLead', [lead, { requestId: 'req-bbbbbbbb02' }], { user: ANA }) as Reply;
    expect(fresh.data?.lead).toMatchObject({ id: 'L-000002', status: 'Conflict' });
  });

  test('an outcome that cannot be kept (the cache refuses it) leaves the write a success, not an error the person retries', () => {
    // The kept outcome is the call's one Cache.put.
    t.emu.faults.failOn({ call: 'Cache.put' });
    const reply = t.emu.run('apiRegisterLead', [lead, { requestId: 'req-dddddddd01' }]) as Reply;
    expect(t.emu.faults.fired()).toHaveLength(1);
    expect(reply).toMatchObject({ ok: true, data: { lead: { id: 'L-000001' } } });
    expect(t.rows('Leads')).toHaveLength(1);
    // Not kept, so a retry is answered by the registration's own request key: the same lead, not a second.
    const retry = t.emu.run('apiRegisterLead', [lead, { requestId: 'req-dddddddd01' }]) as Reply;
    expect(retry).toMatchObject({ ok: true, data: { lead: { id: 'L-000001' } } });
    expect(t.rows('Leads')).toHaveLength(1);
  });

  test("outcomes are kept in the document's cache, never in the document properties teammates' audit entries wait in", () => {
    t.emu.run('apiRegisterLead', [lead, { requestId: 'req-eeeeeeee01' }]);
    const kept = Object.keys(t.emu.services.properties.read('document', t.ss.getId()));
    expect(kept.filter((k) => k.startsWith('tracker.request.'))).toEqual([]);
    t.emu.services.cache.clear();
    // Evicted: the registration's request key still answers the retry.
    const retry = t.emu.run('apiRegisterLead', [lead, { requestId: 'req-eeeeeeee01' }]) as Reply;
    expect(retry).toMatchObject({ ok: true, data: { lead: { id: 'L-000001' } } });
    expect(t.rows('Leads')).toHaveLength(1);
  });

  test('a move retried with its request ID is not refused as "already moved"', () => {
    t.okAs(ANA, 'apiRegisterLead', lead);
    const move = () => t.emu.run('apiMoveLead', ['L-000001', { to: 'Accepted' }, { requestId: 'req-cccccccc01' }], { user: ANA }) as Reply;
    expect(move()).toMatchObject({ ok: true });
    expect(move()).toMatchObject({ ok: true, data: { status: 'Accepted' } });
    expect(t.rows('Audit Log').filter((r) => r['Record ID'] === 'L-000001' && r.Field === 'status')).toHaveLength(0); // Ana's entries wait for the owner
  });
});

describe('commission work is noted before a deal is won or refunded, and finished by the next owner run', () => {
  const BOSS = 'boss@example.com';
  function qualified(): string {
    t.sheet('Commission Rules')
      .getRange(2, 1, 1, 13)
      .setValues([['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0]]);
    t.okAs(ANA, 'apiRegisterLead', lead);
    t.okAs(ANA, 'apiMoveLead', 'L-000001', { to: 'Accepted' });
    t.okAs(ANA, 'apiMoveLead', 'L-000001', { to: 'Qualified' });
    return 'L-000001';
  }
  test("a Closed Won whose commission write dies leaves the deal won without lines; the owner's next run writes them, once", () => {
    const id = qualified();
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Commissions', fatal: true });
    expect(() => t.emu.run('apiMoveLead', [id, { to: 'Closed Won', dealAmount: 20000, closedOn: '2026-03-02' }])).toThrow(/timed out/);
    expect(t.rows('Leads')[0].Status).toBe('Closed Won');
    expect(t.rows('Commissions')).toEqual([]);
    // The dead run's lock flag counts until an execution's 6 minutes are up: the hourly run comes later than that.
    t.emu.clock.advance(7 * 60 * 1000);
    t.hourly();
    expect(t.rows('Commissions').map((c) => [c['Lead ID'], c.Amount])).toEqual([['L-000001', '2,000.00']]);
    t.hourly();
    expect(t.rows('Commissions')).toHaveLength(1);
  });

  test("Closed Won typed in the sheet and a manager's refund in the sidebar never end Refunded with a payable commission, in either order", () => {
    t.addTeam(BOSS, 'Manager');
    const id = qualified();
    const status = `Leads!${String.fromCharCode(65 + t.sheet('Leads').getRange(1, 1, 1, t.sheet('Leads').getLastColumn()).getDisplayValues()[0].indexOf('Status'))}2`;
    const header = t.sheet('Leads').getRange(1, 1, 1, t.sheet('Leads').getLastColumn()).getDisplayValues()[0];
    t.sheet('Leads')
      .getRange(2, header.indexOf('Deal Amount') + 1, 1, 2)
      .setValues([[20000, '2026-03-02']]);
    // The typed status reaches the cell before the trigger has confirmed it: the refund sees a row changed by hand and is refused.
    t.sheet('Leads').getRange(status.slice(6)).setValue('Closed Won');
    expect(t.apiAs(BOSS, 'apiMoveLead', id, { to: 'Refunded', reason: 'chargeback' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('cannot move now: Status was changed by hand') },
    });
    t.sheet('Leads').getRange(status.slice(6)).setValue('Qualified');
    // Now in order: the typed Closed Won is confirmed and earns its line; the refund then voids it.
    t.emu.editAsUser(status, 'Closed Won', ANA);
    // No holding period: the line is payable at once.
    expect(t.rows('Commissions').map((c) => c.Status)).toEqual(['Payable']);
    t.okAs(BOSS, 'apiMoveLead', id, { to: 'Refunded', reason: 'chargeback' });
    t.hourly();
    expect(t.rows('Leads')[0].Status).toBe('Refunded');
    expect(t.rows('Commissions').map((c) => c.Status)).toEqual(['Void']);
  });
});

describe('form responses nothing came of are found and processed, once', () => {
  test('a form-submit run that died leaves only the response row; the next form run, the hourly run or the menu item makes its lead', () => {
    t.unverifiedForm();
    const form = t.emu.services.forms.list()[0];
    // The first submission's run dies at its first write: no lead, no inbox row, no email.
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Leads', fatal: true });
    t.emu.submitForm(form.id, { 'Partner code': 'ACME', Company: 'Initech', 'Contact email': 'bill@initech.example' });
    expect(t.rows('Leads')).toEqual([]);
    expect(t.rows('Form Inbox')).toEqual([]);
    // The next response's run picks up the one before.
    t.emu.clock.advance(7 * 60 * 1000);
    t.emu.submitForm(form.id, { 'Partner code': 'NOPE', Company: 'Hooli', 'Contact email': 'gavin@hooli.example' });
    expect(t.rows('Leads').map((r) => [r.Company, r['Form Response']])).toEqual([['Initech', 'Form Responses 1!2']]);
    expect(t.rows('Form Inbox').map((r) => r['Form Response'])).toEqual(['Form Responses 1!3']);
    expect(t.emu.services.mail.sentTo('pat@acme.example')).toHaveLength(1);
    // Again from the menu and the hourly run: nothing new.
    t.emu.run('menuProcessMissedResponses');
    expect(t.emu.services.ui.alerts.pop()?.prompt).toBe('Every partner form response has its lead or its Form Inbox row.');
    t.hourly();
    expect(t.rows('Leads')).toHaveLength(1);
    expect(t.rows('Form Inbox')).toHaveLength(1);
    // Renaming the responses tab does not make old responses look new.
    t.ss.getSheetByName('Form Responses 1')?.setName('Partner responses');
    t.emu.run('menuProcessMissedResponses');
    expect(t.emu.services.ui.alerts.pop()?.prompt).toBe('Every partner form response has its lead or its Form Inbox row.');
  });

  test("rows a teammate types count for nothing: the responses tab is the owner's alone, and a look-alike tab (same header, no form) is not a responses tab", () => {
    t.unverifiedForm();
    const form = t.emu.services.forms.list()[0];
    t.emu.submitForm(form.id, { 'Partner code': 'ACME', Company: 'Initech', 'Contact email': 'bill@initech.example' });
    const header = t.sheet('Form Responses 1').getRange(1, 1, 1, t.sheet('Form Responses 1').getLastColumn()).getValues()[0];
    const forged = header.map(
      (h) => (({ Timestamp: '2026-03-02 10:00:00', 'Partner code': 'ACME', Company: 'Hooli', 'Contact email': 'gavin@hooli.example' }) as Record<string, string>)[String(h)] ?? '',
    );
    // Typed into the real responses tab: Google refuses it.
    expect(t.emu.editAsUser(`'Form Responses 1'!A3:${String.fromCharCode(64 + header.length)}3`, [forged], ANA).accepted).toBe(false);
    // Typed into a tab of Ana's own that looks the same: not a form's tab, so nothing comes of it.
    const own = t.ss.insertSheet('Form Responses 2');
    own.getRange(1, 1, 2, header.length).setValues([header, forged]);
    t.emu.run('menuProcessMissedResponses');
    expect(t.emu.services.ui.alerts.pop()?.prompt).toBe('Every partner form response has its lead or its Form Inbox row.');
    t.hourly();
    expect(t.rows('Leads').map((r) => r.Company)).toEqual(['Initech']);
    // Google Forms still writes into the protected tab.
    t.emu.submitForm(form.id, { 'Partner code': 'ACME', Company: 'Globex', 'Contact email': 'hank@globex.example' });
    expect(t.rows('Leads').map((r) => r.Company)).toEqual(['Initech', 'Globex']);
  });

  test.each([
    ['a lead', { 'Partner code': 'ACME', Company: 'Initech', 'Contact email': 'bill@initech.example' }, 'Lead L-000001 (Initech) registered'],
    ['a Form Inbox row', { 'Partner code': 'SLEEPY', Company: 'Initech', 'Contact email': 'bill@initech.example' }, 'We could not register Initech'],
  ])("a form run that dies after making %s, before queueing the partner's email: the next run queues it from the row as written, once", (_what, answers, subject) => {
    t.addPartner({ name: 'Sleepy Partners', code: 'SLEEPY', contactEmail: 'pat@acme.example', status: 'Paused' });
    t.unverifiedForm();
    const form = t.emu.services.forms.list()[0];
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Mail Queue', fatal: true });
    t.emu.submitForm(form.id, answers);
    expect(t.rows('Leads').length + t.rows('Form Inbox').length).toBe(1);
    expect(t.rows('Mail Queue')).toEqual([]);
    t.emu.clock.advance(7 * 60 * 1000);
    t.hourly();
    t.hourly();
    t.emu.run('menuProcessMissedResponses');
    // (The hourly run's "Your partner sheet" email aside: partner-sheets.test.ts.)
    expect(
      t.emu.services.mail
        .sentTo('pat@acme.example')
        .map((m) => m.subject)
        .filter((s) => !s.startsWith('Your partner sheet')),
    ).toEqual([subject]);
    expect(t.rows('Leads').length + t.rows('Form Inbox').length).toBe(1);
  });
});

describe("a change and its audit rows land together, or the owner's next run adds the missing rows, marked recovered", () => {
  test('a move whose run dies after the status is written, before its audit row: the hourly run adds the row, marked recovered, once', () => {
    t.ok('apiRegisterLead', lead);
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Audit Log', fatal: true });
    expect(() => t.emu.run('apiMoveLead', ['L-000001', { to: 'Accepted' }])).toThrow();
    expect(t.rows('Leads')[0].Status).toBe('Accepted');
    expect(t.rows('Audit Log').filter((r) => r['Record ID'] === 'L-000001' && r.Field === 'status')).toHaveLength(0);
    // Too soon: the run might still be going.
    t.hourly();
    expect(t.rows('Audit Log').filter((r) => r['Record ID'] === 'L-000001' && r.Field === 'status')).toHaveLength(0);
    t.emu.clock.set('2026-03-02T15:10:00Z');
    t.hourly();
    t.hourly();
    const rows = t.rows('Audit Log').filter((r) => r['Record ID'] === 'L-000001' && r.Field === 'status');
    expect(rows.map((r) => [r.Source, r['Old Value'], r['New Value']])).toEqual([['sidebar (recovered)', 'New', 'Accepted — recovered: the run that made this change stopped before recording it']]);
    expect(t.verify()).toMatch(/^Intact/);
  });

  test('a move whose run dies between its writes to the lead\'s row: a move tried meanwhile is told a change stopped half way (not "changed by hand"); after the hourly run it goes through', () => {
    t.ok('apiRegisterLead', lead);
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Leads', after: 1, fatal: true });
    expect(() => t.emu.run('apiMoveLead', ['L-000001', { to: 'Rejected', reason: 'Duplicate of an old deal' }])).toThrow();
    expect(t.emu.faults.fired()).toHaveLength(1);
    const meanwhile = t.emu.run('apiMoveLead', ['L-000001', { to: 'Accepted' }]) as Reply;
    expect(meanwhile.error?.message).toBe('L-000001 cannot move now: a change to it stopped half way (the tracker finishes or puts it right within the hour).');
    t.emu.clock.set('2026-03-02T15:10:00Z');
    t.hourly();
    t.ok('apiMoveLead', 'L-000001', { to: 'Accepted' });
    expect(t.rows('Leads')[0].Status).toBe('Accepted');
    expect(t.verify()).toMatch(/^Intact/);
  });

  test('a move whose run dies before its status is written: nothing is recorded as done; one entry says what did not land', () => {
    t.ok('apiRegisterLead', lead);
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Leads', fatal: true });
    expect(() => t.emu.run('apiMoveLead', ['L-000001', { to: 'Accepted' }])).toThrow();
    expect(t.rows('Leads')[0].Status).toBe('New');
    t.emu.clock.set('2026-03-02T15:10:00Z');
    t.hourly();
    expect(t.rows('Audit Log').filter((r) => r['Record ID'] === 'L-000001' && r.Field === 'status')).toHaveLength(0);
    expect(
      t
        .rows('Audit Log')
        .filter((r) => r.Field === '(interrupted change)')
        .map((r) => r['New Value']),
    ).toEqual(['A run stopped half way; these changes it announced are not in the sheet (never made, or changed since): L-000001 status']);
  });

  test('an hourly recovery that dies after writing its "(interrupted change)" row, before taking the note off, does not write it again', () => {
    t.ok('apiRegisterLead', lead);
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Leads', fatal: true });
    expect(() => t.emu.run('apiMoveLead', ['L-000001', { to: 'Accepted' }])).toThrow();
    t.emu.clock.set('2026-03-02T15:10:00Z');
    // Metadata writes of that hourly run: lock flags, then the audit head with the summary row, then the note's removal.
    t.emu.faults.failOn({ call: 'DeveloperMetadata.setValue', after: 2, fatal: true });
    t.hourly();
    expect(t.emu.faults.fired()).toHaveLength(2);
    const summaries = () => t.rows('Audit Log').filter((r) => r.Field === '(interrupted change)');
    expect(summaries()).toHaveLength(1);
    t.emu.clock.set('2026-03-02T15:20:00Z');
    t.hourly();
    expect(summaries()).toHaveLength(1);
    expect(t.verify()).toMatch(/^Intact/);
  });

  test('a run that dies after its audit rows were written adds nothing twice', () => {
    t.ok('apiRegisterLead', lead);
    // Dies at the note's removal, after the audit rows (metadata writes: the lock flag, the note, the audit head, the removal).
    t.emu.faults.failOn({ call: 'DeveloperMetadata.setValue', after: 3, fatal: true });
    expect(() => t.emu.run('apiMoveLead', ['L-000001', { to: 'Accepted' }])).toThrow();
    expect(t.rows('Audit Log').filter((r) => r['Record ID'] === 'L-000001' && r.Field === 'status')).toHaveLength(1);
    const notes = () => t.ss.createDeveloperMetadataFinder().withKey('partnershipTracker.auditIntents').find()[0]?.getValue() ?? '';
    expect(notes()).toContain('L-000001');
    t.emu.clock.set('2026-03-02T15:10:00Z');
    t.hourly();
    expect(notes()).toBe('');
    expect(
      t
        .rows('Audit Log')
        .filter((r) => r['Record ID'] === 'L-000001' && r.Field === 'status')
        .map((r) => r.Source),
    ).toEqual(['sidebar']);
    expect(t.rows('Audit Log').some((r) => r.Field === '(interrupted change)')).toBe(false);
  });
});

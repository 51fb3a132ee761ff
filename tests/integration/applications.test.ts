import { CODE_ALPHABET } from '../../src/domain/applications';
import { OWNER, Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/** Partner applications (issue 13, deliver 6), through the built bundle on the emulator: the form, intake, review, emails. */
let t: Tracker;
let formId: string;

const MANAGER = 'mia@example.com';
const TEAM = 'tom@example.com';
const APPLICANT = 'lee@brightsales.example';

const fresh = restoredFixture(() => {
  t = trackerOnBundleWithTeam();
  t.emu.run('menuCreateApplicationForm');
  const form = t.emu.services.forms.list().find((f) => f.title.includes('become a partner'));
  if (!form) throw new Error('no application form');
  return { t, formId: form.id };
});

function trackerOnBundleWithTeam(): Tracker {
  const tracker = trackerOnBundle();
  tracker.addTeam(MANAGER, 'Manager');
  tracker.addTeam(TEAM, 'Partner team');
  tracker.setSetting('Partner terms version', '3');
  tracker.setSetting('Partner terms link', 'https://example.com/terms');
  return tracker;
}

beforeEach(() => {
  ({ t, formId } = fresh());
});

const ANSWERS = {
  'Company name': 'Bright Sales Ltd',
  Website: 'brightsales.example',
  'Your name': 'Lee Bright',
  'Partner type': 'Reseller',
  'About your business': 'We resell CRM tools to 200 small firms.',
  'Programme terms': 'I accept the programme terms (version 3)',
};

interface Item {
  id: string;
  row: number;
  company: string;
  contactEmail: string;
  termsVersion: string;
  blockers: string[];
  madePartner: string;
}
const list = (user = MANAGER) => t.okAs<{ items: Item[]; waiting: number; canReview: boolean; whyNot: string | null }>(user, 'apiListApplications');
const ref = (item: Item) => ({ id: item.id, row: item.row });
const approve = (item: { id: string; row: number }, user = MANAGER, requestId?: string) =>
  t.emu.run('apiApproveApplication', [item, ...(requestId ? [{ requestId }] : [])], { user }) as
    { ok: true; data: { id: string; status: string; partnerId: string; partnerCode: string; message: string } } | { ok: false; error: { message: string; fieldErrors?: Record<string, string> } };
const reject = (item: { id: string; row: number }, reason: unknown, user = MANAGER) =>
  t.emu.run('apiRejectApplication', [item, reason], { user }) as { ok: boolean; data?: { message: string }; error?: { message: string; fieldErrors?: Record<string, string> } };

function apply(answers: Record<string, string> = ANSWERS, respondentEmail = APPLICANT): Item {
  t.emu.submitForm(formId, answers, { account: respondentEmail });
  return list().items[list().items.length - 1];
}

describe('the "Become a partner" form', () => {
  test('created by the owner with verified emails, the terms question naming the version; linked in Settings; a second run creates nothing', () => {
    const form = t.emu.services.forms.list().find((f) => f.id === formId)!;
    // The applicant's signed-in account, as the partner form records its respondents (Verify partner emails is Yes by default).
    expect(form.emailCollection).toBe('VERIFIED');
    const terms = form.items.find((i) => i.title === 'Programme terms')!;
    expect(terms.required).toBe(true);
    expect(terms.choices.map((c) => c.value)).toEqual(['I accept the programme terms (version 3)']);
    expect(terms.helpText).toContain('https://example.com/terms');
    // Its responses tab is Google's, and only the owner may edit it.
    const tab = t.ss.getSheets().find((sheet) => sheet.getFormUrl() && sheet.getRange(1, 1, 1, sheet.getLastColumn()).getDisplayValues()[0].includes('Programme terms'))!;
    const [protection] = tab.getProtections(t.emu.spreadsheetApp.ProtectionType.SHEET);
    expect(protection.getDescription()).toContain('Partner application responses');
    expect(protection.getEditors().map((u) => u.getEmail())).toEqual([OWNER]);
    const settings = Object.fromEntries(t.rows('Settings').map((r) => [r.Setting, r.Value]));
    expect(settings['Application form ID']).toBe(formId);
    expect(settings['Application form link']).toMatch(/^https:\/\//);
    t.emu.run('menuCreateApplicationForm');
    expect(t.emu.services.forms.list().filter((f) => f.title.includes('become a partner'))).toHaveLength(1);
    expect(String(t.emu.services.ui.alerts.pop()?.prompt)).toContain('already set up');
    // One form-submit trigger serves both forms.
    t.emu.run('menuCreatePartnerForm');
    expect(t.emu.services.triggers.list({ eventType: 'ON_FORM_SUBMIT' })).toHaveLength(1);
  });

  test('only the owner may create it: a manager is told why', () => {
    t.emu.run('menuCreateApplicationForm', [], { user: MANAGER });
    expect(String(t.emu.services.ui.alerts.pop()?.prompt)).toContain('needs the Owner role');
  });
});

describe('intake', () => {
  test('a response becomes a New application with the verified email; the applicant is told; a duplicate firing makes nothing new', () => {
    const item = apply();
    expect(item).toMatchObject({ id: 'A-000001', company: 'Bright Sales Ltd', contactEmail: APPLICANT, termsVersion: '3', blockers: [] });
    expect(t.rows('Applications')[0]).toMatchObject({ 'Application ID': 'A-000001', Status: 'New', Type: 'Reseller', 'Contact Email': APPLICANT });
    expect(t.emu.services.mail.sentTo(APPLICANT).map((m) => m.subject)).toEqual(['We received your application to the Partner Programme']);
    t.emu.fireDuplicateFormSubmit({ blank: true });
    t.emu.fireDuplicateFormSubmit();
    expect(t.rows('Applications')).toHaveLength(1);
    expect(t.emu.services.mail.sentTo(APPLICANT)).toHaveLength(1);
    expect(t.rows('Audit Log').filter((r) => r.Field === '(new application)')).toHaveLength(1);
    // Home's attention list points managers to it.
    const home = t.okAs<{ items: Array<{ key: string; text: string; target: string }> }>(MANAGER, 'apiGetAttention');
    expect(home.items.find((i) => i.key === 'applications')).toEqual(expect.objectContaining({ target: 'applications', text: '1 partner application waits for a manager: approve or reject it.' }));
  });

  test('a formula typed as an answer is kept as text', () => {
    apply({ ...ANSWERS, 'Company name': '=HYPERLINK("http://evil.example","x")' });
    expect(t.sheet('Applications').getRange(2, 3).getFormula()).toBe('');
    expect(t.rows('Applications')[0]['Company']).toBe('=HYPERLINK("http://evil.example","x")');
  });

  test('a run that died after the row, before the email was queued, owes it: the hourly run sends it once', () => {
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Mail Queue', fatal: true });
    t.emu.submitForm(formId, ANSWERS, { account: APPLICANT });
    expect(t.rows('Applications')).toHaveLength(1);
    expect(t.emu.services.mail.sentTo(APPLICANT)).toHaveLength(0);
    t.emu.clock.advance(60 * 60_000);
    t.hourly();
    t.hourly();
    expect(t.emu.services.mail.sentTo(APPLICANT).map((m) => m.subject)).toEqual(['We received your application to the Partner Programme']);
    expect(t.rows('Applications')).toHaveLength(1);
  });

  test('a response whose run died before its row is picked up by the hourly run', () => {
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Applications', fatal: true });
    t.emu.submitForm(formId, ANSWERS, { account: APPLICANT });
    expect(t.rows('Applications')).toHaveLength(0);
    // The dead run's critical-section flag outlives it by an execution's longest life; the hourly run comes later.
    t.emu.clock.advance(60 * 60_000);
    t.hourly();
    expect(t.rows('Applications').map((r) => r['Form Response'])).toHaveLength(1);
    expect(t.emu.services.mail.sentTo(APPLICANT)).toHaveLength(1);
  });
});

describe('review', () => {
  test('approve: a partner with the verified email, Active, a strong code and the terms recorded; the welcome email; approving again makes no second partner', () => {
    const item = apply();
    t.setSetting('Partner form link', 'https://docs.google.com/forms/d/e/partner/viewform');
    const result = approve(ref(item));
    if (!result.ok) throw new Error(result.error.message);
    const { partnerId, partnerCode } = result.data;
    expect(partnerId).toBe('P-000001');
    expect(partnerCode).toHaveLength(12);
    expect([...partnerCode].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
    const [partner] = t.rows('Partners');
    expect(partner).toMatchObject({ 'Partner ID': 'P-000001', Name: 'Bright Sales Ltd', 'Partner Code': partnerCode, 'Contact Email': APPLICANT, Status: 'Active', Type: 'Reseller' });
    expect(partner['Terms Accepted']).toMatch(/^version 3 by lee@brightsales\.example on 2026-03-01 \(application A-000001\)$/);
    expect(t.rows('Applications')[0]).toMatchObject({ Status: 'Approved', 'Decided By': MANAGER, 'Partner ID': 'P-000001' });
    // The manager's run sends no mail; the owner's next run does.
    expect(t.emu.services.mail.sentTo(APPLICANT)).toHaveLength(1);
    t.hourly();
    const welcome = t.emu.services.mail.sentTo(APPLICANT)[1];
    expect(welcome.subject).toBe('Welcome to the Partner Programme');
    expect(welcome.body).toContain(partnerCode);
    expect(welcome.body).toContain('https://docs.google.com/forms/d/e/partner/viewform');
    expect(welcome.body).toContain('follows by email');
    expect(welcome.body).toContain('version 3: https://example.com/terms');
    // The same run then made the partner's sheet, whose link follows in its own email; nothing goes twice.
    t.hourly();
    expect(t.emu.services.mail.sentTo(APPLICANT).map((m) => m.subject)).toEqual([
      'We received your application to the Partner Programme',
      'Welcome to the Partner Programme',
      expect.stringMatching(/^Your partner sheet/),
    ]);

    const again = approve(ref(item));
    expect(again).toMatchObject({ ok: true, data: { partnerId: 'P-000001', message: 'Already approved: P-000001.' } });
    expect(t.rows('Partners')).toHaveLength(1);
    expect(list().items).toEqual([]);
    expect(t.verify()).toMatch(/^Intact/);
  });

  test("the welcome links the partner's own sheet when it exists by the time it goes", () => {
    const item = apply();
    expect(approve(ref(item)).ok).toBe(true);
    // The partner sheet part writes this column in the owner's hourly run.
    const headers = t.sheet('Partners').getRange(1, 1, 1, t.sheet('Partners').getLastColumn()).getDisplayValues()[0];
    t.sheet('Partners')
      .getRange(2, headers.indexOf('Partner Sheet') + 1)
      .setValue('https://docs.google.com/spreadsheets/d/partner-sheet-1');
    t.hourly();
    const welcome = t.emu.services.mail.sentTo(APPLICANT)[1];
    expect(welcome.body).toContain('Your own partner sheet shows your leads, commissions and payouts: https://docs.google.com/spreadsheets/d/partner-sheet-1');
    expect(welcome.htmlBody).toContain('<a href="https://docs.google.com/spreadsheets/d/partner-sheet-1">');
  });

  test('generated codes differ between partners', () => {
    const a = apply();
    const b = apply({ ...ANSWERS, 'Company name': 'Other Co' }, 'ola@other.example');
    const first = approve(ref(a));
    const second = approve(ref(b));
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) expect(first.data.partnerCode).not.toBe(second.data.partnerCode);
  });

  test('reject needs a reason, which the applicant is sent', () => {
    const item = apply();
    expect(reject(ref(item), '  ')).toMatchObject({ ok: false, error: { fieldErrors: { 'argument 1': 'A reason is required: the applicant is sent it.' } } });
    expect(reject(ref(item), 'We only work with firms in the EU.')).toMatchObject({ ok: true });
    expect(t.rows('Applications')[0]).toMatchObject({ Status: 'Rejected', 'Decision Note': 'We only work with firms in the EU.', 'Decided By': MANAGER, 'Partner ID': '' });
    t.hourly();
    const mail = t.emu.services.mail.sentTo(APPLICANT)[1];
    expect(mail.subject).toBe('Your application to the Partner Programme');
    expect(mail.body).toContain('The reason: We only work with firms in the EU.');
    expect(t.rows('Partners')).toHaveLength(0);
  });

  test('refusals say why: not a manager, already decided, an unknown ID, the email already a partner contact', () => {
    const item = apply();
    const byTeam = approve(ref(item), TEAM);
    expect(byTeam).toMatchObject({ ok: false });
    if (!byTeam.ok) expect(byTeam.error.message).toContain('needs the Manager role');
    expect(t.apiAs(TEAM, 'apiListApplications')).toMatchObject({ ok: true, data: { items: [], canReview: false } });
    expect(approve({ id: 'A-000099', row: 2 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('There is no application A-000099') } });
    expect(reject(ref(item), 'Not a fit')).toMatchObject({ ok: true });
    const late = approve(ref(item));
    expect(late).toMatchObject({ ok: false, error: { message: expect.stringContaining('was already rejected by mia@example.com (Not a fit)') } });
    t.addPartner({ name: 'Existing', code: 'EXIST', contactEmail: 'ola@other.example' });
    const dup = apply({ ...ANSWERS, 'Company name': 'Other Co' }, 'ola@other.example');
    expect(dup.blockers[0]).toContain('already a contact of partner P-000001 (Existing)');
    expect(approve(ref(dup))).toMatchObject({ ok: false, error: { message: expect.stringContaining('one email speaks for one partner') } });
    expect(t.rows('Partners')).toHaveLength(1);
  });

  test('an approval that died after the partner was written, retried, makes one partner and finishes the application', () => {
    const item = apply();
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Applications', fatal: true });
    expect(() => approve(ref(item), MANAGER, 'req-approve-1')).toThrow('timed out');
    expect(t.rows('Partners')).toHaveLength(1);
    expect(t.rows('Applications')[0].Status).toBe('New');
    // The list says so, and still offers the approval that finishes it.
    expect(list().items[0]).toMatchObject({ id: 'A-000001', blockers: [], madePartner: 'P-000001' });
    // The dead run's critical-section flag expires after an execution's longest life (tracker/lock.ts).
    t.emu.clock.advance(7 * 60_000);
    const retried = approve(ref(item), MANAGER, 'req-approve-1');
    expect(retried).toMatchObject({ ok: true, data: { partnerId: 'P-000001' } });
    expect(t.rows('Partners')).toHaveLength(1);
    expect(t.rows('Applications')[0]).toMatchObject({ Status: 'Approved', 'Partner ID': 'P-000001' });
    t.hourly();
    expect(t.emu.services.mail.sentTo(APPLICANT).map((m) => m.subject)).toEqual([
      'We received your application to the Partner Programme',
      'Welcome to the Partner Programme',
      expect.stringMatching(/^Your partner sheet/),
    ]);
    expect(t.verify()).toMatch(/^Intact/);
  });

  test('the owner may review too', () => {
    const item = apply();
    expect(approve(ref(item), OWNER)).toMatchObject({ ok: true });
  });
});

describe('a decision typed into the Applications tab', () => {
  const column = (header: string) => {
    const headers = t.sheet('Applications').getRange(1, 1, 1, t.sheet('Applications').getLastColumn()).getDisplayValues()[0];
    return String.fromCharCode(65 + headers.indexOf(header));
  };
  const toast = () => t.emu.services.ui.toasts.pop()?.message;

  test('Approved by hand is put back to New and explained; Rejected needs a reason, then is adopted and the applicant told', () => {
    apply();
    const status = `Applications!${column('Status')}2`;
    t.emu.editAsUser(status, 'Approved', MANAGER);
    expect(toast()).toContain("Applications row 2 (A-000001): Approved is set by approving it in the sidebar's Applications view");
    expect(t.rows('Applications')[0].Status).toBe('New');
    expect(t.rows('Partners')).toHaveLength(0);
    t.emu.editAsUser(status, 'Rejected', MANAGER);
    expect(toast()).toContain('Rejected needs the reason in Decision Note first');
    expect(t.rows('Applications')[0].Status).toBe('New');
    t.emu.editAsUser(`Applications!${column('Decision Note')}2`, 'Outside our market.', MANAGER);
    t.emu.editAsUser(status, 'Rejected', MANAGER);
    expect(t.rows('Applications')[0]).toMatchObject({ Status: 'Rejected', 'Decided By': MANAGER });
    t.hourly();
    expect(t.emu.services.mail.sentTo(APPLICANT)[1].body).toContain('The reason: Outside our market.');
    // A decided application cannot be reopened by hand.
    t.emu.editAsUser(status, 'New', MANAGER);
    expect(toast()).toContain('a decided application cannot be reopened');
    expect(t.rows('Applications')[0].Status).toBe('Rejected');
    expect(t.rows('Audit Log').filter((r) => r.Field === '(decision put back)')).toHaveLength(3);
  });

  test("an approved application's status or partner typed over is put back to the partner its approval made", () => {
    const item = apply();
    expect(approve(ref(item))).toMatchObject({ ok: true });
    t.emu.editAsUser(`Applications!${column('Partner ID')}2`, 'P-000042', MANAGER);
    expect(toast()).toContain('its approval made partner P-000001');
    t.emu.editAsUser(`Applications!${column('Status')}2`, 'Rejected', MANAGER);
    expect(toast()).toContain('an approval cannot be undone here');
    expect(t.rows('Applications')[0]).toMatchObject({ Status: 'Approved', 'Partner ID': 'P-000001' });
  });
});

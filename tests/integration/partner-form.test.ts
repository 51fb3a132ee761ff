import { Tracker, restoredFixture, trackerOnBundle, OWNER } from '../support/tracker';

/** The partner form end to end on the emulator: created by the menu item, answered as a respondent, handled by the trigger. */
let t: Tracker;

/** Built once for the file; each test starts from a copy restored from its snapshot. */
const fresh = restoredFixture(() => {
  t = trackerOnBundle();
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acmepartners.example' });
  t.addPartner({ name: 'Sleepy Partners', code: 'SLEEPY', contactEmail: 'sam@sleepy.example', status: 'Paused' });
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

const forms = () => t.emu.services.forms.list();
const submitTriggers = () => t.emu.services.triggers.list({ eventType: 'ON_FORM_SUBMIT' });
const setting = (label: string) => t.rows('Settings').find((r) => r.Setting === label)?.Value;

function createForm(answer?: 'YES' | 'NO') {
  if (answer) t.emu.services.ui.queueAlertAnswer(answer);
  t.unverifiedForm();
  const form = forms()[forms().length - 1];
  return form;
}

const GOOD = {
  'Partner code': ' acme ',
  Company: 'Initech Ltd',
  'Company website': 'https://www.initech.co.uk',
  'Contact name': 'Bill Lumbergh',
  'Contact email': 'bill@initech.co.uk',
  Product: 'Core Platform',
  'Estimated deal value': '25000',
  Notes: 'Met at the trade show',
};

describe('"Create partner form"', () => {
  test('creates the form with its questions and this spreadsheet as destination, records its links and installs one trigger', () => {
    const form = createForm();
    expect(form.items.map((i) => [i.title, i.kind, i.required])).toEqual([
      ['Partner code', 'TEXT', true],
      ['Company', 'TEXT', true],
      ['Company website', 'TEXT', false],
      ['Contact name', 'TEXT', false],
      ['Contact email', 'TEXT', true],
      ['Product', 'LIST', false],
      ['Estimated deal value', 'TEXT', false],
      ['Notes', 'PARAGRAPH_TEXT', false],
    ]);
    expect(form.items.find((i) => i.title === 'Contact email')?.validation?.rule).toBe('EMAIL');
    expect(form.items.find((i) => i.title === 'Product')?.choices.map((c) => c.value)).toEqual(['Core Platform', 'Analytics Add-on', 'Professional Services']);
    expect(form.destination?.spreadsheetId).toBe(t.ss.getId());
    expect(setting('Partner form ID')).toBe(form.id);
    expect(setting('Partner form link')).toMatch(/^https:\/\/docs\.google\.com\/forms\//);
    expect(submitTriggers()).toHaveLength(1);
    expect(t.emu.services.ui.alerts.pop()?.prompt).toContain('Send partners this link: https://docs.google.com/forms/');
  });

  test('running it again keeps the form and the one trigger unless asked to replace it', () => {
    const first = createForm();
    createForm('NO');
    expect(forms()).toHaveLength(1);
    expect(submitTriggers()).toHaveLength(1);
    const second = createForm('YES');
    expect(forms()).toHaveLength(2);
    expect(second.id).not.toBe(first.id);
    expect(first.acceptingResponses).toBe(false);
    expect(setting('Partner form ID')).toBe(second.id);
    expect(submitTriggers()).toHaveLength(1);
  });

  test('repairs a deleted trigger when run again', () => {
    createForm();
    for (const trigger of submitTriggers()) t.emu.services.triggers.delete(trigger.uid);
    createForm('NO');
    expect(submitTriggers()).toHaveLength(1);
  });
});

describe("Google's limits and failures while creating the form", () => {
  /** The owner's triggers of this add-on in other files, up to Google's 20. */
  function fillTriggers(free: number) {
    const mine = t.emu.services.triggers.list({ owner: OWNER }).length;
    for (let i = 0; i < 20 - mine - free; i++) {
      t.emu.services.triggers.create({ handler: 'onTrackerEdit', eventType: 'ON_EDIT', source: 'SPREADSHEETS', sourceId: `other-${i}`, owner: OWNER, documentId: `other-${i}` });
    }
  }

  test('the form is published when it is created (forms made through the API start unpublished) and takes responses', () => {
    const form = createForm();
    expect(form.published).toBe(true);
    expect(t.emu.submitForm(form.id, GOOD)).toMatchObject({ accepted: true });
    expect(t.rows('Leads')).toHaveLength(1);
  });

  test('a recorded form that was never published (made before publishing was needed) is published when the owner keeps it', () => {
    const form = createForm();
    form.published = false;
    form.acceptingResponses = false;
    t.emu.services.ui.queueAlertAnswer('NO');
    t.unverifiedForm();
    expect(t.emu.services.ui.alerts.map((a) => a.prompt).join('\n')).toContain('(not published yet: it takes no responses)');
    expect(forms()).toHaveLength(1);
    expect(form.published).toBe(true);
    expect(t.emu.submitForm(form.id, GOOD)).toMatchObject({ accepted: true });
  });

  test('at the trigger limit no form is made and the alert says why and what to do', () => {
    fillTriggers(0);
    createForm();
    expect(forms()).toHaveLength(0);
    expect(setting('Partner form ID')).toBe('');
    expect(t.emu.services.ui.alerts.pop()?.prompt).toMatch(
      /^Google would not add the trigger that turns form responses into leads \(This script has too many triggers.*\)\. No form was created or changed\./,
    );
  });

  test('at the trigger limit setup changes nothing: no trigger half installed, no tab written', () => {
    const triggers = () =>
      t.emu.services.triggers
        .list({ owner: OWNER, documentId: t.ss.getId() })
        .map((tr) => tr.handler)
        .sort();
    const before = triggers();
    for (const tr of t.emu.services.triggers.list({ owner: OWNER, handler: 'onTrackerChange' })) t.emu.services.triggers.delete(tr.uid);
    for (const tr of t.emu.services.triggers.list({ owner: OWNER, handler: 'onTrackerMaintenance' })) t.emu.services.triggers.delete(tr.uid);
    fillTriggers(1);
    const audit = t.rows('Audit Log').length;
    t.emu.run('menuSetUpTracker');
    expect(t.emu.services.ui.alerts.pop()?.prompt).toMatch(
      /^Google would not add the tracker's triggers \(This script has too many triggers.*\)\. Nothing was set up or changed\. .*script\.google\.com\/home\/triggers/,
    );
    // The change trigger it could add was taken away again.
    expect(triggers()).toEqual(['onTrackerEdit']);
    expect(t.rows('Audit Log')).toHaveLength(audit);
    for (const tr of t.emu.services.triggers.list({ owner: OWNER }).filter((x) => x.sourceId?.startsWith('other-'))) t.emu.services.triggers.delete(tr.uid);
    t.emu.run('menuSetUpTracker');
    expect(triggers()).toEqual(before);
  });

  test('a creation that dies half way is finished by the next attempt: one form, published, recorded, the old one closed', () => {
    const first = createForm();
    t.emu.services.ui.queueAlertAnswer('YES');
    t.emu.faults.failOn({ call: 'Form.setDestination', fatal: true });
    expect(() => t.emu.run('menuCreatePartnerForm')).toThrow();
    expect(forms()).toHaveLength(2);
    expect(setting('Partner form ID')).toBe(first.id);
    expect(first.acceptingResponses).toBe(true);
    // No question this time: the started form is finished.
    t.unverifiedForm();
    expect(forms()).toHaveLength(2);
    const second = forms()[1];
    expect(second.items).toHaveLength(8);
    expect(second.published).toBe(true);
    expect(setting('Partner form ID')).toBe(second.id);
    expect(first.acceptingResponses).toBe(false);
    expect(t.emu.services.ui.alerts.pop()?.prompt).toContain('The previous form no longer accepts responses.');
    expect(t.emu.submitForm(second.id, GOOD)).toMatchObject({ accepted: true });
    expect(t.rows('Leads')).toHaveLength(1);
  });
});

describe('a partner submits the form', () => {
  test('a valid response becomes a lead with source "form", and the partner gets a confirmation', () => {
    const form = createForm();
    t.emu.clock.set('2026-03-02T09:30:00Z');
    const result = t.emu.submitForm(form.id, GOOD);
    expect(result).toMatchObject({ accepted: true });
    expect(t.rows('Leads')).toEqual([
      expect.objectContaining({
        'Lead ID': 'L-000001',
        'Partner ID': 'P-000001',
        Company: 'Initech Ltd',
        'Company Domain': 'initech.co.uk',
        Status: 'New',
        Source: 'form',
        'Estimated Value': '25,000.00',
        'Registered At (UTC)': '2026-03-02 09:30:00',
        'Protected Until': '2026-05-31',
        'Form Response': 'Form Responses 1!2',
      }),
    ]);
    const [mail] = t.emu.services.mail.sentTo('pat@acmepartners.example');
    expect(mail.subject).toBe('Lead L-000001 (Initech Ltd) registered');
    expect(mail.body).toContain('protected for you until 2026-05-31');
    expect(mail.htmlBody).toContain('<strong>L-000001</strong>');
  });

  test('a duplicate firing for the same response, blank or not, creates nothing new', () => {
    const form = createForm();
    t.emu.submitForm(form.id, GOOD);
    t.emu.fireDuplicateFormSubmit({ afterMs: 3000 });
    t.emu.fireDuplicateFormSubmit({ afterMs: 2000, blank: true });
    expect(t.rows('Leads')).toHaveLength(1);
    expect(t.rows('Form Inbox')).toHaveLength(0);
    expect(t.emu.services.mail.sentTo('pat@acmepartners.example')).toHaveLength(1);
  });

  test('an unknown or inactive partner code lands in the Form Inbox with the raw answers and every reason', () => {
    const form = createForm();
    t.emu.submitForm(form.id, { ...GOOD, 'Partner code': 'NOPE' });
    t.emu.submitForm(form.id, { ...GOOD, 'Partner code': 'sleepy' });
    const inbox = t.rows('Form Inbox');
    expect(inbox.map((r) => [r['Partner Code'], r.Reasons, r.Status, r['Form Response']])).toEqual([
      ['NOPE', 'Partner code "NOPE" is not known.', 'Rejected', 'Form Responses 1!2'],
      ['sleepy', 'Partner code "sleepy" belongs to Sleepy Partners, whose status is Paused; only active partners can register leads.', 'Rejected', 'Form Responses 1!3'],
    ]);
    expect(JSON.parse(inbox[0]['Raw Answers (JSON)'])).toMatchObject({ Company: ['Initech Ltd'], 'Partner code': ['NOPE'] });
    expect(t.rows('Leads')).toHaveLength(0);
    // The known (paused) partner is told what was wrong; nobody can be told about an unknown code.
    expect(t.emu.services.mail.sentTo('sam@sleepy.example')[0].body).toContain('only active partners can register leads');
  });

  test('when the team loosened the form, a missing company and a bad email are both reasons', () => {
    const form = createForm();
    // Someone edited the form: Company no longer required, email validation removed.
    const live = t.emu.globals().FormApp as GoogleAppsScript.Forms.FormApp;
    const items = live.openById(form.id).getItems();
    items
      .find((i) => i.getTitle() === 'Company')
      ?.asTextItem()
      .setRequired(false);
    items
      .find((i) => i.getTitle() === 'Contact email')
      ?.asTextItem()
      .clearValidation();
    t.emu.submitForm(form.id, { ...GOOD, Company: '', 'Contact email': 'bill at initech' });
    const [row] = t.rows('Form Inbox');
    expect(row.Reasons.split('\n')).toEqual(['Company is required', 'Contact email must be an email address like name@company.com']);
    expect(t.emu.services.mail.sentTo('pat@acmepartners.example')[0].subject).toBe('We could not register your lead');
  });

  test('a response colliding with a protected lead is saved as a Conflict and the partner is told', () => {
    const form = createForm();
    t.ok('apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', website: 'initech.co.uk', contactEmail: 'bill@initech.co.uk' });
    t.ok('apiSavePartner', { name: 'Beta Partners', code: 'BETA', contactEmail: 'bo@beta.example', type: 'Referral' });
    t.emu.submitForm(form.id, { ...GOOD, 'Partner code': 'BETA' });
    expect(t.rows('Leads')[1]).toMatchObject({ Status: 'Conflict', 'Conflict With': 'L-000001', Source: 'form' });
    // Told in one fixed sentence: never the earlier lead, its partner or its date.
    const told = t.emu.services.mail.sentTo('bo@beta.example')[0];
    expect(told.body).toContain('This company was already registered by another partner.');
    expect(`${told.body}${told.htmlBody}`).not.toMatch(/L-000001|Acme|ACME|initech\.co\.uk as/);
  });

  test('a 49,990-character Notes answer: refused with its reason, the raw answers cut to fit a cell and kept whole in the response row, the partner told', () => {
    const form = createForm();
    const notes = 'n'.repeat(49990);
    expect(t.emu.submitForm(form.id, { ...GOOD, Notes: notes })).toMatchObject({ accepted: true });
    const [inbox] = t.rows('Form Inbox');
    expect(inbox.Reasons).toMatch(/Notes must be at most 2,?000 characters/);
    expect(inbox['Raw Answers (JSON)'].length).toBeLessThanOrEqual(50000);
    expect(inbox['Raw Answers (JSON)']).toMatch(/… \[cut: [\d,]+ more characters; the whole text is in the form's response row, Form Responses 1!2\]$/);
    expect(t.sheet('Form Responses 1').getRange(2, 1, 1, 12).getValues()[0]).toContain(notes);
    expect(t.emu.services.mail.sentTo('pat@acmepartners.example')).toHaveLength(1);
  });

  test('formula-like answers are stored as text, never as formulas', () => {
    const form = createForm();
    t.emu.submitForm(form.id, { ...GOOD, Company: '=IMPORTRANGE("x","y")', Notes: '@SUM(A1)', 'Contact name': '+cmd' });
    t.emu.submitForm(form.id, { ...GOOD, 'Partner code': '=NOPE()' });
    for (const name of ['Leads', 'Form Inbox', 'Audit Log']) {
      const s = t.sheet(name);
      expect(s.getRange(1, 1, s.getLastRow(), s.getLastColumn()).getFormulas().flat().filter(Boolean)).toEqual([]);
    }
    expect(t.rows('Leads')[0]).toMatchObject({ Company: '=IMPORTRANGE("x","y")', Notes: '@SUM(A1)', 'Contact Name': '+cmd' });
    expect(t.rows('Form Inbox')[0]['Partner Code']).toBe('=NOPE()');
  });
});

describe('mail quota', () => {
  test('a confirmation that cannot be sent is queued, then sent once by the daily run', () => {
    const form = createForm();
    t.emu.services.mail.consume(OWNER, 100);
    t.emu.submitForm(form.id, GOOD);
    expect(t.emu.services.mail.sentTo('pat@acmepartners.example')).toHaveLength(0);
    expect(t.rows('Mail Queue')).toEqual([expect.objectContaining({ To: 'pat@acmepartners.example', Status: 'Queued', Subject: 'Lead L-000001 (Initech Ltd) registered' })]);
    // The next Pacific day the quota is back; the daily trigger sends it, and later runs do not send it again.
    t.emu.runTimeTriggersUntil(new Date('2026-03-04T00:00:00Z'));
    // (The hourly run's "Your partner sheet" email aside: partner-sheets.test.ts.)
    expect(t.emu.services.mail.sentTo('pat@acmepartners.example').filter((m) => !m.subject.startsWith('Your partner sheet'))).toHaveLength(1);
    expect(t.rows('Mail Queue')[0]).toMatchObject({ Status: 'Sent', Attempts: '1' });
  });
});

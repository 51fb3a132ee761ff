import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * Verified submissions (issue 13): the partner form records each respondent's Google account, a
 * response counts for the partner whose contact sent it, and a code that is not theirs, or an
 * address no partner has, lands in the Form Inbox with the reason; the respondent is told, in
 * words that say nothing about any partner.
 */
let t: Tracker;
const PAT = 'pat@acme.example';
const BO = 'bo@beta.example';
const KIM = 'kim@acme.example';
const STRANGER = 'stranger@elsewhere.example';

const fresh = restoredFixture(() => {
  t = trackerOnBundle();
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactName: 'Pat Quill', contactEmail: PAT });
  t.addPartner({ name: 'Beta Partners', code: 'BETA', contactName: 'Bo Rivers', contactEmail: BO });
  // A second contact at Acme, typed into More Contact Emails (the edit trigger drops the cached partners).
  const header = t.sheet('Partners').getRange(1, 1, 1, t.sheet('Partners').getLastColumn()).getValues()[0] as string[];
  const column = String.fromCharCode(65 + header.indexOf('More Contact Emails'));
  t.emu.editAsUser(`Partners!${column}2`, `${KIM}, ops@acme.example`);
  t.emu.run('menuCreatePartnerForm');
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

const form = () => t.emu.services.forms.list()[0];
const GOOD = { 'Partner code': 'acme', Company: 'Initech Ltd', 'Company website': 'initech.co.uk', 'Contact email': 'bill@initech.co.uk' };
const submitAs = (account: string, answers: Record<string, string> = GOOD) => t.emu.submitForm(form().id, answers, { account });
const inbox = () => t.rows('Form Inbox');

describe('"Create partner form" applies Verify partner emails', () => {
  test('Yes (the default): the form collects verified emails, and says so', () => {
    expect(form().emailCollection).toBe('VERIFIED');
    expect(String(t.emu.services.ui.alerts.pop()?.prompt)).toContain('Partners are verified');
  });

  test('No, then Create partner form again: the form stops collecting, and the trade-off is stated', () => {
    t.editSetting('Verify partner emails', 'No');
    t.emu.services.ui.queueAlertAnswer('NO');
    t.emu.run('menuCreatePartnerForm');
    expect(form().emailCollection).toBe('DO_NOT_COLLECT');
    expect(String(t.emu.services.ui.alerts.pop()?.prompt)).toContain('anyone who knows a partner code can register leads as that partner');
  });

  test('a respondent who is not signed in is refused by the form itself', () => {
    expect(t.emu.submitForm(form().id, GOOD)).toMatchObject({ accepted: false, errors: [{ item: '', reason: expect.stringContaining('Sign in') }] });
  });
});

describe('attribution', () => {
  test("a partner's contact with their own code: the lead is theirs, Registered By the respondent, the confirmation to them", () => {
    submitAs(KIM);
    expect(t.rows('Leads')).toEqual([expect.objectContaining({ 'Partner ID': 'P-000001', Status: 'New', 'Registered By': KIM, Source: 'form' })]);
    expect(t.emu.services.mail.sentTo(KIM)).toHaveLength(1);
    expect(t.emu.services.mail.sentTo(PAT)).toHaveLength(0);
  });

  test("impersonation: Beta's contact with Acme's code is refused into the inbox with the reason; only the respondent is told, and nothing of Acme", () => {
    submitAs(BO);
    expect(t.rows('Leads')).toHaveLength(0);
    expect(inbox()).toEqual([
      expect.objectContaining({ 'Partner Code': 'acme', Status: 'Rejected', 'Respondent Email': BO, Reasons: expect.stringContaining(`does not belong to ${BO}, a contact of Beta Partners`) }),
    ]);
    expect(t.emu.services.mail.sentTo(PAT)).toHaveLength(0);
    const [told] = t.emu.services.mail.sentTo(BO);
    expect(told.body).toContain('The partner code you entered does not match the Google account');
    expect(`${told.subject}${told.body}${told.htmlBody}`).not.toMatch(/acme partners|pat|P-000001|Beta Partners/i);
  });

  test('an unknown email is refused with the reason, whatever the code', () => {
    submitAs(STRANGER, { ...GOOD, 'Partner code': 'BETA' });
    expect(inbox()[0]).toMatchObject({ 'Respondent Email': STRANGER, Reasons: expect.stringContaining(`${STRANGER} is not a contact email of any partner`) });
    expect(t.emu.services.mail.sentTo(BO)).toHaveLength(0);
  });

  test('code guessing from an unknown email: every attempt is answered in the same words, whether the code exists or not', () => {
    for (const code of ['ACME', 'beta', 'NOPE', 'ACME2']) submitAs(STRANGER, { ...GOOD, 'Partner code': code });
    const replies = t.emu.services.mail.sentTo(STRANGER);
    expect(replies).toHaveLength(4);
    expect(new Set(replies.map((m) => `${m.subject}|${m.body}|${m.htmlBody}`)).size).toBe(1);
    expect(inbox()).toHaveLength(4);
    expect(t.emu.services.mail.outbox.filter((m) => !m.to.includes(STRANGER))).toHaveLength(0);
  });

  test('a mistyped code from a known contact is refused, and the contact is told how to fix it', () => {
    submitAs(PAT, { ...GOOD, 'Partner code': 'ACEM' });
    expect(inbox()[0]).toMatchObject({ 'Respondent Email': PAT, Reasons: expect.stringContaining('Partner code "ACEM" does not belong to') });
    expect(t.emu.services.mail.sentTo(PAT)[0].body).toContain('Check your partner code');
  });

  test("a verified partner's field problems are told to the respondent, with every reason", () => {
    submitAs(PAT, { ...GOOD, 'Company website': 'not a website at all' });
    expect(inbox()[0]).toMatchObject({ 'Respondent Email': PAT });
    expect(t.emu.services.mail.sentTo(PAT)[0].body).toContain('Hello Acme Partners');
  });

  test('a duplicate firing, blank or not, makes nothing new', () => {
    submitAs(BO);
    t.emu.fireDuplicateFormSubmit({ blank: true });
    t.emu.fireDuplicateFormSubmit();
    expect(inbox()).toHaveLength(1);
    expect(t.emu.services.mail.sentTo(BO)).toHaveLength(1);
    submitAs(PAT);
    t.emu.fireDuplicateFormSubmit({ blank: true });
    expect(t.rows('Leads')).toHaveLength(1);
  });

  test('a re-processed verified response keeps its respondent as Registered By', () => {
    submitAs(STRANGER, { ...GOOD, 'Partner code': 'ACME' });
    const [item] = t.ok<{ items: Array<{ row: number; responseKey: string; receivedAt: string; answers: Record<string, string>; respondentEmail?: string }> }>('apiListInbox').items;
    // The sidebar's Inbox shows who sent it.
    expect(item.respondentEmail).toBe(STRANGER);
    const result = t.ok<{ outcome: string; leadId: string }>(
      'apiReprocessInboxResponse',
      { row: item.row, responseKey: item.responseKey, receivedAt: item.receivedAt },
      { ...item.answers, partnerCode: 'ACME' },
    );
    expect(result.outcome).toBe('lead');
    expect(t.rows('Leads')[0]).toMatchObject({ 'Partner ID': 'P-000001', 'Registered By': STRANGER });
    // The confirmation goes to Acme's contact, never to a respondent who is not one.
    t.hourly();
    expect(
      t.emu.services.mail
        .sentTo(PAT)
        .map((m) => m.subject)
        .filter((s) => !s.startsWith('Your partner sheet')),
    ).toEqual([expect.stringContaining('registered')]);
    expect(t.emu.services.mail.sentTo(STRANGER).filter((m) => m.subject.includes('registered'))).toHaveLength(0);
  });

  test("with verification off: the code alone, Registered By blank, the refusal to the code's partner as before", () => {
    t.editSetting('Verify partner emails', 'No');
    t.emu.services.ui.queueAlertAnswer('NO');
    t.emu.run('menuCreatePartnerForm');
    t.emu.submitForm(form().id, GOOD);
    expect(t.rows('Leads')[0]).toMatchObject({ 'Partner ID': 'P-000001', 'Registered By': '' });
    expect(t.emu.services.mail.sentTo(PAT)).toHaveLength(1);
  });
});

describe("the partner's contacts and Status Updates", () => {
  const acme = () => t.ok<Array<{ id: string; otherEmails?: string[]; updates?: string } & Record<string, unknown>>>('apiListPartners').find((p) => p.id === 'P-000001')!;
  const edit = (change: Record<string, unknown>) => {
    const { id, name, code, contactName, contactEmail, type, tier, region, productFocus, status, joinedOn, notes } = acme();
    return t.api('apiSavePartner', { id, name, code, contactName, contactEmail, type, tier, region, productFocus, status, joinedOn, notes, ...change });
  };

  test('the editor saves More Contact Emails (normalised) and Status Updates, audited; leaving them out keeps them', () => {
    expect(edit({ otherEmails: 'KIM@acme.example\nops@acme.example, new@acme.example', updates: 'Weekly' })).toMatchObject({ ok: true });
    expect(t.rows('Partners')[0]).toMatchObject({ 'More Contact Emails': 'kim@acme.example, ops@acme.example, new@acme.example', 'Status Updates': 'Weekly' });
    expect(t.rows('Audit Log').some((r) => r.Tab === 'Partners' && r.Field === 'updates' && r['New Value'] === 'Weekly')).toBe(true);
    expect(edit({ notes: 'renewed' })).toMatchObject({ ok: true });
    expect(t.rows('Partners')[0]).toMatchObject({ 'More Contact Emails': 'kim@acme.example, ops@acme.example, new@acme.example', 'Status Updates': 'Weekly' });
    // The new address speaks for Acme on the form.
    submitAs('new@acme.example');
    expect(t.rows('Leads')[0]).toMatchObject({ 'Partner ID': 'P-000001', 'Registered By': 'new@acme.example' });
  });

  test('the editor refuses a bad address, too many, the Contact Email again, another partner’s contact, and an unknown preference', () => {
    const refused = (change: Record<string, unknown>) => edit(change) as { ok: false; error: { fieldErrors?: Record<string, string> } };
    expect(refused({ otherEmails: 'kim@acme.example, not-an-email' }).error.fieldErrors?.otherEmails).toContain('must be email addresses');
    const many = Array.from({ length: 21 }, (_, i) => `p${i}@acme.example`).join(', ');
    expect(refused({ otherEmails: many }).error.fieldErrors?.otherEmails).toContain('At most 20');
    expect(refused({ otherEmails: PAT }).error.fieldErrors?.otherEmails).toContain('already the Contact Email');
    expect(refused({ otherEmails: BO }).error.fieldErrors?.otherEmails).toContain('already a contact email of Beta Partners (P-000002)');
    expect(refused({ updates: 'Hourly' }).error.fieldErrors?.updates).toContain('Status updates must be one of');
  });

  test('a partner typed into the tab with a bad email, or an email another partner has, is a Problem with its reason', () => {
    const headers = t.sheet('Partners').getRange(1, 1, 1, t.sheet('Partners').getLastColumn()).getDisplayValues()[0];
    const col = (h: string) => String.fromCharCode(65 + headers.indexOf(h));
    t.emu.editAsUser('Partners!A4:F4', [['', 'Gamma Group', 'GAMMA', 'Gil', 'gil@gamma.example', 'Reseller']]);
    t.emu.editAsUser(`Partners!${col('More Contact Emails')}4`, 'kim@acme.example');
    expect(t.rows('Partners')[2].Problems).toContain('kim@acme.example is already a contact email of');
    t.emu.editAsUser(`Partners!${col('More Contact Emails')}4`, 'nonsense@');
    expect(t.rows('Partners')[2].Problems).toContain('must be email addresses');
    t.emu.editAsUser(`Partners!${col('More Contact Emails')}4`, 'gina@gamma.example');
    expect(t.rows('Partners')[2]).toMatchObject({ Problems: '', 'More Contact Emails': 'gina@gamma.example' });
  });
});

describe('a verified form run that dies before its email is queued', () => {
  test.each([
    ['an impersonation (refused before registration)', BO, {}, BO, 'We could not register Initech Ltd', 'does not match the Google account'],
    ['a lead', KIM, {}, KIM, 'Lead L-000001 (Initech Ltd) registered', 'Its lead ID is L-000001'],
    ['a verified field problem', PAT, { 'Company website': 'not a website at all' }, PAT, 'We could not register Initech Ltd', 'Hello Acme Partners'],
  ])('%s: the next run queues the reply to the respondent from the row as written, once', (_what, account, change, to, subject, says) => {
    const answers = { ...GOOD, ...change };
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Mail Queue', fatal: true });
    submitAs(account, answers);
    expect(t.rows('Leads').length + inbox().length).toBe(1);
    expect(t.rows('Mail Queue')).toEqual([]);
    t.emu.clock.advance(7 * 60 * 1000);
    t.hourly();
    t.hourly();
    // Leaving aside the team's mail and the hourly run's partner sheet emails.
    const sent = t.emu.services.mail.outbox.filter((m) => !m.to.includes('owner@example.com') && !m.subject.startsWith('Your partner sheet'));
    expect(sent.map((m) => [m.to.join(), m.subject])).toEqual([[to, subject]]);
    expect(sent[0].body).toContain(says);
  });
});

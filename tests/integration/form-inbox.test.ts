import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/** The Form Inbox handled from the sidebar (issue 12, deliver 4), through the built bundle on the emulator. */
let t: Tracker;
let formId: string;

const ANA = 'ana@example.com';
const BO = 'bo@example.com';

const fresh = restoredFixture(() => {
  t = trackerOnBundle();
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acmepartners.example' });
  t.addPartner({ name: 'Beta Partners', code: 'BETA', contactEmail: 'bea@beta.example' });
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BO, 'Finance');
  t.unverifiedForm();
  return { t, formId: t.emu.services.forms.list()[0].id };
});

beforeEach(() => {
  ({ t, formId } = fresh());
});

const GOOD = {
  'Partner code': 'ACME',
  Company: 'Initech Ltd',
  'Company website': 'initech.co.uk',
  'Contact name': 'Bill Lumbergh',
  'Contact email': 'bill@initech.co.uk',
  Product: 'Core Platform',
  'Estimated deal value': '25000',
  Notes: 'Met at the trade show',
};

interface Item {
  row: number;
  responseKey: string;
  receivedAt: string;
  partnerCode: string;
  reasons: string[];
  answers: Record<string, string>;
  lastAttempt: string;
  madeLead: string;
}
const list = (user = ANA) => t.okAs<{ items: Item[]; waiting: number; products: string[] }>(user, 'apiListInbox');
const ref = (item: Item) => ({ row: item.row, responseKey: item.responseKey, receivedAt: item.receivedAt });
const reprocess = (item: Item, answers: Record<string, string>, user = ANA, requestId?: string) =>
  t.emu.run('apiReprocessInboxResponse', [ref(item), answers, ...(requestId ? [{ requestId }] : [])], { user }) as
    | { ok: true; data: { outcome: 'lead'; leadId: string; status: string; conflict: string | null; message: string } | { outcome: 'refused'; reasons: string[]; problems: Record<string, string> } }
    | { ok: false; error: { message: string; fieldErrors?: Record<string, string> } };
const dismiss = (item: Item, reason: unknown, user = ANA) =>
  t.emu.run('apiDismissInboxResponse', [ref(item), reason], { user }) as { ok: boolean; data?: unknown; error?: { message: string; fieldErrors?: Record<string, string> } };
const inboxColumn = (header: string) => {
  const headers = t.sheet('Form Inbox').getRange(1, 1, 1, t.sheet('Form Inbox').getLastColumn()).getDisplayValues()[0];
  return String.fromCharCode(65 + headers.indexOf(header));
};

function mistyped(): Item {
  t.emu.submitForm(formId, { ...GOOD, 'Partner code': 'ACM' });
  const [item] = list().items;
  return item;
}

describe('the Inbox lists the responses waiting', () => {
  test('newest first, each with its reasons and its answers as fields; handled ones drop out of the count', () => {
    t.emu.submitForm(formId, { ...GOOD, 'Partner code': 'ACM' });
    t.emu.clock.advance(60_000);
    t.emu.submitForm(formId, { ...GOOD, Company: 'Globex', 'Partner code': 'NOPE' });
    const inbox = list();
    expect(inbox.waiting).toBe(2);
    expect(inbox.items.map((i) => [i.partnerCode, i.reasons, i.answers.company])).toEqual([
      ['NOPE', ['Partner code "NOPE" is not known.'], 'Globex'],
      ['ACM', ['Partner code "ACM" is not known.'], 'Initech Ltd'],
    ]);
    expect(inbox.items[1].answers).toEqual({
      partnerCode: 'ACM',
      company: 'Initech Ltd',
      website: 'initech.co.uk',
      contactName: 'Bill Lumbergh',
      contactEmail: 'bill@initech.co.uk',
      product: 'Core Platform',
      estimatedValue: '25000',
      notes: 'Met at the trade show',
    });
    expect(inbox.products).toContain('Core Platform');
    expect(dismiss(inbox.items[0], 'A test response from the partner').ok).toBe(true);
    expect(list().items.map((i) => i.partnerCode)).toEqual(['ACM']);
  });

  test('an old row whose reasons are empty says so plainly, and an unreadable raw answers cell says why the fields are blank', () => {
    const inbox = t.sheet('Form Inbox');
    inbox.getRange(2, 1, 1, 5).setValues([['2026-02-01 10:00:00', 'OLD', '', 'not json', 'Rejected']]);
    const [item] = list().items;
    expect(item.reasons).toEqual([expect.stringContaining('No reason was recorded for this response')]);
    expect(item.answers.partnerCode).toBe('OLD');
    expect(t.okAs<{ items: Array<{ unreadable: string }> }>(ANA, 'apiListInbox').items[0].unreadable).toContain('could not be read');
  });
});

describe('fix and re-process', () => {
  test('a mistyped code, corrected, becomes a lead through the form registration; the row records who, when and what; the partner is emailed', () => {
    const item = mistyped();
    t.emu.clock.advance(3600_000);
    const result = reprocess(item, { ...item.answers, partnerCode: 'acme' });
    expect(result).toMatchObject({ ok: true, data: { outcome: 'lead', leadId: 'L-000001', status: 'New', conflict: null } });
    expect(t.rows('Leads')).toEqual([
      expect.objectContaining({
        'Lead ID': 'L-000001',
        'Partner ID': 'P-000001',
        Company: 'Initech Ltd',
        Source: 'form',
        Status: 'New',
        'Form Response': item.responseKey,
        'Estimated Value': '25,000.00',
      }),
    ]);
    const [row] = t.rows('Form Inbox');
    expect(row).toMatchObject({ Status: 'Reprocessed', 'Lead ID': 'L-000001', 'Handled By': ANA, 'Handled At (UTC)': '2026-03-01 16:00:00' });
    expect(row['Decision Note']).toBe('Corrected Partner code "ACM" → "acme".');
    // It shows in the Leads view, and no longer in the inbox.
    expect(t.okAs<{ leads: Array<{ id: string }> }>(ANA, 'apiListLeads', {}).leads.map((l) => l.id)).toEqual(['L-000001']);
    expect(list().waiting).toBe(0);
    // A teammate's run leaves the confirmation owed to the owner's next run, which sends it once, and its audit entries
    // in the document's properties for the owner's next run with the document (here: the owner adds a partner).
    t.hourly();
    t.hourly();
    t.addPartner({ name: 'Gamma', code: 'GAMMA' });
    expect(
      t
        .rows('Audit Log')
        .filter((a) => a.Tab === 'Form Inbox' && a.User === ANA)
        .map((a) => [a.Field, a['New Value']]),
    ).toEqual(
      expect.arrayContaining([
        ['Status', 'Reprocessed'],
        ['Lead ID', 'L-000001'],
      ]),
    );
    // (The hourly run's "Your partner sheet" email aside: partner-sheets.test.ts.)
    const sent = t.emu.services.mail.sentTo('pat@acmepartners.example').filter((m) => !m.subject.startsWith('Your partner sheet'));
    expect(sent.map((m) => m.subject)).toEqual(['Lead L-000001 (Initech Ltd) registered']);
  });

  test('a corrected response colliding with a protected lead becomes a Conflict, as a form response would', () => {
    t.ok('apiRegisterLead', { partnerId: 'P-000002', company: 'Initech', website: 'initech.co.uk', contactEmail: 'bill@initech.co.uk' });
    const item = mistyped();
    const result = reprocess(item, { ...item.answers, partnerCode: 'ACME' });
    expect(result).toMatchObject({ ok: true, data: { outcome: 'lead', leadId: 'L-000002', status: 'Conflict', conflict: expect.stringContaining('L-000001') } });
    expect(t.rows('Leads')[1]).toMatchObject({ Status: 'Conflict', 'Conflict With': 'L-000001' });
    expect(t.rows('Form Inbox')[0].Status).toBe('Reprocessed');
  });

  test('still refused: the row stays Rejected with the new reasons, each answer field told why, and no lead', () => {
    const item = mistyped();
    const result = reprocess(item, { ...item.answers, partnerCode: 'ACMEE', contactEmail: 'bill at initech' });
    expect(result).toMatchObject({
      ok: true,
      data: { outcome: 'refused', problems: { partnerCode: 'Partner code "ACMEE" is not known.', contactEmail: expect.stringContaining('email address') } },
    });
    expect(t.rows('Leads')).toEqual([]);
    const [row] = t.rows('Form Inbox');
    expect(row.Status).toBe('Rejected');
    expect(row.Reasons.split('\n')).toEqual(['Partner code "ACMEE" is not known.', expect.stringContaining('email address')]);
    expect(row['Decision Note']).toContain('Still refused');
    expect(list().items[0].reasons[0]).toBe('Partner code "ACMEE" is not known.');
  });

  test('a retry with the same request ID, and a double click with another, make one lead', () => {
    const item = mistyped();
    const fixed = { ...item.answers, partnerCode: 'ACME' };
    const first = reprocess(item, fixed, ANA, 'req-aaaaaaaa');
    const retry = reprocess(item, fixed, ANA, 'req-aaaaaaaa');
    const again = reprocess(item, fixed, ANA, 'req-bbbbbbbb');
    expect(retry).toEqual(first);
    expect(again).toMatchObject({ ok: true, data: { outcome: 'lead', leadId: 'L-000001', message: 'Already re-processed into L-000001.' } });
    expect(t.rows('Leads')).toHaveLength(1);
  });

  test('a run that dies between the lead and the inbox row: the inbox shows the lead it made, and re-processing again finishes the row without a second lead', () => {
    const item = mistyped();
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Form Inbox', fatal: true });
    expect(() => reprocess(item, { ...item.answers, partnerCode: 'ACME' })).toThrow(/timed out/);
    expect(t.rows('Leads')).toHaveLength(1);
    expect(t.rows('Form Inbox')[0].Status).toBe('Rejected');
    t.emu.clock.advance(7 * 60 * 1000);
    const [waiting] = list().items;
    expect(waiting.madeLead).toBe('L-000001');
    expect(reprocess(waiting, { ...waiting.answers, partnerCode: 'ACME' })).toMatchObject({ ok: true, data: { outcome: 'lead', leadId: 'L-000001' } });
    expect(t.rows('Leads')).toHaveLength(1);
    expect(t.rows('Form Inbox')[0]).toMatchObject({ Status: 'Reprocessed', 'Lead ID': 'L-000001' });
    t.hourly();
    expect(t.emu.services.mail.sentTo('pat@acmepartners.example').filter((m) => /registered/.test(m.subject))).toHaveLength(1);
  });

  test('an older row with no Form Response is re-processed once too', () => {
    t.sheet('Form Inbox')
      .getRange(2, 1, 1, 5)
      .setValues([
        ['2026-02-01 10:00:00', 'ACM', 'Partner code "ACM" is not known.', JSON.stringify({ 'Partner code': ['ACM'], Company: ['Hooli'], 'Contact email': ['gavin@hooli.example'] }), 'Rejected'],
      ]);
    const [item] = list().items;
    expect(item.responseKey).toBe('');
    expect(reprocess(item, { ...item.answers, partnerCode: 'ACME' })).toMatchObject({ ok: true, data: { outcome: 'lead', leadId: 'L-000001' } });
    expect(reprocess(item, { ...item.answers, partnerCode: 'ACME' })).toMatchObject({ ok: true, data: { leadId: 'L-000001' } });
    expect(t.rows('Leads')).toHaveLength(1);
    expect(t.rows('Leads')[0]['Form Response']).toBe('inbox:2026-02-01T10:00:00.000Z:2');
  });
});

describe('dismiss', () => {
  test('requires a reason; with one the row is Dismissed with who, when and why, and can no longer be re-processed', () => {
    const item = mistyped();
    expect(dismiss(item, '   ')).toMatchObject({ ok: false, error: { fieldErrors: { 'argument 1': expect.stringContaining('A reason is required') } } });
    expect(t.rows('Form Inbox')[0].Status).toBe('Rejected');
    expect(dismiss(item, 'Spam: not a partner of ours')).toMatchObject({ ok: true });
    expect(t.rows('Form Inbox')[0]).toMatchObject({ Status: 'Dismissed', 'Handled By': ANA, 'Decision Note': 'Spam: not a partner of ours' });
    expect(reprocess(item, item.answers)).toMatchObject({ ok: false, error: { message: expect.stringContaining('already dismissed by ana@example.com') } });
    t.addPartner({ name: 'Gamma', code: 'GAMMA' });
    expect(t.rows('Audit Log').some((a) => a.Tab === 'Form Inbox' && a.Field === 'Status' && a['New Value'] === 'Dismissed' && a.User === ANA)).toBe(true);
  });
});

describe('roles', () => {
  test('the partner team, managers and the owner may handle the inbox; finance and strangers are told which role it needs', () => {
    const item = mistyped();
    for (const user of [BO, 'stranger@example.com']) {
      const refused = t.apiAs(user, 'apiListInbox');
      expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('needs the Partner team or Manager role') } });
      expect(reprocess(item, { ...item.answers, partnerCode: 'ACME' }, user)).toMatchObject({ ok: false });
      expect(dismiss(item, 'no', user)).toMatchObject({ ok: false });
    }
    expect(t.rows('Leads')).toEqual([]);
    expect(t.rows('Form Inbox')[0].Status).toBe('Rejected');
    expect(t.ok<{ waiting: number }>('apiListInbox').waiting).toBe(1);
  });
});

describe('a Status typed into the Form Inbox tab', () => {
  test('Dismissed without a note, or Reprocessed without a lead, is put back to Rejected and explained; a complete one is stamped', () => {
    mistyped();
    const status = `'Form Inbox'!${inboxColumn('Status')}2`;
    const toast = () => t.emu.services.ui.toasts.pop()?.message;
    t.emu.editAsUser(status, 'Dismissed', ANA);
    expect(toast()).toContain('Form Inbox row 2: Dismissed needs a reason');
    expect(t.rows('Form Inbox')[0].Status).toBe('Rejected');
    t.emu.editAsUser(status, 'Reprocessed', ANA);
    expect(toast()).toContain('Reprocessed needs the lead');
    t.emu.editAsUser(`'Form Inbox'!${inboxColumn('Lead ID')}2`, 'L-000009', ANA);
    t.emu.editAsUser(status, 'Reprocessed', ANA);
    expect(toast()).toContain('there is no L-000009');
    expect(t.rows('Form Inbox')[0].Status).toBe('Rejected');
    t.emu.editAsUser(`'Form Inbox'!${inboxColumn('Decision Note')}2`, 'Duplicate of a call we had', ANA);
    t.emu.editAsUser(status, 'Dismissed', ANA);
    expect(t.rows('Form Inbox')[0]).toMatchObject({ Status: 'Dismissed', 'Handled By': ANA });
    // Clearing the reason of a dismissed row puts it back in the inbox.
    t.emu.editAsUser(`'Form Inbox'!${inboxColumn('Decision Note')}2`, '', ANA);
    expect(t.rows('Form Inbox')[0].Status).toBe('Rejected');
  });
});

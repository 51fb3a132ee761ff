import { RowProblemsView } from '../../src/sidebar-api/contract';
import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * Issue 12, Deliver 1: partners typed or pasted into the Partners tab are adopted (an ID in the
 * tracker's format, or the one a migration brought; Created At; sealed) or kept with their
 * problems, highlighted, and counted nowhere until fixed. Through the built bundle.
 */
let t: Tracker;
const ANA = 'ana@example.com'; // partner team: Google names her to the owner's trigger
const BOSS = 'boss@example.com'; // manager

const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-02-10T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BOSS, 'Manager');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' });
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

function column(tabName: string, header: string): string {
  const headers = t.sheet(tabName).getRange(1, 1, 1, t.sheet(tabName).getLastColumn()).getDisplayValues()[0];
  const at = headers.indexOf(header);
  if (at < 0) throw new Error(`no ${header} on ${tabName}`);
  return String.fromCharCode(65 + at);
}

/** A Partners row as typed: ID, Name, Code, Contact Name, Contact Email, Type (columns A–F). */
const pasteRow = (row: number, cells: string[], who = ANA) => {
  const outcome = t.emu.editAsUser(`Partners!A${row}:F${row}`, [cells], who);
  expect(outcome.accepted).toBe(true);
  expect(outcome.triggerRuns?.filter((r) => !r.ok)).toEqual([]);
};
const partnerRow = (row: number) => t.rows('Partners')[row - 2];
const background = (row: number) => t.sheet('Partners').getRange(row, 2).getBackground();
const lastToast = () => t.emu.services.ui.toasts[t.emu.services.ui.toasts.length - 1]?.message ?? '';
const createForm = () => {
  t.unverifiedForm();
  const forms = t.emu.services.forms.list();
  return forms[forms.length - 1];
};
const leadAnswers = (code: string, company: string) => ({ 'Partner code': code, Company: company, 'Contact email': `ceo@${company.toLowerCase()}.example` });

describe('a partner typed or pasted into the tab', () => {
  test('without a Partner ID: gets P-000002, Created At and the defaults, is sealed, and counts in the sidebar and the form', () => {
    pasteRow(3, ['', 'Globex Resellers', 'globex', 'Hank', 'hank@globex.example', 'Reseller']);
    expect(partnerRow(3)).toMatchObject({ 'Partner ID': 'P-000002', 'Partner Code': 'GLOBEX', Tier: 'Registered', Status: 'Active', Problems: '' });
    expect(partnerRow(3)['Created At']).not.toBe('');
    expect(partnerRow(3)['Tracker Check']).toContain('P-000002');
    expect(background(3)).toBe('#ffffff');
    expect(t.okAs<Array<{ id: string }>>(ANA, 'apiListPartners').map((p) => p.id)).toEqual(['P-000001', 'P-000002']);
    const audit = t.rows('Audit Log').filter((r) => r.Tab === 'Partners' && r.Field === '(ID assigned)');
    expect(audit).toEqual([expect.objectContaining({ 'Record ID': 'P-000002', User: ANA })]);
    // The form knows the code.
    const form = createForm();
    t.emu.submitForm(form.id, leadAnswers('globex', 'Initech'));
    expect(t.rows('Leads').pop()).toMatchObject({ 'Partner ID': 'P-000002', Company: 'Initech', Status: 'New' });
  });

  test('a pasted block of partners is adopted in one go, each with the next ID', () => {
    const outcome = t.emu.editAsUser(
      'Partners!A3:F4',
      [
        ['', 'Globex', 'GLOBEX', 'G', 'g@globex.example', 'Reseller'],
        ['', 'Hooli', 'HOOLI', 'H', 'h@hooli.example', 'Affiliate'],
      ],
      ANA,
    );
    expect(outcome.triggerRuns?.filter((r) => !r.ok)).toEqual([]);
    expect(t.rows('Partners').map((p) => [p['Partner ID'], p.Problems])).toEqual([
      ['P-000001', ''],
      ['P-000002', ''],
      ['P-000003', ''],
    ]);
    expect(lastToast()).toContain('Partners: 2 row(s) adopted');
  });

  test("a migration's own ID (P-7777) works everywhere: the sidebar registers for it and the form accepts its responses", () => {
    pasteRow(3, ['P-7777', 'Migrated Co', 'MIG', 'Mo', 'mo@migrated.example', 'Referral']);
    expect(partnerRow(3)).toMatchObject({ 'Partner ID': 'P-7777', Problems: '' });
    const registered = t.okAs<{ lead: { id: string; partnerId: string } }>(ANA, 'apiRegisterLead', { partnerId: 'P-7777', company: 'Umbrella', contactEmail: 'ceo@umbrella.example' });
    expect(registered.lead.partnerId).toBe('P-7777');
    const form = createForm();
    t.emu.submitForm(form.id, leadAnswers('mig', 'Hooli'));
    expect(t.rows('Leads').pop()).toMatchObject({ 'Partner ID': 'P-7777', Company: 'Hooli' });
    expect(t.rows('Form Inbox')).toEqual([]);
  });

  test('an ID in the tracker format brought by a migration moves the counter past it: the next partner never collides', () => {
    pasteRow(3, ['P-000050', 'Migrated Co', 'MIG', 'Mo', 'mo@migrated.example', 'Referral']);
    t.emu.editAsUser('Partners!A3:F3', [['', '', '', '', '', '']], ANA); // the row deleted by clearing it
    const next = t.okAs<{ id: string }>(ANA, 'apiSavePartner', { name: 'Next', code: 'NEXT', type: 'Reseller', contactEmail: 'n@next.example' });
    expect(next.id).toBe('P-000051');
  });

  test("a row reusing another partner's ID is kept, marked and highlighted, and never takes over that partner's leads", () => {
    const lead = t.okAs<{ lead: { id: string } }>(ANA, 'apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', contactEmail: 'ceo@initech.example' });
    pasteRow(3, ['P-000001', 'Impostor Ltd', 'IMP', 'Ivan', 'ivan@impostor.example', 'Reseller']);
    expect(partnerRow(3).Problems).toBe("Partner ID: P-000001 is already Acme Partners's (row 2); give this row its own ID, or leave it blank for a new one");
    expect(background(3)).toBe('#fce8e6');
    expect(lastToast()).toContain('Partners row 3: not counted yet');
    const partners = t.okAs<Array<{ id: string; name: string }>>(ANA, 'apiListPartners');
    expect(partners).toEqual([expect.objectContaining({ id: 'P-000001', name: 'Acme Partners' })]);
    const leads = t.okAs<{ leads: Array<{ id: string; partnerName: string }> }>(ANA, 'apiListLeads', {});
    expect(leads.leads.find((l) => l.id === lead.lead.id)?.partnerName).toBe('Acme Partners');
    // A conflict message names the real partner.
    const second = t.okAs<{ lead: { statusReason: string } }>(ANA, 'apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', contactEmail: 'cto@initech.example' });
    expect(second.lead.statusReason).toContain('Acme Partners');
    // Fixed: the ID cleared, the row is adopted with its own ID and the highlight goes.
    t.emu.editAsUser(`Partners!A3`, '', ANA);
    expect(partnerRow(3)).toMatchObject({ 'Partner ID': 'P-000002', Problems: '' });
    expect(background(3)).toBe('#ffffff');
  });

  test('a duplicate code and invalid values are each told, one line per problem naming the column; nothing is deleted', () => {
    pasteRow(3, ['', '', 'acme', '', 'not-an-email', '']);
    const problems = partnerRow(3).Problems.split('\n');
    expect(problems).toEqual(
      expect.arrayContaining([
        'Name is required',
        expect.stringMatching(/^Contact email/i),
        expect.stringMatching(/^Type must be one of/),
        'Partner Code: ACME is already used by Acme Partners (row 2); each partner needs its own code',
      ]),
    );
    expect(problems.every((p) => p.trim().length > 0)).toBe(true);
    expect(partnerRow(3)).toMatchObject({ 'Partner ID': '', 'Partner Code': 'acme', 'Contact Email': 'not-an-email' });
    const listed = t.okAs<RowProblemsView>(ANA, 'apiListRowProblems');
    expect(listed).toEqual({ total: 1, rows: [{ tab: 'Partners', row: 3, id: '', label: '', problems }] });
  });

  test("clearing a counted partner's name is put back with the reason; clearing it in a paste marks the problem", () => {
    t.emu.editAsUser(`Partners!${column('Partners', 'Name')}2`, '', ANA);
    expect(partnerRow(2).Name).toBe('Acme Partners');
    expect(lastToast()).toContain('Name cannot be cleared from P-000001');
    t.emu.editAsUser(`Partners!B2:C2`, [['', 'ACME']], ANA);
    expect(partnerRow(2).Problems).toBe('Name is required');
    expect(t.okAs<unknown[]>(ANA, 'apiListPartners')).toEqual([]);
    t.emu.editAsUser(`Partners!B2:C2`, [['Acme Partners', 'ACME']], ANA);
    expect(partnerRow(2).Problems).toBe('');
    expect(t.okAs<unknown[]>(ANA, 'apiListPartners')).toHaveLength(1);
  });
});

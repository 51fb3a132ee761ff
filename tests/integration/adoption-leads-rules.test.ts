import { CheckTrackerView, RowProblemsView } from '../../src/sidebar-api/contract';
import { OWNER, Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * Issue 12, Deliver 1: leads, commission rules and list values typed, pasted or appended into
 * the tracker's tabs, by the edit trigger and by Check tracker (menu, sidebar, the daily run).
 * Through the built bundle.
 */
let t: Tracker;
const ANA = 'ana@example.com'; // partner team
const BOSS = 'boss@example.com'; // manager

const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-02-10T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BOSS, 'Manager');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' });
  t.addPartner({ name: 'Globex', code: 'GLOBEX', contactEmail: 'g@globex.example' });
  t.addPartner({ name: 'Sleepy Co', code: 'SLEEPY', contactEmail: 's@sleepy.example', status: 'Paused' });
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

function columnOf(tabName: string, header: string): number {
  const headers = t.sheet(tabName).getRange(1, 1, 1, t.sheet(tabName).getLastColumn()).getDisplayValues()[0];
  const at = headers.indexOf(header);
  if (at < 0) throw new Error(`no ${header} on ${tabName}`);
  return at + 1;
}
const letter = (tabName: string, header: string) => String.fromCharCode(64 + columnOf(tabName, header));
const lastToast = () => t.emu.services.ui.toasts[t.emu.services.ui.toasts.length - 1]?.message ?? '';

/** Partner ID, Company, Website (C–E) then Contact Email (H) of a Leads row, as a person pastes them. */
function typeLead(row: number, partnerId: string, company: string, website: string, email: string, who = ANA) {
  const first = t.emu.editAsUser(`Leads!C${row}:E${row}`, [[partnerId, company, website]], who);
  expect(first.triggerRuns?.filter((r) => !r.ok)).toEqual([]);
  const second = t.emu.editAsUser(`Leads!${letter('Leads', 'Contact Email')}${row}`, email, who);
  expect(second.triggerRuns?.filter((r) => !r.ok)).toEqual([]);
}
const leadRow = (row: number) => t.rows('Leads')[row - 2];

/** Writes cells as another tool would (no edit event). */
const appendByScript = (tabName: string, row: number, values: unknown[][]) =>
  t
    .sheet(tabName)
    .getRange(row, 1, values.length, values[0].length)
    .setValues(values as string[][]);

describe('a lead typed into the Leads tab', () => {
  test('is registered where it stands: ID, Registered At, domain, protection, source sheet, Registered By the editor; the sidebar shows it', () => {
    typeLead(2, 'P-000001', 'Initech Ltd', 'https://sales.initech.co.uk', 'bill@initech.co.uk');
    expect(leadRow(2)).toMatchObject({
      'Lead ID': 'L-000001',
      'Company Domain': 'initech.co.uk',
      Status: 'New',
      Source: 'sheet',
      'Registered By': ANA,
      'Protected Until': '2026-05-11',
      Problems: '',
    });
    expect(leadRow(2)['Registered At (UTC)']).toBe('2026-02-10 15:00:00');
    expect(leadRow(2)['Updated At (UTC)']).not.toBe('');
    const list = t.okAs<{ leads: Array<{ id: string; company: string }> }>(ANA, 'apiListLeads', {});
    expect(list.leads.map((l) => l.id)).toContain('L-000001');
    // The next registration continues the numbering.
    const next = t.okAs<{ lead: { id: string } }>(ANA, 'apiRegisterLead', { partnerId: 'P-000002', company: 'Hooli', contactEmail: 'ceo@hooli.example' });
    expect(next.lead.id).toBe('L-000002');
  });

  test('colliding with a protected lead it becomes a Conflict with Conflict With and the reason, as the sidebar would make it', () => {
    const first = t.okAs<{ lead: { id: string } }>(ANA, 'apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', website: 'initech.co.uk', contactEmail: 'bill@initech.co.uk' });
    typeLead(3, 'P-000002', 'Initech Limited', 'www.initech.co.uk', 'peter@initech.co.uk');
    expect(leadRow(3)).toMatchObject({ 'Lead ID': 'L-000002', Status: 'Conflict', 'Conflict With': first.lead.id, 'Protected Until': '' });
    expect(leadRow(3)['Status Reason']).toContain(`as ${first.lead.id}, registered by Acme Partners`);
    expect(lastToast()).toContain('is a Conflict');
  });

  test('an unknown or inactive partner, and a blank partner, are problems on the row: kept, highlighted, told', () => {
    typeLead(2, 'P-000003', 'Umbrella', '', 'ceo@umbrella.example');
    expect(leadRow(2).Problems).toBe('Partner ID: Sleepy Co (P-000003) is Paused; only active partners can register leads');
    expect(t.sheet('Leads').getRange(2, 1).getBackground()).toBe('#fce8e6');
    typeLead(3, '', 'Hooli', '', 'ceo@hooli.example');
    expect(leadRow(3).Problems).toBe('Partner ID: a partner is required (a Partner ID from the Partners tab)');
    expect(leadRow(3)['Lead ID']).toBe('');
    // Fixed: the partner is now active; the row is adopted when edited again.
    t.emu.editAsUser('Leads!C2', 'P-000002', ANA);
    expect(leadRow(2)).toMatchObject({ 'Lead ID': 'L-000001', Problems: '', Status: 'New' });
    expect(t.sheet('Leads').getRange(2, 1).getBackground()).toBe('#ffffff');
  });

  test("clearing a counted lead's Company is put back with the reason", () => {
    const lead = t.okAs<{ lead: { id: string } }>(ANA, 'apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', contactEmail: 'bill@initech.example' });
    t.emu.editAsUser(`Leads!${letter('Leads', 'Company')}2`, '', ANA);
    expect(leadRow(2).Company).toBe('Initech');
    expect(lastToast()).toContain(`Company cannot be cleared from ${lead.lead.id}`);
  });

  test('a duplicate Lead ID brought by a migration is a problem; a unique one is kept', () => {
    t.okAs(ANA, 'apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', contactEmail: 'bill@initech.example' });
    t.emu.editAsUser('Leads!A3', 'L-000001', ANA);
    typeLead(3, 'P-000001', 'Hooli', '', 'ceo@hooli.example');
    expect(leadRow(3).Problems).toBe('Lead ID: L-000001 is already on row 2; give this row its own ID, or leave it blank for a new one');
    t.emu.editAsUser('Leads!A3', 'OLD-42', ANA);
    expect(leadRow(3)).toMatchObject({ 'Lead ID': 'OLD-42', Problems: '', Status: 'New' });
    // The migrated ID works in the sidebar's pipeline.
    t.okAs(ANA, 'apiMoveLead', 'OLD-42', { to: 'Accepted' });
    expect(leadRow(3).Status).toBe('Accepted');
  });
});

describe('commission rules and lists typed in', () => {
  const RULE = (id: string, name: string, rate: number) => [id, name, 'Bonus', '', '', '', 'Percentage', rate, '', '', '', '', 0, '2026-01-01', '2026-12-31'];

  test('a rule without a Rule ID appended by another tool still pays: Closed Won assigns its ID and its commission is made', () => {
    appendByScript('Commission Rules', 2, [['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0, '', '']]);
    appendByScript('Commission Rules', 3, [RULE('', 'Q4 bonus', 0.05)]);
    const lead = t.okAs<{ lead: { id: string } }>(ANA, 'apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', contactEmail: 'bill@initech.example' });
    for (const to of ['Accepted', 'Qualified'] as const) t.ok('apiMoveLead', lead.lead.id, { to });
    t.ok('apiMoveLead', lead.lead.id, { to: 'Closed Won', dealAmount: 20000, closedOn: '2026-02-10' });
    expect(t.rows('Commission Rules')[1]).toMatchObject({ 'Rule ID': 'R-000002', Name: 'Q4 bonus', Problems: '' });
    expect(t.rows('Commissions').map((c) => [c['Rule ID'], c.Amount])).toEqual([
      ['R-000001', '2,000.00'],
      ['R-000002', '1,000.00'],
    ]);
  });

  test('a rule typed without an ID gets one on the edit, one toast; rule dates out of order are marked on the row until fixed', () => {
    const outcome = t.emu.editAsUser('Commission Rules!A2:O2', [RULE('', 'Spring SPIFF', 0.05)], BOSS);
    expect(outcome.triggerRuns?.filter((r) => !r.ok)).toEqual([]);
    expect(t.rows('Commission Rules')[0]).toMatchObject({ 'Rule ID': 'R-000002', Problems: '' }); // R-000001 went to setup's example rule
    expect(lastToast()).toContain('Rule ID R-000002 assigned');
    t.emu.editAsUser(`Commission Rules!${letter('Commission Rules', 'Effective To')}2`, '2025-12-31', BOSS);
    const why = 'Effective From (2026-01-01) must be on or before Effective To (2025-12-31)';
    expect(t.rows('Commission Rules')[0].Problems).toBe(why);
    expect(t.sheet('Commission Rules').getRange(2, 2).getBackground()).toBe('#fce8e6');
    expect(t.okAs<RowProblemsView>(ANA, 'apiListRowProblems').rows).toEqual([{ tab: 'Commission Rules', row: 2, id: 'R-000002', label: 'Spring SPIFF', problems: [why] }]);
    t.emu.editAsUser(`Commission Rules!${letter('Commission Rules', 'Effective To')}2`, '2026-12-31', BOSS);
    expect(t.rows('Commission Rules')[0].Problems).toBe('');
    expect(t.okAs<RowProblemsView>(ANA, 'apiListRowProblems')).toEqual({ total: 0, rows: [] });
  });

  test('Lists: a blank between values and a duplicate value are marked on their rows; fixing clears them', () => {
    const products = t
      .rows('Lists')
      .map((r) => r.Products)
      .filter(Boolean);
    const below = products.length + 3; // one blank cell between
    t.emu.editAsUser(`Lists!A${below}`, products[0], BOSS);
    const rows = t.rows('Lists');
    expect(rows[below - 2].Problems).toBe(`Products: "${products[0]}" is already on row 2; each value once`);
    expect(rows[below - 3].Problems).toBe('Products: a blank cell between values; fill it or delete the cell (shift the values up)');
    expect(t.sheet('Lists').getRange(below, 1).getBackground()).toBe('#fce8e6');
    t.emu.editAsUser(`Lists!A${below}`, '', BOSS);
    expect(t.rows('Lists').every((r) => r.Problems === '')).toBe(true);
  });
});

describe('Check tracker: rows that came without an edit event', () => {
  /** A partner row and a lead row another tool appended (no edit event), and a rule with no ID. */
  function appendWithoutEvents() {
    appendByScript('Partners', 5, [['', 'Initrode', 'INITRODE', 'Ida', 'ida@initrode.example', 'Referral']]);
    const lead = new Array(columnOf('Leads', 'Contact Email')).fill('');
    lead[columnOf('Leads', 'Partner ID') - 1] = 'P-000001';
    lead[columnOf('Leads', 'Company') - 1] = 'Vandelay Industries';
    lead[columnOf('Leads', 'Contact Email') - 1] = 'art@vandelay.example';
    appendByScript('Leads', 2, [lead]);
    appendByScript('Commission Rules', 2, [RULE('', 'Spring SPIFF', 0.05)]);
  }
  const RULE = (id: string, name: string, rate: number) => [id, name, 'Bonus', '', '', '', 'Percentage', rate, '', '', '', '', 0, '2026-01-01', '2026-12-31'];

  test('the sidebar action adopts them, and running it again changes nothing', () => {
    appendWithoutEvents();
    const result = t.okAs<CheckTrackerView>(BOSS, 'apiCheckTracker');
    expect(result).toEqual({ adopted: 3, idsAssigned: 3, problems: 0, summary: 'Adopted 3 rows typed or pasted in (3 new IDs); no row has problems.' });
    expect(t.rows('Partners')[3]).toMatchObject({ 'Partner ID': 'P-000004', Status: 'Active' });
    expect(leadRow(2)).toMatchObject({ 'Lead ID': 'L-000001', Source: 'sheet', 'Registered By': '', Status: 'New' });
    expect(t.rows('Commission Rules')[0]['Rule ID']).toBe('R-000002');
    const audit = t.rows('Audit Log').length;
    expect(t.okAs<CheckTrackerView>(BOSS, 'apiCheckTracker')).toEqual({ adopted: 0, idsAssigned: 0, problems: 0, summary: 'Every row typed or pasted in was already adopted; no row has problems.' });
    expect(t.rows('Audit Log')).toHaveLength(audit);
  });

  test('the partner team may not run it (it writes the managers’ tabs), and is told why', () => {
    const refused = t.apiAs(ANA, 'apiCheckTracker');
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('needs the Manager role') } });
  });

  test('the menu item tells the summary', () => {
    appendWithoutEvents();
    t.emu.run('menuCheckTracker');
    expect(String(t.emu.services.ui.alerts.pop()?.prompt)).toBe('Adopted 3 rows typed or pasted in (3 new IDs); no row has problems.');
  });

  test('the daily run does the same, once a day', () => {
    appendWithoutEvents();
    t.hourly();
    expect(leadRow(2)['Lead ID']).toBe('L-000001');
    expect(t.rows('Partners')[3]['Partner ID']).toBe('P-000004');
    appendByScript('Partners', 6, [['', 'Later Co', 'LATER', 'L', 'l@later.example', 'Referral']]);
    t.hourly();
    expect(t.rows('Partners')[4]['Partner ID']).toBe('');
  });

  test('a run that dies half way is finished by the retry, with nothing doubled', () => {
    appendWithoutEvents();
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Leads', fatal: true });
    expect(() => t.emu.run('menuCheckTracker', [], { user: OWNER })).toThrow();
    expect(leadRow(2)['Lead ID']).toBe('');
    t.emu.run('menuCheckTracker');
    expect(leadRow(2)['Lead ID']).toBe('L-000001');
    expect(t.rows('Partners').map((p) => p['Partner ID'])).toEqual(['P-000001', 'P-000002', 'P-000003', 'P-000004']);
    expect(t.rows('Audit Log').filter((r) => r.Field === '(ID assigned)' && r['Record ID'] === 'P-000004')).toHaveLength(1);
    expect(t.verify()).toMatch(/^Intact/);
  });
});

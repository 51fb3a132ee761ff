import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * Closed leads archiving through the built add-on: the owner's daily run moves closed leads
 * whose commissions are settled, past the Settings age, into a yearly "Leads" archive; the
 * rest of the tracker (commissions, payouts, approvals, registration, IDs) stays right.
 */
let t: Tracker;
const ANA = 'ana@example.com';
const BOSS = 'boss@example.com';
const FIN = 'fin@example.com';
const AFTER = 'Archive closed leads after (days)';

const asBoss = (name: string, ...args: unknown[]) => t.emu.run(name, args, { user: BOSS }) as { ok: boolean; data?: unknown; error?: { message: string } };

function register(company: string): string {
  const slug = company.toLowerCase().replace(/\W/g, '');
  const reg = t.emu.run('apiRegisterLead', [{ partnerId: 'P-000001', company, website: `${slug}.example`, contactEmail: `ceo@${slug}.example` }], { user: ANA }) as {
    ok: boolean;
    data: { lead: { id: string } };
  };
  return reg.data.lead.id;
}

function won(company: string, amount: number, closedOn: string): string {
  const id = register(company);
  t.ok('apiMoveLead', id, { to: 'Accepted' });
  t.ok('apiMoveLead', id, { to: 'Qualified' });
  t.ok('apiMoveLead', id, { to: 'Closed Won', dealAmount: amount, closedOn });
  return id;
}

function approvePayable(): void {
  const payable = t
    .rows('Commissions')
    .filter((c) => c.Status === 'Payable')
    .map((c) => c['Commission ID']);
  if (payable.length) t.emu.run('apiApproveCommissions', [payable], { user: BOSS });
}

const leadIds = () => t.rows('Leads').map((r) => r['Lead ID']);
const archiveLinks = () => t.rows('Settings').filter((r) => r.Setting.startsWith('Leads archive'));
const idOf = (url: string) => /\/d\/([^/]+)/.exec(url)?.[1] ?? '';
function archivedIds(): string[] {
  return archiveLinks().flatMap((link) => {
    const sheet = t.emu.spreadsheetApp.openById(idOf(link.Value)).getSheetByName('Leads') as GoogleAppsScript.Spreadsheet.Sheet;
    if (sheet.getLastRow() < 2) return [];
    return sheet
      .getRange(2, 1, sheet.getLastRow() - 1, 1)
      .getDisplayValues()
      .map((r) => r[0]);
  });
}

let ids: Record<string, string>;

/** Built once for the file; each test starts from a copy restored from its snapshot. */
const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2025-01-10T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BOSS, 'Manager');
  t.addTeam(FIN, 'Finance');
  t.setSetting('Minimum payout', '1');
  t.setSetting('Commission holding period (days)', '0');
  t.setSetting('Payout day', '28');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' });
  t.sheet('Commission Rules')
    .getRange(2, 1, 1, 13)
    .setValues([['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0]]);
  ids = {
    paid: won('Initech', 1000, '2025-01-10'),
    lost: register('Hooli'),
    approved: won('Umbrella', 2000, '2025-01-10'),
    open: register('Globex'),
    rejected: register('Soylent'),
  };
  t.ok('apiMoveLead', ids.lost, { to: 'Accepted' });
  t.ok('apiMoveLead', ids.lost, { to: 'Closed Lost', reason: 'No budget' });
  t.ok('apiMoveLead', ids.open, { to: 'Accepted' });
  t.ok('apiMoveLead', ids.rejected, { to: 'Rejected', reason: 'Not a fit' });
  // January's payout pays Initech's line; Umbrella's line is approved after the run, so it waits.
  t.hourly();
  const umbrella = t.rows('Commissions').find((c) => c['Lead ID'] === ids.approved)?.['Commission ID'];
  const initech = t.rows('Commissions').find((c) => c['Lead ID'] === ids.paid)?.['Commission ID'];
  t.emu.run('apiApproveCommissions', [[initech]], { user: BOSS });
  t.emu.clock.set('2025-02-02T15:00:00Z');
  expect(asBoss('apiRunPayouts')).toMatchObject({ ok: true });
  expect(asBoss('apiApprovePayouts', ['PO-000001'])).toMatchObject({ ok: true });
  expect(t.emu.run('apiMarkPayoutsPaid', [['PO-000001'], 'WIRE-1', '2025-02-02'], { user: FIN })).toMatchObject({ ok: true });
  t.emu.run('apiApproveCommissions', [[umbrella]], { user: BOSS });
  t.emu.clock.set('2025-06-01T15:00:00Z');
  // A run with archiving off: statements go out, Globex's protection expires.
  t.hourly();
  return { t, ids };
});

beforeEach(() => {
  ({ t, ids } = fresh());
});

test('with the setting blank, nothing is archived', () => {
  const before = leadIds();
  t.hourly();
  expect(leadIds()).toEqual(before);
  expect(archiveLinks()).toEqual([]);
});

test('archives only closed leads with settled commissions, past the age; everything else stays right', () => {
  const commissionsBefore = JSON.stringify(t.rows('Commissions'));
  const payoutsBefore = JSON.stringify(t.rows('Payouts'));
  t.setSetting(AFTER, '90');
  t.hourly();

  expect(leadIds()).toEqual([ids.approved, ids.open]);
  expect(archiveLinks().map((r) => r.Setting)).toEqual(['Leads archive 2025']);
  expect(archivedIds()).toEqual([ids.paid, ids.lost, ids.rejected]);
  // The archive is filed in its own folder in the owner's Drive, and each move audited.
  const drive = t.emu.services.drive;
  expect(drive.listFolders().map((f) => f.name)).toContain('Partner Programme — Leads archives');
  const audited = t.rows('Audit Log').filter((r) => r.Field === 'Archived to');
  expect(audited.map((r) => r['Record ID']).sort()).toEqual([ids.paid, ids.lost, ids.rejected].sort());
  expect(t.verify()).toMatch(/^Intact, \d+ rows\.$/);
  // Home's capacity panel lists the archive with the leads it holds.
  const overview = t.ok<{ capacity: { archives: Array<{ name: string; rows: number }> } }>('apiGetOverview');
  expect(overview.capacity.archives).toEqual([expect.objectContaining({ name: 'Partner Programme — Leads 2025', rows: 3 })]);

  // Commissions and payouts still name the archived lead, untouched.
  expect(JSON.stringify(t.rows('Commissions'))).toBe(commissionsBefore);
  expect(JSON.stringify(t.rows('Payouts'))).toBe(payoutsBefore);
  // Umbrella's approved line still goes into next month's payout, with its statement.
  t.emu.clock.set('2025-07-02T15:00:00Z');
  const run = asBoss('apiRunPayouts') as { ok: boolean; data: { run: { created: string[] } } };
  expect(run.data.run.created).toEqual(['PO-000002']);
  expect(t.rows('Commissions').find((c) => c['Lead ID'] === ids.approved)?.['Payout ID']).toBe('PO-000002');
  t.hourly();
  expect(t.emu.services.mail.outbox.some((m) => m.to.includes('pat@acme.example') && m.body.includes('Umbrella'))).toBe(true);

  // The next day's run archives nothing more: the open lead and the unsettled won deal stay.
  t.emu.clock.set('2025-07-03T15:00:00Z');
  t.hourly();
  expect(leadIds()).toEqual([ids.approved, ids.open]);
});

test('a lead archived and then needed is refused with the archive named; the sidebar and approvals go on', () => {
  t.setSetting(AFTER, '90');
  t.hourly();
  const refund = t.api('apiMoveLead', ids.paid, { to: 'Refunded', reason: 'Cancelled' }) as { ok: false; error: { message: string } };
  expect(refund.ok).toBe(false);
  expect(refund.error.message).toMatch(
    new RegExp(`^${ids.paid} was archived: it is in "Partner Programme — Leads 2025" \\(https://docs.google.com/spreadsheets/d/[^)]+\\), no longer on the Leads tab`),
  );
  // The sidebar's lead list shows the leads on the tab.
  const list = t.ok<{ leads: Array<{ id: string }> }>('apiListLeads', { status: 'all' });
  expect(list.leads.map((l) => l.id).sort()).toEqual([ids.approved, ids.open].sort());
  // A new won deal's commission is created and approved as before.
  const another = won('Stark', 500, '2025-06-01');
  t.hourly();
  approvePayable();
  expect(t.rows('Commissions').find((c) => c['Lead ID'] === another)?.Status).toBe('Approved');
});

test('an ID is never given again after archiving, even the highest one, even with the counter gone', () => {
  const last = register('Wayne');
  t.ok('apiMoveLead', last, { to: 'Rejected', reason: 'Duplicate' });
  t.emu.clock.set('2025-10-01T15:00:00Z');
  t.setSetting(AFTER, '30');
  t.hourly();
  expect(leadIds()).not.toContain(last);
  expect(archivedIds()).toContain(last);
  // Without the counter in the document's properties (a tracker from before it), the archive's record still counts.
  t.emu.services.properties.store('document', t.ss.getId()).delete('tracker.lastId.L-');
  const next = register('Wonka');
  expect(Number(next.slice(2))).toBe(Number(last.slice(2)) + 1);
});

test('a registration after archiving still finds the conflict with an open lead whose row moved up', () => {
  const wayne = register('Wayne');
  t.setSetting(AFTER, '90');
  t.hourly();
  expect(leadIds()).toEqual([ids.approved, ids.open, wayne]);
  const again = t.emu.run('apiRegisterLead', [{ partnerId: 'P-000001', company: 'Wayne', website: 'wayne.example', contactEmail: 'x@wayne.example' }], { user: ANA }) as {
    ok: boolean;
    data: { lead: { status: string; conflictWith: string } };
  };
  expect(again.data.lead).toMatchObject({ status: 'Conflict', conflictWith: wayne });
});

test('a lead from the partner form, once archived, is not registered again from its response by the hourly check', () => {
  t.unverifiedForm();
  const form = t.emu.services.forms.list()[0];
  t.emu.submitForm(form.id, { 'Partner code': 'ACME', Company: 'Cyberdyne', 'Contact email': 'miles@cyberdyne.example' });
  const fromForm = t.rows('Leads').find((r) => r.Company === 'Cyberdyne')?.['Lead ID'] as string;
  expect(fromForm).toBeTruthy();
  t.ok('apiMoveLead', fromForm, { to: 'Rejected', reason: 'Not a fit' });
  t.emu.clock.set('2025-08-01T15:00:00Z');
  t.setSetting(AFTER, '30');
  t.hourly();
  expect(archivedIds()).toContain(fromForm);
  t.emu.clock.advance(60 * 60 * 1000);
  t.hourly();
  expect(t.rows('Leads').filter((r) => r.Company === 'Cyberdyne')).toEqual([]);
  expect(t.rows('Form Inbox').filter((r) => r.Company === 'Cyberdyne')).toEqual([]);
});

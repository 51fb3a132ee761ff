import { Tracker, restoredFixture, trackerOnBundle, OWNER } from '../support/tracker';
import { costOf } from '../support/cost';

/**
 * Each Active partner's private sheet, through the built add-on: made by the owner's hourly run in
 * a folder of the owner's Drive, shared view-only with the partner's contacts (no link sharing),
 * holding only that partner's leads, commissions, payouts and balance; refreshed in the next
 * hourly run after a change to that partner's data, and for everyone once a day; access follows
 * the partner (a removed contact, a paused partner); a run that dies after creating a sheet makes
 * no second one.
 */
let t: Tracker;
const ANA = 'ana@example.com';
const PAT = 'pat@acme.example';
const PIA = 'pia@acme.example';
const BEA = 'bea@beta.example';
const EVIL_COMPANY = '=HYPERLINK("https://evil.example","Beta Co")';

type Sheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function register(partnerId: string, company: string): string {
  const domain = `${company.toLowerCase().replace(/\W/g, '')}.example`;
  const reg = t.emu.run('apiRegisterLead', [{ partnerId, company, website: domain, contactEmail: `ceo@${domain}` }], { user: ANA }) as { ok: boolean; data: { lead: { id: string } } };
  if (!reg.ok) throw new Error(JSON.stringify(reg));
  return reg.data.lead.id;
}

const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-03-02T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactName: 'Pat Acme', contactEmail: PAT });
  t.addPartner({ name: 'Beta Resellers', code: 'BETA', contactName: 'Bea Beta', contactEmail: BEA });
  t.addPartner({ name: 'Gamma Group', code: 'GAMMA', contactEmail: 'gil@gamma.example' });
  // More Contact Emails, typed on the Partners tab.
  const header = t.sheet('Partners').getRange(1, 1, 1, t.sheet('Partners').getLastColumn()).getValues()[0];
  t.sheet('Partners')
    .getRange(2, header.indexOf('More Contact Emails') + 1)
    .setValue(PIA);
  t.sheet('Commission Rules')
    .getRange(2, 1, 1, 13)
    .setValues([['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0]]);
  const initech = register('P-000001', 'Initech');
  t.ok('apiMoveLead', initech, { to: 'Accepted' });
  t.ok('apiMoveLead', initech, { to: 'Qualified' });
  t.ok('apiMoveLead', initech, { to: 'Closed Won', dealAmount: 20000, closedOn: '2026-03-02' });
  const hooli = register('P-000001', 'Hooli');
  const evil = register('P-000002', EVIL_COMPANY);
  const gammaLead = register('P-000003', 'Globex');
  t.ok('apiSavePartner', { id: 'P-000003', name: 'Gamma Group', code: 'GAMMA', type: 'Reseller', contactEmail: 'gil@gamma.example', status: 'Paused' });
  t.emu.clock.set('2026-03-02T16:00:00Z');
  t.hourly();
  return { t, initech, hooli, evil, gammaLead };
});

let ids: { initech: string; hooli: string; evil: string; gammaLead: string };
beforeEach(() => {
  const f = fresh();
  t = f.t;
  ids = { initech: f.initech, hooli: f.hooli, evil: f.evil, gammaLead: f.gammaLead };
});

const partnerRow = (id: string) => t.rows('Partners').find((p) => p['Partner ID'] === id) as Record<string, string>;
const sheetIdOf = (partnerId: string) => /\/d\/([^/]+)/.exec(partnerRow(partnerId)['Partner Sheet'])?.[1] ?? '';
const asUser = <T>(user: string, body: () => T): T => t.emu.executions.run({ user, origin: 'test' }, body);
const open = (id: string): Sheet => t.emu.spreadsheetApp.openById(id);
const tabValues = (id: string, tab: string): string[][] => {
  const s = open(id).getSheetByName(tab) as GoogleAppsScript.Spreadsheet.Sheet;
  return s.getRange(1, 1, Math.max(1, s.getLastRow()), Math.max(1, s.getLastColumn())).getDisplayValues();
};
const allText = (id: string) => ['Summary', 'Leads', 'Commissions', 'Payouts'].map((tab) => tabValues(id, tab).flat().join('\n')).join('\n');
const model = (id: string) => t.emu.store.byId.get(id)!;
const summary = (id: string) => Object.fromEntries(tabValues(id, 'Summary').map((r) => [r[0], r[1]]));

/** Another partner's identifying data that must never appear in a partner's sheet. */
function leaksInto(sheetId: string, others: Array<{ id: string; name: string; code: string; emails: string[]; leads: string[]; companies: string[] }>): string[] {
  const text = allText(sheetId).toLowerCase();
  return others.flatMap((o) => [o.id, o.name, o.code, ...o.emails, ...o.leads, ...o.companies].filter((needle) => text.includes(needle.toLowerCase())));
}

describe('partner sheets', () => {
  test('made for Active partners only, named for the programme and partner, in the folder linked from Settings', () => {
    const acme = sheetIdOf('P-000001');
    const beta = sheetIdOf('P-000002');
    expect(acme).not.toBe('');
    expect(beta).not.toBe('');
    expect(partnerRow('P-000003')['Partner Sheet']).toBe('');
    expect(model(acme).name).toBe('Partner Programme — Acme Partners');
    expect(model(acme).owner).toBe(OWNER);
    const folder = t.emu.services.drive.listFolders().find((f) => f.name === 'Partner Programme — Partner sheets');
    expect(folder).toBeDefined();
    expect(t.emu.services.drive.inFolder(folder!.id).sort()).toEqual([acme, beta].sort());
    expect(t.rows('Settings').find((r) => r.Setting === 'Partner sheets folder')?.Value).toBe(`https://drive.google.com/drive/folders/${folder!.id}`);
    // The link on the Partners tab is audited.
    expect(t.rows('Audit Log').some((r) => r['Record ID'] === 'P-000001' && r['New Value'] === partnerRow('P-000001')['Partner Sheet'])).toBe(true);
  });

  test("each holds exactly that partner's rows, and nothing of any other partner", () => {
    const acme = sheetIdOf('P-000001');
    const beta = sheetIdOf('P-000002');
    expect(tabValues(acme, 'Leads').map((r) => r[0])).toEqual(['Lead ID', ids.initech, ids.hooli]);
    expect(tabValues(acme, 'Leads')[1].slice(1, 3)).toEqual(['Initech', 'Closed Won']);
    expect(
      tabValues(acme, 'Commissions')
        .slice(1)
        .map((r) => [r[1], r[2], r[4]]),
    ).toEqual([[ids.initech, 'Initech', '2000']]);
    expect(tabValues(beta, 'Leads').map((r) => r[0])).toEqual(['Lead ID', ids.evil]);
    expect(tabValues(beta, 'Commissions')).toHaveLength(1);
    const s = summary(acme);
    expect(s.Partner).toBe('Acme Partners');
    expect(s.Status).toBe('Active');
    // The won deal's line is payable (no holding period): owed, not yet paid.
    expect(s['Approved, not yet paid (USD)']).toBe('2000');
    expect(s['Paid to date (USD)']).toBe('0');
    expect(
      leaksInto(acme, [
        { id: 'P-000002', name: 'Beta Resellers', code: 'BETA', emails: [BEA], leads: [ids.evil], companies: ['Beta Co', 'evil.example'] },
        { id: 'P-000003', name: 'Gamma Group', code: 'GAMMA', emails: ['gil@gamma.example'], leads: [ids.gammaLead], companies: ['Globex'] },
      ]),
    ).toEqual([]);
    expect(
      leaksInto(beta, [
        { id: 'P-000001', name: 'Acme Partners', code: 'ACME', emails: [PAT, PIA], leads: [ids.initech, ids.hooli], companies: ['Initech', 'Hooli'] },
        { id: 'P-000003', name: 'Gamma Group', code: 'GAMMA', emails: ['gil@gamma.example'], leads: [ids.gammaLead], companies: ['Globex'] },
      ]),
    ).toEqual([]);
  });

  test('a formula-like company name is stored as text, never as a formula', () => {
    const beta = sheetIdOf('P-000002');
    const cell = open(beta).getSheetByName('Leads')!.getRange(2, 2);
    expect(cell.getFormula()).toBe('');
    expect(String(cell.getValue())).toContain('HYPERLINK');
  });

  test('shared view-only with the contacts, no link sharing; each contact told once; nobody else opens it', () => {
    const acme = sheetIdOf('P-000001');
    const file = t.emu.services.drive.accessible(acme, OWNER);
    expect(file.id).toBe(acme);
    expect([...model(acme).viewers].sort()).toEqual([PAT, PIA].sort());
    expect(model(acme).collaborators).toEqual([]);
    expect(model(acme).link).toEqual({ access: 'PRIVATE', permission: 'NONE' });
    expect(asUser(PIA, () => open(acme).getSheetByName('Leads')!.getRange(2, 1).getValue())).toBe(ids.initech);
    expect(() => asUser(PAT, () => open(acme).getSheetByName('Leads')!.getRange(2, 1).setValue('x'))).toThrow(/permission to edit/);
    expect(() => asUser(BEA, () => open(acme))).toThrow('You do not have permission to access the requested document.');
    const told = t.emu.services.mail.outbox.filter((m) => m.subject.startsWith('Your partner sheet'));
    expect(told.map((m) => m.to.join()).sort()).toEqual([BEA, PAT, PIA].sort());
    expect(told.find((m) => m.to.includes(PAT))?.body).toContain(`https://docs.google.com/spreadsheets/d/${acme}/edit`);
    t.emu.clock.set('2026-03-02T17:00:00Z');
    t.hourly();
    expect(t.emu.services.mail.outbox.filter((m) => m.subject.startsWith('Your partner sheet'))).toHaveLength(3);
  });

  test("a lead's move shows in the next hourly run; only that partner's sheet is rewritten", () => {
    const acme = sheetIdOf('P-000001');
    const beta = sheetIdOf('P-000002');
    const betaRefreshed = summary(beta).Refreshed;
    t.emu.clock.set('2026-03-02T16:20:00Z');
    t.ok('apiMoveLead', ids.hooli, { to: 'Rejected', reason: 'Not a fit for Beta Resellers (BETA) either' });
    expect(tabValues(acme, 'Leads')[2][2]).toBe('New');
    t.emu.clock.set('2026-03-02T17:00:00Z');
    t.hourly();
    const row = tabValues(acme, 'Leads')[2];
    expect(row[2]).toBe('Rejected');
    // The reason, without the other partner it named.
    expect(row[5]).toBe('Not a fit for [another partner] ([another partner]) either');
    expect(summary(beta).Refreshed).toBe(betaRefreshed);
    expect(summary(acme).Refreshed).toBe('2026-03-02 17:00 UTC');
  });

  test('every sheet is refreshed on the first run of a new day from the Settings daily work hour', () => {
    const beta = sheetIdOf('P-000002');
    const before = summary(beta).Refreshed;
    // 04:00 in New York: before the daily work hour (6).
    t.emu.clock.set('2026-03-03T09:00:00Z');
    t.hourly();
    expect(summary(beta).Refreshed).toBe(before);
    t.emu.clock.set('2026-03-03T12:00:00Z');
    t.hourly();
    expect(summary(beta).Refreshed).toBe('2026-03-03 12:00 UTC');
  });

  test('a contact removed from the partner loses access on the next refresh; the new one gains it and is told', () => {
    const acme = sheetIdOf('P-000001');
    t.ok('apiSavePartner', { id: 'P-000001', name: 'Acme Partners', code: 'ACME', type: 'Reseller', contactName: 'Pam Acme', contactEmail: 'pam@acme.example', status: 'Active' });
    t.emu.clock.set('2026-03-02T17:00:00Z');
    t.hourly();
    expect([...model(acme).viewers].sort()).toEqual(['pam@acme.example', PIA].sort());
    expect(() => asUser(PAT, () => open(acme))).toThrow('You do not have permission to access the requested document.');
    expect(t.emu.services.mail.outbox.some((m) => m.to.includes('pam@acme.example') && m.subject.startsWith('Your partner sheet'))).toBe(true);
  });

  test('a paused partner loses every viewer; the file stays in the owner’s Drive', () => {
    const acme = sheetIdOf('P-000001');
    t.ok('apiSavePartner', { id: 'P-000001', name: 'Acme Partners', code: 'ACME', type: 'Reseller', contactName: 'Pat Acme', contactEmail: PAT, status: 'Paused' });
    t.emu.clock.set('2026-03-02T17:00:00Z');
    t.hourly();
    expect(model(acme).viewers).toEqual([]);
    expect(() => asUser(PIA, () => open(acme))).toThrow('You do not have permission to access the requested document.');
    expect(t.emu.store.byId.has(acme)).toBe(true);
    // Active again: access comes back, and nobody is told twice.
    t.ok('apiSavePartner', { id: 'P-000001', name: 'Acme Partners', code: 'ACME', type: 'Reseller', contactName: 'Pat Acme', contactEmail: PAT, status: 'Active' });
    t.emu.clock.set('2026-03-02T18:00:00Z');
    t.hourly();
    expect([...model(acme).viewers].sort()).toEqual([PAT, PIA].sort());
    expect(t.emu.services.mail.outbox.filter((m) => m.to.includes(PAT) && m.subject.startsWith('Your partner sheet'))).toHaveLength(1);
  });

  test('a run that dies right after creating a sheet makes no second one', () => {
    t.addPartner({ name: 'Delta Deals', code: 'DELTA', contactEmail: 'dee@delta.example' });
    // Naming the new spreadsheet's first tab kills the run.
    t.emu.faults.failOn({ call: 'Sheet.setName', withArgs: (args) => args[0] === 'Summary', fatal: true });
    t.emu.clock.set('2026-03-02T17:00:00Z');
    t.hourly();
    const named = () => [...t.emu.store.byId.values()].filter((m) => m.name === 'Partner Programme — Delta Deals');
    expect(named()).toHaveLength(1);
    expect(partnerRow('P-000004')['Partner Sheet']).toBe('');
    t.emu.clock.set('2026-03-02T18:00:00Z');
    t.hourly();
    expect(named()).toHaveLength(1);
    const delta = sheetIdOf('P-000004');
    expect(delta).toBe(named()[0].id);
    expect(model(delta).viewers).toEqual(['dee@delta.example']);
    expect(tabValues(delta, 'Leads')).toEqual([['Lead ID', 'Company', 'Status', 'Registered', 'Protected Until', 'Reason', 'Deal Amount', 'Closed On']]);
  });

  test("a refresh's round trips do not grow with the partner's leads", () => {
    const nightly = (day: string) => {
      t.emu.clock.set(`${day}T12:00:00Z`);
      return costOf(t.emu, () => t.hourly()).cost.roundTrips;
    };
    // Warm: the first run of a day refreshes everyone.
    const before = nightly('2026-03-03');
    for (let i = 0; i < 12; i++) register('P-000002', `Company ${i}`);
    nightly('2026-03-04');
    const after = nightly('2026-03-05');
    expect(tabValues(sheetIdOf('P-000002'), 'Leads')).toHaveLength(14);
    expect(after).toBeLessThanOrEqual(before + 2);
  });

  test('the owner\'s menu "Refresh partner sheets" refreshes every sheet now; anyone else is told why not', () => {
    const beta = sheetIdOf('P-000002');
    t.emu.clock.set('2026-03-02T16:30:00Z');
    t.emu.run('menuRefreshPartnerSheets');
    expect(String(t.emu.services.ui.alerts.pop()?.prompt)).toMatch(/^2 partner sheets refreshed \(0 new\)\./);
    expect(summary(beta).Refreshed).toBe('2026-03-02 16:30 UTC');
    t.emu.clock.set('2026-03-02T16:40:00Z');
    t.emu.run('menuRefreshPartnerSheets', [], { user: ANA });
    expect(String(t.emu.services.ui.alerts.pop()?.prompt)).toContain('only the owner can refresh them');
    expect(summary(beta).Refreshed).toBe('2026-03-02 16:30 UTC');
  });
});

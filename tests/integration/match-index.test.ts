import { RegisterLeadResult } from '../../src/sidebar-api/contract';
import { boundSheetName } from '../../emulator/core/faults';
import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * The match index (src/leads/match-index.ts) is a cached copy of the open leads: whatever
 * happened to the sheet or the cache since it was written, a registration collides with
 * exactly the leads the sheet says it collides with.
 */
let t: Tracker;
let acme: string;
let globex: string;

/** Built once for the file; each test starts from a copy restored from its snapshot. */
const fresh = restoredFixture(() => {
  t = trackerOnBundle();
  acme = t.addPartner({ name: 'Acme Partners', code: 'acme', contactEmail: 'pat@acmepartners.example' }).id;
  globex = t.addPartner({ name: 'Globex Resellers', code: 'GLOBEX', contactEmail: 'gina@globex.example' }).id;
  return { t, acme, globex };
});

beforeEach(() => {
  ({ t, acme, globex } = fresh());
});

const register = (company: string, domain: string, partnerId = acme) =>
  t.ok<RegisterLeadResult>('apiRegisterLead', {
    partnerId,
    company,
    website: `https://${domain}`,
    contactEmail: `buyer@${domain}`,
  });
const leadsSheet = () => t.sheet('Leads');
const column = (header: string) => (leadsSheet().getRange(1, 1, 1, leadsSheet().getLastColumn()).getValues()[0] as string[]).indexOf(header) + 1;

test('after the cache is emptied (Google may evict it any time) the same conflict is found', () => {
  const first = register('Initech', 'initech.example');
  t.emu.services.cache.clear();
  const second = register('Initech Holdings', 'initech.example', globex);
  expect(second.conflict).toContain(first.lead.id);
  expect(second.lead.status).toBe('Conflict');
});

test('a lead closed since it was indexed no longer collides, and the index learns it', () => {
  const first = register('Initech', 'initech.example');
  t.ok('apiMoveLead', first.lead.id, { to: 'Rejected', reason: 'Not a fit' });
  const second = register('Initech', 'initech.example', globex);
  expect(second.conflict).toBeNull();
  expect(second.lead.status).toBe('New');
  // The corrected index names the second lead now, not the rejected one.
  expect(register('Initech', 'initech.example').conflict).toContain(second.lead.id);
});

test('a lead row added below what the index covers (another tool, a paste) is matched', () => {
  register('Initech', 'initech.example');
  const row = leadsSheet().getLastRow() + 1;
  const cells: Array<[string, unknown]> = [
    ['Lead ID', 'L-000050'],
    ['Registered At (UTC)', new Date('2026-02-01T10:00:00Z')],
    ['Partner ID', globex],
    ['Company', 'Hooli'],
    ['Company Domain', 'hooli.example'],
    ['Contact Email', 'gavin@hooli.example'],
    ['Status', 'New'],
    ['Protected Until', '2026-05-01'],
  ];
  for (const [header, value] of cells) leadsSheet().getRange(row, column(header)).setValue(value);
  const hooli = register('Hooli XYZ', 'hooli.example');
  expect(hooli.conflict).toContain('L-000050');
  // IDs continue after the highest in the tab.
  expect(hooli.lead.id).toBe('L-000051');
});

test('rows that moved (a sort) make the index rebuild rather than trust its row numbers', () => {
  const initech = register('Initech', 'initech.example');
  const hooli = register('Hooli', 'hooli.example');
  // Swap the two rows, as sorting the tab by company would.
  const width = leadsSheet().getLastColumn();
  const rows = leadsSheet().getRange(2, 1, 2, width).getValues();
  leadsSheet().getRange(2, 1, 2, width).setValues([rows[1], rows[0]]);
  expect(register('Initech Two', 'initech.example', globex).conflict).toContain(initech.lead.id);
  expect(register('Hooli Two', 'hooli.example', globex).conflict).toContain(hooli.lead.id);
});

test('an index that names a lead the sheet no longer has (rows deleted) is rebuilt', () => {
  register('Initech', 'initech.example');
  const hooli = register('Hooli', 'hooli.example');
  leadsSheet().deleteRow(2);
  expect(register('Hooli Two', 'hooli.example', globex).conflict).toContain(hooli.lead.id);
  expect(register('Initech Two', 'initech.example', globex).conflict).toBeNull();
});

test('opening the registration form readies the index, so the registration itself reads no Leads column', () => {
  register('Initech', 'initech.example');
  t.emu.services.cache.clear();
  t.ok('apiGetRegistrationOptions');
  const leadsReads = () => {
    const reads: string[] = [];
    t.emu.calls.onRecord((name, target) => {
      if (name === 'Range.getValues' && boundSheetName(target) === 'Leads') reads.push(name);
    });
    return reads;
  };
  const ready = leadsReads();
  register('Hooli', 'hooli.example');
  expect(ready).toEqual([]);
  // Without it, the registration rebuilds the index from the Leads columns.
  t.emu.services.cache.clear();
  const cold = leadsReads();
  register('Globex', 'globex-prospect.example');
  expect(cold.length).toBeGreaterThan(0);
});

test('accepting a Conflict lead opens it: the next registration collides with it', () => {
  const first = register('Initech', 'initech.example');
  const second = register('Initech', 'initech.example', globex);
  expect(second.lead.status).toBe('Conflict');
  t.ok('apiMoveLead', first.lead.id, { to: 'Rejected', reason: "Duplicate of the partner's" });
  t.ok('apiMoveLead', second.lead.id, { to: 'Accepted' });
  expect(register('Initech Group', 'initech.example').conflict).toContain(second.lead.id);
});

test('a company typed over in the grid is matched under its new name (the edit drops the index)', () => {
  const first = register('Initech', 'initech.example');
  const row = leadsSheet().getLastRow();
  t.emu.editAsUser(`Leads!${String.fromCharCode(64 + column('Company'))}${row}`, 'Umbrella Corporation', 'owner@example.com');
  expect(register('Umbrella Corporation', 'umbrella-prospect.example', globex).conflict).toContain(first.lead.id);
});

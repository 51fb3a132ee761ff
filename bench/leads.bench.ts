/**
 * Lead registration, the form, listing, a pipeline move and the daily expiry
 * sweep at 1k, 10k and 100k existing leads, through the built bundle in a bare
 * V8 context. Spreadsheet calls must stay fixed as the Leads tab grows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Emulator } from '../emulator';
import { tab } from '../src/tracker/schema';
import { BenchRow, measure } from './harness';

const SIZES = [1_000, 10_000, 100_000];
const PARTNERS = 50;
const WORDS = ['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Wingtip', 'Adventure', 'Litware', 'Proseware', 'Lucerne', 'Margie', 'Alpine', 'Blue Yonder', 'Coho', 'Fourth Coffee', 'Trey', 'Woodgrove'];
const SUFFIXES = ['Inc', 'LLC', 'GmbH', 'Ltd', 'S.A.', 'Holdings', 'Group', 'Labs'];

/** A set-up tracker with partners and `rows` leads, most of them open and protected (the matching worst case). */
export function trackerWithLeads(buildDir: string, code: string, rows: number): Emulator {
  const emu = new Emulator({ buildDir, spreadsheetTimeZone: 'America/New_York' });
  emu.clock.set('2026-03-01T15:00:00Z');
  emu.loadBundle(code);
  emu.run('apiRunSetup');
  const restore = emu.installGlobals();
  try {
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const partners = ss.getSheetByName('Partners') as GoogleAppsScript.Spreadsheet.Sheet;
    const pHeader = tab('partners').columns.map((c) => c.key);
    partners.getRange(2, 1, PARTNERS, pHeader.length).setValues(Array.from({ length: PARTNERS }, (_, i) => pHeader.map((k) => ({
      id: `P-${String(i + 1).padStart(6, '0')}`, name: `Partner ${i + 1}`, code: `CODE${i + 1}`, contactEmail: `p${i + 1}@partner${i + 1}.example`,
      type: 'Reseller', tier: 'Gold', status: 'Active', joinedOn: '2025-01-01',
    } as Record<string, string>)[k] ?? '')));
    const leads = ss.getSheetByName('Leads') as GoogleAppsScript.Spreadsheet.Sheet;
    if (rows + 2 > leads.getMaxRows()) leads.insertRowsBefore(leads.getMaxRows(), rows + 2 - leads.getMaxRows());
    const keys = tab('leads').columns.map((c) => c.key);
    const statuses = ['New', 'Accepted', 'Qualified', 'New', 'Accepted', 'Closed Won', 'Rejected'];
    leads.getRange(2, 1, rows, keys.length).setValues(Array.from({ length: rows }, (_, i) => {
      const day = 1 + (i % 28);
      const company = `${WORDS[i % WORDS.length]} ${Math.floor(i / WORDS.length)} ${SUFFIXES[i % SUFFIXES.length]}`;
      const values: Record<string, unknown> = {
        id: `L-${String(i + 1).padStart(6, '0')}`, registeredAt: `2026-02-${String(day).padStart(2, '0')} 10:00:00`,
        partnerId: `P-${String((i % PARTNERS) + 1).padStart(6, '0')}`, company, website: `www.company${i}.example`, domain: `company${i}.example`,
        contactEmail: `buyer${i}@company${i}.example`, estimatedValue: 1000 + (i % 100) * 10, status: statuses[i % statuses.length], source: 'import',
        protectedUntil: `2026-05-${String(day).padStart(2, '0')}`,
      };
      return keys.map((k) => values[k] ?? '');
    }));
  } finally {
    restore();
  }
  emu.run('menuCreatePartnerForm');
  emu.calls.reset();
  return emu;
}

export function runLeadsBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const out: BenchRow[] = [];
  for (const size of SIZES) {
    const emu = trackerWithLeads(buildDir, code, size);
    const formId = emu.services.forms.list()[0].id;
    const fresh = { partnerId: 'P-000001', company: 'Brand New Prospect Ltd', website: 'https://www.brand-new-prospect.example', contactEmail: 'cfo@brand-new-prospect.example', estimatedValue: '12000' };
    out.push(measure(emu, 'register lead (sidebar, no conflict)', size, () => emu.run('apiRegisterLead', [fresh])));
    out.push(measure(emu, 'register lead (sidebar, name conflict)', size, () => emu.run('apiRegisterLead', [{ ...fresh, partnerId: 'P-000002', company: 'Brand New Prospect', website: '', contactEmail: 'x@gmail.com' }])));
    out.push(measure(emu, 'partner form response → lead + email', size, () => emu.submitForm(formId, {
      'Partner code': 'CODE3', Company: 'Form Prospect GmbH', 'Company website': 'form-prospect.example', 'Contact email': 'it@form-prospect.example',
    })));
    out.push(measure(emu, 'partner form response → Form Inbox', size, () => emu.submitForm(formId, { 'Partner code': 'NOPE', Company: 'X', 'Contact email': 'a@x.example' })));
    out.push(measure(emu, 'list open leads (50)', size, () => emu.run('apiListLeads', [{}])));
    out.push(measure(emu, 'move lead New → Accepted', size, () => emu.run('apiMoveLead', ['L-000001', { to: 'Accepted' }])));
    emu.clock.set('2026-05-15T12:00:00Z');
    const [daily] = emu.services.triggers.list({ eventType: 'CLOCK' });
    out.push(measure(emu, 'daily expiry sweep + digest', size, () => emu.fireTimeTrigger(daily.uid)));
  }
  return out;
}

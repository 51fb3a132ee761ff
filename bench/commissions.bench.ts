/**
 * The edit trigger (per edit), Closed Won with its commissions, the daily run,
 * and verifying the Audit Log, at 1k, 10k and 100k rows, through the built
 * bundle. Spreadsheet calls must not grow with the tabs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { auditCells, chainHash } from '../src/domain/audit-chain';
import { columnLetter } from '../src/tracker/a1';
import { tab } from '../src/tracker/schema';
import { BenchRow, measure } from './harness';
import { trackerWithLeads } from './leads.bench';

const SIZES = [1_000, 10_000, 100_000];

function column(key: string, tabKey: 'leads' | 'audit' = 'leads'): string {
  return columnLetter(tab(tabKey).columns.findIndex((c) => c.key === key) + 1);
}

export function runCommissionsBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const out: BenchRow[] = [];
  for (const size of SIZES) {
    const emu = trackerWithLeads(buildDir, code, size);
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const rules = ss.getSheetByName('Commission Rules') as GoogleAppsScript.Spreadsheet.Sheet;
    rules.getRange(2, 1, 2, 7).setValues([
      ['R-000001', 'Standard', 'Base', '', '', '', 'Percentage'],
      ['R-000002', 'SPIFF', 'Bonus', '', '', '', 'Flat'],
    ]);
    rules.getRange(2, 8, 2, 2).setValues([[0.15, ''], ['', 250]]);
    emu.calls.reset();
    out.push(measure(emu, 'edit trigger: one cell, audited', size, () => emu.editAsUser(`Leads!${column('notes')}5`, 'called them', 'ana@example.com')));
    out.push(measure(emu, 'edit trigger: paste 10×3, audited', size, () => emu.editAsUser(`Leads!${column('contactName')}10:${column('contactEmail')}19`, Array.from({ length: 10 }, (_, i) => [`Name ${i}`, `n${i}@x.example`]), 'ana@example.com')));
    out.push(measure(emu, 'edit trigger: illegal status, reverted', size, () => emu.editAsUser(`Leads!${column('status')}2`, 'Closed Won', 'ana@example.com')));
    // L-000003 is Qualified in the fixture.
    out.push(measure(emu, 'Closed Won (sidebar) → commissions', size, () => emu.run('apiMoveLead', ['L-000003', { to: 'Closed Won', dealAmount: 12000, closedOn: '2026-03-01' }])));
    out.push(measure(emu, 'edit trigger: amount overwritten, restored', size, () => emu.editAsUser('Commissions!H2', '1', 'ana@example.com')));
    out.push(measure(emu, 'approvals list', size, () => emu.run('apiListApprovals')));

    // An Audit Log of `size` chained rows, then verify it.
    const audit = ss.getSheetByName('Audit Log') as GoogleAppsScript.Spreadsheet.Sheet;
    const existing = audit.getLastRow() - 1;
    const last = existing > 0 ? String(audit.getRange(audit.getLastRow(), 11).getValue()) : '';
    let previous = last;
    const rows = Array.from({ length: size }, (_, i) => {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 60000);
      const cells = auditCells({ at, user: 'ana@example.com', source: 'edit', tab: 'Leads', range: `R${i + 2}`, recordId: `L-${String(i + 1).padStart(6, '0')}`, field: 'Notes', oldValue: '', newValue: `note ${i}` }, at.toISOString().slice(0, 19).replace('T', ' '));
      const hash = chainHash(previous, cells);
      const row = [...cells, hash, previous];
      previous = hash;
      return row;
    });
    if (audit.getMaxRows() < size + existing + 2) audit.insertRowsAfter(audit.getMaxRows(), size + existing + 2 - audit.getMaxRows());
    audit.getRange(existing + 2, 1, size, 12).setValues(rows);
    (emu.globals().PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties().deleteProperty('tracker.audit.head');
    emu.calls.reset();
    out.push(measure(emu, 'verify audit log', size + existing, () => emu.run('menuVerifyAuditLog')));
    const verdict = emu.services.ui.alerts.pop()?.prompt ?? '';
    if (!verdict.startsWith('Intact')) throw new Error(`bench: the generated audit log did not verify: ${verdict}`);
  }
  return out;
}

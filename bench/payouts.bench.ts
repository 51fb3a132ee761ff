/**
 * A payout run over 1k, 10k and 100k commission rows (500 partners), through
 * the built bundle: preview, the run itself (payouts, stamps, summary and
 * statements), an idempotent re-run, and the CSV export. Calls must not grow with rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Emulator } from '../emulator';
import { tab } from '../src/tracker/schema';
import { BenchRow, measure } from './harness';

const SIZES = [1_000, 10_000, 100_000];
const PARTNERS = 500;

function trackerWithCommissions(buildDir: string, code: string, rows: number): Emulator {
  const emu = new Emulator({ buildDir, accountType: 'workspace' });
  emu.clock.set('2026-03-02T15:00:00Z');
  emu.loadBundle(code);
  emu.run('apiRunSetup');
  const restore = emu.installGlobals();
  try {
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const settings = ss.getSheetByName('Settings') as GoogleAppsScript.Spreadsheet.Sheet;
    const labels = settings.getRange(2, 1, settings.getLastRow() - 1, 1).getValues().map((r) => r[0]);
    settings.getRange(labels.indexOf('Manager emails') + 2, 2).setValue('boss@example.com, cfo@example.com');
    settings.getRange(labels.indexOf('Payout day') + 2, 2).setValue('28');
    const partners = ss.getSheetByName('Partners') as GoogleAppsScript.Spreadsheet.Sheet;
    const pKeys = tab('partners').columns.map((c) => c.key);
    partners.getRange(2, 1, PARTNERS, pKeys.length).setValues(Array.from({ length: PARTNERS }, (_, i) => pKeys.map((k) => ({
      id: `P-${String(i + 1).padStart(6, '0')}`, name: `Partner ${i + 1} <GmbH>`, code: `CODE${i + 1}`, contactEmail: `p${i + 1}@partner.example`,
      type: 'Reseller', tier: 'Gold', status: 'Active',
    } as Record<string, string>)[k] ?? '')));
    const commissions = ss.getSheetByName('Commissions') as GoogleAppsScript.Spreadsheet.Sheet;
    if (rows + 2 > commissions.getMaxRows()) commissions.insertRowsBefore(commissions.getMaxRows(), rows + 2 - commissions.getMaxRows());
    const cKeys = tab('commissions').columns.map((c) => c.key);
    commissions.getRange(2, 1, rows, cKeys.length).setValues(Array.from({ length: rows }, (_, i) => {
      const clawback = i % 50 === 49;
      const values: Record<string, string | number> = {
        id: `C-${String(i + 1).padStart(6, '0')}`, leadId: `L-${String(i + 1).padStart(6, '0')}`, partnerId: `P-${String((i % PARTNERS) + 1).padStart(6, '0')}`,
        ruleId: 'R-000001', kind: clawback ? 'Clawback' : 'Base', dealAmount: clawback ? -1000 : 1000 + (i % 97), rate: 0.1,
        amount: clawback ? -100 : Math.round((1000 + (i % 97)) * 10) / 100, status: i % 10 === 9 ? 'Payable' : 'Approved', payableOn: '2026-02-15',
      };
      return cKeys.map((k) => values[k] ?? '');
    }));
  } finally {
    restore();
  }
  emu.calls.reset();
  return emu;
}

export function runPayoutsBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const out: BenchRow[] = [];
  for (const size of SIZES) {
    const emu = trackerWithCommissions(buildDir, code, size);
    out.push(measure(emu, 'payout preview (500 partners)', size, () => emu.run('apiPreviewPayouts', [undefined], { user: 'boss@example.com' })));
    out.push(measure(emu, 'payout run + summary + 500 statements', size, () => {
      const result = emu.run('apiRunPayouts', [undefined], { user: 'boss@example.com' }) as { ok: boolean; error?: { message: string } };
      if (!result.ok) throw new Error(`bench: payout run failed: ${result.error?.message}`);
    }));
    out.push(measure(emu, 'payout re-run (idempotent)', size, () => emu.run('apiRunPayouts', [undefined], { user: 'boss@example.com' })));
    const summary = emu.services.mail.sentTo('boss@example.com')[0];
    if (!summary || (summary.htmlBody ?? '').length > 200_000) throw new Error('bench: the summary email is missing or over 200 KB');
  }
  return out;
}

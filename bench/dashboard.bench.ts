/**
 * The Dashboard (issue 14): "Refresh dashboard" on a tracker of 1k/10k/100k leads — one batched
 * read of Partners, Leads, Commissions, Payouts and Tier History, the figures, one batched write of
 * the grid and the three charts. Round trips must not grow with the leads (cells read do).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BenchRow, measure, named } from './harness';
import { SIZES, check } from './fixtures';
import { trackerWithLeads } from './leads.bench';

export function runDashboardBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const out: BenchRow[] = [];
  for (const size of SIZES) {
    const emu = trackerWithLeads(buildDir, code, size);
    // The quarter the fixture's leads fall in (February 2026), against the one before.
    const dashboard = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Dashboard') as GoogleAppsScript.Spreadsheet.Sheet;
    dashboard.getRange('B2:B3').setValues([['Quarter'], ['2026-02-01']]);
    out.push(
      named(
        'dashboard-refresh',
        measure(
          emu,
          'dashboard refresh (menu): read five tabs, figures, one write, three charts',
          size,
          () => emu.run('menuRefreshDashboard'),
          () => {
            const prompt = String(emu.services.ui.alerts.pop()?.prompt);
            check(prompt.includes(`Q1 2026`) && prompt.includes(`from ${size} leads`), `the refresh said: ${prompt}`);
            check(dashboard.getCharts().length === 3, `${dashboard.getCharts().length} charts`);
          },
        ),
      ),
    );
  }
  return out;
}

/**
 * Setup and the sidebar overview at 1k, 10k and 100k rows, through the built
 * bundle in a bare V8 context, as Apps Script would run them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Emulator } from '../emulator';
import { setUpTracker } from '../src/tracker/setup';
import { SCHEMA_VERSION, tab } from '../src/tracker/schema';
import { BenchRow, measure } from './harness';
import { SIZES, check, expectOk } from './fixtures';

interface SetupData {
  fromVersion: number | null;
  changes: string[];
  ranAsOwner: boolean;
}

/** A v1 tracker whose Leads tab holds `rows` leads, ready to be upgraded by the bundle. */
function trackerWithLeads(buildDir: string, code: string, rows: number): Emulator {
  const emu = new Emulator({ buildDir });
  const restore = emu.installGlobals();
  try {
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const props = (emu.globals().PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties();
    setUpTracker(ss, props, { targetVersion: 1 });
    const leads = ss.getSheetByName('Leads') as GoogleAppsScript.Spreadsheet.Sheet;
    if (rows + 1 > leads.getMaxRows()) leads.insertRowsAfter(leads.getMaxRows(), rows + 1 - leads.getMaxRows());
    const width = tab('leads').columns.filter((c) => c.since === 1).length;
    const statuses = ['New', 'Accepted', 'Qualified', 'Closed Won', 'Closed Lost'];
    leads.getRange(2, 1, rows, width).setValues(
      Array.from({ length: rows }, (_, i) => {
        const row: unknown[] = new Array(width).fill('');
        row[0] = `L-${String(i + 1).padStart(6, '0')}`;
        row[2] = `P-${String((i % 50) + 1).padStart(6, '0')}`;
        row[3] = `Company ${i}`;
        row[9] = 1000 + (i % 100) * 10;
        row[11] = statuses[i % statuses.length];
        return row;
      }),
    );
  } finally {
    restore();
  }
  emu.loadBundle(code);
  emu.calls.reset();
  return emu;
}

export function runSetupBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const rows: BenchRow[] = [];

  const fresh = new Emulator({ buildDir });
  rows.push(measure(fresh, 'load Code.js', 0, () => fresh.loadBundle(code)));
  rows.push(
    measure(
      fresh,
      'setup (new spreadsheet)',
      0,
      () => fresh.run('apiRunSetup'),
      (r) => {
        const data = expectOk<SetupData>(r, 'apiRunSetup');
        check(data.ranAsOwner && data.fromVersion === null && data.changes.length > 0, `setup did not set up: ${JSON.stringify(data)}`);
        check(fresh.services.triggers.list({ eventType: 'CLOCK' }).length === 1, 'no hourly trigger');
      },
    ),
  );
  rows.push(
    measure(
      fresh,
      'setup again (no-op)',
      0,
      () => fresh.run('apiRunSetup'),
      (r) => {
        const data = expectOk<SetupData>(r, 'apiRunSetup');
        check(data.changes.length === 0, `it changed things: ${data.changes.join(' | ')}`);
      },
    ),
  );

  for (const size of SIZES) {
    const emu = trackerWithLeads(buildDir, code, size);
    rows.push(
      measure(
        emu,
        `upgrade schema 1→${SCHEMA_VERSION}`,
        size,
        () => emu.run('apiRunSetup'),
        (r) => {
          const data = expectOk<SetupData>(r, 'apiRunSetup');
          check(data.fromVersion === 1, `upgraded from ${data.fromVersion}`);
          check(
            data.changes.some((c) => c.startsWith(`Leads: sealed ${size} existing rows`)),
            `the leads were not sealed: ${data.changes.join(' | ')}`,
          );
        },
      ),
    );
    rows.push(
      measure(
        emu,
        'sidebar overview',
        size,
        () => emu.run('apiGetOverview'),
        (r) => {
          expectOk(r, 'apiGetOverview');
        },
      ),
    );
  }
  return rows;
}

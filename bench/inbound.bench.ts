/**
 * The Inbound tab (issue 15): the owner's hourly run taking ~100 rows Zapier or Make appended —
 * 80 new leads (registration's plan and matching against the open leads, one append, one
 * critical section) and 20 stage changes (the pipeline's move, each its own short section) —
 * against the same hour's run with none. Spreadsheet calls must not grow with the leads; the
 * moves' calls grow with the rows the tool sent (each is one lead's move, as from the sidebar).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Emulator } from '../emulator';
import { BenchRow, measure, named } from './harness';
import { SIZES, check, expectHourlyRan, hourlyTrigger, leadId, logFromHere, partnerId } from './fixtures';
import { trackerWithLeads } from './leads.bench';

const NEW_LEADS = 80;
const MOVES = 20;
/** bench/leads.bench.ts's statuses cycle with 7: rows 1 and 4 of each cycle are Accepted. */
const acceptedLead = (k: number) => leadId(7 * k + 2);

/** Names far apart, so each new lead is matched, not flagged against its neighbours. */
const companyName = (i: number) => `${(i * 7919 + 46656).toString(36)} ${(i * 104729 + 1679616).toString(36)} Corp`;

function appendInboundRows(emu: Emulator): void {
  const sheet = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Inbound') as GoogleAppsScript.Spreadsheet.Sheet;
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[];
  const row = (cells: Record<string, string | number>) => headers.map((h) => cells[h] ?? '');
  const rows = [
    ...Array.from({ length: NEW_LEADS }, (_, i) =>
      row({
        Kind: 'New lead',
        'External ID': `zap-${i}`,
        Partner: partnerId((i % 50) + 1),
        Company: companyName(i),
        Website: `inbound${i}.example`,
        'Contact Email': `buyer@inbound${i}.example`,
        'Deal Value': 5000,
      }),
    ),
    ...Array.from({ length: MOVES }, (_, k) => row({ Kind: 'Stage change', 'External ID': `move-${k}`, 'Lead ID': acceptedLead(k), 'New Status': 'Qualified' })),
  ];
  sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, headers.length).setValues(rows);
}

export function runInboundBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const out: BenchRow[] = [];
  for (const size of SIZES) {
    const emu = trackerWithLeads(buildDir, code, size);
    const hourly = hourlyTrigger(emu);
    emu.fireTimeTrigger(hourly);
    emu.clock.advance(3600_000);
    let log = logFromHere(emu);
    out.push(
      named(
        'inbound-none',
        measure(
          emu,
          'hourly run, Inbound tab empty (the baseline)',
          size,
          () => emu.fireTimeTrigger(hourly),
          (runs) => {
            const steps = expectHourlyRan(runs, log());
            check(steps.inbound === 'no rows waiting', `inbound: ${JSON.stringify(steps.inbound)}`);
          },
        ),
      ),
    );
    emu.clock.advance(3600_000);
    appendInboundRows(emu);
    log = logFromHere(emu);
    out.push(
      named(
        'inbound',
        measure(
          emu,
          `hourly run taking ${NEW_LEADS} new leads and ${MOVES} stage changes from the Inbound tab`,
          size,
          () => emu.fireTimeTrigger(hourly),
          (runs) => {
            const entries = log();
            console.error(entries.filter((e) => e.message.startsWith('TIMING')).map((e) => e.message));
            const steps = expectHourlyRan(runs, entries);
            const inbound = steps.inbound as { adopted?: number; conflicts?: number; moved?: number; refused?: number } | string;
            check(typeof inbound === 'object' && (inbound.adopted ?? 0) + (inbound.conflicts ?? 0) === NEW_LEADS && inbound.moved === MOVES, `inbound: ${JSON.stringify(inbound)}`);
          },
        ),
      ),
    );
  }
  return out;
}

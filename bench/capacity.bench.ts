/**
 * Capacity: the owner's hourly run when the spreadsheet is below the rollover threshold (the
 * daily check alone), the Audit Log's rollover of `rows` past-year rows into an archive
 * spreadsheet once the spreadsheet passes 80% of Google's 10-million-cell limit (a spare tab's
 * grid, sparse in the emulator, fills it), Verify across the archive and the live log, and the
 * sidebar's overview with its capacity panel; and the daily run archiving a batch of closed leads.
 */
import { MAX_SEGMENT_ROWS } from '../src/domain/capacity';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Emulator } from '../emulator';
import { BenchRow, measure, named } from './harness';
import { formatId } from '../src/tracker/ids';
import { SIZES, appendChainedAuditRows, appendRecords, check, expectHourlyRan, expectOk, hourlyTrigger, lastRow, logFromHere, newTracker, setSetting } from './fixtures';
import { trackerWithLeads } from './leads.bench';

/** A tracker whose Audit Log holds `size` chained rows of December 2025 (the clock then set to March 2026). */
export function trackerWithAuditRows(buildDir: string, code: string, size: number): Emulator {
  const emu = newTracker(code, { buildDir, now: '2025-12-01T15:00:00Z' });
  appendChainedAuditRows(emu, Date.UTC(2025, 11, 1, 16), size);
  emu.clock.set('2026-03-01T15:00:00Z');
  return emu;
}

function fillTo(emu: Emulator, cells: number): void {
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  const filler = ss.getSheetByName('Filler') ?? ss.insertSheet('Filler');
  const used = ss.getSheets().reduce((sum, s) => sum + s.getMaxRows() * s.getMaxColumns(), 0);
  if (cells > used) filler.insertRowsAfter(filler.getMaxRows(), Math.ceil((cells - used) / filler.getMaxColumns()));
}

export function runCapacityBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const out: BenchRow[] = [];
  for (const size of SIZES) {
    const emu = trackerWithAuditRows(buildDir, code, size);
    const hourly = hourlyTrigger(emu);
    let log = logFromHere(emu);
    out.push(
      named(
        'hourly-below-threshold',
        measure(
          emu,
          'hourly run, below the cell threshold (daily capacity check)',
          size,
          () => emu.fireTimeTrigger(hourly),
          (runs) => {
            const steps = expectHourlyRan(runs, log());
            check((steps['audit rollover'] as { moved: number }).moved === 0, `rolled over below the threshold: ${JSON.stringify(steps['audit rollover'])}`);
          },
        ),
      ),
    );
    fillTo(emu, 8_100_000);
    emu.clock.advance(24 * 3600 * 1000);
    log = logFromHere(emu);
    out.push(
      named(
        'audit-rollover',
        measure(
          emu,
          'hourly run: Audit Log rollover of the past year into an archive',
          size,
          () => emu.fireTimeTrigger(hourly),
          (runs) => {
            const steps = expectHourlyRan(runs, log());
            // A run moves segments of MAX_SEGMENT_ROWS until the workbook is back under the threshold: at 100k one segment can be enough.
            check((steps['audit rollover'] as { moved: number }).moved >= Math.min(size, MAX_SEGMENT_ROWS), `moved too little: ${JSON.stringify(steps['audit rollover'])}`);
          },
        ),
      ),
    );
    out.push(
      named(
        'verify-with-archive',
        measure(
          emu,
          'verify audit log: archive + live log',
          size,
          () => emu.run('menuVerifyAuditLog'),
          () => {
            const verdict = emu.services.ui.alerts.pop()?.prompt ?? '';
            check(/^Archives: \d files?, .* intact\./.test(verdict), `not intact: ${verdict}`);
          },
        ),
      ),
    );
    out.push(
      named(
        'overview-capacity',
        measure(
          emu,
          'sidebar overview with the capacity panel',
          size,
          () => emu.run('apiGetOverview'),
          (r) => {
            const data = expectOk<{ capacity: { archives: unknown[] } }>(r, 'apiGetOverview');
            check(data.capacity.archives.length >= 1, 'no archive in the overview');
          },
        ),
      ),
    );
    out.push(leadArchiveRow(buildDir, code, size));
  }
  return out;
}

/**
 * The owner's daily run archiving one batch of closed leads: the leads bench's tracker (its own
 * closed leads changed too recently to go) with 250 leads more at the bottom, changed in December
 * 2025: runs of four Rejected leads between open ones, so the batch's 200 leads are deleted with
 * 50 calls. The setting at 90 days, in mid-April 2026.
 */
function leadArchiveRow(buildDir: string, code: string, size: number): BenchRow {
  const emu = trackerWithLeads(buildDir, code, size);
  appendRecords(emu, 'leads', () =>
    Array.from({ length: 250 }, (_, i) => {
      const open = i % 5 === 4;
      const at = `2025-12-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`;
      return {
        id: formatId('L-', size + 1 + i),
        registeredAt: at,
        partnerId: 'P-000001',
        company: `Archived ${i}`,
        domain: `archived${i}.example`,
        contactEmail: `buyer@archived${i}.example`,
        status: open ? 'Accepted' : 'Rejected',
        statusReason: open ? '' : 'Not a fit',
        source: 'import',
        updatedAt: at,
        protectedUntil: open ? '2026-12-31' : '',
        registeredBy: '',
      };
    }),
  );
  const hourly = hourlyTrigger(emu);
  emu.clock.set('2026-04-15T15:00:00Z');
  emu.fireTimeTrigger(hourly);
  setSetting(emu, 'archiveLeadsAfterDays', '90');
  emu.clock.advance(24 * 3600 * 1000);
  const before = lastRow(emu, 'leads');
  const log = logFromHere(emu);
  return named(
    'lead-archive',
    measure(
      emu,
      'hourly run: a batch of 200 closed leads archived (50 runs of rows)',
      size,
      () => emu.fireTimeTrigger(hourly),
      (runs) => {
        const steps = expectHourlyRan(runs, log());
        const archived = (steps['lead archive'] as { archived: number }).archived;
        check(archived === 200, `archived ${archived}: ${JSON.stringify(steps['lead archive'])}`);
        check(lastRow(emu, 'leads') === before - archived, 'the Leads tab did not shrink by the archived leads');
      },
    ),
  );
}

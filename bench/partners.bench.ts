/**
 * Partners in the loop (issue 13): the owner's hourly run that makes and shares every Active
 * partner's sheet (the first run, and every first run of a day refreshes them all), and the run
 * after an hour in which ten leads of ten partners moved — their status updates read from the
 * Audit Log's tail and those ten sheets refreshed. Spreadsheet calls must not grow with the leads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BenchRow, measure, named } from './harness';
import { SIZES, check, expectHourlyRan, expectOk, hourlyTrigger, leadId, logFromHere } from './fixtures';
import { trackerWithLeads } from './leads.bench';

/** New leads of ten different partners in the fixture (every 7th lead is New, each of another partner). */
const MOVED = Array.from({ length: 10 }, (_, k) => leadId(1 + 7 * k));

export function runPartnersBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const out: BenchRow[] = [];
  for (const size of SIZES) {
    const emu = trackerWithLeads(buildDir, code, size);
    const hourly = hourlyTrigger(emu);
    let log = logFromHere(emu);
    out.push(
      named(
        'partner-sheets-all',
        measure(
          emu,
          "hourly run: every Active partner's sheet made, filled and shared (50 partners)",
          size,
          () => emu.fireTimeTrigger(hourly),
          (runs) => {
            const steps = expectHourlyRan(runs, log());
            check(steps['partner sheets'], 'no partner sheets step');
          },
        ),
      ),
    );
    emu.clock.advance(3600_000);
    for (const id of MOVED) expectOk(emu.run('apiMoveLead', [id, { to: 'Accepted' }]), `apiMoveLead ${id}`);
    emu.clock.advance(3600_000);
    log = logFromHere(emu);
    out.push(
      named(
        'partner-updates-hour',
        measure(
          emu,
          'hourly run after 10 leads of 10 partners moved: their status updates and sheets',
          size,
          () => emu.fireTimeTrigger(hourly),
          (runs) => {
            const steps = expectHourlyRan(runs, log());
            check(JSON.stringify(steps['partner updates']).includes('10'), `status updates: ${JSON.stringify(steps['partner updates'])}`);
          },
        ),
      ),
    );
  }
  return out;
}

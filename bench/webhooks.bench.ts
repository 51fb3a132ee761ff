/**
 * Signed webhooks (issue 15): the owner's hourly run with one live endpoint, 20 lead moves in the
 * Audit Log since the last run, and a Deliveries tab holding a long history (as many delivered rows
 * as the tracker has leads). The step reads the log's tail (one search and one read), the moved
 * leads' columns once, appends the 20 rows, then finds the open deliveries by two searches of the
 * Status column: its spreadsheet calls must not grow with the history or the leads. The receiver is
 * down (nothing listens on the port): each run tries the endpoint's first message, then its
 * 5-second retry, and leaves the rest for the next run (the worst hour, with the wait).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BenchRow, measure, named } from './harness';
import { SIZES, api, appendRecords, check, expectHourlyRan, hourlyTrigger, logFromHere } from './fixtures';
import { trackerWithLeads } from './leads.bench';

const id = (n: number) => `L-${String(n).padStart(6, '0')}`;

export function runWebhooksBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const out: BenchRow[] = [];
  for (const size of SIZES) {
    const emu = trackerWithLeads(buildDir, code, size);
    const hourly = hourlyTrigger(emu);
    emu.fireTimeTrigger(hourly);
    // The baseline: the same hour's work (20 moves since the last run) with no endpoint; what the step adds is the difference.
    for (let k = 0; k < 20; k++) api(emu, 'apiMoveLead', [id(7 * k + 1), { to: 'Accepted' }]);
    emu.clock.advance(3600_000);
    const before = logFromHere(emu);
    out.push(
      named(
        'webhooks-off',
        measure(
          emu,
          'hourly run, 20 moves, no endpoint (the baseline)',
          size,
          () => emu.fireTimeTrigger(hourly),
          (runs) => void expectHourlyRan(runs, before()),
        ),
      ),
    );
    api(emu, 'apiAddWebhook', [{ url: 'http://127.0.0.1:9/partner-events', events: ['*'] }]);
    appendRecords(emu, 'deliveries', () =>
      Array.from({ length: size }, (_, i) => ({
        webhookId: `msg_${i.toString(16).padStart(24, '0')}`,
        endpointId: 'W-000001',
        event: 'lead.registered',
        recordId: id(i + 1),
        createdAt: '2026-02-28 10:00:00',
        attempts: 1,
        status: 'Delivered',
        lastAttempt: '2026-02-28 10:00:01',
        nextAttempt: '',
        responseCode: 200,
        note: '',
        body: `{"type":"lead.registered","timestamp":"2026-02-28T10:00:00.000Z","data":{"id":"${id(i + 1)}"}}`,
      })),
    );
    // Leads 1, 8, 15… were New (leads.bench.ts STATUSES), then Accepted: 20 of them qualified since the last run.
    for (let k = 0; k < 20; k++) api(emu, 'apiMoveLead', [id(7 * k + 1), { to: 'Qualified' }]);
    emu.clock.advance(3600_000);
    const log = logFromHere(emu);
    out.push(
      named(
        'webhooks-step',
        measure(
          emu,
          'hourly run: 20 moves queued for one endpoint (receiver down), a Deliveries history as long as the leads',
          size,
          () => emu.fireTimeTrigger(hourly),
          (runs) => {
            const steps = expectHourlyRan(runs, log());
            const w = steps.webhooks as { queued?: number; sent?: number; open?: number } | string;
            check(typeof w === 'object' && w.queued === 20 && w.open === 20 && w.sent === 2, `webhooks: ${JSON.stringify(w)}`);
          },
        ),
      ),
    );
  }
  return out;
}

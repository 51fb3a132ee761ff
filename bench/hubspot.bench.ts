/**
 * HubSpot sync (issue 15): the owner's hourly run with the sync On, against the HubSpot fake
 * (tests/support/servers/hubspot-fake.mjs) in a worker thread, routed in as https://api.hubapi.com.
 * Rows: an hour with nothing to sync (the step's fixed cost: the Audit Log's tail, one search of
 * HubSpot), 20 leads sent (each 4 to 6 HubSpot calls), and 20 deals HubSpot won coming back as
 * pipeline moves with their commissions. Spreadsheet calls must not grow with the Leads tab's rows
 * (they grow with the leads sent and the moves made); no HubSpot call is made inside a critical section.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Emulator } from '../emulator';
import { BenchRow, measure, named } from './harness';
import { SIZES, api, check, expectHourlyRan, hourlyTrigger, logFromHere, setSetting } from './fixtures';
import { trackerWithLeads } from './leads.bench';

const TOKEN = 'pat-na1-bench-0000-0000-0000-000000000000';
const LEADS = 20;

interface Fake {
  url: string;
  control(emu: Emulator, method: string, route: string, body?: unknown): unknown;
  stop(): void;
}

/** The fake in a worker on a free-looking port; the bench is synchronous, so it waits for the port with the emulator's own blocking transport. */
function startFake(root: string, emu: Emulator): Fake {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const worker = new Worker(path.join(root, 'tests', 'support', 'servers', 'hubspot-fake.mjs'), { workerData: { port, token: TOKEN } });
  worker.unref();
  const url = `http://127.0.0.1:${port}`;
  const control = (e: Emulator, method: string, route: string, body?: unknown) => {
    const [answer] = e.services.network.transport.send([
      { url: url + route, method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? null : Buffer.from(JSON.stringify(body)).toString('base64'), timeoutMs: 10_000 },
    ]);
    if (!answer.ok) throw new Error(`fake ${route}: ${answer.kind} ${answer.message}`);
    return JSON.parse(Buffer.from(answer.body, 'base64').toString('utf8') || 'null') as unknown;
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      control(emu, 'GET', '/__requests');
      break;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  return { url, control, stop: () => void worker.terminate() };
}

export function runHubSpotBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const root = path.resolve(buildDir, '..');
  const out: BenchRow[] = [];
  let fake: Fake | null = null;
  try {
    for (const size of SIZES) {
      const emu = trackerWithLeads(buildDir, code, size);
      fake ??= startFake(root, emu);
      const hub = fake;
      hub.control(emu, 'POST', '/__reset');
      emu.services.network.route('https://api.hubapi.com', hub.url);
      setSetting(emu, 'hubspotSync', 'On');
      api(emu, 'apiConnectHubSpot', [TOKEN]);
      const hourly = hourlyTrigger(emu);
      emu.fireTimeTrigger(hourly);
      emu.clock.advance(3600_000);

      let log = logFromHere(emu);
      out.push(
        named(
          'hubspot-idle',
          measure(
            emu,
            'hourly run, HubSpot sync On with nothing to sync',
            size,
            () => emu.fireTimeTrigger(hourly),
            (runs) => {
              const step = expectHourlyRan(runs, log()).hubspot as { pushed?: number; pulled?: number };
              check(step.pushed === 0 && step.pulled === 0, `hubspot: ${JSON.stringify(step)}`);
            },
          ),
        ),
      );

      const ids: string[] = [];
      for (let i = 0; i < LEADS; i++) {
        const id = api<{ lead: { id: string } }>(emu, 'apiRegisterLead', [
          { partnerId: 'P-000001', company: `Bench Buyer ${i}`, website: `benchbuyer${i}.example`, contactEmail: `ceo@benchbuyer${i}.example`, estimatedValue: 5000 },
        ]).lead.id;
        api(emu, 'apiMoveLead', [id, { to: 'Accepted' }]);
        ids.push(id);
      }
      emu.clock.advance(3600_000);
      log = logFromHere(emu);
      out.push(
        named(
          'hubspot-push',
          measure(
            emu,
            `hourly run sending ${LEADS} new leads to HubSpot (company and deal each)`,
            size,
            () => emu.fireTimeTrigger(hourly),
            (runs) => {
              const step = expectHourlyRan(runs, log()).hubspot as { pushed?: number; conflicts?: number };
              check(step.pushed === LEADS && step.conflicts === 0, `hubspot: ${JSON.stringify(step)}`);
            },
          ),
        ),
      );

      const deals = (hub.control(emu, 'GET', '/__state') as { deals: Array<{ id: string; properties: Record<string, string> }> }).deals.filter((d) =>
        ids.includes(d.properties.partner_tracker_lead_id),
      );
      check(deals.length === LEADS, `the fake holds ${deals.length} of the ${LEADS} deals`);
      for (const d of deals) hub.control(emu, 'POST', `/__deal/${d.id}`, { properties: { dealstage: 'closedwon', amount: '5000', closedate: '2026-03-01T12:00:00Z' } });
      emu.clock.advance(3600_000);
      log = logFromHere(emu);
      out.push(
        named(
          'hubspot-pull',
          measure(
            emu,
            `hourly run bringing ${LEADS} deals won in HubSpot back (Qualified, Closed Won, commissions)`,
            size,
            () => emu.fireTimeTrigger(hourly),
            (runs) => {
              const step = expectHourlyRan(runs, log()).hubspot as { pulled?: number };
              check(step.pulled === LEADS, `hubspot: ${JSON.stringify(step)}`);
            },
          ),
        ),
      );
    }
  } finally {
    fake?.stop();
  }
  return out;
}

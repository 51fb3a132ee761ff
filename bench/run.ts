import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleReport, measureColdLoad, printColdLoad } from './cold-load';
import { jsonReport, printTable } from './harness';
import { runCapacityBench } from './capacity.bench';
import { runCommissionsBench } from './commissions.bench';
import { runDashboardBench } from './dashboard.bench';
import { runLeadsBench } from './leads.bench';
import { runPartnersBench } from './partners.bench';
import { runPayoutFilesBench, runPayoutsBench } from './payouts.bench';
import { runSetupBench } from './setup.bench';
import { runTiersBench } from './tiers.bench';
import { runInboundBench } from './inbound.bench';
import { runWebhooksBench } from './webhooks.bench';
import { runHubSpotBench } from './hubspot.bench';

/**
 * `npm run bench [-- <group>] [--rows 1000,10000] [--json]`: a group (setup, leads, commissions,
 * payouts, payoutFiles, capacity, partners, dashboard, tiers, inbound, webhooks, hubspot, or bundle: only the cold load of Code.js, which every run measures first; default all),
 * the sizes (scripts/bench.mjs hands --rows to fixtures.ts as BENCH_SIZES),
 * and --json: one JSON object on stdout and nothing else (the table and every log line go to stderr).
 */
const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rows');
if (json) {
  // Whatever the emulator or a bundle logs must not reach stdout.
  console.log = console.error;
  console.info = console.error;
}

const root = process.cwd();
const build = path.join(root, 'build');
// First, while the process is fresh: what every execution pays before our code runs.
const bundle = measureColdLoad(path.join(build, 'Code.js'));
const rows =
  only === 'bundle'
    ? []
    : [
        ...(!only || only === 'setup' ? runSetupBench(build) : []),
        ...(!only || only === 'leads' ? runLeadsBench(build) : []),
        ...(!only || only === 'commissions' ? runCommissionsBench(build) : []),
        ...(!only || only === 'payouts' ? runPayoutsBench(build) : []),
        ...(!only || only === 'payoutFiles' ? runPayoutFilesBench(build) : []),
        ...(!only || only === 'capacity' ? runCapacityBench(build) : []),
        ...(!only || only === 'partners' ? runPartnersBench(build) : []),
        ...(!only || only === 'dashboard' ? runDashboardBench(build) : []),
        ...(!only || only === 'tiers' ? runTiersBench(build) : []),
        ...(!only || only === 'inbound' ? runInboundBench(build) : []),
        ...(!only || only === 'webhooks' ? runWebhooksBench(build) : []),
        ...(!only || only === 'hubspot' ? runHubSpotBench(build) : []),
      ];
printColdLoad(bundle, json ? console.error : console.log);
if (rows.length) printTable(rows, json ? console.error : console.log);
mkdirSync(path.join(root, 'tmp'), { recursive: true });
writeFileSync(path.join(root, 'tmp', 'bench.json'), JSON.stringify(rows, null, 2));
if (json) process.stdout.write(`${JSON.stringify({ ...jsonReport(rows), ...bundleReport(bundle) })}\n`);
else
  console.log(
    '\nWritten to tmp/bench.json. Spreadsheet calls must not grow with rows; ms is the emulator’s; round trips, cells and modelled ms are the latency model’s estimate of Google (emulator/README.md).',
  );
if (rows.some((r) => r.failed !== undefined)) process.exitCode = 1;

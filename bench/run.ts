import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printTable } from './harness';
import { runCommissionsBench } from './commissions.bench';
import { runLeadsBench } from './leads.bench';
import { runPayoutsBench } from './payouts.bench';
import { runSetupBench } from './setup.bench';

const root = process.cwd();
const build = path.join(root, 'build');
const only = process.argv[2];
const rows = [
  ...(!only || only === 'setup' ? runSetupBench(build) : []),
  ...(!only || only === 'leads' ? runLeadsBench(build) : []),
  ...(!only || only === 'commissions' ? runCommissionsBench(build) : []),
  ...(!only || only === 'payouts' ? runPayoutsBench(build) : []),
];
printTable(rows);
mkdirSync(path.join(root, 'tmp'), { recursive: true });
writeFileSync(path.join(root, 'tmp', 'bench.json'), JSON.stringify(rows, null, 2));
console.log('\nWritten to tmp/bench.json. Spreadsheet calls must not grow with rows; time is the emulator’s, not Google’s.');
if (rows.some((r) => r.failed !== undefined)) process.exitCode = 1;

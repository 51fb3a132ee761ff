import { statSync } from 'node:fs';
import path from 'node:path';
import { BUILD_DIR, ensureBuilt } from '../support/build';

/**
 * Size budgets. Code.js is parsed and run by every execution (every menu click, sidebar call and
 * trigger), so what it carries is paid each time; its cold load time is measured by `npm run
 * bench` (bench/cold-load.ts), not here. Issue 11 aims at 150 KB for Code.js and 60 KB for
 * Sidebar.html; neither is reached (README, "Bundle size"). These budgets are what the build
 * reaches today plus ~2%, so growth is a decision, not an accident: raise one on purpose, in the
 * commit that needs it, and lower it as the files shrink.
 */
const KIB = 1024;
const BUDGETS: Array<[file: string, bytes: number]> = [
  // 303.3 KiB: minified, local names included (scripts/build.mjs); our code 253.0 KiB, zod/mini 30.9, tldts-core 8.3, @noble/hashes 6.0,
  // fastest-levenshtein 1.3. Raised from 280 KiB on purpose by issue 11's merge: the audit archive and capacity (~14 KiB), the reference
  // data cache, TextFinder lookups, the match index and the mail ledger's searches. Raised to 316 KiB by closed leads archiving
  // (src/capacity/lead-archive*.ts, src/domain/lead-archive.ts: ~7.6 KiB; 313.9 KiB with it).
  ['Code.js', 316 * KIB],
  // 109.5 KiB: the script (~95 KiB, a quarter of it zod, for the server's own schemas) and the CSS (~13 KiB), minified; the capacity panel added ~3 KiB.
  ['Sidebar.html', 112 * KIB],
  // Read only by executions that look up a domain; 121.4 KiB, the Public Suffix List (it grows when tldts is updated).
  ['PublicSuffix.html', 124 * KIB],
];

beforeAll(() => ensureBuilt());

describe('the pushed files stay within their size budgets', () => {
  test.each(BUDGETS)('build/%s is at most %d bytes', (file, budget) => {
    const size = statSync(path.join(BUILD_DIR, file)).size;
    expect(size).toBeLessThanOrEqual(budget);
  });
});

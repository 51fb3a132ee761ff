import { statSync } from 'node:fs';
import path from 'node:path';
import { BUILD_DIR, ensureBuilt } from '../support/build';

/**
 * Size budgets. Code.js is loaded (parsed and run) by every execution, so what it carries is
 * paid on every menu click, sidebar call and trigger; its load time is measured by `npm run
 * bench`, not here. Issue 11 aims at 150 KB for Code.js and 60 KB for Sidebar.html; these
 * budgets are what the build reaches today plus ~5%, so growth is a decision, not an accident.
 * Lower them as the files shrink.
 */
const KIB = 1024;
const BUDGETS: Array<[file: string, bytes: number]> = [
  // 371 KiB today: our code ~298 KiB (identifiers kept readable for stack traces), zod/mini 47, tldts-core 13, @noble/hashes 7.
  ['Code.js', 390 * KIB],
  // 113 KiB today.
  ['Sidebar.html', 119 * KIB],
  // Read only by executions that look up a domain; ~121 KiB, the Public Suffix List.
  ['PublicSuffix.html', 128 * KIB],
];

beforeAll(() => ensureBuilt());

describe('the pushed files stay within their size budgets', () => {
  test.each(BUDGETS)('build/%s is at most %d bytes', (file, budget) => {
    const size = statSync(path.join(BUILD_DIR, file)).size;
    expect(size).toBeLessThanOrEqual(budget);
  });
});

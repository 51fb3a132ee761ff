/**
 * Automatic tiers (issue 14): the owner's hourly run that holds the month's tier review — every
 * partner's trailing 12-month won figures from one batched read of the Leads tab's Closed Won
 * columns, the Tiers and Tier History tabs, the moves written (history rows, Partners' Tier, audit)
 * and the team's email. The run before it (review Off) has done the hour's other work, so what
 * differs is the review. Spreadsheet calls must not grow with the leads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BenchRow, measure, named } from './harness';
import { SIZES, check, expectHourlyRan, hourlyTrigger, logFromHere, setSetting } from './fixtures';
import { trackerWithLeads } from './leads.bench';

export function runTiersBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const out: BenchRow[] = [];
  for (const size of SIZES) {
    const emu = trackerWithLeads(buildDir, code, size);
    const hourly = hourlyTrigger(emu);
    setSetting(emu, 'tierReview', 'Off');
    emu.fireTimeTrigger(hourly);
    emu.clock.advance(3600_000);
    // The same hour's run without the review: what the review adds is the difference.
    let log = logFromHere(emu);
    out.push(
      named(
        'tier-review-off',
        measure(
          emu,
          'hourly run, tier review Off (the baseline)',
          size,
          () => emu.fireTimeTrigger(hourly),
          (runs) => void expectHourlyRan(runs, log()),
        ),
      ),
    );
    emu.clock.advance(3600_000);
    setSetting(emu, 'tierReview', 'Monthly');
    log = logFromHere(emu);
    out.push(
      named(
        'tier-review',
        measure(
          emu,
          "hourly run with the month's tier review (50 partners, every won deal read once)",
          size,
          () => emu.fireTimeTrigger(hourly),
          (runs) => {
            const steps = expectHourlyRan(runs, log());
            const review = steps['tier review'] as { review?: string; moved?: number } | string;
            check(typeof review === 'object' && review.review === '2026-03', `tier review: ${JSON.stringify(review)}`);
          },
        ),
      ),
    );
  }
  return out;
}

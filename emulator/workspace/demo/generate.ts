import path from 'node:path';
import { Emulator } from '../../index';
import { seededRandom } from '../../core/seeded-random';
import { registerTeam } from '../people-view';
import { DemoActors } from './actors';
import { DEMO_TEAM, SPREADSHEET_NAME } from './programme';
import { DemoProgramme } from './programme-run';

/**
 * The workspace's demo programme: a year of a fictional partner programme, made by
 * running the built add-on over emulated time rather than written cell by cell. The
 * owner sets the tracker up, types its settings, pastes its commission rules, adds the
 * team and the partners in the sidebar and creates the partner form; then, one emulated
 * day at a time, partners register deals (in the sidebar through the team, or on the
 * form, some with a mistyped code), the team moves them along, managers decide
 * conflicts and approve commissions and payouts, Finance pays, deals get refunded, and
 * the owner's time-driven trigger fires once a day (Google fires it hourly; once a day
 * is enough for history: expiry, payable lines, digests and the monthly payout run all
 * happen on the first run of their day). Everything random comes from one seed, and the
 * add-on's own randomness (UUIDs, lock tokens) is seeded too, so the same seed and end
 * date give the same workspace, byte for byte.
 */
export interface DemoOptions {
  /** The built add-on's directory (Code.js, and the HTML files HtmlService reads). */
  buildDir: string;
  /** Where the history ends: the emulator's clock afterwards. Default: the real now, and the clock then runs in real time. */
  now?: Date;
  /** Days of history before `now` (default 365). */
  days?: number;
  /** Default 'brightloom'. */
  seed?: string;
  /** Progress, for a terminal. */
  log?: (message: string) => void;
}

export interface DemoResult {
  emulator: Emulator;
  /** How long generation took, in real milliseconds. */
  elapsedMs: number;
  /** What the simulated people did (counts by kind of action). */
  activity: Record<string, number>;
}

export const DEMO_SEED = 'brightloom';
const DAY_MS = 86400000;

export function generateDemo(options: DemoOptions): DemoResult {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const realTime = options.now === undefined;
  const end = options.now ?? new Date();
  const days = options.days ?? 365;
  const firstDay = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate()) - days * DAY_MS;

  const emulator = new Emulator({ buildDir: options.buildDir, accountType: 'workspace' }, SPREADSHEET_NAME);
  registerTeam(emulator);
  for (const member of Object.values(DEMO_TEAM)) {
    if (!emulator.people.get(member.email)) emulator.people.add({ email: member.email, kind: 'workspace', name: member.name });
  }
  emulator.clock.set(new Date(firstDay + 13 * 3600000));
  emulator.loadBundle(path.join(options.buildDir, 'Code.js'));
  emulator.seedRandomness(options.seed ?? DEMO_SEED);

  const actors = new DemoActors(emulator);
  const programme = new DemoProgramme(actors, seededRandom(`${options.seed ?? DEMO_SEED}:programme`), firstDay, days);
  programme.setUp();
  for (let day = 0; day < days; day++) {
    programme.runDay(day);
    if (day % 30 === 29) log(`  … ${day + 1} of ${days} days`);
  }
  // Today: the owner's trigger has just run, so the automation looks as healthy as it is.
  emulator.clock.set(end);
  actors.hourly();
  if (realTime) emulator.clock.unpin();
  // From here on the workspace is live: its randomness is Google's again.
  emulator.seedRandomness(null);
  return { emulator, elapsedMs: Date.now() - started, activity: programme.activity };
}

import { Emulator } from '../../emulator';
import { generateDemo } from '../../emulator/workspace/demo/generate';
import { LEAD_STATUSES } from '../../src/domain/enums';
import { TrackerOverview } from '../../src/sidebar-api/contract';
import { BUILD_DIR, ensureBuilt } from '../support/build';
import { Tracker, trackerOf } from '../support/tracker';

/**
 * The workspace's demo programme (emulator/workspace/demo): made by running the built
 * add-on over emulated time. `npm start` makes a year of it; these tests make the same
 * programme over a shorter history (150 days: long enough for deals to be won, paid and
 * refunded and for leads to expire), once for the file; and a 30-day one twice, to see it repeat.
 */
const NOW = new Date('2026-12-06T01:30:00Z');
const DAYS = 150;

let emulator: Emulator;
let t: Tracker;

beforeAll(() => {
  ensureBuilt();
  emulator = generateDemo({ buildDir: BUILD_DIR, now: NOW, days: DAYS }).emulator;
  t = trackerOf(emulator);
}, 120000);

const column = (tab: string, header: string) => t.rows(tab).map((r) => r[header]);

test("its history ends now, with the owner's trigger just run and healthy", () => {
  expect(emulator.clock.now().toISOString()).toBe(NOW.toISOString());
  const [trigger] = emulator.services.triggers.list({ eventType: 'CLOCK' });
  expect(trigger.lastFiredAt).toBe(NOW.toISOString());
  const { automation } = t.ok<TrackerOverview>('apiGetOverview');
  expect(automation).toMatchObject({ lastRunAt: NOW.toISOString(), lastRunOk: true, note: '', state: 'running' });
});

test('it has leads in every status, from both the sidebar and the partner form', () => {
  const statuses = new Set(column('Leads', 'Status'));
  expect([...LEAD_STATUSES].filter((s) => !statuses.has(s))).toEqual([]);
  expect(new Set(column('Leads', 'Source'))).toEqual(new Set(['sidebar', 'form']));
  expect(t.rows('Leads').length).toBeGreaterThan(60);
});

test('conflicts name the lead they collide with and why', () => {
  const conflicts = t.rows('Leads').filter((r) => r['Conflict With'] !== '');
  expect(conflicts.length).toBeGreaterThan(0);
  const ids = new Set(column('Leads', 'Lead ID'));
  for (const lead of conflicts) expect(ids.has(lead['Conflict With'])).toBe(true);
  expect(t.rows('Leads').find((r) => r.Status === 'Conflict')?.['Status Reason']).toMatch(/same (domain|company|email)/i);
});

test('commissions were approved and paid, and refunds clawed back paid ones', () => {
  const lines = t.rows('Commissions');
  expect(new Set(lines.map((l) => l.Status))).toEqual(expect.objectContaining(new Set(['Paid', 'Approved'])));
  const clawbacks = lines.filter((l) => l.Kind === 'Clawback');
  expect(clawbacks.length).toBeGreaterThan(0);
  for (const line of clawbacks) expect(line.Amount).toMatch(/^-/);
  const payouts = new Set(column('Payouts', 'Status'));
  expect(payouts.has('Approved') && payouts.has('Paid')).toBe(true);
});

test('partner form responses with a wrong code wait in the Form Inbox with their reasons', () => {
  const inbox = t.rows('Form Inbox');
  expect(inbox.length).toBeGreaterThan(0);
  for (const item of inbox) expect(item.Reasons).not.toBe('');
});

test('partners span tiers, regions and types, on made-up .example addresses, and the team holds every role', () => {
  const partners = t.rows('Partners');
  expect(partners.length).toBeGreaterThanOrEqual(10);
  expect(new Set(partners.map((p) => p.Tier)).size).toBeGreaterThanOrEqual(3);
  expect(new Set(partners.map((p) => p.Region)).size).toBe(4);
  expect(new Set(partners.map((p) => p.Type)).size).toBe(3);
  for (const email of [...partners.map((p) => p['Contact Email']), ...column('Leads', 'Contact Email')]) expect(email).toMatch(/\.example$/);
  expect(new Set(column('Team', 'Role'))).toEqual(expect.objectContaining(new Set(['Manager', 'Partner team', 'Finance'])));
});

test('no row of it has a problem, and the audit chain is intact', () => {
  for (const tab of ['Partners', 'Leads', 'Commission Rules', 'Lists']) {
    expect(t.rows(tab).filter((r) => (r.Problems ?? '') !== '')).toEqual([]);
  }
  expect(t.verify()).toMatch(/^Intact, \d+ rows/);
});

test('generating it again gives the same workspace, byte for byte (a shorter history, to keep the suite quick)', () => {
  const short = () => generateDemo({ buildDir: BUILD_DIR, now: NOW, days: 14 }).emulator.toJSONText();
  const first = short();
  expect(first.length).toBeGreaterThan(50000);
  expect(short() === first).toBe(true);
}, 120000);

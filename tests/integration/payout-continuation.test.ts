import { runPayouts } from '../../src/payouts/run';
import { monthPeriod } from '../../src/domain/payouts';
import { runSetup } from '../../src/setup/run-setup';
import { TrackerContext, trackerContext } from '../../src/tracker/context';
import { TrackerState } from '../../src/tracker/state';
import { TrackerTable } from '../../src/tracker/table';
import { emulated } from '../support/emulated';

/**
 * A run that reaches its time budget stops between partners and the next run
 * continues; the summary goes out once, when the period is complete.
 * (In-process: the budget is a parameter here, not something a test can reach through the bundle.)
 */
test('a run over its time budget continues in the next run and mails once at the end', () => {
  const env = emulated();
  try {
    env.emu.clock.set('2026-03-02T12:00:00Z');
    runSetup(trackerContext('setup'));
    const state = TrackerState.read(env.ss);
    state.writeRecord({ ...(state.record() as NonNullable<ReturnType<TrackerState['record']>>), members: [{ email: 'boss@example.com', role: 'Manager', name: '' }] });
    // Rows as the tracker writes them (sealed), straight into the tabs.
    TrackerTable.open(env.ss, 'partners').append([1, 2, 3].map((n) => ({ id: `P-00000${n}`, name: `Partner ${n}`, code: `P${n}`, contactEmail: `p${n}@x.example`, status: 'Active' })));
    TrackerTable.open(env.ss, 'commissions').append(
      [1, 2, 3].map((n) => ({
        id: `C-00000${n}`,
        leadId: `L-00000${n}`,
        partnerId: `P-00000${n}`,
        ruleId: 'R-000001',
        kind: 'Base',
        dealAmount: 10000,
        rate: 0.1,
        amount: 1000,
        status: 'Approved',
        payableOn: '2026-02-15',
        approvedBy: 'boss@example.com',
      })),
    );
    // The owner's hourly run: it runs payouts on schedule and sends the mail.
    const ctx: TrackerContext = { ss: env.ss, properties: null, timeZone: 'Etc/UTC', now: new Date('2026-03-02T12:00:00Z'), actor: 'owner@example.com', runsAs: 'owner@example.com', source: 'test' };
    const critical = <T>(task: () => T): T => task();
    const period = monthPeriod('2026-02');
    const mail = () => env.emu.services.mail.sentTo('boss@example.com');

    const first = runPayouts(ctx, period, { source: 'test', budgetMs: -1, critical });
    expect(first).toMatchObject({ status: 'continuing', created: ['PO-000001'] });
    expect(mail()).toHaveLength(0);
    const second = runPayouts(ctx, period, { source: 'test', budgetMs: -1, critical });
    expect(second).toMatchObject({ status: 'continuing', created: ['PO-000002'] });
    const third = runPayouts(ctx, period, { source: 'test', budgetMs: -1, critical });
    expect(third).toMatchObject({ status: 'complete', created: ['PO-000003'] });
    expect(mail()).toHaveLength(1);
    expect(runPayouts(ctx, period, { source: 'test', critical })).toMatchObject({ status: 'already complete' });
    const payouts = env.ss.getSheetByName('Payouts') as GoogleAppsScript.Spreadsheet.Sheet;
    expect(
      payouts
        .getRange(2, 1, 3, 1)
        .getValues()
        .map((r) => r[0]),
    ).toEqual(['PO-000001', 'PO-000002', 'PO-000003']);
    expect(mail()).toHaveLength(1);
  } finally {
    env.restore();
  }
});

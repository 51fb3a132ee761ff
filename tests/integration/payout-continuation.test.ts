import { runPayouts } from '../../src/payouts/run';
import { monthPeriod } from '../../src/domain/payouts';
import { TrackerContext } from '../../src/tracker/context';
import { setUpTracker } from '../../src/tracker/setup';
import { tab } from '../../src/tracker/schema';
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
    setUpTracker(env.ss, env.properties, { ownerEmail: 'owner@example.com' });
    const settings = env.ss.getSheetByName('Settings') as GoogleAppsScript.Spreadsheet.Sheet;
    const labels = settings.getRange(2, 1, settings.getLastRow() - 1, 1).getValues().map((r) => r[0]);
    settings.getRange(labels.indexOf('Manager emails') + 2, 2).setValue('boss@example.com');
    const partners = env.ss.getSheetByName('Partners') as GoogleAppsScript.Spreadsheet.Sheet;
    const pKeys = tab('partners').columns.map((c) => c.key);
    partners.getRange(2, 1, 3, pKeys.length).setValues([1, 2, 3].map((n) => pKeys.map((k) => ({ id: `P-00000${n}`, name: `Partner ${n}`, code: `P${n}`, contactEmail: `p${n}@x.example`, status: 'Active' } as Record<string, string>)[k] ?? '')));
    const commissions = env.ss.getSheetByName('Commissions') as GoogleAppsScript.Spreadsheet.Sheet;
    const cKeys = tab('commissions').columns.map((c) => c.key);
    commissions.getRange(2, 1, 3, cKeys.length).setValues([1, 2, 3].map((n) => cKeys.map((k) => ({
      id: `C-00000${n}`, leadId: `L-00000${n}`, partnerId: `P-00000${n}`, ruleId: 'R-000001', kind: 'Base', dealAmount: 10000, rate: 0.1, amount: 1000,
      status: 'Approved', payableOn: '2026-02-15',
    } as Record<string, string | number>)[k] ?? '')));
    const ctx: TrackerContext = { ss: env.ss, properties: env.properties, timeZone: 'Etc/UTC', now: new Date('2026-03-02T12:00:00Z'), actor: 'boss@example.com', source: 'test' };
    const period = monthPeriod('2026-02');
    const mail = () => env.emu.services.mail.sentTo('boss@example.com');

    const first = runPayouts(ctx, period, { source: 'test', budgetMs: -1 });
    expect(first).toMatchObject({ status: 'continuing', created: ['PO-000001'] });
    expect(mail()).toHaveLength(0);
    const second = runPayouts(ctx, period, { source: 'test', budgetMs: -1 });
    expect(second).toMatchObject({ status: 'continuing', created: ['PO-000002'] });
    const third = runPayouts(ctx, period, { source: 'test', budgetMs: -1 });
    expect(third).toMatchObject({ status: 'complete', created: ['PO-000003'] });
    expect(mail()).toHaveLength(1);
    expect(runPayouts(ctx, period, { source: 'test' })).toMatchObject({ status: 'already complete' });
    const payouts = env.ss.getSheetByName('Payouts') as GoogleAppsScript.Spreadsheet.Sheet;
    expect(payouts.getRange(2, 1, 3, 1).getValues().map((r) => r[0])).toEqual(['PO-000001', 'PO-000002', 'PO-000003']);
    expect(mail()).toHaveLength(1);
  } finally {
    env.restore();
  }
});

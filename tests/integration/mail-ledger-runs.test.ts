import { PARTNERS, approveAsBoss, ledger, ledgerRow, onSend, reports, runAsBoss, statements, summaries, t, trackerWithPayouts } from '../support/mail-ledger';
import { OWNER, Tracker } from '../support/tracker';

/**
 * Payout runs (mail-ledger-queue.test.ts has the queue, upgrade and receipts).
 * Mail exactly once, or reported, through the built add-on: the Mail Queue is
 * the ledger of every email the tracker sends. A crash between sending and
 * stamping, a run stopped by its time budget or killed at 6 minutes, a send
 * that ends in an unclear error: no message goes twice, and one whose fate is
 * unknown is reported to the managers.
 */

describe('a crash between sending and stamping', () => {
  test('right after the summary goes out (before its Sent stamp): the next run does not send it again, and the managers get one "possibly not delivered" report', () => {
    trackerWithPayouts(1);
    expect(runAsBoss()).toMatchObject({ ok: true, data: { run: { status: 'complete', summary: 'not yet' } } });
    // The owner's hourly run sends the summary first; it dies on the very next write to the Mail Queue (the Sent stamp).
    onSend(1, () => t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Mail Queue', fatal: true, message: 'Exceeded maximum execution time' }));
    const [crashed] = t.hourly();
    expect(crashed).toMatchObject({ ok: false });
    expect(summaries()).toHaveLength(1);
    expect(statements('Acme')).toHaveLength(0);
    expect(ledgerRow('summary:2026-02-01..2026-02-28')).toMatchObject({ Status: 'Sending' });
    expect(t.rows('Payout Runs')[0]['Summary Sent (UTC)']).toBe('');

    t.emu.clock.set('2026-03-02T16:00:00Z');
    t.hourly();
    expect(summaries()).toHaveLength(1);
    expect(statements('Acme')).toHaveLength(1);
    const [report] = reports();
    expect(reports()).toHaveLength(1);
    expect(report.subject).toBe('Partner Programme: 1 email possibly not delivered');
    expect(report.body).toContain('summary:2026-02-01..2026-02-28');
    expect(report.body).toContain('never sends them again on its own');
    expect(reports(OWNER)).toHaveLength(1);
    expect(ledgerRow('summary:2026-02-01..2026-02-28')).toMatchObject({ Status: 'Unknown', 'Last Error': expect.stringContaining('Reported to the managers (undelivered:') });
    expect(t.rows('Payout Runs')[0]['Summary Sent (UTC)']).not.toBe('');

    // Later runs: nothing more, and no second report.
    t.emu.clock.set('2026-03-02T17:00:00Z');
    t.hourly();
    t.emu.clock.set('2026-03-03T17:00:00Z');
    t.hourly();
    expect(summaries()).toHaveLength(1);
    expect(reports()).toHaveLength(1);
    expect(statements('Acme')).toHaveLength(1);
    expect(ledger().filter((r) => r.Status === 'Sending')).toEqual([]);
  });

  test('an unclear error from Google while sending (a timeout) is reported at once and never retried', () => {
    trackerWithPayouts(1);
    runAsBoss();
    t.emu.faults.failOn({ call: 'MailApp.sendEmail', after: 1 });
    t.hourly();
    expect(summaries()).toHaveLength(1);
    expect(statements('Acme')).toHaveLength(0);
    expect(ledgerRow('statement:PO-000001')).toMatchObject({ Status: 'Unknown', 'Last Error': expect.stringContaining('unclear error') });
    expect(reports()).toHaveLength(1);
    expect(reports()[0].body).toContain('statement:PO-000001');
    for (const hour of ['16', '17', '18']) {
      t.emu.clock.set(`2026-03-02T${hour}:00:00Z`);
      t.hourly();
    }
    expect(statements('Acme')).toHaveLength(0);
    expect(reports()).toHaveLength(1);
    expect(t.rows('Payouts')[0]['Statement Sent (UTC)']).not.toBe('');
  });
});

describe('the time budget', () => {
  test('a run whose time budget ends in the middle of statements sends each statement exactly once across runs', () => {
    trackerWithPayouts(6);
    runAsBoss();
    // Each email takes a minute of the run's time: the hourly run starts no send after 4.5 minutes.
    t.emu.calls.onRecord((name) => {
      if (name === 'MailApp.sendEmail') t.emu.clock.advance(60_000);
    });
    const [first] = t.hourly();
    expect(first).toMatchObject({ ok: true });
    const counts = () => PARTNERS.map((p) => statements(p).length);
    expect(summaries()).toHaveLength(1);
    // The summary, then 4 statements: 0, 1, 2, 3 and 4 minutes into the run; the fifth would start at 5.
    expect(counts()).toEqual([1, 1, 1, 1, 0, 0]);
    expect(Math.max(...counts())).toBe(1);

    t.emu.clock.set('2026-03-02T17:00:00Z');
    t.hourly();
    expect(counts()).toEqual([1, 1, 1, 1, 1, 1]);
    t.emu.clock.set('2026-03-02T18:00:00Z');
    t.hourly();
    expect(counts()).toEqual([1, 1, 1, 1, 1, 1]);
    expect(summaries()).toHaveLength(1);
    expect(reports()).toEqual([]);
    expect(t.rows('Payouts').map((p) => p['Statement Sent (UTC)'] !== '')).toEqual([true, true, true, true, true, true]);
    expect(
      ledger()
        .filter((r) => /^statement:/.test(r['Message ID']))
        .map((r) => r.Status),
    ).toEqual(['Sent', 'Sent', 'Sent', 'Sent', 'Sent', 'Sent']);
  });

  test('a run killed at 6 minutes in the middle of statements sends none twice; the one it was sending is reported', () => {
    trackerWithPayouts(6);
    runAsBoss();
    // The execution dies inside its fourth send (the summary and two statements went out).
    t.emu.faults.failOn({ call: 'MailApp.sendEmail', after: 3, fatal: true, message: 'Exceeded maximum execution time' });
    const [killed] = t.hourly();
    expect(killed).toMatchObject({ ok: false });
    const counts = () => PARTNERS.map((p) => statements(p).length);
    expect(counts()).toEqual([1, 1, 0, 0, 0, 0]);

    t.emu.clock.set('2026-03-02T16:00:00Z');
    t.hourly();
    // Delta's statement (PO-000003) may or may not have gone: it is reported, not sent again; the others go once.
    expect(counts()).toEqual([1, 1, 0, 1, 1, 1]);
    expect(reports()).toHaveLength(1);
    expect(reports()[0].body).toContain('statement:PO-000003');
    t.emu.clock.set('2026-03-02T17:00:00Z');
    t.hourly();
    expect(counts()).toEqual([1, 1, 0, 1, 1, 1]);
    expect(summaries()).toHaveLength(1);
    expect(reports()).toHaveLength(1);
  });
});

describe("with Google's latency modelled, the time budget keeps every run under 6 minutes", () => {
  test('each send costs 70 s of virtual time: the hourly run stops sending before Apps Script would end it, and later runs send the rest, each statement once', () => {
    trackerWithPayouts(6);
    runAsBoss();
    // The default costs for every call (tens of ms a read or write), and a slow mail server.
    t.emu.ctx.options.latency = { ...t.emu.ctx.options.latency, enabled: true, scale: 1, costs: { 'MailApp.sendEmail': 70000 } };
    const runs: Array<{ ok: boolean; error?: string }> = [];
    const counts = () => PARTNERS.map((p) => statements(p).length);
    for (let hour = 16; hour <= 19 && counts().some((n) => n === 0); hour++) {
      t.emu.clock.set(`2026-03-02T${hour}:00:00Z`);
      runs.push(...t.hourly());
    }
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.filter((r) => !r.ok)).toEqual([]);
    expect(counts()).toEqual([1, 1, 1, 1, 1, 1]);
    expect(summaries()).toHaveLength(1);
    expect(reports()).toHaveLength(0);
  });
});

/** A write of one cell holding a UTC date-time (a Sent stamp), as the grid passed to Range.setValues. */
function isStampColumn(grid: unknown): boolean {
  return Array.isArray(grid) && grid.length === 1 && Array.isArray(grid[0]) && grid[0].length === 1 && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(String(grid[0][0]));
}

describe('every write step of a payout run can fail once: after a re-run nothing is lost and nothing doubled', () => {
  type Step = { name: string; fault: Parameters<Tracker['emu']['faults']['failOn']>[0] };
  const steps: Step[] = [
    { name: 'writing the run row', fault: { call: 'Range.setValues', sheetName: 'Payout Runs' } },
    { name: 'stamping the lines (payout IDs)', fault: { call: 'Range.setValues', sheetName: 'Commissions' } },
    { name: 'stamping the lines (their seals)', fault: { call: 'Range.setValues', sheetName: 'Commissions', after: 1 } },
    { name: 'writing the payouts', fault: { call: 'Range.setValues', sheetName: 'Payouts' } },
    // The counters live in the tracker's state: the write of the one holding PO-.
    { name: 'recording the payout IDs issued', fault: { call: 'DeveloperMetadata.setValue', withArgs: (args: readonly unknown[]) => String(args[0]).includes('"PO-"') } },
    { name: 'marking the run complete', fault: { call: 'Range.setValues', sheetName: 'Payout Runs', after: 1 } },
    { name: 'writing the summary to the Mail Queue', fault: { call: 'Range.setValues', sheetName: 'Mail Queue' } },
    { name: 'stamping the summary Sending', fault: { call: 'Range.setValues', sheetName: 'Mail Queue', after: 1 } },
    { name: 'stamping the summary Sent', fault: { call: 'Range.setValues', sheetName: 'Mail Queue', after: 2 } },
    { name: 'stamping Summary Sent on the run', fault: { call: 'Range.setValues', sheetName: 'Payout Runs', after: 2 } },
    { name: 'writing the statement to the Mail Queue', fault: { call: 'Range.setValues', sheetName: 'Mail Queue', after: 3 } },
    { name: 'stamping the statement Sending', fault: { call: 'Range.setValues', sheetName: 'Mail Queue', after: 4 } },
    { name: 'stamping the statement Sent', fault: { call: 'Range.setValues', sheetName: 'Mail Queue', after: 5 } },
    // The one-column write of the stamp (the approval before it writes the Payouts tab too).
    { name: 'stamping Statement Sent on the payout', fault: { call: 'Range.setValues', sheetName: 'Payouts', withArgs: (args: readonly unknown[]) => isStampColumn(args[0]) } },
  ];

  const check = () => {
    expect(t.rows('Payouts')).toEqual([expect.objectContaining({ 'Payout ID': 'PO-000001', 'Partner ID': 'P-000001', Net: '1,000.00', Lines: '1', Status: 'Approved' })]);
    expect(t.rows('Commissions').map((c) => [c['Commission ID'], c['Payout ID'], c.Status])).toEqual([['C-000001', 'PO-000001', 'Approved']]);
    expect(t.rows('Payout Runs')).toEqual([expect.objectContaining({ Status: 'Complete', Payouts: '1', Total: '1,000.00' })]);
    const reported = reports()
      .map((m) => m.body)
      .join('\n');
    // Each email went at most once, and one that did not go was reported to the managers: never twice, never silently lost.
    // (A crash between sending and stamping reports one that did go: the tracker cannot know.)
    expect(summaries().length).toBeLessThanOrEqual(1);
    expect(summaries().length === 1 || reported.includes('summary:2026-02-01..2026-02-28')).toBe(true);
    expect(statements('Acme').length).toBeLessThanOrEqual(1);
    expect(statements('Acme').length === 1 || reported.includes('statement:PO-000001')).toBe(true);
    expect(reports().length).toBeLessThanOrEqual(1);
    expect(ledger().filter((r) => r.Status === 'Sending' || r.Status === 'Queued')).toEqual([]);
  };

  for (const fatal of [false, true]) {
    test.each(steps)(`${fatal ? 'the run dies' : 'a call fails'} at $name`, ({ fault }) => {
      trackerWithPayouts(1);
      t.emu.faults.failOn({ ...fault, fatal });
      // The owner runs payouts from the sidebar: the run writes, then mails the summary at once; a manager approves the
      // Draft, and the owner's hourly run mails the statement. A run that dies throws (the hourly one reports it).
      try {
        t.emu.run('apiRunPayouts', []);
      } catch {
        expect(fatal).toBe(true);
      }
      approveAsBoss();
      t.hourly();
      expect(t.emu.faults.fired()).toHaveLength(1);
      t.emu.faults.clear();
      // A re-run, and the reconciler (the hourly run) an hour later.
      t.emu.run('apiRunPayouts', []);
      approveAsBoss();
      t.emu.clock.set('2026-03-02T16:00:00Z');
      t.hourly();
      t.emu.clock.set('2026-03-02T17:00:00Z');
      t.hourly();
      check();
    });
  }
});

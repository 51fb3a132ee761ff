/**
 * The edit trigger (per edit, by teammates with the roles the edits need),
 * Closed Won with its commissions (the owner's, and a teammate's finished by
 * the hourly run), approvals, and verifying the Audit Log, at 1k, 10k and
 * 100k leads, through the built bundle. Spreadsheet calls must not grow with
 * the tabs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BenchRow, measure, named } from './harness';
import {
  ANA,
  BOSS,
  EditLog,
  OWNER,
  SIZES,
  appendChainedAuditRows,
  block,
  cell,
  check,
  columnValues,
  expectEditHandled,
  expectHourlyRan,
  expectOk,
  hourlyTrigger,
  lastRow,
  logFromHere,
} from './fixtures';
import { trackerWithLeads } from './leads.bench';

interface MoveData {
  status: string;
  notice: string | null;
}

export function runCommissionsBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const out: BenchRow[] = [];
  for (const size of SIZES) {
    const emu = trackerWithLeads(buildDir, code, size);
    const auditGrew = (before: number, by: number) => check(lastRow(emu, 'audit') === before + by, `the Audit Log grew by ${lastRow(emu, 'audit') - before}, not ${by}`);

    let log = logFromHere(emu);
    let audit = lastRow(emu, 'audit');
    out.push(
      named(
        'edit-single-cell',
        measure(
          emu,
          'edit trigger: one cell, audited',
          size,
          () => emu.editAsUser(cell('leads', 'notes', 5), 'called them', ANA),
          (r) => {
            expectEditHandled(r, log(), 'the edit');
            auditGrew(audit, 1);
          },
        ),
      ),
    );
    log = logFromHere(emu);
    audit = lastRow(emu, 'audit');
    out.push(
      measure(
        emu,
        'edit trigger: paste 10×2, audited',
        size,
        () =>
          emu.editAsUser(
            block('leads', 'contactName', 'contactEmail', 10, 19),
            Array.from({ length: 10 }, (_, i) => [`Name ${i}`, `n${i}@x.example`]),
            ANA,
          ),
        (r) => {
          expectEditHandled(r, log(), 'the paste');
          auditGrew(audit, 20);
        },
      ),
    );
    // L-000001 is New in the fixture: New → Closed Won is not a move the pipeline allows.
    log = logFromHere(emu);
    out.push(
      measure(
        emu,
        'edit trigger: illegal status, reverted',
        size,
        () => emu.editAsUser(cell('leads', 'status', 2), 'Closed Won', ANA),
        (r) => {
          const logged = expectEditHandled(r, log(), 'the edit');
          check(logged?.putBack.includes(2), `row 2 was not put back: ${JSON.stringify(logged)}`);
          check(columnValues(emu, 'leads', 'status', 2, 1)[0] === 'New', 'the status is not New again');
        },
      ),
    );
    // L-000003 and L-000010 are Qualified in the fixture.
    out.push(
      named(
        'closed-won',
        measure(
          emu,
          'Closed Won (sidebar, owner) → commissions',
          size,
          () => emu.run('apiMoveLead', ['L-000003', { to: 'Closed Won', dealAmount: 12000, closedOn: '2026-03-01' }]),
          (r) => {
            const data = expectOk<MoveData>(r, 'apiMoveLead');
            check(data.status === 'Closed Won' && data.notice?.startsWith('Created commission'), `no commission lines: ${data.notice}`);
          },
        ),
      ),
    );
    out.push(
      measure(
        emu,
        'Closed Won (sidebar, teammate) → left for the hourly run',
        size,
        () => emu.run('apiMoveLead', ['L-000010', { to: 'Closed Won', dealAmount: 8000, closedOn: '2026-03-01' }], { user: ANA }),
        (r) => {
          const data = expectOk<MoveData>(r, 'apiMoveLead');
          check(data.status === 'Closed Won' && data.notice?.includes('automation'), `not left for the automation: ${data.notice}`);
        },
      ),
    );
    log = logFromHere(emu);
    const hourly = hourlyTrigger(emu);
    out.push(
      measure(
        emu,
        "hourly run: lines for the teammate's deal",
        size,
        () => emu.fireTimeTrigger(hourly),
        (runs) => {
          const steps = expectHourlyRan(runs, log());
          check((steps["teammates' deals"] as string[]).length > 0, `no lines written: ${JSON.stringify(steps)}`);
          check('skipped' in (steps.payouts as object), `the hourly run paid out: ${JSON.stringify(steps.payouts)}`);
        },
      ),
    );
    // Only the owner may type in a commission's Amount (Google enforces it); the formula comes back anyway.
    log = logFromHere(emu);
    out.push(
      measure(
        emu,
        'edit trigger: amount overwritten, restored',
        size,
        () => emu.editAsUser(cell('commissions', 'amount', 2), '1', OWNER),
        (r) => {
          const logged = expectEditHandled(r, log(), 'the edit');
          check(logged?.restored.includes(2), `the formula was not restored: ${JSON.stringify(logged)}`);
        },
      ),
    );
    // A manager may type in the Status column (Google lets them), but commission statuses change in the sidebar only.
    const statuses = columnValues(emu, 'commissions', 'status', 2, 10);
    log = logFromHere(emu);
    out.push(
      measure(
        emu,
        'edit trigger: 10 Commissions statuses pasted (manager), put back',
        size,
        () =>
          emu.editAsUser(
            block('commissions', 'status', 'status', 2, 11),
            Array.from({ length: 10 }, () => ['Paid']),
            BOSS,
          ),
        (r) => {
          const logged = expectEditHandled<EditLog>(r, log(), 'the paste');
          check(logged?.putBack.length === 10, `put back ${logged?.putBack.length ?? 0} rows, not 10: ${JSON.stringify(logged)}`);
          check(JSON.stringify(columnValues(emu, 'commissions', 'status', 2, 10)) === JSON.stringify(statuses), 'the statuses are not what they were');
        },
      ),
    );
    out.push(
      measure(
        emu,
        'approvals list',
        size,
        () => emu.run('apiListApprovals', [], { user: BOSS }),
        (r) => {
          check(expectOk<{ groups: unknown[] }>(r, 'apiListApprovals').groups.length > 0, 'nothing to approve');
        },
      ),
    );

    // The Plan simulator replays February's won deals (every 7th lead) under the fixture's two rules: reads only.
    out.push(
      named(
        'plan-simulator',
        measure(
          emu,
          'plan simulator: a month replayed (manager)',
          size,
          () => emu.run('apiSimulatePlan', [{ kind: 'month', start: '2026-02-01' }, ['R-000001', 'R-000002']], { user: BOSS }),
          (r) => {
            const totals = expectOk<{ totals: { deals: number; planCents: number } }>(r, 'apiSimulatePlan').totals;
            check(totals.deals > 0 && totals.planCents > 0, `nothing replayed: ${JSON.stringify(totals)}`);
          },
        ),
      ),
    );

    // An Audit Log of `size` chained rows, then verify it.
    const existing = lastRow(emu, 'audit') - 1;
    appendChainedAuditRows(emu, Date.UTC(2026, 0, 1), size);
    emu.calls.reset();
    out.push(
      measure(
        emu,
        'verify audit log',
        size + existing,
        () => emu.run('menuVerifyAuditLog'),
        () => {
          const verdict = emu.services.ui.alerts.pop()?.prompt ?? '';
          check(verdict.startsWith('Intact'), `the generated audit log did not verify: ${verdict}`);
        },
      ),
    );
  }
  return out;
}

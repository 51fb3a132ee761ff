/**
 * A payout run over 1k, 10k and 100k commission rows (500 partners, 450 of
 * them paid), through the built bundle: a manager's preview and run (payouts
 * and stamps), the owner's hourly run that sends the summary and the
 * statements (only the tracker's account sends mail), an idempotent re-run.
 * Calls must not grow with rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Emulator } from '../emulator';
import { lineCells } from '../src/commissions/commission-store';
import { amountFormula } from '../src/domain/commissions';
import { formatId } from '../src/tracker/ids';
import { dateCell, moneyCell, utcDateTimeCell } from '../src/tracker/cells';
import { BenchRow, measure } from './harness';
import { BOSS, CFO, OWNER, SIZES, appendRecords, check, expectHourlyRan, expectOk, hourlyTrigger, leadId, logFromHere, newTracker, partnerId, partnerRecords, setSetting } from './fixtures';

const PARTNERS = 500;
/**
 * Partners paid at every size: the 50 partners whose lines all sit on rows
 * i % 10 === 9 are Payable, not yet Approved (the ten of them with clawbacks
 * included), so they are not in the run.
 */
const PAID = 450;

interface RunData {
  run: { status: string; created: string[]; summary: string };
  view: { rows: unknown[] };
}

function trackerWithCommissions(buildDir: string, code: string, rows: number): Emulator {
  const now = '2026-03-02T15:00:00Z';
  const emu = newTracker(code, {
    buildDir,
    now,
    team: [
      [BOSS, 'Manager'],
      [CFO, 'Manager'],
    ],
  });
  // The 28th: February's run is the managers' to start, not yet the schedule's.
  setSetting(emu, 'payoutDay', '28');
  const created = new Date(now);
  appendRecords(emu, 'partners', () =>
    partnerRecords(
      PARTNERS,
      (n) => `Partner ${n} <GmbH>`,
      (n) => `p${n}@partner.example`,
      created,
    ),
  );
  appendRecords(emu, 'commissions', (table, first) =>
    Array.from({ length: rows }, (_, i) => {
      const clawback = i % 50 === 49;
      const dealCents = clawback ? -100000 : (1000 + (i % 97)) * 100;
      const line = {
        kind: clawback ? ('Clawback' as const) : ('Base' as const),
        ruleId: 'R-000001',
        dealAmountCents: dealCents,
        rate: 0.1,
        flatCents: null,
        capCents: null,
        amountCents: Math.round(dealCents / 10),
        payableOn: '2026-02-15',
      };
      return lineCells(
        table,
        first + i,
        line,
        {
          id: formatId('C-', i + 1),
          leadId: leadId(i + 1),
          partnerId: partnerId((i % PARTNERS) + 1),
          status: i % 10 === 9 && !clawback ? 'Payable' : 'Approved',
          now: created,
          approvedBy: clawback ? 'tracker (clawback)' : i % 10 === 9 ? undefined : CFO,
        },
        amountFormula,
      );
    }),
  );
  emu.calls.reset();
  return emu;
}

export function runPayoutsBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const out: BenchRow[] = [];
  for (const size of SIZES) {
    const emu = trackerWithCommissions(buildDir, code, size);
    let previewed = 0;
    out.push(
      measure(
        emu,
        'payout preview (500 partners)',
        size,
        () => emu.run('apiPreviewPayouts', [undefined], { user: BOSS }),
        (r) => {
          previewed = expectOk<{ rows: unknown[] }>(r, 'apiPreviewPayouts').rows.length;
          check(previewed === PAID, `${previewed} payouts previewed, not ${PAID}`);
        },
      ),
    );
    out.push(
      measure(
        emu,
        `payout run (manager): ${PAID} payouts, mail left to the hourly run`,
        size,
        () => emu.run('apiRunPayouts', [undefined], { user: BOSS }),
        (r) => {
          const { run } = expectOk<RunData>(r, 'apiRunPayouts');
          check(run.status === 'complete' && run.created.length === previewed, `the run was ${run.status} with ${run.created.length} payouts (previewed ${previewed})`);
          check(emu.services.mail.outbox.length === 0, "a manager's run sent mail");
        },
      ),
    );
    const hourly = hourlyTrigger(emu);
    const log = logFromHere(emu);
    out.push(
      measure(
        emu,
        `hourly run: payout summary + ${PAID} statements`,
        size,
        () => emu.fireTimeTrigger(hourly),
        (runs) => {
          const steps = expectHourlyRan(runs, log());
          check((steps['payout mail'] as string[]).length === 1, `payout mail: ${JSON.stringify(steps['payout mail'])}`);
          const summary = emu.services.mail.sentTo(BOSS);
          check(summary.length === 1 && (summary[0].htmlBody ?? '').length <= 200_000, 'the summary email is missing or over 200 KB');
          const statements = emu.services.mail.outbox.filter((m) => m.to.some((t) => t.endsWith('@partner.example'))).length;
          check(statements === previewed, `${statements} statements sent for ${previewed} payouts`);
        },
      ),
    );
    out.push(
      measure(
        emu,
        'payout re-run (idempotent)',
        size,
        () => emu.run('apiRunPayouts', [undefined], { user: BOSS }),
        (r) => {
          const { run } = expectOk<RunData>(r, 'apiRunPayouts');
          check(run.status === 'already complete', `the re-run was ${run.status}`);
        },
      ),
    );
  }
  return out;
}

/**
 * Issue 15's payout files over 1k, 10k and 100k Approved payouts of one month (500 partners, paid by
 * PayPal, Wise or bank transfer in turn): the per-method export (PayPal split at 5,000 rows, Wise at
 * 1,000) and PayPal's report read back (every PayPal payout marked Paid). Calls must not grow with rows.
 */
function trackerWithApprovedPayouts(buildDir: string, code: string, size: number): Emulator {
  const now = '2026-03-02T15:00:00Z';
  const emu = newTracker(code, { buildDir, now, team: [[BOSS, 'Manager']] });
  const created = new Date(now);
  const methods = ['PayPal', 'Wise', 'Bank transfer'];
  appendRecords(emu, 'partners', () =>
    partnerRecords(
      PARTNERS,
      (n) => `Partner ${n}`,
      (n) => `p${n}@partner.example`,
      created,
    ).map((p, i) => ({
      ...p,
      payoutMethod: methods[i % 3],
      payoutAccount: i % 3 === 2 ? `IBAN DE89 3704 0044 0532 0130 ${String(i).padStart(2, '0')}` : `pay${i + 1}@partner.example`,
    })),
  );
  appendRecords(emu, 'payouts', () =>
    Array.from({ length: size }, (_, i) => ({
      id: formatId('PO-', i + 1),
      periodStart: dateCell('2026-02-01'),
      periodEnd: dateCell('2026-02-28'),
      partnerId: partnerId((i % PARTNERS) + 1),
      gross: moneyCell(10000 + i),
      clawbacks: moneyCell(0),
      net: moneyCell(10000 + i),
      lines: 1,
      status: 'Approved',
      createdAt: utcDateTimeCell(created),
      approvedBy: BOSS,
      approvedAt: utcDateTimeCell(created),
    })),
  );
  emu.calls.reset();
  return emu;
}

export function runPayoutFilesBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const out: BenchRow[] = [];
  for (const size of SIZES) {
    const emu = trackerWithApprovedPayouts(buildDir, code, size);
    const paypal: string[] = [];
    out.push(
      measure(
        emu,
        'payout files export (PayPal, Wise, bank)',
        size,
        () => emu.run('apiExportPayoutFiles', [null, null], { user: OWNER }),
        (r) => {
          const files = expectOk<{ files: Array<{ kind: string; payouts: number }>; notExported: unknown[] }>(r, 'apiExportPayoutFiles');
          check(files.notExported.length === 0 && files.files.reduce((n, f) => n + f.payouts, 0) === size, `exported ${JSON.stringify(files.files)}`);
          for (const f of emu.services.drive.list().filter((d) => d.name.includes('PayPal'))) paypal.push(...f.content.trim().split('\r\n'));
        },
      ),
    );
    const report = ['Transaction ID,Customer ID,Amount,Currency,Status', ...paypal.map((line, i) => `TX-${i},${line.split(',')[3]},${line.split(',')[1]},USD,Success`)].join('\r\n');
    out.push(
      measure(
        emu,
        "payout results import (PayPal's report: a third of the payouts Paid)",
        size,
        () => emu.run('apiImportPayoutResults', ['report.csv', report], { user: OWNER }),
        (r) => {
          const result = expectOk<{ paid: unknown[]; unmatched: unknown[] }>(r, 'apiImportPayoutResults');
          check(result.paid.length === paypal.length && result.unmatched.length === 0, `${result.paid.length} paid of ${paypal.length}, ${result.unmatched.length} unmatched`);
        },
      ),
    );
  }
  return out;
}

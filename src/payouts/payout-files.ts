import { appendAudit } from '../audit/audit-log';
import { InputError } from '../domain/input-error';
import { Period } from '../domain/payouts/types';
import { PayoutFileRow, planPayoutFiles } from '../domain/payouts/provider-files';
import { parseResultFile, planResultImport } from '../domain/payouts/result-files';
import { readPartners } from '../partners/partner-store';
import { requireRole } from '../team/access';
import { todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { readPayouts } from './payout-store';
import { markEachPaid } from './states';

/**
 * Finance's payout files (issue 15): the chosen Approved payouts of a period, one file per provider
 * format in the person's Drive (domain/payouts/provider-files.ts), each file audited; and a
 * provider's result file read back, marking the payouts it paid Paid with the provider's reference
 * through the same code as "mark paid" (states.ts), every other row reported with why.
 */
export interface PayoutFilesOutcome {
  files: Array<{ name: string; url: string; kind: string; currency: string; payouts: number; totalCents: number }>;
  /** Chosen payouts in no file, each with why (their partner's payout details, or their state). */
  notExported: Array<{ payoutId: string; reason: string }>;
  /** In the generic file because the partner has no Payout Method yet. */
  noMethod: string[];
}

export function exportPayoutFiles(ctx: TrackerContext, period: Period, chosen: readonly string[] | null): PayoutFilesOutcome {
  requireRole(ctx, 'exportPayouts');
  const settings = readSettings(ctx.ss).settings;
  const partners = new Map(readPartners(ctx.ss, ctx.timeZone).map((p) => [p.id, p]));
  const inPeriod = readPayouts(TrackerTable.open(ctx.ss, 'payouts'), ctx.timeZone).filter((p) => p.periodStart === period.start && p.periodEnd === period.end);
  const byId = new Map(inPeriod.map((p) => [p.id, p]));
  const notExported: PayoutFilesOutcome['notExported'] = [];
  const wanted = chosen ?? inPeriod.filter((p) => p.status === 'Approved').map((p) => p.id);
  const rows: PayoutFileRow[] = [];
  for (const id of new Set(wanted)) {
    const p = byId.get(id);
    const partner = p && partners.get(p.partnerId);
    // Only payouts the tracker itself recorded as approved (by a manager) go to finance; a status typed over a Draft does not.
    if (!p) notExported.push({ payoutId: id, reason: `${id} is not a payout of ${period.label}.` });
    else if (p.status !== 'Approved') notExported.push({ payoutId: id, reason: `${id} is ${p.status || 'blank'}; only Approved payouts not yet paid are exported.` });
    else if (p.held || !p.approvedBy) notExported.push({ payoutId: id, reason: `${id} is held: ${p.held ?? 'no manager approved it'}.` });
    else if (p.netCents <= 0) notExported.push({ payoutId: id, reason: `${id} has nothing to pay.` });
    else if (!partner) notExported.push({ payoutId: id, reason: `${id}'s partner ${p.partnerId} is not on the Partners tab, or its row has problems (see its Problems column).` });
    else {
      rows.push({
        payoutId: p.id,
        partnerId: p.partnerId,
        partnerName: partner.name,
        contactEmail: partner.contactEmail,
        method: partner.payoutMethod ?? '',
        account: partner.payoutAccount ?? '',
        netCents: p.netCents,
        currency: settings.currency,
      });
    }
  }
  const plan = planPayoutFiles(rows, period);
  notExported.push(...plan.notExported.map((x) => ({ payoutId: x.payoutId, reason: x.reason })));
  if (plan.files.length === 0) {
    const why = notExported.length ? ` ${notExported.map((x) => x.reason).join(' ')}` : ` There are no Approved payouts in ${period.label}: approve the Draft payouts first.`;
    throw new InputError(`No payout file was written.${why}`);
  }
  const files = plan.files.map((f) => {
    const file = DriveApp.createFile(f.name, f.content, 'text/csv');
    return { name: file.getName(), url: file.getUrl(), kind: f.kind, currency: f.currency, payouts: f.payoutIds.length, totalCents: f.totalCents, ids: f.payoutIds };
  });
  // One entry per file: who exported which payouts, in which format, to which Drive file.
  withDocumentLock(ctx.ss, () =>
    appendAudit(
      ctx,
      files.map((f) => ({
        at: ctx.now,
        user: ctx.actor,
        source: ctx.source,
        tab: 'Payouts',
        range: '',
        recordId: f.ids.length > 3 ? `${f.ids[0]} … ${f.ids[f.ids.length - 1]}` : f.ids.join(' '),
        field: '(payout file export)',
        oldValue: '',
        newValue: `${f.name} (${f.kind}, ${f.payouts} payouts, ${f.currency} ${(f.totalCents / 100).toFixed(2)}): ${f.ids.join(' ')}; ${f.url}`,
      })),
    ),
  );
  return { files: files.map(({ ids: _ids, ...f }) => f), notExported, noMethod: plan.noMethod };
}

export interface PayoutResultsOutcome {
  provider: string;
  paid: Array<{ payoutId: string; reference: string; paidOn: string }>;
  alreadyPaid: string[];
  /** Every row that changed nothing, with its line in the file and why. */
  unmatched: Array<{ line: number; payoutId: string; reference: string; reason: string }>;
}

/** The largest result file read (characters): a PayPal or Wise report of 5,000 payouts is well under 2 MB. */
export const RESULT_FILE_MAX = 5_000_000;

export function importPayoutResults(ctx: TrackerContext, fileName: string, text: string): PayoutResultsOutcome {
  requireRole(ctx, 'markPaid');
  let grid: string[][];
  try {
    grid = Utilities.parseCsv(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw InputError.field('file', `${fileName || 'The file'} is not a CSV file the tracker can read (${e instanceof Error ? e.message : String(e)}). Download the report as CSV.`);
  }
  const parsed = parseResultFile(grid);
  if (!parsed.ok) throw InputError.field('file', parsed.reason);
  const settings = readSettings(ctx.ss).settings;
  return withDocumentLock(ctx.ss, () => {
    const table = TrackerTable.open(ctx.ss, 'payouts');
    const payouts = readPayouts(table, ctx.timeZone);
    const plan = planResultImport(parsed.provider, parsed.rows, new Map(payouts.map((p) => [p.id, p])), settings.currency, todayIn(ctx.timeZone, ctx.now));
    const marked = markEachPaid(
      ctx,
      plan.pay.map((p) => ({ id: p.payoutId, reference: p.reference, paidOn: p.paidOn })),
      { table, payouts },
    );
    const lineOf = new Map(plan.pay.map((p) => [p.payoutId, p]));
    const unmatched = [...plan.unmatched, ...marked.refused.map((r) => ({ line: lineOf.get(r.id)?.line ?? 0, payoutId: r.id, reference: lineOf.get(r.id)?.reference ?? '', reason: r.reason }))].sort(
      (a, b) => a.line - b.line,
    );
    const paid = plan.pay.filter((p) => marked.changed.includes(p.payoutId)).map(({ payoutId, reference, paidOn }) => ({ payoutId, reference, paidOn }));
    // The import itself, with every row it left alone and why: the report stays in the Audit Log, not only on screen.
    appendAudit(ctx, [
      {
        at: ctx.now,
        user: ctx.actor,
        source: ctx.source,
        tab: 'Payouts',
        range: '',
        recordId: '',
        field: '(payout results import)',
        oldValue: '',
        newValue:
          `${fileName || 'a pasted file'} (${parsed.provider}): ${paid.length} marked Paid, ${plan.alreadyPaid.length} already Paid with the same reference, ${unmatched.length} not matched` +
          unmatched.map((u) => `; line ${u.line}: ${u.reason}`).join(''),
      },
    ]);
    return { provider: parsed.provider, paid, alreadyPaid: plan.alreadyPaid.map((a) => a.payoutId), unmatched };
  });
}

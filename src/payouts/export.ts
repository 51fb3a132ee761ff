import { appendAudit } from '../audit/audit-log';
import { payoutsCsv } from '../domain/payouts';
import { withDocumentLock } from '../tracker/lock';
import { Period } from '../domain/payouts/types';
import { readPartners } from '../partners/partner-store';
import { TrackerContext } from '../tracker/context';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { readPayouts } from './payout-store';

/** The file an export wrote to the person's Drive. */
export interface PayoutExportFile {
  fileName: string;
  url: string;
  rows: number;
}

/**
 * "Export payouts" (Finance): the period's Approved payouts as a CSV file in the user's
 * Drive (drive.file scope: only files the add-on creates), in the generic
 * bank/PayPal-payouts layout documented in the README.
 */
export function exportPayouts(ctx: TrackerContext, period: Period): PayoutExportFile {
  const settings = readSettings(ctx.ss).settings;
  const partners = new Map(readPartners(ctx.ss, ctx.timeZone).map((p) => [p.id, p]));
  const approved = readPayouts(TrackerTable.open(ctx.ss, 'payouts'), ctx.timeZone).filter(
    (p) => p.periodStart === period.start && p.periodEnd === period.end && p.status === 'Approved' && p.netCents > 0,
  );
  // Only payouts the tracker itself recorded as approved (by a manager) go to finance; a status typed over a Draft does not.
  const held = approved.filter((p) => p.held || !p.approvedBy);
  if (held.length) {
    throw new Error(`Not exported: ${held.map((p) => `${p.id} (${p.held ?? 'no manager approved it'})`).join('; ')}. Approve payouts in the sidebar's Payouts view.`);
  }
  if (approved.length === 0) throw new Error(`There are no Approved payouts for ${period.label} to export. Approve the Draft payouts first.`);
  const csv = payoutsCsv(
    approved.map((p) => ({
      payoutId: p.id,
      partnerId: p.partnerId,
      partnerName: partners.get(p.partnerId)?.name ?? p.partnerId,
      email: partners.get(p.partnerId)?.contactEmail ?? '',
      netCents: p.netCents,
      currency: settings.currency,
      period,
    })),
  );
  const fileName = `${settings.programmeName} payouts ${period.start} to ${period.end}.csv`;
  const file = DriveApp.createFile(fileName, csv, 'text/csv');
  // Who exported which payouts, to which file (as the per-method payout files are).
  const ids = approved.map((p) => p.id);
  withDocumentLock(ctx.ss, () =>
    appendAudit(ctx, [
      {
        at: ctx.now,
        user: ctx.actor,
        source: ctx.source,
        tab: 'Payouts',
        range: '',
        recordId: ids.length > 3 ? `${ids[0]} … ${ids[ids.length - 1]}` : ids.join(' '),
        field: '(payout export)',
        oldValue: '',
        newValue: `${file.getName()} (generic CSV, ${ids.length} payouts): ${ids.join(' ')}; ${file.getUrl()}`,
      },
    ]),
  );
  return { fileName: file.getName(), url: file.getUrl(), rows: approved.length };
}

import { AttentionFacts, attentionItems, headlines } from '../domain/attention';
import { automationView } from '../sidebar-api/automation-view';
import { AttentionView } from '../sidebar-api/contract';
import { readCents, readIsoDate, readText, readUtcDateTime, todayIn } from '../tracker/cells';
import { trackerContext } from '../tracker/context';
import { TABS, TabKey } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';
import { KeyStore } from '../tracker/state';
import { readSyncState } from '../hubspot/sync-state';

/**
 * Home's "needs attention today" and headline numbers (domain/attention.ts):
 * a few columns of Leads, Commissions, Payouts and the Form Inbox, and the
 * Problems column of the tabs that have one, each read in one call per run of
 * adjacent columns whatever the number of rows. A tab that is missing counts
 * as empty (Home shows setup first).
 */
const PROBLEM_TABS: readonly TabKey[] = TABS.filter((t) => t.columns.some((c) => c.key === 'problems')).map((t) => t.key);

export function attentionView(): AttentionView {
  const ctx = trackerContext('sidebar');
  const { ss, timeZone } = ctx;
  const leads = TrackerTable.tryOpen(ss, 'leads')?.readColumns(['status', 'protectedUntil', 'estimatedValue', 'dealAmount', 'closedOn'] as const, ['protectedUntil']);
  const lines = TrackerTable.tryOpen(ss, 'commissions')?.readColumns(['status', 'amount'] as const);
  const payouts = TrackerTable.tryOpen(ss, 'payouts')?.readColumns(['status', 'net', 'paidAt'] as const);
  const inbox = TrackerTable.tryOpen(ss, 'inbox')?.readColumns(['status'] as const);
  const applications = TrackerTable.tryOpen(ss, 'applications')?.readColumns(['status'] as const);
  const automation = automationView(ctx);
  const facts: AttentionFacts = {
    today: todayIn(timeZone, ctx.now),
    leads: (leads?.status ?? []).map((status, i) => ({
      status: readText(status),
      protectedUntil: readIsoDate(leads!.protectedUntil[i], timeZone),
      estimateCents: readCents(leads!.estimatedValue[i]),
      dealCents: readCents(leads!.dealAmount[i]),
      closedOn: readIsoDate(leads!.closedOn[i], timeZone),
    })),
    commissionStatuses: (lines?.status ?? []).map((status, i) => ({ status: readText(status), amountCents: readCents(lines!.amount[i]) })),
    payouts: (payouts?.status ?? []).map((status, i) => ({
      status: readText(status),
      netCents: readCents(payouts!.net[i]),
      paidOn: readUtcDateTime(payouts!.paidAt[i], timeZone)?.toISOString().slice(0, 10) ?? '',
    })),
    inboxStatuses: (inbox?.status ?? []).map(readText),
    applicationStatuses: (applications?.status ?? []).map(readText),
    problemRows: PROBLEM_TABS.map((key) => {
      const table = TrackerTable.tryOpen(ss, key);
      // A tracker set up before schema 8 has no Problems column until it is upgraded.
      const cells = table && table.has('problems') ? (table as TrackerTable).readColumns(['problems']).problems : [];
      return { tab: TABS.find((t) => t.key === key)!.name, rows: cells.filter((v) => readText(v) !== '').length };
    }),
    automation: { state: automation.state, message: automation.message },
    hubspotConflicts: readSyncState(new KeyStore(ss)).conflicts?.length ?? 0,
  };
  return { items: attentionItems(facts), headlines: headlines(facts) };
}

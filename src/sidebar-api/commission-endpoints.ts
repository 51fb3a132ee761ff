import * as z from 'zod/mini';
import { lazy } from '../domain/lazy';
import { DecisionOutcome, decideCommissions, promotePayable } from '../commissions/decisions';
import { isDueForPayable } from '../domain/commissions';
import { processPendingCommissionWork } from '../commissions/engine';
import { readCommissions } from '../commissions/commission-store';
import { InputError } from '../domain/input-error';
import { readPartners } from '../partners/partner-store';
import { readText, todayIn } from '../tracker/cells';
import { trackerContext } from '../tracker/context';
import { whyNot } from '../team/access';
import { withDocumentLock } from '../tracker/lock';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { ApprovalGroup, ApprovalsList, BulkCommissionResult } from './contract';
import { endpoint, NO_ARGUMENTS, writeEndpoint } from './endpoint';

/** The sidebar's Approvals view: payable commissions by partner, approved or voided in bulk. */
const SOURCE = 'sidebar';
const IDS = /* @__PURE__ */ lazy(() =>
  z
    .array(z.string().check(z.regex(/^C-\d{6,}$/, { error: 'Commission IDs look like C-000001' })))
    .check(z.minLength(1, { error: 'Select at least one commission' }), z.maxLength(500, { error: 'At most 500 commissions at a time' })),
);

export const apiListApprovals = /* @__PURE__ */ endpoint(NO_ARGUMENTS, (): ApprovalsList => {
  const ctx = trackerContext(SOURCE);
  const settings = readSettings(ctx.ss).settings;
  const why = whyNot(ctx, 'approveCommissions');
  const table = TrackerTable.open(ctx.ss, 'commissions');
  const today = todayIn(ctx.timeZone, ctx.now);
  const stored = readCommissions(table, ctx.timeZone);
  // Lines whose holding period ended since the daily run (or with none) are payable now: a manager's view
  // makes them so (idempotent, under the lock, which reads them again); anyone else sees them as the manager will.
  const due = stored.filter((c) => !c.held && isDueForPayable(c, today));
  if (due.length && why === null) withDocumentLock(ctx.ss, () => promotePayable(ctx));
  const lines = stored.filter((c) => (c.status === 'Payable' || isDueForPayable(c, today)) && !c.held).map((c) => ({ ...c, status: 'Payable' }));
  const leads = TrackerTable.open(ctx.ss, 'leads').readColumns(['id', 'company'] as const);
  const companies = new Map(leads.id.map((id, i) => [readText(id), readText(leads.company[i])]));
  const names = new Map(readPartners(ctx.ss, ctx.timeZone).map((p) => [p.id, p.name]));
  const groups = new Map<string, ApprovalGroup>();
  for (const c of lines) {
    const group = groups.get(c.partnerId) ?? { partnerId: c.partnerId, partnerName: names.get(c.partnerId) ?? c.partnerId, lines: [], total: 0 };
    const amount = (c.amountCents ?? 0) / 100;
    group.lines.push({
      id: c.id,
      leadId: c.leadId,
      company: companies.get(c.leadId) ?? '',
      partnerId: c.partnerId,
      kind: c.kind,
      ruleId: c.ruleId,
      dealAmount: (c.dealAmountCents ?? 0) / 100,
      rate: c.rate,
      amount,
      status: c.status,
      payableOn: c.payableOn,
    });
    group.total = Math.round((group.total + amount) * 100) / 100;
    groups.set(c.partnerId, group);
  }
  const sorted = [...groups.values()].sort((a, b) => a.partnerName.localeCompare(b.partnerName));
  return {
    groups: sorted,
    currency: settings.currency,
    total: Math.round(sorted.reduce((t, g) => t + g.total * 100, 0)) / 100,
    canApprove: why === null,
    whyNot: why,
  };
});

export const apiApproveCommissions = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([IDS]),
  (ids): BulkCommissionResult => {
    const ctx = trackerContext(SOURCE);
    return withDocumentLock(ctx.ss, () => {
      processPendingCommissionWork(ctx);
      return decisionView(decideCommissions(ctx, ids, { kind: 'approve' }));
    });
  },
);

export const apiVoidCommissions = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([IDS, z.string({ error: 'Reason is required' }).check(z.trim(), z.minLength(1, { error: 'Reason is required' }), z.maxLength(500))]),
  (ids, reason): BulkCommissionResult => {
    const ctx = trackerContext(SOURCE);
    return withDocumentLock(ctx.ss, () => decisionView(decideCommissions(ctx, ids, { kind: 'void', reason })));
  },
);

/** The lines changed and refused; a person who may not decide gets the reason as the error the sidebar shows. */
function decisionView(outcome: DecisionOutcome): BulkCommissionResult {
  if (!outcome.ok) throw new InputError(outcome.reason);
  return { changed: outcome.changed, refused: outcome.refused };
}

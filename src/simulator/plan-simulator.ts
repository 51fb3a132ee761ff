import { appendAudit } from '../audit/audit-log';
import { CommissionRule, activeCell, parseRules, ruleSummary } from '../domain/commissions';
import { InputError } from '../domain/input-error';
import { MetricsPeriod } from '../domain/metrics/types';
import { ActualLine, PeriodRequest, Simulation, SimulationDeal, recentPeriods, resolvePeriod, simulatePlan, simulationCsv, startingPlan } from '../domain/simulator';
import { readPartners } from '../partners/partner-store';
import { SimulationExportFile, SimulationView, SimulatorOptions, UncoveredDealView } from '../sidebar-api/contract';
import { requireRole, whyNot } from '../team/access';
import { CellValue, readCents, readIsoDate, readText, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { readRuleRows } from '../commissions/commission-store';
import { readScenarios } from './scenarios';
import { partnersTierOn } from './tier-on';
import { allTierHistory } from '../tiers/tier-store';

/**
 * The Plan simulator at the spreadsheet's edge (the replay itself is src/domain/simulator).
 * It reads each tab it needs once, in batched column reads — rules, partners, the Leads
 * columns of a won deal, the Commissions columns of a line — and writes nothing but the export
 * file and its Audit Log entry: never a Commissions row.
 *
 * Who: Managers (and the owner, who holds every role). They own the commission plan, and the
 * comparison puts every partner's earnings side by side, which the partner team's other views
 * never do.
 */

/** How many uncovered deals the sidebar lists; the export has them all. */
export const UNCOVERED_SHOWN = 100;

export function simulatorOptions(ctx: TrackerContext): SimulatorOptions {
  const settings = readSettings(ctx.ss).settings;
  const { rules, problems } = parseRules(readRuleRows(ctx.ss, ctx.timeZone));
  const plan = new Map(startingPlan(rules).map((c) => [c.id, c]));
  const today = todayIn(ctx.timeZone, ctx.now);
  const why = whyNot(ctx, 'simulatePlans');
  return {
    rules: rules.map((r) => ({
      id: r.id,
      name: r.name,
      ruleType: r.ruleType,
      state: activeCell(r),
      summary: ruleSummary(r, settings.currency),
      inPlan: plan.get(r.id)?.inPlan ?? false,
      replacedBy: plan.get(r.id)?.replacedBy ?? null,
    })),
    brokenRules: new Set(problems.map((p) => p.row)).size,
    currency: settings.currency,
    today,
    periods: recentPeriods(today),
    scenarios: readScenarios(ctx),
    canRun: why === null,
    whyNot: why,
  };
}

interface Replayed {
  period: MetricsPeriod;
  currency: string;
  plan: CommissionRule[];
  simulation: Simulation;
  partnerNames: Map<string, string>;
}

/** Validates the request, reads the tabs once and replays the plan; refusals say why. */
function replay(ctx: TrackerContext, request: PeriodRequest, ruleIds: readonly string[]): Replayed {
  requireRole(ctx, 'simulatePlans');
  const today = todayIn(ctx.timeZone, ctx.now);
  const chosen = resolvePeriod(request, today);
  if (!chosen.ok) throw InputError.field(chosen.field, chosen.message);
  const period = chosen.period;

  const { rules } = parseRules(readRuleRows(ctx.ss, ctx.timeZone));
  const byId = new Map(rules.map((r) => [r.id, r]));
  const unknown = ruleIds.filter((id) => !byId.has(id));
  if (unknown.length) {
    throw InputError.field('rules', `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a rule on the Commission Rules tab (deleted, or a row with problems): reload the simulator`);
  }
  const plan = [...new Set(ruleIds)].map((id) => byId.get(id) as CommissionRule);
  if (!plan.some((r) => r.ruleType === 'Base')) throw InputError.field('rules', 'Tick at least one Base rule: without one the plan pays no deal');

  const wonDeals = readWonDeals(ctx);
  const inPeriod = wonDeals.filter((d) => d.closedOn >= period.start && d.closedOn <= period.end);
  if (inPeriod.length === 0) {
    throw InputError.field('start', `No deal was won in ${period.label} (${period.start} to ${period.end}): there is nothing to replay. Choose a period with Closed Won deals.`);
  }
  const settings = readSettings(ctx.ss).settings;
  const partners = readPartners(ctx.ss, ctx.timeZone);
  const simulation = simulatePlan({
    period,
    plan,
    wonDeals,
    partners: partners.map((p) => ({ id: p.id, name: p.name, type: p.type })),
    tierOn: partnersTierOn(partners, allTierHistory(ctx.ss, ctx.timeZone)),
    actualLines: readActualLines(ctx, new Set(inPeriod.map((d) => d.leadId))),
    defaultHoldingDays: settings.holdingDays,
  });
  return { period, currency: settings.currency, plan, simulation, partnerNames: new Map(partners.map((p) => [p.id, p.name])) };
}

export function runSimulation(ctx: TrackerContext, request: PeriodRequest, ruleIds: readonly string[]): SimulationView {
  const { period, currency, plan, simulation, partnerNames } = replay(ctx, request, ruleIds);
  const uncovered: UncoveredDealView[] = [];
  for (const d of simulation.deals) {
    if (!d.uncovered || uncovered.length >= UNCOVERED_SHOWN) continue;
    uncovered.push({
      leadId: d.leadId,
      partnerId: d.partnerId,
      partnerName: partnerNames.get(d.partnerId) ?? d.partnerId,
      closedOn: d.closedOn,
      dealAmountCents: d.dealAmountCents,
      actualCents: d.actualCents,
      reason: d.uncovered.reason,
      message: d.uncovered.message,
    });
  }
  return { period, currency, planRuleIds: plan.map((r) => r.id), totals: simulation.totals, partners: simulation.partners, uncovered };
}

/** The comparison as a CSV file in the person's Drive (as the payout export), and one Audit Log entry saying who exported what. */
export function exportSimulation(ctx: TrackerContext, request: PeriodRequest, ruleIds: readonly string[]): SimulationExportFile {
  const { period, currency, plan, simulation } = replay(ctx, request, ruleIds);
  const planRuleIds = plan.map((r) => r.id);
  const csv = simulationCsv(simulation, { period, currency, planRuleIds });
  const programme = readSettings(ctx.ss).settings.programmeName;
  const file = DriveApp.createFile(`${programme} plan simulation ${period.start} to ${period.end}.csv`, csv, 'text/csv');
  const rows = 1 + simulation.partners.length + simulation.deals.length;
  withDocumentLock(ctx.ss, () =>
    appendAudit(ctx, [
      {
        at: ctx.now,
        user: ctx.actor,
        source: ctx.source,
        tab: 'Commission Rules',
        range: '',
        recordId: planRuleIds.join(' '),
        field: '(plan simulation export)',
        oldValue: '',
        newValue: `${period.label}: plan ${planRuleIds.join(' ')}; ${simulation.totals.deals} deals, actual ${simulation.totals.actualCents / 100}, plan ${simulation.totals.planCents / 100}; ${file.getName()}`,
      },
    ]),
  );
  return { fileName: file.getName(), url: file.getUrl(), rows };
}

/** Every Closed Won deal the tracker vouches for (held rows left out, as the engine leaves them out): one read of six Leads columns and the seal. */
function readWonDeals(ctx: TrackerContext): SimulationDeal[] {
  const leads = TrackerTable.open(ctx.ss, 'leads');
  const keys = ['id', 'partnerId', 'status', 'product', 'dealAmount', 'closedOn'] as const;
  const sealKeys = leads.sealKeys();
  const cols = leads.readColumns([...keys, ...sealKeys]) as Record<string, CellValue[]>;
  const deals: SimulationDeal[] = [];
  for (let i = 0; i < leads.rowCount(); i++) {
    if (readText(cols.status[i]) !== 'Closed Won') continue;
    if (sealKeys.length && leads.heldReason(Object.fromEntries(sealKeys.map((k) => [k, cols[k][i]])))) continue;
    deals.push({
      leadId: readText(cols.id[i]),
      partnerId: readText(cols.partnerId[i]),
      product: readText(cols.product[i]),
      dealAmountCents: readCents(cols.dealAmount[i]) ?? 0,
      closedOn: readIsoDate(cols.closedOn[i], ctx.timeZone),
    });
  }
  return deals;
}

/** The Commissions lines of these deals, held rows left out (the tracker does not vouch for them): one read of four columns and the seal. */
function readActualLines(ctx: TrackerContext, leadIds: ReadonlySet<string>): ActualLine[] {
  const table = TrackerTable.open(ctx.ss, 'commissions');
  const keys = ['leadId', 'kind', 'status', 'amount'] as const;
  const sealKeys = table.sealKeys();
  const cols = table.readColumns([...keys, ...sealKeys]) as Record<string, CellValue[]>;
  const lines: ActualLine[] = [];
  for (let i = 0; i < table.rowCount(); i++) {
    const leadId = readText(cols.leadId[i]);
    if (!leadIds.has(leadId)) continue;
    if (sealKeys.length && table.heldReason(Object.fromEntries(sealKeys.map((k) => [k, cols[k][i]])))) continue;
    lines.push({ leadId, kind: readText(cols.kind[i]), status: readText(cols.status[i]), amountCents: readCents(cols.amount[i]) ?? 0 });
  }
  return lines;
}

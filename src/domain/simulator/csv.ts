import { csvTextField } from '../payouts/csv';
import type { MetricsPeriod } from '../metrics/types';
import { type Simulation, difference } from './simulate';

/**
 * The Plan simulator's export: one flat table a spreadsheet can filter, RFC 4180 with CRLF, every
 * text field neutralised against formula injection with the payout export's own escaping
 * (csvTextField). Amounts are numbers the tracker writes itself ("-12.50": a dot, two
 * decimals, a minus for a saving), left as numbers so they add up where the file is opened.
 *
 * row_type: `total` (the whole period), `partner` (one per partner), `deal` (one per deal, with
 * the plan's rules, or why the plan does not cover it in `note`).
 */
export const SIMULATION_CSV_COLUMNS = [
  'row_type',
  'partner_id',
  'partner_name',
  'lead_id',
  'closed_on',
  'tier',
  'deal_amount',
  'actual',
  'plan',
  'difference',
  'difference_percent',
  'deals',
  'note',
] as const;

type Column = (typeof SIMULATION_CSV_COLUMNS)[number];

/** Whole cents as "-1234.50". */
export function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  return `${sign}${whole}.${String(abs - whole * 100).padStart(2, '0')}`;
}

const percentText = (p: number | null): string => (p === null ? '' : p.toFixed(1));

export function simulationCsv(simulation: Simulation, context: { period: MetricsPeriod; currency: string; planRuleIds: readonly string[] }): string {
  const { totals } = simulation;
  const names = new Map(simulation.partners.map((p) => [p.partnerId, p.partnerName]));
  const rows: Array<Partial<Record<Column, string>>> = [
    {
      row_type: 'total',
      actual: centsText(totals.actualCents),
      plan: centsText(totals.planCents),
      difference: centsText(totals.differenceCents),
      difference_percent: percentText(totals.differencePercent),
      deals: String(totals.deals),
      note: `${context.period.label} (${context.period.start} to ${context.period.end}), ${context.currency}; plan: ${context.planRuleIds.join(' ')}${totals.uncoveredDeals ? `; ${totals.uncoveredDeals} deal(s) the plan does not cover pay nothing under it` : ''}`,
    },
    ...simulation.partners.map((p) => ({
      row_type: 'partner',
      partner_id: p.partnerId,
      partner_name: p.partnerName,
      actual: centsText(p.actualCents),
      plan: centsText(p.planCents),
      difference: centsText(p.differenceCents),
      difference_percent: percentText(p.differencePercent),
      deals: String(p.deals),
      note: p.uncoveredDeals ? `${p.uncoveredDeals} deal(s) not covered by the plan` : '',
    })),
    ...simulation.deals.map((d) => {
      const diff = difference(d.actualCents, d.planCents);
      return {
        row_type: 'deal',
        partner_id: d.partnerId,
        partner_name: names.get(d.partnerId) ?? d.partnerId,
        lead_id: d.leadId,
        closed_on: d.closedOn,
        tier: d.tier,
        deal_amount: centsText(d.dealAmountCents),
        actual: centsText(d.actualCents),
        plan: centsText(d.planCents),
        difference: centsText(diff.differenceCents),
        difference_percent: percentText(diff.differencePercent),
        deals: '1',
        note: d.uncovered ? d.uncovered.message : `plan rules: ${d.planRuleIds.join(' ')}`,
      };
    }),
  ];
  const numeric = new Set<Column>(['deal_amount', 'actual', 'plan', 'difference', 'difference_percent', 'deals']);
  const lines = [SIMULATION_CSV_COLUMNS.join(','), ...rows.map((r) => SIMULATION_CSV_COLUMNS.map((c) => (numeric.has(c) ? (r[c] ?? '') : csvTextField(r[c] ?? ''))).join(','))];
  return lines.map((l) => `${l}\r\n`).join('');
}

import { formatCents } from '../commissions/money';
import { escapeHtml } from '../html';
import type { PartnerPayout, PayoutPlan } from '../payouts/types';
import type { EmailContent } from './lead-emails';
import { receiptFooter } from './mail-emails';
import {
  BUTTON,
  Column,
  H3,
  MAX_ID_CHARS,
  MAX_NAME_CHARS,
  MUTED,
  SUMMARY_MAX_ROWS,
  TABLE,
  TD,
  clip,
  count,
  fitRows,
  link,
  page,
  plural,
  rowHtml,
  spanRowHtml,
  subjectLine,
  sum,
  tableHtml,
} from './payout-email-html';

/** The change against the previous period's total: "+1,234.56 (+11.1%)", or why there is none. */
export function changeAgainstPrevious(totalCents: number, previousTotalCents: number | null, formatMoney: (cents: number) => string = formatCents): string {
  if (previousTotalCents === null) return 'no previous payout';
  const diff = totalCents - previousTotalCents;
  const amount = `${diff > 0 ? '+' : ''}${formatMoney(diff)}`;
  if (previousTotalCents === 0) return diff === 0 ? 'no change (nothing was paid in the previous period either)' : `${amount} (nothing was paid in the previous period)`;
  if (diff === 0) return `no change against ${formatMoney(previousTotalCents)} in the previous period`;
  const tenths = Math.round((Math.abs(diff) * 1000) / Math.abs(previousTotalCents)) / 10;
  return `${amount} (${diff > 0 ? '+' : '-'}${tenths.toFixed(1)}%) against ${formatMoney(previousTotalCents)} in the previous period`;
}

export interface PayoutSummaryInput {
  programme: string;
  currency: string;
  plan: PayoutPlan;
  /** Partner ID → payout ID (PO-…) the run wrote; a partner missing here is shown with "—" (e.g. a preview). */
  payoutIds: ReadonlyMap<string, string>;
  /** Commission lines not approved yet (not in this run). */
  pendingApproval: { lines: number; cents: number };
  /** The previous period's total paid, or null when there was no previous payout run. */
  previousTotalCents: number | null;
  spreadsheetUrl: string;
  /** A link straight to the Payouts tab (the spreadsheet URL with #gid=…). */
  payoutsUrl: string;
  /** The Audit Log's head as a receipt line (audit/receipt.ts), which ends the email; '' or absent: none. */
  receipt?: string;
}

const PAID_COLUMNS: Column[] = [
  { header: 'Partner' },
  { header: 'Payout ID' },
  { header: 'Gross', numeric: true },
  { header: 'Clawbacks', numeric: true },
  { header: 'Net', numeric: true },
  { header: 'Lines', numeric: true },
];
const CARRIED_COLUMNS: Column[] = [{ header: 'Partner' }, { header: 'Net', numeric: true }, { header: 'Why it carries forward' }];

/** The managers' summary of a payout run (or of a preview, with no payout IDs yet). */
export function payoutSummaryEmail(input: PayoutSummaryInput): EmailContent {
  const { programme, currency, plan } = input;
  const money = (cents: number) => `${currency} ${formatCents(cents)}`;
  const period = plan.period;
  const paid = plan.payouts;
  const carried = plan.carried;
  const totalCents = sum(paid, (p) => p.netCents);
  if (totalCents !== plan.totalCents) throw new Error(`payoutSummaryEmail: the plan's total ${plan.totalCents} is not the sum of its payouts ${totalCents}`);

  const payoutIdOf = (p: PartnerPayout) => input.payoutIds.get(p.partner.id) || '—';
  const paidFit = fitRows(
    paid,
    (p) => {
      const name = clip(p.partner.name, MAX_NAME_CHARS);
      const id = clip(payoutIdOf(p), MAX_ID_CHARS);
      const cells = [name, id, formatCents(p.grossCents), formatCents(p.clawbackCents), formatCents(p.netCents), String(p.lines.length)];
      return {
        html: rowHtml(PAID_COLUMNS, cells),
        text: `- ${name} (${id}): gross ${cells[2]}, clawbacks ${cells[3]}, net ${cells[4]}, ${plural(p.lines.length, 'line')}`,
      };
    },
    { rows: SUMMARY_MAX_ROWS, htmlBytes: 90_000, textBytes: 25_000 },
  );
  const paidRest = paid.slice(paidFit.shown);
  const paidRestText = paidRest.length ? `and ${plural(paidRest.length, 'more partner', 'more partners')}, ${formatCents(sum(paidRest, (p) => p.netCents))} in total — see the Payouts tab` : '';

  const carriedFit = fitRows(
    carried,
    (p) => {
      const name = clip(p.partner.name, MAX_NAME_CHARS);
      const reason = clip(p.reason, 200);
      return { html: rowHtml(CARRIED_COLUMNS, [name, formatCents(p.netCents), reason]), text: `- ${name}: ${reason}` };
    },
    { rows: SUMMARY_MAX_ROWS, htmlBytes: 50_000, textBytes: 20_000 },
  );
  const carriedRest = carried.slice(carriedFit.shown);
  const carriedRestText = carriedRest.length
    ? `and ${plural(carriedRest.length, 'more partner', 'more partners')} carried forward, net ${formatCents(sum(carriedRest, (p) => p.netCents))} in total — see the Commissions tab`
    : '';

  const grossTotal = sum(paid, (p) => p.grossCents);
  const clawbackTotal = sum(paid, (p) => p.clawbackCents);
  const linesTotal = sum(paid, (p) => p.lines.length);
  const carriedTotal = sum(carried, (p) => p.netCents);
  const change = changeAgainstPrevious(totalCents, input.previousTotalCents);
  const pending =
    input.pendingApproval.lines > 0
      ? `${plural(input.pendingApproval.lines, 'commission line')} (${money(input.pendingApproval.cents)}) ${input.pendingApproval.lines === 1 ? 'is' : 'are'} still pending approval and not in this run.`
      : 'No commission is waiting for approval.';
  const range = `${period.start} to ${period.end}`;
  const footer = receiptFooter(input.receipt ?? '');

  const subject = subjectLine(
    paid.length ? `${programme}: payouts for ${period.label} — ${plural(paid.length, 'partner')}, ${money(totalCents)} to approve` : `${programme}: no payouts for ${period.label}`,
  );

  const facts: Array<[string, string]> = [
    ['Period', `${period.label} (${range})`],
    ['Total of the draft payouts', money(totalCents)],
    ['Partners with a draft payout', count(paid.length)],
    ['Paid so far', 'nothing: no payout is paid until a manager approves it and finance marks it paid'],
    ['Carried forward', carried.length ? `${plural(carried.length, 'partner')}, net ${money(carriedTotal)}` : 'none'],
    ['Pending approval', input.pendingApproval.lines > 0 ? `${plural(input.pendingApproval.lines, 'commission line')}, ${money(input.pendingApproval.cents)}` : 'none'],
    ['Change against the previous period', change],
  ];

  const body = [
    `Payouts for ${period.label} (${range})`,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    paid.length
      ? `These payouts are drafts: nothing is paid yet, and partners get their statements only once a manager approves their payout. Open the Payouts tab to approve them: ${input.payoutsUrl}`
      : 'No partner reaches a payout in this period.',
    ...(paid.length
      ? [
          '',
          `Draft payouts (${currency}):`,
          ...paidFit.text,
          ...(paidRestText ? [`- ${paidRestText}`] : []),
          `Total: gross ${formatCents(grossTotal)}, clawbacks ${formatCents(clawbackTotal)}, net ${formatCents(totalCents)}, ${plural(linesTotal, 'line')}`,
        ]
      : []),
    ...(carried.length ? ['', `Carried forward to a later payout (${currency}):`, ...carriedFit.text, ...(carriedRestText ? [`- ${carriedRestText}`] : [])] : []),
    '',
    pending,
    '',
    `Open the tracker: ${input.spreadsheetUrl}`,
    '',
    `— ${programme}`,
    ...footer.text,
  ].join('\n');

  const factsHtml = `<table style="${TABLE}" cellpadding="0" cellspacing="0"><tbody>${facts
    .map(([k, v]) => `<tr><td style="${TD};${MUTED}">${escapeHtml(k)}</td><td style="${TD};font-weight:bold">${escapeHtml(v)}</td></tr>`)
    .join('')}</tbody></table>`;
  const foot = `<tfoot><tr style="border-top:2px solid #202124;font-weight:bold">${['Total', '', formatCents(grossTotal), formatCents(clawbackTotal), formatCents(totalCents), count(linesTotal)]
    .map((c, i) => `<td${PAID_COLUMNS[i].numeric ? ' align="right"' : ''} style="${TD}">${escapeHtml(c)}</td>`)
    .join('')}</tr></tfoot>`;

  const htmlBody = page(
    programme,
    [
      `<h2 style="font-size:18px;margin:0 0 8px">Payouts for ${escapeHtml(period.label)}</h2>`,
      factsHtml,
      paid.length
        ? `<p style="margin:16px 0">${link(input.payoutsUrl, 'Open the Payouts tab to approve', BUTTON)}</p>` +
          `<p style="${MUTED};margin:0 0 8px">These payouts are drafts: nothing is paid yet, and partners get their statements only once a manager approves their payout.</p>` +
          `<h3 style="${H3}">Draft payouts (${escapeHtml(currency)})</h3>` +
          tableHtml(PAID_COLUMNS, paidFit.html.join('') + (paidRestText ? spanRowHtml(PAID_COLUMNS, paidRestText) : ''), foot)
        : '<p>No partner reaches a payout in this period.</p>',
      carried.length
        ? `<h3 style="${H3}">Carried forward to a later payout (${escapeHtml(currency)})</h3>` +
          tableHtml(CARRIED_COLUMNS, carriedFit.html.join('') + (carriedRestText ? spanRowHtml(CARRIED_COLUMNS, carriedRestText) : ''))
        : '',
      `<h3 style="${H3}">Pending approval</h3><p style="margin:0">${escapeHtml(pending)}</p>`,
      `<p style="margin-top:20px">${link(input.spreadsheetUrl, 'Open the tracker')}</p>`,
      footer.html,
    ].join(''),
  );
  return { subject, body, htmlBody };
}

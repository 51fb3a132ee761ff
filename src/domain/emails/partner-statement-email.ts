import { formatCents, rateToMicros, normaliseRate } from '../commissions/money';
import { escapeHtml } from '../html';
import type { PayoutLine, Period } from '../payouts/types';
import type { EmailContent } from './lead-emails';
import {
  Column,
  H3,
  MAX_ID_CHARS,
  MAX_NAME_CHARS,
  MUTED,
  SUMMARY_MAX_ROWS,
  TABLE,
  TD,
  clip,
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

export interface PartnerStatementInput {
  programme: string;
  currency: string;
  period: Period;
  partnerName: string;
  payoutId: string;
  /** This partner's lines in this payout, and nothing else. */
  lines: PayoutLine[];
  grossCents: number;
  clawbackCents: number;
  netCents: number;
  /** Everything paid to the partner before this payout (a statement goes out once the payout is approved, before it is paid). */
  paidBeforeCents: number;
  /** The partner's balance still carried forward after this payout (negative while clawbacks are being recovered). */
  carriedBalanceCents: number;
}

/** A rate for people: 0.125 → "12.5%", null → "flat". */
export function rateText(rate: number | null): string {
  if (rate === null) return 'flat';
  const micros = rateToMicros(rate) ?? Math.round(normaliseRate(rate) * 1_000_000);
  return `${(micros / 10_000).toFixed(4).replace(/\.?0+$/, '')}%`;
}

const COMMISSION_COLUMNS: Column[] = [
  { header: 'Deal' },
  { header: 'Company' },
  { header: 'Kind' },
  { header: 'Rule' },
  { header: 'Deal amount', numeric: true },
  { header: 'Rate', numeric: true },
  { header: 'Commission', numeric: true },
];
const CLAWBACK_COLUMNS: Column[] = [{ header: 'Deal' }, { header: 'Company' }, { header: 'Rule' }, { header: 'Clawback', numeric: true }];

/**
 * A partner's statement for one payout: only the lines passed in, which must
 * all belong to one partner and add up to the gross, clawbacks and net given
 * (it throws otherwise, rather than send a partner a statement that is wrong
 * or holds someone else's deal).
 */
export function partnerStatementEmail(input: PartnerStatementInput): EmailContent {
  const { programme, currency, period } = input;
  const money = (cents: number) => `${currency} ${formatCents(cents)}`;
  const partnerIds = new Set(input.lines.map((l) => l.partnerId));
  if (partnerIds.size > 1) throw new Error(`partnerStatementEmail: payout ${input.payoutId} has lines of more than one partner`);
  const commissions = input.lines.filter((l) => l.kind !== 'Clawback');
  const clawbacks = input.lines.filter((l) => l.kind === 'Clawback');
  const gross = sum(commissions, (l) => l.amountCents);
  const clawed = sum(clawbacks, (l) => l.amountCents);
  if (gross !== input.grossCents || clawed !== input.clawbackCents || gross + clawed !== input.netCents) {
    throw new Error(
      `partnerStatementEmail: payout ${input.payoutId}'s lines add up to gross ${gross}, clawbacks ${clawed}, ` + `not the ${input.grossCents}, ${input.clawbackCents} and net ${input.netCents} given`,
    );
  }
  const range = `${period.start} to ${period.end}`;

  const commissionFit = fitRows(
    commissions,
    (l) => {
      const cells = [clip(l.leadId, MAX_ID_CHARS), clip(l.company, MAX_NAME_CHARS), l.kind, clip(l.ruleId, MAX_ID_CHARS), formatCents(l.dealAmountCents), rateText(l.rate), formatCents(l.amountCents)];
      return {
        html: rowHtml(COMMISSION_COLUMNS, cells),
        text: `- ${cells[0]} ${cells[1]}: ${cells[2]}, rule ${cells[3]}, ${cells[5]} of ${cells[4]} = ${cells[6]}`,
      };
    },
    { rows: SUMMARY_MAX_ROWS, htmlBytes: 90_000, textBytes: 25_000 },
  );
  const commissionRest = commissions.slice(commissionFit.shown);
  const commissionRestText = commissionRest.length
    ? `and ${plural(commissionRest.length, 'more commission line', 'more commission lines')}, ${formatCents(sum(commissionRest, (l) => l.amountCents))} in total — ask the partner team for the full list`
    : '';

  const clawbackFit = fitRows(
    clawbacks,
    (l) => {
      const cells = [clip(l.leadId, MAX_ID_CHARS), clip(l.company, MAX_NAME_CHARS), clip(l.ruleId, MAX_ID_CHARS), formatCents(l.amountCents)];
      return { html: rowHtml(CLAWBACK_COLUMNS, cells), text: `- ${cells[0]} ${cells[1]}: rule ${cells[2]}, ${cells[3]}` };
    },
    { rows: SUMMARY_MAX_ROWS, htmlBytes: 45_000, textBytes: 15_000 },
  );
  const clawbackRest = clawbacks.slice(clawbackFit.shown);
  const clawbackRestText = clawbackRest.length
    ? `and ${plural(clawbackRest.length, 'more clawback')}, ${formatCents(sum(clawbackRest, (l) => l.amountCents))} in total — ask the partner team for the full list`
    : '';

  const balance =
    input.carriedBalanceCents === 0
      ? 'nothing'
      : input.carriedBalanceCents < 0
        ? `${money(input.carriedBalanceCents)} (clawbacks still to be recovered from future commissions)`
        : money(input.carriedBalanceCents);
  const facts: Array<[string, string]> = [
    ['Payout ID', input.payoutId],
    ['Period', `${period.label} (${range})`],
    ['Commissions', money(input.grossCents)],
    ['Clawbacks', money(input.clawbackCents)],
    ['Net payout', money(input.netCents)],
    ['Paid to you before this payout', money(input.paidBeforeCents)],
    ['Balance still carried forward', balance],
  ];

  const subject = subjectLine(`${programme}: your commission statement for ${period.label} (${input.payoutId})`);
  const body = [
    `Hello ${input.partnerName},`,
    '',
    `Here is your commission statement for ${period.label} (${range}). This payout has been approved; you will get a payment notice with the payment reference once it is paid.`,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    `Commissions (${currency}):`,
    ...(commissionFit.text.length ? commissionFit.text : ['- none']),
    ...(commissionRestText ? [`- ${commissionRestText}`] : []),
    ...(clawbacks.length ? ['', `Clawbacks (${currency}):`, ...clawbackFit.text, ...(clawbackRestText ? [`- ${clawbackRestText}`] : [])] : []),
    '',
    `Questions? Contact the partner team and quote payout ${input.payoutId}.`,
    '',
    `— ${programme}`,
  ].join('\n');

  const factsHtml = `<table style="${TABLE}" cellpadding="0" cellspacing="0"><tbody>${facts
    .map(([k, v]) => `<tr><td style="${TD};${MUTED}">${escapeHtml(k)}</td><td style="${TD};font-weight:bold">${escapeHtml(v)}</td></tr>`)
    .join('')}</tbody></table>`;
  const htmlBody = page(
    programme,
    [
      `<p>Hello ${escapeHtml(input.partnerName)},</p>`,
      `<p>Here is your commission statement for <strong>${escapeHtml(period.label)}</strong> (${escapeHtml(range)}). This payout has been approved; you will get a payment notice with the payment reference once it is paid.</p>`,
      factsHtml,
      `<h3 style="${H3}">Commissions (${escapeHtml(currency)})</h3>`,
      commissions.length ? tableHtml(COMMISSION_COLUMNS, commissionFit.html.join('') + (commissionRestText ? spanRowHtml(COMMISSION_COLUMNS, commissionRestText) : '')) : '<p>None in this payout.</p>',
      clawbacks.length
        ? `<h3 style="${H3}">Clawbacks (${escapeHtml(currency)})</h3>` +
          tableHtml(CLAWBACK_COLUMNS, clawbackFit.html.join('') + (clawbackRestText ? spanRowHtml(CLAWBACK_COLUMNS, clawbackRestText) : ''))
        : '',
      `<p style="margin-top:20px;${MUTED}">Questions? Contact the partner team and quote payout ${escapeHtml(input.payoutId)}.</p>`,
    ].join(''),
  );
  return { subject, body, htmlBody };
}

export interface PaymentNoticeInput {
  programme: string;
  partnerName: string;
  payoutId: string;
  /** What was paid, as the Partner Updates tab says it (the payout, its period, amount, date and payment reference). */
  summary: string;
  /** The partner's own view-only spreadsheet, when it has been made. */
  partnerSheetUrl: string;
}

/** The partner's notice that a payout was paid, with its payment reference (sent once the payout is Paid). */
export function paymentNoticeEmail(input: PaymentNoticeInput): EmailContent {
  const subject = subjectLine(`${input.programme}: payout ${input.payoutId} was paid`);
  const sheet = input.partnerSheetUrl ? [`Your partner sheet (your leads, commissions and payouts): ${input.partnerSheetUrl}`, ''] : [];
  const body = [`Hello ${input.partnerName},`, '', input.summary, '', ...sheet, `Questions? Contact the partner team and quote payout ${input.payoutId}.`, '', `— ${input.programme}`].join('\n');
  const htmlBody = page(
    input.programme,
    [
      `<p>Hello ${escapeHtml(input.partnerName)},</p>`,
      `<p>${escapeHtml(input.summary)}</p>`,
      input.partnerSheetUrl ? `<p>${link(input.partnerSheetUrl, 'Open your partner sheet')} (your leads, commissions and payouts)</p>` : '',
      `<p style="margin-top:20px;${MUTED}">Questions? Contact the partner team and quote payout ${escapeHtml(input.payoutId)}.</p>`,
    ].join(''),
  );
  return { subject, body, htmlBody };
}

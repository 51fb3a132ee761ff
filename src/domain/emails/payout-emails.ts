import { formatCents, rateToMicros, normaliseRate } from '../commissions/money';
import { escapeHtml } from '../html';
import type { PartnerPayout, PayoutLine, PayoutPlan, Period } from '../payouts/types';
import type { EmailContent } from './lead-emails';
import { receiptFooter } from './mail-emails';

/**
 * Emails about payout runs: the managers' summary after a run, and each paid
 * partner's statement. HTML with inline styles only (no <style>, no scripts,
 * no images) and a plain-text alternative; every value that comes from the
 * sheet (partner names, companies, IDs) is escaped.
 *
 * Apps Script refuses a message whose body is over 200 KB. Long lists are cut
 * at a row count and at a byte budget per list, and the rest summarised in one
 * line with its exact total, so the HTML and plain-text bodies together stay
 * under EMAIL_BODY_LIMIT_BYTES whatever the number of partners or the length
 * of their names.
 */

/** 200 KB, counted in UTF-8 bytes and as 200,000 (not 204,800) to keep a margin. */
export const EMAIL_BODY_LIMIT_BYTES = 200_000;

/** Rows shown per list before the rest is summarised. */
export const SUMMARY_MAX_ROWS = 200;

const WRAP = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124;line-height:1.5';
const TABLE = 'border-collapse:collapse;margin:8px 0';
const TH = 'padding:4px 8px;background:#f1f3f4;text-align:left;border-bottom:1px solid #dadce0';
const TD = 'padding:3px 8px';
const TR = 'border-top:1px solid #e8eaed';
const H3 = 'font-size:15px;margin:20px 0 4px';
const BUTTON = 'display:inline-block;padding:8px 16px;background:#1a73e8;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold';
const MUTED = 'color:#5f6368';

/** Longest name or company shown in a row; the sheet has the full text. */
const MAX_NAME_CHARS = 80;
const MAX_ID_CHARS = 40;

/** Length in UTF-8 bytes, as a mail body is measured. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Text cut to `max` characters with an ellipsis, never splitting a surrogate pair; line breaks become spaces. */
function clip(value: unknown, max: number): string {
  const text = String(value ?? '').replace(/[\r\n\t]+/g, ' ');
  if (text.length <= max) return text;
  let cut = max - 1;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/** A subject line: one line, no control characters, at most 250 characters. */
function subjectLine(text: string): string {
  return clip(text.replace(/\s+/g, ' ').trim(), 250);
}

/** Only http(s) links become anchors; anything else (javascript:, data:) is shown as text, or dropped if blank. */
function link(url: string, label: string, style = ''): string {
  const u = String(url ?? '').trim();
  if (!/^https?:\/\/\S+$/i.test(u)) return escapeHtml(label);
  return `<a href="${escapeHtml(u)}"${style ? ` style="${style}"` : ''}>${escapeHtml(label)}</a>`;
}

function page(programme: string, inner: string): string {
  return `<div style="${WRAP}"><p style="${MUTED};margin:0 0 12px">${escapeHtml(programme)}</p>${inner}</div>`;
}

/** A whole number with thousands separators (no Intl: Apps Script's locale data varies). */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

interface Column {
  header: string;
  numeric?: boolean;
}

function tableHtml(columns: Column[], rows: string, foot = ''): string {
  const head = columns.map((c) => `<th style="${TH}${c.numeric ? ';text-align:right' : ''}">${escapeHtml(c.header)}</th>`).join('');
  return `<table style="${TABLE}" cellpadding="0" cellspacing="0"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody>${foot}</table>`;
}

/** One body row; cells are plain text and escaped here. */
function rowHtml(columns: Column[], cells: string[], extraStyle = ''): string {
  const tds = cells.map((c, i) => `<td${columns[i].numeric ? ' align="right"' : ''} style="${TD}${extraStyle}">${escapeHtml(c)}</td>`).join('');
  return `<tr style="${TR}">${tds}</tr>`;
}

/** A row spanning the table, for "and N more …". */
function spanRowHtml(columns: Column[], text: string): string {
  return `<tr style="${TR}"><td colspan="${columns.length}" style="${TD};${MUTED};font-style:italic">${escapeHtml(text)}</td></tr>`;
}

/**
 * Renders rows until the row cap or either byte budget is reached; returns the
 * rendered HTML and text rows and how many items they cover.
 */
function fitRows<T>(
  items: ReadonlyArray<T>,
  render: (item: T) => { html: string; text: string },
  limits: { rows: number; htmlBytes: number; textBytes: number },
): { html: string[]; text: string[]; shown: number } {
  const html: string[] = [];
  const text: string[] = [];
  let htmlBytes = 0;
  let textBytes = 0;
  for (const item of items) {
    if (html.length >= limits.rows) break;
    const r = render(item);
    const h = utf8Bytes(r.html);
    const t = utf8Bytes(r.text) + 1;
    if (htmlBytes + h > limits.htmlBytes || textBytes + t > limits.textBytes) break;
    html.push(r.html);
    text.push(r.text);
    htmlBytes += h;
    textBytes += t;
  }
  return { html, text, shown: html.length };
}

function sum<T>(items: ReadonlyArray<T>, cents: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += cents(item);
  return total;
}

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
  { header: 'Partner' }, { header: 'Payout ID' }, { header: 'Gross', numeric: true }, { header: 'Clawbacks', numeric: true },
  { header: 'Net', numeric: true }, { header: 'Lines', numeric: true },
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
  const paidFit = fitRows(paid, (p) => {
    const name = clip(p.partner.name, MAX_NAME_CHARS);
    const id = clip(payoutIdOf(p), MAX_ID_CHARS);
    const cells = [name, id, formatCents(p.grossCents), formatCents(p.clawbackCents), formatCents(p.netCents), String(p.lines.length)];
    return {
      html: rowHtml(PAID_COLUMNS, cells),
      text: `- ${name} (${id}): gross ${cells[2]}, clawbacks ${cells[3]}, net ${cells[4]}, ${plural(p.lines.length, 'line')}`,
    };
  }, { rows: SUMMARY_MAX_ROWS, htmlBytes: 90_000, textBytes: 25_000 });
  const paidRest = paid.slice(paidFit.shown);
  const paidRestText = paidRest.length
    ? `and ${plural(paidRest.length, 'more partner', 'more partners')}, ${formatCents(sum(paidRest, (p) => p.netCents))} in total — see the Payouts tab`
    : '';

  const carriedFit = fitRows(carried, (p) => {
    const name = clip(p.partner.name, MAX_NAME_CHARS);
    const reason = clip(p.reason, 200);
    return { html: rowHtml(CARRIED_COLUMNS, [name, formatCents(p.netCents), reason]), text: `- ${name}: ${reason}` };
  }, { rows: SUMMARY_MAX_ROWS, htmlBytes: 50_000, textBytes: 20_000 });
  const carriedRest = carried.slice(carriedFit.shown);
  const carriedRestText = carriedRest.length
    ? `and ${plural(carriedRest.length, 'more partner', 'more partners')} carried forward, net ${formatCents(sum(carriedRest, (p) => p.netCents))} in total — see the Commissions tab`
    : '';

  const grossTotal = sum(paid, (p) => p.grossCents);
  const clawbackTotal = sum(paid, (p) => p.clawbackCents);
  const linesTotal = sum(paid, (p) => p.lines.length);
  const carriedTotal = sum(carried, (p) => p.netCents);
  const change = changeAgainstPrevious(totalCents, input.previousTotalCents);
  const pending = input.pendingApproval.lines > 0
    ? `${plural(input.pendingApproval.lines, 'commission line')} (${money(input.pendingApproval.cents)}) ${input.pendingApproval.lines === 1 ? 'is' : 'are'} still pending approval and not in this run.`
    : 'No commission is waiting for approval.';
  const range = `${period.start} to ${period.end}`;
  const footer = receiptFooter(input.receipt ?? '');

  const subject = subjectLine(paid.length
    ? `${programme}: payouts for ${period.label} — ${plural(paid.length, 'partner')}, ${money(totalCents)} to approve`
    : `${programme}: no payouts for ${period.label}`);

  const facts: Array<[string, string]> = [
    ['Period', `${period.label} (${range})`],
    ['Total to pay', money(totalCents)],
    ['Partners paid', count(paid.length)],
    ['Carried forward', carried.length ? `${plural(carried.length, 'partner')}, net ${money(carriedTotal)}` : 'none'],
    ['Pending approval', input.pendingApproval.lines > 0 ? `${plural(input.pendingApproval.lines, 'commission line')}, ${money(input.pendingApproval.cents)}` : 'none'],
    ['Change against the previous period', change],
  ];

  const body = [
    `Payouts for ${period.label} (${range})`,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    paid.length ? `These payouts are drafts. Open the Payouts tab to approve them: ${input.payoutsUrl}` : 'No partner reaches a payout in this period.',
    ...(paid.length ? ['', `Payouts (${currency}):`, ...paidFit.text, ...(paidRestText ? [`- ${paidRestText}`] : []),
      `Total: gross ${formatCents(grossTotal)}, clawbacks ${formatCents(clawbackTotal)}, net ${formatCents(totalCents)}, ${plural(linesTotal, 'line')}`] : []),
    ...(carried.length ? ['', `Carried forward to a later payout (${currency}):`, ...carriedFit.text, ...(carriedRestText ? [`- ${carriedRestText}`] : [])] : []),
    '',
    pending,
    '',
    `Open the tracker: ${input.spreadsheetUrl}`,
    '',
    `— ${programme}`,
    ...footer.text,
  ].join('\n');

  const factsHtml = `<table style="${TABLE}" cellpadding="0" cellspacing="0"><tbody>${facts.map(([k, v]) =>
    `<tr><td style="${TD};${MUTED}">${escapeHtml(k)}</td><td style="${TD};font-weight:bold">${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`;
  const foot = `<tfoot><tr style="border-top:2px solid #202124;font-weight:bold">${[
    'Total', '', formatCents(grossTotal), formatCents(clawbackTotal), formatCents(totalCents), count(linesTotal),
  ].map((c, i) => `<td${PAID_COLUMNS[i].numeric ? ' align="right"' : ''} style="${TD}">${escapeHtml(c)}</td>`).join('')}</tr></tfoot>`;

  const htmlBody = page(programme, [
    `<h2 style="font-size:18px;margin:0 0 8px">Payouts for ${escapeHtml(period.label)}</h2>`,
    factsHtml,
    paid.length
      ? `<p style="margin:16px 0">${link(input.payoutsUrl, 'Open the Payouts tab to approve', BUTTON)}</p>` +
        `<p style="${MUTED};margin:0 0 8px">These payouts are drafts until a manager approves them.</p>` +
        `<h3 style="${H3}">Payouts (${escapeHtml(currency)})</h3>` +
        tableHtml(PAID_COLUMNS, paidFit.html.join('') + (paidRestText ? spanRowHtml(PAID_COLUMNS, paidRestText) : ''), foot)
      : '<p>No partner reaches a payout in this period.</p>',
    carried.length
      ? `<h3 style="${H3}">Carried forward to a later payout (${escapeHtml(currency)})</h3>` +
        tableHtml(CARRIED_COLUMNS, carriedFit.html.join('') + (carriedRestText ? spanRowHtml(CARRIED_COLUMNS, carriedRestText) : ''))
      : '',
    `<h3 style="${H3}">Pending approval</h3><p style="margin:0">${escapeHtml(pending)}</p>`,
    `<p style="margin-top:20px">${link(input.spreadsheetUrl, 'Open the tracker')}</p>`,
    footer.html,
  ].join(''));
  return { subject, body, htmlBody };
}

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
  /** Everything paid to the partner so far, including this payout. */
  paidToDateCents: number;
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
  { header: 'Deal' }, { header: 'Company' }, { header: 'Kind' }, { header: 'Rule' }, { header: 'Deal amount', numeric: true },
  { header: 'Rate', numeric: true }, { header: 'Commission', numeric: true },
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
    throw new Error(`partnerStatementEmail: payout ${input.payoutId}'s lines add up to gross ${gross}, clawbacks ${clawed}, ` +
      `not the ${input.grossCents}, ${input.clawbackCents} and net ${input.netCents} given`);
  }
  const range = `${period.start} to ${period.end}`;

  const commissionFit = fitRows(commissions, (l) => {
    const cells = [clip(l.leadId, MAX_ID_CHARS), clip(l.company, MAX_NAME_CHARS), l.kind, clip(l.ruleId, MAX_ID_CHARS),
      formatCents(l.dealAmountCents), rateText(l.rate), formatCents(l.amountCents)];
    return {
      html: rowHtml(COMMISSION_COLUMNS, cells),
      text: `- ${cells[0]} ${cells[1]}: ${cells[2]}, rule ${cells[3]}, ${cells[5]} of ${cells[4]} = ${cells[6]}`,
    };
  }, { rows: SUMMARY_MAX_ROWS, htmlBytes: 90_000, textBytes: 25_000 });
  const commissionRest = commissions.slice(commissionFit.shown);
  const commissionRestText = commissionRest.length
    ? `and ${plural(commissionRest.length, 'more commission line', 'more commission lines')}, ${formatCents(sum(commissionRest, (l) => l.amountCents))} in total — ask the partner team for the full list`
    : '';

  const clawbackFit = fitRows(clawbacks, (l) => {
    const cells = [clip(l.leadId, MAX_ID_CHARS), clip(l.company, MAX_NAME_CHARS), clip(l.ruleId, MAX_ID_CHARS), formatCents(l.amountCents)];
    return { html: rowHtml(CLAWBACK_COLUMNS, cells), text: `- ${cells[0]} ${cells[1]}: rule ${cells[2]}, ${cells[3]}` };
  }, { rows: SUMMARY_MAX_ROWS, htmlBytes: 45_000, textBytes: 15_000 });
  const clawbackRest = clawbacks.slice(clawbackFit.shown);
  const clawbackRestText = clawbackRest.length
    ? `and ${plural(clawbackRest.length, 'more clawback')}, ${formatCents(sum(clawbackRest, (l) => l.amountCents))} in total — ask the partner team for the full list`
    : '';

  const balance = input.carriedBalanceCents === 0
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
    ['Paid to date, including this payout', money(input.paidToDateCents)],
    ['Balance still carried forward', balance],
  ];

  const subject = subjectLine(`${programme}: your commission statement for ${period.label} (${input.payoutId})`);
  const body = [
    `Hello ${input.partnerName},`,
    '',
    `Here is your commission statement for ${period.label} (${range}).`,
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

  const factsHtml = `<table style="${TABLE}" cellpadding="0" cellspacing="0"><tbody>${facts.map(([k, v]) =>
    `<tr><td style="${TD};${MUTED}">${escapeHtml(k)}</td><td style="${TD};font-weight:bold">${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`;
  const htmlBody = page(programme, [
    `<p>Hello ${escapeHtml(input.partnerName)},</p>`,
    `<p>Here is your commission statement for <strong>${escapeHtml(period.label)}</strong> (${escapeHtml(range)}).</p>`,
    factsHtml,
    `<h3 style="${H3}">Commissions (${escapeHtml(currency)})</h3>`,
    commissions.length
      ? tableHtml(COMMISSION_COLUMNS, commissionFit.html.join('') + (commissionRestText ? spanRowHtml(COMMISSION_COLUMNS, commissionRestText) : ''))
      : '<p>None in this payout.</p>',
    clawbacks.length
      ? `<h3 style="${H3}">Clawbacks (${escapeHtml(currency)})</h3>` +
        tableHtml(CLAWBACK_COLUMNS, clawbackFit.html.join('') + (clawbackRestText ? spanRowHtml(CLAWBACK_COLUMNS, clawbackRestText) : ''))
      : '',
    `<p style="margin-top:20px;${MUTED}">Questions? Contact the partner team and quote payout ${escapeHtml(input.payoutId)}.</p>`,
  ].join(''));
  return { subject, body, htmlBody };
}

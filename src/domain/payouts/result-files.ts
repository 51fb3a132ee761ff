/**
 * A provider's result file, read back: which payouts it paid, with the provider's reference.
 *
 * What the providers give back (looked up; where they are silent the layout below is assumed,
 * and every assumption is one entry of RESULT_LAYOUTS, so a provider's real headers are added
 * there and nowhere else):
 * - PayPal: Payouts Web's batch has a downloadable report and the Activity report ("Date, Name,
 *   Status, Transaction ID, Fee…", docs.paypal.ai/growth/payouts/manage-payouts/reports-
 *   transaction-logs); the Payouts API names an item's fields transaction_id, transaction_status,
 *   sender_item_id (the Customer ID the payment file carried: the payout ID), amount, currency,
 *   time_processed. PayPal does not publish the batch report's CSV headers: the tracker assumes
 *   a header row naming a Customer ID / Sender Item ID column and a Transaction ID column.
 * - Wise: a balance statement CSV ("TransferWise ID", "Date" DD-MM-YYYY, "Amount" negative for
 *   money out, "Currency", "Description", "Payment Reference", …; docs.wise.com balance
 *   statement fields and statement exports) holds each transfer with the paymentReference the
 *   batch file set (the payout ID). Wise's batch page shows transfer statuses but documents no
 *   result file: a statement row is a completed transfer; a Status column, when present, is read.
 *
 * Columns are found by header name (case, spaces, "_" and "-" ignored), never by position.
 * The payout ID is found inside its cell (a Wise reference may carry more text around it).
 */
export type ResultProvider = 'PayPal' | 'Wise';

export interface ResultLayout {
  provider: ResultProvider;
  /** Header names of each column, normalised by headerKey; the first found is used. */
  payoutId: readonly string[];
  reference: readonly string[];
  status: readonly string[];
  amount: readonly string[];
  currency: readonly string[];
  date: readonly string[];
}

export const RESULT_LAYOUTS: readonly ResultLayout[] = [
  {
    provider: 'PayPal',
    payoutId: ['customerid', 'senderitemid', 'referenceid', 'uniqueid'],
    reference: ['transactionid', 'paypaltransactionid', 'payoutitemid'],
    status: ['status', 'transactionstatus', 'itemstatus'],
    amount: ['amount', 'paymentamount', 'gross', 'amountvalue'],
    currency: ['currency', 'amountcurrency'],
    date: ['date', 'timeprocessed', 'processed', 'dateprocessed'],
  },
  {
    provider: 'Wise',
    payoutId: ['paymentreference', 'reference'],
    reference: ['transferwiseid', 'wiseid', 'transferid', 'id'],
    status: ['status', 'transferstatus'],
    amount: ['amount', 'targetamount', 'targetamountafterfees', 'sourceamount'],
    currency: ['currency', 'targetcurrency', 'sourcecurrency'],
    date: ['date', 'completedon', 'createdon', 'finished'],
  },
];

/** Statuses that mean the money reached the recipient (lower case); a blank or absent status counts as paid. */
const PAID_STATUSES = new Set(['success', 'successful', 'completed', 'complete', 'paid', 'sent', 'processed', 'outgoing_payment_sent']);
const PAYOUT_ID = /PO-\d{6,}/i;

export function headerKey(text: string): string {
  return String(text ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export interface ResultRow {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  payoutId: string;
  reference: string;
  status: string;
  /** null when the file has no amount column or the cell is not a number. */
  amountCents: number | null;
  amountText: string;
  currency: string;
  /** YYYY-MM-DD, or '' when the file has no readable date. */
  date: string;
}

export type ParsedResultFile = { ok: true; provider: ResultProvider; rows: ResultRow[] } | { ok: false; reason: string };

/** "1,234.50", "-1234.50", "1.234,50", "$12" → cents (absolute: a statement's money out is negative); null if not a number. */
export function amountCentsOf(text: string): number | null {
  let t = String(text ?? '')
    .trim()
    .replace(/[^\d.,-]/g, '')
    .replace(/^-/, '');
  if (!t || !/\d/.test(t)) return null;
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  if (lastComma > lastDot && t.length - lastComma - 1 <= 2) t = t.replace(/\./g, '').replace(',', '.');
  else t = t.replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** YYYY-MM-DD from "2026-11-03…", Wise's "03-11-2026" or PayPal's US "11/03/2026"; '' otherwise. */
export function dateOf(text: string): string {
  const t = String(text ?? '').trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})-(\d{2})-(\d{4})/.exec(t);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(t);
  if (m) return `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}`;
  return '';
}

/** Reads the file's grid (as Utilities.parseCsv gives it): finds the layout from the header row, then each row. */
export function parseResultFile(grid: ReadonlyArray<readonly string[]>): ParsedResultFile {
  const header = (grid[0] ?? []).map(headerKey);
  const find = (names: readonly string[]) => {
    for (const n of names) {
      const at = header.indexOf(n);
      if (at >= 0) return at;
    }
    return -1;
  };
  const layout = RESULT_LAYOUTS.find((l) => find(l.payoutId) >= 0 && find(l.reference) >= 0);
  if (!layout) {
    const seen = (grid[0] ?? []).filter((h) => String(h).trim()).slice(0, 12);
    return {
      ok: false,
      reason: `This file's first row (${seen.length ? seen.map((h) => `"${h}"`).join(', ') : 'empty'}) names neither PayPal's columns (Customer ID or Sender Item ID, and Transaction ID) nor Wise's (Payment Reference, and TransferWise ID). Download the provider's report or statement as CSV with its header row.`,
    };
  }
  const at = { id: find(layout.payoutId), ref: find(layout.reference), status: find(layout.status), amount: find(layout.amount), currency: find(layout.currency), date: find(layout.date) };
  const cell = (row: readonly string[], i: number) => (i >= 0 ? String(row[i] ?? '').trim() : '');
  const rows: ResultRow[] = [];
  grid.slice(1).forEach((row, i) => {
    if (row.every((c) => !String(c ?? '').trim())) return;
    const amountText = cell(row, at.amount);
    rows.push({
      line: i + 2,
      payoutId: (PAYOUT_ID.exec(cell(row, at.id))?.[0] ?? '').toUpperCase(),
      reference: cell(row, at.ref),
      status: cell(row, at.status),
      amountCents: at.amount >= 0 ? amountCentsOf(amountText) : null,
      amountText,
      currency: cell(row, at.currency).toUpperCase(),
      date: dateOf(cell(row, at.date)),
    });
  });
  return { ok: true, provider: layout.provider, rows };
}

/** A payout as the import compares it. */
export interface PayoutToMatch {
  id: string;
  status: string;
  netCents: number;
  paymentReference: string;
}

export interface ResultPlan {
  /** Approved payouts the file shows paid: mark them Paid with the reference. */
  pay: Array<{ payoutId: string; reference: string; paidOn: string; line: number }>;
  /** Already Paid with this very reference (an import run again): nothing to do. */
  alreadyPaid: Array<{ payoutId: string; line: number }>;
  /** Every other row, with why it changed nothing. */
  unmatched: Array<{ line: number; payoutId: string; reference: string; reason: string }>;
}

/** What the file's rows mean for the tracker's payouts. `today` bounds the paid-on date (a future or missing one becomes today). */
export function planResultImport(provider: ResultProvider, rows: readonly ResultRow[], payouts: ReadonlyMap<string, PayoutToMatch>, currency: string, today: string): ResultPlan {
  const plan: ResultPlan = { pay: [], alreadyPaid: [], unmatched: [] };
  const seen = new Map<string, number>();
  for (const r of rows) {
    const refuse = (reason: string) => plan.unmatched.push({ line: r.line, payoutId: r.payoutId, reference: r.reference, reason });
    if (!r.payoutId) {
      refuse(`no payout ID (PO-…) in its ${provider === 'PayPal' ? 'Customer ID' : 'Payment Reference'}: not a payment from a tracker file`);
      continue;
    }
    const p = payouts.get(r.payoutId);
    if (!p) {
      refuse(`${r.payoutId} is not on the Payouts tab`);
      continue;
    }
    if (seen.has(r.payoutId)) {
      refuse(`${r.payoutId} is also on line ${seen.get(r.payoutId)}; a payout is paid once`);
      continue;
    }
    seen.set(r.payoutId, r.line);
    if (r.status && !PAID_STATUSES.has(r.status.toLowerCase())) {
      refuse(`${provider} reports "${r.status}" for ${r.payoutId}: not paid, so it stays ${p.status}`);
      continue;
    }
    if (!r.reference) {
      refuse(`${r.payoutId} has no ${provider} transaction reference on this line`);
      continue;
    }
    if (r.currency && r.currency !== currency) {
      refuse(`${r.payoutId} was paid in ${r.currency}; the programme pays in ${currency}`);
      continue;
    }
    if (r.amountCents === null && r.amountText) {
      refuse(`${r.payoutId}'s amount "${r.amountText}" is not a number`);
      continue;
    }
    if (r.amountCents !== null && r.amountCents !== p.netCents) {
      refuse(`${r.payoutId} was paid ${(r.amountCents / 100).toFixed(2)}, but its net is ${(p.netCents / 100).toFixed(2)}`);
      continue;
    }
    if (p.status === 'Paid') {
      if (p.paymentReference === r.reference) plan.alreadyPaid.push({ payoutId: r.payoutId, line: r.line });
      else refuse(`${r.payoutId} is already Paid with reference ${p.paymentReference || '(none)'}, not ${r.reference}`);
      continue;
    }
    if (p.status !== 'Approved') {
      refuse(`${r.payoutId} is ${p.status || 'blank'}; only Approved payouts can be marked paid`);
      continue;
    }
    plan.pay.push({ payoutId: r.payoutId, reference: r.reference, paidOn: r.date && r.date <= today ? r.date : today, line: r.line });
  }
  return plan;
}

import { amountText, csvTextField } from './csv';
import { payoutDetailsProblem, payoutMethodOf } from './payout-method';
import type { Period } from './types';

/**
 * The payout files finance uploads as they are, one set per method:
 *
 * - PayPal Payouts (Payouts Web, "Create a payment file", developer.paypal.com/payouts/use-payouts/
 *   send-money/use-web-ui and docs/payouts/standard/payouts-web): NO header row; per line, in this
 *   order: recipient identifier (the PayPal email), payment amount, currency (ISO 4217, one
 *   currency per file), Customer ID (optional, "unique identifier", at most 30 characters, no
 *   spaces), note to recipient (optional for PayPal, at most 400 characters) and recipient wallet
 *   (PAYPAL). At most 5,000 rows a file. The Customer ID carries the payout ID (PO-000123), so the
 *   payout can be found again in PayPal's report.
 * - Wise batch payments, the "Send by email" template (wise.com/help/articles/2663296 "What's a
 *   batch payment template?" and 2663302 "How do I fill in my batch template?"): a header row with
 *   Wise's column names name, recipientEmail, paymentReference, receiverType, amountCurrency,
 *   amount, sourceCurrency, targetCurrency (the order of Wise's downloaded template as public
 *   tools reproduce it; the help pages name the columns but print no template). Up to 1,000
 *   transfers a file (Wise's batch payments guide). The paymentReference is the payout ID, which
 *   Wise shows on the transfer and in its statements. Wise documents receiverType as "a person or
 *   an institution"; the tracker writes WISE_RECEIVER_TYPE for every partner (a guess: partners are
 *   firms); amountCurrency "target" makes the partner receive the exact net (fees on the sender).
 * - Everyone else (Bank transfer, and partners with no method) in the generic CSV
 *   (csv.ts columns plus payout_method and payout_account), one file.
 *
 * Every text field goes through csvTextField (formula guard, RFC 4180 quoting); amounts are the
 * tracker's own numbers with a dot and two decimals. A partner whose PayPal or Wise account is
 * missing or invalid (or whose bank transfer has no details) is in no file: it is listed with
 * the reason, and its payout stays Approved for the next export.
 */
export const PAYPAL_MAX_ROWS = 5000;
export const WISE_MAX_ROWS = 1000;
export const PAYPAL_WALLET = 'PAYPAL';
export const PAYPAL_NOTE_MAX = 400;
export const WISE_COLUMNS = ['name', 'recipientEmail', 'paymentReference', 'receiverType', 'amountCurrency', 'amount', 'sourceCurrency', 'targetCurrency'] as const;
export const WISE_RECEIVER_TYPE = 'INSTITUTION';
export const GENERIC_COLUMNS = ['recipient_email', 'recipient_name', 'amount', 'currency', 'reference', 'note', 'partner_id', 'payout_method', 'payout_account'] as const;

export type PayoutFileKind = 'PayPal' | 'Wise' | 'Bank transfer';

/** One approved payout on its way to a file. */
export interface PayoutFileRow {
  payoutId: string;
  partnerId: string;
  partnerName: string;
  /** The partner's Contact Email: the generic file's recipient when no account is set. */
  contactEmail: string;
  /** As the Partners tab holds them. */
  method: string;
  account: string;
  netCents: number;
  currency: string;
}

export interface PayoutFile {
  name: string;
  kind: PayoutFileKind;
  currency: string;
  payoutIds: string[];
  totalCents: number;
  content: string;
}

export interface PayoutFilesPlan {
  files: PayoutFile[];
  /** Payouts in no file, each with why (the partner's payout details need fixing). */
  notExported: Array<{ payoutId: string; partnerId: string; partnerName: string; reason: string }>;
  /** Payouts in the generic file only because their partner has no method yet. */
  noMethod: string[];
}

/** The period as file names say it: "2026-11" for a calendar month, else "2026-11-02 to 2026-11-08". */
export function periodKey(period: Pick<Period, 'start' | 'end'>): string {
  const [y, m] = period.start.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (period.start.endsWith('-01') && period.end === `${period.start.slice(0, 8)}${String(lastDay).padStart(2, '0')}`) return period.start.slice(0, 7);
  return `${period.start} to ${period.end}`;
}

/** CRLF after every line (RFC 4180). */
const lines = (rows: readonly string[]): string => rows.map((l) => `${l}\r\n`).join('');

function paypalLine(r: PayoutFileRow, note: string): string {
  return [csvTextField(r.account.trim()), amountText(r.netCents), csvTextField(r.currency), csvTextField(r.payoutId), csvTextField(note.slice(0, PAYPAL_NOTE_MAX)), PAYPAL_WALLET].join(',');
}

function wiseLine(r: PayoutFileRow): string {
  return [
    csvTextField(r.partnerName),
    csvTextField(r.account.trim()),
    csvTextField(r.payoutId),
    WISE_RECEIVER_TYPE,
    'target',
    amountText(r.netCents),
    csvTextField(r.currency),
    csvTextField(r.currency),
  ].join(',');
}

function genericLine(r: PayoutFileRow, note: string, method: string): string {
  const email = method === 'PayPal' || method === 'Wise' ? r.account.trim() : r.contactEmail;
  return [
    csvTextField(email),
    csvTextField(r.partnerName),
    amountText(r.netCents),
    csvTextField(r.currency),
    csvTextField(r.payoutId),
    csvTextField(note),
    csvTextField(r.partnerId),
    csvTextField(method),
    csvTextField(r.account.trim()),
  ].join(',');
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The files for these payouts (in the order given), split at each provider's limit and, for
 * PayPal, by currency. Names: "Payouts 2026-11 PayPal.csv", "Payouts 2026-11 PayPal 1 of 2.csv",
 * with the currency too when PayPal's payouts are in more than one ("Payouts 2026-11 PayPal EUR.csv").
 * Throws on a net that is not whole cents more than 0: such a row must never reach a payment file.
 */
export function planPayoutFiles(rows: readonly PayoutFileRow[], period: Period, limits = { paypal: PAYPAL_MAX_ROWS, wise: WISE_MAX_ROWS }): PayoutFilesPlan {
  const key = periodKey(period);
  const note = `Commission ${period.label}`;
  const paypal: PayoutFileRow[] = [];
  const wise: PayoutFileRow[] = [];
  const generic: Array<{ row: PayoutFileRow; method: string }> = [];
  const plan: PayoutFilesPlan = { files: [], notExported: [], noMethod: [] };
  for (const r of rows) {
    if (!Number.isSafeInteger(r.netCents) || r.netCents <= 0) {
      throw new Error(`planPayoutFiles: payout ${r.payoutId} has a net of ${r.netCents} cents; only amounts of whole cents more than 0 can be exported`);
    }
    const method = payoutMethodOf(r.method);
    const problem = payoutDetailsProblem(r.method, r.account);
    const skip = (reason: string) => plan.notExported.push({ payoutId: r.payoutId, partnerId: r.partnerId, partnerName: r.partnerName, reason });
    if (problem) skip(`${r.partnerName} (${r.partnerId}): ${problem}. Fix it on the Partners tab or in the partner editor, then export again.`);
    else if (method && !r.account.trim())
      skip(`${r.partnerName} (${r.partnerId}) is paid by ${method} but has no Payout Account yet. Fill it in on the Partners tab or in the partner editor, then export again.`);
    else if (method === 'PayPal') paypal.push(r);
    else if (method === 'Wise') wise.push(r);
    else {
      if (!method) plan.noMethod.push(r.payoutId);
      generic.push({ row: r, method: method ?? '' });
    }
  }
  const add = (kind: PayoutFileKind, label: string, parts: PayoutFileRow[][], content: (part: PayoutFileRow[]) => string) => {
    parts.forEach((part, i) => {
      plan.files.push({
        name: `Payouts ${key} ${label}${parts.length > 1 ? ` ${i + 1} of ${parts.length}` : ''}.csv`,
        kind,
        currency: part[0].currency,
        payoutIds: part.map((r) => r.payoutId),
        totalCents: part.reduce((t, r) => t + r.netCents, 0),
        content: content(part),
      });
    });
  };
  const currencies = [...new Set(paypal.map((r) => r.currency))];
  for (const currency of currencies) {
    const label = currencies.length > 1 ? `PayPal ${currency}` : 'PayPal';
    add(
      'PayPal',
      label,
      chunks(
        paypal.filter((r) => r.currency === currency),
        limits.paypal,
      ),
      (part) => lines(part.map((r) => paypalLine(r, note))),
    );
  }
  add('Wise', 'Wise', chunks(wise, limits.wise), (part) => lines([WISE_COLUMNS.join(','), ...part.map(wiseLine)]));
  if (generic.length) {
    add('Bank transfer', 'Bank transfer', [generic.map((g) => g.row)], () => lines([GENERIC_COLUMNS.join(','), ...generic.map((g) => genericLine(g.row, note, g.method))]));
  }
  return plan;
}

import { neutraliseForCsv } from '../cell-text';
import type { Period } from './types';

/**
 * The finance export: one CSV row per approved payout, in a generic layout
 * that a bank's bulk-payment upload or a PayPal Payouts file can be mapped
 * from column by column (recipient, amount, currency, a reference that comes
 * back on the statement, a note for the recipient). The columns are
 * documented in PAYOUT_CSV_COLUMNS.
 *
 * RFC 4180: CRLF line endings, fields holding a comma, quote or line break are
 * quoted and their quotes doubled. Every text field is cleaned first (control,
 * bidirectional and zero-width characters removed, so a NUL cannot hide a
 * leading "=") and then neutralised against formula injection (a leading
 * = + - @ or tab gets an apostrophe), because finance opens these files in
 * spreadsheet programs; the amount is a number the tracker writes itself and
 * is always positive, so it is left as is.
 */
export const PAYOUT_CSV_COLUMNS: ReadonlyArray<{ column: string; meaning: string }> = [
  { column: 'recipient_email', meaning: "The partner's payout email address (Partners tab); the PayPal recipient or the bank's payee email." },
  { column: 'recipient_name', meaning: "The partner's name as the Partners tab holds it." },
  { column: 'amount', meaning: "The payout's net amount: a dot and two decimals, no thousands separator, always more than 0 (e.g. 1234.50)." },
  { column: 'currency', meaning: "The programme's ISO 4217 currency code (e.g. USD)." },
  { column: 'reference', meaning: 'The payout ID (PO-…): quote it as the payment reference so the payment can be matched to the Payouts row.' },
  { column: 'note', meaning: 'A note for the recipient: "Commission" and the period ("Commission February 2026").' },
  { column: 'partner_id', meaning: 'The partner ID (P-…) in the tracker.' },
];

export interface PayoutCsvRow {
  payoutId: string;
  partnerId: string;
  partnerName: string;
  email: string;
  netCents: number;
  currency: string;
  period: Period;
}

/** Whole positive cents as "1234.50": a dot, two decimals, no separators (the provider files use it too). */
export function amountText(cents: number): string {
  const whole = Math.floor(cents / 100);
  return `${whole}.${String(cents - whole * 100).padStart(2, '0')}`;
}

/** One RFC 4180 field, cleaned and neutralised against formula injection first (the Plan simulator's export uses it too). */
export function csvTextField(value: string): string {
  const safe = neutraliseForCsv(String(value ?? ''));
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The CSV text for the payouts, header first, CRLF after every row. Throws
 * when a payout's net is not a whole number of cents more than 0: such a row
 * must never reach a payment file.
 */
export function payoutsCsv(rows: ReadonlyArray<PayoutCsvRow>): string {
  const lines = [PAYOUT_CSV_COLUMNS.map((c) => c.column).join(',')];
  for (const r of rows) {
    if (!Number.isSafeInteger(r.netCents) || r.netCents <= 0) {
      throw new Error(`payoutsCsv: payout ${r.payoutId} has a net of ${r.netCents} cents; only amounts of whole cents more than 0 can be exported`);
    }
    lines.push(
      [
        csvTextField(r.email),
        csvTextField(r.partnerName),
        amountText(r.netCents),
        csvTextField(r.currency),
        csvTextField(r.payoutId),
        csvTextField(`Commission ${r.period.label}`),
        csvTextField(r.partnerId),
      ].join(','),
    );
  }
  return lines.map((l) => `${l}\r\n`).join('');
}

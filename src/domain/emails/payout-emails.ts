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
 *
 * Split by concern: payout-email-html.ts (the HTML pieces and the byte budget),
 * payout-summary-email.ts, partner-statement-email.ts; this module is the entry point.
 */
export { partnerStatementEmail, paymentNoticeEmail, rateText } from './partner-statement-email';
export type { PartnerStatementInput, PaymentNoticeInput } from './partner-statement-email';
export { EMAIL_BODY_LIMIT_BYTES, SUMMARY_MAX_ROWS, utf8Bytes } from './payout-email-html';
export { changeAgainstPrevious, payoutSummaryEmail } from './payout-summary-email';
export type { PayoutSummaryInput } from './payout-summary-email';

import { PAYOUT_METHODS, PayoutMethod } from '../enums';
import { EMAIL_PATTERN } from '../rules';

/**
 * Where a partner's money goes: the Partners tab's Payout Method and Payout Account, checked the
 * same way wherever they are written (the sidebar's partner editor, a typed or pasted row, an
 * import). PayPal and Wise pay to an email address (PayPal: the recipient's PayPal login; Wise:
 * the "send by email" batch, where Wise asks the recipient for their bank details). A bank
 * transfer's account is free text the bank needs (holder, IBAN and BIC, or account and
 * sort/routing number); the tracker asks only that it carry at least 6 digits (every IBAN and
 * account number does) and no email address, so an email pasted into the wrong column is caught.
 */
export { PAYOUT_METHODS };
export type { PayoutMethod };

export const PAYOUT_ACCOUNT_MAX = 300;
const BANK_DIGITS_MIN = 6;

/** What the tracker accepts as each method's account, for help texts and refusals. */
export const PAYOUT_ACCOUNT_ACCEPTS: Record<PayoutMethod, string> = {
  PayPal: "the partner's PayPal email address",
  Wise: "the email address Wise sends the recipient's payment link to",
  'Bank transfer': `the bank details the bank needs (account holder, IBAN and BIC, or account and sort or routing number): at least ${BANK_DIGITS_MIN} digits, no email address, at most ${PAYOUT_ACCOUNT_MAX} characters`,
};

/** The method as the tab spells it (any case), '' for blank, null for a value that is not a method. */
export function payoutMethodOf(text: string): PayoutMethod | '' | null {
  const t = String(text ?? '').trim();
  if (!t) return '';
  return PAYOUT_METHODS.find((m) => m.toLowerCase() === t.toLowerCase()) ?? null;
}

/**
 * Why this method and account cannot be saved, or null. Blank both is "not set"; a method with no
 * account yet is allowed (the export lists the partner as not payable until it is filled in).
 */
export function payoutDetailsProblem(methodText: string, accountText: string): string | null {
  const method = payoutMethodOf(methodText);
  const account = String(accountText ?? '').trim();
  if (method === null) return `Payout Method "${String(methodText).trim()}" is not one of ${PAYOUT_METHODS.join(', ')} (or blank)`;
  if (!method) return account ? 'Payout Account is filled in but Payout Method is blank: choose PayPal, Wise or Bank transfer' : null;
  if (!account) return null;
  if (account.length > PAYOUT_ACCOUNT_MAX) return `Payout Account must be at most ${PAYOUT_ACCOUNT_MAX} characters`;
  if (method === 'Bank transfer') {
    if (/[^\s@]+@[^\s@]+\.[^\s@]+/.test(account))
      return `Payout Account for a bank transfer must be ${PAYOUT_ACCOUNT_ACCEPTS['Bank transfer']}; this looks like an email address (for PayPal or Wise, choose that method)`;
    if ((account.match(/\d/g) ?? []).length < BANK_DIGITS_MIN) return `Payout Account for a bank transfer must be ${PAYOUT_ACCOUNT_ACCEPTS['Bank transfer']}`;
    return null;
  }
  return EMAIL_PATTERN.test(account) ? null : `Payout Account for ${method} must be ${PAYOUT_ACCOUNT_ACCEPTS[method]}, such as name@partner.com`;
}

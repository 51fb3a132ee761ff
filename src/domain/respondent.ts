import { Partner, normalisePartnerCode, partnerContactEmails } from './partner';

/**
 * Who a partner form response is from. With Settings' Verify partner emails on, the form records
 * the respondent's verified Google account ("Email Address" in the responses tab), and a response
 * counts for a partner only when that account is one of the partner's contact emails (Contact
 * Email or More Contact Emails) and the code typed is that partner's: a code is no credential on
 * its own. Pure: the intake, the owed-mail recovery and the tests share it.
 */
export const RESPONDENT_EMAIL_TITLE = 'Email Address';

/** The respondent's email from a response's namedValues ('' when the form recorded none), lower case. */
export function respondentEmailOf(raw: Readonly<Record<string, readonly string[]>>): string {
  return (raw[RESPONDENT_EMAIL_TITLE] ?? []).join('').trim().toLowerCase();
}

export type Attribution =
  /** The respondent is a contact of the partner whose code they typed. */
  | { kind: 'verified'; partner: Partner }
  /** Refused before registration: the reason is for the partner team (it may name partners); the respondent is told RESPONDENT_NOT_MATCHED only. */
  | { kind: 'refused'; reason: string };

/** The partners whose contacts include this email (one, unless the Partners tab shares an address, which adoption refuses). */
export function partnersOfEmail(partners: readonly Partner[], email: string): Partner[] {
  const wanted = email.trim().toLowerCase();
  return wanted ? partners.filter((p) => partnerContactEmails(p).includes(wanted)) : [];
}

/** Whether `email` speaks for `partner` (one of its contact emails). */
export function isContactOf(partner: Partner | undefined, email: string): boolean {
  return Boolean(partner && email && partnerContactEmails(partner).includes(email.trim().toLowerCase()));
}

/** Attributes a verified response: the partner, or why not (worded for the partner team). */
export function attributeResponse(partners: readonly Partner[], respondentEmail: string, code: string): Attribution {
  const email = respondentEmail.trim().toLowerCase();
  if (!email) {
    return {
      kind: 'refused',
      reason:
        'The form did not record who sent this response (Verify partner emails is Yes, but the form does not collect verified email addresses). ' +
        'Run "Create partner form" again to apply the setting, then re-process this response.',
    };
  }
  const own = partnersOfEmail(partners, email);
  const wanted = normalisePartnerCode(code);
  const codeOwner = wanted ? partners.find((p) => p.code === wanted) : undefined;
  const whose = codeOwner ? `it belongs to ${codeOwner.name} (${codeOwner.id})` : wanted ? 'no partner has it' : 'no code was given';
  if (own.length === 0) {
    return {
      kind: 'refused',
      reason: `${email} is not a contact email of any partner (Contact Email or More Contact Emails on the Partners tab); partner code "${code}": ${whose}. If they speak for a partner, add the address to that partner and re-process this response.`,
    };
  }
  if (own.length > 1) {
    return {
      kind: 'refused',
      reason: `${email} is a contact email of several partners (${own.map((p) => p.id).join(', ')}), so the response cannot be attributed. Keep each address on one partner, then re-process this response.`,
    };
  }
  const [partner] = own;
  if (!codeOwner || codeOwner.id !== partner.id) {
    return {
      kind: 'refused',
      reason: `Partner code "${code}" does not belong to ${email}, a contact of ${partner.name} (${partner.id}, code ${partner.code}); ${whose}.`,
    };
  }
  return { kind: 'verified', partner };
}

/**
 * What a respondent whose response could not be attributed to their partner is told: the same
 * words whether the code exists or not, whoever it belongs to, whatever the address.
 */
export const RESPONDENT_NOT_MATCHED =
  'The partner code you entered does not match the Google account you submitted the form with. ' +
  'Check your partner code and submit the form again, signed in with the Google account the partner team has on file for you. ' +
  'If you register leads from another address, ask the partner team to add it to your partner record.';

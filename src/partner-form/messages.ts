import { registrationConfirmation, registrationNotMatched, registrationRefused } from '../domain/emails/lead-emails';
import { Lead } from '../domain/lead';
import { Partner } from '../domain/partner';
import { isContactOf } from '../domain/respondent';
import { Outgoing, messageIds } from '../mail/mailer';

/**
 * Who hears of a response: the respondent when the form recorded one who is the partner's
 * contact; the partner's Contact Email otherwise. Never a respondent who is not the partner's
 * contact (they would learn which partner a code belongs to): see notMatchedMessage.
 */
export function partnerRecipient(partner: Partner, respondentEmail: string): string {
  return isContactOf(partner, respondentEmail) ? respondentEmail.trim().toLowerCase() : partner.contactEmail;
}

/** The partner's confirmation of a lead their form response made (one message ID per lead). A conflict is told in CONFLICT_FOR_PARTNER's words. */
export function confirmationMessage(programme: string, partner: Partner, lead: Lead, respondentEmail = ''): Outgoing {
  const mail = registrationConfirmation({
    programme,
    partnerName: partner.name,
    leadId: lead.id,
    company: lead.company,
    status: lead.status,
    protectedUntil: lead.protectedUntil,
  });
  return { ...mail, id: messageIds.confirmation(lead.id), to: [partnerRecipient(partner, respondentEmail)], purpose: `confirmation ${lead.id}`, senderName: programme };
}

/** The partner's refusal of a form response, with every reason (one message ID per response). */
export function refusalMessage(programme: string, partner: Partner, company: string, reasons: string[], responseKey: string, respondentEmail = ''): Outgoing {
  const mail = registrationRefused({ programme, partnerName: partner.name, company, reasons });
  return { ...mail, id: messageIds.refusal(responseKey), to: [partnerRecipient(partner, respondentEmail)], purpose: `refusal ${responseKey}`, senderName: programme };
}

/** To a respondent the response could not be attributed to a partner for: the same words whatever they typed (one message ID per response). */
export function notMatchedMessage(programme: string, company: string, respondentEmail: string, responseKey: string): Outgoing {
  const mail = registrationNotMatched({ programme, company, respondentEmail });
  return { ...mail, id: messageIds.refusal(responseKey), to: [respondentEmail], purpose: `refusal ${responseKey}`, senderName: programme };
}

/**
 * The reply a refused response is owed, or null (no one to tell): to a respondent who is the
 * partner's contact, every reason; to a respondent who is not, RESPONDENT_NOT_MATCHED only; with
 * no respondent recorded (verification off), every reason to the partner whose code was typed.
 */
export function refusalReply(programme: string, partner: Partner | undefined, respondentEmail: string, company: string, reasons: string[], responseKey: string): Outgoing | null {
  if (respondentEmail) {
    return partner && isContactOf(partner, respondentEmail)
      ? refusalMessage(programme, partner, company, reasons, responseKey, respondentEmail)
      : notMatchedMessage(programme, company, respondentEmail, responseKey);
  }
  return partner && partner.contactEmail ? refusalMessage(programme, partner, company, reasons, responseKey) : null;
}

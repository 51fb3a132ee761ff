import { registrationConfirmation, registrationRefused } from '../domain/emails/lead-emails';
import { Lead } from '../domain/lead';
import { Partner } from '../domain/partner';
import { Outgoing, messageIds } from '../mail/mailer';

/** The partner's confirmation of a lead their form response made (one message ID per lead). */
export function confirmationMessage(programme: string, partner: Partner, lead: Lead): Outgoing {
  const mail = registrationConfirmation({
    programme,
    partnerName: partner.name,
    leadId: lead.id,
    company: lead.company,
    status: lead.status,
    protectedUntil: lead.protectedUntil,
    conflictReason: lead.statusReason,
  });
  return { ...mail, id: messageIds.confirmation(lead.id), to: [partner.contactEmail], purpose: `confirmation ${lead.id}`, senderName: programme };
}

/** The partner's refusal of a form response, with every reason (one message ID per response). */
export function refusalMessage(programme: string, partner: Partner, company: string, reasons: string[], responseKey: string): Outgoing {
  const mail = registrationRefused({ programme, partnerName: partner.name, company, reasons });
  return { ...mail, id: messageIds.refusal(responseKey), to: [partner.contactEmail], purpose: `refusal ${responseKey}`, senderName: programme };
}

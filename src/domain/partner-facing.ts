/**
 * What a partner may be told. Partners are outsiders: a message or sheet a partner sees never
 * names another partner, their code, their people, their leads, dates or amounts. The team's
 * own words (a Status Reason typed on the Leads tab, a conflict's description) can carry any of
 * those, so partner-facing text goes through here: a conflict is said in one fixed sentence, and
 * any other reason has every other partner's identifying text and every other lead's ID taken out.
 */
export interface PartnerIdentity {
  id: string;
  name: string;
  code: string;
  contactName: string;
  contactEmail: string;
  otherEmails?: readonly string[];
}

/** What a partner reads instead of a conflict's description (which names the earlier partner, their lead and its date). */
export const CONFLICT_FOR_PARTNER = 'This company was already registered by another partner. The partner team will review it and let you know.';

/** Stands in for whatever was taken out of a reason. */
export const REDACTED = '[another partner]';

const LEAD_ID = /\bL-\d{6,}\b/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The texts that identify a partner (names and codes of 3 characters or more, so a code like "A" does not eat every word). */
function identifyingTexts(partner: PartnerIdentity): string[] {
  const texts = [partner.id, partner.name, partner.code, partner.contactName, partner.contactEmail, ...(partner.otherEmails ?? [])];
  return texts.map((t) => t.trim()).filter((t) => t.length >= 3);
}

/**
 * `text` with every other partner's identifying text (ID, name, code, contact name, emails;
 * case-insensitive, whole words) and every lead ID but `ownLeadIds` replaced by REDACTED.
 */
export function withoutOtherPartners(text: string, others: readonly PartnerIdentity[], ownLeadIds: readonly string[] = []): string {
  let out = text.replace(LEAD_ID, (id) => (ownLeadIds.includes(id) ? id : REDACTED));
  const texts = others.flatMap(identifyingTexts).sort((a, b) => b.length - a.length);
  for (const t of texts) out = out.replace(new RegExp(`(^|[^\\w@.-])${escapeRegExp(t)}(?=$|[^\\w@-])`, 'gi'), (_, before: string) => `${before}${REDACTED}`);
  return out;
}

/** A lead's Status Reason as its partner may read it: the fixed sentence for a conflict, else the reason without other partners. */
export function partnerFacingReason(lead: { id: string; status: string; statusReason: string }, others: readonly PartnerIdentity[]): string {
  if (lead.status === 'Conflict') return CONFLICT_FOR_PARTNER;
  return withoutOtherPartners(lead.statusReason, others, [lead.id]);
}

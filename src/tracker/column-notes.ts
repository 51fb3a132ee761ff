import { ColumnKey, TabKey } from './schema';

/**
 * The note on each column's header cell: what the column is for, with an example, for the
 * person typing into the tab. Setup writes them (and puts back one someone deleted); nothing
 * else reads them, so they live here rather than in schema.ts, which every execution loads.
 */
type ColumnNotes = { [T in TabKey]?: Partial<Record<ColumnKey<T>, string>> };

/** The seal column every sealed tab ends with. */
const CHECK_NOTE =
  "Written by the tracker with each change it makes: the row's confirmed ID, status and sign-offs, and a code only the tracker can make. A change made by hand that the tracker could not accept is put back from here.";

/** The column where the tracker explains a row it could not adopt as typed or pasted. */
const PROBLEMS_NOTE = 'Written by the tracker: why this row, typed or pasted, does not count yet. Fix the cells it names and the tracker clears it (on the edit, or with Check tracker).';

const NOTES: ColumnNotes = {
  team: {
    role: 'Manager: approves commissions and payouts, voids, refunds, runs payouts. Finance: exports payouts and marks them paid. Partner team: partners, leads and the pipeline. Owner: set by the tracker (whoever runs its automation).',
  },
  partners: {
    code: 'What the partner types into the lead form.',
    otherEmails:
      "Other people at the partner who may register leads on the form and see the partner sheet: emails separated by commas or new lines. With Contact Email, the only addresses the form accepts this partner's code from.",
    updates:
      'How the partner hears about their leads, commissions and payouts: Daily (blank) one digest a day, Immediate each change, Weekly one digest a week, Off none (statements and payment notices still go out).',
    partnerSheet: "Written by the tracker: the partner's own view-only spreadsheet (their leads, commissions, payouts and balance), shared with their contact emails only.",
    payoutMethod: 'How the partner is paid: PayPal, Wise or Bank transfer (blank: not set; such payouts go in the generic file). Only Finance, managers and the owner may change it.',
    payoutAccount:
      'Where the money goes: the PayPal email (PayPal), the email Wise sends the payment link to (Wise), or the bank details (Bank transfer: holder, IBAN and BIC or account and sort/routing number). Only Finance, managers and the owner may change it.',
    termsAccepted: 'Written by the tracker: which version of the programme terms the partner accepted, who accepted them and when (from their application).',
  },
  leads: {
    responseKey: 'The form response that created this lead (responses tab and row).',
    registeredBy: 'Who registered the lead in the sidebar (blank for the partner form).',
  },
  rules: {
    id: 'Given by the tracker (R-000001). Each commission line records the rule that made it, so an ID is never reused.',
    name: 'What the rule is, in your words. Example: "Gold resellers 2026" or "Q4 SPIFF".',
    ruleType: "Base: the partner's commission on a deal; of the Base rules that match a deal, the most specific wins. Bonus: a SPIFF paid on top; every matching Bonus rule pays, on its own line.",
    partnerTier: "Pays only partners of this tier. Blank = any tier. Example: Gold (the partner's tier on the Partners tab).",
    partnerType: 'Pays only partners of this type. Blank = any type. Example: Reseller.',
    product: 'Pays only deals for this product (from the Lists tab). Blank = any product. Example: Core Platform.',
    kind: 'Percentage: pays the Rate times the deal amount; fill Rate, leave Flat Amount blank. Flat: pays the Flat Amount per deal; fill Flat Amount, leave Rate blank.',
    rate: 'Percentage rules: the share of the deal amount paid. Example: 10% of a 10,000 deal pays 1,000. Blank for Flat rules.',
    flatAmount: 'Flat rules: the amount paid per won deal, whatever its size. Example: 500. Blank for Percentage rules.',
    acceleratorThreshold:
      "Base Percentage rules, optional: the partner's won revenue in a calendar quarter above which the Accelerator Rate applies. Example: 50,000 with an Accelerator Rate of 12% — the part of the quarter's deals beyond 50,000 pays 12%, the rest the Rate. Blank = no accelerator.",
    acceleratorRate: 'The rate paid on won revenue above the Accelerator Threshold in the quarter (both or neither). Example: 12%. Blank = no accelerator.',
    capPerDeal: 'The most this rule pays on one deal. Example: 5,000 — a 100,000 deal at 10% pays 5,000, not 10,000. Blank = no cap.',
    holdingDays: "Days after the close date before the commission can be approved and paid (refunds come in this window). Example: 30. 0 = payable at once; blank = the Settings' default.",
    effectiveFrom: 'The first close date the rule pays for. Blank = from the beginning. Example: 2026-01-01.',
    effectiveTo: 'The last close date the rule pays for. Blank = no end. To change a rate, end this rule and add a new one from the next day: past commissions never change.',
    notes: 'Anything the team should know about the rule (why, who agreed it). Not used in the arithmetic.',
    active:
      'Yes, or blank: the rule pays. No: the rule is kept but makes no commissions (an example, a rule retired early). Draft: a proposed rule; it pays nothing and ties with no rule, and the Plan simulator (sidebar: Commission rules) replays it on past deals.',
  },
  audit: {
    previousHash: 'The hash of the row this one was chained to: a deleted row shows as a broken link.',
  },
  inbox: {
    handledBy: 'Who re-processed or dismissed the response.',
    decisionNote: 'Why the response was dismissed, or what was corrected before it was re-processed.',
    respondentEmail: "The Google account that submitted the response, as the form verified it (blank when Settings' Verify partner emails is No).",
  },
  mail: {
    messageId: 'What the email is (e.g. statement:PO-000001): the tracker never sends a message whose ID is already here.',
    claimedUntil: 'A run that is sending this email holds it until then (an execution lives at most 6 minutes); a row still Sending after it is Unknown.',
  },
  applications: {
    contactEmail: 'The Google account that submitted the application, as the form verified it.',
    about: 'What the applicant wrote about their business and customers.',
    termsVersion: 'The version of the programme terms the applicant accepted on the form.',
    decisionNote: 'Why the application was rejected (sent to the applicant), or anything the team should know.',
    partnerId: 'The partner an approval created.',
    responseKey: 'The form response this application came from (responses tab and row).',
  },
  updates: {
    event: 'What happened: lead.accepted, lead.won, commission.approved, payout.paid, announcement…',
    recordId: 'The lead, commission, payout or announcement it is about.',
    summary: "What the partner is told, in the partner's words: never another partner's name, code, people, dates or amounts.",
    messageId: 'The Mail Queue message that carried it.',
    note: 'Why an update was not sent (the partner turned updates off, has no contact email…).',
  },
  // Rows Zapier's "Create Spreadsheet Row" or Make's "Add a Row" appends (docs/integrations/inbound.md); the hourly run takes them.
  inbound: {
    kind: 'New lead: registers a lead (Partner, Company and Contact Email at least), matched like any registration. Stage change: moves the lead in Lead ID to New Status.',
    externalId:
      "The record's ID in the tool that sent it (the CRM's deal or form entry ID). A row with an External ID another row already used is refused with the lead that row made, so a Zap that runs twice adds nothing. Blank: the row's cells are its identity.",
    partner: 'Who registers the lead: their Partner ID (P-000001), partner code (ACME) or one of their contact emails. The partner must be Active.',
    company: 'New lead: the company the deal is with (required). Example: Initech Ltd.',
    website: "New lead: the company's website; its domain is matched against other partners' leads. Example: initech.co.uk.",
    contactEmail: "New lead: the customer contact's email (required). Its domain is matched too (free-mail domains are not).",
    product: 'New lead: a product from the Lists tab, or blank.',
    dealValue: 'New lead: the estimated deal value. Example: 12000.',
    leadId: 'Stage change: the lead to move (L-000123).',
    newStatus: "Stage change: Accepted, Rejected, Qualified, Closed Won or Closed Lost — the partner team's moves, from where the lead is now. A refund is a manager's, in the sidebar.",
    wonAmount: 'Stage change to Closed Won: the amount won (required); the commissions are computed from it.',
    closeDate: 'Stage change to Closed Won (required) or Closed Lost: the day the deal closed, YYYY-MM-DD.',
    note: 'New lead: its notes. Stage change: the reason (a Rejected or Closed Lost row without one records that it came through this tab).',
    result:
      'Written by the tracker. Blank or Waiting for the hourly run: not taken yet (the hourly run takes every row within the hour). Adopted / Conflict: the lead it registered. Moved: the stage change was made. Refused: see Problems; fix the cells and the next run tries the row again.',
    resultLeadId: 'Written by the tracker: the lead the row registered or moved.',
    processedAt: 'Written by the tracker: when the hourly run took the row.',
    stamp: "Written by the tracker: a fingerprint of the row's cells when it was taken, so a refused row changed since is tried again, and an applied row is never applied twice.",
  },
  webhooks: {
    id: 'Given by the tracker. Add endpoints in the sidebar (Webhooks): it shows the signing secret once; the secret is never kept in the sheet.',
    url: 'Where the events are sent: https://… (plain http only for localhost). No user name or password in it.',
    events:
      'The events to send, separated by commas, or * for all: partner.created, partner.updated, lead.registered, lead.status_changed, commission.created, commission.approved, payout.created, payout.approved, payout.paid, tier.changed.',
    active: 'Yes: events are sent. No: nothing is sent (the tracker sets No when the receiver answers 410 Gone).',
    secretHint: 'The last characters of the signing secret, to tell which one the receiver has. Roll the secret in the sidebar if it leaked.',
    disabledReason: 'Why the tracker turned the endpoint off.',
    lastDelivery: 'The last message sent: when, its event, and the answer.',
  },
  deliveries: {
    webhookId: 'The webhook-id header: the same on every attempt of one message (receivers drop repeats by it).',
    status: 'Pending, Delivered, Failed – retrying (Next Attempt says when), Gave up (after the last retry) or Endpoint disabled.',
    note: 'Why the last attempt failed, in words.',
    body: 'The JSON body as signed and sent; every retry sends it unchanged.',
  },
  hubspot: {
    direction: 'To HubSpot: a lead sent as a company and deal. From HubSpot: a deal stage change brought back. Sync: the run stopped or paused.',
    dealId: "The HubSpot deal's record ID (in HubSpot: the number at the end of the deal's address).",
    outcome:
      'Created, Updated, Moved; Conflict (another partner has an open deal for this company: nothing was written); Refused (the tracker would not make the move); Failed (HubSpot refused); Waiting (the next run goes on).',
    note: 'What was done, or why not, in full.',
  },
};

/** The Inbound tab's Problems: fixed rows are taken again by the hourly run, not by the edit. */
const INBOUND_PROBLEMS_NOTE = 'Written by the tracker: why the hourly run refused this row. Fix the cells it names and the next hourly run tries the row again.';

/** The note of a tab's column, or undefined when it has none. */
export function columnNote(tab: TabKey, column: string): string | undefined {
  if (column === 'check') return CHECK_NOTE;
  if (column === 'problems') return tab === 'inbound' ? INBOUND_PROBLEMS_NOTE : PROBLEMS_NOTE;
  return (NOTES[tab] as Record<string, string> | undefined)?.[column];
}

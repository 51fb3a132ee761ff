import { problemLine } from './row-checks';
import { Partner } from './partner';
import { sameEmail } from './input-rules';
import { INBOUND_KINDS, INBOUND_RESULTS, INBOUND_STAGES } from './enums';
import { LEAD_TRANSITION_RULES } from './input-rules';
import type { LeadTransition } from './lead';
import { checkVariant } from './rules';

/**
 * The Inbound tab (issue 15): rows another tool appends through the Google Sheets API — a
 * Zapier "Create Spreadsheet Row" or Make "Add a Row" step — which fire no Apps Script trigger.
 * The owner's hourly run reads them and treats each like a row typed into the tracker: a new
 * lead goes through registration's own rules and matching, a stage change through the pipeline's
 * own move. This module is the pure part: what a row asks for, whether it still waits, and the
 * key that makes processing it idempotent. The run (src/inbound/) does the rest.
 *
 * What a row may do is what a Partner team member may do, and no more: register a lead for an
 * active partner, and move a lead to Accepted, Rejected, Qualified, Closed Won or Closed Lost.
 * Refunded (a manager's call) and anything else is refused with the reason.
 */
export { INBOUND_KINDS, INBOUND_RESULTS, INBOUND_STAGES };
export type InboundKind = (typeof INBOUND_KINDS)[number];

export type InboundStage = (typeof INBOUND_STAGES)[number];

export type InboundResult = (typeof INBOUND_RESULTS)[number];
export const WAITING: InboundResult = 'Waiting for the hourly run';
/** Results after which the row has done its work: it is never applied again. */
const DONE: readonly string[] = ['Adopted', 'Conflict', 'Moved'];

/** A row's input cells as text (dates as YYYY-MM-DD, amounts as the cell's number or text). */
export interface InboundInput {
  kind: string;
  externalId: string;
  partner: string;
  company: string;
  website: string;
  contactName: string;
  contactEmail: string;
  product: string;
  dealValue: string | number;
  leadId: string;
  newStatus: string;
  wonAmount: string | number;
  closeDate: string;
  note: string;
}

/** The input columns, in the tab's order (what a Zap or a Make scenario fills). */
export const INBOUND_INPUT_KEYS = [
  'kind',
  'externalId',
  'partner',
  'company',
  'website',
  'contactName',
  'contactEmail',
  'product',
  'dealValue',
  'leadId',
  'newStatus',
  'wonAmount',
  'closeDate',
  'note',
] as const satisfies ReadonlyArray<keyof InboundInput>;

/** The columns the tracker writes, as they stand on the row. */
export interface InboundOutput {
  result: string;
  resultLeadId: string;
  stamp: string;
  problems: string;
}

/** What a row asks for, parsed; the fields' own rules are registration's and the pipeline's (checked by the run). */
export type InboundRequest =
  | { kind: 'new lead'; partner: string; fields: { company: string; website: string; contactName: string; contactEmail: string; product: string; estimatedValue: string | number; notes: string } }
  | { kind: 'stage change'; leadId: string; move: LeadTransition }
  | { kind: 'refused'; problems: string[] };

/**
 * What the run does with a row now: nothing (blank, or done and unchanged, or refused and not
 * fixed since), process it (new, waiting, or refused and changed since), or only tell that a
 * row already applied was changed afterwards (it is never applied twice).
 */
export type InboundRowState = 'blank' | 'pending' | 'settled' | 'changed after done';

export function isBlankInput(input: InboundInput): boolean {
  return INBOUND_INPUT_KEYS.every((k) => String(input[k]).trim() === '');
}

/**
 * A short fingerprint of the row's input cells (FNV-1a, two 32-bit lanes). Written to the
 * Tracker Stamp column when the row is processed, it tells the next run whether the row has
 * been changed since: a refused row that was fixed is tried again. Not a secret and not a seal:
 * a forged stamp can only stop a row being processed, which deleting it does too.
 */
export function fingerprintOf(input: InboundInput): string {
  const text = INBOUND_INPUT_KEYS.map((k) => String(input[k]).trim()).join('\u001f');
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return `v1:${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}

export function rowState(input: InboundInput, output: InboundOutput): InboundRowState {
  if (isBlankInput(input)) return 'blank';
  const unchanged = output.stamp !== '' && output.stamp === fingerprintOf(input);
  if (DONE.includes(output.result) && (output.stamp !== '' || output.resultLeadId !== '')) return unchanged ? 'settled' : 'changed after done';
  // A refused row keeps its reason; one whose Problems were cleared is taken again (the reason is worked out anew).
  if (output.result === 'Refused' && unchanged && output.problems !== '') return 'settled';
  return 'pending';
}

export function isDone(result: string): boolean {
  return DONE.includes(result);
}

/**
 * The request key a new lead records in its Form Response column (as the partner form records
 * its response): `inbound:` and the row's External ID, or the row's fingerprint when it has
 * none. A run that died after writing the lead finds it by this key and finishes the row.
 */
export function requestKeyOf(input: InboundInput): string {
  const external = String(input.externalId).trim();
  return external ? `inbound:${external}` : `inbound:${fingerprintOf(input).slice(3)}`;
}

/**
 * The partner a row names by Partner ID, partner code or a contact email (Contact Email or More
 * Contact Emails): the first that matches, in that order. An email two partners share (a
 * problem on the Partners tab already) names no one.
 */
export function resolvePartner(partners: readonly Partner[], named: string): { partner: Partner } | { problem: string } {
  const text = named.trim();
  if (!text) return { problem: 'Partner: a partner is required (their Partner ID, partner code or contact email)' };
  const byId = partners.find((p) => p.id === text);
  if (byId) return { partner: byId };
  const code = text.toUpperCase();
  const byCode = partners.find((p) => p.code === code);
  if (byCode) return { partner: byCode };
  if (text.includes('@')) {
    const byEmail = partners.filter((p) => sameEmail(p.contactEmail, text) || (p.otherEmails ?? []).some((e) => sameEmail(e, text)));
    if (byEmail.length === 1) return { partner: byEmail[0] };
    if (byEmail.length > 1) return { problem: `Partner: ${text} is a contact of ${byEmail.length} partners; name the partner by Partner ID or code` };
  }
  return { problem: `Partner: no partner has the Partner ID, code or contact email "${text}"` };
}

/** What the row asks for; the problems only this module can see (the kind, the stage, what does not belong to the kind). */
export function parseInboundRow(input: InboundInput, row: number): InboundRequest {
  const kind = String(input.kind).trim().toLowerCase();
  const text = (k: keyof InboundInput) => String(input[k]).trim();
  if (kind === 'new lead') {
    const stray = (['leadId', 'newStatus', 'wonAmount', 'closeDate'] as const).filter((k) => text(k) !== '');
    if (stray.length)
      return { kind: 'refused', problems: [`Kind: a New lead row leaves ${stray.map(header).join(', ')} blank (those are for a Stage change); clear them or make the row a Stage change`] };
    return {
      kind: 'new lead',
      partner: text('partner'),
      fields: {
        company: text('company'),
        website: text('website'),
        contactName: text('contactName'),
        contactEmail: text('contactEmail'),
        product: text('product'),
        estimatedValue: typeof input.dealValue === 'number' ? input.dealValue : text('dealValue'),
        notes: text('note'),
      },
    };
  }
  if (kind === 'stage change') {
    const problems: string[] = [];
    const leadId = text('leadId');
    if (!leadId) problems.push('Lead ID: a Stage change names the lead to move (its Lead ID, L-000123)');
    const status = text('newStatus');
    const stage = INBOUND_STAGES.find((s) => s.toLowerCase() === status.toLowerCase());
    if (!stage) {
      problems.push(
        status.toLowerCase() === 'refunded'
          ? 'New Status: a refund claws back commissions, which needs a manager; refund the deal in the sidebar'
          : `New Status: ${status ? `"${status}" is not a stage an inbound row can move a lead to` : 'the stage to move the lead to is missing'}; use ${INBOUND_STAGES.join(', ')}`,
      );
    }
    if (stage && stage !== 'Closed Won' && text('wonAmount') !== '') problems.push(`Won Amount: only a move to Closed Won has one; clear it, or make New Status Closed Won`);
    if (problems.length || !stage) return { kind: 'refused', problems };
    // The rules the sidebar's move is checked with (domain/input-rules.ts), as a typed status is; a Rejected or
    // Closed Lost row without a Note gets the reason a typed status gets ("set in the sheet by …").
    const reason = text('note') || (stage === 'Rejected' || stage === 'Closed Lost' ? `set through the Inbound tab (row ${row})` : '');
    const checked = checkVariant(LEAD_TRANSITION_RULES, {
      to: stage,
      reason,
      ...(stage === 'Closed Won' ? { dealAmount: typeof input.wonAmount === 'number' ? input.wonAmount : text('wonAmount') } : {}),
      ...(stage === 'Closed Won' || stage === 'Closed Lost' ? { closedOn: text('closeDate') } : {}),
    });
    if (!checked.ok) return { kind: 'refused', problems: Object.entries(checked.errors).map(([field, why]) => problemLine(headerOfField(field), why)) };
    return { kind: 'stage change', leadId, move: checked.data as unknown as LeadTransition };
  }
  const given = String(input.kind).trim();
  return { kind: 'refused', problems: [`Kind: ${given ? `"${given}" is not a kind of row the tracker takes` : 'the kind of row is missing'}; use ${INBOUND_KINDS.join(' or ')}`] };
}

const HEADERS: Record<keyof InboundInput, string> = {
  kind: 'Kind',
  externalId: 'External ID',
  partner: 'Partner',
  company: 'Company',
  website: 'Website',
  contactName: 'Contact Name',
  contactEmail: 'Contact Email',
  product: 'Product',
  dealValue: 'Deal Value',
  leadId: 'Lead ID',
  newStatus: 'New Status',
  wonAmount: 'Won Amount',
  closeDate: 'Close Date',
  note: 'Note',
};

/** An input column's header (the schema's, repeated here so the pure module needs no tracker code). */
export function header(key: keyof InboundInput): string {
  return HEADERS[key];
}

/** The header a registration or move problem belongs under: the row's own column for the field. */
export function headerOfField(field: string): string {
  const map: Record<string, keyof InboundInput> = {
    partnerId: 'partner',
    company: 'company',
    website: 'website',
    contactName: 'contactName',
    contactEmail: 'contactEmail',
    product: 'product',
    estimatedValue: 'dealValue',
    notes: 'note',
    reason: 'note',
    dealAmount: 'wonAmount',
    closedOn: 'closeDate',
    to: 'newStatus',
    seen: 'leadId',
  };
  return map[field] ? HEADERS[map[field]] : 'Row';
}

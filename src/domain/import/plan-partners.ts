import { tierProblem } from '../tiers/names';
import { PARTNER_INPUT_RULES, normalisePartnerCode } from '../input-rules';
import { Partner, partnerContactEmails, splitEmails } from '../partner';
import { checkFields } from '../rules';
import { PAYOUT_METHODS } from '../enums';
import { payoutDetailsProblem } from '../payouts/payout-method';
import { FieldChange, PlannedRow, given, isoDateOf, skipped } from './plan-types';

/**
 * Partners from a file: each row checked with the rules the sidebar's partner form uses
 * (PARTNER_INPUT_RULES), matched to a partner already on the tab by Partner ID, else Partner
 * Code, else Name, and planned as a create, an update of the fields that differ, unchanged,
 * or a skip with its reasons. Regions and product focus must be on the Lists tab, as in the
 * sidebar. A code another partner holds, or a row that names the same partner as an earlier
 * row, is skipped and says which.
 */
export interface ExistingPartner extends Partner {
  row: number;
}

export interface PartnerPlanInput {
  partners: readonly ExistingPartner[];
  regions: readonly string[];
  products: readonly string[];
  /** The Tiers tab's names, lowest first (blank: the first, the entry tier); the four seed tiers when left out. */
  tiers?: readonly string[];
  today: string;
  /** Why this importer may not set payout details (their role), or null when they may. */
  payoutDetailsRefusal?: string | null;
}

export interface PartnerPlan {
  rows: PlannedRow[];
  creates: Partner[];
  updates: Array<{ row: number; id: string; values: Partial<Record<PartnerField, string>> }>;
}

const FIELDS = ['name', 'code', 'contactName', 'contactEmail', 'type', 'tier', 'region', 'productFocus', 'status', 'joinedOn', 'notes', 'otherEmails', 'payoutMethod', 'payoutAccount'] as const;
type PartnerField = (typeof FIELDS)[number];
const LABELS: Record<PartnerField, string> = {
  name: 'Name',
  code: 'Partner Code',
  contactName: 'Contact Name',
  contactEmail: 'Contact Email',
  type: 'Type',
  tier: 'Tier',
  region: 'Region',
  productFocus: 'Product Focus',
  status: 'Status',
  joinedOn: 'Joined',
  notes: 'Notes',
  otherEmails: 'More Contact Emails',
  payoutMethod: 'Payout Method',
  payoutAccount: 'Payout Account',
};
const TRACKER_ID = /^P-\d{6,}$/;

/** Fixed vocabularies as files spell them ("gold" → "Gold"). */
function canonical(field: PartnerField, text: string, tiers: readonly string[]): string {
  const vocab: Partial<Record<PartnerField, readonly string[]>> = {
    type: ['Referral', 'Reseller', 'Affiliate'],
    tier: tiers,
    status: ['Active', 'Paused', 'Terminated'],
    payoutMethod: PAYOUT_METHODS,
  };
  const list = vocab[field];
  if (!list) return field === 'joinedOn' ? isoDateOf(text) : text;
  return list.find((v) => v.toLowerCase() === text.trim().toLowerCase()) ?? text;
}

export function planPartners(lines: ReadonlyArray<{ line: number; values: Readonly<Record<string, string>> }>, input: PartnerPlanInput, newId: () => string): PartnerPlan {
  const plan: PartnerPlan = { rows: [], creates: [], updates: [] };
  const tiers = input.tiers ?? ['Registered', 'Silver', 'Gold', 'Platinum'];
  const byId = new Map(input.partners.map((p) => [p.id, p]));
  const byCode = new Map(input.partners.filter((p) => p.code).map((p) => [p.code, p]));
  const byName = new Map<string, ExistingPartner[]>();
  for (const p of input.partners) {
    const key = p.name.trim().toLowerCase();
    if (key) byName.set(key, [...(byName.get(key) ?? []), p]);
  }
  // What earlier rows of this file claimed: a later row naming the same partner is a duplicate, not a second change.
  const claimed = new Map<string, number>();
  const emailLines = new Map<string, number>();

  for (const { line, values } of lines) {
    const label = values.name || values.code || `line ${line}`;
    const problems: string[] = [];
    const fileId = values.id ?? '';
    if (fileId && !TRACKER_ID.test(fileId)) problems.push(`Partner ID "${fileId}" is not in the tracker's format (P-000001): leave the Partner ID column unmapped and the tracker assigns IDs.`);
    const code = normalisePartnerCode(values.code ?? '');
    const match = (fileId && byId.get(fileId)) || (code && byCode.get(code)) || uniqueByName(byName, values.name ?? '', problems);
    const typed: Record<string, string> = {};
    for (const [k, v] of Object.entries(given(values, FIELDS))) typed[k] = canonical(k as PartnerField, v, tiers);
    // An update checks the partner as it will be: the tracker's values with the file's on top.
    const merged: Record<string, string | undefined> = match ? { ...partnerText(match), ...typed } : typed;
    const checked = checkFields(PARTNER_INPUT_RULES, { ...merged, id: undefined });
    if (!checked.ok) for (const [field, message] of Object.entries(checked.errors)) problems.push(`${message || `${field} is not valid`}.`.replace(/\.\.$/, '.'));
    const data = checked.ok ? checked.data : null;
    if (data?.region && !input.regions.includes(data.region)) problems.push(`Region "${data.region}" is not on the Lists tab (${input.regions.join(', ') || 'no regions yet'}).`);
    const tierIssue = data ? tierProblem('Tier', data.tier, tiers) : null;
    if (tierIssue) problems.push(`${tierIssue}.`);
    if (data?.productFocus && !input.products.includes(data.productFocus)) problems.push(`Product Focus "${data.productFocus}" is not on the Lists tab.`);
    if (data) {
      const holder = byCode.get(data.code);
      if (holder && holder !== match) problems.push(`Partner Code ${data.code} is already used by ${holder.name} (${holder.id}).`);
      // An address speaks for one partner: the form could not tell whose a response from a shared one is.
      const others = splitEmails(data.otherEmails ?? '');
      if (others.includes(data.contactEmail)) problems.push(`More Contact Emails repeats the Contact Email ${data.contactEmail}.`);
      for (const email of others) {
        const taken = input.partners.find((p) => p !== match && partnerContactEmails(p).includes(email));
        if (taken) problems.push(`${email} is already a contact email of ${taken.name} (${taken.id}).`);
        const earlierLine = emailLines.get(email);
        if (earlierLine !== undefined) problems.push(`${email} is already a contact email on line ${earlierLine}.`);
      }
    }
    // Where money goes: checked as a pair, and set only by those whose role allows it (Finance, managers, the owner).
    if (data) {
      const payoutProblem = payoutDetailsProblem(data.payoutMethod ?? '', data.payoutAccount ?? '');
      if (payoutProblem) problems.push(`${payoutProblem}.`);
      const was = match ? partnerText(match) : null;
      const changesPayout = (['payoutMethod', 'payoutAccount'] as const).some((k) => k in typed && String(data[k] ?? '') !== (was ? was[k] : ''));
      if (changesPayout && input.payoutDetailsRefusal) problems.push(input.payoutDetailsRefusal);
    }
    if (fileId && match && match.id !== fileId) problems.push(`Partner ID ${fileId} is not on the Partners tab, but code ${code} belongs to ${match.id}: fix the ID or leave it blank.`);
    const keys = [match ? `id:${match.id}` : '', fileId ? `id:${fileId}` : '', data ? `code:${data.code}` : ''].filter(Boolean);
    const earlier = keys.map((k) => claimed.get(k)).find((n) => n !== undefined);
    if (earlier !== undefined) problems.push(`Line ${earlier} already imports this partner; keep one row per partner.`);
    if (problems.length || !data) {
      plan.rows.push(skipped(line, label, problems));
      continue;
    }
    for (const k of keys) claimed.set(k, line);
    for (const email of splitEmails(data.otherEmails ?? '')) emailLines.set(email, line);

    if (!match) {
      const partner: Partner = {
        id: fileId || newId(),
        name: data.name,
        code: data.code,
        contactName: data.contactName,
        contactEmail: data.contactEmail,
        type: data.type,
        tier: data.tier || tiers[0] || '',
        region: data.region,
        productFocus: data.productFocus,
        status: data.status,
        joinedOn: data.joinedOn || input.today,
        notes: data.notes,
        otherEmails: splitEmails(data.otherEmails ?? ''),
        ...(data.payoutMethod || data.payoutAccount ? { payoutMethod: data.payoutMethod ?? '', payoutAccount: data.payoutAccount ?? '' } : {}),
      };
      claimed.set(`id:${partner.id}`, line);
      plan.creates.push(partner);
      plan.rows.push({ line, action: 'create', recordId: partner.id, label: `${partner.name} (${partner.code})`, problems: [], notes: [], changes: [] });
      continue;
    }
    const before = partnerText(match);
    const after = data as unknown as Record<string, string>;
    const changes: FieldChange[] = [];
    const values2: Partial<Record<PartnerField, string>> = {};
    for (const field of FIELDS) {
      if (!(field in typed)) continue;
      const to = String(after[field] ?? '');
      if (to === before[field]) continue;
      changes.push({ field: LABELS[field], from: before[field], to });
      values2[field] = to;
    }
    if (changes.length) plan.updates.push({ row: match.row, id: match.id, values: values2 });
    plan.rows.push({ line, action: changes.length ? 'update' : 'unchanged', recordId: match.id, label: `${match.name} (${match.code})`, problems: [], notes: [], changes });
  }
  return plan;
}

function partnerText(p: Partner): Record<PartnerField, string> {
  return {
    name: p.name,
    code: p.code,
    contactName: p.contactName,
    contactEmail: p.contactEmail,
    type: p.type,
    tier: p.tier,
    region: p.region,
    productFocus: p.productFocus,
    status: p.status,
    joinedOn: p.joinedOn,
    notes: p.notes,
    otherEmails: (p.otherEmails ?? []).join(', '),
    payoutMethod: p.payoutMethod ?? '',
    payoutAccount: p.payoutAccount ?? '',
  };
}

/** The one partner with this name; two with it is a problem the row must say. */
function uniqueByName(byName: ReadonlyMap<string, ExistingPartner[]>, name: string, problems: string[]): ExistingPartner | undefined {
  const found = byName.get(name.trim().toLowerCase()) ?? [];
  if (found.length > 1) problems.push(`${found.length} partners are named "${name.trim()}" (${found.map((p) => p.id).join(', ')}): give the row a Partner ID or Partner Code to say which.`);
  return found.length === 1 ? found[0] : undefined;
}

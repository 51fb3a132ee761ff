import { auditedWrite } from '../audit/audit-intent';
import { AuditEntry } from '../domain/audit-chain';
import { PARTNER_STATUSES, PARTNER_TYPES, PARTNER_UPDATE_PREFERENCES, PartnerStatus, PartnerType, PartnerUpdatePreference } from '../domain/enums';
import { tierProblem } from '../domain/tiers/names';
import { tierNamesOf } from '../tiers/tier-store';
import { InputError } from '../domain/input-error';
import { Partner, ValidPartnerInput, normalisePartnerCode, partnerContactEmails, splitEmails } from '../domain/partner';
import { CellValue, dateCell, readIsoDate, readText, textCell, todayIn, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { requireRole, rosterOf, whyNot } from '../team/access';
import { payoutDetailsProblem, payoutMethodOf } from '../domain/payouts/payout-method';
import { rolesOf } from '../domain/roles';
import { recordTierByHand } from '../tiers/tier-by-hand';
import { withDocumentLock } from '../tracker/lock';
import { readList } from '../tracker/settings-tab';
import { findRows } from '../tracker/lookup';
import { TrackerTable } from '../tracker/table';
import { reference } from '../tracker/reference';

/** The Partners tab: read all partners (a small tab) and add or edit one. */
export interface StoredPartner extends Partner {
  /** Sheet row. */
  row: number;
}

const PARTNER_KEYS = [
  'id',
  'name',
  'code',
  'contactName',
  'contactEmail',
  'type',
  'tier',
  'region',
  'status',
  'joinedOn',
  'notes',
  'productFocus',
  'problems',
  'otherEmails',
  'updates',
  'partnerSheet',
  'tierPinned',
  'payoutMethod',
  'payoutAccount',
] as const;
/** Columns a tracker set up before they existed lacks (read as blank). */
const LATER_PARTNER_KEYS = ['productFocus', 'problems', 'otherEmails', 'updates', 'partnerSheet', 'tierPinned', 'payoutMethod', 'payoutAccount'] as const;

function oneOf<T extends string>(values: readonly T[], text: string): T | '' {
  return (values as readonly string[]).includes(text) ? (text as T) : '';
}

/**
 * The partners that count: a row with problems (adoption/: a duplicate ID or code, a missing
 * name…) is left out until fixed, and an ID on several rows belongs to its first (a row that
 * reuses it never takes over that partner's leads).
 */
export function readPartners(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string, table = TrackerTable.open(ss, 'partners')): StoredPartner[] {
  const cols = table.readColumns(PARTNER_KEYS, LATER_PARTNER_KEYS);
  const partners: StoredPartner[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < table.rowCount(); i++) {
    if (readText(cols.problems[i])) continue;
    const partner = recordToPartner(i + 2, Object.fromEntries(PARTNER_KEYS.map((k) => [k, cols[k][i]])), timeZone);
    if (partner && !seen.has(partner.id)) {
      seen.add(partner.id);
      partners.push(partner);
    }
  }
  return partners;
}

/**
 * One partner by ID, or null: from the reference data's copy when it is at hand (cached between
 * executions, dropped on every edit and tracker write of the tab); else searched and its row read
 * (the same cost however many partners).
 */
export function findPartner(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string, id: string): StoredPartner | null {
  if (!id) return null;
  const atHand = reference(ss).partnersIfAtHand();
  if (atHand) return atHand.find((p) => p.id === id) ?? null;
  // The first row with the ID and no problems, as readPartners counts them.
  const found = findRows(TrackerTable.open(ss, 'partners'), 'id', id).find((f) => !readText(f.record.problems));
  return found ? recordToPartner(found.row, found.record, timeZone) : null;
}

/** A Partners row as a partner (null without an ID); the one reading of a row, for lookups and the import alike. */
export function recordToPartner(row: number, record: Readonly<Record<string, CellValue | undefined>>, timeZone: string): StoredPartner | null {
  const id = readText(record.id);
  if (!id) return null;
  return {
    row,
    id,
    name: readText(record.name),
    code: normalisePartnerCode(readText(record.code)),
    contactName: readText(record.contactName),
    contactEmail: readText(record.contactEmail).toLowerCase(),
    type: oneOf<PartnerType>(PARTNER_TYPES, readText(record.type)),
    tier: readText(record.tier),
    region: readText(record.region),
    productFocus: readText(record.productFocus),
    status: oneOf<PartnerStatus>(PARTNER_STATUSES, readText(record.status)),
    joinedOn: readIsoDate(record.joinedOn, timeZone),
    notes: readText(record.notes),
    otherEmails: splitEmails(readText(record.otherEmails)),
    updates: oneOf<PartnerUpdatePreference>(PARTNER_UPDATE_PREFERENCES, readText(record.updates)),
    partnerSheet: readText(record.partnerSheet),
    tierPinned: readText(record.tierPinned) === 'Yes' ? 'Yes' : '',
    payoutMethod: payoutMethodOf(readText(record.payoutMethod)) || '',
    payoutAccount: readText(record.payoutAccount),
  };
}

export function findPartnerByCode(partners: readonly Partner[], code: string): Partner | undefined {
  const wanted = normalisePartnerCode(code);
  return wanted ? partners.find((p) => p.code === wanted) : undefined;
}

/** Adds a partner (blank id) or edits one; every changed field is audited. */
export function savePartner(ctx: TrackerContext, input: ValidPartnerInput): Partner {
  // Finance (and a manager without the partner team role) may change a partner's payout details only.
  const payoutOnly = whyNot(ctx, 'managePartners') !== null && whyNot(ctx, 'setPayoutDetails') === null;
  if (!payoutOnly) requireRole(ctx, 'managePartners');
  const regions = readList(ctx.ss, 'regions');
  const products = readList(ctx.ss, 'products');
  const problems: Record<string, string> = {};
  if (input.region && !regions.includes(input.region)) problems.region = `Region "${input.region}" is not on the Lists tab (${regions.join(', ') || 'no regions yet'})`;
  if (input.productFocus && !products.includes(input.productFocus)) problems.productFocus = `Product "${input.productFocus}" is not on the Lists tab`;
  const tiers = tierNamesOf(ctx.ss);
  const tierIssue = tierProblem('Tier', input.tier, tiers);
  if (tierIssue) problems.tier = tierIssue;
  if (Object.keys(problems).length) throw new InputError('Some fields need attention.', problems);

  return withDocumentLock(ctx.ss, () => {
    const table = TrackerTable.open(ctx.ss, 'partners');
    const partners = readPartners(ctx.ss, ctx.timeZone, table);
    const clash = partners.find((p) => p.code === input.code && p.id !== input.id);
    if (clash) throw InputError.field('code', `Partner code ${input.code} is already used by ${clash.name} (${clash.id})`);
    const existing = input.id ? partners.find((p) => p.id === input.id) : undefined;
    if (input.id && !existing) throw InputError.field('id', `There is no partner ${input.id}; it may have been deleted from the Partners tab.`);
    const otherEmails = input.otherEmails === undefined ? (existing?.otherEmails ?? []) : splitEmails(input.otherEmails);
    const emailProblem = otherEmailsProblem(
      input.contactEmail,
      otherEmails,
      partners.filter((p) => p.id !== input.id),
    );
    if (emailProblem) throw InputError.field('otherEmails', emailProblem);

    const partner: Partner = {
      id: existing?.id ?? '',
      name: input.name,
      code: input.code,
      contactName: input.contactName,
      contactEmail: input.contactEmail,
      type: input.type,
      // Blank: the entry tier (the Tiers tab's first); a typed name as the tab spells it.
      tier: tiers.find((n) => n.toLowerCase() === input.tier.toLowerCase()) ?? tiers[0] ?? '',
      region: input.region,
      productFocus: input.productFocus,
      status: input.status,
      joinedOn: input.joinedOn || existing?.joinedOn || todayIn(ctx.timeZone, ctx.now),
      notes: input.notes,
      otherEmails,
      updates: input.updates === undefined ? (existing?.updates ?? '') : (input.updates as PartnerUpdatePreference | ''),
      tierPinned: input.tierPinned === undefined ? (existing?.tierPinned ?? '') : input.tierPinned === 'Yes' ? 'Yes' : '',
      payoutMethod: input.payoutMethod === undefined ? (existing?.payoutMethod ?? '') : input.payoutMethod,
      payoutAccount: input.payoutAccount === undefined ? (existing?.payoutAccount ?? '') : input.payoutAccount,
    };
    // Pinning is a Manager's call (the review leaves a pinned partner's tier alone).
    if ((partner.tierPinned ?? '') !== (existing?.tierPinned ?? '')) {
      if (!rolesOf(rosterOf(ctx), ctx.actor).includes('Manager')) {
        throw InputError.field('tierPinned', `Pinning or unpinning a partner's tier needs the Manager role, which ${ctx.actor || 'this account'} has not got: ask a manager.`);
      }
    }
    // Where money goes: Finance, managers and the owner only (Google's protection of the two columns says the same).
    const payoutChanged = (partner.payoutMethod ?? '') !== (existing?.payoutMethod ?? '') || (partner.payoutAccount ?? '') !== (existing?.payoutAccount ?? '');
    if (payoutChanged) {
      const why = whyNot(ctx, 'setPayoutDetails');
      if (why) throw InputError.field('payoutAccount', why);
      const problem = payoutDetailsProblem(partner.payoutMethod ?? '', partner.payoutAccount ?? '');
      const methodAtFault = payoutMethodOf(partner.payoutMethod ?? '') === null || (!partner.payoutMethod && !!partner.payoutAccount);
      if (problem) throw InputError.field(methodAtFault ? 'payoutMethod' : 'payoutAccount', problem);
    }
    const cells = (p: Partner) => partnerCells(table, p);
    if (payoutOnly) {
      const before = existing ? cells(existing) : null;
      const after = cells(partner);
      const others = before ? Object.keys(after).filter((k) => k !== 'payoutMethod' && k !== 'payoutAccount' && String(before[k]) !== String(after[k])) : ['(new partner)'];
      if (others.length) throw new InputError(`${whyNot(ctx, 'managePartners')} With your role you may change a partner's Payout Method and Payout Account only.`);
    }
    const audit: AuditEntry[] = [];
    const base = { at: ctx.now, user: ctx.actor, source: ctx.source, tab: table.name };
    if (existing) {
      const before = cells(existing);
      const after = cells(partner);
      const changed: Record<string, CellValue> = {};
      for (const key of Object.keys(after)) {
        if (String(before[key]) === String(after[key])) continue;
        changed[key] = after[key];
        audit.push({ ...base, range: `row ${existing.row}`, recordId: existing.id, field: key, oldValue: String(before[key]), newValue: String(after[key]) });
      }
      if (audit.length) auditedWrite(ctx, audit, () => table.writeCells(existing.row, changed));
      recordTierByHand(ctx, existing, partner, tiers[0] ?? '');
      return partner;
    }
    const added = appendPartner(ctx, table, partners, partner);
    recordTierByHand(ctx, null, added, tiers[0] ?? '');
    return added;
  });
}

/**
 * Inside the document lock, after the checks: a new partner's row, its P- ID, and its audit entry
 * (savePartner, and an approved application with the cells only the tracker writes, `extra`).
 */
export function appendPartner(ctx: TrackerContext, table: TrackerTable<'partners'>, partners: readonly Partner[], partner: Partner, extra: Record<string, CellValue> = {}): Partner {
  const ids = new IdAllocator(
    'P-',
    partners.map((p) => p.id),
    ctx.properties,
  );
  partner.id = ids.take();
  const row = table.lastRow() + 1;
  const base = { at: ctx.now, user: ctx.actor, source: ctx.source, tab: table.name };
  const cells = partnerCells(table, partner);
  // Blank payout details are not written: the partner team may add partners but not write those columns (Finance's).
  if (!cells.payoutMethod && !cells.payoutAccount) {
    delete cells.payoutMethod;
    delete cells.payoutAccount;
  }
  const payoutAudit = (['payoutMethod', 'payoutAccount'] as const)
    .filter((k) => cells[k])
    .map((k) => ({ ...base, range: `row ${row}`, recordId: partner.id, field: k, oldValue: '', newValue: String(cells[k]) }));
  auditedWrite(
    ctx,
    [{ ...base, range: `row ${row}`, recordId: partner.id, field: '(new partner)', oldValue: '', newValue: `${partner.name} (${partner.code}), ${partner.status}` }, ...payoutAudit],
    () => {
      table.append([{ id: partner.id, ...cells, ...extra, createdAt: utcDateTimeCell(ctx.now) }]);
      ids.commit();
    },
  );
  return partner;
}

/** A partner's cells as the Partners tab holds them (text neutralised; Product Focus where the tab has it). */
export function partnerCells(table: TrackerTable, p: Omit<Partner, 'id' | 'row'>): Record<string, CellValue> {
  return {
    name: textCell(p.name),
    code: textCell(p.code),
    contactName: textCell(p.contactName),
    contactEmail: textCell(p.contactEmail),
    type: p.type,
    tier: p.tier,
    region: textCell(p.region),
    status: p.status,
    joinedOn: dateCell(p.joinedOn),
    notes: textCell(p.notes),
    ...(table.has('productFocus') ? { productFocus: textCell(p.productFocus) } : {}),
    ...(table.has('otherEmails') ? { otherEmails: textCell((p.otherEmails ?? []).join(', ')) } : {}),
    ...(table.has('updates') ? { updates: p.updates ?? '' } : {}),
    ...(table.has('tierPinned') && p.tierPinned !== undefined ? { tierPinned: p.tierPinned } : {}),
    ...(table.has('payoutMethod') && p.payoutMethod !== undefined ? { payoutMethod: p.payoutMethod, payoutAccount: textCell(p.payoutAccount ?? '') } : {}),
  };
}

/**
 * Why a partner's More Contact Emails cannot be saved, or null: one repeats the Contact Email,
 * or is another partner's contact (the form could not tell whose a response from it is).
 */
export function otherEmailsProblem(contactEmail: string, otherEmails: readonly string[], others: readonly Partner[]): string | null {
  const contact = contactEmail.trim().toLowerCase();
  if (otherEmails.includes(contact)) return `${contact} is already the Contact Email; list only other people's addresses here.`;
  for (const email of otherEmails) {
    const holder = others.find((p) => partnerContactEmails(p).includes(email));
    if (holder) return `${email} is already a contact email of ${holder.name} (${holder.id}). An address may speak for one partner only: the form could not tell whose a response from it is.`;
  }
  return null;
}

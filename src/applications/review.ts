import { auditedWrite } from '../audit/audit-intent';
import { AuditEntry } from '../domain/audit-chain';
import { applicationMarker, partnerCodeFromUuids, termsAcceptedText } from '../domain/applications';
import { InputError } from '../domain/input-error';
import { EMAIL_PATTERN } from '../domain/fields';
import { PARTNER_INPUT_SCHEMA, Partner, partnerContactEmails } from '../domain/partner';
import { appendPartner, readPartners } from '../partners/partner-store';
import { requireRole, whyNot } from '../team/access';
import { CellValue, readText, readUtcDateTime, textCell, todayIn, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { findRows } from '../tracker/lookup';
import { readList } from '../tracker/settings-tab';
import { TabRecord } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';
import { ApplicationDecision, ApplicationList, ApplicationRef, ApplicationView } from '../sidebar-api/contract';
import { OwedApplicationMail } from './application-mail';

/**
 * A manager's decision on a partner application, from the sidebar. Approval makes the partner
 * through the Partners store's own append (partner-store.ts: its checks, its P- ID, its audit),
 * with the applicant's verified email as Contact Email, status Active, a generated code that is
 * hard to guess, and Terms Accepted ("version 2 by ana@… on 2026-12-06 (application A-000001)");
 * then the Applications row says Approved, who, when and which partner. Rejection needs a reason,
 * which the applicant is sent. Both are idempotent: a retry, a double click or a run that died
 * half way finds what the first attempt made (the partner's Terms Accepted names the
 * application), so approving twice never makes two partners. The applicant's email is noted as
 * owed with the decision and sent by the owner's next run (application-mail.ts).
 */
type ApplicationRecord = TabRecord<'applications', CellValue>;

const HEADERS: Partial<Record<keyof ApplicationRecord, string>> = {
  status: 'Status',
  decidedBy: 'Decided By',
  decidedAt: 'Decided At (UTC)',
  decisionNote: 'Decision Note',
  partnerId: 'Partner ID',
};

export function listApplications(ctx: TrackerContext): ApplicationList {
  const why = whyNot(ctx, 'reviewApplications');
  if (why) return { items: [], waiting: 0, canReview: false, whyNot: why };
  const table = TrackerTable.open(ctx.ss, 'applications');
  const records = table.rowCount() ? table.readRows(2, table.lastRow()) : [];
  const waiting = records.map((record, i) => ({ row: i + 2, record })).filter((r) => readText(r.record.id) && readText(r.record.status) === 'New');
  const partners = waiting.length ? readPartners(ctx.ss, ctx.timeZone) : [];
  const made = waiting.length ? partnersMadeByApprovals(ctx) : new Map<string, string>();
  const items = waiting.map(({ row, record }) => viewOf(ctx, row, record, partners, made.get(readText(record.id)) ?? ''));
  return { items, waiting: items.length, canReview: true, whyNot: null };
}

/** The partner each approval made, by application ID: its Terms Accepted names the application. One read. */
function partnersMadeByApprovals(ctx: TrackerContext): Map<string, string> {
  const made = new Map<string, string>();
  const table = TrackerTable.open(ctx.ss, 'partners');
  if (!table.has('termsAccepted') || table.rowCount() === 0) return made;
  const cols = table.readColumns(['id', 'termsAccepted'] as const);
  cols.termsAccepted.forEach((v, i) => {
    const m = /\(application (A-\d+)\)$/.exec(readText(v));
    if (m && readText(cols.id[i])) made.set(m[1], readText(cols.id[i]));
  });
  return made;
}

function viewOf(ctx: TrackerContext, row: number, record: ApplicationRecord, partners: readonly Partner[], madePartner: string): ApplicationView {
  return {
    id: readText(record.id),
    row,
    receivedAt: readUtcDateTime(record.receivedAt, ctx.timeZone)?.toISOString() ?? '',
    company: readText(record.company),
    website: readText(record.website),
    contactName: readText(record.contactName),
    contactEmail: readText(record.contactEmail),
    type: readText(record.type),
    region: readText(record.region),
    productFocus: readText(record.productFocus),
    about: readText(record.about),
    termsVersion: readText(record.termsVersion),
    status: readText(record.status),
    // An interrupted approval's partner is no blocker: approving again finishes the record.
    blockers: madePartner ? [] : blockersOf(record, partners),
    madePartner,
  };
}

/** What stops an approval, in words. The partner a retried approval made is no blocker (it is finished). */
function blockersOf(record: ApplicationRecord, partners: readonly Partner[]): string[] {
  const email = readText(record.contactEmail).toLowerCase();
  const out: string[] = [];
  if (!email || !EMAIL_PATTERN.test(email))
    out.push('Google collected no email address with this application, so no one could be verified as this partner. Reject it and ask them to apply again signed in to Google.');
  if (!readText(record.termsVersion)) out.push('The applicant did not accept the programme terms.');
  const holder = email ? partners.find((p) => partnerContactEmails(p).includes(email)) : undefined;
  if (holder)
    out.push(`${email} is already a contact of partner ${holder.id} (${holder.name}): one email speaks for one partner. Reject this application, or remove the email from that partner first.`);
  return out;
}

/** The application, by ID (the row the sidebar saw is only a hint: rows above it may have gone). */
function locate(table: TrackerTable<'applications'>, ref: ApplicationRef): { row: number; record: ApplicationRecord } {
  if (ref.row >= 2 && ref.row <= table.lastRow()) {
    const [record] = table.readRows(ref.row, ref.row);
    if (readText(record.id) === ref.id) return { row: ref.row, record };
  }
  const [found] = findRows(table, 'id', ref.id);
  if (!found) throw new InputError(`There is no application ${ref.id} on the ${table.name} tab; it may have been deleted. Refresh the list.`);
  return { row: found.row, record: found.record as ApplicationRecord };
}

/** Why a decided application cannot be decided again. */
function decided(record: ApplicationRecord): string {
  const status = readText(record.status);
  const by = readText(record.decidedBy);
  const note = readText(record.decisionNote);
  const what = status === 'Approved' ? `approved${readText(record.partnerId) ? ` as partner ${readText(record.partnerId)}` : ''}` : status === 'Rejected' ? 'rejected' : `marked ${status || 'blank'}`;
  return `Application ${readText(record.id)} was already ${what}${by ? ` by ${by}` : ''}${note ? ` (${note})` : ''}: only New applications can be approved or rejected.`;
}

export function approveApplication(ctx: TrackerContext, ref: ApplicationRef): ApplicationDecision {
  requireRole(ctx, 'reviewApplications');
  const regions = readList(ctx.ss, 'regions');
  const products = readList(ctx.ss, 'products');
  return withDocumentLock(ctx.ss, (): ApplicationDecision => {
    requireRole(ctx, 'reviewApplications');
    const table = TrackerTable.open(ctx.ss, 'applications');
    const { row, record } = locate(table, ref);
    const id = readText(record.id);
    const status = readText(record.status);
    const partnersTable = TrackerTable.open(ctx.ss, 'partners');
    const partners = readPartners(ctx.ss, ctx.timeZone, partnersTable);
    if (status === 'Approved' && readText(record.partnerId)) {
      const made = partners.find((p) => p.id === readText(record.partnerId));
      return { id, status: 'Approved', partnerId: readText(record.partnerId), partnerCode: made?.code ?? '', message: `Already approved: ${readText(record.partnerId)}.` };
    }
    if (status !== 'New') throw new InputError(decided(record));
    // A partner an interrupted approval made: its Terms Accepted names this application.
    const marker = applicationMarker(id);
    const terms = partnersTable.has('termsAccepted') && partnersTable.rowCount() ? partnersTable.readColumns(['id', 'termsAccepted'] as const) : null;
    const at = terms ? terms.termsAccepted.findIndex((v) => readText(v).endsWith(marker)) : -1;
    let partner: Partner | undefined = at >= 0 && terms ? partners.find((p) => p.id === readText(terms.id[at])) : undefined;
    const notes: string[] = [];
    if (!partner) {
      const blockers = blockersOf(record, partners);
      if (blockers.length) throw new InputError(blockers.join(' '));
      partner = newPartner(ctx, record, partners, regions, products, notes);
    }
    const owed = new OwedApplicationMail(ctx.ss);
    // Every read done: the welcome is owed before anything is written, so a run that dies still gets it sent.
    table.confirmColumns();
    owed.add('welcome', id);
    if (!partner.id) {
      const email = readText(record.contactEmail).toLowerCase();
      const accepted = termsAcceptedText(readText(record.termsVersion), email, todayIn(ctx.timeZone, ctx.now), id);
      partner = appendPartner(ctx, partnersTable, partners, partner, partnersTable.has('termsAccepted') ? { termsAccepted: textCell(accepted) } : {});
    }
    writeDecision(ctx, table, row, record, { status: 'Approved', decidedBy: textCell(ctx.actor), decidedAt: utcDateTimeCell(ctx.now), partnerId: partner.id });
    const message = `Approved ${id}: ${partner.name} is partner ${partner.id}, code ${partner.code}.${notes.length ? ` ${notes.join(' ')}` : ''} The welcome email goes out with the tracker's next run.`;
    return { id, status: 'Approved', partnerId: partner.id, partnerCode: partner.code, message };
  });
}

/** The partner an approval makes, checked by the Partners store's own rules (not yet written; no ID). */
function newPartner(ctx: TrackerContext, record: ApplicationRecord, partners: readonly Partner[], regions: readonly string[], products: readonly string[], notes: string[]): Partner {
  const taken = new Set(partners.map((p) => p.code));
  let code = '';
  // 60 random bits: a clash with an existing code is all but impossible, but never accepted.
  while (!code || taken.has(code)) code = partnerCodeFromUuids([Utilities.getUuid()]);
  const region = readText(record.region);
  const productFocus = readText(record.productFocus);
  if (region && !regions.includes(region)) notes.push(`Region "${region}" is not on the Lists tab, so it was left blank.`);
  if (productFocus && !products.includes(productFocus)) notes.push(`Product focus "${productFocus}" is not on the Lists tab, so it was left blank.`);
  const parsed = PARTNER_INPUT_SCHEMA.safeParse({
    id: '',
    name: readText(record.company),
    code,
    contactName: readText(record.contactName),
    contactEmail: readText(record.contactEmail).toLowerCase(),
    type: readText(record.type),
    tier: 'Registered',
    region: regions.includes(region) ? region : '',
    productFocus: products.includes(productFocus) ? productFocus : '',
    status: 'Active',
    joinedOn: '',
    notes: `From application ${readText(record.id)}.`,
  });
  if (!parsed.success)
    throw new InputError(`The application cannot become a partner as it is: ${parsed.error.issues.map((i: { message: string }) => i.message).join('; ')}. Reject it with the reason.`);
  const input = parsed.data;
  return {
    id: '',
    name: input.name,
    code: input.code,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    type: input.type,
    tier: input.tier,
    region: input.region,
    productFocus: input.productFocus,
    status: input.status,
    joinedOn: todayIn(ctx.timeZone, ctx.now),
    notes: input.notes,
  };
}

export function rejectApplication(ctx: TrackerContext, ref: ApplicationRef, reason: string): ApplicationDecision {
  requireRole(ctx, 'reviewApplications');
  return withDocumentLock(ctx.ss, (): ApplicationDecision => {
    requireRole(ctx, 'reviewApplications');
    const table = TrackerTable.open(ctx.ss, 'applications');
    const { row, record } = locate(table, ref);
    const id = readText(record.id);
    const status = readText(record.status);
    if (status === 'Rejected' && readText(record.decisionNote) === textCell(reason)) return { id, status: 'Rejected', partnerId: '', partnerCode: '', message: `Already rejected ${id}.` };
    if (status !== 'New') throw new InputError(decided(record));
    table.confirmColumns();
    new OwedApplicationMail(ctx.ss).add('declined', id);
    writeDecision(ctx, table, row, record, { status: 'Rejected', decidedBy: textCell(ctx.actor), decidedAt: utcDateTimeCell(ctx.now), decisionNote: textCell(reason) });
    return { id, status: 'Rejected', partnerId: '', partnerCode: '', message: `Rejected ${id}. The reason goes to ${readText(record.contactEmail) || 'the applicant'} with the tracker's next run.` };
  });
}

/** The decision's cells, audited field by field (the Decided At stamp rides with the others). */
function writeDecision(ctx: TrackerContext, table: TrackerTable<'applications'>, row: number, record: ApplicationRecord, values: Partial<ApplicationRecord>): void {
  const audit: AuditEntry[] = Object.entries(values)
    .filter(([field, value]) => field !== 'decidedAt' && readText(record[field as keyof ApplicationRecord]) !== readText(value))
    .map(([field, value]) => ({
      at: ctx.now,
      user: ctx.actor,
      source: ctx.source,
      tab: table.name,
      range: `row ${row}`,
      recordId: readText(record.id),
      field: HEADERS[field as keyof ApplicationRecord] ?? field,
      oldValue: readText(record[field as keyof ApplicationRecord]),
      newValue: readText(value),
    }));
  auditedWrite(ctx, audit, () => table.writeCells(row, values));
}

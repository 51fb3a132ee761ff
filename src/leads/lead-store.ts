import { LEAD_SOURCES, LEAD_STATUSES, LeadSource, LeadStatus } from '../domain/enums';
import { Lead } from '../domain/lead';
import { CellValue, dateCell, moneyCell, readCents, readIsoDate, readText, readUtcDateTime, textCell, todayIn, utcDateTimeCell } from '../tracker/cells';
import { FoundRow, findLastRow } from '../tracker/lookup';
import { TrackerTable } from '../tracker/table';

/** The Leads tab: leads as records, and the columns the matching and listing need. */
export const LEAD_KEYS = [
  'id',
  'registeredAt',
  'partnerId',
  'company',
  'website',
  'domain',
  'contactName',
  'contactEmail',
  'product',
  'estimatedValue',
  'expectedClose',
  'status',
  'statusReason',
  'conflictWith',
  'dealAmount',
  'closedOn',
  'source',
  'notes',
  'updatedAt',
  'protectedUntil',
  'responseKey',
  'registeredBy',
] as const;

export type LeadKey = (typeof LEAD_KEYS)[number];

/** Columns added by later schema versions: a tracker not yet upgraded reads them as blank. */
export const OPTIONAL_LEAD_KEYS: readonly LeadKey[] = ['protectedUntil', 'responseKey', 'registeredBy'];

function oneOf<T extends string>(values: readonly T[], text: string): T | '' {
  return (values as readonly string[]).includes(text) ? (text as T) : '';
}

export function recordToLead(record: Partial<Record<string, CellValue>>, timeZone: string): Lead {
  return {
    id: readText(record.id),
    registeredAt: readUtcDateTime(record.registeredAt, timeZone) ?? new Date(0),
    partnerId: readText(record.partnerId),
    company: readText(record.company),
    website: readText(record.website),
    domain: readText(record.domain),
    contactName: readText(record.contactName),
    contactEmail: readText(record.contactEmail),
    product: readText(record.product),
    estimatedValueCents: readCents(record.estimatedValue),
    expectedClose: readIsoDate(record.expectedClose, timeZone),
    status: oneOf<LeadStatus>(LEAD_STATUSES, readText(record.status)),
    statusReason: readText(record.statusReason),
    conflictWith: readText(record.conflictWith),
    dealAmountCents: readCents(record.dealAmount),
    closedOn: readIsoDate(record.closedOn, timeZone),
    source: oneOf<LeadSource>(LEAD_SOURCES, readText(record.source)),
    notes: readText(record.notes),
    updatedAt: readUtcDateTime(record.updatedAt, timeZone),
    protectedUntil: readIsoDate(record.protectedUntil, timeZone),
    responseKey: readText(record.responseKey),
    registeredBy: readText(record.registeredBy),
  };
}

/** A lead's cells; every person- or partner-typed text is neutralised. */
export function leadToCells(lead: Lead): Record<LeadKey, CellValue> {
  return {
    id: lead.id,
    registeredAt: utcDateTimeCell(lead.registeredAt),
    partnerId: lead.partnerId,
    company: textCell(lead.company),
    website: textCell(lead.website),
    domain: lead.domain,
    contactName: textCell(lead.contactName),
    contactEmail: textCell(lead.contactEmail),
    product: textCell(lead.product),
    estimatedValue: moneyCell(lead.estimatedValueCents),
    expectedClose: dateCell(lead.expectedClose),
    status: lead.status,
    statusReason: textCell(lead.statusReason),
    conflictWith: lead.conflictWith,
    dealAmount: moneyCell(lead.dealAmountCents),
    closedOn: dateCell(lead.closedOn),
    source: lead.source,
    notes: textCell(lead.notes),
    updatedAt: lead.updatedAt ? utcDateTimeCell(lead.updatedAt) : '',
    protectedUntil: dateCell(lead.protectedUntil),
    responseKey: textCell(lead.responseKey),
    registeredBy: lead.registeredBy,
  };
}

/** Only the columns this tab has (an old tracker may lack later ones, which must then be blank). */
export function cellsForTable(table: TrackerTable, cells: Partial<Record<LeadKey, CellValue>>): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const [key, value] of Object.entries(cells)) {
    if (table.has(key)) out[key] = value as CellValue;
    else if (value !== '') table.column(key); // throws: the tab needs repair before it can hold this value
  }
  return out;
}

/** A lead's row by its ID (searched, then read: the same cost at any size); the newest when the ID is on several rows. */
export function findLead(table: TrackerTable, id: string): FoundRow | null {
  return findLastRow(table, 'id', id);
}

/** The calendar date the lead was registered, in the spreadsheet's time zone ('' when its Registered At is unreadable). */
export function registeredOn(ctx: { timeZone: string }, lead: Pick<Lead, 'registeredAt'>): string {
  return lead.registeredAt.getTime() > 0 ? todayIn(ctx.timeZone, lead.registeredAt) : '';
}

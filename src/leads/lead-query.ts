import { LeadStatus } from '../domain/enums';
import { Lead } from '../domain/lead';
import { OPEN_STATUSES } from '../domain/lead-lifecycle';
import { readPartners } from '../partners/partner-store';
import { readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';
import { recordToLead } from './lead-store';

/**
 * The sidebar's lead list: filter on a few columns, then read only the rows
 * shown (one range spanning them), so the calls stay fixed at any size.
 */
const FILTER_KEYS = ['id', 'registeredAt', 'partnerId', 'company', 'domain', 'contactName', 'contactEmail', 'status'] as const;
const LISTED_STATUSES: readonly string[] = [...OPEN_STATUSES, 'Conflict'];

export interface LeadFilter {
  partnerId?: string;
  /** A status, 'open' (the open statuses and Conflict) or 'all'. Default 'open'. */
  status?: 'open' | 'all' | LeadStatus;
  /** Text in the ID, company, domain, contact name or email (any case). */
  search?: string;
  /** How many to return (1–200, default 50), newest first. */
  limit?: number;
}

export interface LeadPage {
  leads: Lead[];
  /** How many leads matched before the limit. */
  total: number;
  /** Partner ID → name, for the partners of the leads listed. */
  partnerNames: ReadonlyMap<string, string>;
}

export function listLeads(ctx: TrackerContext, query: LeadFilter): LeadPage {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const status = query.status ?? 'open';
  const search = (query.search ?? '').trim().toLowerCase();
  const table = TrackerTable.open(ctx.ss, 'leads');
  const cols = table.readColumns(FILTER_KEYS);
  const matches: Array<{ row: number; at: number }> = [];
  for (let i = 0; i < cols.id.length; i++) {
    if (!readText(cols.id[i])) continue;
    const s = readText(cols.status[i]);
    if (status === 'open' ? !LISTED_STATUSES.includes(s) : status !== 'all' && s !== status) continue;
    if (query.partnerId && readText(cols.partnerId[i]) !== query.partnerId) continue;
    if (search && ![cols.id[i], cols.company[i], cols.domain[i], cols.contactName[i], cols.contactEmail[i]].some((v) => readText(v).toLowerCase().includes(search))) continue;
    const at = cols.registeredAt[i];
    matches.push({ row: i + 2, at: at instanceof Date ? at.getTime() : 0 });
  }
  matches.sort((a, b) => b.at - a.at || b.row - a.row);
  const shown = matches.slice(0, limit);
  if (shown.length === 0) return { leads: [], total: matches.length, partnerNames: new Map() };
  const first = Math.min(...shown.map((m) => m.row));
  const last = Math.max(...shown.map((m) => m.row));
  const records = table.readRows(first, last);
  const names = new Map(readPartners(ctx.ss, ctx.timeZone).map((p) => [p.id, p.name]));
  const leads = shown.map((m) => recordToLead(records[m.row - first], ctx.timeZone));
  return { leads, total: matches.length, partnerNames: names };
}

import { DealMove, LeadForHubSpot, changedDealsSearch, moveOf, msOf, readSearchPage } from '../domain/hubspot/crm';
import { HubSpotMapping } from '../domain/hubspot/mapping';
import { LeadTransition } from '../domain/lead';
import { moveLead } from '../leads/pipeline';
import { todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { HubSpotClient, HubSpotStop } from './client';
import { SyncLogRow } from './sync-log';

/** What the pull needs of a lead besides what the push sends: where its deal already stands in the tracker. */
export type LeadState = LeadForHubSpot & { dealAmountCents: number | null; closedOn: string };

/** HubSpot returns at most 10,000 results a query: past that, the next run searches again from the last change handled. */
const SEARCH_CAP = 10000;

export interface PullOutcome {
  log: SyncLogRow[];
  moved: number;
  pulledFromMs: number;
  /** The deals handled whose change is at exactly pulledFromMs (the next search, GTE, finds them again and skips them). */
  boundary: string[];
  stop: HubSpotStop | null;
  more: boolean;
}

/**
 * Deals of the Settings pipeline changed since `fromMs` (hs_lastmodifieddate GTE, oldest first,
 * paged with `after`): a deal in a mapped stage moves its lead as the sidebar would (moveLead:
 * the same checks, the same commissions), audited with source "hubspot". Idempotent: a lead
 * already where the deal says is left alone, so reading a change twice does nothing. A move the
 * tracker refuses (the lead expired, was rejected, the deal has no amount) is logged with its
 * reason and not tried again until the deal changes again.
 */
export function pullDeals(
  ctx: TrackerContext,
  client: HubSpotClient,
  mapping: HubSpotMapping,
  fromMs: number,
  boundary: readonly string[],
  leadsById: () => Map<string, LeadState>,
  outOfTime: () => boolean,
  pageSize?: number,
): PullOutcome {
  const log: SyncLogRow[] = [];
  const hubspotCtx: TrackerContext = { ...ctx, source: 'hubspot' };
  let moved = 0;
  let handledMs = fromMs;
  let atHandled = new Set(boundary);
  const done = (stop: HubSpotStop | null, more: boolean): PullOutcome => ({ log, moved, pulledFromMs: handledMs, boundary: [...atHandled].slice(0, 20), stop, more });
  let after: string | null = null;
  let read = 0;
  for (;;) {
    if (outOfTime()) return done(new HubSpotStop('rate', 'the step used its time; the rest comes next run'), true);
    let page;
    try {
      page = readSearchPage(client.post('/crm/v3/objects/deals/search', changedDealsSearch(mapping, fromMs, after, pageSize)));
    } catch (e) {
      if (e instanceof HubSpotStop) return done(e, true);
      throw e;
    }
    if (!page) throw new Error('HubSpot answered the changed-deals search with something that is not a search result');
    for (const deal of page.results) {
      const ms = msOf(deal.properties.hs_lastmodifieddate);
      // Handled by an earlier run at this very change (GTE reads the boundary again).
      if (ms === fromMs && boundary.includes(deal.id)) continue;
      const move = moveOf(deal, mapping);
      if (move) {
        const row = applyMove(hubspotCtx, move, leadsById());
        if (row) {
          log.push(row);
          if (row.outcome === 'Moved') moved++;
        }
      }
      if (Number.isFinite(ms) && ms > handledMs) {
        handledMs = ms;
        atHandled = new Set();
      }
      if (ms === handledMs) atHandled.add(deal.id);
    }
    read += page.results.length;
    after = page.after;
    if (!after) return done(null, false);
    if (read + (pageSize ?? 100) > SEARCH_CAP) return done(null, true);
  }
}

/** One deal's move, or null when the lead already stands there (nothing to do, nothing logged). */
function applyMove(ctx: TrackerContext, move: DealMove, leads: Map<string, LeadState>): SyncLogRow | null {
  const base = { direction: 'From HubSpot', leadId: move.leadId, dealId: move.dealId, companyId: '' } as const;
  const lead = leads.get(move.leadId);
  if (!lead) return { ...base, outcome: 'Refused', note: `HubSpot moved deal ${move.dealId} to ${move.to}, but there is no lead ${move.leadId} on the Leads tab` };
  if (alreadyThere(lead, move)) return null;
  // The deal says it is another partner's (changed in HubSpot, or another tracker's lead of the same ID): the tracker's record stands.
  if (move.partnerId && move.partnerId !== lead.partnerId)
    return { ...base, outcome: 'Refused', note: `HubSpot moved deal ${move.dealId} to ${move.to}, but the deal records another partner than ${lead.id}'s; nothing was moved` };
  if (move.to === 'Closed Won' && (move.amountCents === null || move.amountCents <= 0))
    return { ...base, outcome: 'Refused', note: `HubSpot says deal ${move.dealId} is won but it has no amount; give it one in HubSpot and the next run moves ${lead.id} to Closed Won` };
  const today = todayIn(ctx.timeZone, ctx.now);
  const closedOn = move.closedOn || today;
  const reason = `${move.to === 'Closed Lost' ? 'Lost' : move.to === 'Closed Won' ? 'Won' : 'Qualified'} in HubSpot (deal ${move.dealId})`;
  const steps: LeadTransition[] = [];
  // Won straight from Accepted: HubSpot has no Qualified step of ours to pass through, so the tracker takes it on the way.
  if (move.to === 'Closed Won' && lead.status === 'Accepted') steps.push({ to: 'Qualified', reason } as LeadTransition);
  if (move.to === 'Closed Won') steps.push({ to: 'Closed Won', dealAmount: move.amountCents, closedOn, reason } as LeadTransition);
  // A lost deal keeps the close date it was expected on, often still ahead: lost today, then.
  else if (move.to === 'Closed Lost') steps.push({ to: 'Closed Lost', reason, closedOn: closedOn > today ? today : closedOn } as LeadTransition);
  else steps.push({ to: 'Qualified', reason } as LeadTransition);
  for (const step of steps) {
    const outcome = moveLead(ctx, lead.id, step, { retryable: true });
    if (!outcome.ok) return { ...base, outcome: 'Refused', note: `HubSpot moved deal ${move.dealId} to ${move.to}; the tracker refused: ${outcome.reason}` };
    lead.status = outcome.lead.status;
    lead.dealAmountCents = outcome.lead.dealAmountCents;
    lead.closedOn = outcome.lead.closedOn;
  }
  const commissions = move.to === 'Closed Won' ? ` (${(move.amountCents ?? 0) / 100} on ${closedOn}; its commissions are computed)` : '';
  return { ...base, outcome: 'Moved', note: `${lead.id} moved to ${move.to}${commissions}` };
}

function alreadyThere(lead: LeadState, move: DealMove): boolean {
  if (lead.status !== move.to) return move.to === 'Qualified' && (lead.status === 'Closed Won' || lead.status === 'Closed Lost');
  if (move.to === 'Closed Won') return lead.dealAmountCents === move.amountCents;
  return true;
}

import { readAuditTailForRun } from '../audit/audit-tail';
import { LeadForHubSpot } from '../domain/hubspot/crm';
import { runsAsOwner } from '../team/access';
import { readCents, readIsoDate, readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { tab } from '../tracker/schema';
import { KeyStore } from '../tracker/state';
import { TrackerTable } from '../tracker/table';
import { HubSpotClient, HubSpotStop } from './client';
import { mappingOf, readConnection, readToken } from './connection';
import { LeadState, pullDeals } from './pull';
import { pushLead } from './push';
import { SyncLogRow, appendSyncLog } from './sync-log';
import { SYNC_KEY, SyncState, readSyncState, writeSyncState } from './sync-state';

/**
 * The hourly run's "hubspot" step (the owner's): leads registered or changed since the last run
 * go to HubSpot (push.ts), then deals HubSpot changed come back as pipeline moves (pull.ts).
 * Every HubSpot call is made outside any critical section; the step's writes (the log rows and
 * the sync's place) are one short section at the end, and each move takes its own (moveLead).
 *
 * A rate limit longer than the run can wait, HubSpot failing (5xx) or the step's time budget
 * stops it where it is: the next run resumes there (the push from the Audit Log row before the
 * first lead it did not send, the pull from the last deal change it handled). A refused token
 * (401/403) pauses the sync until the owner connects again; the step then fails every run with
 * the reason, which Home's automation item shows.
 *
 * Spreadsheet calls: the Audit Log's tail (a search and a read), the Leads columns it needs (one
 * read, only when there is something to push or pull), one append and the state: the same at any
 * number of rows. HubSpot calls: 2 to 6 a lead pushed, one search a page of changed deals.
 */
type Section = <T>(task: () => T) => T;

/** The step's share of the run: HubSpot calls stop after it (the rest of the hour's steps need time too). */
export const HUBSPOT_BUDGET_MS = 90 * 1000;
/** The whole run's limit (6 minutes), less a margin. */
const RUN_LIMIT_MS = 5 * 60 * 1000;
const PUSHED_STATUSES = new Set(['New', 'Accepted', 'Qualified']);

export interface HubSpotStepOutcome {
  pushed: number;
  pulled: number;
  conflicts: number;
  /** Leads HubSpot refused and moves the tracker refused (named `unsynced`: the hourly run reads a step's `failed` as the step failing). */
  unsynced: number;
  calls: number;
  waitedMs: number;
  stopped?: string;
  more?: boolean;
}

export function hubspotSync(ctx: TrackerContext, critical: Section, startedAtMs: number): HubSpotStepOutcome | string {
  if (!runsAsOwner(ctx)) return "not the tracker's account";
  const mapping = mappingOf(ctx);
  if (!mapping.on) return 'off (Settings: HubSpot sync)';
  const store = new KeyStore(ctx.ss);
  const connection = readConnection(store);
  const token = readToken(ctx.ss);
  if (!connection || !token) throw new Error("HubSpot sync is On but HubSpot is not connected: the owner connects it in the sidebar's HubSpot view (or sets HubSpot sync to Off)");
  const raw = store.read(SYNC_KEY);
  const state = readSyncState(store);
  if (state.paused && state.paused.tokenStamp === connection.tokenStamp) throw new Error(`HubSpot sync is paused since ${state.paused.at}: ${state.paused.reason}`);

  const stepStart = Date.now();
  const client = new HubSpotClient(token, Math.min(stepStart + HUBSPOT_BUDGET_MS, startedAtMs + RUN_LIMIT_MS));
  const outOfTime = () => Date.now() > Math.min(stepStart + HUBSPOT_BUDGET_MS, startedAtMs + RUN_LIMIT_MS);
  const log: SyncLogRow[] = [];
  let stop: HubSpotStop | null = null;

  // The push: the Audit Log's rows since the cursor that touch a lead (not the pull's own moves, which HubSpot made).
  const start = state.cursor || connection.startCursor;
  const tail = readAuditTailForRun(ctx.ss, start, ctx.timeZone);
  const leadsTab = tab('leads').name;
  const order: Array<{ id: string; before: string }> = [];
  const seen = new Set<string>();
  tail.rows.forEach((row, i) => {
    if (row.tab !== leadsTab || row.source === 'hubspot' || !/^L-\d+$/.test(row.recordId) || seen.has(row.recordId)) return;
    seen.add(row.recordId);
    order.push({ id: row.recordId, before: i === 0 ? start : tail.rows[i - 1].hash });
  });
  let cursor = tail.cursor;
  let leads: Map<string, LeadState> | null = null;
  const leadsById = () => (leads ??= readLeads(ctx));
  const conflicts = new Set(state.conflicts ?? []);
  let pushed = 0;
  for (const { id, before } of order) {
    if (outOfTime()) {
      cursor = before;
      stop = new HubSpotStop('rate', 'the step used its time; the rest goes next run');
      break;
    }
    const lead = leadsById().get(id);
    if (!lead || !PUSHED_STATUSES.has(lead.status)) {
      // A lead closed, rejected or deleted is no longer in conflict with anything in HubSpot.
      conflicts.delete(id);
      continue;
    }
    try {
      const row = pushLead(client, lead, mapping);
      log.push(row);
      if (row.outcome === 'Conflict') conflicts.add(id);
      else if (row.outcome !== 'Failed') conflicts.delete(id);
      pushed++;
    } catch (e) {
      if (!(e instanceof HubSpotStop)) throw e;
      cursor = before;
      stop = e;
      break;
    }
  }

  // The pull: deals changed in HubSpot since the last one handled, as pipeline moves.
  let pulledFromMs = state.pulledFromMs || connection.startPullMs;
  let boundary = state.pulledFromMs ? (state.boundary ?? []) : [];
  let pulled = 0;
  let more = tail.more;
  if (!stop) {
    const pull = pullDeals(ctx, client, mapping, pulledFromMs, boundary, leadsById, outOfTime);
    log.push(...pull.log);
    pulledFromMs = pull.pulledFromMs;
    boundary = pull.boundary;
    pulled = pull.moved;
    stop = pull.stop;
    more = more || pull.more;
  }

  const next: SyncState = { cursor, pulledFromMs, boundary, conflicts: [...conflicts], lastRun: { at: ctx.now.toISOString(), summary: '' } };
  if (stop?.kind === 'auth') {
    next.paused = { tokenStamp: connection.tokenStamp, at: ctx.now.toISOString(), reason: stop.message };
    log.push({ direction: 'Sync', leadId: '', dealId: '', companyId: '', outcome: 'Failed', note: `Paused: ${stop.message}` });
  } else if (stop) log.push({ direction: 'Sync', leadId: '', dealId: '', companyId: '', outcome: 'Waiting', note: `Stopped: ${stop.message}` });
  const outcome: HubSpotStepOutcome = {
    pushed,
    pulled,
    conflicts: log.filter((r) => r.outcome === 'Conflict').length,
    unsynced: log.filter((r) => r.outcome === 'Failed' || r.outcome === 'Refused').length,
    calls: client.calls,
    waitedMs: client.waitedMs,
    ...(stop ? { stopped: stop.message } : {}),
    ...(more ? { more } : {}),
  };
  next.lastRun = { at: ctx.now.toISOString(), summary: summaryOf(outcome) };
  critical(() => {
    // Another run moved the sync meanwhile (two runs of the hour): this one's rows still go in the log, its place does not.
    // The log first: a run killed between the two repeats its rows next time rather than moving past rows never logged.
    appendSyncLog(ctx, log);
    if (store.read(SYNC_KEY) === raw) writeSyncState(store, next);
  });
  if (stop?.kind === 'auth') throw new Error(`HubSpot sync paused: ${stop.message}`);
  return outcome;
}

function summaryOf(o: HubSpotStepOutcome): string {
  const parts = [`${o.pushed} lead${o.pushed === 1 ? '' : 's'} sent`, `${o.pulled} move${o.pulled === 1 ? '' : 's'} from HubSpot`];
  if (o.conflicts) parts.push(`${o.conflicts} conflict${o.conflicts === 1 ? '' : 's'}`);
  if (o.unsynced) parts.push(`${o.unsynced} failed or refused`);
  if (o.stopped) parts.push(`stopped: ${o.stopped}`);
  return parts.join(', ');
}

/** The leads' columns the sync sends and decides on, by ID (one read; the newest row of an ID wins). */
function readLeads(ctx: TrackerContext): Map<string, LeadState> {
  const table = TrackerTable.open(ctx.ss, 'leads');
  const keys = ['id', 'partnerId', 'status', 'company', 'website', 'domain', 'contactName', 'contactEmail', 'product', 'estimatedValue', 'expectedClose', 'notes', 'dealAmount', 'closedOn'] as const;
  const cols = table.readColumns(keys);
  const out = new Map<string, LeadState>();
  cols.id.forEach((raw, i) => {
    const id = readText(raw);
    if (!id) return;
    const lead: LeadForHubSpot & LeadState = {
      id,
      partnerId: readText(cols.partnerId[i]),
      status: readText(cols.status[i]),
      company: readText(cols.company[i]),
      website: readText(cols.website[i]),
      domain: readText(cols.domain[i]),
      contactName: readText(cols.contactName[i]),
      contactEmail: readText(cols.contactEmail[i]),
      product: readText(cols.product[i]),
      estimatedValue: readCents(cols.estimatedValue[i]),
      expectedClose: readIsoDate(cols.expectedClose[i], ctx.timeZone),
      notes: readText(cols.notes[i]),
      dealAmountCents: readCents(cols.dealAmount[i]),
      closedOn: readIsoDate(cols.closedOn[i], ctx.timeZone),
    };
    out.set(id, lead);
  });
  return out;
}

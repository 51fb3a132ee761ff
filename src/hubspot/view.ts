import { runsAsOwner } from '../team/access';
import { readSettings } from '../tracker/settings-tab';
import { readText, readUtcDateTime } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { KeyStore } from '../tracker/state';
import { TrackerTable } from '../tracker/table';
import { HubSpotView } from '../sidebar-api/contract';
import { mappingOf, readConnection, readToken } from './connection';
import { readSyncState } from './sync-state';

const RECENT = 15;

/**
 * The sidebar's HubSpot view, for anyone on the team: connected or not (from the tracker's record;
 * a teammate cannot read the owner's token and is never told it), the last run, the open
 * conflicts and the HubSpot Sync tab's last rows (one read of at most 15 rows).
 */
export function hubSpotView(ctx: TrackerContext): HubSpotView {
  const store = new KeyStore(ctx.ss);
  const connection = readConnection(store);
  const owner = runsAsOwner(ctx);
  // The owner's own view also checks that the token is still in their user properties.
  const connected = !!connection && (!owner || !!readToken(ctx.ss));
  const state = readSyncState(store);
  let mappingProblem = '';
  try {
    mappingOf(ctx);
  } catch (e) {
    mappingProblem = e instanceof Error ? e.message : String(e);
  }
  const settings = readSettings(ctx.ss).settings;
  const table = TrackerTable.tryOpen(ctx.ss, 'hubspot');
  const last = table?.lastRow() ?? 1;
  const rows = table && last >= 2 ? table.readRows(Math.max(2, last - RECENT + 1), last) : [];
  return {
    on: settings.hubspotSync,
    mappingProblem,
    connected,
    connectedBy: connection?.connectedBy ?? '',
    connectedAt: connection?.connectedAt ?? '',
    youAreOwner: owner,
    paused: connection && state.paused?.tokenStamp === connection.tokenStamp ? state.paused.reason : '',
    lastRun: state.lastRun?.summary ?? '',
    lastRunAt: state.lastRun?.at ?? '',
    conflicts: state.conflicts ?? [],
    recent: rows.reverse().map((r) => ({
      at: readUtcDateTime(r.at, ctx.timeZone)?.toISOString() ?? readText(r.at),
      direction: readText(r.direction),
      leadId: readText(r.leadId),
      dealId: readText(r.dealId),
      outcome: readText(r.outcome),
      note: readText(r.note),
    })),
    pipeline: settings.hubspotPipeline,
    partnerProperty: settings.hubspotPartnerProperty,
    leadProperty: settings.hubspotLeadProperty,
  };
}

import { PENDING_WARNING_SHARE, pendingAuditState, announceWaitingEntries } from '../audit/audit-log';
import { rolesOf } from '../domain/roles';
import { rosterOf } from '../team/access';
import { automationView } from './automation-view';
import { trackerContext } from '../tracker/context';
import { trackerSheets } from '../tracker/identity';
import { TABS, SCHEMA_VERSION } from '../tracker/schema';
import { readSettings } from '../tracker/settings-tab';
import { readSchemaVersion } from '../tracker/setup';
import { TrackerOverview } from './contract';
import { capacityView } from '../capacity/overview';

/**
 * The tracker at a glance: who you are and your roles, whether the automation
 * runs, schema version, each tab's row count, the programme's settings, and
 * how full the spreadsheet is (capacity/overview.ts).
 * A fixed number of spreadsheet calls, whatever the data size.
 */
export function trackerOverview(): TrackerOverview {
  const ctx = trackerContext('sidebar');
  const { ss } = ctx;
  const properties = ctx.properties as GoogleAppsScript.Properties.Properties;
  const sheets = trackerSheets(ss);
  const tabs = TABS.map((def) => {
    const sheet = sheets.get(def.key);
    if (!sheet) return { name: def.name, rows: null };
    return { name: def.name, rows: def.kind === 'table' ? Math.max(0, sheet.getLastRow() - 1) : 0 };
  });
  const settings = readSettings(ss);
  return {
    programmeName: settings.settings.programmeName,
    currency: settings.settings.currency,
    you: { email: ctx.actor, roles: rolesOf(rosterOf(ctx), ctx.actor) },
    automation: automationView(ctx),
    schemaVersion: readSchemaVersion(properties),
    latestSchemaVersion: SCHEMA_VERSION,
    tabs,
    settingsProblems: settings.ok ? [] : settings.problems,
    auditWarnings: auditWarnings(ss, properties, rosterOf(ctx).owner),
    capacity: capacityView(ss, ctx.now),
  };
}

function auditWarnings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, properties: GoogleAppsScript.Properties.Properties, owner: string): string[] {
  const { waiting, share, setAside } = pendingAuditState(properties);
  if (waiting) announceWaitingEntries(ss);
  const out: string[] = [];
  if (share >= PENDING_WARNING_SHARE) {
    out.push(
      `${waiting} audit entries from teammates' actions wait for ${owner || 'the owner'} (their store is ${Math.round(share * 100)}% full). The owner's next edit, sidebar action or Set up tracker writes them to the Audit Log. If the store fills up, the owner's hourly run records the changes they were about, marked recovered.`,
    );
  }
  if (setAside) {
    out.push(
      `${setAside} waiting audit entr${setAside === 1 ? 'y was' : 'ies were'} unreadable and set aside (kept in the document's properties as tracker.auditPendingSetAside.*); the log went on without ${setAside === 1 ? 'it' : 'them'}.`,
    );
  }
  return out;
}

import { InputError } from '../domain/input-error';
import type { ExposedName } from '../exposed';

/**
 * The tracker's installable triggers, reconciled rather than created blindly:
 * running setup or "Create partner form" again never adds a second trigger.
 *
 * Only the tracker's owner holds triggers (they run as their creator), and
 * every handler returns at once unless it runs as the recorded owner, so a
 * trigger someone else installed does nothing.
 *
 * An editor add-on's time-driven trigger belongs to the script, not to a
 * document, and runs with no active spreadsheet; so its ID is mapped to the
 * spreadsheet's ID in the owner's user properties, and the handler opens the
 * tracker by that ID.
 */
export const FORM_SUBMIT_HANDLER = 'onPartnerFormSubmit' satisfies ExposedName;
export const EDIT_HANDLER = 'onTrackerEdit' satisfies ExposedName;
export const CHANGE_HANDLER = 'onTrackerChange' satisfies ExposedName;
export const MAINTENANCE_HANDLER = 'onTrackerMaintenance' satisfies ExposedName;
/** The daily trigger of schema 5 and before: still handled (as the hourly run), replaced by setup. */
export const LEGACY_DAILY_HANDLER = 'onDailyMaintenance' satisfies ExposedName;
/** Every function an installable trigger calls (src/index.ts exposes each). */
export const TRIGGER_HANDLERS = [FORM_SUBMIT_HANDLER, EDIT_HANDLER, CHANGE_HANDLER, MAINTENANCE_HANDLER, LEGACY_DAILY_HANDLER] as const;
export type TriggerHandlerName = (typeof TRIGGER_HANDLERS)[number];
const TIME_MAP_PREFIX = 'tracker.dailyTrigger.';

export type TriggerOutcome = 'installed' | 'present';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function ensureFormSubmitTrigger(ss: Spreadsheet): TriggerOutcome {
  return ensureSpreadsheetTrigger(ss, FORM_SUBMIT_HANDLER, ScriptApp.EventType.ON_FORM_SUBMIT, (b) => b.onFormSubmit());
}

/** Keeps exactly one of this user's spreadsheet triggers for a handler and event: extras deleted, a missing one created. */
function ensureSpreadsheetTrigger(
  ss: Spreadsheet,
  handler: string,
  eventType: GoogleAppsScript.Script.EventType,
  on: (builder: GoogleAppsScript.Script.SpreadsheetTriggerBuilder) => GoogleAppsScript.Script.SpreadsheetTriggerBuilder,
  created: GoogleAppsScript.Script.Trigger[] = [],
): TriggerOutcome {
  const mine = ScriptApp.getUserTriggers(ss).filter((t) => t.getHandlerFunction() === handler && t.getEventType() === eventType);
  mine.slice(1).forEach((t) => ScriptApp.deleteTrigger(t));
  if (mine.length > 0) return 'present';
  created.push(on(ScriptApp.newTrigger(handler).forSpreadsheet(ss)).create());
  return 'installed';
}

export interface TrackerTriggers {
  edit: TriggerOutcome;
  change: TriggerOutcome;
  /** null: no partner form yet, so no submit trigger. */
  formSubmit: TriggerOutcome | null;
  maintenance: TriggerOutcome | 'replaced';
}

/**
 * All of the owner's triggers, or none of the missing ones: at Google's limit
 * (20 per person per script, one of each kind per document for an add-on) the
 * ones this call added are deleted again and the error says what to do.
 */
export function ensureTrackerTriggers(ss: Spreadsheet, withFormSubmit: boolean): TrackerTriggers {
  const created: GoogleAppsScript.Script.Trigger[] = [];
  try {
    const edit = ensureSpreadsheetTrigger(ss, EDIT_HANDLER, ScriptApp.EventType.ON_EDIT, (b) => b.onEdit(), created);
    const change = ensureSpreadsheetTrigger(ss, CHANGE_HANDLER, ScriptApp.EventType.ON_CHANGE, (b) => b.onChange(), created);
    const formSubmit = withFormSubmit ? ensureSpreadsheetTrigger(ss, FORM_SUBMIT_HANDLER, ScriptApp.EventType.ON_FORM_SUBMIT, (b) => b.onFormSubmit(), created) : null;
    // Last: replacing an older daily trigger deletes it first, which cannot be undone.
    const maintenance = ensureMaintenanceTrigger(ss);
    return { edit, change, formSubmit, maintenance };
  } catch (e) {
    created.forEach((t) => ScriptApp.deleteTrigger(t));
    if (e instanceof TriggerLimitError) throw e;
    throw new TriggerLimitError(e instanceof Error ? e.message : String(e));
  }
}

/** A refusal with its reason (the sidebar shows it as such; the menu alerts it). */
export class TriggerLimitError extends InputError {
  /** `removedDaily`: the old daily trigger was already deleted to make room, so not everything is as it was. */
  constructor(google: string, removedDaily = false) {
    super(
      `Google would not add the tracker's triggers (${google.trim() || 'Google gave no reason'}). ` +
        (removedDaily
          ? 'The old daily trigger was removed first (Google allows one time-driven trigger per file), so nothing time-driven runs until the hourly one is added. '
          : 'Nothing was set up or changed. ') +
        "If this is Google's limit — a Google account may hold 20 triggers of this add-on across all its files — remove the ones of files you no longer track (script.google.com/home/triggers), then run Set up tracker again.",
    );
    this.name = 'TriggerLimitError';
  }
}

/**
 * The one time-driven trigger, hourly: expiry, payable commissions, the lines
 * of deals others closed, the digest once a day, payouts when due, queued mail.
 * Add-ons may hold one time-driven trigger per document and run it at most
 * hourly. A daily trigger from an older tracker is replaced.
 */
export function ensureMaintenanceTrigger(ss: Spreadsheet): TriggerOutcome | 'replaced' {
  const userProperties = PropertiesService.getUserProperties();
  const ssId = ss.getId();
  const mapped = userProperties.getProperties();
  const ours = ScriptApp.getProjectTriggers()
    .filter((t) => t.getHandlerFunction() === MAINTENANCE_HANDLER || t.getHandlerFunction() === LEGACY_DAILY_HANDLER)
    .filter((t) => readMapping(mapped[TIME_MAP_PREFIX + t.getUniqueId()]) === ssId);
  const keep = ours.find((t) => t.getHandlerFunction() === MAINTENANCE_HANDLER);
  // Delete before creating: the add-on limit allows one time-driven trigger per document.
  for (const t of ours) {
    if (t === keep) continue;
    userProperties.deleteProperty(TIME_MAP_PREFIX + t.getUniqueId());
    ScriptApp.deleteTrigger(t);
  }
  if (keep) return 'present';
  let trigger: GoogleAppsScript.Script.Trigger;
  try {
    trigger = ScriptApp.newTrigger(MAINTENANCE_HANDLER).timeBased().everyHours(1).create();
  } catch (e) {
    throw new TriggerLimitError(e instanceof Error ? e.message : String(e), ours.length > 0);
  }
  userProperties.setProperty(TIME_MAP_PREFIX + trigger.getUniqueId(), JSON.stringify({ ssId }));
  return ours.length ? 'replaced' : 'installed';
}

/** A mapping is {"ssId", …}; the oldest ones are the spreadsheet ID alone. */
function readMapping(raw: string | undefined): string | null {
  if (!raw) return null;
  if (!raw.startsWith('{')) return raw;
  try {
    const m = JSON.parse(raw) as { ssId?: unknown };
    return typeof m.ssId === 'string' ? m.ssId : null;
  } catch {
    return null;
  }
}

/** The spreadsheet a time-driven run is for, from its trigger ID; null when unknown (a trigger from elsewhere). */
export function spreadsheetIdForTimeTrigger(triggerUid: string | undefined): string | null {
  if (!triggerUid) return null;
  return readMapping(PropertiesService.getUserProperties().getProperty(TIME_MAP_PREFIX + triggerUid) ?? undefined);
}

/** Which of the tracker's triggers the running user holds for this spreadsheet (for the owner's status check). */
export function myTriggers(ss: Spreadsheet): { edit: boolean; change: boolean; maintenance: boolean; formSubmit: boolean } {
  const ssId = ss.getId();
  const mapped = PropertiesService.getUserProperties().getProperties();
  const spreadsheet = ScriptApp.getUserTriggers(ss).map((t) => t.getHandlerFunction());
  const timed = ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === MAINTENANCE_HANDLER && readMapping(mapped[TIME_MAP_PREFIX + t.getUniqueId()]) === ssId);
  return { edit: spreadsheet.includes(EDIT_HANDLER), change: spreadsheet.includes(CHANGE_HANDLER), maintenance: timed.length > 0, formSubmit: spreadsheet.includes(FORM_SUBMIT_HANDLER) };
}

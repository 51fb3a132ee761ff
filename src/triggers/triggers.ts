/**
 * The add-on's installable triggers, reconciled rather than created blindly:
 * running setup or "Create partner form" again never adds a second trigger.
 *
 * An editor add-on's time-driven trigger belongs to the script, not to a
 * document, and runs with no active spreadsheet; so the daily trigger's ID is
 * mapped to this spreadsheet's ID in the user's properties, and the handler
 * opens the tracker by that ID.
 */
export const FORM_SUBMIT_HANDLER = 'onPartnerFormSubmit';
export const DAILY_HANDLER = 'onDailyMaintenance';
export const EDIT_HANDLER = 'onTrackerEdit';
/** Hour (script time zone) the daily run is asked for; Apps Script picks a minute within it. */
export const DAILY_HOUR = 6;
const DAILY_MAP_PREFIX = 'tracker.dailyTrigger.';

export type TriggerOutcome = 'installed' | 'present';

export function ensureFormSubmitTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): TriggerOutcome {
  return ensureSpreadsheetTrigger(ss, FORM_SUBMIT_HANDLER, ScriptApp.EventType.ON_FORM_SUBMIT, (b) => b.onFormSubmit());
}

/** The installable edit trigger (runs as its installer, the owner, so it may write the Audit Log). */
export function ensureEditTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): TriggerOutcome {
  return ensureSpreadsheetTrigger(ss, EDIT_HANDLER, ScriptApp.EventType.ON_EDIT, (b) => b.onEdit());
}

/** Keeps exactly one of this user's spreadsheet triggers for a handler and event: extras deleted, a missing one created. */
function ensureSpreadsheetTrigger(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet, handler: string, eventType: GoogleAppsScript.Script.EventType,
  on: (builder: GoogleAppsScript.Script.SpreadsheetTriggerBuilder) => GoogleAppsScript.Script.SpreadsheetTriggerBuilder,
): TriggerOutcome {
  const mine = ScriptApp.getUserTriggers(ss).filter((t) => t.getHandlerFunction() === handler && t.getEventType() === eventType);
  mine.slice(1).forEach((t) => ScriptApp.deleteTrigger(t));
  if (mine.length > 0) return 'present';
  on(ScriptApp.newTrigger(handler).forSpreadsheet(ss)).create();
  return 'installed';
}

/**
 * The one time-driven trigger: daily, at the payout hour from Settings (the
 * daily sweep runs then too, and the payout run when its day has come). When
 * the hour changes it is replaced; add-ons get one time-driven trigger per
 * document, so everything time-driven shares it.
 */
export function ensureDailyTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, hour: number = DAILY_HOUR): TriggerOutcome | 'replaced' {
  const userProperties = PropertiesService.getUserProperties();
  const ssId = ss.getId();
  const mapped = userProperties.getProperties();
  const ours = ScriptApp.getProjectTriggers()
    .filter((t) => t.getHandlerFunction() === DAILY_HANDLER)
    .map((t) => ({ trigger: t, mapping: readMapping(mapped[DAILY_MAP_PREFIX + t.getUniqueId()]) }))
    .filter((t) => t.mapping?.ssId === ssId);
  const keep = ours.find((t) => t.mapping?.hour === hour);
  for (const t of ours) {
    if (t === keep) continue;
    userProperties.deleteProperty(DAILY_MAP_PREFIX + t.trigger.getUniqueId());
    ScriptApp.deleteTrigger(t.trigger);
  }
  if (keep) return 'present';
  const trigger = ScriptApp.newTrigger(DAILY_HANDLER).timeBased().everyDays(1).atHour(hour).create();
  userProperties.setProperty(DAILY_MAP_PREFIX + trigger.getUniqueId(), JSON.stringify({ ssId, hour }));
  return ours.length ? 'replaced' : 'installed';
}

/** A mapping is {"ssId","hour"}; an older one is the spreadsheet ID alone (its hour unknown, so it is replaced). */
function readMapping(raw: string | undefined): { ssId: string; hour: number | null } | null {
  if (!raw) return null;
  if (!raw.startsWith('{')) return { ssId: raw, hour: null };
  try {
    const m = JSON.parse(raw) as { ssId?: unknown; hour?: unknown };
    return typeof m.ssId === 'string' ? { ssId: m.ssId, hour: typeof m.hour === 'number' ? m.hour : null } : null;
  } catch {
    return null;
  }
}

/** The spreadsheet a daily trigger run is for, from its trigger ID; null when unknown (trigger from elsewhere). */
export function spreadsheetIdForDailyTrigger(triggerUid: string | undefined): string | null {
  if (!triggerUid) return null;
  return readMapping(PropertiesService.getUserProperties().getProperty(DAILY_MAP_PREFIX + triggerUid) ?? undefined)?.ssId ?? null;
}

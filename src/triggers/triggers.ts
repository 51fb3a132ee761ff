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
  const mine = ScriptApp.getUserTriggers(ss).filter(
    (t) => t.getHandlerFunction() === FORM_SUBMIT_HANDLER && t.getEventType() === ScriptApp.EventType.ON_FORM_SUBMIT,
  );
  mine.slice(1).forEach((t) => ScriptApp.deleteTrigger(t));
  if (mine.length > 0) return 'present';
  ScriptApp.newTrigger(FORM_SUBMIT_HANDLER).forSpreadsheet(ss).onFormSubmit().create();
  return 'installed';
}

/** The installable edit trigger (runs as its installer, the owner, so it may write the Audit Log). */
export function ensureEditTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): TriggerOutcome {
  const mine = ScriptApp.getUserTriggers(ss).filter(
    (t) => t.getHandlerFunction() === EDIT_HANDLER && t.getEventType() === ScriptApp.EventType.ON_EDIT,
  );
  mine.slice(1).forEach((t) => ScriptApp.deleteTrigger(t));
  if (mine.length > 0) return 'present';
  ScriptApp.newTrigger(EDIT_HANDLER).forSpreadsheet(ss).onEdit().create();
  return 'installed';
}

export function ensureDailyTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): TriggerOutcome {
  const userProperties = PropertiesService.getUserProperties();
  const ssId = ss.getId();
  const mapped = userProperties.getProperties();
  const ours = ScriptApp.getProjectTriggers().filter(
    (t) => t.getHandlerFunction() === DAILY_HANDLER && mapped[DAILY_MAP_PREFIX + t.getUniqueId()] === ssId,
  );
  ours.slice(1).forEach((t) => {
    userProperties.deleteProperty(DAILY_MAP_PREFIX + t.getUniqueId());
    ScriptApp.deleteTrigger(t);
  });
  if (ours.length > 0) return 'present';
  const trigger = ScriptApp.newTrigger(DAILY_HANDLER).timeBased().everyDays(1).atHour(DAILY_HOUR).create();
  userProperties.setProperty(DAILY_MAP_PREFIX + trigger.getUniqueId(), ssId);
  return 'installed';
}

/** The spreadsheet a daily trigger run is for, from its trigger ID; null when unknown (trigger from elsewhere). */
export function spreadsheetIdForDailyTrigger(triggerUid: string | undefined): string | null {
  if (!triggerUid) return null;
  return PropertiesService.getUserProperties().getProperty(DAILY_MAP_PREFIX + triggerUid);
}

/**
 * What every tracker operation needs from its surroundings: the spreadsheet,
 * the document's properties, its time zone, the current time and who is acting
 * (for the audit trail). Built once at the edge (src/index.ts).
 */
export interface TrackerContext {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /**
   * The document's properties; null in a time-driven run, which in an add-on
   * has no active document (it opens the tracker by ID instead).
   */
  properties: GoogleAppsScript.Properties.Properties | null;
  /** The spreadsheet's time zone: calendar dates in cells are in it. */
  timeZone: string;
  now: Date;
  /** Email of the person or account acting ('' when Apps Script does not say). */
  actor: string;
  /** Audit source: sidebar, form, expiry, menu, setup. */
  source: string;
}

export function trackerContext(source: string, actor?: string): TrackerContext {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return {
    ss,
    properties: PropertiesService.getDocumentProperties(),
    timeZone: ss.getSpreadsheetTimeZone(),
    now: new Date(),
    actor: actor ?? Session.getActiveUser().getEmail(),
    source,
  };
}

import { documentProperties, forgetDocumentProperties } from './document-properties';
import { beginExecution, reference } from './reference';
import { forgetSections } from './state';

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
  /**
   * Email of the person acting, for roles and the audit trail: in a run a
   * person started (menu, sidebar) the account the code runs as; in the edit
   * trigger the editor as far as Google says ('' when it does not); in the
   * owner's triggers the owner.
   */
  actor: string;
  /**
   * The account the code runs as (Google enforces protections against it): the
   * person in a menu or sidebar run, the trigger's creator in a trigger.
   */
  runsAs: string;
  /** Audit source: sidebar, form, hourly, menu, setup, edit. */
  source: string;
}

/**
 * The context of a run with a document: `actor` defaults to the account it runs as. It
 * starts the execution's reference data (tracker/reference.ts); the time zone is read from
 * it when first asked for (a copy of the context made with `{ ...ctx }` asks at once).
 */
export function trackerContext(source: string, actor?: string): TrackerContext {
  beginExecution();
  forgetDocumentProperties();
  forgetSections();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  // A menu item or sidebar call runs as the person using it: the effective user is that person.
  const runsAs = Session.getEffectiveUser().getEmail();
  let zone: string | undefined;
  return {
    ss,
    properties: documentProperties(),
    get timeZone() {
      return (zone ??= reference(ss).timeZone());
    },
    now: new Date(),
    actor: actor ?? runsAs,
    runsAs,
    source,
  };
}

/** The context of the owner's hourly run, which opens the tracker by ID (no document, no document properties). */
export function scheduledContext(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, runsAs: string, source: string): TrackerContext {
  beginExecution();
  forgetDocumentProperties();
  forgetSections();
  return { ss, properties: null, timeZone: reference(ss).timeZone(), now: new Date(), actor: runsAs, runsAs, source };
}

import { TERMS_QUESTION } from '../domain/applications';
import { allowedFromMenu } from '../team/access';
import { TrackerContext, trackerContext } from '../tracker/context';
import { existingApplicationForm, setUpApplicationForm } from './form-setup';
import { isApplicationResponsesTab } from './responses-tab';
import { handleApplicationSubmit } from './intake';
import { reconcileApplicationResponses } from './reconcile';

/** Menu "Create application form": creates (or checks) the "Become a partner" form. The owner's: its responses are read by the owner's trigger. */
export function menuCreateApplicationForm() {
  const ui = SpreadsheetApp.getUi();
  const ctx = trackerContext('menu');
  if (!allowedFromMenu(ctx, 'createApplicationForm', 'Application form')) return;
  const properties = ctx.properties as GoogleAppsScript.Properties.Properties;
  const result = setUpApplicationForm(ctx.ss, properties);
  if ('refused' in result) {
    ui.alert('Application form', result.refused, ui.ButtonSet.OK);
    return;
  }
  const lines = [
    result.created ? 'Created the "Become a partner" form.' : 'The application form is already set up.',
    `Publish this link where partners find you: ${result.publishedUrl}`,
    `Edit the form: ${result.editUrl}`,
    'Applications appear on the Applications tab and in the sidebar (Applications), where a manager approves or rejects each one.',
    ...(existingApplicationForm(properties) ? [] : ['The form could not be opened again; run this item once more.']),
  ];
  ui.alert('Application form', lines.join('\n'), ui.ButtonSet.OK);
}

/**
 * Whether a form-submit event is an application's (the one form-submit trigger serves both
 * forms). From the event's own question titles, at no cost; an event without them (blank) by
 * its responses tab's header.
 */
export function isApplicationEvent(e: { namedValues?: Record<string, string[]>; range?: GoogleAppsScript.Spreadsheet.Range }): boolean {
  const named = e.namedValues ?? {};
  if (Object.prototype.hasOwnProperty.call(named, TERMS_QUESTION)) return true;
  if (Object.keys(named).length > 0 || !e.range) return false;
  return isApplicationResponsesTab(e.range.getSheet());
}

/** The form-submit trigger's share for applications: the row, the applicant's email, and responses a run missed. */
export function applicationFormSubmit(ctx: TrackerContext, e: { namedValues?: Record<string, string[]>; range?: GoogleAppsScript.Spreadsheet.Range }): void {
  const outcome = handleApplicationSubmit(ctx, e);
  console.log(`application form response: ${JSON.stringify(outcome)}`);
  if (outcome.kind !== 'ignored') console.log(`missed applications: ${JSON.stringify(reconcileApplicationResponses(ctx))}`);
}

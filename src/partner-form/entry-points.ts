import { applicationFormSubmit, isApplicationEvent } from '../applications/entry-points';
import { reconcileApplicationResponses } from '../applications/reconcile';
import { allowedFromMenu } from '../team/access';
import { trackerContext } from '../tracker/context';
import { existingPartnerForm, formLink, pendingPartnerForm, setUpPartnerForm } from './form-setup';
import { handlePartnerFormSubmit } from './intake';
import { reconcileFormResponses, reconcileSkippedResponses } from './reconcile';

/** Menu "Create partner form": creates (or replaces, or checks) the form partners register leads with. */
export function menuCreatePartnerForm() {
  const ui = SpreadsheetApp.getUi();
  const ctx = trackerContext('menu');
  // The form's trigger turns responses into leads as the owner: only the owner creates it.
  if (!allowedFromMenu(ctx, 'createForm', 'Partner form')) return;
  const properties = ctx.properties as GoogleAppsScript.Properties.Properties;
  const existing = existingPartnerForm(properties);
  let replace = false;
  // A form an earlier attempt started is finished without asking again.
  if (existing && !pendingPartnerForm(properties)) {
    const answer = ui.alert(
      'Partner form',
      `This tracker already has a partner form:\n${formLink(existing)}\n\nReplace it with a new form? The old form will stop accepting responses. Choose No to keep it (its trigger and links are checked).`,
      ui.ButtonSet.YES_NO,
    );
    replace = answer === ui.Button.YES;
  }
  const result = setUpPartnerForm(ctx.ss, properties, { replace });
  if ('refused' in result) {
    ui.alert('Partner form', result.refused, ui.ButtonSet.OK);
    return;
  }
  const lines = [
    result.created ? 'Created the partner form.' : 'The partner form is already set up.',
    `Send partners this link: ${result.publishedUrl}`,
    `Edit the form: ${result.editUrl}`,
    result.trigger === 'installed' ? 'Installed the trigger that turns responses into leads.' : 'The trigger that turns responses into leads is in place.',
    ...(result.replacedFormId ? ['The previous form no longer accepts responses.'] : []),
    result.emails.collection === 'verified'
      ? "Partners are verified: the form records each respondent's Google account and accepts a partner's code only from that partner's contact emails."
      : result.emails.note,
  ];
  ui.alert('Partner form', lines.join('\n'), ui.ButtonSet.OK);
}

/** Installable spreadsheet form-submit trigger (the owner's): a partner registered a lead through the form. */
export function onPartnerFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit) {
  const ctx = trackerContext('form');
  // One form-submit trigger per user per document (Google's limit) serves both forms: "Become a partner" responses are applications.
  if (isApplicationEvent(e)) return applicationFormSubmit(ctx, e);
  const outcome = handlePartnerFormSubmit(ctx, e);
  console.log(`partner form response: ${JSON.stringify(outcome)}`);
  // Responses Google fired no trigger for, or an earlier run died on, just before this one are picked up now.
  if (outcome.kind !== 'ignored' && e.range) console.log(`missed responses: ${JSON.stringify(reconcileSkippedResponses(ctx, e.range.getSheet(), e.range.getRow()))}`);
}

/** Menu "Process missed form responses": turns responses nothing came of into leads or Form Inbox rows. */
export function menuProcessMissedResponses() {
  const ctx = trackerContext('menu');
  const ui = SpreadsheetApp.getUi();
  // The intake mails partners from the tracker's account: the owner's.
  if (!allowedFromMenu(ctx, 'processFormResponses', 'Form responses')) return;
  const result = reconcileFormResponses(ctx);
  const applications = reconcileApplicationResponses(ctx);
  const mail =
    (result.mailQueued ? ` Queued ${result.mailQueued} partner email(s) a stopped run had not.` : '') +
    (applications.found ? ` Applications: processed ${applications.processed.length} of ${applications.found} response(s) that had no Applications row.` : '');
  ui.alert(
    'Form responses',
    (result.found === 0
      ? 'Every partner form response has its lead or its Form Inbox row.'
      : `Processed ${result.processed.length} of ${result.found} response(s) nothing had come of: ${result.processed.map((p) => `${p.key} → ${p.outcome}`).join(', ')}.`) + mail,
    ui.ButtonSet.OK,
  );
}

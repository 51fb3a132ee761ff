import { APPLICATION_QUESTIONS, termsChoice, termsHelp } from '../domain/applications';
import { isApplicationResponsesTab } from './responses-tab';
import { PARTNER_TYPES } from '../domain/enums';
import { collectEmails, hasDestination, openForm, publish, recordForm } from '../partner-form/form-setup';
import { protectResponsesTabs } from '../partner-form/reconcile';
import { readList, readSettings } from '../tracker/settings-tab';
import { TriggerOutcome, ensureFormSubmitTrigger } from '../triggers/triggers';

/**
 * "Create application form": the "Become a partner" Google Form, whose responses land in this
 * spreadsheet and become Applications rows through the one form-submit trigger the partner form
 * uses too (Google allows one per user per document; partner-form/entry-points.ts dispatches by
 * the responses tab). Reconciling, in the partner form's order (partner-form/form-setup.ts,
 * whose helpers it uses): the trigger first, the new form noted before it is built, its
 * questions, the destination last (a form with one is complete), published, recorded; a
 * repeat only checks the trigger, the links and the responses tab's protection.
 */
const FORM_ID_PROPERTY = 'tracker.applicationFormId';
const PENDING_FORM_PROPERTY = 'tracker.applicationFormPending';
const PROTECTION = "Partner application responses: written by Google Forms; only the tracker's owner may edit them";

export interface ApplicationFormResult {
  formId: string;
  publishedUrl: string;
  editUrl: string;
  created: boolean;
  trigger: TriggerOutcome;
}

export type ApplicationFormOutcome = ApplicationFormResult | { refused: string };

export function existingApplicationForm(properties: GoogleAppsScript.Properties.Properties | null): GoogleAppsScript.Forms.Form | null {
  const id = properties?.getProperty(FORM_ID_PROPERTY);
  return id ? openForm(id) : null;
}

export function setUpApplicationForm(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, properties: GoogleAppsScript.Properties.Properties): ApplicationFormOutcome {
  let trigger: TriggerOutcome;
  try {
    trigger = ensureFormSubmitTrigger(ss);
  } catch (e) {
    return {
      refused:
        `Google would not add the trigger that turns form responses into applications (${e instanceof Error ? e.message : String(e)}). ` +
        'No form was created. Remove triggers you no longer use (script.google.com → Triggers, or the add-ons you installed), then try again.',
    };
  }
  const pendingId = properties.getProperty(PENDING_FORM_PROPERTY);
  const existing = pendingId ? null : existingApplicationForm(properties);
  let created = false;
  let form = existing;
  if (!form) {
    form = (pendingId && openForm(pendingId)) || startForm(ss, properties);
    if (!hasDestination(form)) {
      // Items from an attempt that died are rebuilt; the destination is set last.
      form.getItems().forEach((item) => form?.deleteItem(item));
      buildQuestions(ss, form);
      form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
    }
    created = true;
  }
  publish(form);
  protectApplicationResponses(ss);
  const result = record(ss, properties, form);
  properties.deleteProperty(PENDING_FORM_PROPERTY);
  return { ...result, created, trigger };
}

/** The application form's responses tabs: only the owner may edit them (the tracker reads their rows as the owner). */
export function protectApplicationResponses(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  protectResponsesTabs(ss, isApplicationResponsesTab, PROTECTION);
}

function startForm(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, properties: GoogleAppsScript.Properties.Properties): GoogleAppsScript.Forms.Form {
  const settings = readSettings(ss).settings;
  const form = FormApp.create(`${settings.programmeName} — become a partner`);
  properties.setProperty(PENDING_FORM_PROPERTY, form.getId());
  return form;
}

/**
 * The applicant's email becomes the partner's Contact Email, so the form records it as the partner
 * form does: the signed-in Google account when Settings' Verify partner emails is Yes (the same
 * call, partner-form/form-setup.ts), else the address the applicant types (partners without Google
 * accounts could not sign in).
 */
export function collectApplicantEmail(form: GoogleAppsScript.Forms.Form, verify: boolean): void {
  if (verify) collectEmails(form, true);
  else if (!form.collectsEmail()) form.setCollectEmail(true);
}

function buildQuestions(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, form: GoogleAppsScript.Forms.Form): void {
  const settings = readSettings(ss).settings;
  const version = settings.partnerTermsVersion || '1';
  form.setDescription(
    `Apply to join the ${settings.programmeName}. You sign in with your Google account: its email address becomes your contact address, and the partner team ` +
      `emails you its decision.${settings.partnerTermsUrl ? ` The programme terms: ${settings.partnerTermsUrl}` : ''}`,
  );
  form.setConfirmationMessage('Thank you. Your application was received; you will get an email with its reference, and another with the decision.');
  collectApplicantEmail(form, settings.verifyPartnerEmails);
  const lists = { region: readList(ss, 'regions'), productFocus: readList(ss, 'products') };
  for (const q of APPLICATION_QUESTIONS) {
    if (q.kind === 'terms') {
      form
        .addMultipleChoiceItem()
        .setTitle(q.title)
        .setChoiceValues([termsChoice(version)])
        .setRequired(true)
        .setHelpText(termsHelp(settings.partnerTermsUrl));
    } else if (q.kind === 'choice') {
      form
        .addMultipleChoiceItem()
        .setTitle(q.title)
        .setChoiceValues([...PARTNER_TYPES])
        .setRequired(q.required)
        .setHelpText(q.helpText);
    } else if (q.kind === 'list' && (q.key === 'region' || q.key === 'productFocus') && lists[q.key].length > 0) {
      form.addListItem().setTitle(q.title).setChoiceValues(lists[q.key]).setRequired(q.required).setHelpText(q.helpText);
    } else if (q.kind === 'paragraph') {
      form.addParagraphTextItem().setTitle(q.title).setRequired(q.required).setHelpText(q.helpText);
    } else {
      form.addTextItem().setTitle(q.title).setRequired(q.required).setHelpText(q.helpText);
    }
  }
}

function record(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, properties: GoogleAppsScript.Properties.Properties, form: GoogleAppsScript.Forms.Form) {
  return recordForm(ss, properties, form, { property: FORM_ID_PROPERTY, id: 'applicationFormId', url: 'applicationFormUrl', editUrl: 'applicationFormEditUrl' });
}

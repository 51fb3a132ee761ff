import { FORM_QUESTIONS } from '../domain/partner-form';
import { readList, readSettings, writeSettings } from '../tracker/settings-tab';
import { TriggerOutcome, ensureFormSubmitTrigger } from '../triggers/triggers';

/**
 * "Create partner form": a Google Form whose responses land in this
 * spreadsheet and become leads through the form-submit trigger. Reconciling:
 * with a form already recorded it only repairs the trigger and the Settings
 * links, unless asked to replace the form.
 */
const FORM_ID_PROPERTY = 'tracker.partnerFormId';

export interface PartnerFormResult {
  formId: string;
  publishedUrl: string;
  editUrl: string;
  created: boolean;
  /** The ID of the form this one replaced (it no longer accepts responses). */
  replacedFormId: string | null;
  trigger: TriggerOutcome;
}

export function existingPartnerForm(properties: GoogleAppsScript.Properties.Properties): GoogleAppsScript.Forms.Form | null {
  const id = properties.getProperty(FORM_ID_PROPERTY);
  if (!id) return null;
  try {
    return FormApp.openById(id);
  } catch {
    return null; // deleted or no longer accessible: a new one will be made
  }
}

export function setUpPartnerForm(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  properties: GoogleAppsScript.Properties.Properties,
  options: { replace: boolean },
): PartnerFormResult {
  const existing = existingPartnerForm(properties);
  if (existing && !options.replace) {
    const result = record(ss, properties, existing);
    return { ...result, created: false, replacedFormId: null, trigger: ensureFormSubmitTrigger(ss) };
  }
  const settings = readSettings(ss).settings;
  const form = FormApp.create(`${settings.programmeName} — register a lead`);
  form.setDescription(
    `Register a prospect with the ${settings.programmeName}. The first registration of a company is protected for ${settings.protectionDays} days; ` +
    'you will get an email with the lead ID, or with what needs fixing.',
  );
  form.setConfirmationMessage('Thank you. Your registration was received; you will get an email with its lead ID and status.');
  const products = readList(ss, 'products');
  for (const q of FORM_QUESTIONS) {
    if (q.kind === 'list' && products.length > 0) {
      form.addListItem().setTitle(q.title).setChoiceValues(products).setRequired(q.required).setHelpText(q.helpText);
    } else if (q.kind === 'paragraph') {
      form.addParagraphTextItem().setTitle(q.title).setRequired(q.required).setHelpText(q.helpText);
    } else {
      const item = form.addTextItem().setTitle(q.title).setRequired(q.required).setHelpText(q.helpText);
      if (q.validation === 'email') item.setValidation(FormApp.createTextValidation().setHelpText('Enter an email address like name@company.com.').requireTextIsEmail().build());
      if (q.validation === 'money') item.setValidation(FormApp.createTextValidation().setHelpText('Enter a number of 0 or more, for example 12500.').requireNumberGreaterThanOrEqualTo(0).build());
    }
  }
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  if (existing) {
    existing.setAcceptingResponses(false);
    existing.setDescription(`This form has been replaced. Please use ${form.getPublishedUrl()}`);
  }
  const result = record(ss, properties, form);
  return { ...result, created: true, replacedFormId: existing ? existing.getId() : null, trigger: ensureFormSubmitTrigger(ss) };
}

function record(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, properties: GoogleAppsScript.Properties.Properties, form: GoogleAppsScript.Forms.Form) {
  const formId = form.getId();
  const publishedUrl = form.getPublishedUrl();
  const editUrl = form.getEditUrl();
  properties.setProperty(FORM_ID_PROPERTY, formId);
  const current = readSettings(ss).settings;
  if (current.partnerFormId !== formId || current.partnerFormUrl !== publishedUrl || current.partnerFormEditUrl !== editUrl) {
    writeSettings(ss, { partnerFormId: formId, partnerFormUrl: publishedUrl, partnerFormEditUrl: editUrl });
  }
  return { formId, publishedUrl, editUrl };
}

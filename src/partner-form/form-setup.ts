import type { SettingKey } from '../domain/settings';
import { protectResponsesTabs } from './reconcile';
import { MAX_MONEY_CENTS, MAX_MONEY_TEXT } from '../domain/fields';
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
  /** How the form now collects respondents' emails (Settings' Verify partner emails), and what the team should check, if anything. */
  emails: EmailCollectionOutcome;
}

export function existingPartnerForm(properties: GoogleAppsScript.Properties.Properties): GoogleAppsScript.Forms.Form | null {
  const id = properties.getProperty(FORM_ID_PROPERTY);
  // Deleted or no longer accessible: a new one will be made.
  return id ? openForm(id) : null;
}

/** Forms made through Google's APIs since mid-2026 start unpublished; the typings predate setPublished/isPublished. */
type PublishableForm = GoogleAppsScript.Forms.Form & { setPublished?(published: boolean): GoogleAppsScript.Forms.Form; isPublished?(): boolean };

/** A form a "Create partner form" started and did not finish (it died half way): the next attempt finishes this one. */
const PENDING_FORM_PROPERTY = 'tracker.partnerFormPending';

interface PendingForm {
  formId: string;
  replacing: string | null;
}

export function pendingPartnerForm(properties: GoogleAppsScript.Properties.Properties): PendingForm | null {
  try {
    const pending = JSON.parse(properties.getProperty(PENDING_FORM_PROPERTY) ?? 'null') as PendingForm | null;
    return pending && typeof pending.formId === 'string' ? pending : null;
  } catch {
    return null;
  }
}

export type PartnerFormOutcome = PartnerFormResult | { refused: string };

/**
 * In an order any attempt can die in and the next one finish: the trigger first
 * (at Google's trigger limit nothing is made), the new form noted before it is
 * built, published, recorded, and only then the old form closed.
 */
export function setUpPartnerForm(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, properties: GoogleAppsScript.Properties.Properties, options: { replace: boolean }): PartnerFormOutcome {
  let trigger: TriggerOutcome;
  try {
    trigger = ensureFormSubmitTrigger(ss);
  } catch (e) {
    return {
      refused:
        `Google would not add the trigger that turns form responses into leads (${e instanceof Error ? e.message : String(e)}). ` +
        'No form was created or changed. Remove triggers you no longer use (script.google.com → Triggers, or the add-ons you installed), then try again.',
    };
  }
  const existing = existingPartnerForm(properties);
  const pending = pendingPartnerForm(properties);
  const verify = readSettings(ss).settings.verifyPartnerEmails;
  if (existing && !options.replace && !pending) {
    const emails = collectEmails(existing, verify);
    publish(existing);
    protectResponsesTabs(ss);
    return { ...record(ss, properties, existing), created: false, replacedFormId: null, trigger, emails };
  }
  const replacing = pending ? pending.replacing : existing ? existing.getId() : null;
  const form = (pending && openForm(pending.formId)) || startForm(ss, properties, replacing);
  if (!hasDestination(form)) {
    // Items from an attempt that died are rebuilt; the destination is set last, so a form with one is complete.
    form.getItems().forEach((item) => form.deleteItem(item));
    buildQuestions(ss, form);
    form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  }
  const emails = collectEmails(form, verify);
  publish(form);
  protectResponsesTabs(ss);
  const result = record(ss, properties, form);
  const old = replacing && replacing !== form.getId() ? openForm(replacing) : null;
  if (old) {
    old.setAcceptingResponses(false);
    old.setDescription(`This form has been replaced. Please use ${result.publishedUrl}`);
  }
  properties.deleteProperty(PENDING_FORM_PROPERTY);
  return { ...result, created: true, replacedFormId: replacing, trigger, emails };
}

/** 'verified': the form records each respondent's Google account; 'off': it records none; 'unconfirmed': it collects, but Google would not say how (a note says what to check). */
export interface EmailCollectionOutcome {
  collection: 'verified' | 'off' | 'unconfirmed';
  note: string;
}

/**
 * Forms' email collection: not in the typings (@types/google-apps-script 2.0.13). Public Apps Script
 * projects call Form.setEmailCollectionType(FormApp.EmailCollectionType.VERIFIED | RESPONDER_INPUT |
 * DO_NOT_COLLECT), the values of the Forms API's FormSettings.emailCollectionType; where it is
 * missing, Form.setCollectEmail (documented) collects, but which kind it turns on is not documented.
 */
type EmailCollectingForm = GoogleAppsScript.Forms.Form & { setEmailCollectionType?(type: unknown): GoogleAppsScript.Forms.Form; getEmailCollectionType?(): unknown };
type EmailCollectionTypes = { VERIFIED: unknown; DO_NOT_COLLECT: unknown } | undefined;

/** Applies Settings' Verify partner emails to the form (each run of Create partner form re-applies it). */
export function collectEmails(form: EmailCollectingForm, verify: boolean): EmailCollectionOutcome {
  const types = (FormApp as unknown as { EmailCollectionType?: EmailCollectionTypes }).EmailCollectionType;
  if (!verify) {
    if (types && typeof form.setEmailCollectionType === 'function') form.setEmailCollectionType(types.DO_NOT_COLLECT);
    else if (form.collectsEmail()) form.setCollectEmail(false);
    return { collection: 'off', note: 'The form does not record who responds (Verify partner emails is No): anyone who knows a partner code can register leads as that partner.' };
  }
  if (types && typeof form.setEmailCollectionType === 'function') {
    form.setEmailCollectionType(types.VERIFIED);
    if (typeof form.getEmailCollectionType !== 'function' || String(form.getEmailCollectionType()) === String(types.VERIFIED)) return { collection: 'verified', note: '' };
  } else if (!form.collectsEmail()) form.setCollectEmail(true);
  return {
    collection: 'unconfirmed',
    note: 'Google did not confirm that the form collects verified email addresses. Open the form (edit link), Settings > Responses > Collect email addresses, and choose Verified.',
  };
}

function startForm(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, properties: GoogleAppsScript.Properties.Properties, replacing: string | null): GoogleAppsScript.Forms.Form {
  const settings = readSettings(ss).settings;
  const form = FormApp.create(`${settings.programmeName} — register a lead`);
  properties.setProperty(PENDING_FORM_PROPERTY, JSON.stringify({ formId: form.getId(), replacing } satisfies PendingForm));
  return form;
}

function buildQuestions(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, form: GoogleAppsScript.Forms.Form): void {
  const settings = readSettings(ss).settings;
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
      if (q.validation === 'money')
        item.setValidation(
          FormApp.createTextValidation()
            .setHelpText(`Enter a number from 0 to ${MAX_MONEY_TEXT}, for example 12500.`)
            .requireNumberBetween(0, MAX_MONEY_CENTS / 100)
            .build(),
        );
    }
  }
}

export function openForm(id: string): GoogleAppsScript.Forms.Form | null {
  try {
    return FormApp.openById(id);
  } catch {
    return null;
  }
}

export function hasDestination(form: GoogleAppsScript.Forms.Form): boolean {
  try {
    return Boolean(form.getDestinationId());
  } catch {
    return false; // Google throws when a form has no destination
  }
}

/** The link to show for a recorded form: an unpublished one (made before publishing was needed) has no public link yet. */
export function formLink(form: PublishableForm): string {
  return form.isPublished?.() === false ? `${form.getEditUrl()} (not published yet: it takes no responses)` : form.getPublishedUrl();
}

/** A form made through the API accepts no responses until published; publishing a published form changes nothing. */
export function publish(form: PublishableForm): void {
  if (typeof form.setPublished === 'function' && !(form.isPublished?.() ?? false)) form.setPublished(true);
}

function record(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, properties: GoogleAppsScript.Properties.Properties, form: GoogleAppsScript.Forms.Form) {
  return recordForm(ss, properties, form, { property: FORM_ID_PROPERTY, id: 'partnerFormId', url: 'partnerFormUrl', editUrl: 'partnerFormEditUrl' });
}

/** A form's ID in a document property and its links in Settings (written only when they changed): the partner and application forms'. */
export function recordForm(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  properties: GoogleAppsScript.Properties.Properties,
  form: GoogleAppsScript.Forms.Form,
  keys: { property: string; id: SettingKey; url: SettingKey; editUrl: SettingKey },
): { formId: string; publishedUrl: string; editUrl: string } {
  const formId = form.getId();
  const publishedUrl = form.getPublishedUrl();
  const editUrl = form.getEditUrl();
  properties.setProperty(keys.property, formId);
  const current = readSettings(ss).settings;
  if (current[keys.id] !== formId || current[keys.url] !== publishedUrl || current[keys.editUrl] !== editUrl) {
    writeSettings(ss, { [keys.id]: formId, [keys.url]: publishedUrl, [keys.editUrl]: editUrl });
  }
  return { formId, publishedUrl, editUrl };
}

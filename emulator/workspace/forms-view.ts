import type { Emulator } from '../index';
import type { FormData } from '../services';
import { emailCollectionOf } from '../services/form-model';
import type { FormFieldError, FormQuestionView, FormSubmitRequest, FormSummary, FormTriggerRunView, FormView } from './api-types';
import { RequestError } from './http-util';

/**
 * The Google Forms in the emulator as a respondent meets them: the list the page
 * offers, each form's rendering model, and a submission through the emulator's own
 * respondent path (Emulator.submitForm: the live form's validation, the response
 * row in the destination sheet, then the onFormSubmit triggers).
 */
export const DEFAULT_CONFIRMATION = 'Your response has been recorded.';

export function formSummaries(emulator: Emulator): FormSummary[] {
  return emulator.services.forms.list().map((form) => summary(emulator, form));
}

function summary(emulator: Emulator, form: FormData): FormSummary {
  const store = emulator.services.forms;
  let destination: FormSummary['destination'] = null;
  if (form.destination) {
    const { spreadsheetId } = form.destination;
    const sheet = store.destinationSheet(form);
    destination = {
      spreadsheetId,
      spreadsheetName: emulator.store.byId.get(spreadsheetId)?.name ?? null,
      sheetName: sheet ? sheet.sheetName : null,
      isThisSpreadsheet: spreadsheetId === emulator.store.activeId,
    };
  }
  return {
    id: form.id,
    title: form.title,
    description: form.description,
    published: form.published,
    acceptingResponses: form.acceptingResponses,
    destination,
    // Responses a respondent or a script submitted (Form.getResponses()).
    responseCount: form.responses.length,
    publishedUrl: `https://docs.google.com/forms/d/e/${form.id}/viewform`,
  };
}

export function requireForm(emulator: Emulator, formId: string): FormData {
  const form = emulator.services.forms.get(formId);
  if (!form) throw new RequestError(404, `There is no form with ID ${formId}.`);
  return form;
}

export function formView(emulator: Emulator, formId: string): FormView {
  const form = requireForm(emulator, formId);
  return {
    ...summary(emulator, form),
    confirmationMessage: form.confirmationMessage || DEFAULT_CONFIRMATION,
    collectsEmail: emailCollectionOf(form) === 'RESPONDER_INPUT',
    verifiesEmail: emailCollectionOf(form) === 'VERIFIED',
    items: form.items.map((item): FormQuestionView => ({
      id: item.id,
      kind: item.kind,
      title: item.title,
      helpText: item.helpText,
      required: item.required,
      choices: item.choices.map((c) => c.value),
      otherOption: item.otherOption,
      validation: item.validation ? { rule: item.validation.rule, args: item.validation.args.slice(), helpText: item.validation.helpText } : null,
    })),
  };
}

/** Checks the JSON body of a submission: answers are text, as a browser posts them. */
export function parseSubmitRequest(body: Record<string, unknown>): FormSubmitRequest {
  const answers = body.answers === undefined ? {} : body.answers;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    throw new RequestError(400, '"answers" must be an object mapping question IDs to answers.');
  }
  for (const [key, value] of Object.entries(answers)) {
    if (typeof value !== 'string') throw new RequestError(400, `The answer to question ${key} must be text.`);
  }
  const email = body.respondentEmail;
  if (email !== undefined && typeof email !== 'string') throw new RequestError(400, '"respondentEmail" must be text.');
  return { answers: answers as Record<string, string>, ...(email !== undefined ? { respondentEmail: email } : {}) };
}

export type RespondentOutcome =
  | { accepted: true; responseId: string; confirmationMessage: string; written: { spreadsheetId: string; sheetName: string; row: number } | null; runs: FormTriggerRunView[] }
  | { accepted: false; errors: FormFieldError[] };

/**
 * A respondent presses Submit: exactly Emulator.submitForm, with the refusals placed beside their questions.
 * `account` is the Google account the person is signed in with ('' for an anonymous visitor): a form that
 * verifies email addresses records it.
 */
export function submitAsRespondent(emulator: Emulator, formId: string, request: FormSubmitRequest, account = ''): RespondentOutcome {
  const form = requireForm(emulator, formId);
  const result = emulator.submitForm(formId, request.answers, { ...(request.respondentEmail ? { respondentEmail: request.respondentEmail } : {}), ...(account ? { account } : {}) });
  if (!result.accepted) {
    return { accepted: false, errors: result.errors.map((error, index) => placeError(form, error, index)) };
  }
  return {
    accepted: true,
    responseId: result.responseId,
    confirmationMessage: form.confirmationMessage || DEFAULT_CONFIRMATION,
    written: result.row !== null && result.spreadsheetId !== null && result.sheetName !== null ? { spreadsheetId: result.spreadsheetId, sheetName: result.sheetName, row: result.row } : null,
    runs: result.runs.map((run) => ({ handler: run.handler, ok: run.ok, ...(run.ok ? {} : { error: run.error ?? 'The trigger failed.' }) })),
  };
}

/** FormStore reports errors by question title ('' for the whole form; "Email" first for the respondent's address). */
function placeError(form: FormData, error: { item: string; reason: string }, index: number): FormFieldError {
  if (error.item === '') return { itemId: null, field: 'form', title: '', reason: error.reason };
  if (emailCollectionOf(form) === 'RESPONDER_INPUT' && index === 0 && error.item === 'Email') return { itemId: null, field: 'email', title: 'Email', reason: error.reason };
  const item = form.items.find((i) => i.title === error.item) ?? form.items.find((i) => String(i.id) === error.item);
  if (item && error.reason !== 'No such question in this form') return { itemId: item.id, field: 'item', title: item.title, reason: error.reason };
  return { itemId: null, field: 'form', title: error.item, reason: error.reason };
}

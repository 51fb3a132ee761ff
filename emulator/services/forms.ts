/**
 * The emulator's FormApp, split by concern (this module is its entry point):
 * form-model.ts (data and answer validation), form-store.ts (forms, responses,
 * submission), form-objects.ts (FormApp and Form), form-items.ts (items,
 * choices, validation builders), form-responses.ts (responses).
 *
 * FormApp: forms with text, paragraph, list and multiple-choice items, a
 * spreadsheet destination, responses, and (uncounted, FormStore.submit) a way to
 * submit a response as a respondent would: validated like the live form, written
 * as a row of the destination's responses sheet, then the installable
 * onFormSubmit triggers fire (spreadsheet-bound and form-bound). Responses a
 * script submits (form.createResponse()…submit()) are recorded but fire nothing.
 *
 * A new form is unpublished (options.formsStartPublished): respondents are refused until
 * the script calls form.setPublished(true); isAcceptingResponses() is false meanwhile.
 */
export { ChoiceImpl, ItemImpl, ListItemImpl, MultipleChoiceItemImpl, ParagraphTextItemImpl, TextItemImpl, TextValidationBuilderImpl, TextValidationImpl } from './form-items';
export { NOT_PUBLISHED, UNPUBLISHED_OPERATION } from './form-model';
export type { FormData, FormSubmitResult, FormsState, ItemData, QuestionKind, ResponseData, SpreadsheetSubmitEventSpec, SubmitOptions, TextRule, TextValidationData } from './form-model';
export { FormAppImpl, FormImpl } from './form-objects';
export { FormResponseImpl, ItemResponseImpl } from './form-responses';
export { FormStore } from './form-store';

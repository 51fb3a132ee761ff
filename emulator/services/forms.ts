import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { AuthModeName } from '../core/execution';
import { ServiceObject, unwrap } from '../core/facade';
import { TriggerRegistry, TriggerRun } from '../triggers/registry';
import { CELL_TOO_LONG_MESSAGE, exceedsCellLimit } from '../spreadsheet/values';
import { DestinationType, ItemType, ItemTypeName, asGas, enumName } from './enums';

/**
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
export type QuestionKind = 'TEXT' | 'PARAGRAPH_TEXT' | 'LIST' | 'MULTIPLE_CHOICE';

export type TextRule =
  | 'EMAIL' | 'URL' | 'NUMBER' | 'WHOLE_NUMBER'
  | 'NUMBER_GT' | 'NUMBER_GTE' | 'NUMBER_LT' | 'NUMBER_LTE' | 'NUMBER_EQ' | 'NUMBER_NEQ' | 'NUMBER_BETWEEN' | 'NUMBER_NOT_BETWEEN'
  | 'LENGTH_GTE' | 'LENGTH_LTE' | 'CONTAINS' | 'NOT_CONTAINS' | 'MATCHES' | 'NOT_MATCHES';

export interface TextValidationData {
  rule: TextRule;
  args: Array<number | string>;
  helpText: string;
}

export interface ItemData {
  id: number;
  kind: QuestionKind;
  title: string;
  helpText: string;
  required: boolean;
  choices: Array<{ value: string; isCorrect: boolean }>;
  otherOption: boolean;
  validation: TextValidationData | null;
}

export interface ResponseData {
  id: string;
  timestamp: string;
  respondentEmail: string;
  answers: Array<{ itemId: number; response: string }>;
  /** True for form.createResponse().submit() (no trigger fires). */
  fromScript: boolean;
}

export interface FormData {
  id: string;
  title: string;
  description: string;
  confirmationMessage: string;
  collectEmail: boolean;
  /**
   * Whether the form takes responses now. Forced false while the form is unpublished (the
   * Forms API's PublishState: "If isPublished is set to false, this field is forced to false").
   */
  acceptingResponses: boolean;
  /**
   * Whether the form is published (visible to respondents). Workspaces saved before forms could
   * be unpublished lack it: their forms load as published.
   */
  published: boolean;
  owner: string;
  items: ItemData[];
  /**
   * Where responses go. The responses sheet is followed by its id, as Google does: a
   * person (or the add-on) may rename it and responses keep arriving. `sheetName` is
   * its name when last looked up; `sheetId` is absent in workspaces saved before it existed.
   */
  destination: { spreadsheetId: string; sheetName: string; sheetId?: number } | null;
  responses: ResponseData[];
}

export interface SpreadsheetSubmitEventSpec {
  formId: string;
  spreadsheetId: string;
  sheetName: string;
  sheetId?: number;
  row: number;
  headers: string[];
  displayValues: string[];
}

export interface FormsState {
  nextForm: number;
  nextItem: number;
  nextResponse: number;
  forms: FormData[];
  lastSpreadsheetEvent: SpreadsheetSubmitEventSpec | null;
}

export type FormSubmitResult =
  | {
    accepted: true;
    responseId: string;
    /** The response row in the destination sheet (null without a destination). */
    row: number | null;
    spreadsheetId: string | null;
    sheetName: string | null;
    /** Trigger firings caused by this submission, in order. */
    runs: TriggerRun[];
  }
  | { accepted: false; errors: Array<{ item: string; reason: string }> };

export interface SubmitOptions {
  /** Required when the form collects email addresses. */
  respondentEmail?: string;
  /** Timestamp of the response (default: ctx.clock.now()). */
  at?: Date;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^(https?:\/\/)?[^\s/$.?#]+\.[^\s]+$/i;
const NOT_ACCEPTING = 'This form is no longer accepting responses.';
/**
 * What a respondent is told when the form is not published. A GUESS: Google's wording for an
 * unpublished form could not be found; this follows the closed form's ("… is no longer accepting
 * responses. Try contacting the owner of the form if you think this is a mistake.").
 */
export const NOT_PUBLISHED = 'This form is not published, so it cannot accept responses. Try contacting the owner of the form if you think this is a mistake.';
/**
 * What Form.setAcceptingResponses and Form.getPublishedUrl throw on an unpublished form, as users
 * reported it (github.com/boilermaker-ben/Google-Sheets-NFL-Pick-Ems-and-Survivor-Pool/issues/26,
 * and comments in public Apps Script projects naming those two methods). UNVERIFIED by Google's
 * reference; options.formsUnpublishedOperationsThrow.
 */
export const UNPUBLISHED_OPERATION = 'Operation not supported on unpublished form';

function checkText(v: TextValidationData, answer: string): string | null {
  const n = Number(answer);
  const isNum = answer.trim() !== '' && Number.isFinite(n);
  const [a, b] = v.args as [number, number];
  let ok: boolean;
  let reason: string;
  switch (v.rule) {
    case 'EMAIL': ok = EMAIL_RE.test(answer.trim()); reason = 'Must be an email'; break;
    case 'URL': ok = URL_RE.test(answer.trim()); reason = 'Must be a URL'; break;
    case 'NUMBER': ok = isNum; reason = 'Must be a number'; break;
    case 'WHOLE_NUMBER': ok = isNum && Number.isInteger(n); reason = 'Must be a whole number'; break;
    case 'NUMBER_GT': ok = isNum && n > a; reason = `Must be a number greater than ${a}`; break;
    case 'NUMBER_GTE': ok = isNum && n >= a; reason = `Must be a number greater than or equal to ${a}`; break;
    case 'NUMBER_LT': ok = isNum && n < a; reason = `Must be a number less than ${a}`; break;
    case 'NUMBER_LTE': ok = isNum && n <= a; reason = `Must be a number less than or equal to ${a}`; break;
    case 'NUMBER_EQ': ok = isNum && n === a; reason = `Must be a number equal to ${a}`; break;
    case 'NUMBER_NEQ': ok = isNum && n !== a; reason = `Must be a number not equal to ${a}`; break;
    case 'NUMBER_BETWEEN': ok = isNum && n >= a && n <= b; reason = `Must be a number between ${a} and ${b}`; break;
    case 'NUMBER_NOT_BETWEEN': ok = isNum && (n < a || n > b); reason = `Must be a number not between ${a} and ${b}`; break;
    case 'LENGTH_GTE': ok = answer.length >= a; reason = `Must contain at least ${a} characters`; break;
    case 'LENGTH_LTE': ok = answer.length <= a; reason = `Must contain at most ${a} characters`; break;
    case 'CONTAINS': ok = answer.includes(String(a)); reason = `Must contain ${a}`; break;
    case 'NOT_CONTAINS': ok = !answer.includes(String(a)); reason = `Must not contain ${a}`; break;
    case 'MATCHES': ok = new RegExp(`^(?:${String(a)})$`).test(answer); reason = 'Must match pattern'; break;
    case 'NOT_MATCHES': ok = !new RegExp(`^(?:${String(a)})$`).test(answer); reason = 'Must not match pattern'; break;
    default: ok = true; reason = '';
  }
  return ok ? null : v.helpText || reason;
}

export class FormStore {
  private forms = new Map<string, FormData>();
  private nextForm = 1;
  private nextItem = 1;
  private nextResponse = 1;
  lastSpreadsheetEvent: SpreadsheetSubmitEventSpec | null = null;

  constructor(private readonly ctx: EmulatorContext, private readonly triggers: TriggerRegistry) {}

  /** A new form: unpublished (taking no responses) unless options.formsStartPublished. */
  create(title: string, owner: string): FormData {
    const id = `1EmuForm${String(this.nextForm++).padStart(8, '0')}`;
    const published = this.ctx.options.formsStartPublished;
    const form: FormData = {
      id, title, description: '', confirmationMessage: '', collectEmail: false, acceptingResponses: published, published,
      owner, items: [], destination: null, responses: [],
    };
    this.forms.set(id, form);
    return form;
  }

  get(id: string): FormData | undefined {
    return this.forms.get(id);
  }

  list(): FormData[] {
    return [...this.forms.values()];
  }

  /** Test helper: the form whose destination is this spreadsheet (latest linked). */
  byDestination(spreadsheetId: string): FormData | undefined {
    return this.list().reverse().find((f) => f.destination?.spreadsheetId === spreadsheetId);
  }

  newItemId(): number {
    return 100000000 + this.nextItem++;
  }

  /**
   * The responses sheet as it is now (renamed or not), or null when the form has no
   * destination or its sheet was deleted. Unverified: what Google does with responses
   * once the linked sheet is deleted; here they are still recorded in the form, with
   * no row and no spreadsheet trigger.
   */
  destinationSheet(form: FormData): { spreadsheetId: string; sheetName: string; sheetId?: number } | null {
    const d = form.destination;
    if (!d || !this.ctx.spreadsheets.exists(d.spreadsheetId)) return null;
    if (d.sheetId === undefined) {
      const id = this.ctx.spreadsheets.sheetIdByName(d.spreadsheetId, d.sheetName);
      if (id === null) return null;
      d.sheetId = id;
    }
    const name = this.ctx.spreadsheets.sheetNameById(d.spreadsheetId, d.sheetId);
    if (name === null) return null;
    d.sheetName = name;
    return d;
  }

  /**
   * Sheet.getFormUrl: the URL of the form whose responses this sheet receives (the latest
   * linked), or null. Google's reference says "the URL for the form"; the form's view URL
   * is used here (unverified which of its URLs Google returns).
   */
  formUrlOfSheet(spreadsheetId: string, sheetId: number): string | null {
    const form = this.list().reverse().find((f) => {
      const d = this.destinationSheet(f);
      return d !== null && d.spreadsheetId === spreadsheetId && d.sheetId === sheetId;
    });
    return form ? `https://docs.google.com/forms/d/${form.id}/viewform` : null;
  }

  /** Adds a column for each question the responses sheet lacks (items added or retitled after linking). */
  syncHeaders(form: FormData): void {
    const d = this.destinationSheet(form);
    if (d) this.ctx.spreadsheets.ensureHeaders(d.spreadsheetId, d.sheetName, this.headersFor(form));
  }

  /** The destination sheet's header row for the form's current questions. */
  headersFor(form: FormData): string[] {
    return ['Timestamp', ...(form.collectEmail ? ['Email Address'] : []), ...form.items.map((i) => i.title).filter((t) => t !== '')];
  }

  formFacade(form: FormData): GoogleAppsScript.Forms.Form {
    return new FormImpl(this.ctx, this, form)._api();
  }

  responseFacade(form: FormData, r: ResponseData): GoogleAppsScript.Forms.FormResponse {
    return new FormResponseImpl(this.ctx, this, form, r)._api();
  }

  private findItem(form: FormData, key: string): ItemData | undefined {
    return form.items.find((i) => i.title === key) ?? form.items.find((i) => String(i.id) === key);
  }

  /** What the live form would say about these answers; [] when they would be accepted. */
  validate(form: FormData, answers: Record<string, unknown>, respondentEmail?: string): Array<{ item: string; reason: string }> {
    const errors: Array<{ item: string; reason: string }> = [];
    if (!form.published) return [{ item: '', reason: NOT_PUBLISHED }];
    if (!form.acceptingResponses) return [{ item: '', reason: NOT_ACCEPTING }];
    if (form.collectEmail) {
      if (!respondentEmail) errors.push({ item: 'Email', reason: 'This is a required question' });
      else if (!EMAIL_RE.test(respondentEmail)) errors.push({ item: 'Email', reason: 'Must be a valid email address' });
    }
    for (const key of Object.keys(answers)) {
      if (!this.findItem(form, key)) errors.push({ item: key, reason: 'No such question in this form' });
    }
    for (const item of form.items) {
      const raw = Object.prototype.hasOwnProperty.call(answers, item.title) ? answers[item.title] : answers[String(item.id)];
      if (Array.isArray(raw)) {
        errors.push({ item: item.title, reason: 'Only one answer is allowed' });
        continue;
      }
      const answer = raw === undefined || raw === null ? '' : String(raw);
      // The answer lands in one cell of the responses sheet, which holds at most 50,000 characters.
      if (exceedsCellLimit(answer)) {
        errors.push({ item: item.title, reason: CELL_TOO_LONG_MESSAGE });
        continue;
      }
      if (answer.trim() === '') {
        if (item.required) errors.push({ item: item.title, reason: 'This is a required question' });
        continue;
      }
      if ((item.kind === 'TEXT' || item.kind === 'PARAGRAPH_TEXT') && item.validation) {
        const reason = checkText(item.validation, answer);
        if (reason) errors.push({ item: item.title, reason });
      }
      if (item.kind === 'TEXT' && /[\r\n]/.test(answer)) errors.push({ item: item.title, reason: 'Short answer text cannot contain line breaks' });
      if ((item.kind === 'LIST' || item.kind === 'MULTIPLE_CHOICE') && !item.choices.some((c) => c.value === answer)) {
        if (!(item.kind === 'MULTIPLE_CHOICE' && item.otherOption)) errors.push({ item: item.title, reason: 'Not one of the choices' });
      }
    }
    return errors;
  }

  /**
   * Records a response and writes its row; returns the response and where the row went. A row
   * Sheets would refuse (an answer over 50,000 characters) throws Google's message before
   * anything is recorded.
   */
  record(form: FormData, answers: Array<{ itemId: number; response: string }>, respondentEmail: string, at: Date, fromScript: boolean):
    { response: ResponseData; event: SpreadsheetSubmitEventSpec | null } {
    const response: ResponseData = {
      id: '',
      timestamp: at.toISOString(),
      respondentEmail: form.collectEmail ? respondentEmail : '',
      answers,
      fromScript,
    };
    const destination = this.destinationSheet(form);
    let written: { spreadsheetId: string; sheetName: string; sheetId?: number; headers: string[]; row: unknown[] } | null = null;
    if (destination) {
      const { spreadsheetId, sheetName, sheetId } = destination;
      const headers = this.headersFor(form);
      const byTitle = new Map<string, string>();
      for (const item of form.items) {
        const a = answers.find((x) => x.itemId === item.id);
        if (!byTitle.has(item.title) || a) byTitle.set(item.title, a ? a.response : '');
      }
      if ([...byTitle.values()].some((answer) => exceedsCellLimit(answer))) throw new AppsScriptException(CELL_TOO_LONG_MESSAGE);
      const sheetHeaders = this.ctx.spreadsheets.ensureHeaders(spreadsheetId, sheetName, headers);
      const row = sheetHeaders.map((h, i) => {
        if (i === 0 && h === 'Timestamp') return new Date(at.getTime());
        if (h === 'Email Address' && form.collectEmail) return response.respondentEmail;
        // Answers land as values, never as formulas: an answer starting with "=" is kept as text
        // (unverified how Google stores it; the event carries the answer as typed either way).
        const answer = byTitle.get(h) ?? '';
        return answer.startsWith('=') ? `'${answer}` : answer;
      });
      written = { spreadsheetId, sheetName, sheetId, headers: sheetHeaders, row };
    }
    response.id = `2_EmuResponse${String(this.nextResponse++).padStart(8, '0')}`;
    form.responses.push(response);
    let event: SpreadsheetSubmitEventSpec | null = null;
    if (written) {
      const { spreadsheetId, sheetName, sheetId, headers, row } = written;
      const appended = this.ctx.spreadsheets.appendRow(spreadsheetId, sheetName, row);
      event = { formId: form.id, spreadsheetId, sheetName, sheetId, row: appended.row, headers, displayValues: appended.displayValues };
    }
    return { response, event };
  }

  /** Builds the spreadsheet onFormSubmit event (without authMode / triggerUid). */
  spreadsheetEvent(spec: SpreadsheetSubmitEventSpec, blank = false): Record<string, unknown> {
    const values = spec.headers.map((_h, i) => (blank ? '' : spec.displayValues[i] ?? ''));
    const namedValues: Record<string, string[]> = {};
    spec.headers.forEach((h, i) => { namedValues[h] = [values[i]]; });
    return {
      namedValues,
      range: spec.sheetId === undefined
        ? this.ctx.spreadsheets.rangeFacade(spec.spreadsheetId, spec.sheetName, spec.row, 1, 1, spec.headers.length)
        : this.ctx.spreadsheets.rangeFacadeBySheetId(spec.spreadsheetId, spec.sheetId, { row: spec.row, column: 1, numRows: 1, numColumns: spec.headers.length }),
      values,
    };
  }

  private fireSpreadsheetTriggers(spec: SpreadsheetSubmitEventSpec, blank = false): TriggerRun[] {
    return this.triggers.list({ eventType: 'ON_FORM_SUBMIT', source: 'SPREADSHEETS', sourceId: spec.spreadsheetId })
      .map((t) => this.triggers.fire(t, this.spreadsheetEvent(spec, blank)));
  }

  /**
   * Submits a response as a respondent on the live form would. `answers` are keyed
   * by item title (or item id); values are strings. A submission the live form
   * would refuse is rejected with per-item reasons and changes nothing.
   */
  submit(formId: string, answers: Record<string, unknown>, options: SubmitOptions = {}): FormSubmitResult {
    const form = this.forms.get(formId);
    if (!form) throw new Error(`emulator: no form ${formId}`);
    const errors = this.validate(form, answers, options.respondentEmail);
    if (errors.length) return { accepted: false, errors };
    const list = form.items.flatMap((item) => {
      const raw = Object.prototype.hasOwnProperty.call(answers, item.title) ? answers[item.title] : answers[String(item.id)];
      const v = raw === undefined || raw === null ? '' : String(raw);
      return v === '' ? [] : [{ itemId: item.id, response: v }];
    });
    const { response, event } = this.record(form, list, options.respondentEmail ?? '', options.at ?? this.ctx.clock.now(), false);
    const runs: TriggerRun[] = [];
    if (event) {
      this.lastSpreadsheetEvent = event;
      runs.push(...this.fireSpreadsheetTriggers(event));
    }
    for (const t of this.triggers.list({ eventType: 'ON_FORM_SUBMIT', source: 'FORMS', sourceId: form.id })) {
      // Runs with the form's destination spreadsheet as its document (none without one).
      const documentId = form.destination?.spreadsheetId ?? null;
      runs.push(this.triggers.fire(t, { response: this.responseFacade(form, response), source: this.formFacade(form) }, undefined, { documentId }));
    }
    return {
      accepted: true, responseId: response.id, row: event?.row ?? null,
      spreadsheetId: event?.spreadsheetId ?? null, sheetName: event?.sheetName ?? null, runs,
    };
  }

  /**
   * Google sometimes fires a spreadsheet form-submit trigger twice for one response
   * (seconds apart, same row, occasionally blank). Re-fires the last one after
   * advancing the clock by `afterMs`.
   */
  fireDuplicateOfLastSubmit(options: { afterMs?: number; blank?: boolean } = {}): TriggerRun[] {
    const spec = this.lastSpreadsheetEvent;
    if (!spec) throw new Error('emulator: no form submission to duplicate');
    this.ctx.clock.advance(options.afterMs ?? 3000);
    return this.fireSpreadsheetTriggers(spec, options.blank ?? false);
  }

  clear(): void {
    this.forms.clear();
    this.lastSpreadsheetEvent = null;
  }

  save(): FormsState {
    return JSON.parse(JSON.stringify({
      nextForm: this.nextForm, nextItem: this.nextItem, nextResponse: this.nextResponse,
      forms: this.list(), lastSpreadsheetEvent: this.lastSpreadsheetEvent,
    })) as FormsState;
  }

  load(state: unknown): void {
    const s = (state ?? {}) as Partial<FormsState>;
    const forms = Array.isArray(s.forms) ? (JSON.parse(JSON.stringify(s.forms)) as FormData[]) : [];
    this.forms = new Map(forms.map((f) => [f.id, f]));
    // Saved before destinations kept the sheet id: link to the sheet that has the name now.
    for (const f of forms) {
      if (typeof f.published !== 'boolean') f.published = true;
      const d = f.destination;
      if (d && d.sheetId === undefined && this.ctx.spreadsheets.exists(d.spreadsheetId)) {
        d.sheetId = this.ctx.spreadsheets.sheetIdByName(d.spreadsheetId, d.sheetName) ?? undefined;
      }
    }
    this.nextForm = s.nextForm ?? forms.length + 1;
    this.nextItem = s.nextItem ?? 1;
    this.nextResponse = s.nextResponse ?? 1;
    this.lastSpreadsheetEvent = s.lastSpreadsheetEvent ?? null;
  }
}

/** Forms objects need full authorisation. */
abstract class FormsObject extends ServiceObject {
  override _requiredAuth(): AuthModeName {
    return 'FULL';
  }
}

export class FormAppImpl extends FormsObject implements Partial<GoogleAppsScript.Forms.FormApp> {
  constructor(private readonly _ctx: EmulatorContext, private readonly _store: FormStore) {
    super('FormApp', _ctx);
  }

  get ItemType(): typeof GoogleAppsScript.Forms.ItemType { return ItemType as unknown as typeof GoogleAppsScript.Forms.ItemType; }
  get DestinationType(): typeof GoogleAppsScript.Forms.DestinationType { return DestinationType as unknown as typeof GoogleAppsScript.Forms.DestinationType; }

  create(title: string): GoogleAppsScript.Forms.Form {
    if (title === undefined || title === null) throw new AppsScriptException('Invalid argument: title');
    return this._store.formFacade(this._store.create(String(title), this._ctx.executions.current().user));
  }

  openById(id: string): GoogleAppsScript.Forms.Form {
    const form = this._store.get(String(id));
    if (!form) throw new AppsScriptException('No item with the given ID could be found, or you do not have permission to access it.');
    return this._store.formFacade(form);
  }

  openByUrl(url: string): GoogleAppsScript.Forms.Form {
    const m = /\/forms\/d\/(?:e\/)?([^/]+)/.exec(String(url));
    if (!m) throw new AppsScriptException('Invalid argument: url');
    return this.openById(m[1]);
  }

  /** The script is bound to a spreadsheet, not a form. */
  getActiveForm(): GoogleAppsScript.Forms.Form {
    return null as unknown as GoogleAppsScript.Forms.Form;
  }

  createTextValidation(): GoogleAppsScript.Forms.TextValidationBuilder {
    return new TextValidationBuilderImpl(this._ctx)._api();
  }
}

export class FormImpl extends FormsObject implements Partial<GoogleAppsScript.Forms.Form> {
  constructor(private readonly _ctx: EmulatorContext, private readonly _store: FormStore, readonly _form: FormData) {
    super('Form', _ctx);
  }

  _id(): string {
    return this._form.id;
  }

  private _add(kind: QuestionKind): ItemData {
    const item: ItemData = { id: this._store.newItemId(), kind, title: '', helpText: '', required: false, choices: [], otherOption: false, validation: null };
    this._form.items.push(item);
    return item;
  }

  /** Items added (or retitled) after linking get a column in the responses sheet. */
  _syncHeaders(): void {
    this._store.syncHeaders(this._form);
  }

  getId(): string { return this._form.id; }
  getTitle(): string { return this._form.title; }
  setTitle(title: string): GoogleAppsScript.Forms.Form { this._form.title = String(title ?? ''); return this._api(); }
  getDescription(): string { return this._form.description; }
  setDescription(description: string): GoogleAppsScript.Forms.Form { this._form.description = String(description ?? ''); return this._api(); }
  getConfirmationMessage(): string { return this._form.confirmationMessage; }
  setConfirmationMessage(message: string): GoogleAppsScript.Forms.Form { this._form.confirmationMessage = String(message ?? ''); return this._api(); }
  collectsEmail(): boolean { return this._form.collectEmail; }

  setCollectEmail(collect: boolean): GoogleAppsScript.Forms.Form {
    this._form.collectEmail = Boolean(collect);
    this._syncHeaders();
    return this._api();
  }

  /** False while the form is unpublished (the Forms API forces it). */
  isAcceptingResponses(): boolean { return this._form.published && this._form.acceptingResponses; }

  /** On an unpublished form: throws (options.formsUnpublishedOperationsThrow), or changes nothing (it stays closed until published). */
  setAcceptingResponses(enabled: boolean): GoogleAppsScript.Forms.Form {
    if (!this._form.published) {
      this._refuseWhileUnpublished();
      return this._api();
    }
    this._form.acceptingResponses = Boolean(enabled);
    return this._api();
  }

  isPublished(): boolean { return this._form.published; }

  /**
   * Publishing opens the form to responses; unpublishing closes it (Forms API PublishState;
   * live Apps Script: "setPublished(false) closes a form to new responses, setPublished(true)
   * re-opens it", github.com/brucemcpherson/gas-fakes/issues/105). Publishing a form that is
   * already published changes nothing (unverified).
   */
  setPublished(enabled: boolean): GoogleAppsScript.Forms.Form {
    const publish = Boolean(enabled);
    if (publish && !this._form.published) {
      this._form.published = true;
      this._form.acceptingResponses = true;
    } else if (!publish) {
      this._form.published = false;
      this._form.acceptingResponses = false;
    }
    return this._api();
  }

  getPublishedUrl(): string {
    if (!this._form.published) this._refuseWhileUnpublished();
    return `https://docs.google.com/forms/d/e/${this._form.id}/viewform`;
  }

  _refuseWhileUnpublished(): void {
    if (this._ctx.options.formsUnpublishedOperationsThrow) throw new AppsScriptException(UNPUBLISHED_OPERATION);
  }

  getEditUrl(): string { return `https://docs.google.com/forms/d/${this._form.id}/edit`; }

  addTextItem(): GoogleAppsScript.Forms.TextItem { return new TextItemImpl(this._ctx, this._store, this._form, this._add('TEXT'))._api(); }
  addParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem { return new ParagraphTextItemImpl(this._ctx, this._store, this._form, this._add('PARAGRAPH_TEXT'))._api(); }
  addListItem(): GoogleAppsScript.Forms.ListItem { return new ListItemImpl(this._ctx, this._store, this._form, this._add('LIST'))._api(); }
  addMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem { return new MultipleChoiceItemImpl(this._ctx, this._store, this._form, this._add('MULTIPLE_CHOICE'))._api(); }

  getItems(itemType?: GoogleAppsScript.Forms.ItemType): GoogleAppsScript.Forms.Item[] {
    const type = itemType === undefined ? null : enumName(itemType, ItemType, 'itemType');
    return this._form.items.filter((i) => type === null || i.kind === type)
      .map((i) => new ItemImpl(this._ctx, this._store, this._form, i)._api<GoogleAppsScript.Forms.Item>());
  }

  getItemById(id: number): GoogleAppsScript.Forms.Item {
    const item = this._form.items.find((i) => i.id === Number(id));
    return (item ? new ItemImpl(this._ctx, this._store, this._form, item)._api() : null) as GoogleAppsScript.Forms.Item;
  }

  deleteItem(indexOrItem: number | GoogleAppsScript.Forms.Item): void {
    let index: number;
    if (typeof indexOrItem === 'number') index = indexOrItem;
    else {
      const item = unwrap(indexOrItem, ItemBase, 'item');
      index = this._form.items.findIndex((i) => i.id === item._item.id);
    }
    if (!Number.isInteger(index) || index < 0 || index >= this._form.items.length) throw new AppsScriptException('Invalid argument: index');
    this._form.items.splice(index, 1);
  }

  setDestination(type: GoogleAppsScript.Forms.DestinationType, id: string): GoogleAppsScript.Forms.Form {
    enumName(type, DestinationType, 'type');
    const spreadsheetId = String(id);
    if (!this._ctx.spreadsheets.exists(spreadsheetId)) throw new AppsScriptException('Invalid argument: id');
    const sheet = this._ctx.spreadsheets.addFormResponsesSheet(spreadsheetId, this._store.headersFor(this._form));
    this._form.destination = { spreadsheetId, sheetName: sheet.name, sheetId: sheet.sheetId };
    return this._api();
  }

  getDestinationId(): string {
    if (!this._form.destination) throw new AppsScriptException('This form does not currently have a response destination.');
    return this._form.destination.spreadsheetId;
  }

  getDestinationType(): GoogleAppsScript.Forms.DestinationType {
    if (!this._form.destination) throw new AppsScriptException('This form does not currently have a response destination.');
    return asGas(DestinationType.SPREADSHEET);
  }

  removeDestination(): GoogleAppsScript.Forms.Form {
    this._form.destination = null;
    return this._api();
  }

  getResponses(timestamp?: GoogleAppsScript.Base.Date): GoogleAppsScript.Forms.FormResponse[] {
    const since = timestamp === undefined ? -Infinity : (timestamp as unknown as Date).getTime();
    return this._form.responses.filter((r) => Date.parse(r.timestamp) >= since).map((r) => this._store.responseFacade(this._form, r));
  }

  getResponse(responseId: string): GoogleAppsScript.Forms.FormResponse {
    const r = this._form.responses.find((x) => x.id === String(responseId));
    if (!r) throw new AppsScriptException('Invalid argument: responseId');
    return this._store.responseFacade(this._form, r);
  }

  deleteAllResponses(): GoogleAppsScript.Forms.Form {
    this._form.responses = [];
    return this._api();
  }

  createResponse(): GoogleAppsScript.Forms.FormResponse {
    return new FormResponseImpl(this._ctx, this._store, this._form, null)._api();
  }
}

abstract class ItemBase<Self> extends FormsObject {
  constructor(gasType: string, protected readonly _ctx: EmulatorContext, protected readonly _store: FormStore, protected readonly _form: FormData, readonly _item: ItemData) {
    super(gasType, _ctx);
  }

  protected _sync(): void {
    this._store.syncHeaders(this._form);
  }

  getId(): number { return this._item.id; }
  getIndex(): number { return this._form.items.indexOf(this._item); }
  getTitle(): string { return this._item.title; }
  getHelpText(): string { return this._item.helpText; }
  getType(): GoogleAppsScript.Forms.ItemType { return asGas(ItemType[this._item.kind as ItemTypeName]); }

  setTitle(title: string): Self {
    this._item.title = String(title ?? '');
    this._sync();
    return this._api<Self>();
  }

  setHelpText(text: string): Self {
    this._item.helpText = String(text ?? '');
    return this._api<Self>();
  }
}

export class ItemImpl extends ItemBase<GoogleAppsScript.Forms.Item> implements Partial<GoogleAppsScript.Forms.Item> {
  constructor(ctx: EmulatorContext, store: FormStore, form: FormData, item: ItemData) {
    super('Item', ctx, store, form, item);
  }

  private _as(kind: QuestionKind): void {
    if (this._item.kind !== kind) throw new AppsScriptException(`Invalid conversion for item type: ${this._item.kind}`);
  }

  asTextItem(): GoogleAppsScript.Forms.TextItem { this._as('TEXT'); return new TextItemImpl(this._ctx, this._store, this._form, this._item)._api(); }
  asParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem { this._as('PARAGRAPH_TEXT'); return new ParagraphTextItemImpl(this._ctx, this._store, this._form, this._item)._api(); }
  asListItem(): GoogleAppsScript.Forms.ListItem { this._as('LIST'); return new ListItemImpl(this._ctx, this._store, this._form, this._item)._api(); }
  asMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem { this._as('MULTIPLE_CHOICE'); return new MultipleChoiceItemImpl(this._ctx, this._store, this._form, this._item)._api(); }
}

abstract class QuestionItemBase<Self> extends ItemBase<Self> {
  isRequired(): boolean { return this._item.required; }

  setRequired(enabled: boolean): Self {
    this._item.required = Boolean(enabled);
    return this._api<Self>();
  }

  protected _checkResponse(_response: string): void {
    // plain text items accept any string
  }

  createResponse(response: string): GoogleAppsScript.Forms.ItemResponse {
    const r = String(response ?? '');
    this._checkResponse(r);
    return new ItemResponseImpl(this._ctx, this._store, this._form, this._item, r)._api();
  }
}

export class TextItemImpl extends QuestionItemBase<GoogleAppsScript.Forms.TextItem> implements Partial<GoogleAppsScript.Forms.TextItem> {
  constructor(ctx: EmulatorContext, store: FormStore, form: FormData, item: ItemData) {
    super('TextItem', ctx, store, form, item);
  }

  setValidation(validation: GoogleAppsScript.Forms.TextValidation): GoogleAppsScript.Forms.TextItem {
    this._item.validation = { ...unwrap(validation, TextValidationImpl, 'validation')._data };
    return this._api();
  }

  clearValidation(): GoogleAppsScript.Forms.TextItem {
    this._item.validation = null;
    return this._api();
  }
}

export class ParagraphTextItemImpl extends QuestionItemBase<GoogleAppsScript.Forms.ParagraphTextItem> implements Partial<GoogleAppsScript.Forms.ParagraphTextItem> {
  constructor(ctx: EmulatorContext, store: FormStore, form: FormData, item: ItemData) {
    super('ParagraphTextItem', ctx, store, form, item);
  }

  clearValidation(): GoogleAppsScript.Forms.ParagraphTextItem {
    this._item.validation = null;
    return this._api();
  }
}

abstract class ChoiceItemBase<Self> extends QuestionItemBase<Self> {
  protected override _checkResponse(response: string): void {
    if (!this._item.choices.some((c) => c.value === response) && !this._item.otherOption) {
      throw new AppsScriptException(`Invalid response submitted to item: ${this._item.title}`);
    }
  }

  createChoice(value: string, isCorrect?: unknown): GoogleAppsScript.Forms.Choice {
    return new ChoiceImpl(this._ctx, String(value), typeof isCorrect === 'boolean' ? isCorrect : false)._api();
  }

  getChoices(): GoogleAppsScript.Forms.Choice[] {
    return this._item.choices.map((c) => new ChoiceImpl(this._ctx, c.value, c.isCorrect)._api<GoogleAppsScript.Forms.Choice>());
  }

  setChoiceValues(values: string[]): Self {
    if (!Array.isArray(values)) throw new AppsScriptException('Invalid argument: values');
    this._item.choices = values.map((v) => ({ value: String(v), isCorrect: false }));
    return this._api<Self>();
  }

  setChoices(choices: GoogleAppsScript.Forms.Choice[]): Self {
    if (!Array.isArray(choices)) throw new AppsScriptException('Invalid argument: choices');
    this._item.choices = choices.map((c) => {
      const impl = unwrap(c, ChoiceImpl, 'choices');
      return { value: impl._value, isCorrect: impl._correct };
    });
    return this._api<Self>();
  }
}

export class ListItemImpl extends ChoiceItemBase<GoogleAppsScript.Forms.ListItem> implements Partial<GoogleAppsScript.Forms.ListItem> {
  constructor(ctx: EmulatorContext, store: FormStore, form: FormData, item: ItemData) {
    super('ListItem', ctx, store, form, item);
  }
}

export class MultipleChoiceItemImpl extends ChoiceItemBase<GoogleAppsScript.Forms.MultipleChoiceItem> implements Partial<GoogleAppsScript.Forms.MultipleChoiceItem> {
  constructor(ctx: EmulatorContext, store: FormStore, form: FormData, item: ItemData) {
    super('MultipleChoiceItem', ctx, store, form, item);
  }

  showOtherOption(enabled: boolean): GoogleAppsScript.Forms.MultipleChoiceItem {
    this._item.otherOption = Boolean(enabled);
    return this._api();
  }

  hasOtherOption(): boolean {
    return this._item.otherOption;
  }
}

export class ChoiceImpl extends FormsObject implements Partial<GoogleAppsScript.Forms.Choice> {
  constructor(ctx: EmulatorContext, readonly _value: string, readonly _correct: boolean) {
    super('Choice', ctx);
  }

  getValue(): string { return this._value; }
  isCorrectAnswer(): boolean { return this._correct; }
}

export class TextValidationImpl extends FormsObject {
  constructor(ctx: EmulatorContext, readonly _data: TextValidationData) {
    super('TextValidation', ctx);
  }
}

export class TextValidationBuilderImpl extends FormsObject implements Partial<GoogleAppsScript.Forms.TextValidationBuilder> {
  private _rule: TextRule | null = null;
  private _args: Array<number | string> = [];
  private _help = '';

  constructor(private readonly _ctx: EmulatorContext) {
    super('TextValidationBuilder', _ctx);
  }

  private _set(rule: TextRule, ...args: Array<number | string>): GoogleAppsScript.Forms.TextValidationBuilder {
    this._rule = rule;
    this._args = args;
    return this._api();
  }

  requireTextIsEmail() { return this._set('EMAIL'); }
  requireTextIsUrl() { return this._set('URL'); }
  requireNumber() { return this._set('NUMBER'); }
  requireWholeNumber() { return this._set('WHOLE_NUMBER'); }
  requireNumberGreaterThan(n: number) { return this._set('NUMBER_GT', Number(n)); }
  requireNumberGreaterThanOrEqualTo(n: number) { return this._set('NUMBER_GTE', Number(n)); }
  requireNumberLessThan(n: number) { return this._set('NUMBER_LT', Number(n)); }
  requireNumberLessThanOrEqualTo(n: number) { return this._set('NUMBER_LTE', Number(n)); }
  requireNumberEqualTo(n: number) { return this._set('NUMBER_EQ', Number(n)); }
  requireNumberNotEqualTo(n: number) { return this._set('NUMBER_NEQ', Number(n)); }
  requireNumberBetween(start: number, end: number) { return this._set('NUMBER_BETWEEN', Number(start), Number(end)); }
  requireNumberNotBetween(start: number, end: number) { return this._set('NUMBER_NOT_BETWEEN', Number(start), Number(end)); }
  requireTextLengthGreaterThanOrEqualTo(n: number) { return this._set('LENGTH_GTE', Number(n)); }
  requireTextLengthLessThanOrEqualTo(n: number) { return this._set('LENGTH_LTE', Number(n)); }
  requireTextContainsPattern(p: string) { return this._set('CONTAINS', String(p)); }
  requireTextDoesNotContainPattern(p: string) { return this._set('NOT_CONTAINS', String(p)); }
  requireTextMatchesPattern(p: string) { return this._set('MATCHES', String(p)); }
  requireTextDoesNotMatchPattern(p: string) { return this._set('NOT_MATCHES', String(p)); }

  setHelpText(text: string): GoogleAppsScript.Forms.TextValidationBuilder {
    this._help = String(text ?? '');
    return this._api();
  }

  build(): GoogleAppsScript.Forms.TextValidation {
    if (!this._rule) throw new AppsScriptException('The validation has no rule: call a require… method before build().');
    return new TextValidationImpl(this._ctx, { rule: this._rule, args: this._args.slice(), helpText: this._help })._api();
  }
}

export class ItemResponseImpl extends FormsObject implements Partial<GoogleAppsScript.Forms.ItemResponse> {
  constructor(private readonly _ctx: EmulatorContext, private readonly _store: FormStore, private readonly _form: FormData, readonly _item: ItemData, readonly _response: string) {
    super('ItemResponse', _ctx);
  }

  getItem(): GoogleAppsScript.Forms.Item {
    return new ItemImpl(this._ctx, this._store, this._form, this._item)._api();
  }

  getResponse(): string {
    return this._response;
  }
}

/** A recorded response, or (record null) a draft a script builds with createResponse(). */
export class FormResponseImpl extends FormsObject implements Partial<GoogleAppsScript.Forms.FormResponse> {
  private readonly _draft: Array<{ itemId: number; response: string }> = [];

  constructor(private readonly _ctx: EmulatorContext, private readonly _store: FormStore, private readonly _form: FormData, private _record: ResponseData | null) {
    super('FormResponse', _ctx);
  }

  private _answers(): Array<{ itemId: number; response: string }> {
    return this._record ? this._record.answers : this._draft;
  }

  getId(): string {
    return this._record ? this._record.id : (null as unknown as string);
  }

  getTimestamp(): GoogleAppsScript.Base.Date {
    return (this._record ? new Date(this._record.timestamp) : null) as unknown as GoogleAppsScript.Base.Date;
  }

  getRespondentEmail(): string {
    return this._record ? this._record.respondentEmail : '';
  }

  getItemResponses(): GoogleAppsScript.Forms.ItemResponse[] {
    return this._answers().flatMap((a) => {
      const item = this._form.items.find((i) => i.id === a.itemId);
      return item ? [new ItemResponseImpl(this._ctx, this._store, this._form, item, a.response)._api<GoogleAppsScript.Forms.ItemResponse>()] : [];
    });
  }

  getResponseForItem(item: GoogleAppsScript.Forms.Item): GoogleAppsScript.Forms.ItemResponse {
    const target = unwrap(item, ItemBase, 'item')._item;
    const a = this._answers().find((x) => x.itemId === target.id);
    return (a ? new ItemResponseImpl(this._ctx, this._store, this._form, target, a.response)._api() : null) as GoogleAppsScript.Forms.ItemResponse;
  }

  getEditResponseUrl(): string {
    return this._record ? `https://docs.google.com/forms/d/e/${this._form.id}/viewform?edit2=${this._record.id}` : '';
  }

  withItemResponse(response: GoogleAppsScript.Forms.ItemResponse): GoogleAppsScript.Forms.FormResponse {
    if (this._record) throw new AppsScriptException('This response has already been submitted.');
    const r = unwrap(response, ItemResponseImpl, 'response');
    const i = this._draft.findIndex((x) => x.itemId === r._item.id);
    if (i >= 0) this._draft.splice(i, 1);
    this._draft.push({ itemId: r._item.id, response: r._response });
    return this._api();
  }

  /** Script submission: recorded and written to the destination; fires no trigger. */
  submit(): GoogleAppsScript.Forms.FormResponse {
    if (this._record) throw new AppsScriptException('This response has already been submitted.');
    const { response } = this._store.record(this._form, this._draft.slice(), this._ctx.executions.current().user, this._ctx.clock.now(), true);
    this._record = response;
    return this._api();
  }
}

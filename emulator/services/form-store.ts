import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { TriggerRegistry, TriggerRun } from '../triggers/registry';
import { CELL_TOO_LONG_MESSAGE, exceedsCellLimit } from '../spreadsheet/values';
import {
  EMAIL_RE,
  FormData,
  FormSubmitResult,
  FormsState,
  ItemData,
  NOT_ACCEPTING,
  NOT_PUBLISHED,
  ResponseData,
  SIGN_IN_REQUIRED,
  SpreadsheetSubmitEventSpec,
  SubmitOptions,
  checkText,
  emailCollectionOf,
} from './form-model';
import { FormImpl } from './form-objects';
import { FormResponseImpl } from './form-responses';

export class FormStore {
  private forms = new Map<string, FormData>();
  private nextForm = 1;
  private nextItem = 1;
  private nextResponse = 1;
  lastSpreadsheetEvent: SpreadsheetSubmitEventSpec | null = null;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly triggers: TriggerRegistry,
  ) {}

  /** A new form: unpublished (taking no responses) unless options.formsStartPublished. */
  create(title: string, owner: string): FormData {
    const id = `1EmuForm${String(this.nextForm++).padStart(8, '0')}`;
    const published = this.ctx.options.formsStartPublished;
    const form: FormData = {
      id,
      title,
      description: '',
      confirmationMessage: '',
      collectEmail: false,
      emailCollection: 'DO_NOT_COLLECT',
      acceptingResponses: published,
      published,
      owner,
      items: [],
      destination: null,
      responses: [],
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
    return this.list()
      .reverse()
      .find((f) => f.destination?.spreadsheetId === spreadsheetId);
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
    const form = this.list()
      .reverse()
      .find((f) => {
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
  validate(form: FormData, answers: Record<string, unknown>, respondentEmail?: string, account?: string): Array<{ item: string; reason: string }> {
    const errors: Array<{ item: string; reason: string }> = [];
    if (!form.published) return [{ item: '', reason: NOT_PUBLISHED }];
    if (!form.acceptingResponses) return [{ item: '', reason: NOT_ACCEPTING }];
    const collection = emailCollectionOf(form);
    // Verified: the respondent's signed-in account is the address; no one may type another.
    if (collection === 'VERIFIED' && !account) return [{ item: '', reason: SIGN_IN_REQUIRED }];
    if (collection === 'RESPONDER_INPUT') {
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
  record(
    form: FormData,
    answers: Array<{ itemId: number; response: string }>,
    respondentEmail: string,
    at: Date,
    fromScript: boolean,
  ): { response: ResponseData; event: SpreadsheetSubmitEventSpec | null } {
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
    const values = spec.headers.map((_h, i) => (blank ? '' : (spec.displayValues[i] ?? '')));
    const namedValues: Record<string, string[]> = {};
    spec.headers.forEach((h, i) => {
      namedValues[h] = [values[i]];
    });
    return {
      namedValues,
      range:
        spec.sheetId === undefined
          ? this.ctx.spreadsheets.rangeFacade(spec.spreadsheetId, spec.sheetName, spec.row, 1, 1, spec.headers.length)
          : this.ctx.spreadsheets.rangeFacadeBySheetId(spec.spreadsheetId, spec.sheetId, { row: spec.row, column: 1, numRows: 1, numColumns: spec.headers.length }),
      values,
    };
  }

  private fireSpreadsheetTriggers(spec: SpreadsheetSubmitEventSpec, blank = false): TriggerRun[] {
    return this.triggers.list({ eventType: 'ON_FORM_SUBMIT', source: 'SPREADSHEETS', sourceId: spec.spreadsheetId }).map((t) => this.triggers.fire(t, this.spreadsheetEvent(spec, blank)));
  }

  /**
   * Submits a response as a respondent on the live form would. `answers` are keyed
   * by item title (or item id); values are strings. A submission the live form
   * would refuse is rejected with per-item reasons and changes nothing.
   */
  submit(formId: string, answers: Record<string, unknown>, options: SubmitOptions = {}): FormSubmitResult {
    const form = this.forms.get(formId);
    if (!form) throw new Error(`emulator: no form ${formId}`);
    const errors = this.validate(form, answers, options.respondentEmail, options.account);
    if (errors.length) return { accepted: false, errors };
    const list = form.items.flatMap((item) => {
      const raw = Object.prototype.hasOwnProperty.call(answers, item.title) ? answers[item.title] : answers[String(item.id)];
      const v = raw === undefined || raw === null ? '' : String(raw);
      return v === '' ? [] : [{ itemId: item.id, response: v }];
    });
    const collection = emailCollectionOf(form);
    const respondent = collection === 'VERIFIED' ? (options.account ?? '') : (options.respondentEmail ?? '');
    const { response, event } = this.record(form, list, respondent, options.at ?? this.ctx.clock.now(), false);
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
      accepted: true,
      responseId: response.id,
      row: event?.row ?? null,
      spreadsheetId: event?.spreadsheetId ?? null,
      sheetName: event?.sheetName ?? null,
      runs,
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
    return JSON.parse(
      JSON.stringify({
        nextForm: this.nextForm,
        nextItem: this.nextItem,
        nextResponse: this.nextResponse,
        forms: this.list(),
        lastSpreadsheetEvent: this.lastSpreadsheetEvent,
      }),
    ) as FormsState;
  }

  load(state: unknown): void {
    const s = (state ?? {}) as Partial<FormsState>;
    const forms = Array.isArray(s.forms) ? (JSON.parse(JSON.stringify(s.forms)) as FormData[]) : [];
    this.forms = new Map(forms.map((f) => [f.id, f]));
    // Saved before destinations kept the sheet id: link to the sheet that has the name now.
    for (const f of forms) {
      if (typeof f.published !== 'boolean') f.published = true;
      f.emailCollection = emailCollectionOf(f);
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

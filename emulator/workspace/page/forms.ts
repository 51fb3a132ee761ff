import type { FormSubmitRequest, FormSubmitResponse, FormSummary, FormView } from '../api-types';
import { h, replaceChildren } from './dom';
import { QuestionControl, acceptanceText, closedText, destinationText, emailQuestion, placeFor, renderQuestion, setError, showFormError } from './form-questions';

/**
 * The Google Forms in the emulator, answered as a respondent would: a panel beside
 * the grid lists them; opening one renders it like the live form (title,
 * description, questions with their labels, required asterisks, help text) and
 * Submit goes through the emulator's respondent path. Refusals appear beside their
 * question in Google's words; an accepted response shows Google's confirmation,
 * and the grid refreshes so the person sees the row (and whatever the add-on's
 * onFormSubmit trigger wrote) arrive. Everything is built as text nodes.
 */
export interface FormsCallbacks {
  loadForm(id: string): Promise<FormView>;
  submit(id: string, request: FormSubmitRequest): Promise<FormSubmitResponse>;
  /** After an accepted submission: redraw the spreadsheet (the response row, what the triggers wrote). */
  afterSubmit(result: Extract<FormSubmitResponse, { accepted: true }>): Promise<void>;
  /** Switch the grid to a tab (the responses tab). */
  showSheet(name: string): void;
  onError(title: string, message: string): void;
}

type Accepted = Extract<FormSubmitResponse, { accepted: true }>;

export class FormsPanel {
  private forms: FormSummary[] = [];
  private shown = '';
  private view: { kind: 'list' } | { kind: 'form'; form: FormView } | { kind: 'done'; form: FormView } = { kind: 'list' };
  private readonly body: HTMLElement;
  private readonly heading: HTMLElement;
  private submitting = false;

  constructor(
    private readonly button: HTMLButtonElement,
    private readonly panel: HTMLElement,
    private readonly callbacks: FormsCallbacks,
  ) {
    const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close forms' }, '×');
    close.addEventListener('click', () => this.close());
    this.heading = h('h2', { id: 'forms-panel-title', tabindex: '-1' }, 'Forms');
    this.body = h('div', { class: 'forms-body' });
    replaceChildren(panel, h('div', { class: 'panel-header' }, this.heading, close), this.body);
    panel.setAttribute('aria-labelledby', 'forms-panel-title');
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        this.close();
      }
    });
    button.setAttribute('aria-controls', panel.id);
    button.setAttribute('aria-expanded', 'false');
    button.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()));
  }

  /** The forms in the emulator changed (or the state was redrawn). */
  update(forms: FormSummary[]): void {
    this.forms = forms;
    replaceChildren(this.button, 'Forms ', h('span', { class: 'count', 'aria-label': `${forms.length} ${forms.length === 1 ? 'form' : 'forms'}` }, String(forms.length)));
    // Redraw the list only when it changed (the person may be tabbing through it), and never
    // a form the person is filling in.
    if (!this.panel.hidden && this.view.kind === 'list' && JSON.stringify(forms) !== this.shown) this.renderList();
  }

  open(): void {
    if (this.view.kind === 'list') this.renderList();
    this.panel.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.heading.focus();
  }

  close(): void {
    // Hidden, not destroyed: answers typed so far are still there when it reopens.
    this.panel.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    this.button.focus();
  }

  // ---- the list ------------------------------------------------------------------------

  private renderList(): void {
    this.view = { kind: 'list' };
    this.shown = JSON.stringify(this.forms);
    replaceChildren(this.heading, 'Forms');
    if (this.forms.length === 0) {
      replaceChildren(this.body, h('p', { class: 'muted forms-empty' }, 'No form yet. Forms the add-on creates with FormApp.create appear here, ready to be answered as a respondent would.'));
      return;
    }
    const cards = this.forms.map((form) => {
      const open = h('button', { type: 'button', class: 'primary forms-open', 'aria-label': `Open “${form.title || 'Untitled form'}”` }, 'Open form');
      open.addEventListener('click', () => void this.openForm(form.id));
      return h(
        'li',
        { class: 'forms-card' },
        h('h3', {}, form.title || 'Untitled form'),
        form.description ? h('p', { class: 'forms-card-description' }, form.description) : null,
        h('p', { class: 'forms-meta' }, destinationText(form), ' · ', `${form.responseCount} ${form.responseCount === 1 ? 'response' : 'responses'}`, ' · ', acceptanceText(form)),
        open,
      );
    });
    replaceChildren(
      this.body,
      h('p', { class: 'muted' }, 'Answer a form as a partner would: the form checks the answers, the response row lands in its sheet, and the onFormSubmit triggers run.'),
      h('ul', { class: 'forms-list', 'aria-label': 'Forms' }, ...cards),
    );
  }

  private async openForm(id: string): Promise<void> {
    let form: FormView;
    try {
      form = await this.callbacks.loadForm(id);
    } catch (e) {
      this.callbacks.onError('Could not open the form', e instanceof Error ? e.message : String(e));
      return;
    }
    this.renderForm(form);
    // Like arriving on the form's page: reading starts at its title; Tab reaches the first question.
    document.getElementById('gform-title')?.focus();
  }

  private backButton(): HTMLButtonElement {
    const back = h('button', { type: 'button', class: 'link-button forms-back' }, '← All forms');
    back.addEventListener('click', () => {
      this.renderList();
      this.heading.focus();
    });
    return back;
  }

  // ---- the form, as the live form renders it ------------------------------------------

  private renderForm(form: FormView): void {
    this.view = { kind: 'form', form };
    replaceChildren(this.heading, form.title || 'Untitled form');
    const header = h(
      'div',
      { class: 'gform-card gform-header' },
      h('h3', { class: 'gform-title', id: 'gform-title', tabindex: '-1' }, form.title || 'Untitled form'),
      form.description ? h('p', { class: 'gform-description' }, form.description) : null,
      form.acceptingResponses && (form.collectsEmail || form.items.some((i) => i.required))
        ? h('p', { class: 'gform-required-note' }, h('span', { class: 'gform-asterisk', 'aria-hidden': 'true' }, '*'), ' Indicates required question')
        : null,
    );
    if (!form.acceptingResponses) {
      replaceChildren(
        this.body,
        this.backButton(),
        h('div', { class: 'gform' }, header, h('div', { class: 'gform-card', role: 'status' }, ...closedText(form).map((line, i) => h('p', i ? { class: 'muted' } : {}, line)))),
      );
      return;
    }

    const questions = new Map<number, QuestionControl>();
    let email: QuestionControl | null = null;
    const cards: HTMLElement[] = [];
    if (form.collectsEmail) {
      email = emailQuestion();
      cards.push(email.card);
    }
    if (form.verifiesEmail) {
      cards.push(
        h(
          'div',
          { class: 'gform-card gform-account', 'data-testid': 'gform-account' },
          h('p', {}, 'This form records the email address of the Google account you are signed in with: the person chosen under "You are:".'),
        ),
      );
    }
    for (const item of form.items) {
      const question = renderQuestion(item);
      questions.set(item.id, question);
      cards.push(question.card);
    }
    const formError = h('div', { class: 'gform-form-error', role: 'alert', hidden: true });
    const submit = h('button', { type: 'submit', class: 'gform-submit' }, 'Submit');
    const clear = h('button', { type: 'button', class: 'link-button gform-clear' }, 'Clear form');
    const element = h('form', { class: 'gform-form', novalidate: true, 'aria-labelledby': 'gform-title' }, ...cards, formError, h('div', { class: 'gform-actions' }, submit, clear));
    const all = (): QuestionControl[] => [...(email ? [email] : []), ...questions.values()];
    const clearErrors = () => {
      for (const q of all()) setError(q, null);
      formError.hidden = true;
      replaceChildren(formError);
    };
    clear.addEventListener('click', () => {
      element.reset();
      clearErrors();
    });
    element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit(form, { email, questions, formError, submit, clearErrors });
    });
    replaceChildren(this.body, this.backButton(), h('div', { class: 'gform' }, header, element));
  }

  private async submit(
    form: FormView,
    parts: { email: QuestionControl | null; questions: Map<number, QuestionControl>; formError: HTMLElement; submit: HTMLButtonElement; clearErrors(): void },
  ): Promise<void> {
    if (this.submitting) return;
    const answers: Record<string, string> = {};
    for (const [id, q] of parts.questions) answers[String(id)] = q.read();
    const request: FormSubmitRequest = { answers, ...(parts.email ? { respondentEmail: parts.email.read() } : {}) };
    this.submitting = true;
    parts.submit.disabled = true;
    replaceChildren(parts.submit, 'Submitting…');
    let result: FormSubmitResponse;
    try {
      result = await this.callbacks.submit(form.id, request);
    } catch (e) {
      parts.clearErrors();
      showFormError(parts.formError, `Your response could not be sent: ${e instanceof Error ? e.message : String(e)}`);
      return;
    } finally {
      this.submitting = false;
      parts.submit.disabled = false;
      replaceChildren(parts.submit, 'Submit');
    }
    parts.clearErrors();
    if (!result.accepted) {
      let first: { focus: HTMLElement; show: HTMLElement } | null = null;
      for (const error of result.errors) {
        const target = placeFor(error, parts);
        if (target) {
          setError(target, error.reason);
          first ??= { focus: target.focusTarget, show: target.card };
        } else {
          showFormError(parts.formError, error.title ? `${error.title}: ${error.reason}` : error.reason);
          first ??= { focus: parts.formError, show: parts.formError };
        }
      }
      if (first) {
        // The person lands on the first question to fix, with its title and error in view.
        first.focus.focus({ preventScroll: true });
        first.show.scrollIntoView({ block: 'nearest' });
      }
      // Refused: nothing was written, so there is nothing to redraw.
      return;
    }
    this.renderConfirmation(form, result);
    await this.callbacks.afterSubmit(result);
  }

  private renderConfirmation(form: FormView, result: Accepted): void {
    this.view = { kind: 'done', form };
    const another = h('a', { href: '#', class: 'gform-another' }, 'Submit another response');
    another.addEventListener('click', (event) => {
      event.preventDefault();
      void this.openForm(form.id);
    });
    const outcome: Node[] = [];
    if (result.written) {
      const { sheetName, row } = result.written;
      const show = h('button', { type: 'button', class: 'link-button' }, `Show ${sheetName}`);
      show.addEventListener('click', () => this.callbacks.showSheet(sheetName));
      outcome.push(h('p', {}, `Response written to row ${row} of ${sheetName}. `, show));
    } else {
      outcome.push(h('p', {}, 'This form has no response sheet: the response is kept in the form only.'));
    }
    if (result.runs.length === 0) outcome.push(h('p', { class: 'muted' }, 'No onFormSubmit trigger ran.'));
    else {
      outcome.push(
        h(
          'ul',
          { class: 'forms-runs', 'aria-label': 'onFormSubmit triggers' },
          ...result.runs.map((run) =>
            run.ok ? h('li', { class: 'ok' }, h('code', {}, run.handler), ' ran') : h('li', { class: 'failed' }, h('code', {}, run.handler), ` failed: ${run.error ?? 'unknown error'}`),
          ),
        ),
      );
    }
    const heading = h('h3', { class: 'gform-title', tabindex: '-1' }, form.title || 'Untitled form');
    replaceChildren(
      this.body,
      this.backButton(),
      h(
        'div',
        { class: 'gform' },
        h('div', { class: 'gform-card gform-header gform-confirmation', role: 'status' }, heading, h('p', { class: 'gform-confirmation-text' }, result.confirmationMessage), another),
        h('section', { class: 'forms-outcome', 'aria-label': 'In the spreadsheet' }, h('h4', {}, 'In the spreadsheet'), ...outcome),
      ),
    );
    heading.focus();
  }
}

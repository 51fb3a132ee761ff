import type { FormFieldError, FormQuestionView, FormSummary } from '../api-types';
import { append, h, replaceChildren } from './dom';

/** The form panel's pieces (forms.ts): each question rendered like the live form with how to read its answer, errors beside their question, and a form's status lines. */

const OTHER = '__other_option__';

/** One rendered question: how to read its answer, and where its error goes. */
export interface QuestionControl {
  /** The element focused when the question needs attention. */
  focusTarget: HTMLElement;
  /** Elements that get aria-invalid. */
  controls: HTMLElement[];
  card: HTMLElement;
  error: HTMLElement;
  read(): string;
}

export function acceptanceText(form: FormSummary): string {
  if (!form.published) return 'Not published (takes no responses)';
  return form.acceptingResponses ? 'Accepting responses' : 'Not accepting responses';
}

/** What a respondent sees on a form that takes no responses (the unpublished wording is the emulator's guess). */
export function closedText(form: FormSummary): string[] {
  const title = form.title || 'Untitled form';
  return [
    form.published ? `The form ${title} is no longer accepting responses.` : `The form ${title} is not published, so it cannot accept responses.`,
    'Try contacting the owner of the form if you think this is a mistake.',
  ];
}

export function destinationText(form: FormSummary): string {
  const d = form.destination;
  if (!d) return 'No response sheet';
  if (d.sheetName === null) return 'Response sheet deleted';
  return d.isThisSpreadsheet ? `Responses go to ${d.sheetName}` : `Responses go to ${d.sheetName} in ${d.spreadsheetName ?? d.spreadsheetId}`;
}

export function placeFor(error: FormFieldError, parts: { email: QuestionControl | null; questions: Map<number, QuestionControl> }): QuestionControl | null {
  if (error.field === 'email') return parts.email;
  if (error.field === 'item' && error.itemId !== null) return parts.questions.get(error.itemId) ?? null;
  return null;
}

export function showFormError(element: HTMLElement, message: string): void {
  element.hidden = false;
  element.setAttribute('tabindex', '-1');
  append(element, h('p', {}, message));
}

export function setError(q: QuestionControl, reason: string | null): void {
  q.card.classList.toggle('has-error', reason !== null);
  for (const c of q.controls) {
    if (reason === null) c.removeAttribute('aria-invalid');
    else c.setAttribute('aria-invalid', 'true');
  }
  if (reason === null) {
    q.error.hidden = true;
    replaceChildren(q.error);
  } else {
    q.error.hidden = false;
    replaceChildren(q.error, h('span', { class: 'gform-error-icon', 'aria-hidden': 'true' }, '!'), h('span', {}, reason));
  }
}

/** Google's red asterisk after a required question's title; outside the label (aria-required announces it). */
export function asterisk(required: boolean): HTMLElement | null {
  return required ? h('span', { class: 'gform-asterisk', 'aria-hidden': 'true' }, '*') : null;
}

/** The question's title as a real <label for> its control, then the asterisk. */
function labelRow(forId: string, title: string, required: boolean): HTMLElement {
  return h('div', { class: 'gform-label-row' }, h('label', { class: 'gform-label', for: forId }, title || 'Untitled Question'), asterisk(required));
}

export function emailQuestion(): QuestionControl {
  const id = 'gform-email';
  const input = h('input', { type: 'email', id, class: 'gform-input', autocomplete: 'email', 'aria-required': 'true', 'aria-describedby': `${id}-error`, placeholder: 'Your email' });
  const error = h('div', { class: 'gform-error', id: `${id}-error`, hidden: true });
  const card = h('div', { class: 'gform-card gform-question' }, labelRow(id, 'Email', true), input, error);
  const q: QuestionControl = { focusTarget: input, controls: [input], card, error, read: () => input.value };
  input.addEventListener('input', () => setError(q, null));
  return q;
}

export function renderQuestion(item: FormQuestionView): QuestionControl {
  const id = `gform-q-${item.id}`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [item.helpText ? helpId : '', errorId].filter(Boolean).join(' ');
  const help = item.helpText ? h('div', { class: 'gform-help', id: helpId }, item.helpText) : null;
  const error = h('div', { class: 'gform-error', id: errorId, hidden: true });
  const required = item.required ? 'true' : null;

  if (item.kind === 'MULTIPLE_CHOICE') {
    const radios: HTMLInputElement[] = [];
    const options = item.choices.map((choice, i) => {
      const radio = h('input', { type: 'radio', id: `${id}-${i}`, name: id, value: choice });
      radios.push(radio);
      return h('div', { class: 'gform-choice' }, radio, h('label', { for: `${id}-${i}` }, choice));
    });
    let otherText: HTMLInputElement | null = null;
    if (item.otherOption) {
      const radio = h('input', { type: 'radio', id: `${id}-other`, name: id, value: OTHER });
      otherText = h('input', { type: 'text', class: 'gform-input gform-other', 'aria-label': 'Other response' });
      radios.push(radio);
      const text = otherText;
      text.addEventListener('input', () => {
        if (text.value) radio.checked = true;
      });
      options.push(h('div', { class: 'gform-choice' }, radio, h('label', { for: `${id}-other` }, 'Other:'), text));
    }
    const group = h(
      'fieldset',
      { class: 'gform-card gform-question', role: 'radiogroup', 'aria-labelledby': `${id}-title`, 'aria-describedby': describedBy, 'aria-required': required },
      h('legend', { class: 'gform-label-row' }, h('span', { class: 'gform-label', id: `${id}-title` }, item.title || 'Untitled Question'), asterisk(item.required)),
      help,
      h('div', { class: 'gform-choices' }, ...options),
      error,
    );
    const q: QuestionControl = {
      focusTarget: radios[0] ?? group,
      controls: radios,
      card: group,
      error,
      read: () => {
        const checked = radios.find((r) => r.checked);
        if (!checked) return '';
        return checked.value === OTHER ? (otherText?.value ?? '') : checked.value;
      },
    };
    group.addEventListener('change', () => setError(q, null));
    return q;
  }

  const label = labelRow(id, item.title, item.required);
  let control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  if (item.kind === 'LIST') {
    control = h(
      'select',
      { id, class: 'gform-select', 'aria-required': required, 'aria-describedby': describedBy },
      h('option', { value: '' }, 'Choose'),
      ...item.choices.map((choice) => h('option', { value: choice }, choice)),
    );
  } else if (item.kind === 'PARAGRAPH_TEXT') {
    control = h('textarea', { id, class: 'gform-input gform-textarea', rows: 3, placeholder: 'Your answer', 'aria-required': required, 'aria-describedby': describedBy });
  } else {
    const email = item.validation?.rule === 'EMAIL';
    control = h('input', {
      type: 'text',
      id,
      class: 'gform-input',
      placeholder: 'Your answer',
      autocomplete: 'off',
      inputmode: email ? 'email' : item.validation?.rule.startsWith('NUMBER') || item.validation?.rule === 'WHOLE_NUMBER' ? 'decimal' : null,
      'aria-required': required,
      'aria-describedby': describedBy,
    });
  }
  const card = h('div', { class: 'gform-card gform-question' }, label, help, control, error);
  const q: QuestionControl = { focusTarget: control, controls: [control], card, error, read: () => control.value };
  control.addEventListener(item.kind === 'LIST' ? 'change' : 'input', () => setError(q, null));
  return q;
}

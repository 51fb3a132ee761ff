import { fill, h, uid } from '../dom';
import { sentence } from '../format';
import { banner, setBusy } from './feedback';
import { FieldErrors, FormModel, serverErrorBanner } from './form';

/**
 * An inline form that asks why before a refusal (dismissing a Form Inbox response, rejecting an
 * application): a required reason, checked on blur and on submit, sent with the view's call; the
 * server's answer shown in the view, or its error beside the field.
 */
export interface ReasonFormOptions {
  /** The form's FormModel name and its element ID's prefix. */
  name: string;
  ariaLabel: string;
  label: string;
  hint: string;
  rows: number;
  maxlength: number;
  /** Said when the reason is blank. */
  required: string;
  submitLabel: string;
  busyLabel: string;
  /** The view's server call with the trimmed reason. */
  send(reason: string): Promise<{ message: string }>;
  /** The view's busy flag: one call at a time. */
  busy: { get(): boolean; set(value: boolean): void };
  /** After the call succeeded (busy cleared): shows `done` and reloads the view. */
  after(done: HTMLElement): Promise<void>;
}

export function reasonForm(o: ReasonFormOptions): { el: HTMLFormElement; cancel: HTMLButtonElement; open(): void; close(): void } {
  const form = new FormModel(o.name);
  const problem = h('div');
  const submit = h('button', { type: 'submit', class: 'small' }, o.submitLabel);
  const cancel = h('button', { type: 'button', class: 'secondary small' }, 'Cancel');
  const el = h(
    'form',
    { class: 'move-form', novalidate: true, hidden: true, id: uid(o.name), 'aria-label': o.ariaLabel },
    form.textarea({ name: 'reason', label: o.label, required: true, rows: o.rows, maxlength: o.maxlength, hint: o.hint }),
    problem,
    h('div', { class: 'actions' }, submit, cancel),
  );
  const validate = (): FieldErrors => (form.get('reason').trim() ? {} : { reason: o.required });
  form.validateOnBlur(validate);
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    void send();
  });

  async function send(): Promise<void> {
    if (o.busy.get() || !form.validateAll(validate)) return;
    o.busy.set(true);
    setBusy(submit, o.busyLabel);
    try {
      const outcome = await o.send(form.get('reason').trim());
      o.busy.set(false);
      await o.after(banner('ok', h('p', null, sentence(outcome.message))));
    } catch (e) {
      fill(problem, serverErrorBanner(form, e));
      if (!form.focusFirstInvalid()) (problem.firstElementChild as HTMLElement | null)?.focus();
    } finally {
      o.busy.set(false);
      setBusy(submit, null);
    }
  }

  return {
    el,
    cancel,
    open() {
      fill(problem);
      form.focusFirst();
    },
    close() {
      form.reset();
      fill(problem);
    },
  };
}

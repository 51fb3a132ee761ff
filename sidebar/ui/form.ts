import { Child, fill, h, uid } from '../dom';
import { ServerError } from '../server';
import { banner, messageOf } from './feedback';
import { FormRules, check } from '../validate';

/**
 * Labelled form fields with an error slot each, and the bookkeeping forms
 * need: values, errors beside fields (aria-invalid + aria-describedby), focus
 * on the first invalid field, validation on blur of a touched field.
 * Forms are validated by the caller with the server's own zod schemas.
 */
export type FieldErrors = Record<string, string>;

interface FieldBase {
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
  /** What reset() restores; '' when omitted. */
  value?: string;
}

export interface InputSpec extends FieldBase {
  type?: 'text' | 'email' | 'date' | 'search';
  autocomplete?: string;
  inputmode?: 'text' | 'decimal' | 'url' | 'email';
  placeholder?: string;
  maxlength?: number;
}

export interface SelectSpec extends FieldBase {
  options: Array<[value: string, label: string]>;
}

export interface TextareaSpec extends FieldBase {
  rows?: number;
  maxlength?: number;
}

/** Anything focusable that holds a field's value (an input, a select, or a custom widget's input). */
export interface FieldControl {
  control: HTMLElement;
  get(): string;
  set(value: string): void;
}

interface FieldRef extends FieldControl {
  name: string;
  wrap: HTMLElement;
  label: HTMLLabelElement;
  error: HTMLElement;
  hintId: string | null;
  initial: string;
  touched: boolean;
}

export class FormModel {
  private readonly fields = new Map<string, FieldRef>();
  private validator: (() => FieldErrors) | null = null;

  constructor(private readonly prefix: string) {}

  input(spec: InputSpec): HTMLDivElement {
    const input = h('input', {
      id: uid(`${this.prefix}-${spec.name}`),
      name: spec.name,
      type: spec.type ?? 'text',
      autocomplete: spec.autocomplete ?? 'off',
      inputmode: spec.inputmode,
      placeholder: spec.placeholder,
      maxlength: spec.maxlength,
      spellcheck: spec.type === 'email' || spec.inputmode === 'url' ? 'false' : undefined,
    });
    return this.add(spec, { control: input, get: () => input.value, set: (v) => (input.value = v) });
  }

  select(spec: SelectSpec): HTMLDivElement {
    const select = h('select', { id: uid(`${this.prefix}-${spec.name}`), name: spec.name });
    setSelectOptions(select, spec.options);
    return this.add(spec, { control: select, get: () => select.value, set: (v) => (select.value = v) });
  }

  textarea(spec: TextareaSpec): HTMLDivElement {
    const area = h('textarea', { id: uid(`${this.prefix}-${spec.name}`), name: spec.name, rows: spec.rows ?? 3, maxlength: spec.maxlength });
    return this.add(spec, { control: area, get: () => area.value, set: (v) => (area.value = v) });
  }

  /** A custom widget whose `control` (an element with an id) is what the label points at. */
  custom(spec: FieldBase, field: FieldControl, body: Child): HTMLDivElement {
    return this.add(spec, field, body);
  }

  private add(spec: FieldBase, field: FieldControl, body: Child = field.control): HTMLDivElement {
    const id = field.control.id;
    const label = h('label', { for: id }, spec.label);
    if (spec.required) {
      label.append(h('span', { class: 'req', 'aria-hidden': 'true' }, ' *'));
      field.control.setAttribute('aria-required', 'true');
    }
    const hintId = spec.hint ? `${id}-hint` : null;
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const wrap = h('div', { class: 'field' }, label, body, error, hintId ? h('p', { class: 'hint', id: hintId }, spec.hint) : null);
    const ref: FieldRef = { ...field, name: spec.name, wrap, label, error, hintId, initial: spec.value ?? '', touched: false };
    ref.set(ref.initial);
    this.describe(ref);
    this.fields.set(spec.name, ref);
    const touch = () => {
      ref.touched = true;
      // Clear an error as soon as it is fixed; new errors wait for blur or submit.
      if (!ref.error.hidden && this.validator && !this.validator()[ref.name]) this.setError(ref.name, null);
    };
    field.control.addEventListener('input', touch);
    field.control.addEventListener('change', touch);
    field.control.addEventListener('blur', (event) => {
      // Focus going to one of the form's buttons: the submit checks everything anyway, and an
      // error appearing now would shift that button from under the pointer and lose the click.
      const next = (event as FocusEvent).relatedTarget as HTMLElement | null;
      if (next instanceof HTMLButtonElement && next.form === (field.control as HTMLInputElement).form) return;
      if (ref.touched && this.validator) this.setError(ref.name, this.validator()[ref.name] ?? null);
    });
    return wrap;
  }

  private describe(ref: FieldRef): void {
    const ids = [ref.error.hidden ? null : ref.error.id, ref.hintId].filter(Boolean).join(' ');
    if (ids) ref.control.setAttribute('aria-describedby', ids);
    else ref.control.removeAttribute('aria-describedby');
  }

  /** Checks a touched field when it loses focus (errors for untouched fields wait for submit). */
  validateOnBlur(validator: () => FieldErrors): void {
    this.validator = validator;
  }

  values(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, ref] of this.fields) out[name] = ref.get();
    return out;
  }

  get(name: string): string {
    return this.fields.get(name)?.get() ?? '';
  }

  set(name: string, value: string): void {
    this.fields.get(name)?.set(value);
  }

  setValues(values: Record<string, string>): void {
    for (const [name, value] of Object.entries(values)) this.set(name, value);
  }

  setLabel(name: string, text: string): void {
    const ref = this.fields.get(name);
    if (ref) ref.label.firstChild!.textContent = text;
  }

  setOptions(name: string, options: Array<[string, string]>): void {
    const ref = this.fields.get(name);
    if (ref && ref.control instanceof HTMLSelectElement) {
      const current = ref.control.value;
      setSelectOptions(ref.control, options);
      ref.control.value = options.some(([v]) => v === current) ? current : ref.initial;
    }
  }

  control(name: string): HTMLElement | null {
    return this.fields.get(name)?.control ?? null;
  }

  setError(name: string, message: string | null): void {
    const ref = this.fields.get(name);
    if (!ref) return;
    ref.error.textContent = message ?? '';
    ref.error.hidden = !message;
    ref.wrap.classList.toggle('invalid', Boolean(message));
    if (message) ref.control.setAttribute('aria-invalid', 'true');
    else ref.control.removeAttribute('aria-invalid');
    this.describe(ref);
  }

  /** Shows each error beside its field; returns the errors no field here owns. */
  showErrors(errors: FieldErrors): FieldErrors {
    this.clearErrors();
    const rest: FieldErrors = {};
    for (const [name, message] of Object.entries(errors)) {
      if (this.fields.has(name)) this.setError(name, message);
      else rest[name] = message;
    }
    return rest;
  }

  clearErrors(): void {
    for (const name of this.fields.keys()) this.setError(name, null);
  }

  /** Moves focus to the first field (in page order) showing an error; false if none does. */
  focusFirstInvalid(): boolean {
    for (const ref of this.fields.values()) {
      if (!ref.error.hidden) {
        ref.control.focus();
        return true;
      }
    }
    return false;
  }

  focusFirst(): void {
    this.fields.values().next().value?.control.focus();
  }

  /**
   * A submit's check: marks every field touched, then shows `validate`'s errors
   * beside their fields with focus on the first, or clears them. True when valid.
   */
  validateAll(validate: () => FieldErrors): boolean {
    this.touchAll();
    const errors = validate();
    if (Object.keys(errors).length) {
      this.showErrors(errors);
      this.focusFirstInvalid();
      return false;
    }
    this.clearErrors();
    return true;
  }

  /** Marks every field touched, so later blurs re-check them (after a submit). */
  touchAll(): void {
    for (const ref of this.fields.values()) ref.touched = true;
  }

  reset(): void {
    for (const ref of this.fields.values()) {
      ref.set(ref.initial);
      ref.touched = false;
    }
    this.clearErrors();
  }
}

export function setSelectOptions(select: HTMLSelectElement, options: Array<[string, string]>): void {
  select.replaceChildren(...options.map(([value, label]) => h('option', { value }, label)));
}

/**
 * A failed save: the server's field errors go beside their fields, and the
 * returned alert says what is left (without repeating a message already shown
 * beside a field).
 */
export function serverErrorBanner(form: FormModel | null, error: unknown): HTMLDivElement {
  const fieldErrors = error instanceof ServerError ? error.fieldErrors : {};
  const rest = form ? form.showErrors(fieldErrors) : { ...fieldErrors };
  const placed = Object.entries(fieldErrors)
    .filter(([k]) => !(k in rest))
    .map(([, m]) => m);
  let message = messageOf(error);
  if (placed.length && placed.every((m) => message.includes(m))) message = placed.length === 1 ? 'Check the highlighted field.' : 'Some fields need attention.';
  const extra = Object.values(rest).filter((m) => m !== message);
  return banner(
    'error',
    h('p', null, message),
    extra.length
      ? h(
          'ul',
          null,
          extra.map((m) => h('li', null, m)),
        )
      : null,
  );
}

/**
 * Checks a form's value with the server's own rules before sending it: errors
 * go beside their fields (any others into `problem`) and focus moves to the
 * first invalid field. Returns the parsed value, or null when something is wrong.
 */
export function checkForm(form: FormModel, rules: FormRules, value: unknown, problem: HTMLElement): unknown {
  form.touchAll();
  const checked = check(rules, value);
  if (!checked.ok) {
    const rest = form.showErrors(checked.errors);
    if (Object.keys(rest).length) fill(problem, banner('error', Object.values(rest).join(' ')));
    form.focusFirstInvalid();
    return null;
  }
  form.clearErrors();
  return checked.data;
}

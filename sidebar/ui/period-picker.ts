import type { PeriodKind, PeriodRequest } from '../../src/sidebar-api/contract';
import { fill, h, uid } from '../dom';
import { loading, setBusy } from './feedback';
import { serverErrorBanner } from './form';
import { periodChoices } from '../insights-format';

/**
 * The period the figures are for: a kind (month, quarter, year, custom) and, for the first three,
 * one of the recent ones; for custom, two dates and "Show". A change of kind or choice asks for
 * the figures at once (`onChange`); the server checks the period and says what is wrong with it.
 */
export class PeriodPicker {
  readonly el: HTMLElement;
  private readonly kind: HTMLSelectElement;
  private readonly choice: HTMLSelectElement;
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;
  private readonly choiceField: HTMLElement;
  private readonly customFields: HTMLElement;
  private today = '';

  constructor(private readonly onChange: (period: PeriodRequest) => void) {
    const ids = { kind: uid('period-kind'), choice: uid('period-choice'), from: uid('period-from'), to: uid('period-to') };
    this.kind = h(
      'select',
      { id: ids.kind, name: 'periodKind' },
      (['month', 'quarter', 'year', 'custom'] as const).map((k) => h('option', { value: k }, k[0].toUpperCase() + k.slice(1))),
    );
    this.choice = h('select', { id: ids.choice, name: 'period' });
    this.from = h('input', { id: ids.from, name: 'from', type: 'date' });
    this.to = h('input', { id: ids.to, name: 'to', type: 'date' });
    const show = h('button', { type: 'button', class: 'secondary small' }, 'Show');
    this.choiceField = h('div', { class: 'field' }, h('label', { for: ids.choice }, 'Which'), this.choice);
    this.customFields = h(
      'div',
      { hidden: true },
      h('div', { class: 'row2' }, h('div', { class: 'field' }, h('label', { for: ids.from }, 'From'), this.from), h('div', { class: 'field' }, h('label', { for: ids.to }, 'To'), this.to)),
      h('div', { class: 'actions period-show' }, show),
    );
    this.el = h(
      'div',
      { class: 'period-picker', role: 'group', 'aria-label': 'Period' },
      h('div', { class: 'row2' }, h('div', { class: 'field' }, h('label', { for: ids.kind }, 'Period'), this.kind), this.choiceField),
      this.customFields,
    );

    this.kind.addEventListener('change', () => {
      this.fillChoices();
      if (this.kind.value !== 'custom') this.onChange(this.value());
    });
    this.choice.addEventListener('change', () => this.onChange(this.value()));
    show.addEventListener('click', () => this.onChange(this.value()));
  }

  /** Sets the picker's "today" (the spreadsheet's), keeping the choice when it is still offered. */
  setToday(today: string): void {
    if (today === this.today) return;
    this.today = today;
    this.fillChoices();
  }

  /** Shows the period the server answered for (it may have normalised the one asked for). */
  setPeriod(period: PeriodRequest): void {
    this.kind.value = period.kind;
    this.fillChoices();
    if (period.kind === 'custom') {
      this.from.value = period.start;
      this.to.value = period.end ?? '';
    } else if (Array.from(this.choice.options).some((o) => o.value === period.start)) this.choice.value = period.start;
  }

  value(): PeriodRequest {
    const kind = this.kind.value as PeriodKind;
    if (kind === 'custom') return { kind, start: this.from.value, end: this.to.value };
    return { kind, start: this.choice.value };
  }

  private fillChoices(): void {
    const kind = this.kind.value as PeriodKind;
    const custom = kind === 'custom';
    this.choiceField.hidden = custom;
    this.customFields.hidden = !custom;
    if (custom || !this.today) return;
    const keep = this.choice.value;
    this.choice.replaceChildren(...periodChoices(kind, this.today).map((c) => h('option', { value: c.start }, c.label)));
    if (Array.from(this.choice.options).some((o) => o.value === keep)) this.choice.value = keep;
  }
}

/**
 * Loading a view's figures for a period (Insights, a scorecard): a status while the server works,
 * Refresh busy, the last call's answer only (a slow earlier one is dropped), and a refused period's
 * reasons in the status. `asked()` is the last period the server accepted (for Refresh and coming back).
 */
export function periodLoader<T>(parts: {
  status: HTMLElement;
  body: HTMLElement;
  refresh: HTMLButtonElement;
  working: () => string;
  fetch: (period: PeriodRequest | undefined) => Promise<T>;
  show: (view: T) => void;
}): { load: (period?: PeriodRequest) => Promise<void>; asked: () => PeriodRequest | undefined } {
  const { status, body, refresh } = parts;
  let asked: PeriodRequest | undefined;
  let request = 0;
  async function load(period?: PeriodRequest): Promise<void> {
    const mine = ++request;
    fill(status, loading(parts.working()));
    setBusy(refresh, 'Refreshing…');
    body.setAttribute('aria-busy', 'true');
    try {
      const view = await parts.fetch(period);
      if (mine !== request) return;
      asked = period;
      fill(status);
      parts.show(view);
    } catch (e) {
      if (mine !== request) return;
      // A refused period says what is wrong with it (the field errors under the message).
      fill(status, serverErrorBanner(null, e));
    } finally {
      if (mine === request) {
        setBusy(refresh, null);
        body.removeAttribute('aria-busy');
      }
    }
  }
  return { load, asked: () => asked };
}

import type { App } from '../app';
import { h, uid } from '../dom';
import { localIsoDate } from '../format';
import { FormModel } from '../ui/form';
import { InlinePanel } from '../ui/inline-panel';
import { payFormErrors } from './payout-display';

/** What the form needs from the Payouts view that holds it. */
export interface PayFormHost {
  isBusy(): boolean;
  /** Before the form opens (the view clears its selection problem). */
  opening(): void;
  /** The person submitted the form (the view checks the selection and the fields, then marks paid). */
  submitted(): void;
}

/**
 * "Mark selected paid…": an inline form for the payment reference and date,
 * checked here first (a real date, not after today in the spreadsheet's time
 * zone); the server checks both again.
 */
export class PayForm {
  readonly toggle = h('button', { type: 'button', class: 'secondary small' }, 'Mark selected paid…');
  readonly form = new FormModel('paid');
  readonly submit = h('button', { type: 'submit', class: 'small' }, 'Mark paid');
  readonly cancel = h('button', { type: 'button', class: 'secondary small' }, 'Cancel');
  readonly el = h(
    'form',
    { class: 'move-form pay-form', novalidate: true, 'aria-label': 'Mark the selected payouts paid', hidden: true, id: uid('pay-form') },
    this.form.input({ name: 'reference', label: 'Payment reference', required: true, maxlength: 200, hint: 'The bank or PayPal transfer reference, as on the statement.' }),
    this.form.input({ name: 'paidOn', label: 'Paid on', type: 'date', required: true }),
    h('div', { class: 'actions' }, this.submit, this.cancel),
  );
  readonly panel: InlinePanel;
  private today = localIsoDate(new Date());

  constructor(
    private readonly app: App,
    host: PayFormHost,
  ) {
    this.panel = new InlinePanel(this.toggle, this.el, {
      cancel: this.cancel,
      isBusy: () => host.isBusy(),
      onOpen: () => {
        host.opening();
        this.form.reset();
        this.form.set('paidOn', this.today);
        this.form.focusFirst();
        // Fresh: the sidebar may have been open since yesterday.
        void this.learnToday(true);
      },
      onClose: () => this.form.reset(),
    });
    this.el.addEventListener('submit', (e) => {
      e.preventDefault();
      e.stopPropagation();
      host.submitted();
    });
    this.form.validateOnBlur(() => this.errors());
  }

  errors(): Record<string, string> {
    return payFormErrors(this.form.get('reference'), this.form.get('paidOn'), this.today);
  }

  reference(): string {
    return this.form.get('reference').trim();
  }

  paidOn(): string {
    return this.form.get('paidOn').trim();
  }

  /** Today in the spreadsheet's time zone, once known (the browser's until then): the default and latest "paid on". */
  async learnToday(fresh = false): Promise<void> {
    try {
      const o = await this.app.options(fresh);
      if (o.today && o.today !== this.today) {
        if (!this.el.hidden && this.form.get('paidOn') === this.today) this.form.set('paidOn', o.today);
        this.today = o.today;
      }
    } catch {
      // Keep the browser's date; the server checks the date again.
    }
  }
}

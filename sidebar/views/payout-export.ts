import type { PayoutExportView, PayoutFilesView, PayoutResultsView } from '../../src/sidebar-api/contract';
import type { App } from '../app';
import { fill, h, uid } from '../dom';
import { plural } from '../format';
import { callServer } from '../server';
import { banner, messageOf, setBusy } from '../ui/feedback';

/** What the export needs from the Payouts view that holds it. */
export interface PayoutExportHost {
  /** The shown period's first day, or null before one is loaded. */
  periodStart(): string | null;
  /** The payouts ticked in the list (their IDs); none: every Approved payout of the period. */
  chosen(): string[];
  /** Whether the view is busy (one action at a time); the export marks it busy while it runs. */
  isBusy(): boolean;
  setBusy(busy: boolean): void;
  /** After the export: the view re-applies which buttons this person may use. */
  done(): void;
  /** After a result file marked payouts Paid: the view loads the period again. */
  reload(): void;
}

/**
 * The Payouts view's finance files: the approved payouts as one generic CSV (apiExportPayouts), as
 * the files PayPal and Wise upload as they are (apiExportPayoutFiles: one per method, the ticked
 * payouts or all Approved), and a provider's result file read back (apiImportPayoutResults: the
 * payouts it paid marked Paid, every other row listed with why).
 */
export class PayoutExport {
  readonly button = h('button', { type: 'button', class: 'secondary small' }, 'Export approved payouts (CSV)');
  readonly filesButton = h('button', { type: 'button', class: 'secondary small' }, 'Payout files for PayPal, Wise and bank');
  private readonly fileInput = h('input', { type: 'file', accept: '.csv,text/csv', id: uid('payout-results-file') });
  readonly importButton = h('button', { type: 'button', class: 'secondary small' }, 'Import result file');
  readonly result = h('div', { class: 'export-result' });
  readonly area = h(
    'div',
    { class: 'export-area' },
    h('div', { class: 'actions' }, this.filesButton, this.button),
    h(
      'div',
      { class: 'field' },
      h('label', { for: this.fileInput.id }, "Provider's result file (PayPal payouts report or Wise statement, CSV)"),
      this.fileInput,
      h('div', { class: 'actions' }, this.importButton),
    ),
    this.result,
  );

  constructor(
    private readonly app: App,
    private readonly host: PayoutExportHost,
  ) {
    this.button.addEventListener('click', () => void this.run());
    this.filesButton.addEventListener('click', () => void this.files());
    this.importButton.addEventListener('click', () => void this.importResults());
  }

  /** Runs one call with the view busy and the button marked; errors shown in the result area. */
  private async call<T>(button: HTMLButtonElement, busyText: string, request: () => Promise<T>): Promise<T | null> {
    if (this.host.isBusy()) return null;
    this.host.setBusy(true);
    fill(this.result);
    setBusy(button, busyText);
    try {
      return await request();
    } catch (e) {
      fill(this.result, banner('error', h('p', null, messageOf(e))));
      return null;
    } finally {
      this.host.setBusy(false);
      setBusy(button, null);
      this.host.done();
    }
  }

  private show(note: HTMLElement, said: string): void {
    fill(this.result, note);
    this.app.announce(said);
    note.focus();
  }

  private async run(): Promise<void> {
    const start = this.host.periodStart();
    if (!start) return;
    const done: PayoutExportView | null = await this.call(this.button, 'Exporting…', () => callServer('apiExportPayouts', start));
    if (!done) return this.button.focus();
    const note = banner(
      done.rows ? 'ok' : 'warn',
      h('p', { class: 'banner-title' }, done.rows ? `Exported ${plural(done.rows, 'approved payout')}` : 'No approved payouts to export'),
      h('p', null, 'File: ', h('span', { class: 'file-name' }, done.fileName)),
      done.url ? h('p', null, h('a', { href: done.url, target: '_blank', rel: 'noopener' }, 'Open the CSV file', h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'))) : null,
    );
    this.show(note, done.rows ? `Exported ${plural(done.rows, 'approved payout')} to ${done.fileName}.` : `No approved payouts to export; wrote ${done.fileName}.`);
  }

  private async files(): Promise<void> {
    const start = this.host.periodStart();
    if (!start) return;
    const chosen = this.host.chosen();
    const done: PayoutFilesView | null = await this.call(this.filesButton, 'Writing files…', () => callServer('apiExportPayoutFiles', start, chosen.length ? chosen : null));
    if (!done) return this.filesButton.focus();
    const count = done.files.reduce((n, f) => n + f.payouts, 0);
    const note = banner(
      done.notExported.length ? 'warn' : 'ok',
      h('p', { class: 'banner-title' }, `${plural(done.files.length, 'file')} with ${plural(count, 'payout')}`),
      h(
        'ul',
        { class: 'payout-files' },
        done.files.map((f) =>
          h(
            'li',
            { 'data-file': f.kind },
            h('a', { href: f.url, target: '_blank', rel: 'noopener' }, f.name, h('span', { class: 'visually-hidden' }, ' (opens in a new tab)')),
            ` · ${plural(f.payouts, 'payout')}, ${f.currency} ${f.total.toFixed(2)}`,
          ),
        ),
      ),
      done.noMethod.length ? h('p', null, `In the bank file without a payout method: ${done.noMethod.join(', ')}. Set their partners' Payout Method.`) : null,
      done.notExported.length
        ? h(
            'div',
            { class: 'not-exported' },
            h('p', null, `Not in any file (${done.notExported.length}):`),
            h(
              'ul',
              null,
              done.notExported.map((x) => h('li', null, x.reason)),
            ),
          )
        : null,
    );
    this.show(note, `Wrote ${plural(done.files.length, 'payout file')}${done.notExported.length ? `; ${plural(done.notExported.length, 'payout')} not exported, with why` : ''}.`);
  }

  private async importResults(): Promise<void> {
    const file = this.fileInput.files?.[0];
    if (!file) {
      fill(this.result, banner('error', h('p', null, "Choose the provider's result file first (a CSV file).")));
      this.fileInput.focus();
      return;
    }
    const text = await file.text();
    const done: PayoutResultsView | null = await this.call(this.importButton, 'Importing…', () => callServer('apiImportPayoutResults', file.name, text));
    if (!done) return this.importButton.focus();
    const note = banner(
      done.unmatched.length ? 'warn' : 'ok',
      h('p', { class: 'banner-title' }, `${done.provider}: ${plural(done.paid.length, 'payout')} marked paid`),
      done.alreadyPaid.length ? h('p', null, `Already paid with the same reference: ${done.alreadyPaid.join(', ')}.`) : null,
      done.unmatched.length
        ? h(
            'div',
            { class: 'unmatched' },
            h('p', null, `Not matched (${done.unmatched.length}); nothing was changed for them:`),
            h(
              'ul',
              null,
              done.unmatched.map((u) => h('li', null, `Line ${u.line}: ${u.reason}`)),
            ),
          )
        : null,
    );
    this.show(note, `${plural(done.paid.length, 'payout')} marked paid${done.unmatched.length ? `; ${plural(done.unmatched.length, 'row')} not matched` : ''}.`);
    if (done.paid.length) this.host.reload();
  }
}

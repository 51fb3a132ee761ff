import type { PayoutExportView } from '../../src/sidebar-api/contract';
import type { App } from '../app';
import { fill, h } from '../dom';
import { plural } from '../format';
import { callServer } from '../server';
import { banner, messageOf, setBusy } from '../ui/feedback';

/** What the export needs from the Payouts view that holds it. */
export interface PayoutExportHost {
  /** The shown period's first day, or null before one is loaded. */
  periodStart(): string | null;
  /** Whether the view is busy (one action at a time); the export marks it busy while it runs. */
  isBusy(): boolean;
  setBusy(busy: boolean): void;
  /** After the export: the view re-applies which buttons this person may use. */
  done(): void;
}

/** The Payouts view's finance export: the approved payouts of the period as a CSV file in Drive (apiExportPayouts). */
export class PayoutExport {
  readonly button = h('button', { type: 'button', class: 'secondary small' }, 'Export approved payouts (CSV)');
  readonly result = h('div', { class: 'export-result' });
  readonly area = h('div', { class: 'export-area' }, h('div', { class: 'actions' }, this.button), this.result);

  constructor(
    private readonly app: App,
    private readonly host: PayoutExportHost,
  ) {
    this.button.addEventListener('click', () => void this.run());
  }

  private async run(): Promise<void> {
    const start = this.host.periodStart();
    if (this.host.isBusy() || !start) return;
    this.host.setBusy(true);
    fill(this.result);
    setBusy(this.button, 'Exporting…');
    let done: PayoutExportView | null = null;
    try {
      done = await callServer('apiExportPayouts', start);
    } catch (e) {
      fill(this.result, banner('error', h('p', null, messageOf(e))));
    } finally {
      this.host.setBusy(false);
      setBusy(this.button, null);
      this.host.done();
    }
    if (!done) {
      this.button.focus();
      return;
    }
    const note = banner(
      done.rows ? 'ok' : 'warn',
      h('p', { class: 'banner-title' }, done.rows ? `Exported ${plural(done.rows, 'approved payout')}` : 'No approved payouts to export'),
      h('p', null, 'File: ', h('span', { class: 'file-name' }, done.fileName)),
      done.url ? h('p', null, h('a', { href: done.url, target: '_blank', rel: 'noopener' }, 'Open the CSV file', h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'))) : null,
    );
    fill(this.result, note);
    this.app.announce(done.rows ? `Exported ${plural(done.rows, 'approved payout')} to ${done.fileName}.` : `No approved payouts to export; wrote ${done.fileName}.`);
    note.focus();
  }
}

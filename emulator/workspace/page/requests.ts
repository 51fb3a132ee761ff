import type { RequestDetail, RequestSummary } from '../api-types';
import { h, replaceChildren } from './dom';

/**
 * What the add-on fetched with UrlFetchApp (webhook deliveries, the HubSpot sync), newest first:
 * time, method, URL and the answer; choosing one shows its headers (credentials hidden) and
 * payload. The workspace reaches only local addresses and the routes it was started with.
 */
export class RequestsDialog {
  private requests: RequestSummary[] = [];
  private readonly list: HTMLElement;
  private readonly detail: HTMLElement;

  constructor(
    private readonly button: HTMLButtonElement,
    private readonly dialog: HTMLDialogElement,
    private readonly load: (index: number) => Promise<RequestDetail>,
    private readonly onError: (message: string) => void,
  ) {
    const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close requests' }, '×');
    close.addEventListener('click', () => dialog.close());
    this.list = h('div', { class: 'outbox-list' });
    this.detail = h('section', { class: 'outbox-detail', 'aria-label': 'Request', hidden: true });
    replaceChildren(dialog, h('div', { class: 'panel-header' }, h('h2', { id: 'requests-title' }, 'Requests'), close), h('div', { class: 'outbox-body' }, this.list, this.detail));
    dialog.setAttribute('aria-labelledby', 'requests-title');
    button.addEventListener('click', () => {
      this.renderList();
      this.detail.hidden = true;
      dialog.showModal();
    });
  }

  update(requests: RequestSummary[]): void {
    this.requests = requests;
    replaceChildren(this.button, 'Requests ', h('span', { class: 'count', 'aria-label': `${requests.length} made` }, String(requests.length)));
    if (this.dialog.open) this.renderList();
  }

  private renderList(): void {
    if (this.requests.length === 0) {
      replaceChildren(this.list, h('p', { class: 'muted' }, 'No request has been made yet. What the add-on fetches with UrlFetchApp (webhook deliveries, the HubSpot sync) appears here.'));
      return;
    }
    const rows = [...this.requests].reverse().map((r) => {
      const open = h('button', { type: 'button', class: 'link-button' }, `${r.method} ${r.url}`);
      open.addEventListener('click', () => void this.show(r.index));
      return h('tr', {}, h('td', {}, formatTime(r.at)), h('td', {}, open), h('td', {}, answerOf(r)));
    });
    replaceChildren(
      this.list,
      h(
        'table',
        { class: 'outbox-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'At'), h('th', { scope: 'col' }, 'Request'), h('th', { scope: 'col' }, 'Answer'))),
        h('tbody', {}, ...rows),
      ),
    );
  }

  private async show(index: number): Promise<void> {
    let request: RequestDetail;
    try {
      request = await this.load(index);
    } catch (e) {
      this.onError(e instanceof Error ? e.message : String(e));
      return;
    }
    const field = (label: string, value: string) => (value ? [h('dt', {}, label), h('dd', {}, value)] : []);
    replaceChildren(
      this.detail,
      h('h3', {}, `${request.method} ${request.url}`),
      h(
        'dl',
        { class: 'mail-fields' },
        ...field('Answer', answerOf(request)),
        ...field('Sent to', request.sentTo && request.sentTo !== request.url ? request.sentTo : ''),
        ...field('As', request.user),
        ...field('At', formatTime(request.at)),
      ),
      h('h4', {}, 'Headers'),
      h('pre', { class: 'mail-text' }, request.headers.map((x) => `${x.name}: ${x.value}`).join('\n') || '(none)'),
      h('h4', {}, 'Payload'),
      h('pre', { class: 'mail-text' }, request.payload ?? '(none)'),
    );
    this.detail.hidden = false;
    this.detail.scrollIntoView({ block: 'nearest' });
  }
}

function answerOf(r: RequestSummary): string {
  return r.status !== null ? String(r.status) : `failed: ${r.error ?? 'no answer'}`;
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

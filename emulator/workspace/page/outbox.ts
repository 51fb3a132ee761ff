import type { OutboxMessage, OutboxSummary } from '../api-types';
import { h, replaceChildren } from './dom';

/**
 * Mail the add-on sent (MailApp), newest first: recipients, subject and time;
 * choosing one shows the whole message. HTML bodies render in a frame with
 * scripts and remote loads disabled.
 */
export class Outbox {
  private messages: OutboxSummary[] = [];
  private readonly list: HTMLElement;
  private readonly detail: HTMLElement;

  constructor(
    private readonly button: HTMLButtonElement,
    private readonly dialog: HTMLDialogElement,
    private readonly load: (index: number) => Promise<OutboxMessage>,
    private readonly onError: (message: string) => void,
  ) {
    const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close outbox' }, '×');
    close.addEventListener('click', () => dialog.close());
    this.list = h('div', { class: 'outbox-list' });
    this.detail = h('section', { class: 'outbox-detail', 'aria-label': 'Message', hidden: true });
    replaceChildren(dialog, h('div', { class: 'panel-header' }, h('h2', { id: 'outbox-title' }, 'Outbox'), close), h('div', { class: 'outbox-body' }, this.list, this.detail));
    dialog.setAttribute('aria-labelledby', 'outbox-title');
    button.addEventListener('click', () => {
      this.renderList();
      this.detail.hidden = true;
      dialog.showModal();
    });
  }

  update(messages: OutboxSummary[]): void {
    this.messages = messages;
    replaceChildren(this.button, 'Outbox ', h('span', { class: 'count', 'aria-label': `${messages.length} sent` }, String(messages.length)));
    if (this.dialog.open) this.renderList();
  }

  private renderList(): void {
    if (this.messages.length === 0) {
      replaceChildren(this.list, h('p', { class: 'muted' }, 'No email has been sent yet. Mail the add-on sends with MailApp appears here.'));
      return;
    }
    const rows = [...this.messages].reverse().map((m) => {
      const open = h('button', { type: 'button', class: 'link-button' }, m.subject || '(no subject)');
      open.addEventListener('click', () => void this.show(m.index));
      return h('tr', {}, h('td', {}, formatTime(m.sentAt)), h('td', {}, recipients(m)), h('td', {}, open));
    });
    replaceChildren(
      this.list,
      h(
        'table',
        { class: 'outbox-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Sent'), h('th', { scope: 'col' }, 'To'), h('th', { scope: 'col' }, 'Subject'))),
        h('tbody', {}, ...rows),
      ),
    );
  }

  private async show(index: number): Promise<void> {
    let message: OutboxMessage;
    try {
      message = await this.load(index);
    } catch (e) {
      this.onError(e instanceof Error ? e.message : String(e));
      return;
    }
    const field = (label: string, value: string) => (value ? [h('dt', {}, label), h('dd', {}, value)] : []);
    const parts: Node[] = [
      h('h3', {}, message.subject || '(no subject)'),
      h(
        'dl',
        { class: 'mail-fields' },
        ...field('From', message.from),
        ...field('To', message.to.join(', ')),
        ...field('Cc', message.cc.join(', ')),
        ...field('Bcc', message.bcc.join(', ')),
        ...field('Reply-To', message.replyTo ?? ''),
        ...field('Sent', formatTime(message.sentAt)),
      ),
    ];
    if (message.htmlBody !== null) {
      parts.push(h('h4', {}, 'HTML body'), h('iframe', { class: 'mail-html', sandbox: '', src: `/api/outbox/${index}/html`, title: `HTML body of “${message.subject}”` }));
    }
    parts.push(h('h4', {}, 'Plain-text body'), h('pre', { class: 'mail-text' }, message.body || '(empty)'));
    if (message.attachments.length > 0) {
      parts.push(h('h4', {}, 'Attachments'), h('ul', {}, ...message.attachments.map((a) => h('li', {}, `${a.name ?? '(unnamed)'} · ${a.contentType ?? 'unknown type'} · ${a.size} bytes`))));
    }
    replaceChildren(this.detail, ...parts);
    this.detail.hidden = false;
    this.detail.scrollIntoView({ block: 'nearest' });
  }
}

function recipients(m: OutboxSummary): string {
  const extra = m.cc.length + m.bcc.length;
  return m.to.join(', ') + (extra > 0 ? ` (+${extra} cc/bcc)` : '');
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

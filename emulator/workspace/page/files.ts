import type { DriveFileSummary, SpreadsheetReadView } from '../api-types';
import { api } from './api';
import { h, replaceChildren } from './dom';

/**
 * The files the add-on saved in the emulated Drive (DriveApp), newest first: name,
 * type, size and when it was created, each with a download link (the server sends it
 * as an attachment under its own name). Everything is built as text nodes.
 * A spreadsheet the add-on created (a partner sheet) is opened instead, as the person chosen in
 * People: its tabs, read-only, or Google's refusal when it is not shared with them.
 */
export class FilesDialog {
  private files: DriveFileSummary[] = [];
  private readonly list: HTMLElement;
  private readonly opened: HTMLElement;

  constructor(
    private readonly button: HTMLButtonElement,
    private readonly dialog: HTMLDialogElement,
  ) {
    const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close files' }, '×');
    close.addEventListener('click', () => dialog.close());
    this.list = h('div', { class: 'outbox-list' });
    this.opened = h('section', { class: 'opened-file', 'aria-live': 'polite' });
    replaceChildren(dialog, h('div', { class: 'panel-header' }, h('h2', { id: 'files-title' }, 'Files in Drive'), close), h('div', { class: 'outbox-body' }, this.list, this.opened));
    dialog.setAttribute('aria-labelledby', 'files-title');
    button.addEventListener('click', () => {
      this.renderList();
      dialog.showModal();
    });
  }

  update(files: DriveFileSummary[]): void {
    this.files = files;
    const live = files.filter((f) => !f.trashed).length;
    replaceChildren(this.button, 'Files ', h('span', { class: 'count', 'aria-label': `${live} ${live === 1 ? 'file' : 'files'}` }, String(live)));
    if (this.dialog.open) this.renderList();
  }

  private renderList(): void {
    if (this.files.length === 0) {
      replaceChildren(this.list, h('p', { class: 'muted' }, 'No files yet. Files the add-on saves to Drive (DriveApp.createFile) appear here.'));
      return;
    }
    const rows = [...this.files]
      .reverse()
      .map((f) =>
        h(
          'tr',
          { class: f.trashed ? 'trashed' : null },
          h(
            'td',
            {},
            f.openUrl ? this.openButton(f.name, f.openUrl) : h('a', { href: f.downloadUrl, download: f.name, class: 'file-link' }, f.name),
            f.trashed ? h('span', { class: 'muted' }, ' (in the trash)') : null,
          ),
          h('td', {}, f.mimeType),
          h('td', { class: 'number' }, formatSize(f.size)),
          h('td', {}, formatTime(f.createdAt)),
        ),
      );
    replaceChildren(
      this.list,
      h(
        'table',
        { class: 'outbox-table files-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Size'), h('th', { scope: 'col' }, 'Created'))),
        h('tbody', {}, ...rows),
      ),
    );
  }

  private openButton(name: string, openUrl: string): HTMLElement {
    const button = h('button', { type: 'button', class: 'link-button file-open' }, name);
    button.addEventListener('click', () => {
      replaceChildren(this.opened, h('p', { class: 'muted' }, `Opening ${name}…`));
      api.openFile(openUrl).then(
        (view) => this.showSpreadsheet(view),
        (e: unknown) => replaceChildren(this.opened, h('p', { class: 'error', role: 'alert' }, e instanceof Error ? e.message : String(e))),
      );
    });
    return button;
  }

  /** The spreadsheet's tabs as the person sees them: one tab at a time, view-only when they may not edit. */
  private showSpreadsheet(view: SpreadsheetReadView, index = 0): void {
    const tabs = view.sheets.map((s, i) => {
      const tab = h('button', { type: 'button', class: i === index ? 'pill-button active' : 'pill-button', 'aria-pressed': String(i === index) }, s.name);
      tab.addEventListener('click', () => this.showSpreadsheet(view, i));
      return tab;
    });
    const sheet = view.sheets[index];
    const rows = sheet ? sheet.rows : [];
    const grid = h(
      'table',
      { class: 'outbox-table opened-grid', 'aria-label': sheet ? `${view.name}: ${sheet.name}` : view.name },
      h('tbody', {}, ...rows.map((r, i) => h('tr', {}, ...r.map((c) => h(i === 0 ? 'th' : 'td', {}, c))))),
    );
    replaceChildren(
      this.opened,
      h('h3', {}, view.name),
      h('p', { class: 'muted' }, `Opened as ${view.person}${view.canEdit ? '' : ' (view only)'}.`),
      h('div', { class: 'opened-tabs' }, ...tabs),
      grid,
    );
  }
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

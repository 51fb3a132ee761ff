import type { DriveFileSummary } from '../api-types';
import { h, replaceChildren } from './dom';

/**
 * The files the add-on saved in the emulated Drive (DriveApp), newest first: name,
 * type, size and when it was created, each with a download link (the server sends it
 * as an attachment under its own name). Everything is built as text nodes.
 */
export class FilesDialog {
  private files: DriveFileSummary[] = [];
  private readonly list: HTMLElement;

  constructor(
    private readonly button: HTMLButtonElement,
    private readonly dialog: HTMLDialogElement,
  ) {
    const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close files' }, '×');
    close.addEventListener('click', () => dialog.close());
    this.list = h('div', { class: 'outbox-list' });
    replaceChildren(dialog, h('div', { class: 'panel-header' }, h('h2', { id: 'files-title' }, 'Files in Drive'), close), h('div', { class: 'outbox-body' }, this.list));
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
          h('td', {}, h('a', { href: f.downloadUrl, download: f.name, class: 'file-link' }, f.name), f.trashed ? h('span', { class: 'muted' }, ' (in the trash)') : null),
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

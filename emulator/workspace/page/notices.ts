import type { AlertView, ToastView } from '../api-types';
import { h, replaceChildren } from './dom';

/**
 * What the script says to the person: toasts in the corner (Spreadsheet.toast)
 * and one modal dialog at a time (Ui.alert/prompt, refused edits, script errors),
 * queued so none is lost. Dialogs resolve when the person dismisses them.
 */
const BUTTON_LABELS: Record<string, string> = { OK: 'OK', CANCEL: 'Cancel', YES: 'Yes', NO: 'No', CLOSE: 'Close' };
const BUTTONS_OF: Record<string, string[]> = { OK: ['OK'], OK_CANCEL: ['OK', 'CANCEL'], YES_NO: ['YES', 'NO'], YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'] };

export interface MessageDialog {
  title: string;
  message: string;
  tone: 'info' | 'error';
  note?: string;
  buttons?: string[];
}

export class Notices {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly toastRegion: HTMLElement,
    private readonly dialog: HTMLDialogElement,
  ) {}

  toast(toast: ToastView): void {
    const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss notification' }, '×');
    const element = h('div', { class: 'toast', role: 'status' }, h('div', { class: 'toast-text' }, toast.title ? h('strong', {}, toast.title) : null, h('span', {}, toast.message)), close);
    const remove = () => element.remove();
    close.addEventListener('click', remove);
    this.toastRegion.appendChild(element);
    // Negative timeouts stay until dismissed (Spreadsheet.toast).
    if (toast.timeoutSeconds >= 0) setTimeout(remove, Math.max(1, toast.timeoutSeconds) * 1000);
  }

  alert(alert: AlertView): Promise<number> {
    const buttons = BUTTONS_OF[alert.buttons] ?? ['OK'];
    const automatic = buttons.length > 1 || alert.kind === 'prompt';
    return this.show({
      title: alert.title || 'Partnership Tracker',
      message: alert.prompt,
      tone: 'info',
      buttons: buttons.map((b) => BUTTON_LABELS[b] ?? b),
      note: automatic
        ? `The script already received “${BUTTON_LABELS[alert.answer] ?? alert.answer}”${alert.kind === 'prompt' ? ' with empty text' : ''}: the local workspace answers dialogs with the first button (tests can queue other answers).`
        : undefined,
    });
  }

  /** Resolves with the index of the button the person chose, or -1 when they pressed Escape. */
  show(message: MessageDialog): Promise<number> {
    const shown = this.queue.then(() => this.display(message));
    this.queue = shown.then(
      () => undefined,
      () => undefined,
    );
    return shown;
  }

  private display(message: MessageDialog): Promise<number> {
    const dialog = this.dialog;
    const labels = message.buttons && message.buttons.length > 0 ? message.buttons : ['OK'];
    const buttons = labels.map((label, i) => h('button', { type: 'button', class: i === 0 ? 'primary' : 'secondary' }, label));
    replaceChildren(
      dialog,
      h(
        'div',
        { class: `message-dialog ${message.tone}` },
        h('h2', { id: 'message-dialog-title' }, message.title),
        h('p', { class: 'message-text', id: 'message-dialog-text' }, message.message),
        message.note ? h('p', { class: 'message-note' }, message.note) : null,
        h('div', { class: 'dialog-actions' }, ...buttons),
      ),
    );
    dialog.setAttribute('aria-labelledby', 'message-dialog-title');
    dialog.setAttribute('aria-describedby', 'message-dialog-text');
    dialog.setAttribute('role', message.tone === 'error' ? 'alertdialog' : 'dialog');
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return new Promise<number>((resolve) => {
      const done = (choice: number) => {
        dialog.removeEventListener('close', onClose);
        if (dialog.open) dialog.close();
        if (returnFocus && returnFocus.isConnected) returnFocus.focus();
        resolve(choice);
      };
      const onClose = () => done(-1);
      buttons.forEach((button, i) => button.addEventListener('click', () => done(i)));
      dialog.addEventListener('close', onClose);
      dialog.showModal();
      buttons[0].focus();
    });
  }
}

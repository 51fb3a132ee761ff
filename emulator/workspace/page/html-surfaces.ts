import type { HtmlSurfaceView } from '../api-types';
import { CHANNEL, isFrameToPage, PageToFrame, ServerReply } from '../shim/protocol';
import type { Transferable } from '../transfer';
import { replaceChildren } from './dom';

/**
 * The add-on's HTML as Sheets hosts it: the sidebar in a 300 px panel on the
 * right, dialogs centred over the sheet. Each is a sandboxed iframe without
 * same-origin (like Google's), so its google.script shim talks to this page by
 * postMessage; the page forwards google.script.run calls to the server and
 * answers google.script.host requests.
 */
export interface SurfaceElements {
  container: HTMLElement;
  title: HTMLElement;
  closeButton: HTMLButtonElement;
  frame: HTMLIFrameElement;
}

export interface SurfaceCallbacks {
  run(name: string, args: Transferable[]): Promise<ServerReply>;
  focusEditor(): void;
}

const DEFAULT_DIALOG_SIZE = { width: 600, height: 400 };

export class HtmlSurfaces {
  constructor(
    private readonly sidebar: SurfaceElements,
    private readonly dialog: SurfaceElements & { container: HTMLDialogElement },
    private readonly callbacks: SurfaceCallbacks,
  ) {
    sidebar.closeButton.addEventListener('click', () => this.closeSidebar());
    dialog.closeButton.addEventListener('click', () => this.closeDialog());
    dialog.container.addEventListener('close', () => this.unload(dialog.frame));
    window.addEventListener('message', (event) => this.onMessage(event));
  }

  showSidebar(view: HtmlSurfaceView): void {
    replaceChildren(this.sidebar.title, view.title || 'Add-on');
    this.sidebar.frame.title = `${view.title || 'Add-on'} sidebar`;
    this.sidebar.frame.src = view.src;
    this.sidebar.container.hidden = false;
  }

  get sidebarOpen(): boolean {
    return !this.sidebar.container.hidden;
  }

  /** Hides the sidebar and unloads its page; focus goes back to the grid unless `refocus` is false. */
  closeSidebar(refocus = true): void {
    this.sidebar.container.hidden = true;
    this.unload(this.sidebar.frame);
    if (refocus) this.callbacks.focusEditor();
  }

  showDialog(view: HtmlSurfaceView): void {
    const { container, frame, title } = this.dialog;
    replaceChildren(title, view.title || 'Add-on');
    frame.title = view.title || 'Add-on dialog';
    frame.style.width = `${view.width ?? DEFAULT_DIALOG_SIZE.width}px`;
    frame.style.height = `${view.height ?? DEFAULT_DIALOG_SIZE.height}px`;
    frame.src = view.src;
    if (container.open) container.close();
    if (view.kind === 'modal') container.showModal();
    else container.show();
  }

  closeDialog(): void {
    if (this.dialog.container.open) this.dialog.container.close();
    this.unload(this.dialog.frame);
  }

  private unload(frame: HTMLIFrameElement): void {
    frame.src = 'about:blank';
  }

  private onMessage(event: MessageEvent): void {
    const source = event.source as Window | null;
    if (!source || !isFrameToPage(event.data)) return;
    const fromSidebar = source === this.sidebar.frame.contentWindow;
    const fromDialog = source === this.dialog.frame.contentWindow;
    if (!fromSidebar && !fromDialog) return;
    const message = event.data;
    if (message.kind === 'run') {
      void this.callbacks.run(message.name, message.args).then((reply) => {
        const answer: PageToFrame = { channel: CHANNEL, kind: 'reply', id: message.id, reply };
        // The frame's origin is opaque (sandboxed), so it cannot be named as a target.
        source.postMessage(answer, '*');
      });
      return;
    }
    switch (message.action) {
      case 'close':
        if (fromSidebar) this.closeSidebar();
        else this.closeDialog();
        return;
      case 'focusEditor':
        this.callbacks.focusEditor();
        return;
      case 'setHeight':
      case 'setWidth':
        // Sheets keeps sidebars 300 px wide and full height; dialogs resize.
        if (fromDialog && typeof message.value === 'number' && message.value > 0) {
          this.dialog.frame.style[message.action === 'setHeight' ? 'height' : 'width'] = `${Math.round(message.value)}px`;
        }
        return;
    }
  }
}

/**
 * A panel that a toggle button opens in place (an inline form or a
 * confirmation): aria-expanded and the pressed look on the toggle, a Cancel
 * button and Escape to close it (not while busy), focus back on the toggle.
 */
export interface InlinePanelOptions {
  /** Closes the panel, focus going back to the toggle. */
  cancel?: HTMLButtonElement;
  /** While true, Escape does nothing (an action is under way). */
  isBusy(): boolean;
  /** Once the panel is shown: clear old problems, fill in defaults, move focus into it. */
  onOpen(): void;
  /** Before the panel is hidden: e.g. reset its form. */
  onClose?(): void;
}

export class InlinePanel {
  constructor(
    private readonly toggle: HTMLButtonElement,
    private readonly panel: HTMLElement,
    private readonly o: InlinePanelOptions,
  ) {
    toggle.setAttribute('aria-controls', panel.id);
    toggle.setAttribute('aria-expanded', 'false');
    toggle.addEventListener('click', () => {
      if (panel.hidden) this.open();
      else this.close(true);
    });
    o.cancel?.addEventListener('click', () => this.close(true));
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !o.isBusy()) {
        e.preventDefault();
        this.close(true);
      }
    });
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  open(): void {
    this.panel.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
    this.toggle.classList.add('pressed');
    this.o.onOpen();
  }

  /** Hides the panel (if open); `returnFocus` puts focus back on the toggle. */
  close(returnFocus: boolean): void {
    if (this.panel.hidden) return;
    this.o.onClose?.();
    this.panel.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
    this.toggle.classList.remove('pressed');
    if (returnFocus) this.toggle.focus();
  }
}

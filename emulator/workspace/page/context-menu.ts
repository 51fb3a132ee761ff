import { h, replaceChildren } from './dom';

/**
 * A right-click menu, as Sheets shows on row numbers and tabs: opened by the
 * mouse (at the pointer) or the keyboard (the Menu key or Shift+F10, at the
 * element). Arrow keys, Home and End move; Enter or Space chooses; Escape or
 * Tab closes, and focus goes back where it was.
 */
export type ContextMenuItem = { label: string; action: () => void; disabled?: boolean } | 'separator';

export class ContextMenu {
  private readonly element: HTMLElement;
  private returnFocus: HTMLElement | null = null;

  constructor() {
    this.element = h('div', { class: 'menu context-menu', role: 'menu', hidden: true });
    document.body.appendChild(this.element);
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    // The browser's own menu (the Menu key's contextmenu event lands on the focused item) would cover this one.
    this.element.addEventListener('contextmenu', (event) => event.preventDefault());
    document.addEventListener('mousedown', (event) => {
      if (!this.element.hidden && !this.element.contains(event.target as Node)) this.close(false);
    });
    window.addEventListener('blur', () => this.close(false));
    window.addEventListener('resize', () => this.close(false));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Opens the menu with its top-left corner at `at` (viewport pixels), kept inside the window. */
  open(label: string, items: ContextMenuItem[], at: { x: number; y: number }, returnFocus: HTMLElement | null): void {
    this.returnFocus = returnFocus;
    this.element.setAttribute('aria-label', label);
    const entries = items.map((item) => {
      if (item === 'separator') return h('div', { class: 'menu-separator', role: 'separator' });
      const button = h('button', { type: 'button', class: 'menu-item', role: 'menuitem', tabindex: -1, disabled: item.disabled === true }, item.label);
      button.addEventListener('click', () => {
        this.close(true);
        item.action();
      });
      button.addEventListener('mouseenter', () => button.focus());
      return button;
    });
    replaceChildren(this.element, ...entries);
    this.element.hidden = false;
    const { width, height } = this.element.getBoundingClientRect();
    this.element.style.left = `${Math.max(4, Math.min(at.x, window.innerWidth - width - 4))}px`;
    this.element.style.top = `${Math.max(4, Math.min(at.y, window.innerHeight - height - 4))}px`;
    this.items()[0]?.focus();
  }

  close(refocus: boolean): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    replaceChildren(this.element);
    const target = this.returnFocus;
    this.returnFocus = null;
    if (refocus && target?.isConnected) target.focus();
  }

  private items(): HTMLButtonElement[] {
    return Array.from(this.element.querySelectorAll<HTMLButtonElement>('button.menu-item:not([disabled])'));
  }

  private onKey(event: KeyboardEvent): void {
    const items = this.items();
    const current = items.indexOf(document.activeElement as HTMLButtonElement);
    switch (event.key) {
      case 'ArrowDown':
        items[(current + 1) % items.length]?.focus();
        break;
      case 'ArrowUp':
        items[(current - 1 + items.length) % items.length]?.focus();
        break;
      case 'Home':
        items[0]?.focus();
        break;
      case 'End':
        items[items.length - 1]?.focus();
        break;
      case 'Escape':
        this.close(true);
        break;
      case 'Tab':
        this.close(true);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }
}

/** Whether a key opens a context menu: the Menu key, or Shift+F10. */
export function isContextMenuKey(event: KeyboardEvent): boolean {
  return event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);
}

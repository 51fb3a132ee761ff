import type { MenuView } from '../api-types';
import type { MenuEntry } from '../../services/ui';
import { h, replaceChildren } from './dom';

/**
 * The menu bar as the script's onOpen left it: the add-on menu under
 * Extensions › <add-on name>, and any custom menus as top-level menus. Built from
 * the recorded menus only. Keyboard: arrows move and open submenus, Enter or
 * Space chooses, Escape closes one level.
 */
export interface MenuChoice {
  caption: string;
  functionName: string;
}

interface Popup {
  element: HTMLElement;
  /** The button that opens it. */
  trigger: HTMLButtonElement;
  parent: Popup | null;
}

export class MenuBar {
  private readonly tops: HTMLButtonElement[] = [];
  private readonly popups = new Map<HTMLElement, Popup>();
  private open: Popup[] = [];

  constructor(
    private readonly bar: HTMLElement,
    private readonly onChoose: (choice: MenuChoice) => void,
  ) {
    document.addEventListener('mousedown', (event) => {
      if (!this.bar.contains(event.target as Node)) this.closeAll(false);
    });
  }

  update(menus: MenuView[]): void {
    this.closeAll(false);
    this.tops.length = 0;
    this.popups.clear();
    const addon = menus.find((m) => m.kind === 'addon');
    const extensionItems: MenuEntry[] = addon ? [{ type: 'submenu', caption: addon.caption, items: addon.items }] : [];
    const entries: HTMLElement[] = [this.topMenu('Extensions', extensionItems, 'No add-on menu: onOpen has not added one.')];
    for (const menu of menus.filter((m) => m.kind === 'custom')) entries.push(this.topMenu(menu.caption, menu.items, 'This menu is empty.'));
    replaceChildren(this.bar, ...entries);
  }

  private topMenu(caption: string, items: MenuEntry[], emptyText: string): HTMLElement {
    const trigger = h('button', { type: 'button', class: 'menubar-item', role: 'menuitem', 'aria-haspopup': 'menu', 'aria-expanded': 'false', tabindex: this.tops.length === 0 ? 0 : -1 }, caption);
    const popup = this.popup(items, caption, trigger, null, emptyText);
    this.tops.push(trigger);
    trigger.addEventListener('click', () => (this.isOpen(popup) ? this.closeAll(true) : this.openTop(popup, false)));
    trigger.addEventListener('mouseenter', () => {
      // Sliding along the bar with a menu open switches menus, as in Sheets.
      if (this.open.length > 0 && !this.isOpen(popup)) this.openTop(popup, false);
    });
    trigger.addEventListener('keydown', (event) => {
      const index = this.tops.indexOf(trigger);
      if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.openTop(popup, true);
      } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
        event.preventDefault();
        this.focusTop(index + (event.key === 'ArrowRight' ? 1 : -1));
      } else if (event.key === 'Escape') {
        this.closeAll(true);
      }
    });
    return h('div', { class: 'menubar-entry' }, trigger, popup.element);
  }

  private popup(items: MenuEntry[], label: string, trigger: HTMLButtonElement, parent: Popup | null, emptyText: string): Popup {
    const element = h('div', { class: parent ? 'menu submenu' : 'menu', role: 'menu', 'aria-label': label, hidden: true });
    const popup: Popup = { element, trigger, parent };
    this.popups.set(element, popup);
    if (items.length === 0) element.appendChild(h('div', { class: 'menu-empty', role: 'none' }, emptyText));
    for (const item of items) {
      if (item.type === 'separator') {
        element.appendChild(h('div', { class: 'menu-separator', role: 'separator' }));
      } else if (item.type === 'item') {
        const button = h('button', { type: 'button', class: 'menu-item', role: 'menuitem', tabindex: -1, 'data-function': item.functionName }, item.caption);
        button.addEventListener('click', () => {
          this.closeAll(false);
          this.onChoose({ caption: item.caption, functionName: item.functionName });
        });
        button.addEventListener('mouseenter', () => this.closeChildrenOf(popup));
        element.appendChild(button);
      } else {
        const button = h('button', { type: 'button', class: 'menu-item has-submenu', role: 'menuitem', tabindex: -1, 'aria-haspopup': 'menu', 'aria-expanded': 'false' }, item.caption);
        const child = this.popup(item.items, item.caption, button, popup, 'This menu is empty.');
        button.addEventListener('click', () => this.openChild(child, false));
        button.addEventListener('mouseenter', () => this.openChild(child, false));
        element.appendChild(h('div', { class: 'menu-entry', role: 'none' }, button, child.element));
      }
    }
    element.addEventListener('keydown', (event) => this.onPopupKey(event, popup));
    return popup;
  }

  private onPopupKey(event: KeyboardEvent, popup: Popup): void {
    const items = this.itemsOf(popup);
    const current = items.indexOf(document.activeElement as HTMLButtonElement);
    const focused = items[current];
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        items[(current + step + items.length) % items.length]?.focus();
        break;
      }
      case 'Home':
        items[0]?.focus();
        break;
      case 'End':
        items[items.length - 1]?.focus();
        break;
      case 'ArrowRight': {
        const child = focused ? this.childOf(focused) : null;
        if (child) this.openChild(child, true);
        else this.focusTop(this.topIndexOf(popup) + 1, true);
        break;
      }
      case 'ArrowLeft':
        if (popup.parent) {
          this.closePopup(popup);
          popup.trigger.focus();
        } else {
          this.focusTop(this.topIndexOf(popup) - 1, true);
        }
        break;
      case 'Escape':
        this.closePopup(popup);
        popup.trigger.focus();
        break;
      case 'Tab':
        this.closeAll(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  private itemsOf(popup: Popup): HTMLButtonElement[] {
    return Array.from(popup.element.children).flatMap((child) => {
      if (child instanceof HTMLButtonElement) return [child];
      const nested = child.querySelector(':scope > button');
      return nested instanceof HTMLButtonElement ? [nested] : [];
    });
  }

  private childOf(button: HTMLButtonElement): Popup | null {
    const next = button.nextElementSibling;
    return next instanceof HTMLElement ? (this.popups.get(next) ?? null) : null;
  }

  private topIndexOf(popup: Popup): number {
    let top = popup;
    while (top.parent) top = top.parent;
    return this.tops.indexOf(top.trigger);
  }

  private focusTop(index: number, openIt = false): void {
    if (this.tops.length === 0) return;
    const i = (index + this.tops.length) % this.tops.length;
    this.tops.forEach((t, j) => (t.tabIndex = j === i ? 0 : -1));
    const trigger = this.tops[i];
    const popup = this.childOf(trigger);
    if (openIt && popup) this.openTop(popup, true);
    else trigger.focus();
  }

  private isOpen(popup: Popup): boolean {
    return this.open.includes(popup);
  }

  private openTop(popup: Popup, focusFirst: boolean): void {
    this.closeAll(false);
    this.show(popup);
    if (focusFirst) this.itemsOf(popup)[0]?.focus();
    else popup.trigger.focus();
  }

  private openChild(popup: Popup, focusFirst: boolean): void {
    if (popup.parent) this.closeChildrenOf(popup.parent);
    this.show(popup);
    if (focusFirst) this.itemsOf(popup)[0]?.focus();
  }

  private show(popup: Popup): void {
    popup.element.hidden = false;
    popup.trigger.setAttribute('aria-expanded', 'true');
    this.open.push(popup);
  }

  private closeChildrenOf(parent: Popup): void {
    for (const popup of [...this.open].reverse()) if (popup.parent === parent) this.closePopup(popup);
  }

  private closePopup(popup: Popup): void {
    this.closeChildrenOf(popup);
    popup.element.hidden = true;
    popup.trigger.setAttribute('aria-expanded', 'false');
    this.open = this.open.filter((p) => p !== popup);
  }

  private closeAll(refocus: boolean): void {
    const top = this.open[0];
    for (const popup of [...this.open].reverse()) this.closePopup(popup);
    if (refocus && top) top.trigger.focus();
  }
}

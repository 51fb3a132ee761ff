import type { SheetView } from '../api-types';
import { ContextMenu, isContextMenuKey } from './context-menu';
import { h, replaceChildren } from './dom';

/**
 * The tab bar at the bottom, as in Sheets: one tab per sheet in order, with its
 * colour. Hidden tabs are listed too (Sheets would not show them) and marked, so
 * the person can see what the script hid. Left/Right arrows move between tabs.
 * A tab is renamed in place: double-click it, or its menu (right-click, the Menu
 * key or Shift+F10) → Rename, or F2; Enter keeps the name, Escape puts it back.
 */
export interface TabCallbacks {
  onSelect(sheetName: string): void;
  /** The person typed a new name; resolves true when Sheets renamed the tab. */
  onRename(sheetName: string, newName: string): Promise<boolean>;
}

export class TabStrip {
  private sheets: SheetView[] = [];
  private current = '';
  private panelId = '';
  /** The tab whose name is being typed: redraws wait until it is done (the latest state is kept). */
  private renaming: string | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly callbacks: TabCallbacks,
    private readonly menu: ContextMenu,
  ) {
    container.setAttribute('role', 'tablist');
    container.setAttribute('aria-label', 'Sheets');
  }

  render(sheets: SheetView[], current: string, panelId: string): void {
    this.sheets = sheets;
    this.current = current;
    this.panelId = panelId;
    if (this.renaming !== null) return;
    const hadFocus = this.container.contains(document.activeElement);
    replaceChildren(this.container, ...sheets.map((sheet) => this.tab(sheet)));
    if (hadFocus) this.focusTab(current);
  }

  /** Opens the name editor on a tab (as double-clicking it does). */
  startRename(sheetName: string): void {
    const tab = this.tabElement(sheetName);
    if (!tab || this.renaming !== null) return;
    this.renaming = sheetName;
    const input = h('input', { class: 'tab-rename', type: 'text', 'aria-label': `Rename tab ${sheetName}`, spellcheck: 'false', autocomplete: 'off', maxlength: 100 });
    input.value = sheetName;
    input.size = Math.max(6, sheetName.length + 2);
    let done = false;
    const finish = async (keep: boolean) => {
      if (done) return;
      done = true;
      const name = input.value;
      input.readOnly = true;
      // An empty or unchanged name changes nothing, as in Sheets.
      const renamed = keep && name.trim() !== '' && name !== sheetName ? await this.callbacks.onRename(sheetName, name) : false;
      this.renaming = null;
      this.render(this.sheets, this.current, this.panelId);
      this.focusTab(renamed ? name : sheetName);
    };
    input.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.key === 'Enter') {
        event.preventDefault();
        void finish(true);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        void finish(false);
      }
    });
    input.addEventListener('input', () => (input.size = Math.max(6, input.value.length + 2)));
    input.addEventListener('blur', () => void finish(true));
    tab.replaceWith(input);
    input.focus();
    input.select();
  }

  private tab(sheet: SheetView): HTMLButtonElement {
    const sheets = this.sheets;
    const selected = sheet.name === this.current;
    const tab = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        class: sheet.hidden ? 'tab hidden-tab' : 'tab',
        'aria-selected': selected ? 'true' : 'false',
        'aria-controls': this.panelId,
        'aria-haspopup': 'menu',
        tabindex: selected ? 0 : -1,
        title: `${sheet.hidden ? `${sheet.name} (hidden tab)` : sheet.name} — double-click to rename`,
        'data-sheet': sheet.name,
      },
      h('span', { class: 'tab-name' }, sheet.name),
      sheet.hidden ? h('span', { class: 'tab-hidden-mark' }, ' (hidden)') : null,
    );
    if (sheet.tabColor) {
      const bar = h('span', { class: 'tab-color', 'aria-hidden': 'true' });
      bar.style.backgroundColor = sheet.tabColor;
      tab.appendChild(bar);
    }
    tab.addEventListener('click', () => this.callbacks.onSelect(sheet.name));
    tab.addEventListener('dblclick', (event) => {
      event.preventDefault();
      this.startRename(sheet.name);
    });
    tab.addEventListener('contextmenu', (event) => {
      event.preventDefault();
      if (this.menu.isOpen) return;
      this.callbacks.onSelect(sheet.name);
      this.openMenu(sheet.name, { x: event.clientX, y: event.clientY });
    });
    tab.addEventListener('keydown', (event) => {
      if (isContextMenuKey(event)) {
        event.preventDefault();
        const box = tab.getBoundingClientRect();
        this.openMenu(sheet.name, { x: box.left, y: box.top });
        return;
      }
      if (event.key === 'F2') {
        event.preventDefault();
        this.startRename(sheet.name);
        return;
      }
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
      event.preventDefault();
      const index = sheets.indexOf(sheet);
      const next = event.key === 'Home' ? 0 : event.key === 'End' ? sheets.length - 1 : (index + (event.key === 'ArrowRight' ? 1 : -1) + sheets.length) % sheets.length;
      this.callbacks.onSelect(sheets[next].name);
      this.focusTab(sheets[next].name);
    });
    return tab;
  }

  private openMenu(sheetName: string, at: { x: number; y: number }): void {
    this.menu.open(`Tab ${sheetName}`, [{ label: 'Rename', action: () => this.startRename(sheetName) }], at, this.tabElement(sheetName));
  }

  private tabElement(sheetName: string): HTMLElement | null {
    return this.container.querySelector(`[data-sheet="${CSS.escape(sheetName)}"]`);
  }

  private focusTab(sheetName: string): void {
    this.tabElement(sheetName)?.focus();
  }
}

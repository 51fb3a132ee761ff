import type { SheetView } from '../api-types';
import { h, replaceChildren } from './dom';

/**
 * The tab bar at the bottom, as in Sheets: one tab per sheet in order, with its
 * colour. Hidden tabs are listed too (Sheets would not show them) and marked, so
 * the person can see what the script hid. Left/Right arrows move between tabs.
 */
export class TabStrip {
  constructor(private readonly container: HTMLElement, private readonly onSelect: (sheetName: string) => void) {
    container.setAttribute('role', 'tablist');
    container.setAttribute('aria-label', 'Sheets');
  }

  render(sheets: SheetView[], current: string, panelId: string): void {
    const tabs = sheets.map((sheet) => {
      const selected = sheet.name === current;
      const tab = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          class: sheet.hidden ? 'tab hidden-tab' : 'tab',
          'aria-selected': selected ? 'true' : 'false',
          'aria-controls': panelId,
          tabindex: selected ? 0 : -1,
          title: sheet.hidden ? `${sheet.name} (hidden tab)` : sheet.name,
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
      tab.addEventListener('click', () => this.onSelect(sheet.name));
      tab.addEventListener('keydown', (event) => {
        if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
        event.preventDefault();
        const index = sheets.indexOf(sheet);
        const next =
          event.key === 'Home' ? 0 : event.key === 'End' ? sheets.length - 1 : (index + (event.key === 'ArrowRight' ? 1 : -1) + sheets.length) % sheets.length;
        this.onSelect(sheets[next].name);
        (this.container.querySelector(`[data-sheet="${CSS.escape(sheets[next].name)}"]`) as HTMLElement | null)?.focus();
      });
      return tab;
    });
    replaceChildren(this.container, ...tabs);
  }
}

import type { App } from '../app';
import { h } from '../dom';

/** A button that opens the Import view (it has no navigation button): for view headers and Home. */
export function importButton(app: App, label = 'Import'): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'secondary small', 'aria-label': label === 'Import' ? 'Import from a file or a spreadsheet' : label }, label);
  button.addEventListener('click', () => app.go('import', true));
  return button;
}

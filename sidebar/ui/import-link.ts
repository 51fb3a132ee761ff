import type { App } from '../app';
import { h } from '../dom';

/** A button that opens the Import view (it has no navigation button): for view headers and Home. */
export function importButton(app: App, label = 'Import'): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'secondary small', 'aria-label': label === 'Import' ? 'Import from a file or a spreadsheet' : label }, label);
  button.addEventListener('click', () => app.go('import', true));
  return button;
}

/** A button that opens the Applications view (partner applications to approve or reject; no navigation button). */
export function applicationsButton(app: App): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'secondary small', 'aria-label': 'Partner applications' }, 'Applications');
  button.addEventListener('click', () => app.go('applications', true));
  return button;
}

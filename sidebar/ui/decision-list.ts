import { fill, h, uid } from '../dom';
import { banner, loading, messageOf, setBusy, setReloading } from './feedback';

/**
 * The frame of a view listing what waits for a decision (the Form Inbox, Applications): a heading
 * with Refresh, the result of the last decision, a one-line summary and the list. Its load fetches
 * the list (a newer load wins over one still in flight), keeps the old list inert while it reloads,
 * and shows a failure in place of the result.
 */
export interface DecisionListOptions<T> {
  /** Prefix of the heading's ID. */
  name: string;
  title: string;
  /** The view's own class, beside "view". */
  viewClass: string;
  loadingText: string;
  fetch(): Promise<T>;
  /** Called with each fetched list, to keep and draw it. */
  show(list: T): void;
}

export function decisionList<T>(o: DecisionListOptions<T>) {
  const headingId = uid(`${o.name}-title`);
  const refresh = h('button', { type: 'button', class: 'secondary small' }, 'Refresh');
  const result = h('div', { class: 'result' });
  const summary = h('p', { class: 'muted count', role: 'status' });
  const listEl = h('ul', { class: 'inbox-items', 'aria-labelledby': headingId });
  const heading = h('h1', { id: headingId, tabindex: -1 }, o.title);
  const el = h('section', { class: `view ${o.viewClass}` }, h('div', { class: 'view-head' }, heading, refresh), result, summary, listEl);
  let loaded = false;
  let request = 0;

  async function load(): Promise<void> {
    const mine = ++request;
    if (!loaded) fill(summary, loading(o.loadingText));
    setBusy(refresh, 'Refreshing…');
    setReloading(listEl, true);
    try {
      const list = await o.fetch();
      if (mine !== request) return;
      loaded = true;
      o.show(list);
    } catch (e) {
      if (mine !== request) return;
      fill(summary);
      fill(result, banner('error', h('p', null, messageOf(e))));
    } finally {
      if (mine === request) {
        setBusy(refresh, null);
        setReloading(listEl, false);
      }
    }
  }

  return { el, heading, refresh, result, summary, listEl, load };
}

import type { View } from '../app';

/**
 * A view whose list comes from the server: loaded each time the view is shown (unless a request of
 * its own is still in flight) and on Refresh, with last time's outcome cleared first by `reload`.
 */
export function reloadingView(el: HTMLElement, refresh: HTMLElement, isBusy: () => boolean, reload: () => void): View {
  refresh.addEventListener('click', reload);
  return {
    el,
    show() {
      if (!isBusy()) reload();
    },
  };
}

import { Child, h } from '../dom';

/** Banners, the busy state of a button, and a spinner line: the sidebar's feedback vocabulary. */
export type BannerKind = 'ok' | 'error' | 'warn';

/** Errors interrupt (role=alert); successes and warnings are announced politely. */
export function banner(kind: BannerKind, ...content: Child[]): HTMLDivElement {
  return h('div', { class: `banner ${kind}`, role: kind === 'error' ? 'alert' : 'status', tabindex: -1 }, ...content);
}

export function spinner(): HTMLSpanElement {
  return h('span', { class: 'busy', 'aria-hidden': 'true' });
}

/** A "Loading…" line with a spinner. */
export function loading(text: string): HTMLParagraphElement {
  return h('p', { class: 'loading', role: 'status' }, spinner(), text);
}

const idleLabels = new WeakMap<HTMLButtonElement, Node[]>();

/**
 * A list a reload is about to replace takes no input meanwhile, and says it is busy: a form
 * opened in the old list would vanish with it, and what was typed into it with it.
 */
export function setReloading(list: HTMLElement, reloading: boolean): void {
  list.inert = reloading;
  if (reloading) list.setAttribute('aria-busy', 'true');
  else list.removeAttribute('aria-busy');
}

/** Disables a button and shows a spinner and what is happening, or restores it. */
export function setBusy(button: HTMLButtonElement, busyText: string | null): void {
  if (busyText !== null) {
    if (!idleLabels.has(button)) idleLabels.set(button, Array.from(button.childNodes));
    button.disabled = true;
    button.setAttribute('aria-disabled', 'true');
    button.textContent = '';
    button.append(spinner(), busyText);
  } else {
    const idle = idleLabels.get(button);
    idleLabels.delete(button);
    button.disabled = false;
    button.removeAttribute('aria-disabled');
    if (idle) button.replaceChildren(...idle);
  }
}

/** The message of anything a server call or a handler threw. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

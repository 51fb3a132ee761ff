import type { RegistrationOptions } from '../src/sidebar-api/contract';
import type { App, DeferredViewName, View, ViewFactories, ViewName } from './app';
import { loadViews } from './deferred';
import { h } from './dom';
import { callServer } from './server';
import { publishShellModules } from './shell-modules';
import { banner, messageOf } from './ui/feedback';
import { createHomeView } from './views/home';

/**
 * The sidebar shell: a navigation bar (real buttons, aria-current on the
 * active view; at 300 px two rows of four, in reading and Tab order) over
 * one view at a time. Views are created when first shown and
 * kept, so a half-filled form survives a look at the lead list.
 *
 * Sidebar.html carries the shell and Home; the other views' code follows in the background once
 * Home is usable (deferred.ts). A view opened before it has arrived says "Loading…" and appears
 * when it has; a failed load says why and offers to try again.
 */
const NAV: Array<[ViewName, string]> = [
  ['home', 'Home'],
  ['register', 'Register'],
  ['leads', 'Leads'],
  ['partners', 'Partners'],
  ['approvals', 'Approvals'],
  ['payouts', 'Payouts'],
  ['team', 'Team'],
  ['inbox', 'Inbox'],
];
/** Views reached by links in other views (app.go), not from the navigation bar (it is full). */
const OFF_NAV: Array<[ViewName, string]> = [
  ['import', 'Import'],
  ['rules', 'Commission rules'],
  ['applications', 'Applications'],
  ['announcements', 'Announcements'],
  ['insights', 'Insights'],
  ['simulator', 'Plan simulator'],
  ['scorecard', 'Partner scorecard'],
  ['webhooks', 'Webhooks'],
  ['hubspot', 'HubSpot'],
];

const nav = document.getElementById('nav') as HTMLElement;
const main = document.getElementById('app') as HTMLElement;
const announcer = document.getElementById('announcer') as HTMLElement;
const views: Partial<Record<ViewName, View>> = {};
let deferred: ViewFactories | null = null;
let current: ViewName | null = null;
let options: Promise<RegistrationOptions> | null = null;
let announceTimer = 0;

const app: App = {
  go,
  announce(message) {
    // Clear first so the same words said twice are announced twice.
    announcer.textContent = '';
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(() => (announcer.textContent = message), 60);
  },
  options(fresh = false) {
    if (fresh || !options) {
      const loading = callServer('apiGetRegistrationOptions');
      options = loading;
      loading.catch(() => {
        if (options === loading) options = null;
      });
    }
    return options;
  },
  invalidateOptions() {
    options = null;
  },
  ready() {
    // In the background: a failure here is told when a person opens a view that needs it.
    if (!deferred) loadViews().then(installViews, () => undefined);
  },
};

const buttons = NAV.map(([name, label]) => h('button', { type: 'button', class: 'nav-item', 'data-view': name }, label));
nav.append(...buttons);
nav.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest('button[data-view]') as HTMLButtonElement | null;
  if (button) go(button.dataset.view as ViewName);
});

function go(name: ViewName, focusHeading = false): void {
  for (const b of buttons) {
    if (b.dataset.view === name) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
  if (current !== name) {
    if (current) views[current]!.el.hidden = true;
    let view = views[name];
    if (!view) {
      view = name === 'home' ? createHomeView(app) : deferred ? deferred[name](app) : waitingView(name);
      views[name] = view;
      main.append(view.el);
    }
    view.el.hidden = false;
    current = name;
    window.scrollTo(0, 0);
    view.show();
  }
  if (focusHeading) views[name]!.el.querySelector<HTMLElement>('h1')?.focus();
}

/** Stands in for a view whose code has not arrived: "Loading…", then the view, or why not and "Try again". */
function waitingView(name: DeferredViewName): View {
  const label = [...NAV, ...OFF_NAV].find(([n]) => n === name)![1];
  const status = h('div', null, h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  const el = h('section', { class: 'view', 'aria-busy': 'true' }, h('h1', { tabindex: -1 }, label), status);
  let failed = false;
  const load = () => {
    failed = false;
    el.setAttribute('aria-busy', 'true');
    status.replaceChildren(h('p', { class: 'muted', role: 'status' }, 'Loading…'));
    loadViews().then(installViews, (error: unknown) => {
      failed = true;
      el.removeAttribute('aria-busy');
      const retry = h('button', { type: 'button', class: 'secondary' }, 'Try again');
      retry.addEventListener('click', load);
      status.replaceChildren(banner('error', h('p', null, `The ${label} view could not be loaded: ${messageOf(error)}`)), h('div', { class: 'actions' }, retry));
    });
  };
  load();
  // Coming back to a view that failed to load tries again.
  return {
    el,
    show() {
      if (failed) load();
    },
  };
}

/** The deferred views have arrived: each view waiting for them is replaced by the real one (shown if it is the current one). */
function installViews(factories: ViewFactories): void {
  if (deferred) return;
  deferred = factories;
  for (const [name] of [...NAV, ...OFF_NAV]) {
    if (name === 'home') continue;
    const waiting = views[name];
    if (!waiting) continue;
    const hadFocus = waiting.el.contains(document.activeElement);
    delete views[name];
    waiting.el.remove();
    if (current === name) {
      current = null;
      go(name, hadFocus);
    }
  }
}

/** The view a menu item asked the sidebar to open at (src/sidebar-api/sidebar.ts showSidebarAt), else Home. */
function startView(): ViewName {
  const asked = document.getElementById('start-view')?.dataset.view;
  return NAV.find(([name]) => name === asked)?.[0] ?? 'home';
}

publishShellModules();
main.textContent = '';
// The start-view marker follows the page's script: read it once the page has been parsed.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => go(startView()), { once: true });
else go(startView());

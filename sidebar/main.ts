import type { RegistrationOptions } from '../src/sidebar-api/contract';
import type { App, View, ViewName } from './app';
import { h } from './dom';
import { callServer } from './server';
import { createApprovalsView } from './views/approvals';
import { createHomeView } from './views/home';
import { createLeadsView } from './views/leads';
import { createPartnersView } from './views/partners';
import { createPayoutsView } from './views/payouts';
import { createRegisterView } from './views/register';
import { createTeamView } from './views/team';

/**
 * The sidebar shell: a navigation bar (real buttons, aria-current on the
 * active view; at 300 px a row of four over a row of three, in reading and Tab order) over
 * one view at a time. Views are created when first shown and
 * kept, so a half-filled form survives a look at the lead list.
 */
const NAV: Array<[ViewName, string]> = [
  ['home', 'Home'],
  ['register', 'Register'],
  ['leads', 'Leads'],
  ['partners', 'Partners'],
  ['approvals', 'Approvals'],
  ['payouts', 'Payouts'],
  ['team', 'Team'],
];

const FACTORIES: Record<ViewName, (app: App) => View> = {
  home: createHomeView,
  register: createRegisterView,
  leads: createLeadsView,
  partners: createPartnersView,
  approvals: createApprovalsView,
  payouts: createPayoutsView,
  team: createTeamView,
};

const nav = document.getElementById('nav') as HTMLElement;
const main = document.getElementById('app') as HTMLElement;
const announcer = document.getElementById('announcer') as HTMLElement;
const views: Partial<Record<ViewName, View>> = {};
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
      view = FACTORIES[name](app);
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

main.textContent = '';
go('home');

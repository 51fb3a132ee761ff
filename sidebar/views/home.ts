import type { SetupResult, TrackerOverview } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { escapeHtml } from '../escape';
import { messageOf } from '../ui/feedback';
import { callServer } from '../server';

/**
 * Home: the tracker at a glance, and setup/upgrade. Every server call shows a
 * busy state and ends in either data or an error a person can act on.
 */
interface HomeState {
  overview: TrackerOverview | null;
  busy: string | null;
  error: string | null;
  lastSetup: SetupResult | null;
}

export function createHomeView(app: App): View {
  const el = document.createElement('section');
  el.className = 'view';
  const state: HomeState = { overview: null, busy: null, error: null, lastSetup: null };
  // The action a person started: focus returns to it (or to the heading) when it ends.
  let focusAction: string | null = null;

  function render(): void {
    // Re-rendering replaces the buttons: keep keyboard focus on the same action.
    const active = document.activeElement as HTMLElement | null;
    const hadFocus = !active || active === document.body || el.contains(active);
    const focused = active?.dataset?.action ?? focusAction;
    const o = state.overview;
    const parts: string[] = [];
    parts.push(`<h1 tabindex="-1">${escapeHtml(o?.programmeName ?? 'Partnership Tracker')}</h1>`);
    if (o) parts.push(`<p class="muted">${escapeHtml(versionLine(o))}</p>`);
    if (state.busy) parts.push(`<p role="status" class="loading"><span class="busy" aria-hidden="true"></span>${escapeHtml(state.busy)}</p>`);
    if (state.error) parts.push(`<div class="banner error" role="alert">${escapeHtml(state.error)}</div>`);
    if (state.lastSetup) parts.push(setupBanner(state.lastSetup));
    if (o && o.settingsProblems.length) {
      parts.push(
        `<div class="banner error" role="alert">Settings need attention:<ul>${o.settingsProblems
          .map((p) => `<li>${escapeHtml(p.label)} ${escapeHtml(p.message)}</li>`)
          .join('')}</ul></div>`,
      );
    }
    if (o) {
      parts.push('<h2>Tabs</h2><table aria-label="Tracker tabs"><thead><tr><th scope="col">Tab</th><th scope="col" class="num">Rows</th></tr></thead><tbody>');
      for (const t of o.tabs) {
        parts.push(`<tr><td>${escapeHtml(t.name)}</td><td class="num">${t.rows === null ? '<span class="muted">missing</span>' : t.rows}</td></tr>`);
      }
      parts.push('</tbody></table>');
    }
    const needsSetup = !o || o.schemaVersion === null || o.schemaVersion < o.latestSchemaVersion || o.tabs.some((t) => t.rows === null);
    const disabled = state.busy ? ' disabled aria-disabled="true"' : '';
    parts.push('<div class="actions">');
    if (needsSetup) {
      const label = o && o.schemaVersion !== null ? 'Upgrade tracker' : 'Set up tracker';
      parts.push(`<button type="button" data-action="setup"${disabled}>${label}</button>`);
    }
    parts.push(`<button type="button" class="secondary" data-action="refresh"${disabled}>Refresh</button>`);
    parts.push('</div>');
    el.innerHTML = parts.join('');
    if (hadFocus && focused && !el.hidden) {
      const target = el.querySelector<HTMLButtonElement>(`[data-action="${focused}"]:not([disabled])`);
      if (target) target.focus();
      else if (!state.busy) el.querySelector<HTMLElement>('h1')?.focus();
    }
  }

  async function run(busy: string, task: () => Promise<void>): Promise<void> {
    state.busy = busy;
    state.error = null;
    render();
    try {
      await task();
    } catch (e) {
      state.error = messageOf(e);
    } finally {
      state.busy = null;
      render();
      focusAction = null;
    }
  }

  function refresh(): Promise<void> {
    return run('Loading the tracker…', async () => {
      state.overview = await callServer('apiGetOverview');
    });
  }

  function setup(): Promise<void> {
    return run('Setting up the tracker…', async () => {
      state.lastSetup = await callServer('apiRunSetup');
      app.invalidateOptions();
      state.overview = await callServer('apiGetOverview');
    });
  }

  el.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest('button[data-action]') as HTMLButtonElement | null;
    if (!button || button.disabled) return;
    focusAction = button.dataset.action ?? null;
    if (button.dataset.action === 'refresh') void refresh();
    if (button.dataset.action === 'setup') void setup();
  });

  return {
    el,
    show() {
      if (!state.busy) void refresh();
    },
  };
}

function versionLine(o: TrackerOverview): string {
  if (o.schemaVersion === null) return 'Not set up yet in this spreadsheet.';
  if (o.schemaVersion < o.latestSchemaVersion) return `Schema ${o.schemaVersion}; version ${o.latestSchemaVersion} is available.`;
  return `Schema ${o.schemaVersion} · ${o.currency}`;
}

function setupBanner(result: SetupResult): string {
  const items = result.changes.length ? result.changes : ['Already up to date; nothing changed.'];
  return `<div class="banner ok" role="status">Setup finished:<ul>${items.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul></div>`;
}

import type { AttentionView, SetupResult, TrackerOverview } from '../../src/sidebar-api/contract';
import type { AttentionItem } from '../../src/domain/attention';
import type { App, View, ViewName } from '../app';
import { fill, h, uid } from '../dom';
import { formatMoney, plural, sentence } from '../format';
import { callServer } from '../server';
import { youLine } from '../team-rules';
import { AutomationPanel } from '../ui/automation';
import { capacityPanel } from '../ui/capacity';
import { banner, loading, messageOf, setBusy } from '../ui/feedback';

/**
 * Home: what needs attention today (conflicts, expiring leads, inbox
 * responses, lines and payouts to approve or pay, rows with problems, a
 * stopped automation), each with a link to where it is dealt with, above the
 * headline numbers; then who you are and your roles, whether the automation
 * runs (and, for a manager, taking a stopped one over), the tabs, how full the
 * spreadsheet is (ui/capacity.ts) — and setup/upgrade. The overview comes
 * first (Home is usable with it); the attention list follows in a second call. Setup belongs to the owner (the account the automation
 * runs as): for anyone else the button says so, and their click reports who
 * runs it and that nothing was installed. Every server call shows a busy state
 * and ends in either data or an error a person can act on.
 */

/** What the server's setup returns; `owner` and `ranAsOwner` are newer than the contract's type, so read with care. */
type SetupOutcome = SetupResult & { owner?: string; ranAsOwner?: boolean };

export function createHomeView(app: App): View {
  const heading = h('h1', { tabindex: -1 }, 'Partnership Tracker');
  const version = h('p', { class: 'muted' });
  const you = h('p', { class: 'you' });
  const status = h('div');
  const error = h('div');
  const automation = new AutomationPanel(app, { showNotSetUp: false, onTakenOver: () => void refresh(false) });
  const setupResult = h('div', { class: 'setup-result' });
  const problems = h('div');
  const attention = h('div', { class: 'attention' });
  const numbers = h('div', { class: 'headlines' });
  const tabs = h('div');
  const capacity = h('div');
  const setupHint = h('p', { class: 'hint setup-hint', id: uid('setup-hint'), hidden: true });
  const setupButton = h('button', { type: 'button', 'data-action': 'setup', hidden: true }, 'Set up tracker');
  const refreshButton = h('button', { type: 'button', class: 'secondary', 'data-action': 'refresh' }, 'Refresh');
  const el = h(
    'section',
    { class: 'view home-view' },
    heading,
    version,
    you,
    status,
    error,
    setupResult,
    problems,
    attention,
    numbers,
    automation.el,
    tabs,
    capacity,
    h('div', { class: 'actions' }, setupButton, refreshButton),
    setupHint,
  );

  let overview: TrackerOverview | null = null;
  let today: AttentionView | null = null;
  let todayError = '';
  let checkResult: { kind: 'ok' | 'warn' | 'error'; text: string } | null = null;
  let busy = false;

  /** Where an item's link leads: a view, the rows with problems (listed here), or the automation panel on this page. */
  function follow(item: AttentionItem, button: HTMLButtonElement): void {
    const view = VIEW_OF_TARGET[item.target];
    if (view) app.go(view, true);
    else if (item.target === 'problems') void showProblemRows(button);
    else automation.el.querySelector<HTMLElement>('h2, [tabindex]')?.focus();
  }

  /** The rows with problems, under their item: each tab, row and what to fix (the first 50). */
  async function showProblemRows(button: HTMLButtonElement): Promise<void> {
    const holder = button.closest('li')?.querySelector<HTMLElement>('.problem-rows');
    if (!holder) return;
    if (button.getAttribute('aria-expanded') === 'true') {
      button.setAttribute('aria-expanded', 'false');
      fill(holder);
      return;
    }
    button.setAttribute('aria-expanded', 'true');
    fill(holder, loading('Reading the rows…'));
    try {
      const found = await callServer('apiListRowProblems');
      fill(
        holder,
        h(
          'ul',
          null,
          found.rows.map((r) => h('li', null, h('strong', null, `${r.tab} row ${r.row}`), r.label ? ` (${r.label})` : '', ': ', r.problems.join('; '))),
        ),
        found.total > found.rows.length ? h('p', { class: 'muted' }, `…and ${found.total - found.rows.length} more: see each tab's Problems column.`) : null,
      );
    } catch (e) {
      fill(holder, banner('error', messageOf(e)));
    }
  }

  /** Check tracker: adopts or explains rows that arrived without an edit (pasted by another tool, a dropped burst). */
  async function checkTracker(button: HTMLButtonElement): Promise<void> {
    setBusy(button, 'Checking…');
    try {
      const result = await callServer('apiCheckTracker');
      checkResult = { kind: result.problems ? 'warn' : 'ok', text: result.summary };
      await loadAttention();
    } catch (e) {
      checkResult = { kind: 'error', text: messageOf(e) };
      renderAttention();
    } finally {
      setBusy(button, null);
    }
  }

  function attentionLink(item: AttentionItem): HTMLButtonElement {
    const link = h('button', { type: 'button', class: 'link' }, item.action);
    if (item.target === 'problems') link.setAttribute('aria-expanded', 'false');
    link.addEventListener('click', () => follow(item, link));
    return link;
  }

  function renderAttention(): void {
    const o = overview;
    if (!o || o.schemaVersion === null) {
      fill(attention);
      fill(numbers);
      return;
    }
    if (todayError) {
      fill(attention, banner('error', `What needs attention could not be read: ${todayError}`));
      fill(numbers);
      return;
    }
    if (!today) {
      fill(attention, loading('Looking for what needs attention…'));
      fill(numbers);
      return;
    }
    const headingId = uid('attention');
    fill(
      attention,
      h('h2', { id: headingId }, 'Needs attention today'),
      today.items.length
        ? h(
            'ul',
            { class: 'attention-list', 'aria-labelledby': headingId },
            today.items.map((item) =>
              h(
                'li',
                { 'data-key': item.key },
                h('span', { class: 'attention-count', 'aria-hidden': 'true' }, item.count),
                h('span', { class: 'attention-text' }, item.text, ' ', attentionLink(item), item.target === 'problems' ? h('div', { class: 'problem-rows' }) : null),
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'Nothing needs attention today.'),
      checkResult ? banner(checkResult.kind, checkResult.text) : null,
      h(
        'p',
        { class: 'hint' },
        h('button', { type: 'button', class: 'secondary', 'data-action': 'check-tracker', onclick: (event: Event) => void checkTracker(event.currentTarget as HTMLButtonElement) }, 'Check tracker'),
        ' adopts rows pasted in without an edit (another tool, a dropped burst) and marks what it cannot.',
      ),
    );
    const n = today.headlines;
    const figure = (label: string, value: string, detail: string) =>
      h('div', { class: 'headline' }, h('dt', null, label), h('dd', null, value, detail ? h('span', { class: 'muted' }, ` · ${detail}`) : null));
    fill(
      numbers,
      h('h2', null, 'Programme'),
      h(
        'p',
        { class: 'muted' },
        h('button', { type: 'button', class: 'link', onclick: () => app.go('insights', true) }, 'Insights'),
        ' · ',
        h('button', { type: 'button', class: 'link', onclick: () => app.go('rules', true) }, 'Commission rules'),
        ' · ',
        h('button', { type: 'button', class: 'link', onclick: () => app.go('import', true) }, 'Import from a sheet or CSV'),
        ' · ',
        h('button', { type: 'button', class: 'link', onclick: () => app.go('announcements', true) }, 'Announcements'),
        ' · ',
        h('button', { type: 'button', class: 'link', onclick: () => app.go('webhooks', true) }, 'Webhooks'),
        h('button', { type: 'button', class: 'link', onclick: () => app.go('hubspot', true) }, 'HubSpot'),
      ),
      h(
        'dl',
        { class: 'headline-figures' },
        figure('Open leads', String(n.openLeads), `${formatMoney(n.pipelineCents / 100, o.currency)} estimated`),
        figure(`Won in ${n.year}`, plural(n.wonThisYear, 'deal'), formatMoney(n.wonThisYearCents / 100, o.currency)),
        figure('Commissions not yet paid', formatMoney(n.owedCents / 100, o.currency), ''),
        figure(`Paid out in ${n.year}`, formatMoney(n.paidThisYearCents / 100, o.currency), ''),
      ),
    );
  }

  function render(): void {
    const o = overview;
    heading.textContent = o?.programmeName || 'Partnership Tracker';
    version.textContent = o ? versionLine(o) : '';
    version.hidden = !o;
    you.textContent = o ? youLine(o.you, o.automation?.state !== 'not set up') : '';
    you.hidden = !o;
    automation.update(o?.automation);
    fill(
      problems,
      o && o.settingsProblems.length
        ? banner(
            'error',
            'Settings need attention:',
            h(
              'ul',
              null,
              o.settingsProblems.map((p) => h('li', null, `${p.label} ${p.message}`)),
            ),
          )
        : null,
      o && o.auditWarnings.length
        ? banner(
            'warn',
            'Audit Log:',
            h(
              'ul',
              null,
              o.auditWarnings.map((w) => h('li', null, w)),
            ),
          )
        : null,
    );
    fill(
      tabs,
      o
        ? [
            h('h2', null, 'Tabs'),
            h(
              'table',
              { 'aria-label': 'Tracker tabs' },
              h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Tab'), h('th', { scope: 'col', class: 'num' }, 'Rows'))),
              h(
                'tbody',
                null,
                o.tabs.map((t) => h('tr', null, h('td', null, t.name), h('td', { class: 'num' }, t.rows === null ? h('span', { class: 'muted' }, 'missing') : t.rows))),
              ),
            ),
          ]
        : null,
    );
    fill(capacity, o ? capacityPanel(o.capacity) : null);
    renderAttention();
    renderSetup(o);
  }

  /** The Set up / Upgrade button: shown when the tracker needs it; for a non-owner, annotated with who runs it. */
  function renderSetup(o: TrackerOverview | null): void {
    const owner = o?.automation?.owner ?? '';
    const youAreOwner = Boolean(o?.automation?.youAreOwner);
    const outdated = !o || o.schemaVersion === null || o.schemaVersion < o.latestSchemaVersion || o.tabs.some((t) => t.rows === null);
    // The owner repairs a broken automation by setting up again (its triggers are reinstalled).
    const repair = youAreOwner && (o?.automation.state === 'missing triggers' || o?.automation.state === 'stopped');
    setupButton.hidden = !outdated && !repair;
    if (!setupButton.hidden && !busy) setupButton.textContent = o && o.schemaVersion !== null && o.schemaVersion < o.latestSchemaVersion ? 'Upgrade tracker' : 'Set up tracker';
    let hint = '';
    if (!setupButton.hidden) {
      if (!owner)
        hint = o?.you?.email
          ? `You become the tracker’s owner: its automation (the triggers) runs as ${o.you.email}.`
          : 'Whoever sets the tracker up becomes its owner: its automation (the triggers) runs as their account.';
      else if (!youAreOwner) hint = `The automation runs as ${owner}: setting up here installs nothing for you. Ask ${owner} to run Set up tracker.`;
      else if (!outdated) hint = 'Setting up again checks your triggers and puts back any that are missing.';
    }
    setupHint.textContent = hint;
    setupHint.hidden = !hint;
    if (hint) setupButton.setAttribute('aria-describedby', setupHint.id);
    else setupButton.removeAttribute('aria-describedby');
  }

  /**
   * Runs a server task with a busy line and both buttons locked (the one pressed shows
   * what is happening); focus goes back to that button, or to the heading when it is gone.
   */
  async function run(line: string, pressed: { button: HTMLButtonElement; busy: string } | null, task: () => Promise<void>): Promise<void> {
    if (busy) return;
    busy = true;
    fill(status, loading(line));
    fill(error);
    if (pressed) setBusy(pressed.button, pressed.busy);
    for (const b of [setupButton, refreshButton]) if (b !== pressed?.button) b.disabled = true;
    el.setAttribute('aria-busy', 'true');
    try {
      await task();
    } catch (e) {
      fill(error, banner('error', messageOf(e)));
    } finally {
      busy = false;
      if (pressed) setBusy(pressed.button, null);
      for (const b of [setupButton, refreshButton]) b.disabled = false;
      el.removeAttribute('aria-busy');
      fill(status);
      render();
      const active = document.activeElement;
      if (pressed && !el.hidden && (!active || active === document.body || el.contains(active))) {
        if (!pressed.button.hidden) pressed.button.focus();
        else if (!el.contains(active) || active === pressed.button) heading.focus();
      }
    }
  }

  /** `pressed`: the person clicked Refresh (its busy state, focus back on it). */
  function refresh(pressed = true): Promise<void> {
    return run('Loading the tracker…', pressed ? { button: refreshButton, busy: 'Refreshing…' } : null, async () => {
      overview = await callServer('apiGetOverview');
    }).then(() => {
      // Not awaited: Home is usable with the overview, and the other views' code may load meanwhile.
      void loadAttention();
    });
  }

  /** The second call: after the overview is shown (Home is usable without it). */
  async function loadAttention(): Promise<void> {
    if (!overview || overview.schemaVersion === null) return;
    today = null;
    todayError = '';
    renderAttention();
    try {
      today = await callServer('apiGetAttention');
    } catch (e) {
      todayError = messageOf(e);
    }
    renderAttention();
  }

  function setup(): Promise<void> {
    return run('Setting up the tracker…', { button: setupButton, busy: 'Setting up…' }, async () => {
      fill(setupResult);
      const result = (await callServer('apiRunSetup')) as SetupOutcome;
      app.invalidateOptions();
      fill(setupResult, setupBanner(result));
      overview = await callServer('apiGetOverview');
    }).then(() => loadAttention());
  }

  setupButton.addEventListener('click', () => void setup());
  refreshButton.addEventListener('click', () => {
    automation.clearResult();
    void refresh();
  });

  return {
    el,
    show() {
      if (busy) return;
      // A fresh look: the last setup's or take-over's outcome describes a tracker that may have changed since.
      fill(setupResult);
      automation.clearResult();
      // Home has shown what it knows (or why not): the other views' code may follow now (main.ts).
      void refresh(false).finally(() => app.ready());
    },
  };
}

function versionLine(o: TrackerOverview): string {
  if (o.schemaVersion === null) return 'Not set up yet in this spreadsheet.';
  if (o.schemaVersion < o.latestSchemaVersion) return `Schema ${o.schemaVersion}; version ${o.latestSchemaVersion} is available.`;
  return `Schema ${o.schemaVersion} · ${o.currency}`;
}

/**
 * What setup did. Run by the owner: its changes (or "up to date") and anything
 * it noticed. Run by anyone else: that nothing was installed for them, and the
 * server's notices, which name who runs the automation.
 */
function setupBanner(result: SetupOutcome): HTMLElement {
  const notices = (result.notices ?? []).map((n) => h('li', null, sentence(n)));
  const changes = result.changes ?? [];
  if (result.ranAsOwner === false) {
    return banner(
      'warn',
      h('p', { class: 'banner-title' }, 'Nothing was installed for you'),
      result.owner ? h('p', null, `The tracker’s automation runs as ${result.owner}.`) : null,
      notices.length ? h('ul', null, notices) : null,
      changes.length
        ? [
            h('p', null, 'Changed:'),
            h(
              'ul',
              null,
              changes.map((c) => h('li', null, c)),
            ),
          ]
        : null,
    );
  }
  const steps = result.nextSteps ?? [];
  // A first setup makes some twenty changes: one line, and the list on demand (each is also in the Audit Log).
  const changeList = h(
    'ul',
    null,
    (changes.length ? changes : ['Already up to date; nothing changed.']).map((c) => h('li', null, c)),
  );
  return banner(
    notices.length ? 'warn' : 'ok',
    h('p', { class: 'banner-title' }, 'Setup finished'),
    changes.length > 3 ? h('details', { class: 'setup-changes' }, h('summary', null, `${plural(changes.length, 'change')}, each in the Audit Log`), changeList) : changeList,
    notices.length ? [h('p', null, 'Noticed:'), h('ul', null, notices)] : null,
    steps.length
      ? [
          h('p', { class: 'banner-title' }, 'Next steps'),
          h(
            'ol',
            null,
            steps.map((step) => h('li', null, step)),
          ),
        ]
      : null,
  );
}

/** The views Home's attention items lead to; the automation item stays on Home (its panel). */
const VIEW_OF_TARGET: Partial<Record<AttentionItem['target'], ViewName>> = {
  leads: 'leads',
  approvals: 'approvals',
  payouts: 'payouts',
  inbox: 'inbox',
  applications: 'applications',
  hubspot: 'hubspot',
};

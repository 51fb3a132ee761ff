import type { PartnerComparison, PeriodRequest, Scenario, SimulationView, SimulatorOptions, SimulatorRuleView } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { formatMoney, plural } from '../format';
import { callServer } from '../server';
import { banner, loading, messageOf, setBusy } from '../ui/feedback';
import { serverErrorBanner } from '../ui/form';
import { PeriodPicker } from '../ui/period-picker';
import { divergingChart } from '../ui/svg-chart';

/**
 * The Plan simulator (reached from Commission rules): tick the rules of a plan — the rules in
 * effect and the drafts, less the live rules a draft replaces, to start with — choose a past
 * period, and see what the plan would have paid on its won deals against what they earned: the
 * totals, a chart and a table per partner (difference in money and percent), and the deals the
 * plan does not cover, with why. Export writes the comparison to a CSV file in the person's
 * Drive. Nothing is written to Commissions. Managers run it; anyone else is told why.
 */
const STATE_LABEL: Record<SimulatorRuleView['state'], string> = { Yes: 'in effect', No: 'inactive', Draft: 'draft' };

const signedPercent = (p: number | null): string => (p === null ? '—' : `${p > 0 ? '+' : p < 0 ? '−' : ''}${Math.abs(p).toFixed(1)}%`);

export function createSimulatorView(app: App): View {
  const headingId = uid('simulator-title');
  const back = h('button', { type: 'button', class: 'link' }, '‹ Commission rules');
  const picker = new PeriodPicker(() => {
    if (result) void run();
  });
  const whyNot = h('p', { class: 'muted', hidden: true });
  const rulesStatus = h('div');
  const ruleList = h('ul', { class: 'simulator-rules' });
  // Saved plans: tick a saved set of rules again, or save the ticks under a name (document properties, shared with the team).
  const ids = { saved: uid('saved-plan'), name: uid('plan-name') };
  const savedSelect = h('select', { id: ids.saved, name: 'savedPlan' });
  const deleteButton = h('button', { type: 'button', class: 'secondary small', disabled: true }, 'Delete');
  const nameInput = h('input', { id: ids.name, name: 'planName', maxlength: 60, placeholder: 'Gold 25% proposal' });
  const saveButton = h('button', { type: 'button', class: 'secondary small' }, 'Save plan');
  const scenarioStatus = h('div', { 'aria-live': 'polite' });
  const scenarioPanel = h(
    'div',
    { class: 'simulator-scenarios' },
    h('div', { class: 'field' }, h('label', { for: ids.saved }, 'Saved plans'), h('div', { class: 'inline-row' }, savedSelect, deleteButton)),
    h('div', { class: 'field' }, h('label', { for: ids.name }, 'Save the ticked rules as'), h('div', { class: 'inline-row' }, nameInput, saveButton)),
    scenarioStatus,
  );
  const runButton = h('button', { type: 'button' }, 'Run simulation');
  const exportButton = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Export CSV');
  const status = h('div', { 'aria-live': 'polite' });
  const body = h('div', { class: 'simulator-result' });
  const el = h(
    'section',
    { class: 'view simulator-view', 'aria-labelledby': headingId },
    h('p', { class: 'back-link' }, back),
    h('h1', { id: headingId, tabindex: -1 }, 'Plan simulator'),
    h('p', { class: 'muted' }, 'What a plan would have paid on the deals won in a past period, against what they earned. Nothing is written to Commissions.'),
    whyNot,
    picker.el,
    h('fieldset', { class: 'rule-group' }, h('legend', null, 'Rules in the plan'), rulesStatus, ruleList, scenarioPanel),
    h('div', { class: 'actions' }, runButton, exportButton),
    status,
    body,
  );

  let options: SimulatorOptions | null = null;
  let result: SimulationView | null = null;
  /** What the shown result was run with: the export writes exactly that. */
  let shown: { period: PeriodRequest; ids: string[] } | null = null;
  let busy = false;

  const planIds = (): string[] => Array.from(ruleList.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')).map((c) => c.value);

  function ruleItem(rule: SimulatorRuleView): HTMLElement {
    const id = uid('plan-rule');
    const note = rule.replacedBy ? `Left out to start with: draft ${rule.replacedBy} replaces it.` : '';
    return h(
      'li',
      { class: 'simulator-rule', 'data-id': rule.id },
      h('input', { type: 'checkbox', id, value: rule.id, checked: rule.inPlan }),
      h(
        'label',
        { for: id },
        h('span', { class: 'partner-name' }, `${rule.id} ${rule.name}`),
        h('span', { class: `chip ${rule.state === 'Yes' ? 's-active' : 's-inactive'}` }, STATE_LABEL[rule.state]),
        h('span', { class: 'lead-meta' }, rule.summary),
        note ? h('span', { class: 'lead-meta' }, note) : null,
      ),
    );
  }

  async function loadOptions(): Promise<void> {
    fill(rulesStatus, loading('Loading rules…'));
    try {
      options = await callServer('apiGetSimulatorOptions');
    } catch (e) {
      fill(rulesStatus, banner('error', messageOf(e)));
      return;
    }
    picker.setToday(options.today);
    if (!result && options.periods[0]) picker.setPeriod({ kind: options.periods[0].kind, start: options.periods[0].start });
    whyNot.hidden = options.canRun;
    fill(whyNot, options.whyNot ?? '');
    runButton.disabled = !options.canRun;
    fill(
      rulesStatus,
      options.brokenRules
        ? h('p', { class: 'hint' }, `${plural(options.brokenRules, 'row')} of the Commission Rules tab ${options.brokenRules === 1 ? 'is' : 'are'} not a rule yet and cannot be in a plan.`)
        : null,
    );
    fill(ruleList, options.rules.length ? options.rules.map(ruleItem) : h('li', { class: 'empty' }, 'No rules yet: write one (or a draft) in Commission rules first.'));
    scenarioPanel.hidden = !options.canRun;
    showScenarios(options.scenarios);
  }

  function showScenarios(scenarios: Scenario[], selected = ''): void {
    if (options) options.scenarios = scenarios;
    fill(
      savedSelect,
      h('option', { value: '' }, scenarios.length ? 'Choose a saved plan…' : 'None saved yet'),
      scenarios.map((s) => h('option', { value: s.name }, s.name)),
    );
    savedSelect.value = selected;
    deleteButton.disabled = !selected;
  }

  /** Ticks exactly the saved plan's rules; says which of them are no longer rules. */
  function tickScenario(name: string): void {
    const scenario = options?.scenarios.find((s) => s.name === name);
    deleteButton.disabled = !scenario;
    if (!scenario) return;
    const wanted = new Set(scenario.ruleIds);
    const boxes = Array.from(ruleList.querySelectorAll<HTMLInputElement>('input[type=checkbox]'));
    for (const box of boxes) box.checked = wanted.has(box.value);
    const gone = scenario.ruleIds.filter((id) => !boxes.some((b) => b.value === id));
    nameInput.value = scenario.name;
    fill(scenarioStatus, gone.length ? h('p', { class: 'hint' }, `${gone.join(', ')} of this plan ${gone.length === 1 ? 'is' : 'are'} no longer a rule and left out.`) : null);
    planChanged();
  }

  async function changeScenarios(action: 'save' | 'delete'): Promise<void> {
    if (busy) return;
    busy = true;
    const button = action === 'save' ? saveButton : deleteButton;
    setBusy(button, action === 'save' ? 'Saving…' : 'Deleting…');
    try {
      const name = action === 'save' ? nameInput.value : savedSelect.value;
      const scenarios = action === 'save' ? await callServer('apiSaveSimulatorScenario', name, planIds()) : await callServer('apiDeleteSimulatorScenario', name);
      showScenarios(scenarios, action === 'save' ? (scenarios.find((s) => s.name.toLowerCase() === name.trim().toLowerCase())?.name ?? '') : '');
      const said = action === 'save' ? `Saved the plan "${name.trim()}".` : `Deleted the plan "${name}".`;
      fill(scenarioStatus, banner('ok', said));
      app.announce(said);
    } catch (e) {
      fill(scenarioStatus, serverErrorBanner(null, e));
    } finally {
      busy = false;
      setBusy(button, null);
    }
  }

  async function run(): Promise<void> {
    if (busy || !options) return;
    busy = true;
    setBusy(runButton, 'Running…');
    fill(status, loading('Replaying the plan…'));
    body.setAttribute('aria-busy', 'true');
    const asked = { period: picker.value(), ids: planIds() };
    try {
      result = await callServer('apiSimulatePlan', asked.period, asked.ids);
      shown = asked;
      fill(status);
      render(result);
      exportButton.disabled = false;
    } catch (e) {
      result = null;
      exportButton.disabled = true;
      fill(body);
      fill(status, serverErrorBanner(null, e));
    } finally {
      busy = false;
      setBusy(runButton, null);
      body.removeAttribute('aria-busy');
    }
  }

  async function exportCsv(): Promise<void> {
    if (busy || !result || !shown) return;
    busy = true;
    setBusy(exportButton, 'Exporting…');
    try {
      const file = await callServer('apiExportSimulation', shown.period, shown.ids);
      fill(status, banner('ok', 'Exported ', h('a', { href: file.url, target: '_blank', rel: 'noopener' }, file.fileName), ` (${plural(file.rows, 'row')}) to your Drive.`));
      app.announce(`Exported ${file.fileName}.`);
    } catch (e) {
      fill(status, serverErrorBanner(null, e));
    } finally {
      busy = false;
      setBusy(exportButton, null);
    }
  }

  function render(view: SimulationView): void {
    const money = (cents: number) => formatMoney(cents / 100, view.currency);
    const signedMoney = (cents: number) => (cents > 0 ? '+' : cents < 0 ? '−' : '') + money(Math.abs(cents));
    const { totals } = view;
    const cost = totals.differenceCents > 0 ? 'would have cost' : totals.differenceCents < 0 ? 'would have saved' : 'would have cost the same';
    const row = (p: PartnerComparison) =>
      h(
        'tr',
        { 'data-partner': p.partnerId },
        h('th', { scope: 'row' }, p.partnerName, p.uncoveredDeals ? h('span', { class: 'lead-meta' }, ` ${plural(p.uncoveredDeals, 'deal')} not covered`) : null),
        h('td', { class: 'num' }, money(p.actualCents)),
        h('td', { class: 'num' }, money(p.planCents)),
        h('td', { class: 'num' }, signedMoney(p.differenceCents), h('br'), h('span', { class: 'muted' }, signedPercent(p.differencePercent))),
      );
    fill(
      body,
      h('h2', null, `${view.period.label}: ${plural(totals.deals, 'won deal')}, ${plural(totals.partners, 'partner')}`),
      h(
        'dl',
        { class: 'simulator-totals' },
        h('div', null, h('dt', null, 'Actually earned'), h('dd', { 'data-total': 'actual' }, money(totals.actualCents))),
        h('div', null, h('dt', null, 'Under the plan'), h('dd', { 'data-total': 'plan' }, money(totals.planCents))),
        h('div', null, h('dt', null, 'Difference'), h('dd', { 'data-total': 'difference' }, `${signedMoney(totals.differenceCents)} (${signedPercent(totals.differencePercent)})`)),
      ),
      h('p', { class: 'muted' }, `The plan (${view.planRuleIds.join(', ')}) ${cost}${totals.differenceCents ? ` ${money(Math.abs(totals.differenceCents))}` : ''} on these deals.`),
      totals.uncoveredDeals
        ? banner(
            'warn',
            `${plural(totals.uncoveredDeals, 'deal')} ${totals.uncoveredDeals === 1 ? 'is' : 'are'} not covered by the plan and would pay nothing under it (they earned ${money(totals.uncoveredActualCents)}); see below.`,
          )
        : null,
      divergingChart({
        title: 'Plan minus actual, per partner',
        items: view.partners.map((p) => ({ label: p.partnerName, value: p.differenceCents / 100, valueText: `${signedMoney(p.differenceCents)} ${signedPercent(p.differencePercent)}` })),
        columns: ['Partner', 'Difference'],
        empty: 'No partner had a won deal in the period.',
      }),
      h(
        'table',
        { class: 'simulator-table' },
        h('caption', { class: 'chart-title' }, 'Per partner'),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, 'Partner'),
            h('th', { scope: 'col', class: 'num' }, 'Actual'),
            h('th', { scope: 'col', class: 'num' }, 'Plan'),
            h('th', { scope: 'col', class: 'num' }, 'Diff.'),
          ),
        ),
        h('tbody', null, view.partners.map(row)),
      ),
      view.uncovered.length
        ? h(
            'div',
            { class: 'simulator-uncovered' },
            h('h2', null, 'Not covered by the plan'),
            h(
              'ul',
              null,
              view.uncovered.map((d) => h('li', { 'data-lead': d.leadId }, h('span', { class: 'partner-name' }, `${d.leadId} · ${d.partnerName}`), h('span', { class: 'lead-meta' }, d.message))),
            ),
            totals.uncoveredDeals > view.uncovered.length ? h('p', { class: 'hint' }, `The first ${view.uncovered.length} of ${totals.uncoveredDeals}; the export lists them all.`) : null,
          )
        : null,
    );
  }

  back.addEventListener('click', () => app.go('rules', true));
  runButton.addEventListener('click', () => void run());
  exportButton.addEventListener('click', () => void exportCsv());
  // A changed plan makes the shown result stale: the export would not match it.
  function planChanged(): void {
    if (result) fill(status, h('p', { class: 'hint' }, 'The plan changed: run the simulation again to see it.'));
    result = null;
    exportButton.disabled = true;
  }
  ruleList.addEventListener('change', planChanged);
  savedSelect.addEventListener('change', () => tickScenario(savedSelect.value));
  saveButton.addEventListener('click', () => void changeScenarios('save'));
  deleteButton.addEventListener('click', () => void changeScenarios('delete'));

  return {
    el,
    show() {
      void loadOptions();
    },
  };
}

import type { PayoutPeriodView, PayoutRowView, PayoutRunView } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { plural } from '../format';
import { callServer } from '../server';
import { banner, loading, messageOf, setBusy } from '../ui/feedback';
import { serverErrorBanner, setSelectOptions } from '../ui/form';
import { InlinePanel } from '../ui/inline-panel';
import { PayoutExport } from './payout-export';
import { PayForm } from './payout-pay-form';
import { OPEN_STATUSES, Permission, PayoutText, isOpen, renderWhyNot, runBanner, runLine } from './payout-display';
import { BulkSelection, BulkVerb, blockButtons } from '../ui/selection';

/**
 * Payouts: a period picker over one payout period. A period that has not been
 * run shows the preview (apiPreviewPayouts: nothing is written) and, for
 * managers, "Run payouts" behind an inline confirmation. A run period lists its
 * payouts with status chips and checkboxes: Approve selected (Draft → Approved),
 * Mark selected paid… (a payment reference and date, checked here first), and
 * the finance export. The server decides every step: what it changed and each
 * refusal with its reason are shown, then the period is loaded again.
 */
type Action = 'approve' | 'pay';

const VERB: Record<Action, BulkVerb> = {
  approve: { done: 'Approved', busy: 'Approving…' },
  pay: { done: 'Marked paid', busy: 'Marking paid…' },
};

export function createPayoutsView(app: App): View {
  const headingId = uid('payouts-title');
  const refresh = h('button', { type: 'button', class: 'secondary small' }, 'Refresh');
  const periodSelect = h('select', { id: uid('payouts-period') });
  const picker = h('div', { class: 'field period-field' }, h('label', { for: periodSelect.id }, 'Period'), periodSelect);
  // Why this person may not do some of it (each disabled button points at its reason), and lines changed by hand.
  const whyNot = h('div', { class: 'why-not' });
  const heldEl = h('div');
  // The outcome of the last action (and load errors): below the picker, focused when it appears.
  const result = h('div', { class: 'result' });
  const status = h('p', { class: 'muted count', role: 'status' });

  // ---- the preview (a period not run yet) ----
  const previewTitleId = uid('payouts-preview-title');
  const previewBody = h('div');
  const runButton = h('button', { type: 'button' }, 'Run payouts');
  const confirmTextId = uid('payouts-confirm-text');
  const confirmText = h('p', { id: confirmTextId });
  const confirmRun = h('button', { type: 'button', class: 'small', 'aria-describedby': confirmTextId }, 'Yes, run payouts');
  const cancelRun = h('button', { type: 'button', class: 'secondary small' }, 'Cancel');
  const confirmBox = h(
    'div',
    { class: 'move-form confirm-run', role: 'group', 'aria-label': 'Confirm the payout run', hidden: true, id: uid('payouts-confirm') },
    confirmText,
    h('div', { class: 'actions' }, confirmRun, cancelRun),
  );
  const runProblem = h('div');
  const runArea = h('div', { class: 'run-area' }, h('div', { class: 'actions' }, runButton), runProblem, confirmBox);
  const previewSection = h(
    'section',
    { class: 'payout-preview', 'aria-labelledby': previewTitleId, hidden: true },
    h('h2', { id: previewTitleId, class: 'preview-title' }, 'Preview — nothing has been written'),
    previewBody,
  );

  // ---- the payouts of a run ----
  const runTitleId = uid('payouts-run-title');
  const runTitle = h('h2', { id: runTitleId }, 'Payouts');
  const runNote = h('div');
  const runSummary = h('p', { class: 'payout-total' });
  const listEl = h('div', { class: 'payout-list' });
  const approve = h('button', { type: 'button', class: 'small' }, 'Approve selected');

  let data: PayoutPeriodView | null = null;
  /** Per action, the id of the reason this person may not do it (null: they may). */
  const whyIds: Record<Permission, string | null> = { run: null, approve: null, markPaid: null, export: null };
  let isPreview = false;
  /** The period the person picked; until then (null) the server's default, the previous period, even as days pass. */
  let picked: string | null = null;
  let busy = false;
  let request = 0;
  const text = new PayoutText(() => data?.currency ?? '');

  const pay = new PayForm(app, {
    isBusy: () => busy,
    opening: () => fill(payouts.problem),
    submitted: () => {
      if (payouts.needSelection(pay.submit) && pay.form.validateAll(() => pay.errors())) void act('pay', pay.submit);
    },
  });

  /** The open payouts of a run (Draft or Approved), under one "select all". */
  const payouts = new BulkSelection<PayoutRowView>({
    list: listEl,
    noun: 'payout',
    itemAttr: 'payout',
    groupAttr: 'all',
    idOf: (r) => r.payoutId!,
    amountOf: (r) => r.net,
    money: (amount) => text.money(amount),
    groups: () => [{ key: 'true', items: data && !isPreview ? data.rows.filter(isOpen) : [] }],
    result,
    announce: (message) => app.announce(message),
    onUpdate: (chosen) => {
      pay.submit.textContent = chosen.length ? `Mark ${plural(chosen.length, 'payout')} paid` : 'Mark paid';
    },
  });
  const confirmPanel = new InlinePanel(runButton, confirmBox, {
    cancel: cancelRun,
    isBusy: () => busy,
    onOpen: () => {
      fill(runProblem);
      confirmRun.focus();
    },
  });

  const bar = h('div', { class: 'approval-bar payout-bar' }, payouts.summary, h('div', { class: 'actions' }, approve, pay.toggle), payouts.problem, pay.el);
  const exporter = new PayoutExport(app, {
    periodStart: () => data?.period.start ?? null,
    chosen: () =>
      payouts
        .chosen()
        .filter((r) => r.status === 'Approved')
        .map((r) => r.payoutId!),
    isBusy: () => busy,
    setBusy: (b) => (busy = b),
    done: () => updateBlocked(),
    reload: () => void load(),
  });
  // Carried-forward partners and commissions still waiting (the preview has its own, inside it).
  const runExtras = h('div', { class: 'payout-extras' });
  const runSection = h(
    'section',
    { class: 'payout-run', 'aria-labelledby': runTitleId, hidden: true },
    runTitle,
    runNote,
    runSummary,
    // A plain container, not a form: the paid form lives inside it and forms cannot nest.
    h('div', { class: 'payouts' }, listEl, bar),
    exporter.area,
    runExtras,
  );

  const el = h(
    'section',
    { class: 'view payouts-view', 'aria-labelledby': headingId },
    h('div', { class: 'view-head' }, h('h1', { id: headingId, tabindex: -1 }, 'Payouts'), refresh),
    h('p', { class: 'view-links' }, h('button', { type: 'button', class: 'link', onclick: () => app.go('rules', true) }, 'Commission rules: what each rule pays')),
    picker,
    whyNot,
    result,
    status,
    heldEl,
    previewSection,
    runSection,
  );

  // ---- loading and drawing ----

  /** Loads the picked period, or the server's default (the previous period). */
  async function load(): Promise<void> {
    const mine = ++request;
    const start = picked;
    fill(status, loading(data ? 'Loading the period…' : 'Loading payouts…'));
    setBusy(refresh, 'Refreshing…');
    try {
      // No argument (not undefined) for the server's default: google.script.run sends undefined as null.
      let view = await (start ? callServer('apiGetPayouts', start) : callServer('apiGetPayouts'));
      if (mine !== request) return;
      let preview = false;
      if (view.runStatus === 'not run') {
        fill(status, loading(`Working out the preview for ${view.period.label}…`));
        view = await callServer('apiPreviewPayouts', view.period.start);
        if (mine !== request) return;
        preview = true;
      }
      show(view, preview);
    } catch (e) {
      if (mine !== request) return;
      fill(status);
      fill(result, banner('error', h('p', null, messageOf(e)), h('button', { type: 'button', class: 'secondary small', onclick: () => app.go('home', true) }, 'Go to Home')));
    } finally {
      if (mine === request) setBusy(refresh, null);
    }
  }

  function show(view: PayoutPeriodView, preview: boolean): void {
    const samePeriod = data?.period.start === view.period.start;
    data = view;
    isPreview = preview || view.runStatus === 'not run';
    if (!samePeriod) {
      payouts.clearSelection();
      payouts.clearRefusals();
      fill(exporter.result);
      pay.panel.close(false);
    }
    render();
  }

  function render(): void {
    if (!data) return;
    const periods = data.periods.some((p) => p.start === data!.period.start) ? data.periods : [{ start: data.period.start, label: data.period.label }, ...data.periods];
    setSelectOptions(
      periodSelect,
      periods.map((p, i): [string, string] => [p.start, i === 0 && p.start === data!.periods[0]?.start ? `${p.label} (previous period)` : p.label]),
    );
    periodSelect.value = data.period.start;
    renderWhyNot(data, whyNot, whyIds);
    fill(status, `${data.period.label}: ${data.period.start} to ${data.period.end}`);
    fill(
      heldEl,
      data.held?.length
        ? banner(
            'warn',
            h('p', { class: 'banner-title' }, 'Changed by hand, not counted until the tracker puts them back:'),
            h(
              'ul',
              { class: 'held' },
              data.held.map((x) => h('li', null, x)),
            ),
          )
        : null,
    );

    previewSection.hidden = !isPreview;
    runSection.hidden = isPreview;
    if (isPreview) renderPreview();
    else renderRun();
    fill(runExtras, isPreview ? null : [text.carriedBlock(data.carried, 'h2'), text.pendingNote(data, openApprovals)]);
    updateBlocked();
  }

  function renderPreview(): void {
    if (!data) return;
    const label = data.period.label;
    const rows = data.rows;
    const nothing = !rows.length && !data.carried.length;
    fill(previewBody, text.preview(data, openApprovals), nothing ? null : runArea);
    if (nothing) confirmPanel.close(false);
    runButton.textContent = `Run payouts for ${label}`;
    confirmRun.textContent = 'Yes, run payouts';
    fill(confirmText, text.runQuestion(data));
  }

  function renderRun(): void {
    if (!data) return;
    const rows = data.rows;
    runTitle.textContent = `Payouts for ${data.period.label}`;
    // Forget selections and refusals of payouts that are gone or have nothing left to do.
    payouts.keepSelected((id) => rows.some((r) => r.payoutId === id && OPEN_STATUSES.includes(r.status)));
    payouts.keepRefusals((id) => rows.some((r) => r.payoutId === id));

    if (data.runStatus === 'Running') {
      runButton.textContent = `Continue the run for ${data.period.label}`;
      confirmRun.textContent = 'Yes, continue the run';
      fill(confirmText, `Continue the run for ${data.period.label}? It picks up where it stopped: payouts already written are not made again.`);
      fill(runNote, banner('warn', h('p', null, 'This run stopped part way; a follow-up run finishes it. The payouts written so far are below.')), runArea);
    } else if (data.late.lines) {
      // Lines approved after the run: paid now by a supplementary run rather than left for next period's.
      runButton.textContent = `Pay ${plural(data.late.lines, 'late line')} now`;
      confirmRun.textContent = 'Yes, run again';
      fill(confirmText, text.lateQuestion(data));
      fill(
        runNote,
        banner(
          'warn',
          h('p', null, `${plural(data.late.lines, 'line')} (${text.money(data.late.amount)}) approved after ${data.period.label} was run ${data.late.lines === 1 ? 'is' : 'are'} payable in it.`),
        ),
        runArea,
      );
    } else {
      confirmPanel.close(false);
      fill(runNote);
    }

    if (!rows.length) {
      fill(runSummary);
      fill(listEl, h('p', { class: 'empty' }, `The run for ${data.period.label} made no payouts.`));
      bar.hidden = true;
      exporter.area.hidden = true;
      pay.panel.close(false);
      return;
    }
    const counts = ['Draft', 'Approved', 'Paid'].map((s) => [s, rows.filter((r) => r.status === s).length] as const).filter(([, n]) => n);
    fill(runSummary, `${plural(rows.length, 'payout')} · ${text.money(data.total)} in all · ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`);
    const open = rows.filter(isOpen);
    payouts.draw(
      open.length ? payouts.selectAll('true', uid('payouts-all'), 'Select all payouts not yet paid', 'Select all not yet paid') : null,
      h(
        'ul',
        { class: 'payout-rows', 'aria-labelledby': runTitleId },
        rows.map((row) => text.runRow(row, payouts)),
      ),
    );
    bar.hidden = !open.length;
    if (!open.length) pay.panel.close(false);
    exporter.area.hidden = false;
    payouts.update();
  }

  /**
   * Per action, by role: running and approving are a manager's, marking paid and
   * exporting finance's. What this person may not do is disabled and says why.
   */
  function updateBlocked(): void {
    blockButtons([runButton, confirmRun], whyIds.run);
    blockButtons([approve], whyIds.approve);
    blockButtons([pay.toggle, pay.submit, exporter.importButton], whyIds.markPaid);
    blockButtons([exporter.button, exporter.filesButton], whyIds.export);
    if (whyIds.run) confirmPanel.close(false);
    else confirmRun.setAttribute('aria-describedby', confirmTextId);
    if (whyIds.markPaid) pay.panel.close(false);
  }

  // ---- the period picker ----

  periodSelect.addEventListener('change', () => {
    // Picking the default period again goes back to following the default.
    picked = periodSelect.value && periodSelect.value !== data?.periods[0]?.start ? periodSelect.value : null;
    fill(result);
    confirmPanel.close(false);
    void load();
  });

  refresh.addEventListener('click', () => {
    fill(result);
    payouts.clearRefusals();
    void load();
  });

  // ---- running payouts ----

  confirmRun.addEventListener('click', () => void run());

  async function run(): Promise<void> {
    if (busy || !data) return;
    const start = data.period.start;
    busy = true;
    fill(runProblem);
    fill(result);
    setBusy(confirmRun, 'Running payouts…');
    const others = [cancelRun, runButton, refresh];
    others.forEach((b) => (b.disabled = true));
    periodSelect.disabled = true;
    el.setAttribute('aria-busy', 'true');
    const mine = ++request;
    let outcome: { run: PayoutRunView; view: PayoutPeriodView } | null = null;
    try {
      outcome = await callServer('apiRunPayouts', start);
    } catch (e) {
      fill(runProblem, banner('error', h('p', null, messageOf(e))));
    } finally {
      busy = false;
      setBusy(confirmRun, null);
      others.forEach((b) => (b.disabled = false));
      periodSelect.disabled = false;
      el.removeAttribute('aria-busy');
    }
    if (!outcome) {
      updateBlocked();
      confirmRun.focus();
      return;
    }
    confirmPanel.close(false);
    if (mine === request) show(outcome.view, outcome.view.runStatus === 'not run');
    else updateBlocked();
    const note = runBanner(outcome.run);
    fill(result, note);
    app.announce(runLine(outcome.run));
    window.scrollTo(0, 0);
    note.focus({ preventScroll: true });
  }

  // ---- approving and paying ----

  approve.addEventListener('click', () => {
    if (payouts.needSelection(approve)) void act('approve', approve);
  });

  function openApprovals(): void {
    app.go('approvals', true);
  }

  async function act(action: Action, button: HTMLButtonElement): Promise<void> {
    if (busy || !data) return;
    busy = true;
    const sent = await payouts.send({
      button,
      verb: VERB[action],
      others: [approve, pay.toggle, pay.submit, pay.cancel, refresh, exporter.button, exporter.filesButton, exporter.importButton],
      region: runSection,
      call: (ids) => (action === 'approve' ? callServer('apiApprovePayouts', ids) : callServer('apiMarkPayoutsPaid', ids, pay.reference(), pay.paidOn())),
      // A refused payment date or reference goes beside its field.
      failure: action === 'pay' ? (e) => serverErrorBanner(pay.form, e) : undefined,
    });
    busy = false;
    if (!sent) {
      if (action !== 'pay' || !pay.form.focusFirstInvalid()) button.focus();
      return;
    }
    if (action === 'pay' && sent.outcome.changed.length) pay.panel.close(false);
    payouts.report(VERB[action], sent);
    await load();
  }

  return {
    el,
    show() {
      if (busy) return;
      // A fresh look: last time's outcome would describe a period that may have changed since.
      fill(result);
      fill(exporter.result);
      payouts.clearRefusals();
      void pay.learnToday();
      void load();
    },
  };
}

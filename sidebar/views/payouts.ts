import type { CarriedView, PayoutExportView, PayoutPeriodView, PayoutRowView, PayoutRunView } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { Child, fill, h, uid } from '../dom';
import { formatMoney, localIsoDate, plural, sentence, utcDateOf } from '../format';
import { statusClass } from '../lead-moves';
import { callServer } from '../server';
import { groupRefusals } from '../team-rules';
import { BannerKind, banner, loading, messageOf, setBusy } from '../ui/feedback';
import { FormModel, serverErrorBanner, setSelectOptions } from '../ui/form';
import { InlinePanel } from '../ui/inline-panel';
import { BulkSelection, BulkVerb, blockButtons, cssId } from '../ui/selection';

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

type Permission = keyof PayoutPeriodView['permissions'];
const ACTIONS: Permission[] = ['run', 'approve', 'markPaid', 'export'];

/** The server's per-action permissions; from canManage/whyNot if it sent none (run, approve and pay: managers). */
function permissionsOf(view: PayoutPeriodView): PayoutPeriodView['permissions'] {
  if (view.permissions) return view.permissions;
  const why = view.canManage ? null : (view.whyNot ?? 'Only managers can run, approve and pay payouts.');
  return { run: why, approve: why, markPaid: why, export: null };
}

/** Payouts a person can still move on: Draft → Approved → Paid. */
const OPEN_STATUSES = ['Draft', 'Approved'];

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
  const payToggle = h('button', { type: 'button', class: 'secondary small' }, 'Mark selected paid…');

  const paidForm = new FormModel('paid');
  const paySubmit = h('button', { type: 'submit', class: 'small' }, 'Mark paid');
  const payCancel = h('button', { type: 'button', class: 'secondary small' }, 'Cancel');
  const payFormEl = h(
    'form',
    { class: 'move-form pay-form', novalidate: true, 'aria-label': 'Mark the selected payouts paid', hidden: true, id: uid('pay-form') },
    paidForm.input({ name: 'reference', label: 'Payment reference', required: true, maxlength: 200, hint: 'The bank or PayPal transfer reference, as on the statement.' }),
    paidForm.input({ name: 'paidOn', label: 'Paid on', type: 'date', required: true }),
    h('div', { class: 'actions' }, paySubmit, payCancel),
  );

  let data: PayoutPeriodView | null = null;
  /** Per action, the id of the reason this person may not do it (null: they may). */
  const whyIds: Record<Permission, string | null> = { run: null, approve: null, markPaid: null, export: null };
  let isPreview = false;
  /** The period the person picked; until then (null) the server's default, the previous period, even as days pass. */
  let picked: string | null = null;
  let busy = false;
  let request = 0;
  let today = localIsoDate(new Date());

  /** The open payouts of a run (Draft or Approved), under one "select all". */
  const payouts = new BulkSelection<PayoutRowView>({
    list: listEl,
    noun: 'payout',
    itemAttr: 'payout',
    groupAttr: 'all',
    idOf: (r) => r.payoutId!,
    amountOf: (r) => r.net,
    money,
    groups: () => [{ key: 'true', items: data && !isPreview ? data.rows.filter(isOpen) : [] }],
    result,
    announce: (message) => app.announce(message),
    onUpdate: (chosen) => {
      paySubmit.textContent = chosen.length ? `Mark ${plural(chosen.length, 'payout')} paid` : 'Mark paid';
    },
  });
  const payPanel = new InlinePanel(payToggle, payFormEl, {
    cancel: payCancel,
    isBusy: () => busy,
    onOpen: () => {
      fill(payouts.problem);
      paidForm.reset();
      paidForm.set('paidOn', today);
      paidForm.focusFirst();
      // Fresh: the sidebar may have been open since yesterday.
      void learnToday(true);
    },
    onClose: () => paidForm.reset(),
  });
  const confirmPanel = new InlinePanel(runButton, confirmBox, {
    cancel: cancelRun,
    isBusy: () => busy,
    onOpen: () => {
      fill(runProblem);
      confirmRun.focus();
    },
  });
  const bar = h('div', { class: 'approval-bar payout-bar' }, payouts.summary, h('div', { class: 'actions' }, approve, payToggle), payouts.problem, payFormEl);
  const exportButton = h('button', { type: 'button', class: 'secondary small' }, 'Export approved payouts (CSV)');
  const exportResult = h('div', { class: 'export-result' });
  const exportArea = h('div', { class: 'export-area' }, h('div', { class: 'actions' }, exportButton), exportResult);
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
    exportArea,
    runExtras,
  );

  const el = h(
    'section',
    { class: 'view payouts-view', 'aria-labelledby': headingId },
    h('div', { class: 'view-head' }, h('h1', { id: headingId, tabindex: -1 }, 'Payouts'), refresh),
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
      fill(
        result,
        banner('error', h('p', null, messageOf(e)), h('button', { type: 'button', class: 'secondary small', onclick: () => app.go('home', true) }, 'Go to Home')),
      );
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
      fill(exportResult);
      payPanel.close(false);
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
    renderWhyNot(data);
    fill(status, `${data.period.label}: ${data.period.start} to ${data.period.end}`);
    fill(
      heldEl,
      data.held?.length
        ? banner('warn', h('p', { class: 'banner-title' }, 'Changed by hand, not counted until the tracker puts them back:'), h('ul', { class: 'held' }, data.held.map((x) => h('li', null, x))))
        : null,
    );

    previewSection.hidden = !isPreview;
    runSection.hidden = isPreview;
    if (isPreview) renderPreview();
    else renderRun();
    fill(runExtras, isPreview ? null : [carriedBlock(data.carried, 'h2'), pendingNote()]);
    updateBlocked();
  }

  function renderPreview(): void {
    if (!data) return;
    const label = data.period.label;
    const rows = data.rows;
    const nothing = !rows.length && !data.carried.length;
    fill(
      previewBody,
      h('p', { class: 'muted' }, `What a run for ${label} would write now, from the approved commissions not yet in a payout.`),
      rows.length
        ? [
            h('ul', { class: 'payout-rows', 'aria-label': `Payouts a run for ${label} would make` }, rows.map((r) => previewRow(r))),
            h('p', { class: 'payout-total' }, `Total to pay: ${money(data.total)} to ${plural(rows.length, 'partner')}`),
          ]
        : h('p', { class: 'empty' }, `Nothing to pay for ${label}.`),
      carriedBlock(data.carried, 'h3'),
      pendingNote(),
      nothing ? null : runArea,
    );
    if (nothing) confirmPanel.close(false);
    runButton.textContent = `Run payouts for ${label}`;
    confirmRun.textContent = 'Yes, run payouts';
    fill(
      confirmText,
      `Run payouts for ${label}? This writes ${plural(rows.length, 'Draft payout')}${rows.length ? ` (${money(data.total)})` : ''} to the Payouts tab`,
      data.carried.length ? `, carries ${plural(data.carried.length, 'partner')} forward` : '',
      ' and emails the managers a summary. Nothing is paid until a payout is approved and marked paid.',
    );
  }

  function previewRow(row: PayoutRowView): HTMLElement {
    return h(
      'li',
      { class: 'payout-row', 'data-partner': row.partnerId },
      h('span', { class: 'line-top' }, h('span', { class: 'line-lead' }, row.partnerName || row.partnerId), ' ', h('span', { class: 'line-amount' }, money(row.net))),
      ' ',
      h('span', { class: 'lead-meta' }, figures(row)),
    );
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
    } else {
      confirmPanel.close(false);
      fill(runNote);
    }

    if (!rows.length) {
      fill(runSummary);
      fill(listEl, h('p', { class: 'empty' }, `The run for ${data.period.label} made no payouts.`));
      bar.hidden = true;
      exportArea.hidden = true;
      payPanel.close(false);
      return;
    }
    const counts = ['Draft', 'Approved', 'Paid'].map((s) => [s, rows.filter((r) => r.status === s).length] as const).filter(([, n]) => n);
    fill(runSummary, `${plural(rows.length, 'payout')} · ${money(data.total)} in all · ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`);
    const open = rows.filter(isOpen);
    payouts.draw(
      open.length ? payouts.selectAll('true', uid('payouts-all'), 'Select all payouts not yet paid', 'Select all not yet paid') : null,
      h('ul', { class: 'payout-rows', 'aria-labelledby': runTitleId }, rows.map(runRow)),
    );
    bar.hidden = !open.length;
    if (!open.length) payPanel.close(false);
    exportArea.hidden = false;
    payouts.update();
  }

  function runRow(row: PayoutRowView): HTMLElement {
    const id = `payouts-row-${cssId(row.payoutId ?? row.partnerId)}`;
    const refused = Boolean(row.payoutId) && payouts.isRefused(row.payoutId!);
    const paidOn = row.status === 'Paid' && utcDateOf(row.paidAt) ? `Paid on ${utcDateOf(row.paidAt)}` : '';
    const reference = row.status === 'Paid' && row.paymentReference ? `Reference ${row.paymentReference}` : '';
    const text: Child[] = [
      h('span', { class: 'line-top' }, h('span', { class: 'line-lead' }, row.partnerName || row.partnerId), ' ', h('span', { class: 'line-amount' }, money(row.net))),
      ' ',
      h('span', { class: 'lead-meta' }, figures(row)),
      ' ',
      h('span', { class: 'payout-id' }, h('span', { class: 'lead-meta' }, row.payoutId ?? ''), ' ', chip(row.status)),
      paidOn ? [' ', h('span', { class: 'lead-meta' }, paidOn)] : null,
      reference ? [' ', h('span', { class: 'lead-meta' }, reference)] : null,
    ];
    const note = row.payoutId ? payouts.refusalNote(row.payoutId, id) : null;
    const attrs = { class: `payout-row check${refused ? ' refused' : ''}`, 'data-id': row.payoutId ?? '', 'data-status': row.status };
    if (!isOpen(row)) {
      // Paid: nothing left to do, so no checkbox; the spacer keeps the columns lined up.
      return h('li', attrs, h('span', { class: 'check-spacer', 'aria-hidden': 'true' }), h('div', { class: 'payout-text' }, text), note);
    }
    return h('li', attrs, payouts.checkbox(row.payoutId!, id), h('label', { for: id }, text), note);
  }

  /** `level`: h3 inside the preview (under its h2), h2 under a run's payouts. */
  function carriedBlock(carried: CarriedView[], level: 'h2' | 'h3'): Child {
    if (!carried.length || !data) return null;
    const titleId = uid('payouts-carried');
    return h(
      'section',
      { class: 'payout-carried', 'aria-labelledby': titleId },
      h(level, { id: titleId }, 'Carried forward'),
      h(
        'ul',
        { class: 'payout-rows' },
        carried.map((c) =>
          h(
            'li',
            { class: 'payout-row carried', 'data-partner': c.partnerId },
            h('span', { class: 'line-top' }, h('span', { class: 'line-lead' }, c.partnerName || c.partnerId), ' ', h('span', { class: 'line-amount' }, money(c.net))),
            ' ',
            h('span', { class: 'lead-meta' }, sentence(c.reason)),
          ),
        ),
      ),
    );
  }

  function pendingNote(): Child {
    if (!data || !data.pendingApproval.lines) return null;
    const { lines, amount } = data.pendingApproval;
    return h(
      'p',
      { class: 'pending-note' },
      `${plural(lines, 'commission line')} (${money(amount)}) ${lines === 1 ? 'is' : 'are'} still waiting for approval or not yet payable, so ${lines === 1 ? 'it is' : 'they are'} not in this period’s payouts. `,
      h('button', { type: 'button', class: 'link', onclick: () => app.go('approvals', true) }, 'Open Approvals'),
    );
  }

  /**
   * The server's reasons this person may not run, approve, mark paid or export
   * (each names the role it needs), once each, at the top of the view, with what
   * they share (who you are, who can grant the role) said once; every disabled
   * button points at its own reason and that shared part.
   */
  function renderWhyNot(view: PayoutPeriodView): void {
    const reasons = permissionsOf(view);
    const group = groupRefusals(ACTIONS.map((a) => reasons[a]));
    const itemIds = group.items.map(() => uid('payouts-why-not'));
    const sharedId = group.shared ? uid('payouts-why-not-shared') : null;
    ACTIONS.forEach((action, i) => {
      const item = group.itemOf[i];
      whyIds[action] = item === null ? null : [itemIds[item], sharedId].filter(Boolean).join(' ');
    });
    if (!group.items.length) fill(whyNot);
    else if (group.items.length === 1) fill(whyNot, banner('warn', h('p', { id: itemIds[0] }, sentence(group.items[0]))));
    else {
      fill(
        whyNot,
        banner(
          'warn',
          h('p', null, 'Some of this needs a role you do not have:'),
          h('ul', null, group.items.map((item, i) => h('li', { id: itemIds[i] }, sentence(item)))),
          group.shared ? h('p', { id: sharedId }, sentence(group.shared)) : null,
        ),
      );
    }
  }

  /**
   * Per action, by role: running and approving are a manager's, marking paid and
   * exporting finance's. What this person may not do is disabled and says why.
   */
  function updateBlocked(): void {
    blockButtons([runButton, confirmRun], whyIds.run);
    blockButtons([approve], whyIds.approve);
    blockButtons([payToggle, paySubmit], whyIds.markPaid);
    blockButtons([exportButton], whyIds.export);
    if (whyIds.run) confirmPanel.close(false);
    else confirmRun.setAttribute('aria-describedby', confirmTextId);
    if (whyIds.markPaid) payPanel.close(false);
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

  function runLine(r: PayoutRunView): string {
    const made = r.created.length ? `${plural(r.created.length, 'Draft payout')} written` : 'No new payouts written';
    return `${made}${r.carried ? `; ${plural(r.carried, 'partner')} carried forward` : ''}.`;
  }

  function runBanner(r: PayoutRunView): HTMLDivElement {
    const kind: BannerKind = r.status === 'complete' ? 'ok' : 'warn';
    const title = r.status === 'complete' ? 'Payout run finished' : r.status === 'continuing' ? 'Payout run continuing' : 'Already run';
    return banner(
      kind,
      h('p', { class: 'banner-title' }, title),
      r.message ? h('p', null, sentence(r.message)) : null,
      h('p', null, runLine(r)),
      r.recovered.length ? h('p', null, `Rebuilt after an earlier run stopped half way: ${r.recovered.join(', ')}.`) : null,
    );
  }

  // ---- approving and paying ----

  approve.addEventListener('click', () => {
    if (payouts.needSelection(approve)) void act('approve', approve);
  });
  payFormEl.addEventListener('submit', (e) => {
    e.preventDefault();
    e.stopPropagation();
    if (payouts.needSelection(paySubmit) && paidForm.validateAll(validatePay)) void act('pay', paySubmit);
  });
  paidForm.validateOnBlur(validatePay);

  function validatePay(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!paidForm.get('reference').trim()) errors.reference = 'Payment reference is required: the transfer’s reference, so the payment can be traced.';
    const paidOn = paidForm.get('paidOn').trim();
    if (!paidOn) errors.paidOn = 'Paid on is required.';
    else if (!isCalendarDate(paidOn)) errors.paidOn = 'Paid on must be a date (YYYY-MM-DD).';
    else if (paidOn > today) errors.paidOn = `Paid on cannot be in the future (today is ${today}).`;
    return errors;
  }

  /** Today in the spreadsheet's time zone, once known (the browser's until then): the default and latest "paid on". */
  async function learnToday(fresh = false): Promise<void> {
    try {
      const o = await app.options(fresh);
      if (o.today && o.today !== today) {
        if (!payFormEl.hidden && paidForm.get('paidOn') === today) paidForm.set('paidOn', o.today);
        today = o.today;
      }
    } catch {
      // Keep the browser's date; the server checks the date again.
    }
  }

  async function act(action: Action, button: HTMLButtonElement): Promise<void> {
    if (busy || !data) return;
    busy = true;
    const sent = await payouts.send({
      button,
      verb: VERB[action],
      others: [approve, payToggle, paySubmit, payCancel, refresh, exportButton],
      region: runSection,
      call: (ids) =>
        action === 'approve'
          ? callServer('apiApprovePayouts', ids)
          : callServer('apiMarkPayoutsPaid', ids, paidForm.get('reference').trim(), paidForm.get('paidOn').trim()),
      // A refused payment date or reference goes beside its field.
      failure: action === 'pay' ? (e) => serverErrorBanner(paidForm, e) : undefined,
    });
    busy = false;
    if (!sent) {
      if (action !== 'pay' || !paidForm.focusFirstInvalid()) button.focus();
      return;
    }
    if (action === 'pay' && sent.outcome.changed.length) payPanel.close(false);
    payouts.report(VERB[action], sent);
    await load();
  }

  // ---- the finance export ----

  exportButton.addEventListener('click', () => void exportPayouts());

  async function exportPayouts(): Promise<void> {
    if (busy || !data) return;
    busy = true;
    fill(exportResult);
    setBusy(exportButton, 'Exporting…');
    let done: PayoutExportView | null = null;
    try {
      done = await callServer('apiExportPayouts', data.period.start);
    } catch (e) {
      fill(exportResult, banner('error', h('p', null, messageOf(e))));
    } finally {
      busy = false;
      setBusy(exportButton, null);
      updateBlocked();
    }
    if (!done) {
      exportButton.focus();
      return;
    }
    const note = banner(
      done.rows ? 'ok' : 'warn',
      h('p', { class: 'banner-title' }, done.rows ? `Exported ${plural(done.rows, 'approved payout')}` : 'No approved payouts to export'),
      h('p', null, 'File: ', h('span', { class: 'file-name' }, done.fileName)),
      done.url ? h('p', null, h('a', { href: done.url, target: '_blank', rel: 'noopener' }, 'Open the CSV file', h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'))) : null,
    );
    fill(exportResult, note);
    app.announce(done.rows ? `Exported ${plural(done.rows, 'approved payout')} to ${done.fileName}.` : `No approved payouts to export; wrote ${done.fileName}.`);
    note.focus();
  }

  // ---- helpers ----

  function money(amount: number): string {
    return formatMoney(amount, data?.currency ?? '');
  }

  function figures(row: PayoutRowView): string {
    return `Gross ${money(row.gross)} · Clawbacks ${money(row.clawbacks)} · ${plural(row.lines, 'line')}`;
  }

  return {
    el,
    show() {
      if (busy) return;
      // A fresh look: last time's outcome would describe a period that may have changed since.
      fill(result);
      fill(exportResult);
      payouts.clearRefusals();
      void learnToday();
      void load();
    },
  };
}

function isOpen(row: PayoutRowView): boolean {
  return Boolean(row.payoutId) && OPEN_STATUSES.includes(row.status);
}

function chip(status: string): HTMLElement {
  return h('span', { class: `chip ${statusClass(status)}` }, status || 'No status');
}

/** A real YYYY-MM-DD date (not 2026-02-30). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

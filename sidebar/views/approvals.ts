import type { ApprovalGroup, ApprovalsList, CommissionView } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { formatMoney, plural, sentence } from '../format';
import { callServer } from '../server';
import { banner, loading, messageOf, setBusy } from '../ui/feedback';
import { FormModel } from '../ui/form';
import { InlinePanel } from '../ui/inline-panel';
import { BulkSelection, BulkVerb, blockButtons, cssId } from '../ui/selection';

/**
 * Approvals: payable commissions grouped by partner (a fieldset each, with a
 * "select all"), a running total of the selection, and bulk Approve / Void.
 * Voiding asks for a reason first. The server decides: what it changed and
 * every refusal with its reason are shown, then the list is loaded again.
 */
type Action = 'approve' | 'void';

const VERB: Record<Action, BulkVerb> = {
  approve: { done: 'Approved', busy: 'Approving…' },
  void: { done: 'Voided', busy: 'Voiding…' },
};

export function createApprovalsView(app: App): View {
  const headingId = uid('approvals-title');
  const refresh = h('button', { type: 'button', class: 'secondary small' }, 'Refresh');
  const whyNot = h('div', { id: uid('approvals-why-not') });
  // The outcome of the last action (and load errors): below the heading, focused when it appears.
  const result = h('div', { class: 'result' });
  const summary = h('p', { class: 'muted count', role: 'status' });
  const groupsEl = h('div', { class: 'approval-groups' });

  const approve = h('button', { type: 'button', class: 'small' }, 'Approve selected');
  const voidToggle = h('button', { type: 'button', class: 'secondary small' }, 'Void selected…');

  const voidForm = new FormModel('void');
  const voidSubmit = h('button', { type: 'submit', class: 'small' }, 'Void selected');
  const voidCancel = h('button', { type: 'button', class: 'secondary small' }, 'Cancel');
  const voidFormEl = h(
    'form',
    { class: 'move-form void-form', novalidate: true, 'aria-label': 'Void the selected commissions', hidden: true, id: uid('void-form') },
    voidForm.textarea({ name: 'reason', label: 'Reason for voiding', required: true, rows: 2, maxlength: 500, hint: 'Recorded on each voided line and in the Audit Log.' }),
    h('div', { class: 'actions' }, voidSubmit, voidCancel),
  );

  let data: ApprovalsList | null = null;
  let busy = false;
  let request = 0;

  const lines = new BulkSelection<CommissionView>({
    list: groupsEl,
    noun: 'line',
    itemAttr: 'line',
    groupAttr: 'group',
    idOf: (l) => l.id,
    amountOf: (l) => l.amount,
    money,
    groups: () => (data ? data.groups.map((g) => ({ key: groupKey(g), items: g.lines })) : []),
    result,
    announce: (message) => app.announce(message),
    onUpdate: (chosen) => {
      voidSubmit.textContent = chosen.length ? `Void ${plural(chosen.length, 'line')}` : 'Void selected';
    },
  });
  const voidPanel = new InlinePanel(voidToggle, voidFormEl, {
    cancel: voidCancel,
    isBusy: () => busy,
    onOpen: () => {
      fill(lines.problem);
      voidForm.focusFirst();
    },
    onClose: () => voidForm.reset(),
  });

  const bar = h('div', { class: 'approval-bar', hidden: true }, lines.summary, h('div', { class: 'actions' }, approve, voidToggle), lines.problem, voidFormEl);
  // A plain container, not a form: the void form lives inside it and forms cannot nest.
  const body = h('div', { class: 'approvals' }, groupsEl, bar);
  const el = h('section', { class: 'view approvals-view' }, h('div', { class: 'view-head' }, h('h1', { id: headingId, tabindex: -1 }, 'Approvals'), refresh), whyNot, result, summary, body);

  // ---- loading and drawing ----

  async function load(): Promise<void> {
    const mine = ++request;
    if (!data) fill(summary, loading('Loading commissions…'));
    setBusy(refresh, 'Refreshing…');
    try {
      const list = await callServer('apiListApprovals');
      if (mine !== request) return;
      data = list;
      render();
    } catch (e) {
      if (mine !== request) return;
      fill(summary);
      fill(result, banner('error', h('p', null, messageOf(e)), h('button', { type: 'button', class: 'secondary small', onclick: () => app.go('home', true) }, 'Go to Home')));
    } finally {
      if (mine === request) setBusy(refresh, null);
    }
  }

  function render(): void {
    if (!data) return;
    const all = data.groups.flatMap((g) => g.lines);
    // Forget selections of lines that are no longer waiting (approved, voided, or changed elsewhere).
    const shown = (id: string) => all.some((l) => l.id === id);
    lines.keepSelected(shown);
    lines.keepRefusals(shown);

    fill(whyNot, !data.canApprove ? banner('warn', h('p', null, sentence(data.whyNot ?? 'You cannot approve commissions.'))) : null);
    if (!all.length) {
      fill(summary);
      fill(groupsEl, h('p', { class: 'empty' }, 'No commissions are waiting for approval.'));
      bar.hidden = true;
      voidPanel.close(false);
      return;
    }
    const partners = data.groups.length;
    fill(summary, `${plural(all.length, 'line')} from ${plural(partners, 'partner')} · ${money(data.total)} in all`);
    lines.draw(data.groups.map(renderGroup));
    bar.hidden = false;
    const blocked = !data.canApprove;
    blockButtons([approve, voidToggle, voidSubmit], blocked ? whyNot.id : null);
    if (blocked) voidPanel.close(false);
    lines.update();
  }

  function groupKey(g: ApprovalGroup): string {
    return g.partnerId || g.partnerName;
  }

  function renderGroup(group: ApprovalGroup): HTMLElement {
    const name = group.partnerName || group.partnerId || 'No partner';
    const key = groupKey(group);
    return h(
      'fieldset',
      { class: 'approval-group', 'data-partner': key },
      h('legend', null, h('span', { class: 'group-name' }, name), ' ', h('span', { class: 'group-meta' }, `${plural(group.lines.length, 'line')} · ${money(group.total)}`)),
      lines.selectAll(key, `approvals-all-${cssId(key)}`, `Select all for ${name}`, 'Select all'),
      h('ul', { class: 'approval-lines' }, group.lines.map(renderLine)),
    );
  }

  function renderLine(line: CommissionView): HTMLElement {
    const id = `approvals-line-${cssId(line.id)}`;
    const how = line.rate === null ? 'flat' : `${percent(line.rate)} of ${money(line.dealAmount)}`;
    return h(
      'li',
      { class: `approval-line check${lines.isRefused(line.id) ? ' refused' : ''}`, 'data-id': line.id },
      lines.checkbox(line.id, id),
      h(
        'label',
        { for: id },
        h('span', { class: 'line-top' }, h('span', { class: 'line-lead' }, `${line.leadId} · ${line.company}`), ' ', h('span', { class: 'line-amount' }, money(line.amount))),
        ' ',
        h('span', { class: 'lead-meta' }, `${line.kind || 'Commission'} · ${how}`),
        ' ',
        h('span', { class: 'lead-meta' }, `Payable since ${line.payableOn} · ${line.id}`),
      ),
      lines.refusalNote(line.id, id),
    );
  }

  // ---- actions ----

  approve.addEventListener('click', () => {
    if (lines.needSelection(approve)) void act('approve', approve, '');
  });
  voidFormEl.addEventListener('submit', (e) => {
    e.preventDefault();
    e.stopPropagation();
    if (lines.needSelection(voidSubmit) && voidForm.validateAll(validateVoid)) void act('void', voidSubmit, voidForm.get('reason').trim());
  });
  voidForm.validateOnBlur(validateVoid);

  function validateVoid(): Record<string, string> {
    return voidForm.get('reason').trim() ? {} : { reason: 'Reason for voiding is required: say why these commissions will not be paid.' };
  }

  async function act(action: Action, button: HTMLButtonElement, reason: string): Promise<void> {
    if (busy || !data) return;
    busy = true;
    const sent = await lines.send({
      button,
      verb: VERB[action],
      others: [approve, voidToggle, voidSubmit, voidCancel, refresh],
      region: body,
      call: (ids) => (action === 'approve' ? callServer('apiApproveCommissions', ids) : callServer('apiVoidCommissions', ids, reason)),
    });
    busy = false;
    if (!sent) {
      button.focus();
      return;
    }
    if (action === 'void' && sent.outcome.changed.length) voidPanel.close(false);
    lines.report(VERB[action], sent);
    await load();
  }

  refresh.addEventListener('click', () => {
    fill(result);
    lines.clearRefusals();
    void load();
  });

  function money(amount: number): string {
    return formatMoney(amount, data?.currency ?? '');
  }

  return {
    el,
    show() {
      if (busy) return;
      // A fresh look: last time's outcome would describe a list that may have changed since.
      fill(result);
      lines.clearRefusals();
      void load();
    },
  };
}

/** 0.2 → "20%", 0.125 → "12.5%". */
function percent(rate: number): string {
  return new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2 }).format(rate);
}

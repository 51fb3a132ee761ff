import type { ApprovalGroup, ApprovalsList, BulkCommissionResult, CommissionView } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { formatMoney, sentence } from '../format';
import { callServer } from '../server';
import { BannerKind, banner, loading, messageOf, setBusy } from '../ui/feedback';
import { FormModel } from '../ui/form';

/**
 * Approvals: payable commissions grouped by partner (a fieldset each, with a
 * "select all"), a running total of the selection, and bulk Approve / Void.
 * Voiding asks for a reason first. The server decides: what it changed and
 * every refusal with its reason are shown, then the list is loaded again.
 */
type Action = 'approve' | 'void';

const VERB: Record<Action, { done: string; busy: string }> = {
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

  const selection = h('p', { class: 'selection', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const approve = h('button', { type: 'button', class: 'small' }, 'Approve selected');
  const voidToggle = h('button', { type: 'button', class: 'secondary small', 'aria-expanded': 'false' }, 'Void selected…');
  // Problems with the current action (nothing selected, the server failing) show beside the buttons.
  const problem = h('div');

  const voidForm = new FormModel('void');
  const voidSubmit = h('button', { type: 'submit', class: 'small' }, 'Void selected');
  const voidCancel = h('button', { type: 'button', class: 'secondary small' }, 'Cancel');
  const voidFormEl = h(
    'form',
    { class: 'move-form void-form', novalidate: true, 'aria-label': 'Void the selected commissions', hidden: true, id: uid('void-form') },
    voidForm.textarea({ name: 'reason', label: 'Reason for voiding', required: true, rows: 2, maxlength: 500, hint: 'Recorded on each voided line and in the Audit Log.' }),
    h('div', { class: 'actions' }, voidSubmit, voidCancel),
  );
  voidToggle.setAttribute('aria-controls', voidFormEl.id);

  const bar = h('div', { class: 'approval-bar', hidden: true }, selection, h('div', { class: 'actions' }, approve, voidToggle), problem, voidFormEl);
  // A plain container, not a form: the void form lives inside it and forms cannot nest.
  const body = h('div', { class: 'approvals' }, groupsEl, bar);
  const el = h(
    'section',
    { class: 'view approvals-view' },
    h('div', { class: 'view-head' }, h('h1', { id: headingId, tabindex: -1 }, 'Approvals'), refresh),
    whyNot,
    result,
    summary,
    body,
  );

  let data: ApprovalsList | null = null;
  const selected = new Set<string>();
  /** Refusals from the last action, shown under their lines until the next one. */
  let refusals = new Map<string, string>();
  let busy = false;
  let request = 0;

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
      fill(
        result,
        banner('error', h('p', null, messageOf(e)), h('button', { type: 'button', class: 'secondary small', onclick: () => app.go('home', true) }, 'Go to Home')),
      );
    } finally {
      if (mine === request) setBusy(refresh, null);
    }
  }

  function allLines(): CommissionView[] {
    return data ? data.groups.flatMap((g) => g.lines) : [];
  }

  function render(): void {
    if (!data) return;
    const lines = allLines();
    // Forget selections of lines that are no longer waiting (approved, voided, or changed elsewhere).
    for (const id of [...selected]) if (!lines.some((l) => l.id === id)) selected.delete(id);
    for (const id of [...refusals.keys()]) if (!lines.some((l) => l.id === id)) refusals.delete(id);

    fill(whyNot, !data.canApprove ? banner('warn', h('p', null, sentence(data.whyNot ?? 'You cannot approve commissions.'))) : null);
    if (!lines.length) {
      fill(summary);
      fill(groupsEl, h('p', { class: 'empty' }, 'No commissions are waiting for approval.'));
      bar.hidden = true;
      closeVoid(false);
      return;
    }
    const partners = data.groups.length;
    fill(summary, `${plural(lines.length, 'line')} from ${plural(partners, 'partner')} · ${money(data.total)} in all`);
    // Redrawing replaces the checkboxes: keep keyboard focus on the same one.
    const focused = document.activeElement instanceof HTMLInputElement && groupsEl.contains(document.activeElement) ? document.activeElement.id : null;
    fill(groupsEl, data.groups.map(renderGroup));
    if (focused) document.getElementById(focused)?.focus();
    bar.hidden = false;
    const blocked = !data.canApprove;
    for (const b of [approve, voidToggle, voidSubmit]) {
      b.disabled = blocked;
      if (blocked) {
        b.setAttribute('aria-disabled', 'true');
        b.setAttribute('aria-describedby', whyNot.id);
      } else {
        b.removeAttribute('aria-disabled');
        b.removeAttribute('aria-describedby');
      }
    }
    if (blocked) closeVoid(false);
    updateSelection();
  }

  function groupKey(g: ApprovalGroup): string {
    return g.partnerId || g.partnerName;
  }

  function renderGroup(group: ApprovalGroup): HTMLElement {
    const name = group.partnerName || group.partnerId || 'No partner';
    const key = groupKey(group);
    const all = h('input', { type: 'checkbox', id: `approvals-all-${cssId(key)}`, 'data-group': key, 'aria-label': `Select all for ${name}` });
    return h(
      'fieldset',
      { class: 'approval-group', 'data-partner': key },
      h(
        'legend',
        null,
        h('span', { class: 'group-name' }, name),
        ' ',
        h('span', { class: 'group-meta' }, `${plural(group.lines.length, 'line')} · ${money(group.total)}`),
      ),
      h('div', { class: 'check select-all' }, all, h('label', { for: all.id }, 'Select all')),
      h('ul', { class: 'approval-lines' }, group.lines.map(renderLine)),
    );
  }

  function renderLine(line: CommissionView): HTMLElement {
    const id = `approvals-line-${cssId(line.id)}`;
    const box = h('input', { type: 'checkbox', id, 'data-line': line.id });
    box.checked = selected.has(line.id);
    const refusal = refusals.get(line.id);
    const noteId = refusal ? `${id}-refused` : null;
    if (noteId) box.setAttribute('aria-describedby', noteId);
    const how = line.rate === null ? 'flat' : `${percent(line.rate)} of ${money(line.dealAmount)}`;
    return h(
      'li',
      { class: `approval-line check${refusal ? ' refused' : ''}`, 'data-id': line.id },
      box,
      h(
        'label',
        { for: id },
        h('span', { class: 'line-top' }, h('span', { class: 'line-lead' }, `${line.leadId} · ${line.company}`), ' ', h('span', { class: 'line-amount' }, money(line.amount))),
        ' ',
        h('span', { class: 'lead-meta' }, `${line.kind || 'Commission'} · ${how}`),
        ' ',
        h('span', { class: 'lead-meta' }, `Payable since ${line.payableOn} · ${line.id}`),
      ),
      refusal ? h('p', { class: 'line-note', id: noteId }, `Refused: ${sentence(refusal)}`) : null,
    );
  }

  /** The running total, and each group's "select all" (checked, mixed or clear). */
  function updateSelection(): void {
    if (!data) return;
    for (const group of data.groups) {
      const box = groupsEl.querySelector<HTMLInputElement>(`input[data-group="${cssEscape(groupKey(group))}"]`);
      if (!box) continue;
      const n = group.lines.filter((l) => selected.has(l.id)).length;
      box.checked = n > 0 && n === group.lines.length;
      box.indeterminate = n > 0 && n < group.lines.length;
    }
    const chosen = chosenLines();
    fill(selection, chosen.length ? `Selected: ${plural(chosen.length, 'line')}, ${money(sum(chosen))}` : 'Selected: none');
    voidSubmit.textContent = chosen.length ? `Void ${plural(chosen.length, 'line')}` : 'Void selected';
  }

  function chosenLines(): CommissionView[] {
    return allLines().filter((l) => selected.has(l.id));
  }

  body.addEventListener('change', (e) => {
    const box = e.target as HTMLInputElement;
    if (box.type !== 'checkbox' || !data) return;
    if (box.dataset.line) {
      if (box.checked) selected.add(box.dataset.line);
      else selected.delete(box.dataset.line);
    } else if (box.dataset.group !== undefined) {
      const group = data.groups.find((g) => groupKey(g) === box.dataset.group);
      for (const line of group?.lines ?? []) {
        if (box.checked) selected.add(line.id);
        else selected.delete(line.id);
        const lineBox = groupsEl.querySelector<HTMLInputElement>(`input[data-line="${cssEscape(line.id)}"]`);
        if (lineBox) lineBox.checked = box.checked;
      }
    }
    fill(problem);
    updateSelection();
  });

  // ---- actions ----

  approve.addEventListener('click', () => {
    if (needSelection(approve)) void act('approve', approve, '');
  });
  voidToggle.addEventListener('click', () => {
    if (voidFormEl.hidden) openVoid();
    else closeVoid(true);
  });
  voidCancel.addEventListener('click', () => closeVoid(true));
  voidFormEl.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !busy) {
      e.preventDefault();
      closeVoid(true);
    }
  });
  voidFormEl.addEventListener('submit', (e) => {
    e.preventDefault();
    e.stopPropagation();
    if (!needSelection(voidSubmit)) return;
    voidForm.touchAll();
    const errors = validateVoid();
    if (Object.keys(errors).length) {
      voidForm.showErrors(errors);
      voidForm.focusFirstInvalid();
      return;
    }
    voidForm.clearErrors();
    void act('void', voidSubmit, voidForm.get('reason').trim());
  });
  voidForm.validateOnBlur(validateVoid);

  function validateVoid(): Record<string, string> {
    return voidForm.get('reason').trim() ? {} : { reason: 'Reason for voiding is required: say why these commissions will not be paid.' };
  }

  function openVoid(): void {
    fill(problem);
    voidFormEl.hidden = false;
    voidToggle.setAttribute('aria-expanded', 'true');
    voidToggle.classList.add('pressed');
    voidForm.focusFirst();
  }

  function closeVoid(returnFocus: boolean): void {
    if (voidFormEl.hidden) return;
    voidForm.reset();
    voidFormEl.hidden = true;
    voidToggle.setAttribute('aria-expanded', 'false');
    voidToggle.classList.remove('pressed');
    if (returnFocus) voidToggle.focus();
  }

  /** True when something is selected; otherwise says so beside the buttons. */
  function needSelection(button: HTMLButtonElement): boolean {
    if (chosenLines().length) return true;
    fill(problem, banner('error', 'Select at least one line first.'));
    button.focus();
    return false;
  }

  async function act(action: Action, button: HTMLButtonElement, reason: string): Promise<void> {
    if (busy || !data) return;
    const chosen = chosenLines();
    const ids = chosen.map((l) => l.id);
    busy = true;
    fill(problem);
    setBusy(button, VERB[action].busy);
    const others = [approve, voidToggle, voidSubmit, voidCancel, refresh].filter((b) => b !== button);
    const wasDisabled = others.map((b) => b.disabled);
    others.forEach((b) => (b.disabled = true));
    const boxes = Array.from(groupsEl.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
    boxes.forEach((b) => (b.disabled = true));
    body.setAttribute('aria-busy', 'true');
    let outcome: BulkCommissionResult | null = null;
    try {
      outcome = action === 'approve' ? await callServer('apiApproveCommissions', ids) : await callServer('apiVoidCommissions', ids, reason);
    } catch (e) {
      fill(problem, banner('error', h('p', null, messageOf(e))));
    } finally {
      busy = false;
      setBusy(button, null);
      others.forEach((b, i) => (b.disabled = wasDisabled[i]));
      boxes.forEach((b) => (b.disabled = false));
      body.removeAttribute('aria-busy');
    }
    if (!outcome) {
      button.focus();
      return;
    }
    if (action === 'void' && outcome.changed.length) closeVoid(false);
    refusals = new Map(outcome.refused.map((r) => [r.id, r.reason.startsWith(`${r.id}: `) ? r.reason.slice(r.id.length + 2) : r.reason]));
    for (const id of outcome.changed) selected.delete(id);
    const note = resultBanner(action, outcome, chosen);
    fill(result, note);
    app.announce(resultLine(action, outcome, chosen) + (outcome.refused.length ? ` ${plural(outcome.refused.length, 'line')} refused.` : ''));
    // The banner is at the top: show it from there, then bring the list up to date under it.
    window.scrollTo(0, 0);
    note.focus({ preventScroll: true });
    await load();
  }

  function resultLine(action: Action, outcome: BulkCommissionResult, chosen: CommissionView[]): string {
    const changed = chosen.filter((l) => outcome.changed.includes(l.id));
    const n = outcome.changed.length;
    if (!n) return `No lines were ${VERB[action].done.toLowerCase()}.`;
    // The amount is known for lines this list showed; the server may name others (never expected).
    const amount = changed.length === n ? `, ${money(sum(changed))}` : '';
    return `${VERB[action].done} ${plural(n, 'line')}${amount}.`;
  }

  function resultBanner(action: Action, outcome: BulkCommissionResult, chosen: CommissionView[]): HTMLDivElement {
    const kind: BannerKind = !outcome.refused.length ? 'ok' : outcome.changed.length ? 'warn' : 'error';
    return banner(
      kind,
      h('p', { class: 'banner-title' }, resultLine(action, outcome, chosen)),
      outcome.refused.length
        ? [
            h('p', null, outcome.refused.length === 1 ? '1 line was refused:' : `${outcome.refused.length} lines were refused:`),
            h(
              'ul',
              { class: 'refusals' },
              outcome.refused.map((r) => h('li', null, refusalLine(r))),
            ),
          ]
        : null,
    );
  }

  refresh.addEventListener('click', () => {
    fill(result);
    refusals.clear();
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
      refusals.clear();
      void load();
    },
  };
}

/** "C-000004: why", whether or not the server's reason already names the line. */
function refusalLine(r: { id: string; reason: string }): string {
  return r.reason.startsWith(r.id) ? r.reason : `${r.id}: ${r.reason}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** Sums amounts in cents, so 0.1 + 0.2 is 0.3. */
function sum(lines: CommissionView[]): number {
  return lines.reduce((cents, l) => cents + Math.round(l.amount * 100), 0) / 100;
}

/** 0.2 → "20%", 0.125 → "12.5%". */
function percent(rate: number): string {
  return new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2 }).format(rate);
}

/** An id-safe form of a record ID. */
function cssId(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}

function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

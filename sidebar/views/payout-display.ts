import type { CarriedView, PayoutPeriodView, PayoutRowView, PayoutRunView } from '../../src/sidebar-api/contract';
import { Child, fill, h, uid } from '../dom';
import { formatMoney, plural, sentence, utcDateOf } from '../format';
import { statusClass } from '../lead-moves';
import { groupRefusals } from '../team-rules';
import { BannerKind, banner } from '../ui/feedback';
import { BulkSelection, cssId } from '../ui/selection';

/**
 * What the Payouts view draws from the server's answers (views/payouts.ts owns
 * the state and the actions): payout rows, carried-forward partners, the run's
 * outcome, the reasons a person may not act, and the "mark paid" form's checks.
 */

export type Permission = keyof PayoutPeriodView['permissions'];
export const ACTIONS: Permission[] = ['run', 'approve', 'markPaid', 'export'];

/** Payouts a person can still move on: Draft → Approved → Paid. */
export const OPEN_STATUSES = ['Draft', 'Approved'];

export function isOpen(row: PayoutRowView): boolean {
  return Boolean(row.payoutId) && OPEN_STATUSES.includes(row.status);
}

/** The server's per-action permissions; from canManage/whyNot if it sent none (run, approve and pay: managers). */
function permissionsOf(view: PayoutPeriodView): PayoutPeriodView['permissions'] {
  if (view.permissions) return view.permissions;
  const why = view.canManage ? null : (view.whyNot ?? 'Only managers can run, approve and pay payouts.');
  return { run: why, approve: why, markPaid: why, export: null };
}

/** Amounts in the period's currency. */
export class PayoutText {
  constructor(private readonly currency: () => string) {}

  money(amount: number): string {
    return formatMoney(amount, this.currency());
  }

  figures(row: PayoutRowView): string {
    return `Gross ${this.money(row.gross)} · Clawbacks ${this.money(row.clawbacks)} · ${plural(row.lines, 'line')}`;
  }

  /** Partner and amount, the first line of every row. */
  private top(name: string, net: number): HTMLElement {
    return h('span', { class: 'line-top' }, h('span', { class: 'line-lead' }, name), ' ', h('span', { class: 'line-amount' }, this.money(net)));
  }

  previewRow(row: PayoutRowView): HTMLElement {
    return h('li', { class: 'payout-row', 'data-partner': row.partnerId }, this.top(row.partnerName || row.partnerId, row.net), ' ', h('span', { class: 'lead-meta' }, this.figures(row)));
  }

  /** A run's payout: a checkbox while it is open (Draft or Approved), its refusal note if the server refused it. */
  runRow(row: PayoutRowView, payouts: BulkSelection<PayoutRowView>): HTMLElement {
    const id = `payouts-row-${cssId(row.payoutId ?? row.partnerId)}`;
    const refused = Boolean(row.payoutId) && payouts.isRefused(row.payoutId!);
    const paidOn = row.status === 'Paid' && utcDateOf(row.paidAt) ? `Paid on ${utcDateOf(row.paidAt)}` : '';
    const reference = row.status === 'Paid' && row.paymentReference ? `Reference ${row.paymentReference}` : '';
    const text: Child[] = [
      this.top(row.partnerName || row.partnerId, row.net),
      ' ',
      h('span', { class: 'lead-meta' }, this.figures(row)),
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

  /** What a run of a period not yet run would write (the preview: nothing is written). */
  preview(view: PayoutPeriodView, openApprovals: () => void): Child[] {
    const label = view.period.label;
    const rows = view.rows;
    return [
      h('p', { class: 'muted' }, `What a run for ${label} would write now, from the approved commissions not yet in a payout.`),
      rows.length
        ? [
            h(
              'ul',
              { class: 'payout-rows', 'aria-label': `Payouts a run for ${label} would make` },
              rows.map((r) => this.previewRow(r)),
            ),
            h('p', { class: 'payout-total' }, `Total to pay: ${this.money(view.total)} to ${plural(rows.length, 'partner')}`),
          ]
        : h('p', { class: 'empty' }, `Nothing to pay for ${label}.`),
      this.carriedBlock(view.carried, 'h3'),
      this.pendingNote(view, openApprovals),
    ];
  }

  /** The confirmation's question: what the run writes and sends. */
  runQuestion(view: PayoutPeriodView): string {
    const rows = view.rows;
    return (
      `Run payouts for ${view.period.label}? This writes ${plural(rows.length, 'Draft payout')}${rows.length ? ` (${this.money(view.total)})` : ''} to the Payouts tab` +
      (view.carried.length ? `, carries ${plural(view.carried.length, 'partner')} forward` : '') +
      ' and emails the managers a summary. Nothing is paid until a payout is approved and marked paid.'
    );
  }

  /** The confirmation's question for a supplementary run of a Complete period. */
  lateQuestion(view: PayoutPeriodView): string {
    const { lines, partners, amount } = view.late;
    return (
      `Run ${view.period.label} again for the ${plural(lines, 'line')} approved since it was paid out? This writes Draft payouts for ${plural(partners, 'partner')} (${this.money(amount)}) ` +
      'beside the period’s earlier payouts and sends their statements; partners below the minimum stay carried forward. Nothing is paid until a payout is approved and marked paid.'
    );
  }

  /** `level`: h3 inside the preview (under its h2), h2 under a run's payouts. */
  carriedBlock(carried: CarriedView[], level: 'h2' | 'h3'): Child {
    if (!carried.length) return null;
    const titleId = uid('payouts-carried');
    return h(
      'section',
      { class: 'payout-carried', 'aria-labelledby': titleId },
      h(level, { id: titleId }, 'Carried forward'),
      h(
        'ul',
        { class: 'payout-rows' },
        carried.map((c) =>
          h('li', { class: 'payout-row carried', 'data-partner': c.partnerId }, this.top(c.partnerName || c.partnerId, c.net), ' ', h('span', { class: 'lead-meta' }, sentence(c.reason))),
        ),
      ),
    );
  }

  /**
   * Commission lines not in the period's payouts yet: those waiting for approval, with a way to the
   * Approvals view (which lists them), and those still in their holding period, with when they become
   * payable (Approvals would not show them yet, so no link for them alone).
   */
  pendingNote(view: PayoutPeriodView, openApprovals: () => void): Child {
    if (!view.pendingApproval.lines) return null;
    const holding = view.holding;
    const waiting = { lines: view.pendingApproval.lines - holding.lines, amount: Math.round((view.pendingApproval.amount - holding.amount) * 100) / 100 };
    const is = (n: number) => (n === 1 ? 'is' : 'are');
    const parts: string[] = [];
    if (waiting.lines) parts.push(`${plural(waiting.lines, 'commission line')} (${this.money(waiting.amount)}) ${is(waiting.lines)} waiting for approval.`);
    if (holding.lines) {
      parts.push(
        `${plural(holding.lines, 'commission line')} (${this.money(holding.amount)}) ${is(holding.lines)} in ${holding.lines === 1 ? 'its' : 'their'} holding period` +
          (holding.nextPayableOn ? ` (the first becomes payable on ${holding.nextPayableOn}).` : '.'),
      );
    }
    parts.push(
      `${view.pendingApproval.lines === 1 ? 'It is' : 'They are'} not in this period’s payouts. Approved after the run, a line payable by the period’s end is paid by running the period again (a supplementary run), or joins the next period’s run.`,
    );
    const link = waiting.lines ? [' ', h('button', { type: 'button', class: 'link', onclick: openApprovals }, 'Open Approvals')] : null;
    return h('p', { class: 'pending-note' }, parts.join(' '), link);
  }
}

function chip(status: string): HTMLElement {
  return h('span', { class: `chip ${statusClass(status)}` }, status || 'No status');
}

/**
 * The server's reasons this person may not run, approve, mark paid or export
 * (each names the role it needs), once each, at the top of the view, with what
 * they share (who you are, who can grant the role) said once; every disabled
 * button points at its own reason and that shared part (written to whyIds).
 */
export function renderWhyNot(view: PayoutPeriodView, whyNot: HTMLElement, whyIds: Record<Permission, string | null>): void {
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
        h(
          'ul',
          null,
          group.items.map((item, i) => h('li', { id: itemIds[i] }, sentence(item))),
        ),
        group.shared ? h('p', { id: sharedId }, sentence(group.shared)) : null,
      ),
    );
  }
}

export function runLine(r: PayoutRunView): string {
  const made = r.created.length ? `${plural(r.created.length, 'Draft payout')} written` : 'No new payouts written';
  return `${made}${r.carried ? `; ${plural(r.carried, 'partner')} carried forward` : ''}.`;
}

export function runBanner(r: PayoutRunView): HTMLDivElement {
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

/** The "mark paid" form's checks (the server checks again): a reference, and a real date not after today. */
export function payFormErrors(reference: string, paidOn: string, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!reference.trim()) errors.reference = 'Payment reference is required: the transfer’s reference, so the payment can be traced.';
  const date = paidOn.trim();
  if (!date) errors.paidOn = 'Paid on is required.';
  else if (!isCalendarDate(date)) errors.paidOn = 'Paid on must be a date (YYYY-MM-DD).';
  else if (date > today) errors.paidOn = `Paid on cannot be in the future (today is ${today}).`;
  return errors;
}

/** A real YYYY-MM-DD date (not 2026-02-30). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

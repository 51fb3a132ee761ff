import type { ApplicationList, ApplicationView } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h } from '../dom';
import { plural, sentence } from '../format';
import { callServer } from '../server';
import { banner, messageOf, setBusy } from '../ui/feedback';
import { decisionList } from '../ui/decision-list';
import { InlinePanel } from '../ui/inline-panel';
import { reasonForm } from '../ui/reason-form';
import { reloadingView } from '../ui/reloading-view';

/**
 * Applications: the "Become a partner" form's applications waiting for a decision, oldest first,
 * each with its answers and the email Google verified. "Approve" makes the partner (a generated
 * code; the welcome email follows with the tracker's next run); "Reject…" asks for the reason the
 * applicant is sent. What stops an approval (no verified email, the terms not accepted, the email
 * already another partner's) is shown, and Approve is then not offered. Managers only: anyone
 * else is told why.
 */
const FACTS: Array<[keyof ApplicationView, string]> = [
  ['contactName', 'Contact'],
  ['contactEmail', 'Verified email'],
  ['website', 'Website'],
  ['type', 'Type'],
  ['region', 'Region'],
  ['productFocus', 'Product focus'],
  ['termsVersion', 'Terms accepted'],
  ['about', 'About'],
];

export function createApplicationsView(app: App): View {
  let data: ApplicationList | null = null;
  let busy = false;
  const { el, heading, refresh, result, summary, listEl, load } = decisionList({
    name: 'applications',
    title: 'Applications',
    viewClass: 'applications-view',
    loadingText: 'Loading applications…',
    fetch: () => callServer('apiListApplications'),
    show: (list) => {
      data = list;
      render();
    },
  });

  function render(): void {
    if (!data) return;
    fill(heading, 'Applications', data.waiting ? ` (${data.waiting})` : null);
    if (!data.canReview) {
      fill(summary);
      fill(listEl, h('li', { class: 'empty' }, data.whyNot ?? 'You may not review applications.'));
      return;
    }
    if (!data.items.length) {
      fill(summary);
      fill(listEl, h('li', { class: 'empty' }, 'No applications are waiting. Applications from the "Become a partner" form appear here.'));
      return;
    }
    fill(summary, `${plural(data.waiting, 'application')} waiting, oldest first`);
    fill(
      listEl,
      data.items.map((item) => renderItem(item)),
    );
  }

  function renderItem(item: ApplicationView): HTMLElement {
    const facts = FACTS.filter(([key]) => item[key]).flatMap(([key, label]) => [h('dt', null, label), h('dd', null, key === 'termsVersion' ? `version ${item.termsVersion}` : String(item[key]))]);
    const problem = h('div');
    const approveButton = h('button', { type: 'button', class: 'small' }, 'Approve');
    const rejectToggle = h('button', { type: 'button', class: 'secondary small' }, 'Reject…');
    const rejection = rejectForm(item);
    new InlinePanel(rejectToggle, rejection.el, { cancel: rejection.cancel, isBusy: () => busy, onOpen: () => rejection.open(), onClose: () => rejection.close() });
    approveButton.addEventListener('click', () => void approve(item, approveButton, problem));
    return h(
      'li',
      { class: 'inbox-item application', 'data-id': item.id },
      h('p', { class: 'lead-company' }, item.company || 'No company given'),
      h('p', { class: 'lead-meta' }, `${item.id} · received ${when(item.receivedAt)}`),
      item.blockers.length ? banner('warn', h('ul', null, ...item.blockers.map((b) => h('li', null, b)))) : null,
      item.madePartner
        ? banner('warn', h('p', null, `An earlier approval already made partner ${item.madePartner} but stopped before recording it here. Approve it to finish; no second partner is made.`))
        : null,
      h('dl', { class: 'facts', 'aria-label': 'Answers' }, facts),
      problem,
      h('div', { class: 'actions' }, item.blockers.length ? null : approveButton, rejectToggle),
      rejection.el,
    );
  }

  async function approve(item: ApplicationView, button: HTMLButtonElement, problem: HTMLElement): Promise<void> {
    if (busy) return;
    busy = true;
    fill(problem);
    setBusy(button, 'Approving…');
    try {
      const outcome = await callServer('apiApproveApplication', { id: item.id, row: item.row });
      const done = banner('ok', h('p', { class: 'banner-title' }, sentence(outcome.message)));
      fill(result, done);
      window.scrollTo(0, 0);
      done.focus({ preventScroll: true });
      app.invalidateOptions();
      busy = false;
      await load();
    } catch (e) {
      fill(problem, banner('error', h('p', null, messageOf(e))));
      (problem.firstElementChild as HTMLElement | null)?.focus();
    } finally {
      busy = false;
      setBusy(button, null);
    }
  }

  function rejectForm(item: ApplicationView) {
    return reasonForm({
      name: `application-reject-${item.id}`,
      ariaLabel: `Reject the application of ${item.company || 'no company'}`,
      label: 'Why reject it',
      hint: 'The applicant is sent this reason.',
      rows: 3,
      maxlength: 1000,
      required: 'A reason is required: the applicant is sent it.',
      submitLabel: 'Reject application',
      busyLabel: 'Rejecting…',
      send: (reason) => callServer('apiRejectApplication', { id: item.id, row: item.row }, reason),
      busy: { get: () => busy, set: (value) => (busy = value) },
      after: showDone,
    });
  }

  /** The result of a decision at the top of the view, shown and focused at once; the list reloads under it. */
  async function showDone(done: HTMLElement): Promise<void> {
    fill(result, done);
    window.scrollTo(0, 0);
    done.focus({ preventScroll: true });
    await load();
  }

  return reloadingView(
    el,
    refresh,
    () => busy,
    () => {
      fill(result);
      void load();
    },
  );
}

/** "2026-03-01 15:00 UTC", as the tab records it. */
function when(iso: string): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : 'at an unknown time';
}

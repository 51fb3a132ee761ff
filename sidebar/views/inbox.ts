import { INBOX_CORRECTION_RULES } from '../../src/domain/form-inbox';
import type { InboxAnswers, InboxItemView, InboxList, InboxRef } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { plural, sentence } from '../format';
import { callServer } from '../server';
import { banner, setBusy } from '../ui/feedback';
import { FormModel, checkForm, serverErrorBanner } from '../ui/form';
import { decisionList } from '../ui/decision-list';
import { InlinePanel } from '../ui/inline-panel';
import { reasonForm } from '../ui/reason-form';
import { check } from '../validate';
import { reloadingView } from '../ui/reloading-view';

/**
 * Form Inbox: the partner form's responses the tracker refused, newest first, each with every
 * reason and its answers. "Fix and re-process" opens the answers in a form checked with the
 * form's registration rules; the server registers it exactly as a form response (or says why
 * not: the reasons then show beside the fields, and the input stays). "Dismiss" asks why first.
 */
const FIELDS: Array<[keyof InboxAnswers, string]> = [
  ['partnerCode', 'Partner code'],
  ['company', 'Company'],
  ['website', 'Company website'],
  ['contactName', 'Contact name'],
  ['contactEmail', 'Contact email'],
  ['product', 'Product'],
  ['estimatedValue', 'Estimated deal value'],
  ['notes', 'Notes'],
];

export function createInboxView(app: App): View {
  let data: InboxList | null = null;
  let busy = false;
  const { el, heading, refresh, result, summary, listEl, load } = decisionList({
    name: 'inbox',
    title: 'Form Inbox',
    viewClass: 'inbox-view',
    loadingText: 'Loading the inbox…',
    fetch: () => callServer('apiListInbox'),
    show: (list) => {
      data = list;
      render();
    },
  });

  function render(): void {
    if (!data) return;
    fill(heading, 'Form Inbox', data.waiting ? h('span', { class: 'inbox-count' }, ` (${data.waiting})`) : null);
    if (!data.items.length) {
      fill(summary);
      fill(listEl, h('li', { class: 'empty' }, 'No form responses are waiting. Responses the tracker refuses land here with their reasons.'));
      return;
    }
    fill(summary, `${plural(data.waiting, 'response')} waiting, newest first`);
    fill(
      listEl,
      data.items.map((item) => renderItem(item, data!.products)),
    );
  }

  function renderItem(item: InboxItemView, products: string[]): HTMLElement {
    const title = item.answers.company || 'No company given';
    const reasonsEl = h('ul', { class: 'inbox-reasons' });
    const showReasons = (reasons: string[]) =>
      fill(
        reasonsEl,
        reasons.map((r) => h('li', null, r)),
      );
    showReasons(item.reasons);
    const answers = FIELDS.filter(([key]) => item.answers[key]).flatMap(([key, label]) => [h('dt', null, label), h('dd', null, item.answers[key])]);
    const fixToggle = h('button', { type: 'button', class: 'small' }, 'Fix and re-process…');
    const dismissToggle = h('button', { type: 'button', class: 'secondary small' }, 'Dismiss…');
    const fix = fixForm(item, products, (reasons) => showReasons(reasons));
    const dismissal = dismissForm(item);
    const fixPanel = new InlinePanel(fixToggle, fix.el, { cancel: fix.cancel, isBusy: () => busy, onOpen: () => fix.open(), onClose: () => fix.close() });
    const dismissPanel = new InlinePanel(dismissToggle, dismissal.el, { cancel: dismissal.cancel, isBusy: () => busy, onOpen: () => dismissal.open(), onClose: () => dismissal.close() });
    // One panel at a time: the other closes when one opens.
    fixToggle.addEventListener('click', () => {
      if (fixPanel.isOpen) dismissPanel.close(false);
    });
    dismissToggle.addEventListener('click', () => {
      if (dismissPanel.isOpen) fixPanel.close(false);
    });
    return h(
      'li',
      { class: 'inbox-item', 'data-row': item.row },
      h('p', { class: 'lead-company' }, title),
      h('p', { class: 'lead-meta' }, `Partner code "${item.partnerCode || '(blank)'}" · received ${when(item.receivedAt)}${item.respondentEmail ? ` · from ${item.respondentEmail}` : ''}`),
      h('p', { class: 'inbox-label' }, 'Why it was refused'),
      reasonsEl,
      item.unreadable ? banner('warn', h('p', null, item.unreadable)) : null,
      item.madeLead
        ? banner('warn', h('p', null, `An earlier re-process already registered ${item.madeLead} but stopped before recording it here. Re-process it to finish; no second lead is made.`))
        : null,
      item.lastAttempt ? h('p', { class: 'lead-meta' }, `Last attempt: ${item.lastAttempt}`) : null,
      answers.length ? h('dl', { class: 'facts', 'aria-label': 'Answers' }, answers) : h('p', { class: 'lead-meta' }, 'No answers could be read.'),
      h('div', { class: 'actions' }, fixToggle, dismissToggle),
      fix.el,
      dismissal.el,
    );
  }

  function fixForm(item: InboxItemView, products: string[], showReasons: (reasons: string[]) => void) {
    const form = new FormModel(`inbox-fix-${item.row}`);
    const problem = h('div');
    const submit = h('button', { type: 'submit', class: 'small' }, 'Re-process');
    const cancel = h('button', { type: 'button', class: 'secondary small' }, 'Cancel');
    // What the partner chose stays choosable even when it is not on the Lists tab: the check then says so.
    const choices = [...new Set([...(item.answers.product ? [item.answers.product] : []), ...products])];
    const el = h(
      'form',
      { class: 'move-form', novalidate: true, hidden: true, id: uid('inbox-fix'), 'aria-label': `Fix and re-process the response for ${item.answers.company || 'no company'}` },
      form.input({ name: 'partnerCode', label: 'Partner code', required: true, maxlength: 24, hint: 'The code of the partner this response is from.' }),
      form.input({ name: 'company', label: 'Company', required: true, maxlength: 200 }),
      form.input({ name: 'website', label: 'Company website', inputmode: 'url' }),
      form.input({ name: 'contactName', label: 'Contact name', maxlength: 120 }),
      form.input({ name: 'contactEmail', label: 'Contact email', type: 'email', required: true }),
      form.select({ name: 'product', label: 'Product', options: [['', 'Not decided yet'], ...choices.map((p): [string, string] => [p, p])] }),
      form.input({ name: 'estimatedValue', label: 'Estimated deal value', inputmode: 'decimal' }),
      form.textarea({ name: 'notes', label: 'Notes', rows: 2, maxlength: 2000 }),
      problem,
      h('div', { class: 'actions' }, submit, cancel),
    );
    form.validateOnBlur(() => {
      const checked = check(INBOX_CORRECTION_RULES, form.values());
      return checked.ok ? {} : checked.errors;
    });
    el.addEventListener('submit', (e) => {
      e.preventDefault();
      void send();
    });

    async function send(): Promise<void> {
      if (busy) return;
      fill(problem);
      const answers = form.values() as InboxAnswers;
      if (checkForm(form, INBOX_CORRECTION_RULES, answers, problem) === null) return;
      busy = true;
      setBusy(submit, 'Re-processing…');
      el.setAttribute('aria-busy', 'true');
      // Where focus goes after: the banner, the first field in error, or back to the button (null: already placed).
      let focus: HTMLElement | null = submit;
      try {
        const outcome = await callServer('apiReprocessInboxResponse', refOf(item), answers);
        if (outcome.outcome === 'refused') {
          // Still refused: the reasons beside their fields and at the top of the response; the input stays.
          showReasons(outcome.reasons);
          const rest = form.showErrors(outcome.problems);
          const others = Object.values(rest);
          fill(
            problem,
            banner(
              'error',
              h('p', { class: 'banner-title' }, 'Still refused; the response stays in the inbox.'),
              others.length
                ? h(
                    'ul',
                    null,
                    others.map((m) => h('li', null, m)),
                  )
                : null,
            ),
          );
          app.announce('Still refused.');
          focus = form.focusFirstInvalid() ? null : (problem.firstElementChild as HTMLElement);
        } else {
          const open = h('button', { type: 'button', class: 'link', onclick: () => app.go('leads', true) }, 'See it in Leads');
          const done = banner(outcome.conflict ? 'warn' : 'ok', h('p', { class: 'banner-title' }, sentence(outcome.message)), h('p', null, open));
          // The result is shown and focused at once; the list reloads under it.
          fill(result, done);
          window.scrollTo(0, 0);
          done.focus({ preventScroll: true });
          focus = null;
          busy = false;
          await load();
        }
      } catch (e) {
        fill(problem, serverErrorBanner(form, e));
        focus = form.focusFirstInvalid() ? null : (problem.firstElementChild as HTMLElement);
      } finally {
        busy = false;
        setBusy(submit, null);
        el.removeAttribute('aria-busy');
        if (focus && focus === result.firstElementChild) window.scrollTo(0, 0);
        focus?.focus({ preventScroll: focus === result.firstElementChild });
      }
    }

    return {
      el,
      cancel,
      open() {
        form.setValues({ ...item.answers });
        fill(problem);
        form.clearErrors();
        form.focusFirst();
      },
      close() {
        fill(problem);
      },
    };
  }

  function dismissForm(item: InboxItemView) {
    return reasonForm({
      name: `inbox-dismiss-${item.row}`,
      ariaLabel: `Dismiss the response for ${item.answers.company || 'no company'}`,
      label: 'Why dismiss it',
      hint: 'Recorded in the Decision Note and the Audit Log.',
      rows: 2,
      maxlength: 500,
      required: 'A reason is required: say why this response is dismissed.',
      submitLabel: 'Dismiss response',
      busyLabel: 'Dismissing…',
      send: (reason) => callServer('apiDismissInboxResponse', refOf(item), reason),
      busy: { get: () => busy, set: (value) => (busy = value) },
      after: async (done) => {
        fill(result, done);
        window.scrollTo(0, 0);
        done.focus({ preventScroll: true });
        await load();
      },
    });
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

function refOf(item: InboxItemView): InboxRef {
  return { row: item.row, responseKey: item.responseKey, receivedAt: item.receivedAt };
}

/** "2026-03-01 15:00 UTC", as the tab records it. */
function when(iso: string): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : 'at an unknown time';
}

import type { WebhookEndpointView, WebhookList, WebhookSecretShown } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { plural } from '../format';
import { ServerError, callServer } from '../server';
import { decisionList } from '../ui/decision-list';
import { banner, messageOf, setBusy } from '../ui/feedback';
import { InlinePanel } from '../ui/inline-panel';
import { reloadingView } from '../ui/reloading-view';

/**
 * Webhooks (managers): the endpoints the tracker signs and sends its events to (Standard Webhooks),
 * how their deliveries stand, and adding one. A new or rolled signing secret is shown once, here,
 * with a copy button; it is never shown again (the server keeps it sealed, not in the sheet), so
 * it disappears when the view is left or refreshed. "Send test event" sends a signed
 * `webhook.test` to the endpoint now and says what it answered; every other event goes out with
 * the tracker's hourly run.
 */
export function createWebhooksView(app: App): View {
  let data: WebhookList | null = null;
  let busy = false;
  const { el, refresh, result, summary, listEl, load } = decisionList({
    name: 'webhooks',
    title: 'Webhooks',
    viewClass: 'webhooks-view',
    loadingText: 'Loading endpoints…',
    fetch: () => callServer('apiListWebhooks'),
    show: (list) => {
      data = list;
      render();
    },
  });
  void app;

  const addToggle = h('button', { type: 'button', class: 'small' }, 'Add endpoint…');
  const add = addForm();
  const addBlock = h('div', { class: 'webhook-add' }, addToggle, add.el);
  const addPanel = new InlinePanel(addToggle, add.el, { cancel: add.cancel, isBusy: () => busy, onOpen: () => add.open(), onClose: () => add.reset() });
  el.insertBefore(addBlock, summary);

  function render(): void {
    if (!data) return;
    addBlock.hidden = !data.canManage;
    if (!data.canManage) {
      fill(summary);
      fill(listEl, h('li', { class: 'empty' }, data.whyNot ?? 'You may not manage webhooks.'));
      return;
    }
    add.setEvents(data.events);
    const live = data.endpoints.filter((e) => e.active && e.problems.length === 0).length;
    fill(summary, data.endpoints.length ? `${plural(data.endpoints.length, 'endpoint')}, ${live} receiving events` : '');
    fill(
      listEl,
      data.endpoints.length ? data.endpoints.map(renderEndpoint) : h('li', { class: 'empty' }, 'No endpoints yet. Add one to send partner, lead, commission and payout events to another system.'),
    );
  }

  function renderEndpoint(e: WebhookEndpointView): HTMLElement {
    const problem = h('div');
    const ref = { id: e.id, row: e.row };
    const button = (label: string, action: (b: HTMLButtonElement) => Promise<void>, secondary = true) => {
      const b = h('button', { type: 'button', class: secondary ? 'secondary small' : 'small' }, label);
      b.addEventListener('click', () => void run(b, problem, () => action(b)));
      return b;
    };
    const facts: Array<[string, string]> = [
      ['Events', e.events],
      ['State', e.active ? 'Active' : `Off${e.disabledReason ? `: ${e.disabledReason}` : ''}`],
      ['Secret', e.hasSecret ? `ends with ${e.secretHint.replace(/^…/, '')}` : 'none yet'],
      ['Last delivery', e.lastDelivery || 'none yet'],
      ['Waiting', e.waiting ? `${plural(e.waiting, 'message')} (Deliveries tab)` : 'nothing'],
    ];
    if (e.description) facts.unshift(['About', e.description]);
    return h(
      'li',
      { class: 'inbox-item webhook', 'data-id': e.id || `row-${e.row}` },
      h('p', { class: 'lead-company webhook-url' }, e.url || '(no URL)'),
      h('p', { class: 'lead-meta' }, e.id || `Row ${e.row}, no ID yet`),
      e.problems.length ? banner('warn', h('ul', null, ...e.problems.map((p) => h('li', null, p)))) : null,
      h(
        'dl',
        { class: 'facts' },
        facts.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
      ),
      problem,
      h(
        'div',
        { class: 'actions' },
        e.hasSecret ? button('Send test event', (b) => test(e, b), false) : null,
        button(e.hasSecret ? 'Roll secret' : 'Create secret', () => secret(callServer('apiRollWebhookSecret', ref))),
        e.id ? button(e.active ? 'Turn off' : 'Turn on', () => toggle(e)) : null,
      ),
    );
  }

  async function run(button: HTMLButtonElement, problem: HTMLElement, action: () => Promise<void>): Promise<void> {
    if (busy) return;
    busy = true;
    fill(problem);
    const label = button.textContent ?? '';
    setBusy(button, `${label}…`);
    try {
      await action();
    } catch (e) {
      fill(problem, banner('error', h('p', null, messageOf(e))));
      (problem.firstElementChild as HTMLElement | null)?.focus();
    } finally {
      busy = false;
      setBusy(button, null);
    }
  }

  async function test(e: WebhookEndpointView, _button: HTMLButtonElement): Promise<void> {
    const outcome = await callServer('apiSendWebhookTest', { id: e.id, row: e.row });
    showResult(banner(outcome.delivered ? 'ok' : 'warn', h('p', { class: 'banner-title' }, outcome.message)));
    await load();
  }

  async function toggle(e: WebhookEndpointView): Promise<void> {
    const outcome = await callServer('apiSetWebhookActive', { id: e.id, row: e.row }, !e.active);
    showResult(banner('ok', h('p', { class: 'banner-title' }, outcome.message)));
    await load();
  }

  /** A secret, shown once: selectable, with a copy button; gone when the view is left or refreshed. */
  async function secret(request: Promise<WebhookSecretShown>): Promise<void> {
    const shown = await request;
    const fieldId = uid('webhook-secret');
    const field = h('input', { id: fieldId, class: 'secret-value', type: 'text', readonly: true, value: shown.secret, spellcheck: 'false', autocomplete: 'off' }) as HTMLInputElement;
    const copied = h('span', { class: 'muted copy-status', role: 'status' });
    const copy = h('button', { type: 'button', class: 'small' }, 'Copy');
    copy.addEventListener('click', () => {
      field.select();
      // The sidebar's sandboxed frame is refused the Clipboard API (a permissions policy); the copy command works on a click.
      fill(copied, document.execCommand('copy') ? ' Copied.' : ' Selected: press Ctrl+C (⌘C) to copy.');
    });
    showResult(
      banner(
        'ok',
        h('p', { class: 'banner-title' }, shown.message),
        h('label', { for: fieldId }, `Signing secret of ${shown.id}`),
        h('div', { class: 'secret-row' }, field, copy),
        copied,
        h('p', { class: 'hint' }, 'Give it to the receiver, which verifies each delivery with a Standard Webhooks library. It will not be shown again; if it is lost, roll a new one.'),
      ),
    );
    await load();
  }

  function showResult(node: HTMLElement): void {
    fill(result, node);
    window.scrollTo(0, 0);
    node.setAttribute('tabindex', '-1');
    node.focus({ preventScroll: true });
  }

  function addForm() {
    const formId = uid('webhook-add');
    const url = h('input', { type: 'url', id: `${formId}-url`, name: 'url', required: true, placeholder: 'https://example.com/webhooks', autocomplete: 'off' }) as HTMLInputElement;
    const description = h('input', { type: 'text', id: `${formId}-description`, name: 'description', maxlength: 200, placeholder: 'CRM sync' }) as HTMLInputElement;
    const all = h('input', { type: 'checkbox', name: 'all', checked: true }) as HTMLInputElement;
    const boxes = h('div', { class: 'webhook-events' });
    const problem = h('div');
    const submit = h('button', { type: 'submit' }, 'Add endpoint');
    const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const formEl = h(
      'form',
      { id: formId, class: 'form inline-form', novalidate: true, hidden: true, 'aria-label': 'Add a webhook endpoint' },
      h('div', { class: 'field' }, h('label', { for: url.id }, 'URL'), url, h('p', { class: 'hint' }, 'https:// only. No user name or password in it.')),
      h('fieldset', { class: 'field' }, h('legend', null, 'Events'), h('label', { class: 'webhook-check' }, all, ' All events (*)'), boxes),
      h('div', { class: 'field' }, h('label', { for: description.id }, 'Description (optional)'), description),
      problem,
      h('div', { class: 'actions' }, submit, cancel),
    );
    let events: string[] = [];
    const syncBoxes = () => boxes.querySelectorAll('input').forEach((b) => ((b as HTMLInputElement).disabled = all.checked));
    all.addEventListener('change', syncBoxes);
    formEl.addEventListener('submit', (event) => {
      event.preventDefault();
      void run(submit, problem, async () => {
        const chosen = all.checked ? ['*'] : Array.from(boxes.querySelectorAll('input:checked'), (b) => (b as HTMLInputElement).value);
        try {
          await secret(callServer('apiAddWebhook', { url: url.value, events: chosen, description: description.value }));
          addPanel.close(false);
        } catch (e) {
          // Each field's reason (the URL, the events), or the server's message.
          const fields = e instanceof ServerError ? Object.values(e.fieldErrors) : [];
          fill(problem, banner('error', h('p', null, fields.length ? fields.join(' ') : messageOf(e))));
          (problem.firstElementChild as HTMLElement | null)?.focus();
        }
      });
    });
    function reset(): void {
      url.value = '';
      description.value = '';
      all.checked = true;
      fill(problem);
      syncBoxes();
    }
    return {
      el: formEl,
      cancel,
      open: () => url.focus(),
      reset,
      setEvents(list: string[]) {
        if (list.join() === events.join()) return;
        events = list;
        fill(
          boxes,
          list.map((name) => h('label', { class: 'webhook-check' }, h('input', { type: 'checkbox', value: name, disabled: all.checked }), ` ${name}`)),
        );
      },
    };
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

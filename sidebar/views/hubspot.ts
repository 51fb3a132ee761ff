import type { HubSpotView } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { plural, sentence } from '../format';
import { callServer, ServerError } from '../server';
import { banner, loading, messageOf, setBusy } from '../ui/feedback';
import { reloadingView } from '../ui/reloading-view';

/**
 * HubSpot: whether the sync is on and connected, its last run, the leads in conflict with another
 * partner's HubSpot deal and the HubSpot Sync tab's latest rows. The owner connects the private
 * app here: the token goes in a password field, is tested by the server (one HubSpot search) and
 * kept in the owner's user properties; it is never shown again, and the field is emptied whatever
 * the outcome. Anyone else sees "connected by the owner" or not, and why they cannot connect.
 */
export function createHubSpotView(app: App): View {
  const headingId = uid('hubspot-title');
  const heading = h('h1', { id: headingId, tabindex: -1 }, 'HubSpot');
  const refresh = h('button', { type: 'button', class: 'secondary small' }, 'Refresh');
  const result = h('div');
  const body = h('div');
  const el = h(
    'section',
    { class: 'view hubspot-view', 'aria-labelledby': headingId },
    h('p', null, h('button', { type: 'button', class: 'link', onclick: () => app.go('home', true) }, '← Home')),
    h('div', { class: 'view-head' }, heading, refresh),
    result,
    body,
  );
  let busy = false;

  async function load(): Promise<void> {
    fill(body, loading('Loading the HubSpot sync…'));
    try {
      render(await callServer('apiGetHubSpot'));
    } catch (e) {
      fill(body, banner('error', h('p', null, messageOf(e))));
    }
  }

  function render(v: HubSpotView): void {
    const status = v.connected ? `Connected by ${v.connectedBy || 'the owner'}${v.connectedAt ? ` on ${v.connectedAt.slice(0, 10)}` : ''}.` : 'Not connected.';
    fill(
      body,
      h('p', { class: 'hubspot-status' }, h('strong', null, v.on ? 'Sync is On. ' : 'Sync is Off (Settings: HubSpot sync). '), status),
      v.mappingProblem ? banner('error', h('p', null, `The sync does not run until this is fixed in Settings: ${v.mappingProblem}`)) : null,
      v.paused ? banner('error', h('p', null, `Paused: ${v.paused}`)) : null,
      v.on && !v.connected && !v.youAreOwner ? banner('warn', h('p', null, "HubSpot sync is On, but the tracker's owner has not connected HubSpot yet.")) : null,
      v.lastRun ? h('p', { class: 'muted' }, `Last run ${v.lastRunAt.slice(0, 16).replace('T', ' ')} UTC: ${v.lastRun}.`) : null,
      h('p', { class: 'hint' }, `Deals go to pipeline ${v.pipeline}, with the partner in ${v.partnerProperty} and the lead in ${v.leadProperty}.`),
      v.youAreOwner ? connectForm(v) : h('p', { class: 'hint' }, "Only the tracker's owner connects HubSpot: the hourly run that syncs runs as the owner and uses the owner's token."),
      v.conflicts.length
        ? h(
            'section',
            { 'aria-label': 'Conflicts' },
            h('h2', null, `${plural(v.conflicts.length, 'lead')} in conflict`),
            h('p', { class: 'hint' }, "Another partner's open HubSpot deal has the same company: nothing was written. Decide who owns the deal; the HubSpot Sync tab says which deal."),
            h('ul', { class: 'hubspot-conflicts' }, ...v.conflicts.map((id) => h('li', null, id))),
          )
        : null,
      h('h2', null, 'Latest'),
      v.recent.length
        ? h(
            'ul',
            { class: 'hubspot-log' },
            ...v.recent.map((r) =>
              h(
                'li',
                { 'data-outcome': r.outcome },
                h('strong', null, `${r.outcome}`),
                ` ${r.leadId || r.direction}`,
                r.dealId ? ` · deal ${r.dealId}` : null,
                h('br'),
                h('span', { class: 'muted' }, r.note),
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'Nothing synced yet: the hourly run sends leads registered or changed after HubSpot is connected.'),
    );
  }

  function connectForm(v: HubSpotView): HTMLElement {
    const inputId = uid('hubspot-token');
    const token = h('input', { id: inputId, name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', maxlength: 500, 'aria-describedby': `${inputId}-hint` });
    const error = h('p', { class: 'field-error', id: `${inputId}-error`, hidden: true });
    const connect = h('button', { type: 'submit' }, v.connected ? 'Test and replace' : 'Test and connect');
    const disconnect = v.connected ? h('button', { type: 'button', class: 'secondary' }, 'Disconnect') : null;
    const form = h(
      'form',
      { class: 'form hubspot-connect', novalidate: true, 'aria-label': 'Connect HubSpot' },
      h(
        'div',
        { class: 'field' },
        h('label', { for: inputId }, 'Private app access token'),
        token,
        error,
        h(
          'p',
          { class: 'hint', id: `${inputId}-hint` },
          'HubSpot: Settings › Integrations › Private Apps (or Development › Legacy apps) › your app › Access token. Kept in your own account, never shown again.',
        ),
      ),
      h('div', { class: 'actions' }, connect, disconnect),
    );
    const showError = (message: string | null) => {
      error.hidden = !message;
      error.textContent = message ?? '';
      token.setAttribute('aria-invalid', message ? 'true' : 'false');
      token.setAttribute('aria-describedby', message ? `${inputId}-error ${inputId}-hint` : `${inputId}-hint`);
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void (async () => {
        if (busy) return;
        const value = token.value.trim();
        if (!value) {
          showError("Paste the private app's access token.");
          token.focus();
          return;
        }
        busy = true;
        showError(null);
        setBusy(connect, 'Testing…');
        // The field never keeps the token, whatever the outcome.
        token.value = '';
        try {
          const outcome = await callServer('apiConnectHubSpot', value);
          done(banner('ok', h('p', { class: 'banner-title' }, 'HubSpot is connected.'), h('p', null, sentence(outcome.note))));
        } catch (e) {
          showError(e instanceof ServerError && e.fieldErrors.token ? e.fieldErrors.token : messageOf(e));
          token.focus();
        } finally {
          busy = false;
          setBusy(connect, null);
        }
      })();
    });
    disconnect?.addEventListener('click', () => {
      void (async () => {
        if (busy) return;
        busy = true;
        setBusy(disconnect, 'Disconnecting…');
        try {
          await callServer('apiDisconnectHubSpot');
          done(banner('ok', h('p', null, 'HubSpot is disconnected: the token is deleted and the sync stops until it is connected again.')));
        } catch (e) {
          fill(result, banner('error', h('p', null, messageOf(e))));
        } finally {
          busy = false;
          setBusy(disconnect, null);
        }
      })();
    });
    return form;
  }

  function done(message: HTMLElement): void {
    fill(result, message);
    message.focus();
    void load();
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

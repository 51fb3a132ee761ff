import { ANNOUNCEMENT_LIMITS, AnnouncementActivity, activityDefinition, announcementProblems } from '../../src/domain/announcement-draft';
import type { AnnouncementInput, AnnouncementOptions, AnnouncementPreview, AnnouncementSendResult } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { plural, utcDateOf } from '../format';
import { callServer } from '../server';
import { banner, loading, messageOf, setBusy } from '../ui/feedback';
import { FormModel, serverErrorBanner } from '../ui/form';

/**
 * Announcements: a subject and a message (plain text; blank lines make paragraphs) for a
 * segment of the programme's Active partners (tier, region, type, product focus: any, one or
 * several; and their activity, defined beside the choice). "Show recipients" lists who the
 * segment matches and the email as the first of them receives it; "Send" sends one email per
 * partner (the server decides, and says how many went now, wait in the queue, or were skipped
 * and why). Editing the draft after a preview asks for a new one before sending.
 */
const ACTIVITIES: Array<[AnnouncementActivity, string]> = [
  ['all', 'All partners'],
  ['active', 'Active: a lead in the last N days'],
  ['dormant', 'Dormant: no lead in the last N days'],
  ['new', 'New: joined in the last N days'],
];

export function createAnnouncementsView(app: App): View {
  const headingId = uid('announce-title');
  const heading = h('h1', { id: headingId, tabindex: -1 }, 'Announcements');
  const result = h('div', { class: 'result' });
  const body = h('div', null, loading('Loading…'));
  const historyEl = h('div', { class: 'announce-history' });
  const el = h('section', { class: 'view announcements-view', 'aria-labelledby': headingId }, h('div', { class: 'view-head' }, heading), result, body, historyEl);

  const form = new FormModel('announce');
  const choices: Record<'tiers' | 'regions' | 'types' | 'products', HTMLInputElement[]> = { tiers: [], regions: [], types: [], products: [] };
  const definition = h('p', { class: 'hint', id: uid('announce-definition') });
  const previewEl = h('div', { class: 'announce-preview', 'aria-live': 'polite' });
  const showButton = h('button', { type: 'submit', class: 'small' }, 'Show recipients');
  const sendButton = h('button', { type: 'button', class: 'small', hidden: true }, 'Send');
  let options: AnnouncementOptions | null = null;
  let previewed: string | null = null;
  let busy = false;

  function group(key: keyof typeof choices, legend: string, values: string[]): HTMLElement | null {
    if (!values.length) return null;
    choices[key] = values.map((v) => h('input', { type: 'checkbox', value: v, id: uid(`announce-${key}`) }));
    return h(
      'fieldset',
      { class: 'announce-choices' },
      h('legend', null, legend, h('span', { class: 'muted' }, ' · none ticked = any')),
      choices[key].map((box, i) => h('span', { class: 'announce-choice' }, box, h('label', { for: box.id }, values[i]))),
    );
  }

  function draft(): AnnouncementInput {
    const ticked = (key: keyof typeof choices) => choices[key].filter((b) => b.checked).map((b) => b.value);
    const activity = form.get('activity') as AnnouncementActivity;
    const days = Number(form.get('days').trim() || String(ANNOUNCEMENT_LIMITS.defaultDays));
    return {
      subject: form.get('subject'),
      body: form.get('body'),
      segment: { tiers: ticked('tiers'), regions: ticked('regions'), types: ticked('types'), products: ticked('products'), activity, days: Number.isFinite(days) ? days : -1 },
    };
  }

  function updateDefinition(): void {
    const d = draft();
    const days = form.get('days').trim();
    fill(definition, activityDefinition(d.segment.activity, Number(days) || ANNOUNCEMENT_LIMITS.defaultDays));
    form
      .control('days')!
      .closest('.field')!
      .toggleAttribute('hidden', d.segment.activity === 'all');
  }

  /** Any change to the draft after a preview: the preview no longer says what would be sent. */
  function changed(): void {
    updateDefinition();
    if (previewed !== null && previewed !== JSON.stringify(draft())) {
      previewed = null;
      sendButton.hidden = true;
      fill(previewEl, h('p', { class: 'muted' }, 'The draft changed: show the recipients again before sending.'));
    }
  }

  function checked(): AnnouncementInput | null {
    const d = draft();
    const problems = announcementProblems(d);
    form.touchAll();
    const rest = form.showErrors(problems);
    if (Object.keys(problems).length) {
      if (Object.keys(rest).length) fill(result, banner('error', h('p', null, Object.values(rest).join(' '))));
      form.focusFirstInvalid();
      return null;
    }
    form.clearErrors();
    return d;
  }

  async function preview(): Promise<void> {
    if (busy) return;
    fill(result);
    const d = checked();
    if (!d) return;
    busy = true;
    setBusy(showButton, 'Matching…');
    try {
      const p = await callServer('apiPreviewAnnouncement', d);
      previewed = JSON.stringify(d);
      renderPreview(p);
    } catch (e) {
      fill(result, serverErrorBanner(form, e));
      result.querySelector<HTMLElement>('.banner')?.focus();
    } finally {
      busy = false;
      setBusy(showButton, null);
    }
  }

  function renderPreview(p: AnnouncementPreview): void {
    const skipped = p.recipients.filter((r) => r.skipped).length;
    sendButton.hidden = p.reachable === 0;
    fill(sendButton, `Send to ${plural(p.reachable, 'partner')}`);
    fill(
      previewEl,
      h('h2', null, 'Recipients'),
      h('p', { class: 'count', role: 'status' }, `${plural(p.matched, 'partner')} match: ${p.segment}.`),
      h('p', { class: 'hint' }, p.definition),
      p.inactive ? h('p', { class: 'hint' }, `${plural(p.inactive, 'partner')} also match but are not Active: left out.`) : null,
      p.recipients.length
        ? h(
            'ul',
            { class: 'announce-recipients' },
            p.recipients.map((r) =>
              h('li', { 'data-partner': r.id }, h('span', null, r.name), h('span', { class: 'muted' }, r.skipped ? ` · skipped: ${r.skipped}` : ` · ${plural(r.contacts, 'contact')}`)),
            ),
          )
        : h('p', { class: 'muted' }, 'No Active partner matches this segment.'),
      p.more ? h('p', { class: 'muted' }, `…and ${plural(p.more, 'more partner')}.`) : null,
      skipped ? banner('warn', h('p', null, `${plural(skipped, 'partner')} will be skipped: no contact email to send to.`)) : null,
      p.preview
        ? h(
            'div',
            { class: 'announce-letter' },
            h('h2', null, 'Preview'),
            h('p', { class: 'hint' }, `As ${p.preview.partnerName} receives it (${plural(p.preview.contacts, 'contact')}). Each partner gets their own email; no one sees who else received it.`),
            h('p', { class: 'announce-subject' }, h('strong', null, 'Subject: '), p.preview.subject),
            h('div', { class: 'announce-body' }, p.preview.body),
          )
        : null,
    );
  }

  async function send(): Promise<void> {
    if (busy || previewed === null) return;
    const d = JSON.parse(previewed) as AnnouncementInput;
    busy = true;
    setBusy(sendButton, 'Sending…');
    try {
      const r = await callServer('apiSendAnnouncement', d);
      renderSent(r);
      app.announce(r.message);
      previewed = null;
      sendButton.hidden = true;
      fill(previewEl);
      void loadOptions();
    } catch (e) {
      fill(result, serverErrorBanner(form, e));
    } finally {
      busy = false;
      setBusy(sendButton, null);
      result.querySelector<HTMLElement>('.banner')?.focus();
    }
  }

  function renderSent(r: AnnouncementSendResult): void {
    fill(
      result,
      banner(
        r.troubled ? 'warn' : 'ok',
        h('p', null, r.message),
        r.outcome === 'sent'
          ? h(
              'dl',
              { class: 'facts' },
              h('dt', null, 'Sent now'),
              h('dd', null, String(r.sentNow)),
              h('dt', null, 'Queued'),
              h('dd', null, String(r.queued)),
              h('dt', null, 'Skipped'),
              h('dd', null, String(r.skipped.length)),
            )
          : null,
        r.skipped.length
          ? h(
              'ul',
              null,
              r.skipped.map((s) => h('li', null, `${s.partner}: ${s.reason}`)),
            )
          : null,
      ),
    );
  }

  function renderForm(o: AnnouncementOptions): void {
    if (!o.canSend) {
      fill(body, banner('warn', h('p', null, o.whyNot ?? 'You may not send announcements.')));
      return;
    }
    const formEl = h(
      'form',
      { class: 'announce-form', novalidate: true, 'aria-label': 'Compose an announcement' },
      form.input({ name: 'subject', label: 'Subject', required: true, maxlength: o.limits.subject }),
      form.textarea({ name: 'body', label: 'Message', required: true, rows: 6, maxlength: o.limits.body, hint: 'Plain text. Leave a blank line between paragraphs. Each partner is greeted by name.' }),
      h('h2', null, 'Who receives it'),
      h('p', { class: 'hint' }, o.onlyActive),
      group('tiers', 'Tier', o.tiers),
      group('regions', 'Region', o.regions),
      group('types', 'Type', o.types),
      group('products', 'Product focus', o.products),
      form.select({ name: 'activity', label: 'Activity', options: ACTIVITIES }),
      form.input({ name: 'days', label: 'N (days)', inputmode: 'decimal', value: String(o.limits.defaultDays) }),
      definition,
      o.sendsNow ? null : h('p', { class: 'hint' }, `Only the tracker's automation (${o.owner || 'the owner'}) sends the programme's email: your announcement goes out with its next hourly run.`),
      h('div', { class: 'actions' }, showButton, sendButton),
    );
    form.set('days', String(o.limits.defaultDays));
    formEl.addEventListener('submit', (event) => {
      event.preventDefault();
      void preview();
    });
    formEl.addEventListener('input', changed);
    formEl.addEventListener('change', changed);
    fill(body, formEl, previewEl);
    updateDefinition();
  }

  function renderHistory(o: AnnouncementOptions): void {
    if (!o.canSend || !o.history.length) {
      fill(historyEl);
      return;
    }
    fill(
      historyEl,
      h('h2', null, 'Recent announcements'),
      h(
        'ul',
        { class: 'announce-history-list' },
        o.history.map((item) =>
          h(
            'li',
            { 'data-announcement': item.id },
            h('span', null, item.subject),
            h(
              'span',
              { class: 'muted' },
              item.waiting
                ? ` · ${item.id} · waiting for the hourly run`
                : ` · ${item.id} · ${utcDateOf(item.at)} · ${item.sent} sent${item.pending ? `, ${item.pending} queued` : ''}${item.notSent ? `, ${item.notSent} not sent` : ''}`,
            ),
          ),
        ),
      ),
      h('p', { class: 'hint' }, "Each partner's copy is on the Partner Updates tab (event announcement)."),
    );
  }

  async function loadOptions(): Promise<void> {
    try {
      const o = await callServer('apiGetAnnouncementOptions');
      const first = options === null;
      options = o;
      if (first) renderForm(o);
      renderHistory(o);
    } catch (e) {
      if (options === null) fill(body, banner('error', h('p', null, messageOf(e))));
    }
  }

  sendButton.addEventListener('click', () => void send());

  return {
    el,
    show() {
      void loadOptions();
    },
  };
}

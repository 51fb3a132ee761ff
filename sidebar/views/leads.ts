import { LEAD_STATUSES } from '../../src/domain/enums';
import { LEAD_TRANSITION_RULES } from '../../src/domain/input-rules';
import type { LeadQuery, LeadView, PartnerView } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { Child, fill, h, uid } from '../dom';
import { countLine, dateOf, formatMoney, localIsoDate, sentence } from '../format';
import { MoveField, PROTECTED_STATUSES, moveFields, moveInput, statusClass } from '../lead-moves';
import { ServerError, callServer } from '../server';
import { BannerKind, banner, loading, messageOf, setBusy } from '../ui/feedback';
import { FormModel, serverErrorBanner, setSelectOptions } from '../ui/form';
import { check } from '../validate';
import { importButton } from '../ui/import-link';

/**
 * Leads: filter by partner, status and text; newest first. Selecting a lead
 * shows its details and the moves open to it; moves that need a reason or a
 * deal amount open a small form checked with LEAD_TRANSITION_RULES.
 */
/** Statuses whose lead closed a deal: its card shows the deal amount. */
const WON_STATUSES: readonly string[] = ['Closed Won', 'Refunded'];
const FIELD_LABELS: Record<MoveField, string> = { dealAmount: 'Deal amount', closedOn: 'Close date', reason: 'Reason' };

interface LeadUi {
  /** The status whose form is open, if any. */
  moving: string | null;
  note: { kind: BannerKind; text: string } | null;
}

export function createLeadsView(app: App): View {
  const headingId = uid('leads-title');
  const partnerSelect = h('select', { id: uid('leads-partner') }, h('option', { value: '' }, 'All partners'));
  const statusSelect = h('select', { id: uid('leads-status') });
  setSelectOptions(statusSelect, [['open', 'Open'], ['all', 'All statuses'], ...LEAD_STATUSES.map((s): [string, string] => [s, s])]);
  const search = h('input', { id: uid('leads-search'), type: 'search', placeholder: 'Company, domain, contact or ID', autocomplete: 'off' });
  const filters = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter leads' },
    h('div', { class: 'row2' }, labelled('Partner', partnerSelect), labelled('Status', statusSelect)),
    labelled('Search', search),
  );
  const summary = h('p', { class: 'muted count', role: 'status' });
  const problem = h('div');
  const list = h('ul', { class: 'leads', 'aria-labelledby': headingId });
  const el = h('section', { class: 'view' }, h('div', { class: 'view-head' }, h('h1', { id: headingId, tabindex: -1 }, 'Leads'), importButton(app)), filters, summary, problem, list);

  let leads: LeadView[] = [];
  let currency = '';
  let today = localIsoDate(new Date());
  let request = 0;
  let searchTimer = 0;
  const expanded = new Set<string>();
  const ui = new Map<string, LeadUi>();

  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  partnerSelect.addEventListener('change', () => void load());
  statusSelect.addEventListener('change', () => void load());
  search.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => void load(), 300);
  });

  async function loadPartners(): Promise<void> {
    try {
      const partners = await callServer('apiListPartners');
      const chosen = partnerSelect.value;
      const sorted = partners.slice().sort((a: PartnerView, b: PartnerView) => a.name.localeCompare(b.name));
      setSelectOptions(partnerSelect, [['', 'All partners'], ...sorted.map((p): [string, string] => [p.id, `${p.name} (${p.code})`])]);
      partnerSelect.value = sorted.some((p) => p.id === chosen) ? chosen : '';
    } catch {
      // The lead list reports the same problem (e.g. tracker not set up); the filter keeps "All partners".
    }
  }

  async function load(): Promise<void> {
    window.clearTimeout(searchTimer);
    const mine = ++request;
    fill(summary, loading('Loading leads…'));
    // The select offers open, all and the lead statuses; the server checks it again.
    const query: LeadQuery = { status: statusSelect.value as NonNullable<LeadQuery['status']> };
    if (partnerSelect.value) query.partnerId = partnerSelect.value;
    if (search.value.trim()) query.search = search.value.trim();
    try {
      const [result, options] = await Promise.all([callServer('apiListLeads', query), app.options().catch(() => null)]);
      if (mine !== request) return;
      if (options) {
        currency = options.currency;
        today = options.today || today;
      }
      leads = result.leads;
      fill(problem);
      fill(summary, countLine(result.leads.length, result.total, 'lead'));
      renderList();
    } catch (e) {
      if (mine !== request) return;
      fill(summary);
      fill(problem, banner('error', messageOf(e)));
    }
  }

  function renderList(): void {
    for (const id of [...expanded]) if (!leads.some((l) => l.id === id)) expanded.delete(id);
    if (!leads.length) {
      const filtered = partnerSelect.value || search.value.trim() || statusSelect.value !== 'all';
      fill(
        list,
        h(
          'li',
          { class: 'empty' },
          filtered ? 'No leads match these filters.' : 'No leads yet. ',
          filtered ? null : h('button', { type: 'button', class: 'link', onclick: () => app.go('register', true) }, 'Register one'),
        ),
      );
      return;
    }
    fill(list, leads.map(renderLead));
  }

  function stateOf(id: string): LeadUi {
    let s = ui.get(id);
    if (!s) {
      s = { moving: null, note: null };
      ui.set(id, s);
    }
    return s;
  }

  function renderLead(lead: LeadView): HTMLLIElement {
    const open = expanded.has(lead.id);
    const detailsId = `lead-${lead.id}-details`;
    const isProtected = Boolean(lead.protectedUntil) && PROTECTED_STATUSES.includes(lead.status);
    const when = isProtected ? `Protected until ${lead.protectedUntil}` : `Registered ${dateOf(lead.registeredAt)}`;
    // A won deal's amount is what it closed for; the estimate was only a guess before that.
    const won = WON_STATUSES.includes(lead.status) && lead.dealAmount !== null;
    const amount = won ? `Won ${formatMoney(lead.dealAmount, currency)}` : formatMoney(lead.estimatedValue, currency);
    const meta = [lead.partnerName, amount].filter(Boolean).join(' · ');
    const toggle = h(
      'button',
      { type: 'button', class: 'lead-summary', 'aria-expanded': String(open), 'aria-controls': detailsId, 'data-lead': lead.id },
      h('span', { class: 'lead-top' }, h('span', { class: 'lead-id' }, lead.id), chip(lead.status)),
      h('span', { class: 'lead-company' }, lead.company),
      h('span', { class: 'lead-meta' }, meta),
      h('span', { class: 'lead-meta' }, when),
    );
    toggle.addEventListener('click', () => {
      if (expanded.has(lead.id)) expanded.delete(lead.id);
      else expanded.add(lead.id);
      stateOf(lead.id).note = null;
      rerender(lead, `button[data-lead="${lead.id}"]`);
    });
    return h('li', { class: `lead${open ? ' open' : ''}`, 'data-id': lead.id }, toggle, open ? details(lead, detailsId) : null);
  }

  function details(lead: LeadView, id: string): HTMLElement {
    const s = stateOf(lead.id);
    const rows: Array<[string, Child]> = [
      ['Registered', dateOf(lead.registeredAt)],
      ['Protected until', PROTECTED_STATUSES.includes(lead.status) ? lead.protectedUntil : ''],
      ['Website', lead.website],
      ['Contact', [lead.contactName, lead.contactEmail].filter(Boolean).join(' · ')],
      ['Product', lead.product],
      ['Expected close', lead.expectedClose],
      ['Reason', lead.statusReason],
      ['Conflicts with', lead.conflictWith],
      ['Deal amount', formatMoney(lead.dealAmount, currency)],
      ['Closed on', lead.closedOn],
      ['Source', lead.source],
      ['Notes', lead.notes],
    ];
    const dl = h(
      'dl',
      { class: 'facts' },
      rows.filter(([, v]) => v).map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
    );
    return h(
      'div',
      { class: 'lead-details', id },
      dl,
      s.note ? banner(s.note.kind, s.note.text) : null,
      lead.nextStatuses.length ? moves(lead, s) : h('p', { class: 'muted' }, `${lead.status} is final.`),
    );
  }

  function moves(lead: LeadView, s: LeadUi): HTMLElement {
    const labelId = uid('move-label');
    const buttons = lead.nextStatuses.map((to) =>
      h(
        'button',
        {
          type: 'button',
          class: `secondary small${s.moving === to ? ' pressed' : ''}`,
          'aria-label': `Move ${lead.id} to ${to}`,
          'aria-expanded': moveFields(to).length ? String(s.moving === to) : undefined,
          'data-move': to,
        },
        moveFields(to).length ? `${to}…` : to,
      ),
    );
    const group = h('div', { class: 'moves', role: 'group', 'aria-labelledby': labelId }, h('span', { id: labelId, class: 'moves-label' }, 'Move to'), buttons);
    const wrap = h('div', null, group, s.moving ? moveForm(lead, s.moving) : null);
    group.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest('button[data-move]') as HTMLButtonElement | null;
      if (!b || b.disabled) return;
      const to = b.dataset.move!;
      if (moveFields(to).length) {
        s.moving = s.moving === to ? null : to;
        s.note = null;
        rerender(lead, s.moving ? '.move-form input, .move-form textarea' : `button[data-move="${to}"]`);
      } else {
        void move(lead, moveInput(to, {}), b, wrap, null);
      }
    });
    return wrap;
  }

  function moveForm(lead: LeadView, to: string): HTMLElement {
    const form = new FormModel('move');
    const specs = moveFields(to);
    const fields = specs.map((f) => {
      if (f.name === 'dealAmount') return form.input({ name: f.name, label: `Deal amount (${currency || 'amount'})`, required: true, inputmode: 'decimal' });
      if (f.name === 'closedOn')
        return form.input({ name: f.name, label: FIELD_LABELS.closedOn, type: 'date', required: f.required, value: f.required ? today : '', hint: f.required ? undefined : 'Blank means today.' });
      return form.textarea({ name: f.name, label: f.required ? FIELD_LABELS.reason : `${FIELD_LABELS.reason} (optional)`, required: f.required, rows: 2, maxlength: 500 });
    });
    const submit = h('button', { type: 'submit', class: 'small' }, `Move to ${to}`);
    const cancel = h('button', { type: 'button', class: 'secondary small' }, 'Cancel');
    const formEl = h('form', { class: 'move-form', novalidate: true, 'aria-label': `Move ${lead.id} to ${to}` }, fields, h('div', { class: 'actions' }, submit, cancel));
    const validate = () => {
      const checked = check(LEAD_TRANSITION_RULES, moveInput(to, form.values()));
      return checked.ok ? {} : checked.errors;
    };
    form.validateOnBlur(validate);
    cancel.addEventListener('click', () => {
      stateOf(lead.id).moving = null;
      rerender(lead, `button[data-move="${to}"]`);
    });
    formEl.addEventListener('submit', (e) => {
      e.preventDefault();
      if (form.validateAll(validate)) void move(lead, moveInput(to, form.values()), submit, formEl, form);
    });
    return formEl;
  }

  async function move(lead: LeadView, input: ReturnType<typeof moveInput>, button: HTMLButtonElement, area: HTMLElement, form: FormModel | null): Promise<void> {
    const s = stateOf(lead.id);
    const item = list.querySelector<HTMLElement>(`li[data-id="${lead.id}"]`);
    const others = item ? Array.from(item.querySelectorAll<HTMLButtonElement>('.lead-details button')).filter((b) => b !== button) : [];
    setBusy(button, `Moving to ${input.to}…`);
    others.forEach((b) => (b.disabled = true));
    area.setAttribute('aria-busy', 'true');
    try {
      // What the person decided on: the server refuses the move if any of it changed meanwhile.
      const seen = { status: lead.status, statusReason: lead.statusReason, dealAmount: lead.dealAmount, closedOn: lead.closedOn };
      const moved = await callServer('apiMoveLead', lead.id, input, seen);
      s.moving = null;
      // What happened to its commissions: created, clawed back, or left to the owner's automation.
      s.note = { kind: 'ok', text: moved.notice ? `Moved to ${moved.status}. ${sentence(moved.notice)}` : `Moved to ${moved.status}.` };
      leads = leads.map((l) => (l.id === moved.id ? moved : l));
      rerender(moved, `button[data-lead="${moved.id}"]`);
      app.announce(`${moved.id} moved to ${moved.status}.${moved.notice ? ` ${sentence(moved.notice)}` : ''}`);
    } catch (e) {
      if (e instanceof ServerError && e.fieldErrors.seen) {
        await showChanged(lead.id, e.message);
        return;
      }
      setBusy(button, null);
      others.forEach((b) => (b.disabled = false));
      area.removeAttribute('aria-busy');
      // The refusal goes right above the move buttons, where the person is looking.
      item?.querySelector('.lead-details > .banner')?.remove();
      item?.querySelector('.lead-details > .facts')?.after(serverErrorBanner(form, e));
      if (!form?.focusFirstInvalid()) button.focus();
    }
  }

  /** Someone changed the lead meanwhile: show it as it is now, with what changed, and let the person decide again. */
  async function showChanged(id: string, message: string): Promise<void> {
    const s = stateOf(id);
    s.moving = null;
    s.note = { kind: 'warn', text: message };
    await load();
    if (leads.some((l) => l.id === id)) list.querySelector<HTMLElement>(`button[data-lead="${id}"]`)?.focus();
    else {
      const note = banner('warn', `${message} It no longer matches the filters above.`);
      fill(problem, note);
      note.focus();
    }
    app.announce(message);
  }

  /** Redraws one lead in place and puts focus back where the person was. */
  function rerender(lead: LeadView, focusSelector: string): void {
    const old = list.querySelector(`li[data-id="${lead.id}"]`);
    if (!old) return;
    const fresh = renderLead(lead);
    old.replaceWith(fresh);
    fresh.querySelector<HTMLElement>(focusSelector)?.focus();
  }

  return {
    el,
    show() {
      void loadPartners();
      void load();
    },
  };
}

function labelled(text: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: control.id }, text), control);
}

function chip(status: string): HTMLElement {
  return h('span', { class: `chip ${statusClass(status)}` }, status || 'No status');
}

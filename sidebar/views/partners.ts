import { PARTNER_STATUSES, PARTNER_TIERS, PARTNER_TYPES, PARTNER_UPDATE_PREFERENCES, PAYOUT_METHODS } from '../../src/domain/enums';
import { PARTNER_INPUT_RULES } from '../../src/domain/input-rules';
import type { PartnerInput } from '../../src/domain/partner';
import { payoutDetailsProblem } from '../../src/domain/payouts/payout-method';
import type { PartnerView } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { countLine } from '../format';
import { statusClass } from '../lead-moves';
import { callServer } from '../server';
import { banner, loading, messageOf, setBusy } from '../ui/feedback';
import { FormModel, checkForm, serverErrorBanner } from '../ui/form';
import { check } from '../validate';
import { applicationsButton, importButton } from '../ui/import-link';
import { openScorecard } from './scorecard-request';

/**
 * Partners: the list, "Add partner", and an edit form per partner, checked
 * with PARTNER_INPUT_RULES and saved with apiSavePartner (blank id = add).
 */
const pairs = (values: readonly string[]): Array<[string, string]> => values.map((v) => [v, v]);

export function createPartnersView(app: App): View {
  const listHeadingId = uid('partners-title');
  const formHeadingId = uid('partner-form-title');

  // The list.
  const addButton = h('button', { type: 'button' }, 'Add partner');
  const listStatus = h('div');
  const summary = h('p', { class: 'muted count', role: 'status' });
  const list = h('ul', { class: 'partners', 'aria-labelledby': listHeadingId });
  const listPane = h(
    'div',
    null,
    h('div', { class: 'view-head' }, h('h1', { id: listHeadingId, tabindex: -1 }, 'Partners'), h('div', { class: 'head-actions' }, importButton(app), applicationsButton(app), addButton)),
    listStatus,
    summary,
    list,
    h('p', { class: 'hint' }, h('button', { type: 'button', class: 'link', onclick: () => app.go('announcements', true) }, 'Announcements'), ': email a segment of your partners, each on their own.'),
  );

  // The form.
  const form = new FormModel('partner');
  const formHeading = h('h1', { id: formHeadingId, tabindex: -1 }, 'Add partner');
  const formNote = h('p', { class: 'muted' });
  const formStatus = h('div');
  // Problems with a save show next to the button that was pressed.
  const problem = h('div');
  const save = h('button', { type: 'submit' }, 'Save partner');
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  const formEl = h(
    'form',
    { class: 'form', novalidate: true, 'aria-labelledby': formHeadingId },
    form.input({ name: 'name', label: 'Name', required: true, autocomplete: 'organization', maxlength: 120 }),
    form.input({ name: 'code', label: 'Partner code', required: true, hint: 'What the partner types on the lead form: 2–24 letters, digits, - or _.', maxlength: 24 }),
    form.input({ name: 'contactName', label: 'Contact name', autocomplete: 'name', maxlength: 120 }),
    form.input({ name: 'contactEmail', label: 'Contact email', type: 'email', required: true, autocomplete: 'email', placeholder: 'name@partner.com' }),
    form.textarea({
      name: 'otherEmails',
      label: "Colleagues' emails",
      rows: 2,
      hint: "More Contact Emails: other people at the partner who may register leads, one per line or separated by commas. The form accepts this partner's code only from these and the contact email.",
    }),
    h(
      'div',
      { class: 'row2' },
      form.select({ name: 'type', label: 'Type', required: true, options: [['', 'Choose…'], ...pairs(PARTNER_TYPES)] }),
      form.select({ name: 'tier', label: 'Tier', options: pairs(PARTNER_TIERS), value: 'Registered' }),
    ),
    h(
      'div',
      { class: 'row2' },
      form.select({ name: 'region', label: 'Region', options: [['', 'None']] }),
      form.select({ name: 'status', label: 'Status', options: pairs(PARTNER_STATUSES), value: 'Active' }),
    ),
    form.select({ name: 'productFocus', label: 'Product focus', options: [['', 'None']] }),
    form.select({
      name: 'tierPinned',
      label: 'Tier pinned',
      options: [
        ['', 'No: the tier review moves them'],
        ['Yes', 'Yes: keep this tier'],
      ],
      hint: 'A manager’s call: a pinned partner keeps their tier at every review.',
    }),
    form.input({ name: 'joinedOn', label: 'Joined', type: 'date', hint: 'Blank means today.' }),
    form.select({
      name: 'updates',
      label: 'Status updates',
      options: [['', 'Daily (default)'], ...pairs(PARTNER_UPDATE_PREFERENCES.filter((p) => p !== 'Daily'))],
      hint: 'How often the partner is emailed about their leads, commissions and payouts.',
    }),
    form.select({
      name: 'payoutMethod',
      label: 'Payout method',
      options: [['', 'Not set'], ...pairs(PAYOUT_METHODS)],
      hint: 'Where the money goes is set by Finance, managers and the owner only.',
    }),
    form.input({
      name: 'payoutAccount',
      label: 'Payout account',
      maxlength: 300,
      hint: 'PayPal or Wise: the email to pay. Bank transfer: the holder and account details (IBAN and BIC, or account and sort or routing number).',
    }),
    form.textarea({ name: 'notes', label: 'Notes', rows: 3, maxlength: 2000 }),
    problem,
    h('div', { class: 'actions' }, save, cancel),
  );
  const formPane = h('div', { hidden: true }, formHeading, formNote, formStatus, formEl);
  const el = h('section', { class: 'view' }, listPane, formPane);

  let partners: PartnerView[] = [];
  let editing: PartnerView | null = null;
  let busy = false;
  let regions: string[] = [];
  let products: string[] = [];
  let tiers: string[] = [...PARTNER_TIERS];

  form.validateOnBlur(() => {
    const v = input();
    const checked = check(PARTNER_INPUT_RULES, v);
    const errors: Record<string, string> = checked.ok ? {} : { ...checked.errors };
    // Method and account are checked as a pair (an email for PayPal and Wise), as the server does.
    const payout = errors.payoutMethod || errors.payoutAccount ? null : payoutDetailsProblem(v.payoutMethod ?? '', v.payoutAccount ?? '');
    if (payout) errors[v.payoutAccount ? 'payoutAccount' : 'payoutMethod'] = payout;
    return errors;
  });

  function input(): PartnerInput {
    const v = form.values();
    return {
      id: editing?.id ?? '',
      name: v.name,
      code: v.code,
      contactName: v.contactName,
      contactEmail: v.contactEmail,
      type: v.type as PartnerInput['type'],
      tier: v.tier as PartnerInput['tier'],
      region: v.region,
      productFocus: v.productFocus,
      status: v.status as PartnerInput['status'],
      joinedOn: v.joinedOn,
      notes: v.notes,
      otherEmails: v.otherEmails,
      updates: v.updates,
      tierPinned: v.tierPinned,
      payoutMethod: v.payoutMethod,
      payoutAccount: v.payoutAccount,
    };
  }

  async function loadList(): Promise<void> {
    if (!partners.length) fill(summary, loading('Loading partners…'));
    try {
      partners = await callServer('apiListPartners');
      fill(summary, countLine(partners.length, partners.length, 'partner'));
      renderList();
    } catch (e) {
      fill(summary);
      fill(listStatus, banner('error', messageOf(e)));
    }
  }

  function renderList(): void {
    if (!partners.length) {
      fill(list, h('li', { class: 'empty' }, 'No partners yet. Add the first one to start registering leads.'));
      return;
    }
    const sorted = partners.slice().sort((a, b) => a.name.localeCompare(b.name));
    fill(
      list,
      sorted.map((p) =>
        h(
          'li',
          { class: 'partner', 'data-id': p.id },
          h('div', { class: 'partner-main' }, h('span', { class: 'partner-name' }, p.name), h('span', { class: 'lead-meta' }, [p.code, p.tier, p.type].filter(Boolean).join(' · '))),
          h('span', { class: `chip ${statusClass(p.status)}` }, p.status || 'No status'),
          h('button', { type: 'button', class: 'secondary small', 'data-edit': p.id, 'aria-label': `Edit ${p.name}` }, 'Edit'),
        ),
      ),
    );
  }

  list.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest('button[data-edit]') as HTMLButtonElement | null;
    const partner = b && partners.find((p) => p.id === b.dataset.edit);
    if (partner) void openForm(partner);
  });
  addButton.addEventListener('click', () => void openForm(null));
  cancel.addEventListener('click', () => closeForm(null));
  formEl.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit();
  });

  /** Region and product lists come from the Lists tab; a partner's current value stays choosable. */
  function listOptions(values: string[], current: string): Array<[string, string]> {
    const all = current && !values.includes(current) ? [...values, current] : values;
    return [['', 'None'], ...pairs(all)];
  }

  async function openForm(partner: PartnerView | null): Promise<void> {
    editing = partner;
    fill(listStatus);
    fill(formStatus);
    fill(problem);
    form.reset();
    fill(formHeading, partner ? `Edit ${partner.name}` : 'Add partner');
    fill(
      formNote,
      partner ? `${partner.id} · changes are logged in the Audit Log. ` : 'The partner can register leads once their status is Active.',
      partner ? h('button', { type: 'button', class: 'link', 'data-scorecard': partner.id, onclick: () => openScorecard(app, { partnerId: partner.id }) }, 'Scorecard') : null,
    );
    save.textContent = partner ? 'Save changes' : 'Add partner';
    listPane.hidden = true;
    formPane.hidden = false;
    window.scrollTo(0, 0);
    applyLists(partner);
    if (partner) {
      form.setValues({
        name: partner.name,
        code: partner.code,
        contactName: partner.contactName,
        contactEmail: partner.contactEmail,
        type: partner.type,
        tier: partner.tier || 'Registered',
        region: partner.region,
        productFocus: partner.productFocus,
        status: partner.status || 'Active',
        joinedOn: partner.joinedOn,
        notes: partner.notes,
        otherEmails: (partner.otherEmails ?? []).join('\n'),
        updates: partner.updates === 'Daily' ? '' : (partner.updates ?? ''),
        tierPinned: partner.tierPinned === 'Yes' ? 'Yes' : '',
        payoutMethod: partner.payoutMethod ?? '',
        payoutAccount: partner.payoutAccount ?? '',
      });
    }
    formHeading.focus();
    try {
      const options = await app.options();
      regions = options.regions;
      products = options.products;
      tiers = options.tiers;
      if (editing === partner && !formPane.hidden) applyLists(partner);
    } catch (e) {
      fill(formStatus, banner('error', `Could not load regions and products: ${messageOf(e)}`));
    }
  }

  function applyLists(partner: PartnerView | null): void {
    const region = partner && !form.get('region') ? partner.region : form.get('region');
    const product = partner && !form.get('productFocus') ? partner.productFocus : form.get('productFocus');
    form.setOptions('region', listOptions(regions, region));
    form.setOptions('productFocus', listOptions(products, product));
    // The Tiers tab's tiers; a partner's tier no longer there stays choosable.
    const tier = form.get('tier');
    form.setOptions('tier', pairs(tier && !tiers.includes(tier) ? [...tiers, tier] : tiers));
    form.set('tier', tier || tiers[0] || '');
    form.set('region', region);
    form.set('productFocus', product);
  }

  function closeForm(saved: PartnerView | null): void {
    const was = editing;
    editing = null;
    formPane.hidden = true;
    listPane.hidden = false;
    if (saved) {
      const note = banner('ok', `${was ? 'Saved' : 'Added'} ${saved.name} (${saved.code}, ${saved.id}).`);
      fill(listStatus, note);
      window.scrollTo(0, 0);
      note.focus({ preventScroll: true });
      void loadList();
    } else {
      const back = was ? list.querySelector<HTMLElement>(`button[data-edit="${was.id}"]`) : addButton;
      (back ?? addButton).focus();
    }
  }

  async function submit(): Promise<void> {
    if (busy) return;
    fill(problem);
    const partner = input();
    if (checkForm(form, PARTNER_INPUT_RULES, partner, problem) === null) return;
    busy = true;
    setBusy(save, 'Saving…');
    formEl.setAttribute('aria-busy', 'true');
    let saved: PartnerView | null = null;
    let focusTarget: HTMLElement | null = null;
    try {
      saved = await callServer('apiSavePartner', partner);
      app.invalidateOptions();
      app.announce(`${editing ? 'Saved' : 'Added'} ${saved.name}.`);
    } catch (e) {
      fill(problem, serverErrorBanner(form, e));
      if (!form.focusFirstInvalid()) focusTarget = save;
    } finally {
      busy = false;
      setBusy(save, null);
      formEl.removeAttribute('aria-busy');
    }
    focusTarget?.focus();
    if (saved) closeForm(saved);
  }

  return {
    el,
    show() {
      if (formPane.hidden) void loadList();
    },
  };
}

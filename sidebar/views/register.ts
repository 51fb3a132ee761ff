import { LEAD_REGISTRATION_RULES } from '../../src/domain/input-rules';
import type { LeadRegistrationInput } from '../../src/domain/lead';
import type { RegisterLeadResult, RegistrationOptions } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { formatMoney, sentence } from '../format';
import { callServer } from '../server';
import { banner, loading, messageOf, setBusy } from '../ui/feedback';
import { FormModel, checkForm, serverErrorBanner } from '../ui/form';
import { PartnerPicker } from '../ui/partner-picker';
import { check } from '../validate';

/**
 * Register lead: a partner (searchable over active partners), the company and
 * contact, and the deal. Checked with the server's schema on submit and on
 * blur of touched fields; the server's field errors land in the same places.
 */
export function createRegisterView(app: App): View {
  const headingId = uid('register-title');
  const form = new FormModel('reg');
  const picker = new PartnerPicker(uid('reg-partner'));
  const status = h('div', { class: 'view-status' });
  const result = h('div', { class: 'result' });
  // Problems with a submission show next to the button that was pressed.
  const problem = h('div');
  const submit = h('button', { type: 'submit' }, 'Register lead');
  let options: RegistrationOptions | null = null;
  let busy = false;

  const formEl = h(
    'form',
    { class: 'form', novalidate: true, 'aria-labelledby': headingId, hidden: true },
    form.custom(
      { name: 'partnerId', label: 'Partner', required: true, hint: 'Type a partner’s name or code, then pick it.' },
      { control: picker.input, get: () => picker.value(), set: (v) => picker.setValue(v) },
      picker.el,
    ),
    form.input({ name: 'company', label: 'Company name', required: true, autocomplete: 'organization', maxlength: 200 }),
    form.input({ name: 'website', label: 'Company website', inputmode: 'url', placeholder: 'acme.com', autocomplete: 'url' }),
    form.input({ name: 'contactName', label: 'Contact name', autocomplete: 'name', maxlength: 120 }),
    form.input({ name: 'contactEmail', label: 'Contact email', type: 'email', required: true, autocomplete: 'email', placeholder: 'name@company.com' }),
    form.select({ name: 'product', label: 'Product', options: [['', 'Not decided yet']] }),
    form.input({ name: 'estimatedValue', label: 'Estimated deal value', inputmode: 'decimal', hint: 'An amount like 12500 or 12,500.50.' }),
    form.input({ name: 'expectedClose', label: 'Expected close date', type: 'date' }),
    form.textarea({ name: 'notes', label: 'Notes', rows: 3, maxlength: 2000 }),
    problem,
    h('div', { class: 'actions' }, submit),
  );
  form.validateOnBlur(() => {
    const checked = check(LEAD_REGISTRATION_RULES, form.values());
    return checked.ok ? {} : checked.errors;
  });
  formEl.addEventListener('submit', (e) => {
    e.preventDefault();
    void register();
  });

  const el = h('section', { class: 'view' }, h('h1', { id: headingId, tabindex: -1 }, 'Register a lead'), status, result, formEl);

  function applyOptions(o: RegistrationOptions): void {
    options = o;
    picker.setPartners(o.partners);
    form.setOptions('product', [['', 'Not decided yet'], ...o.products.map((p): [string, string] => [p, p])]);
    form.setLabel('estimatedValue', `Estimated deal value (${o.currency})`);
    if (!o.partners.length) {
      formEl.hidden = true;
      fill(
        status,
        banner(
          'warn',
          h('p', null, 'There are no active partners yet, so there is no one to register a lead for.'),
          h('button', { type: 'button', class: 'secondary small', onclick: () => app.go('partners', true) }, 'Add a partner in Partners'),
        ),
      );
    } else {
      fill(status);
      formEl.hidden = false;
    }
  }

  async function load(): Promise<void> {
    if (!options) fill(status, loading('Loading partners and products…'));
    try {
      applyOptions(await app.options(true));
    } catch (e) {
      formEl.hidden = !options;
      fill(status, banner('error', h('p', null, messageOf(e)), h('button', { type: 'button', class: 'secondary small', onclick: () => app.go('home', true) }, 'Go to Home')));
    }
  }

  function input(): LeadRegistrationInput {
    const v = form.values();
    return {
      partnerId: v.partnerId,
      company: v.company,
      website: v.website,
      contactName: v.contactName,
      contactEmail: v.contactEmail,
      product: v.product,
      estimatedValue: v.estimatedValue,
      expectedClose: v.expectedClose,
      notes: v.notes,
    };
  }

  async function register(): Promise<void> {
    if (busy) return;
    fill(result);
    fill(problem);
    const lead = input();
    if (checkForm(form, LEAD_REGISTRATION_RULES, lead, problem) === null) return;
    busy = true;
    setBusy(submit, 'Registering…');
    formEl.setAttribute('aria-busy', 'true');
    let focusTarget: HTMLElement | null = null;
    try {
      const registered = await callServer('apiRegisterLead', lead);
      form.reset();
      focusTarget = successBanner(registered);
      fill(result, focusTarget);
    } catch (e) {
      fill(problem, serverErrorBanner(form, e));
      if (!form.focusFirstInvalid()) focusTarget = submit;
    } finally {
      busy = false;
      setBusy(submit, null);
      formEl.removeAttribute('aria-busy');
      // A new banner at the top: show it from the top of the view, not half under the navigation.
      if (focusTarget && focusTarget !== submit) window.scrollTo(0, 0);
      focusTarget?.focus({ preventScroll: focusTarget !== submit });
    }
  }

  function successBanner({ lead, conflict }: RegisterLeadResult): HTMLElement {
    const currency = options?.currency ?? '';
    const facts = [
      `${lead.company} for ${lead.partnerName}`,
      lead.estimatedValue !== null ? formatMoney(lead.estimatedValue, currency) : '',
      lead.protectedUntil ? `protected until ${lead.protectedUntil}` : '',
    ].filter(Boolean);
    const open = h('button', { type: 'button', class: 'link', onclick: () => app.go('leads', true) }, 'See it in Leads');
    if (conflict !== null || lead.status === 'Conflict') {
      return banner(
        'warn',
        h('p', { class: 'banner-title' }, `Registered ${lead.id} with status ${lead.status}`),
        h('p', null, sentence(conflict ?? lead.statusReason)),
        h('p', null, facts.join(' · '), '. The partner team decides in Leads whether to accept it. ', open),
      );
    }
    return banner('ok', h('p', { class: 'banner-title' }, `Registered ${lead.id} · status ${lead.status}`), h('p', null, facts.join(' · '), '. ', open));
  }

  return {
    el,
    show() {
      void load();
    },
  };
}

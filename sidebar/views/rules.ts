import { PARTNER_TIERS, PARTNER_TYPES, RULE_ACTIVE, RULE_KINDS, RULE_TYPES } from '../../src/domain/enums';
import { RULE_DRAFT_FIELDS, RuleDraft, checkRuleDraft } from '../../src/domain/commissions/rules';
import { ruleExample, ruleSummary } from '../../src/domain/commissions/summary';
import type { RuleView, RulesList, SaveRuleResult } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { plural } from '../format';
import { callServer } from '../server';
import { banner, loading, messageOf, setBusy } from '../ui/feedback';
import { FieldErrors, FormModel, serverErrorBanner } from '../ui/form';

/**
 * Commission rules: the Commission Rules tab's rules in plain words, and a builder that writes a
 * valid row (apiSaveRule). The builder checks with checkRuleDraft, the server's own check, and
 * shows what the rule pays as it is filled in. A rule that has made commissions keeps them: new
 * terms start from a date, as a new rule, and the old one ends the day before.
 */
const pairs = (values: readonly string[]): Array<[string, string]> => values.map((v) => [v, v]);
const ANY: [string, string] = ['', 'Any'];

/** A rate as the builder shows it: 0.125 → "12.5". */
const percentField = (rate: number | null): string => (rate === null ? '' : String(Number((rate * 100).toFixed(4))));
const amountField = (amount: number | null): string => (amount === null ? '' : String(amount));

export function createRulesView(app: App): View {
  const listHeadingId = uid('rules-title');
  const formHeadingId = uid('rule-form-title');

  // ---- the list ----
  const back = h('button', { type: 'button', class: 'link' }, '‹ Payouts');
  const addButton = h('button', { type: 'button', hidden: true }, 'New rule');
  const simulatorLink = h('button', { type: 'button', class: 'link' }, 'Plan simulator: what would a change of plan cost?');
  const listStatus = h('div');
  const whyNot = h('p', { class: 'muted', hidden: true });
  const summaryLine = h('p', { class: 'muted count', role: 'status' });
  const list = h('ul', { class: 'partners rules', 'aria-labelledby': listHeadingId });
  const problemsEl = h('div');
  const listPane = h(
    'div',
    null,
    h('p', { class: 'back-link' }, back),
    h('div', { class: 'view-head' }, h('h1', { id: listHeadingId, tabindex: -1 }, 'Commission rules'), addButton),
    h('p', { class: 'muted' }, 'What each rule pays, in plain words. Of the Base rules that match a deal, the most specific wins; every matching Bonus pays on top.'),
    h('p', null, simulatorLink),
    listStatus,
    whyNot,
    summaryLine,
    list,
    problemsEl,
  );

  // ---- the builder ----
  const form = new FormModel('rule');
  const formHeading = h('h1', { id: formHeadingId, tabindex: -1 }, 'New rule');
  const formNote = h('p', { class: 'muted' });
  const previewSummary = h('p', { class: 'rule-summary' });
  const previewExample = h('p', { class: 'muted' });
  const preview = h('div', { class: 'rule-preview', 'aria-live': 'polite', 'aria-label': 'What this rule pays' }, h('h2', null, 'What it pays'), previewSummary, previewExample);
  const problem = h('div');
  const save = h('button', { type: 'submit' }, 'Save rule');
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  // Created in page order: focus goes to the first invalid field in the order fields were made.
  const nameField = form.input({ name: 'name', label: 'Name', required: true, maxlength: 200, placeholder: 'Gold resellers 2026' });
  const typeRow = h(
    'div',
    { class: 'row2' },
    form.select({ name: 'ruleType', label: 'Type', options: pairs(RULE_TYPES), value: 'Base', hint: 'Base: the commission. Bonus: paid on top.' }),
    form.select({
      name: 'kind',
      label: 'Pays',
      options: [
        ['Percentage', 'A percentage'],
        ['Flat', 'A flat amount'],
      ] satisfies Array<[(typeof RULE_KINDS)[number], string]>,
      value: 'Percentage',
    }),
  );
  const rateField = form.input({ name: 'rate', label: 'Rate (%)', inputmode: 'decimal', placeholder: '10', hint: 'Share of the deal amount, e.g. 10 for 10%.' });
  const flatField = form.input({ name: 'flatAmount', label: 'Flat amount', inputmode: 'decimal', placeholder: '500', hint: 'Paid per won deal, whatever its size.' });
  const acceleratorFields = h(
    'fieldset',
    { class: 'rule-group' },
    h('legend', null, 'Accelerator (optional)'),
    h('p', { class: 'hint' }, "Above this much won revenue in a calendar quarter, the partner's deals pay the higher rate."),
    h(
      'div',
      { class: 'row2' },
      form.input({ name: 'acceleratorThreshold', label: 'Threshold', inputmode: 'decimal', placeholder: '50000' }),
      form.input({ name: 'acceleratorRate', label: 'Rate above (%)', inputmode: 'decimal', placeholder: '12' }),
    ),
  );
  const holdingHint = 'Blank: the Settings holding period.';
  const formEl = h(
    'form',
    { class: 'form', novalidate: true, 'aria-labelledby': formHeadingId },
    nameField,
    typeRow,
    rateField,
    flatField,
    acceleratorFields,
    h(
      'div',
      { class: 'row2' },
      form.input({ name: 'capPerDeal', label: 'Cap per deal', inputmode: 'decimal', hint: 'Blank: no cap.' }),
      form.input({ name: 'holdingDays', label: 'Holding days', inputmode: 'decimal', hint: holdingHint }),
    ),
    h(
      'fieldset',
      { class: 'rule-group' },
      h('legend', null, 'Applies to'),
      h(
        'div',
        { class: 'row2' },
        form.select({ name: 'partnerTier', label: 'Partner tier', options: [ANY, ...pairs(PARTNER_TIERS)] }),
        form.select({ name: 'partnerType', label: 'Partner type', options: [ANY, ...pairs(PARTNER_TYPES)] }),
      ),
      form.select({ name: 'product', label: 'Product', options: [ANY] }),
    ),
    h(
      'div',
      { class: 'row2' },
      form.input({ name: 'effectiveFrom', label: 'Effective from', type: 'date', hint: 'First close date it pays for.' }),
      form.input({ name: 'effectiveTo', label: 'Effective to', type: 'date', hint: 'Blank: no end.' }),
    ),
    form.select({ name: 'active', label: 'Active', options: pairs(RULE_ACTIVE), value: 'Yes', hint: 'No: kept, but pays nothing. Draft: pays nothing; the Plan simulator tries it.' }),
    form.textarea({ name: 'notes', label: 'Notes', rows: 2, maxlength: 2000 }),
    preview,
    problem,
    h('div', { class: 'actions' }, save, cancel),
  );
  const formPane = h('div', { hidden: true }, formHeading, formNote, formEl);
  const el = h('section', { class: 'view rules-view' }, listPane, formPane);

  let data: RulesList | null = null;
  let editing: RuleView | null = null;
  let busy = false;

  /** The form as the draft the server takes; fields the chosen kind and type do not use are sent blank. */
  function draft(): RuleDraft {
    const v = form.values();
    const out = Object.fromEntries(RULE_DRAFT_FIELDS.map((k) => [k, v[k] ?? ''])) as unknown as RuleDraft;
    out.id = editing?.id ?? '';
    if (v.kind === 'Flat') out.rate = '';
    else out.flatAmount = '';
    if (v.kind === 'Flat' || v.ruleType === 'Bonus') {
      out.acceleratorThreshold = '';
      out.acceleratorRate = '';
    }
    return out;
  }

  const errorsOf = (): FieldErrors => {
    const checked = checkRuleDraft(draft());
    return checked.ok ? {} : (checked.errors as FieldErrors);
  };
  form.validateOnBlur(errorsOf);

  /** Shows the fields the kind and type use, and what the rule pays so far. */
  function update(): void {
    const kind = form.get('kind');
    rateField.hidden = kind === 'Flat';
    flatField.hidden = kind !== 'Flat';
    acceleratorFields.hidden = kind === 'Flat' || form.get('ruleType') === 'Bonus';
    const checked = checkRuleDraft(draft());
    const currency = data?.currency ?? '';
    if (checked.ok) {
      fill(previewSummary, ruleSummary(checked.rule, currency));
      const holding = checked.rule.holdingDays === null && data ? { ...checked.rule, holdingDays: data.defaultHoldingDays } : checked.rule;
      fill(previewExample, ruleExample(holding, currency));
    } else {
      fill(previewSummary, 'Not a complete rule yet.');
      fill(previewExample, Object.values(checked.errors)[0] ?? '');
    }
  }
  formEl.addEventListener('input', update);
  formEl.addEventListener('change', update);

  async function loadList(): Promise<void> {
    if (!data) fill(summaryLine, loading('Loading rules…'));
    try {
      data = await callServer('apiListRules');
      renderList();
    } catch (e) {
      fill(summaryLine);
      fill(listStatus, banner('error', messageOf(e)));
    }
  }

  function renderList(): void {
    if (!data) return;
    const active = data.rules.filter((r) => r.active).length;
    const drafts = data.rules.filter((r) => r.draft).length;
    fill(summaryLine, `${plural(data.rules.length, 'rule')}, ${active} active${drafts ? `, ${plural(drafts, 'draft')}` : ''}`);
    addButton.hidden = !data.canEdit;
    whyNot.hidden = data.canEdit;
    fill(whyNot, data.whyNot ?? '');
    if (!data.rules.length) {
      fill(list, h('li', { class: 'empty' }, 'No rules yet: no deal earns a commission until one applies.'));
    } else {
      fill(
        list,
        data.rules.map((r) =>
          h(
            'li',
            { class: 'partner rule', 'data-id': r.id },
            h(
              'div',
              { class: 'partner-main' },
              h('span', { class: 'partner-name' }, r.name),
              h('span', { class: 'lead-meta' }, `${r.id} · ${r.summary}`),
              r.commissions ? h('span', { class: 'lead-meta' }, `${plural(r.commissions, 'commission line')} so far`) : null,
            ),
            h('span', { class: `chip ${r.active ? 's-active' : 's-inactive'}` }, r.active ? 'Active' : r.draft ? 'Draft' : 'Inactive'),
            data!.canEdit ? h('button', { type: 'button', class: 'secondary small', 'data-edit': r.id, 'aria-label': `Edit ${r.name}` }, 'Edit') : null,
          ),
        ),
      );
    }
    fill(
      problemsEl,
      data.problems.length
        ? banner(
            'warn',
            h('p', null, `${plural(data.problems.length, 'row')} of the Commission Rules tab ${data.problems.length === 1 ? 'is' : 'are'} not a rule yet and pay nothing:`),
            h(
              'ul',
              null,
              data.problems.map((p) => h('li', null, p.problems.join(' '))),
            ),
          )
        : null,
    );
  }

  list.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest('button[data-edit]') as HTMLButtonElement | null;
    const rule = b && data?.rules.find((r) => r.id === b.dataset.edit);
    if (rule) openForm(rule);
  });
  addButton.addEventListener('click', () => openForm(null));
  back.addEventListener('click', () => app.go('payouts', true));
  simulatorLink.addEventListener('click', () => app.go('simulator', true));
  cancel.addEventListener('click', () => closeForm(null));
  formEl.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit();
  });

  function openForm(rule: RuleView | null): void {
    editing = rule;
    fill(listStatus);
    fill(problem);
    form.reset();
    const products = data?.products ?? [];
    const withCurrent = rule?.product && !products.includes(rule.product) ? [...products, rule.product] : products;
    form.setOptions('product', [ANY, ...pairs(withCurrent)]);
    // Tiers are the Tiers tab's (the four seed tiers until the list arrives).
    const tiers = data?.tiers ?? [...PARTNER_TIERS];
    form.setOptions('partnerTier', [ANY, ...pairs(rule?.partnerTier && !tiers.includes(rule.partnerTier) ? [...tiers, rule.partnerTier] : tiers)]);
    fill(formHeading, rule ? `Edit ${rule.id}` : 'New rule');
    fill(
      formNote,
      rule && rule.commissions
        ? `${rule.id} has made ${plural(rule.commissions, 'commission line')}. Past commissions never change: a new rate, amount or scope is saved as a new rule from its Effective from date, and ${rule.id} ends the day before. Name, notes, Active and Effective to change in place.`
        : rule
          ? `${rule.id} has made no commissions yet: it is changed in place. Changes are logged in the Audit Log.`
          : `Saved as a new row of the Commission Rules tab with the next Rule ID.${data ? ` Holding days left blank use the Settings period (${data.defaultHoldingDays} days).` : ''}`,
    );
    save.textContent = rule ? 'Save changes' : 'Save rule';
    if (rule) {
      form.setValues({
        name: rule.name,
        ruleType: rule.ruleType,
        kind: rule.kind,
        rate: percentField(rule.rate),
        flatAmount: amountField(rule.flatAmount),
        acceleratorThreshold: amountField(rule.acceleratorThreshold),
        acceleratorRate: percentField(rule.acceleratorRate),
        capPerDeal: amountField(rule.capPerDeal),
        holdingDays: rule.holdingDays === null ? '' : String(rule.holdingDays),
        partnerTier: rule.partnerTier,
        partnerType: rule.partnerType,
        product: rule.product,
        effectiveFrom: rule.effectiveFrom,
        effectiveTo: rule.effectiveTo,
        active: rule.draft ? 'Draft' : rule.active ? 'Yes' : 'No',
        notes: rule.notes,
      });
    } else if (data) {
      form.set('effectiveFrom', data.today);
    }
    listPane.hidden = true;
    formPane.hidden = false;
    update();
    window.scrollTo(0, 0);
    formHeading.focus();
  }

  function closeForm(saved: SaveRuleResult | null): void {
    const was = editing;
    editing = null;
    formPane.hidden = true;
    listPane.hidden = false;
    if (saved) {
      const note = banner('ok', saved.message);
      fill(listStatus, note);
      window.scrollTo(0, 0);
      note.focus({ preventScroll: true });
      void loadList();
    } else {
      const backTo = was ? list.querySelector<HTMLElement>(`button[data-edit="${was.id}"]`) : addButton;
      (backTo && !backTo.hidden ? backTo : (listPane.querySelector('h1') as HTMLElement)).focus();
    }
  }

  async function submit(): Promise<void> {
    if (busy) return;
    fill(problem);
    const rule = draft();
    if (!form.validateAll(errorsOf)) return;
    busy = true;
    setBusy(save, 'Saving…');
    formEl.setAttribute('aria-busy', 'true');
    let saved: SaveRuleResult | null = null;
    try {
      saved = await callServer('apiSaveRule', rule);
      app.announce(saved.message);
    } catch (e) {
      fill(problem, serverErrorBanner(form, e));
      if (!form.focusFirstInvalid()) save.focus();
    } finally {
      busy = false;
      setBusy(save, null);
      formEl.removeAttribute('aria-busy');
    }
    if (saved) closeForm(saved);
  }

  return {
    el,
    show() {
      if (formPane.hidden) void loadList();
    },
  };
}

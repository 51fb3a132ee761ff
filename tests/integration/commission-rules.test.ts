import type { LeadView, RuleDraft, RulesList, SaveRuleResult } from '../../src/sidebar-api/contract';
import { tab } from '../../src/tracker/schema';
import { columnNote } from '../../src/tracker/column-notes';
import { Tracker, clearExampleRule, restoredFixture, trackerOnBundle } from '../support/tracker';

/** Commission rules made easy to get right: notes, dropdowns, the inactive example, Active, the sidebar's builder, one toast per burst. */
let t: Tracker;
const ANA = 'ana@example.com';
const BOSS = 'boss@example.com';
const RULES = 'Commission Rules';

const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-03-02T15:00:00Z', exampleRule: true });
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BOSS, 'Manager');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acmepartners.example', tier: 'Gold', type: 'Reseller' });
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

const rules = () => t.rows(RULES);
const header = () => t.sheet(RULES).getRange(1, 1, 1, t.sheet(RULES).getLastColumn()).getDisplayValues()[0];

/** Rule rows under the header, in the tab's column order (keys left out are blank). */
function writeRules(...rows: Array<Partial<Record<string, string | number>>>) {
  clearExampleRule(t.emu);
  const keys = tab('rules').columns.map((c) => c.key);
  t.sheet(RULES)
    .getRange(2, 1, rows.length, keys.length)
    .setValues(rows.map((r) => keys.map((k) => r[k] ?? '')));
}

function wonLead(company: string, amount: number, closedOn = '2026-03-02'): LeadView {
  const reg = t.emu.run('apiRegisterLead', [{ partnerId: 'P-000001', company, contactEmail: `ceo@${company.toLowerCase()}.example` }], { user: ANA }) as { ok: true; data: { lead: LeadView } };
  const id = reg.data.lead.id;
  t.ok('apiMoveLead', id, { to: 'Accepted' });
  t.ok('apiMoveLead', id, { to: 'Qualified' });
  return t.ok<LeadView>('apiMoveLead', id, { to: 'Closed Won', dealAmount: amount, closedOn });
}

const draft = (over: Partial<RuleDraft> = {}): RuleDraft => ({
  id: '',
  name: 'Gold resellers 2026',
  ruleType: 'Base',
  kind: 'Percentage',
  rate: '15',
  flatAmount: '',
  acceleratorThreshold: '',
  acceleratorRate: '',
  capPerDeal: '',
  holdingDays: '0',
  partnerTier: 'Gold',
  partnerType: 'Reseller',
  product: '',
  effectiveFrom: '2026-01-01',
  effectiveTo: '',
  active: 'Yes',
  notes: 'Agreed with sales, January.',
  ...over,
});

describe('the Commission Rules tab explains itself', () => {
  test('every column has a note on its header cell, and the enumerated columns show a dropdown that refuses other values', () => {
    const sheet = t.sheet(RULES);
    const notes = sheet.getRange(1, 1, 1, tab('rules').columns.length).getNotes()[0];
    tab('rules').columns.forEach((col, i) => expect([col.header, notes[i]]).toEqual([col.header, columnNote('rules', col.key)]));
    expect(notes.every((n) => n.length > 20)).toBe(true);
    expect(notes[header().indexOf('Accelerator Threshold')]).toMatch(/calendar quarter.*Example: 50,000/);
    for (const name of ['Rule Type', 'Partner Tier', 'Partner Type', 'Kind', 'Active', 'Product']) {
      const rule = sheet.getRange(5, header().indexOf(name) + 1).getDataValidation();
      expect([name, rule?.getCriteriaValues()[1], rule?.getAllowInvalid()]).toEqual([name, true, false]);
    }
  });

  test('an upgraded tracker whose header cells had no notes gets them, once', () => {
    const sheet = t.sheet(RULES);
    sheet.getRange(1, 1, 1, sheet.getLastColumn()).clearNote();
    const first = t.ok<{ changes: string[] }>('apiRunSetup');
    expect(first.changes).toContain(`Wrote the notes that explain each column on the header cells: ${RULES}.`);
    expect(sheet.getRange(1, header().indexOf('Kind') + 1).getNote()).toBe(columnNote('rules', 'kind'));
    expect(t.ok<{ changes: string[] }>('apiRunSetup').changes).toEqual([]);
  });
});

describe('the example rule setup writes', () => {
  test('is one inactive, complete row with a Rule ID, and it pays nothing', () => {
    expect(rules()).toHaveLength(1);
    const example = rules()[0];
    expect(example).toMatchObject({
      'Rule ID': 'R-000001',
      Name: 'Example — 10% on every won deal, 12% above 50,000 a quarter (inactive)',
      'Rule Type': 'Base',
      Kind: 'Percentage',
      Rate: '10.00%',
      'Accelerator Threshold': '50,000.00',
      'Accelerator Rate': '12.00%',
      'Cap Per Deal': '5,000.00',
      'Holding Days': '30',
      'Effective From': '2026-03-02',
      Active: 'No',
      Problems: '',
    });
    expect(example.Notes).toMatch(/Active is No/);
    const won = wonLead('Initech', 10000);
    expect(won.notice).toMatch(/^No commission rule applies to L-000001/);
    expect(t.rows('Commissions')).toEqual([]);
  });

  test('setup again adds no second example, and never brings back one the team deleted', () => {
    t.emu.run('menuSetUpTracker');
    expect(rules()).toHaveLength(1);
    clearExampleRule(t.emu);
    t.emu.run('menuSetUpTracker');
    expect(rules()).toEqual([]);
  });

  test('an upgrade of a tracker that already has rules writes none', () => {
    writeRules({ id: 'R-000001', name: 'Standard', ruleType: 'Base', kind: 'Percentage', rate: 0.1 });
    // A tracker from before the example: no record of one.
    t.emu.services.properties.store('document', t.emu.store.activeId).delete('tracker.exampleRule');
    const setup = t.ok<{ changes: string[] }>('apiRunSetup');
    expect(rules().map((r) => r.Name)).toEqual(['Standard']);
    expect(setup.changes.join(' ')).not.toMatch(/example/);
  });
});

describe('Active', () => {
  test('No: the rule makes no commissions; blank or Yes: it does, and an inactive specific rule does not shadow an active general one', () => {
    writeRules(
      { id: 'R-000001', name: 'Standard', ruleType: 'Base', kind: 'Percentage', rate: 0.1, holdingDays: 30 },
      { id: 'R-000002', name: 'Gold resellers', ruleType: 'Base', partnerTier: 'Gold', partnerType: 'Reseller', kind: 'Percentage', rate: 0.2, active: 'No' },
      { id: 'R-000003', name: 'Spring SPIFF', ruleType: 'Bonus', kind: 'Flat', flatAmount: 500, active: 'No' },
    );
    wonLead('Initech', 10000);
    expect(t.rows('Commissions').map((c) => [c['Rule ID'], c.Amount])).toEqual([['R-000001', '1,000.00']]);
    // A manager types Yes over No, and clears an Active cell (blank = Yes).
    const active = (row: number) => `${RULES}!${String.fromCharCode(65 + header().indexOf('Active'))}${row}`;
    t.emu.editAsUser(active(3), 'Yes', BOSS);
    t.emu.editAsUser(active(4), '', BOSS);
    wonLead('Hooli', 10000);
    expect(t.rows('Commissions').map((c) => [c['Lead ID'], c['Rule ID'], c.Amount])).toEqual([
      ['L-000001', 'R-000001', '1,000.00'],
      ['L-000002', 'R-000002', '2,000.00'],
      ['L-000002', 'R-000003', '500.00'],
    ]);
  });
});

describe("the sidebar's rule builder", () => {
  test('lists the rules in plain words, the example among them', () => {
    const list = t.okAs<RulesList>(BOSS, 'apiListRules');
    expect(list).toMatchObject({ currency: 'USD', canEdit: true, whyNot: null, problems: [] });
    expect(list.rules.map((r) => [r.id, r.active, r.summary, r.example])).toEqual([
      [
        'R-000001',
        false,
        '10% of the deal, 12% above $50,000 won in a quarter, at most $5,000 a deal, every partner, any product, from 2 Mar 2026',
        'A $10,000 deal pays $1,000. Once the partner has won $50,000 in the quarter, the next $10,000 deal pays $1,200. Payable 30 days after the deal closes. Inactive: it pays nothing until Active is Yes.',
      ],
    ]);
    expect(t.okAs<RulesList>(ANA, 'apiListRules')).toMatchObject({ canEdit: false, whyNot: expect.stringContaining('needs the Manager role') });
  });

  test('saves a valid row with the next Rule ID, audited, that pays the expected commission on a won deal', () => {
    const saved = t.okAs<SaveRuleResult>(BOSS, 'apiSaveRule', draft({ product: 'Core Platform' }), { requestId: 'save-rule-0001' });
    expect(saved).toMatchObject({ created: true, replaced: null, message: 'Added R-000002.' });
    expect(saved.rule.summary).toBe('15% of the deal, Gold resellers, Core Platform, from 1 Jan 2026');
    expect(saved.rule.example).toBe('A $10,000 deal pays $1,500. Payable as soon as the deal is won.');
    expect(rules()[1]).toMatchObject({
      'Rule ID': 'R-000002',
      Name: 'Gold resellers 2026',
      'Rule Type': 'Base',
      'Partner Tier': 'Gold',
      'Partner Type': 'Reseller',
      Product: 'Core Platform',
      Kind: 'Percentage',
      Rate: '15.00%',
      'Flat Amount': '',
      'Holding Days': '0',
      'Effective From': '2026-01-01',
      Active: 'Yes',
      Notes: 'Agreed with sales, January.',
    });
    // A retry of the same request gets the first outcome; no second row.
    expect(t.okAs<SaveRuleResult>(BOSS, 'apiSaveRule', draft({ product: 'Core Platform' }), { requestId: 'save-rule-0001' }).rule.id).toBe('R-000002');
    expect(rules()).toHaveLength(2);
    const reg = t.emu.run('apiRegisterLead', [{ partnerId: 'P-000001', company: 'Initech', contactEmail: 'ceo@initech.example', product: 'Core Platform' }], { user: ANA }) as {
      ok: true;
      data: { lead: LeadView };
    };
    t.ok('apiMoveLead', reg.data.lead.id, { to: 'Accepted' });
    t.ok('apiMoveLead', reg.data.lead.id, { to: 'Qualified' });
    t.ok('apiMoveLead', reg.data.lead.id, { to: 'Closed Won', dealAmount: 10000, closedOn: '2026-03-02' });
    expect(t.rows('Commissions').map((c) => [c['Rule ID'], c.Rate, c.Amount])).toEqual([['R-000002', '15.00%', '1,500.00']]);
    // A teammate's audit entries are chained in by the owner's next change (the moves above).
    expect(t.rows('Audit Log').filter((r) => r.Field === '(new rule)')).toEqual([
      expect.objectContaining({ User: BOSS, Tab: RULES, 'Record ID': 'R-000002', 'New Value': 'Gold resellers 2026: 15% of the deal, Gold resellers, Core Platform, from 1 Jan 2026' }),
    ]);
  });

  test('invalid input is refused on the server with a reason for each field, and nothing is written', () => {
    const refused = t.apiAs(BOSS, 'apiSaveRule', draft({ name: '', rate: '', flatAmount: '200', acceleratorRate: '25', ruleType: 'Bonus', holdingDays: '-3', effectiveTo: '2025-12-31' }));
    expect(refused).toEqual({
      ok: false,
      error: {
        message: 'Some fields need attention.',
        fieldErrors: {
          name: 'Name is required',
          rate: 'A Percentage rule needs a rate between 0% and 100%',
          flatAmount: 'A Percentage rule takes a rate, not a flat amount; clear the Flat Amount',
          acceleratorRate: 'A Bonus rule cannot have an accelerator (accelerators belong to Base rules); clear the Accelerator Threshold and Accelerator Rate',
          acceleratorThreshold: 'An accelerator needs both an Accelerator Threshold and an Accelerator Rate',
          holdingDays: 'Holding Days must be a whole number from 0 to 365, or blank for the Settings default',
          effectiveTo: 'Effective From (2026-01-01) must be on or before Effective To (2025-12-31)',
        },
      },
    });
    expect(t.apiAs(BOSS, 'apiSaveRule', draft({ product: 'Hoverboards' }))).toMatchObject({ ok: false, error: { fieldErrors: { product: expect.stringContaining('is not on the Lists tab') } } });
    expect(t.apiAs(ANA, 'apiSaveRule', draft())).toMatchObject({ ok: false, error: { message: expect.stringContaining('Changing commission rules needs the Manager role') } });
    expect(rules()).toHaveLength(1);
  });

  test('a rule without commissions is edited in place; one with commissions gets its new terms as a new rule from a date, past lines unchanged', () => {
    const first = t.okAs<SaveRuleResult>(BOSS, 'apiSaveRule', draft({ partnerTier: '', partnerType: '' })).rule;
    const renamed = t.okAs<SaveRuleResult>(BOSS, 'apiSaveRule', draft({ id: first.id, name: 'Everyone 2026', partnerTier: '', partnerType: '' }));
    expect(renamed).toMatchObject({ created: false, message: `Saved ${first.id}.` });
    expect(rules()).toHaveLength(2);
    wonLead('Initech', 10000, '2026-03-02');

    const edit = draft({ id: first.id, name: 'Everyone 2026', partnerTier: '', partnerType: '', rate: '18' });
    expect(t.apiAs(BOSS, 'apiSaveRule', edit)).toMatchObject({
      ok: false,
      error: { fieldErrors: { effectiveFrom: expect.stringContaining(`${first.id} has made 1 commission line, and past commissions never change`) } },
    });
    const split = t.okAs<SaveRuleResult>(BOSS, 'apiSaveRule', { ...edit, effectiveFrom: '2026-03-05' });
    expect(split).toMatchObject({ created: true, replaced: first.id, rule: { id: 'R-000003', rate: 0.18, effectiveFrom: '2026-03-05' } });
    expect(split.message).toBe(`${first.id} has made commissions, so its new terms are a new rule, R-000003, from 2026-03-05; ${first.id} now ends 2026-03-04. Past commissions are unchanged.`);
    expect(rules().map((r) => [r['Rule ID'], r.Rate, r['Effective From'], r['Effective To']])).toEqual([
      ['R-000001', '10.00%', '2026-03-02', ''],
      ['R-000002', '15.00%', '2026-01-01', '2026-03-04'],
      ['R-000003', '18.00%', '2026-03-05', ''],
    ]);
    // The same save again (a retry without its request ID) finds the rule it made.
    expect(t.okAs<SaveRuleResult>(BOSS, 'apiSaveRule', { ...edit, effectiveFrom: '2026-03-05' })).toMatchObject({ created: false, rule: { id: 'R-000003' } });
    expect(rules()).toHaveLength(3);
    t.emu.clock.set('2026-03-09T15:00:00Z');
    wonLead('Hooli', 10000, '2026-03-09');
    expect(t.rows('Commissions').map((c) => [c['Lead ID'], c['Rule ID'], c.Amount])).toEqual([
      ['L-000001', 'R-000002', '1,500.00'],
      ['L-000002', 'R-000003', '1,800.00'],
    ]);
  });
});

describe('typing a rule into the tab', () => {
  test('cell by cell gives one toast for the burst, not one per cell; a row broken again later is told again', () => {
    clearExampleRule(t.emu);
    const cell = (name: string) => `${RULES}!${String.fromCharCode(65 + header().indexOf(name))}2`;
    const titled = () => t.emu.services.ui.toasts.filter((x) => x.title === 'Commission rules need attention');
    const typed: Array<[string, string | number]> = [
      ['Rule ID', 'R-000009'],
      ['Name', 'Typed by hand'],
      ['Rule Type', 'Base'],
      ['Kind', 'Percentage'],
      ['Rate', 0.1],
    ];
    for (const [name, value] of typed) expect(t.emu.editAsUser(cell(name), value, BOSS).triggerRuns?.every((r) => r.ok)).toBe(true);
    expect(titled()).toHaveLength(1);
    expect(titled()[0].message).toMatch(/^R-000009 \(row 2\): Name is required\nR-000009 \(row 2\): Rule Type must be Base or Bonus/);
    expect(rules()[0]).toMatchObject({ 'Rule ID': 'R-000009', Kind: 'Percentage', Rate: '10.00%' });
    t.emu.editAsUser(cell('Kind'), '', BOSS);
    expect(titled()).toHaveLength(2);
    expect(titled()[1].message).toBe('R-000009 (row 2): Kind must be Percentage or Flat');
  });
});

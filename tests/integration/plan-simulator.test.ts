import Papa from 'papaparse';
import type { LeadView, RuleDraft, RulesList, SaveRuleResult, SimulationExportFile, SimulationView, SimulatorOptions } from '../../src/sidebar-api/contract';
import { OWNER, Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * The Plan simulator through the bundle: a draft replacing a live rule, replayed on February's
 * won deals; every figure below worked out by hand from the deals and rules of the fixture.
 */
const BOSS = 'boss@example.com';
const ANA = 'ana@example.com';
let t: Tracker;

const rule = (over: Partial<RuleDraft>): RuleDraft => ({
  id: '',
  name: 'Everyone 10%',
  ruleType: 'Base',
  kind: 'Percentage',
  rate: '10',
  flatAmount: '',
  acceleratorThreshold: '',
  acceleratorRate: '',
  capPerDeal: '',
  holdingDays: '0',
  partnerTier: '',
  partnerType: '',
  product: '',
  effectiveFrom: '2026-01-01',
  effectiveTo: '',
  active: 'Yes',
  notes: '',
  ...over,
});

/** Registered on 5 January; won on its close date (the clock moves there: a deal cannot close in the future). */
function wonLead(partnerId: string, company: string, amount: number, closedOn: string): string {
  t.emu.clock.set('2026-01-05T15:00:00Z');
  const reg = t.okAs<{ lead: LeadView }>(ANA, 'apiRegisterLead', { partnerId, company, contactEmail: `ceo@${company.toLowerCase()}.example` });
  for (const to of ['Accepted', 'Qualified']) t.ok('apiMoveLead', reg.lead.id, { to });
  t.emu.clock.set(`${closedOn}T15:00:00Z`);
  t.ok('apiMoveLead', reg.lead.id, { to: 'Closed Won', dealAmount: amount, closedOn });
  return reg.lead.id;
}

const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-01-05T15:00:00Z' });
  t.addTeam(BOSS, 'Manager');
  t.addTeam(ANA, 'Partner team');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example', tier: 'Gold' });
  t.addPartner({ name: '=HYPERLINK("http://evil.example","Bolt")', code: 'BOLT', contactEmail: 'bo@bolt.example', tier: 'Silver', type: 'Referral' });
  const save = (draft: RuleDraft) => t.ok<SaveRuleResult>('apiSaveRule', draft).rule.id;
  const ids = {
    every: save(rule({})),
    gold: save(rule({ name: 'Gold 20%', rate: '20', partnerTier: 'Gold' })),
    // The same scope as the live Gold 20%, so it would tie with it if it were live; as a Draft it pays nothing.
    draft: save(rule({ name: 'Gold 25% (proposal)', rate: '25', partnerTier: 'Gold', active: 'Draft' })),
  };
  wonLead('P-000001', 'Janco', 10_000, '2026-01-20'); // January: outside the period (Gold 20%: 2,000)
  wonLead('P-000001', 'Febco', 20_000, '2026-02-05'); // Gold 20%: 4,000; the draft would pay 5,000
  wonLead('P-000002', 'Boltco', 5_000, '2026-02-10'); // Silver, 10%: 500 under either plan
  t.emu.clock.set('2026-03-10T15:00:00Z');
  return { t, ids };
});

let EVERY: string, GOLD: string, DRAFT: string;
beforeEach(() => {
  let ids;
  ({ t, ids } = fresh());
  ({ every: EVERY, gold: GOLD, draft: DRAFT } = ids);
});

const FEBRUARY = { kind: 'month', start: '2026-02-01', end: '' };

test('a draft is paid nowhere for real; the simulator starts from the live rules and the draft that replaces one, and replays February', () => {
  // For real, the draft neither paid nor tied: Febco earned the live Gold 20%.
  expect(t.rows('Commissions').map((r) => [r['Lead ID'], r['Rule ID'], r.Amount])).toEqual([
    ['L-000001', GOLD, '2,000.00'],
    ['L-000002', GOLD, '4,000.00'],
    ['L-000003', EVERY, '500.00'],
  ]);
  const options = t.okAs<SimulatorOptions>(BOSS, 'apiGetSimulatorOptions');
  expect(options.rules.map((r) => [r.id, r.state, r.inPlan, r.replacedBy])).toEqual([
    [EVERY, 'Yes', true, null],
    [GOLD, 'Yes', false, DRAFT],
    [DRAFT, 'Draft', true, null],
  ]);
  expect(options).toMatchObject({ canRun: true, today: '2026-03-10', periods: [{ kind: 'month', start: '2026-02-01', label: 'February 2026' }, { start: '2025-10-01' }, { start: '2025-01-01' }] });

  const before = t.sheet('Commissions').getDataRange().getValues();
  const sim = t.okAs<SimulationView>(BOSS, 'apiSimulatePlan', FEBRUARY, [EVERY, DRAFT]);
  expect(sim.period).toEqual({ kind: 'month', start: '2026-02-01', end: '2026-02-28', label: 'February 2026' });
  // Acme: 5,000 against 4,000 (+1,000, +25%); Bolt: 500 against 500. Total: 5,500 against 4,500, +1,000 = +22.2%.
  expect(sim.partners.map((p) => [p.partnerId, p.deals, p.actualCents, p.planCents, p.differenceCents, p.differencePercent])).toEqual([
    ['P-000001', 1, 400_000, 500_000, 100_000, 25],
    ['P-000002', 1, 50_000, 50_000, 0, 0],
  ]);
  expect(sim.totals).toEqual({ deals: 2, partners: 2, uncoveredDeals: 0, uncoveredActualCents: 0, actualCents: 450_000, planCents: 550_000, differenceCents: 100_000, differencePercent: 22.2 });
  expect(sim.uncovered).toEqual([]);
  // It wrote nothing to Commissions.
  expect(t.sheet('Commissions').getDataRange().getValues()).toEqual(before);

  // Keeping the live Gold rule beside the draft ties them: Febco is listed with the reason, not paid a guess.
  const tied = t.okAs<SimulationView>(BOSS, 'apiSimulatePlan', FEBRUARY, [EVERY, GOLD, DRAFT]);
  expect(tied.uncovered).toEqual([
    expect.objectContaining({
      leadId: 'L-000002',
      partnerName: 'Acme Partners',
      reason: 'ambiguous',
      actualCents: 400_000,
      message: expect.stringMatching(new RegExp(`^${GOLD} and ${DRAFT} both apply`)),
    }),
  ]);
  expect(tied.totals).toMatchObject({ planCents: 50_000, uncoveredDeals: 1, uncoveredActualCents: 400_000 });
});

test("each deal is replayed at the partner's tier on its close date (the Tier History), not today's", () => {
  // Today (10 March) Bolt becomes Gold by hand: its Boltco deal closed in February, as Silver.
  t.ok('apiSavePartner', { id: 'P-000002', name: '=HYPERLINK("http://evil.example","Bolt")', code: 'BOLT', contactEmail: 'bo@bolt.example', type: 'Referral', tier: 'Gold' });
  expect(t.rows('Tier History').filter((r) => r['Partner ID'] === 'P-000002')).toEqual([
    expect.objectContaining({ 'From Tier': '', 'To Tier': 'Silver', 'Effective On': '2026-01-05' }),
    expect.objectContaining({ 'From Tier': 'Silver', 'To Tier': 'Gold', 'Effective On': '2026-03-10' }),
  ]);
  const sim = t.okAs<SimulationView>(BOSS, 'apiSimulatePlan', FEBRUARY, [EVERY, DRAFT]);
  // Silver in February: Everyone 10% (500), not the Gold draft's 25% (1,250).
  expect(sim.partners.find((p) => p.partnerId === 'P-000002')).toMatchObject({ actualCents: 50_000, planCents: 50_000 });
});

test('refusals say why: the role, a period not over or with no won deal, an unknown rule, an empty plan', () => {
  const why = (user: string, ...args: unknown[]) => {
    const r = t.apiAs<SimulationView>(user, 'apiSimulatePlan', ...args);
    return r.ok ? 'accepted' : `${Object.values(r.error.fieldErrors ?? {}).join(' ') || r.error.message}`;
  };
  expect(why(ANA, FEBRUARY, [EVERY])).toMatch(/^Simulating a commission plan on past deals needs the Manager role/);
  expect(why(BOSS, { kind: 'month', start: '2026-03-01' }, [EVERY])).toMatch(/^March 2026 has not ended yet \(it ends 2026-03-31; today is 2026-03-10\)/);
  expect(why(BOSS, { kind: 'month', start: '2025-12-01' }, [EVERY])).toBe(
    'No deal was won in December 2025 (2025-12-01 to 2025-12-31): there is nothing to replay. Choose a period with Closed Won deals.',
  );
  expect(why(BOSS, FEBRUARY, ['R-000009'])).toMatch(/^R-000009 is not a rule on the Commission Rules tab/);
  expect(why(BOSS, FEBRUARY, [])).toBe('Tick at least one rule for the plan');
  expect(t.okAs<SimulatorOptions>(ANA, 'apiGetSimulatorOptions')).toMatchObject({ canRun: false, whyNot: expect.stringMatching(/needs the Manager role/) });
});

test('the export: a CSV in the person’s Drive, parseable, formula-safe, and audited', () => {
  const file = t.ok<SimulationExportFile>('apiExportSimulation', FEBRUARY, [EVERY, DRAFT]);
  expect(file).toMatchObject({ rows: 5, fileName: expect.stringMatching(/plan simulation 2026-02-01 to 2026-02-28\.csv$/) });
  const [stored] = t.emu.services.drive.list();
  expect(stored.mimeType).toBe('text/csv');
  const parsed = Papa.parse<Record<string, string>>(stored.content.trimEnd(), { header: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data.map((r) => [r.row_type, r.partner_id, r.lead_id, r.actual, r.plan, r.difference, r.difference_percent])).toEqual([
    ['total', '', '', '4500.00', '5500.00', '1000.00', '22.2'],
    ['partner', 'P-000001', '', '4000.00', '5000.00', '1000.00', '25.0'],
    ['partner', 'P-000002', '', '500.00', '500.00', '0.00', '0.0'],
    ['deal', 'P-000001', 'L-000002', '4000.00', '5000.00', '1000.00', '25.0'],
    ['deal', 'P-000002', 'L-000003', '500.00', '500.00', '0.00', '0.0'],
  ]);
  expect(parsed.data[2].partner_name).toBe('\'=HYPERLINK("http://evil.example","Bolt")');
  for (const r of parsed.data) for (const k of ['partner_name', 'note', 'tier']) expect([k, r[k]]).not.toEqual([k, expect.stringMatching(/^[=+\-@\t\r]/)]);
  const audit = t.rows('Audit Log').filter((r) => r.Field === '(plan simulation export)');
  expect(audit).toEqual([
    expect.objectContaining({ 'Record ID': `${EVERY} ${DRAFT}`, 'New Value': expect.stringMatching(new RegExp(`^February 2026: plan ${EVERY} ${DRAFT}; 2 deals, actual 4500, plan 5500; .*\\.csv$`)) }),
  ]);
});

test('saved plans: a named set of rules, shared in the document, replaced by name, deleted, audited; refusals say why', () => {
  const saved = t.okAs<Array<{ name: string; ruleIds: string[]; savedBy: string }>>(BOSS, 'apiSaveSimulatorScenario', ' Gold 25% proposal ', [EVERY, DRAFT]);
  expect(saved).toEqual([{ name: 'Gold 25% proposal', ruleIds: [EVERY, DRAFT], savedBy: BOSS, savedAt: '2026-03-10T15:00:00.000Z' }]);
  // The same name in another case replaces it; the owner sees the team's plans.
  t.okAs(BOSS, 'apiSaveSimulatorScenario', 'gold 25% PROPOSAL', [EVERY, GOLD, DRAFT]);
  t.okAs(BOSS, 'apiSaveSimulatorScenario', 'As is', [EVERY, GOLD]);
  expect(t.ok<SimulatorOptions>('apiGetSimulatorOptions').scenarios.map((s) => [s.name, s.ruleIds])).toEqual([
    ['As is', [EVERY, GOLD]],
    ['gold 25% PROPOSAL', [EVERY, GOLD, DRAFT]],
  ]);
  const why = (user: string, name: string, ...args: unknown[]) => {
    const r = t.apiAs(user, name, ...args);
    return r.ok ? 'accepted' : `${Object.values(r.error.fieldErrors ?? {}).join(' ') || r.error.message}`;
  };
  expect(why(ANA, 'apiSaveSimulatorScenario', 'Mine', [EVERY])).toMatch(/^Simulating a commission plan on past deals needs the Manager role/);
  expect(why(BOSS, 'apiSaveSimulatorScenario', '  ', [EVERY])).toBe('Give the plan a name');
  expect(why(BOSS, 'apiSaveSimulatorScenario', 'Ghost', ['R-000099'])).toMatch(/^R-000099 is not a rule on the Commission Rules tab/);
  expect(why(BOSS, 'apiDeleteSimulatorScenario', 'Nope')).toBe('There is no saved plan named "Nope": reload the simulator');
  // The owner deletes one: their audited write chains the manager's waiting entries in first (only the owner writes the Audit Log).
  expect(t.ok<unknown[]>('apiDeleteSimulatorScenario', 'AS IS')).toEqual([expect.objectContaining({ name: 'gold 25% PROPOSAL' })]);
  expect(
    t
      .rows('Audit Log')
      .filter((r) => r.Field === '(saved plan)')
      .map((r) => [r['Record ID'], r['New Value']]),
  ).toEqual([
    ['Gold 25% proposal', `saved: ${EVERY} ${DRAFT}`],
    ['gold 25% PROPOSAL', `saved: ${EVERY} ${GOLD} ${DRAFT}`],
    ['As is', `saved: ${EVERY} ${GOLD}`],
    ['AS IS', 'deleted'],
  ]);
});

test('Draft typed into the Active column is offered by the dropdown, adopted without a problem, and pays nothing from then on', () => {
  const sheet = t.sheet('Commission Rules');
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getDisplayValues()[0];
  const activeColumn = header.indexOf('Active') + 1;
  const goldRow = t.rows('Commission Rules').findIndex((r) => r['Rule ID'] === GOLD) + 2;
  expect(sheet.getRange(goldRow, activeColumn).getDataValidation()?.getCriteriaValues()[0]).toEqual(['Yes', 'No', 'Draft']);
  const edit = t.emu.editAsUser(`Commission Rules!${String.fromCharCode(64 + activeColumn)}${goldRow}`, 'Draft', OWNER);
  expect(edit.accepted).toBe(true);
  expect(t.rows('Commission Rules').map((r) => [r['Rule ID'], r.Active, r.Problems])).toEqual([
    [EVERY, 'Yes', ''],
    [GOLD, 'Draft', ''],
    [DRAFT, 'Draft', ''],
  ]);
  const rules = t.ok<RulesList>('apiListRules');
  expect(rules.rules.map((r) => [r.id, r.active, r.draft])).toEqual([
    [EVERY, true, false],
    [GOLD, false, true],
    [DRAFT, false, true],
  ]);
  // With both Gold rules drafts, a Gold deal won now earns the 10% rule in effect: no tie, no draft paid.
  t.emu.clock.set('2026-03-10T15:00:00Z');
  wonLead('P-000001', 'Marchco', 1_000, '2026-03-10');
  expect(
    t
      .rows('Commissions')
      .slice(-1)
      .map((r) => [r['Rule ID'], r.Amount]),
  ).toEqual([[EVERY, '100.00']]);
});

import { mappedRows, mappingProblems, suggestMapping, unmappedColumns } from '../../src/domain/import/mapping';
import { ExistingLead, LeadPlanInput, planLeads } from '../../src/domain/import/plan-leads';
import { ExistingPartner, planPartners } from '../../src/domain/import/plan-partners';
import { planRules } from '../../src/domain/import/plan-rules';
import { instantOf } from '../../src/domain/import/plan-types';
import { CommissionRule } from '../../src/domain/commissions/types';

const lines = (rows: Array<Record<string, string>>) => rows.map((values, i) => ({ line: i + 2, values }));
const counter = (prefix: string, start = 1) => {
  let n = start;
  return () => `${prefix}${String(n++).padStart(6, '0')}`;
};

describe('column mapping suggested from header names', () => {
  test('case, spacing and synonyms: Company name, Account, Email, Partner', () => {
    const headers = ['Account', 'E-mail', ' partner ', 'Stage', 'Close date', 'Amount', 'Favourite colour'];
    const mapping = suggestMapping('leads', headers);
    expect(mapping).toMatchObject({ company: 0, contactEmail: 1, partner: 2, status: 3, closedOn: 4, dealAmount: 5, website: null });
    expect(unmappedColumns(headers, mapping)).toEqual([6]);
    expect(suggestMapping('partners', ['Company name', 'Partner Code', 'EMAIL'])).toMatchObject({ name: 0, code: 1, contactEmail: 2 });
  });

  test('an exact label wins over a synonym, and a column fills one field', () => {
    const mapping = suggestMapping('partners', ['Partner', 'Name']);
    expect(mapping).toMatchObject({ name: 1 });
    expect(Object.values(mapping).filter((v) => v === 0).length).toBeLessThanOrEqual(1);
  });

  test('problems with a mapping are said in words', () => {
    const headers = ['Name', 'Mail'];
    const problems = mappingProblems('partners', headers, { ...suggestMapping('partners', headers), contactEmail: 0 });
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('Partner Code'), expect.stringContaining('Column "Name" is chosen for Name and Contact Email')]));
    expect(mappedRows('partners', [['Acme ', 'x']], suggestMapping('partners', headers))[0]).toMatchObject({ name: 'Acme', code: '' });
  });
});

const acme: ExistingPartner = {
  row: 2,
  id: 'P-000001',
  name: 'Acme Resellers',
  code: 'ACME',
  contactName: '',
  contactEmail: 'ann@acme.example',
  type: 'Reseller',
  tier: 'Gold',
  region: 'EMEA',
  productFocus: '',
  status: 'Active',
  joinedOn: '2025-01-01',
  notes: '',
};
const partnerInput = { partners: [acme], regions: ['EMEA', 'APAC'], products: ['Core Platform'], today: '2026-03-01' };

describe('the partner plan: create, update, unchanged, skip with reasons', () => {
  test('each row gets an action; a skip always says why', () => {
    const plan = planPartners(
      lines([
        { name: 'Acme Resellers', code: 'acme', contactEmail: 'ann@acme.example', tier: 'platinum' },
        { name: 'Beta Ltd', code: 'BETA', contactEmail: 'bo@beta.example', type: 'referral' },
        { name: 'Gamma', code: 'G', contactEmail: 'not an email', type: 'Reseller' },
        { name: 'Delta', code: 'DELTA', contactEmail: 'd@delta.example', type: 'Reseller', region: 'Mars' },
        { name: 'Beta again', code: 'BETA', contactEmail: 'b2@beta.example', type: 'Reseller' },
      ]),
      partnerInput,
      counter('P-', 2),
    );
    expect(plan.rows.map((r) => r.action)).toEqual(['update', 'create', 'skip', 'skip', 'skip']);
    expect(plan.rows[0].changes).toEqual([{ field: 'Tier', from: 'Gold', to: 'Platinum' }]);
    expect(plan.creates[0]).toMatchObject({ id: 'P-000002', name: 'Beta Ltd', type: 'Referral', tier: 'Registered', status: 'Active', joinedOn: '2026-03-01' });
    expect(plan.rows[2].problems.join(' ')).toMatch(/Partner code must be 2–24|Contact email must be an email/);
    expect(plan.rows[3].problems.join(' ')).toContain('Region "Mars" is not on the Lists tab');
    expect(plan.rows[4].problems).toEqual(['Line 3 already imports this partner; keep one row per partner.']);
    for (const r of plan.rows.filter((x) => x.action === 'skip')) expect(r.problems.every((p) => p.trim().length > 3)).toBe(true);
  });

  test('idempotent: the same rows against what they made change nothing', () => {
    const rows = lines([{ name: 'Beta Ltd', code: 'BETA', contactEmail: 'bo@beta.example', type: 'Referral', notes: 'from the old sheet' }]);
    const first = planPartners(rows, partnerInput, counter('P-', 2));
    const made: ExistingPartner = { ...first.creates[0], row: 3 };
    const second = planPartners(rows, { ...partnerInput, partners: [acme, made] }, counter('P-', 3));
    expect(second.rows.map((r) => r.action)).toEqual(['unchanged']);
    expect(second.creates).toEqual([]);
    expect(second.updates).toEqual([]);
  });

  test('a blank cell never clears a value; a code another partner holds is refused', () => {
    const plan = planPartners(
      lines([
        { name: 'Acme Resellers', code: '', contactEmail: '', notes: '' },
        { id: 'P-000001', name: 'Acme', code: 'OTHER', contactEmail: 'a@a.example', type: 'Reseller' },
      ]),
      { ...partnerInput, partners: [acme, { ...acme, row: 3, id: 'P-000009', name: 'Other', code: 'OTHER' }] },
      counter('P-', 10),
    );
    expect(plan.rows[0].action).toBe('unchanged');
    expect(plan.rows[1].problems).toContain('Partner Code OTHER is already used by Other (P-000009).');
  });

  test('More Contact Emails: mapped, normalised, and refused when another partner (or an earlier line) has the address', () => {
    const plan = planPartners(
      lines([
        { name: 'Acme Resellers', code: 'ACME', otherEmails: 'Kim@Acme.example; ops@acme.example' },
        { name: 'Beta Ltd', code: 'BETA', contactEmail: 'bo@beta.example', type: 'Referral', otherEmails: 'ann@acme.example' },
        { name: 'Gamma', code: 'GAMMA', contactEmail: 'gil@gamma.example', type: 'Referral', otherEmails: 'gina@gamma.example, gil@gamma.example' },
        { name: 'Delta', code: 'DELTA', contactEmail: 'd@delta.example', type: 'Referral', otherEmails: 'dee@delta.example' },
        { name: 'Epsilon', code: 'EPS', contactEmail: 'e@eps.example', type: 'Referral', otherEmails: 'dee@delta.example' },
      ]),
      partnerInput,
      counter('P-', 2),
    );
    expect(plan.rows.map((r) => r.action)).toEqual(['update', 'skip', 'skip', 'create', 'skip']);
    expect(plan.rows[0].changes).toEqual([{ field: 'More Contact Emails', from: '', to: 'kim@acme.example, ops@acme.example' }]);
    expect(plan.rows[1].problems).toContain('ann@acme.example is already a contact email of Acme Resellers (P-000001).');
    expect(plan.rows[2].problems).toContain('More Contact Emails repeats the Contact Email gil@gamma.example.');
    expect(plan.creates[0]).toMatchObject({ name: 'Delta', otherEmails: ['dee@delta.example'] });
    expect(plan.rows[4].problems).toContain('dee@delta.example is already a contact email on line 5.');
  });

  test('Payout Method and Account: checked as a pair, and refused from an importer whose role may not set where money goes', () => {
    const rows = lines([
      { name: 'Acme Resellers', code: 'ACME', payoutMethod: 'paypal', payoutAccount: 'pay@acme.example' },
      { name: 'Beta Ltd', code: 'BETA', contactEmail: 'bo@beta.example', type: 'Referral', payoutMethod: 'Wise', payoutAccount: 'no email' },
      { name: 'Gamma', code: 'GAMMA', contactEmail: 'gil@gamma.example', type: 'Referral', payoutMethod: 'Bank transfer', payoutAccount: 'IBAN DE89 3704 0044 0532 0130 00' },
    ]);
    const plan = planPartners(rows, partnerInput, counter('P-', 2));
    expect(plan.rows.map((r) => r.action)).toEqual(['update', 'skip', 'create']);
    expect(plan.rows[0].changes).toEqual([
      { field: 'Payout Method', from: '', to: 'PayPal' },
      { field: 'Payout Account', from: '', to: 'pay@acme.example' },
    ]);
    expect(plan.rows[1].problems).toEqual([expect.stringContaining('Payout Account for Wise must be')]);
    expect(plan.creates[0]).toMatchObject({ payoutMethod: 'Bank transfer', payoutAccount: 'IBAN DE89 3704 0044 0532 0130 00' });
    const refused = planPartners(rows, { ...partnerInput, payoutDetailsRefusal: 'Setting payout details needs the Finance or Manager role.' }, counter('P-', 2));
    expect(refused.rows.map((r) => r.action)).toEqual(['skip', 'skip', 'skip']);
    expect(refused.rows[0].problems).toEqual(['Setting payout details needs the Finance or Manager role.']);
  });
});

const rule: CommissionRule = {
  id: 'R-000001',
  name: 'Base 10%',
  ruleType: 'Base',
  partnerTier: '',
  partnerType: '',
  product: '',
  kind: 'Percentage',
  rate: 0.1,
  flatAmountCents: null,
  acceleratorThresholdCents: null,
  acceleratorRate: null,
  capPerDealCents: null,
  holdingDays: 0,
  effectiveFrom: '',
  effectiveTo: '',
  active: true,
  draft: false,
  row: 2,
};

function leadInput(over: Partial<LeadPlanInput> = {}): LeadPlanInput {
  return {
    leads: [],
    partners: [acme],
    products: ['Core Platform'],
    protectionDays: 90,
    today: '2026-03-01',
    now: new Date('2026-03-01T15:00:00Z'),
    actor: 'me@example.com',
    commissions: null,
    ...over,
  };
}

describe('the lead plan: history kept, partners found, conflicts flagged', () => {
  test('historical statuses, dates and amounts; a won deal needs its amount and close date; a close before registration is refused', () => {
    const plan = planLeads(
      lines([
        { partner: 'ACME', company: 'Won Co', website: 'won.example', contactEmail: 'w@won.example', status: 'won', dealAmount: '12,000', closedOn: '2025-11-02', registeredAt: '2025-09-01' },
        { partner: 'P-000001', company: 'Lost Co', contactEmail: 'l@lost.example', status: 'Closed Lost', registeredAt: '2025-08-01' },
        { partner: 'ACME', company: 'No Amount', contactEmail: 'n@na.example', status: 'Closed Won', closedOn: '2025-11-02' },
        { partner: 'NOPE', company: 'Orphan', contactEmail: 'o@o.example' },
        { partner: 'ACME', company: 'Backwards', contactEmail: 'b@b.example', status: 'Closed Lost', closedOn: '2025-01-01', registeredAt: '2025-02-01' },
        { partner: 'ACME', company: 'Odd', contactEmail: 'o@odd.example', status: 'Pending' },
      ]),
      leadInput(),
      counter('L-'),
    );
    expect(plan.rows.map((r) => r.action)).toEqual(['create', 'create', 'skip', 'skip', 'skip', 'skip']);
    expect(plan.creates[0]).toMatchObject({
      id: 'L-000001',
      status: 'Closed Won',
      dealAmountCents: 1200000,
      closedOn: '2025-11-02',
      source: 'import',
      domain: 'won.example',
      protectedUntil: '',
      registeredBy: 'me@example.com',
    });
    expect(plan.creates[0].registeredAt.toISOString()).toBe('2025-09-01T00:00:00.000Z');
    expect(plan.creates[1]).toMatchObject({ status: 'Closed Lost' });
    expect(plan.rows[2].problems.join(' ')).toContain('Deal amount is required (a Closed Won lead needs it)');
    expect(plan.rows[3].problems.join(' ')).toContain('Partner "NOPE" is not on the Partners tab');
    expect(plan.rows[4].problems.join(' ')).toContain('Closed On 2025-01-01 is before the lead was registered (2025-02-01)');
    expect(plan.rows[5].problems.join(' ')).toContain('Status "Pending" is not a lead status');
  });

  test('an open lead that collides with a protected lead is flagged Conflict, as a registration is', () => {
    const existing: ExistingLead = {
      ...planLeads(lines([{ partner: 'ACME', company: 'Target Inc', website: 'target.example', contactEmail: 't@target.example' }]), leadInput(), counter('L-')).creates[0],
      row: 2,
    };
    const other: ExistingPartner = { ...acme, id: 'P-000002', code: 'BETA', name: 'Beta', row: 3 };
    const plan = planLeads(
      lines([{ partner: 'BETA', company: 'Target Incorporated', website: 'https://www.target.example', contactEmail: 'x@target.example' }]),
      leadInput({ leads: [existing], partners: [acme, other] }),
      counter('L-', 2),
    );
    expect(plan.creates[0]).toMatchObject({ status: 'Conflict', conflictWith: 'L-000001', protectedUntil: '' });
    expect(plan.rows[0].notes[0]).toContain('Flagged Conflict (the file says New): same domain target.example as L-000001');
  });

  test('idempotent: a second plan against what the first made changes nothing; IDs brought from a migration are kept', () => {
    const rows = lines([
      { partner: 'ACME', company: 'Alpha', website: 'alpha.example', contactEmail: 'a@alpha.example', status: 'Qualified' },
      { id: 'OLD-17', partner: 'ACME', company: 'Bravo', contactEmail: 'b@bravo.example', status: 'Expired', registeredAt: '2024-01-05 10:30' },
    ]);
    const first = planLeads(rows, leadInput(), counter('L-'));
    expect(first.creates.map((l) => l.id)).toEqual(['L-000001', 'OLD-17']);
    const made = first.creates.map((l, i): ExistingLead => ({ ...l, row: i + 2 }));
    const second = planLeads(rows, leadInput({ leads: made }), counter('L-', 3));
    expect(second.rows.map((r) => r.action)).toEqual(['unchanged', 'unchanged']);
    expect(second.rows.flatMap((r) => r.notes)).toEqual([]);
  });

  test('an existing lead: descriptive fields updated, its pipeline kept and told', () => {
    const made = planLeads(lines([{ partner: 'ACME', company: 'Alpha', website: 'alpha.example', contactEmail: 'a@alpha.example' }]), leadInput(), counter('L-')).creates[0];
    const plan = planLeads(
      lines([{ partner: 'ACME', company: 'Alpha', website: 'alpha.example', contactEmail: 'a@alpha.example', notes: 'big one', status: 'Closed Lost' }]),
      leadInput({ leads: [{ ...made, row: 2 }] }),
      counter('L-', 2),
    );
    expect(plan.rows[0]).toMatchObject({ action: 'update', changes: [{ field: 'Notes', from: '', to: 'big one' }] });
    expect(plan.rows[0].notes).toEqual(["Kept the tracker's status New (the file says Closed Lost): move the lead in the Leads view."]);
  });

  test('won deals: commission lines by the rules in force at the close date, or none', () => {
    const won = lines([{ partner: 'ACME', company: 'Won Co', contactEmail: 'w@won.example', status: 'Closed Won', dealAmount: '1000', closedOn: '2025-11-02', registeredAt: '2025-10-01' }]);
    expect(planLeads(won, leadInput(), counter('L-')).lines).toEqual([]);
    const withLines = planLeads(won, leadInput({ commissions: { rules: [rule], holdingDays: 30, status: 'Paid', leadsWithLines: new Set() } }), counter('L-'));
    expect(withLines.lines).toHaveLength(1);
    expect(withLines.lines[0].lines[0]).toMatchObject({ kind: 'Base', ruleId: 'R-000001', amountCents: 10000 });
    expect(withLines.rows[0].notes[0]).toContain('1 commission line marked imported (Paid): Base 100.00 by R-000001');
    const expired = planLeads(won, leadInput({ commissions: { rules: [{ ...rule, effectiveTo: '2025-06-30' }], holdingDays: 30, status: 'Paid', leadsWithLines: new Set() } }), counter('L-'));
    expect(expired.lines).toEqual([]);
    expect(expired.rows[0].notes[0]).toMatch(/^No commission line: /);
  });

  test('registration instants as files write them', () => {
    expect(instantOf('2025-02-03')?.toISOString()).toBe('2025-02-03T00:00:00.000Z');
    expect(instantOf('2025-02-03 04:05')?.toISOString()).toBe('2025-02-03T04:05:00.000Z');
    expect(instantOf('2025-02-03T04:05:06+02:00')?.toISOString()).toBe('2025-02-03T02:05:06.000Z');
    expect(instantOf('2025-02-30')).toBeNull();
    expect(instantOf('03/02/2025')).toBeNull();
  });
});

describe('the rule plan', () => {
  test("checked by the engine's parser; matched by ID, else Name and Effective From; idempotent", () => {
    const rows = lines([
      { name: 'Base 10%', ruleType: 'base', kind: 'percentage', rate: '10%', effectiveFrom: '2025-01-01' },
      { name: 'Broken', ruleType: 'Base', kind: 'Flat', rate: '5%' },
    ]);
    const first = planRules(rows, [], counter('R-'));
    expect(first.rows.map((r) => r.action)).toEqual(['create', 'skip']);
    expect(first.creates[0]).toMatchObject({ id: 'R-000001', ruleType: 'Base', kind: 'Percentage', rate: 0.1, effectiveFrom: '2025-01-01' });
    expect(first.rows[1].problems.join(' ')).toContain('a Flat rule needs a flat amount more than 0');
    const existing = [{ row: 2, ...first.creates[0], flatAmount: '', acceleratorThreshold: '', acceleratorRate: '', capPerDeal: '', holdingDays: '', rate: 0.1 }];
    const second = planRules(rows, existing, counter('R-', 2));
    expect(second.rows.map((r) => r.action)).toEqual(['unchanged', 'skip']);
    const changed = planRules(lines([{ name: 'base 10%', ruleType: 'Base', kind: 'Percentage', rate: '12%', effectiveFrom: '2025-01-01' }]), existing, counter('R-', 2));
    expect(changed.rows[0]).toMatchObject({
      action: 'update',
      recordId: 'R-000001',
      changes: [
        { field: 'Name', from: 'Base 10%', to: 'base 10%' },
        { field: 'Rate', from: '10%', to: '12%' },
      ],
    });
  });
});

import { MAX_MONEY_CENTS, MAX_MONEY_TEXT, checkMoneyValue, fieldErrorsOf, parseMoney } from '../../src/domain/fields';
import { LEAD_REGISTRATION_SCHEMA, LEAD_TRANSITION_SCHEMA, checkDealAmount } from '../../src/domain/lead';
import { readNamedValues } from '../../src/domain/partner-form';
import { commissionLines, isComputableDealAmount, parseRules, priorWonInQuarter, RuleRow, WonDeal } from '../../src/domain/commissions';
import { SETTING_DEFS, parseSettings } from '../../src/domain/settings';
import { deal as wonDeal, row } from './commission-test-fixtures';

const OVER = `Deal amount must be at most ${MAX_MONEY_TEXT}`;

describe('one bound for money', () => {
  test('is 1,000,000,000.00: whole cents a double holds exactly, with room for 90,000 of them summed', () => {
    expect(MAX_MONEY_CENTS).toBe(100_000_000_000);
    expect(MAX_MONEY_TEXT).toBe('1,000,000,000.00');
    expect(Number.isSafeInteger(MAX_MONEY_CENTS * 90_000)).toBe(true);
    // A money cell holds the amount as a double: at the bound it still reads back to the same cents.
    expect(Math.round(999_999_999.99 * 100)).toBe(99_999_999_999);
  });

  test.each([
    ['1000000000', 100_000_000_000],
    ['1,000,000,000.00', 100_000_000_000],
    [1_000_000_000, 100_000_000_000],
    [999_999_999.99, 99_999_999_999],
    ['0', 0],
    [0.1 + 0.2, 30],
    ['12,500.5', 1_250_050],
  ])('%j is accepted as %d cents', (raw, cents) => {
    expect(parseMoney('Deal amount', raw, false)).toEqual({ ok: true, cents });
  });

  test.each([
    ['1000000000.01', OVER],
    [1_000_000_000.01, OVER],
    ['4930000000000', OVER], // a pasted phone number
    ['999999999999999', OVER], // 15 nines
    [999_999_999_999_999, OVER],
    ['9'.repeat(400), OVER],
    [-1, 'Deal amount must not be negative'],
    ['-5', 'Deal amount must not be negative'],
    [1.005, 'Deal amount must have at most two decimal places'],
    [999_999_999.991, 'Deal amount must have at most two decimal places'],
    ['12.345', 'Deal amount must be an amount like 12500 or 12,500.50'],
    [Number.POSITIVE_INFINITY, 'Deal amount must be an amount like 12500 or 12,500.50'],
    [Number.NaN, 'Deal amount must be an amount like 12500 or 12,500.50'],
    [true, 'Deal amount must be an amount like 12500 or 12,500.50'],
    [new Date(), 'Deal amount must be an amount like 12500 or 12,500.50'],
  ])('%j is refused: %s', (raw, message) => {
    expect(parseMoney('Deal amount', raw, false)).toEqual({ ok: false, message });
    expect(checkDealAmount(raw)).toBe(message);
  });

  test('checkDealAmount, for the edit trigger: null when the typed amount is fine, blank included', () => {
    for (const fine of [12500, '12,500.50', 1_000_000_000, '', null, undefined, 0]) expect(checkDealAmount(fine)).toBeNull();
    expect(checkDealAmount(493_000_000_000)).toBe(OVER);
    expect(checkMoneyValue('Cap Per Deal', '2000000000')).toBe(`Cap Per Deal must be at most ${MAX_MONEY_TEXT}`);
  });
});

describe('every schema that takes money refuses more than the bound with the same message', () => {
  const registration = { partnerId: 'P-000001', company: 'Initech', contactEmail: 'bill@initech.example' };

  test('sidebar registration: estimated value', () => {
    const result = LEAD_REGISTRATION_SCHEMA.safeParse({ ...registration, estimatedValue: 4_930_000_000 });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error).estimatedValue).toBe(`Estimated deal value must be at most ${MAX_MONEY_TEXT}`);
    expect(LEAD_REGISTRATION_SCHEMA.parse({ ...registration, estimatedValue: '1,000,000,000' }).estimatedValue).toBe(MAX_MONEY_CENTS);
  });

  test('partner form: the answers as the form sends them', () => {
    const { answers } = readNamedValues({ 'Partner code': ['ACME'], Company: ['Initech'], 'Contact email': ['bill@initech.example'], 'Estimated deal value': ['+1 555 0100 4930'.replace(/\D/g, '')] });
    const result = LEAD_REGISTRATION_SCHEMA.safeParse({ ...registration, estimatedValue: answers.estimatedValue });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error).estimatedValue).toBe(`Estimated deal value must be at most ${MAX_MONEY_TEXT}`);
  });

  test('a move to Closed Won (sidebar, and the edit trigger when a status is typed)', () => {
    for (const dealAmount of ['4930000000000', 999_999_999_999_999, '999999999999999.00']) {
      const result = LEAD_TRANSITION_SCHEMA.safeParse({ to: 'Closed Won', dealAmount, closedOn: '2026-03-01' });
      expect(result.success).toBe(false);
      if (!result.success) expect(fieldErrorsOf(result.error).dealAmount).toBe(OVER);
    }
    expect(LEAD_TRANSITION_SCHEMA.parse({ to: 'Closed Won', dealAmount: '1000000000.00', closedOn: '2026-03-01' })).toMatchObject({ dealAmount: MAX_MONEY_CENTS });
  });

  test('Commission Rules: flat amount, accelerator threshold and cap per deal', () => {
    const row: RuleRow = {
      row: 2,
      id: 'R-000001',
      name: 'Standard',
      ruleType: 'Base',
      partnerTier: '',
      partnerType: '',
      product: '',
      kind: 'Flat',
      rate: '',
      flatAmount: 2_000_000_000,
      acceleratorThreshold: '1000000000.01',
      acceleratorRate: '',
      capPerDeal: '99999999999',
      holdingDays: '',
      effectiveFrom: '',
      effectiveTo: '',
    };
    expect(parseRules([row]).problems.map((p) => p.message)).toEqual([
      `R-000001 (row 2): Flat Amount must be at most ${MAX_MONEY_TEXT}`,
      `R-000001 (row 2): Accelerator Threshold must be at most ${MAX_MONEY_TEXT}`,
      `R-000001 (row 2): Cap Per Deal must be at most ${MAX_MONEY_TEXT}`,
    ]);
  });

  test('Settings: the minimum payout', () => {
    const rows = new Map(SETTING_DEFS.map((d) => [d.label, d.defaultValue]));
    rows.set('Minimum payout', '5000000000');
    const result = parseSettings(rows);
    expect(result.ok ? [] : result.problems.map((p) => [p.label, p.reason])).toEqual([['Minimum payout', `must be at most ${MAX_MONEY_TEXT}`]]);
    expect(result.settings.minimumPayout).toBe(100);
    rows.set('Minimum payout', '1,250.50');
    expect(parseSettings(rows).settings.minimumPayout).toBe(1250.5);
  });
});

describe('the commission engine never computes with more than the bound', () => {
  const deal = (overrides: Partial<WonDeal> = {}): WonDeal => wonDeal({ product: 'Core', ...overrides });
  const rules = parseRules([row({ acceleratorThreshold: 1_000_000, acceleratorRate: 0.25 })]).rules;

  test('a deal above the bound (a pasted phone number) is refused with a message, not paid', () => {
    const result = commissionLines(deal({ dealAmountCents: 493_000_000_000_00 }), rules, 0, 30);
    expect(result).toEqual({ ok: false, message: `L-000012 has a deal amount above ${MAX_MONEY_TEXT}, the most the tracker accepts: correct the Deal Amount before it can earn a commission` });
    const atBound = commissionLines(deal({ dealAmountCents: MAX_MONEY_CENTS }), rules, 0, 30);
    // 20% of the first 1,000,000.00 of the quarter, 25% of the rest: exact at the bound.
    expect(atBound.ok && atBound.lines.map((l) => l.amountCents)).toEqual([20_000_000, 24_975_000_000]);
  });

  test('15 nines typed into one deal no longer break every later Closed Won of that partner that quarter', () => {
    const nines = { leadId: 'L-000010', partnerId: 'P-000001', dealAmountCents: 999_999_999_999_999_00, closedOn: '2026-01-15' };
    const earlier = { leadId: 'L-000011', partnerId: 'P-000001', dealAmountCents: 500_000, closedOn: '2026-02-01' };
    const later = deal();
    const prior = priorWonInQuarter([nines, earlier, later], later);
    expect(prior).toBe(500_000);
    expect(commissionLines(later, rules, prior, 30).ok).toBe(true);
    expect(isComputableDealAmount(nines.dealAmountCents)).toBe(false);
    expect(isComputableDealAmount(MAX_MONEY_CENTS)).toBe(true);
    expect(isComputableDealAmount(0)).toBe(false);
  });
});

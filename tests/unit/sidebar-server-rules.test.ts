import { fieldErrorsOf } from '../../src/domain/fields';
import { LEAD_REGISTRATION_RULES, LEAD_TRANSITION_RULES, PARTNER_INPUT_RULES, TEAM_MEMBER_RULES } from '../../src/domain/input-rules';
import { LEAD_REGISTRATION_SCHEMA, LEAD_TRANSITION_SCHEMA } from '../../src/domain/lead';
import { PARTNER_INPUT_SCHEMA } from '../../src/domain/partner';
import { TEAM_MEMBER_SCHEMA } from '../../src/domain/roles';
import { check, FormRules } from '../../sidebar/validate';

/**
 * The sidebar checks forms with the plain rules (no zod in the browser); the server parses the
 * same input with zod schemas built from those rules. For every input below, both must accept
 * it with the same result or refuse it with the same message per field.
 */
interface ServerSchema {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

function server(schema: ServerSchema, value: unknown): { ok: true; data: unknown } | { ok: false; errors: Record<string, string> } {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrorsOf(parsed.error) };
}

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values a form field, a paste or a hand-made call may hold: blanks, invisible characters, lengths at and past limits, wrong types. */
const ANY: unknown[] = [
  undefined,
  null,
  '',
  '   ',
  '\u200b\u200d\u202e',
  'x',
  ' Acme Ltd ',
  'Ac\u0000me\u202e',
  'a'.repeat(100),
  'a'.repeat(101),
  'a'.repeat(120),
  'a'.repeat(121),
  'a'.repeat(200),
  'a'.repeat(201),
  'a'.repeat(501),
  'a'.repeat(2001),
  12,
  true,
  { x: 1 },
  ['a'],
];
const EMAILS = ['ann@acme.example', ' ANN@Acme.Example ', 'nope', 'a@b', `${'a'.repeat(250)}@x.io`, 'ann@acme.example\u200b', '@acme.example'];
const MONEY = ['12,500.50', '12500', '12.345', '-5', '1,000,000,000.00', '1,000,000,000.01', '4930000000', 99.99, 0.1 + 0.2, -1, 1e12, 'twelve', ' 1 2 '];
const DATES = ['2026-03-01', '2026-02-30', '2026-3-1', ' 2026-03-01 ', '01/03/2026'];
const SPECIAL: Record<string, unknown[]> = {
  partnerId: ['P-000001', ' P-000042 ', 'P-1', 'Acm'],
  id: ['P-000001', ' P-000042 ', 'P-12'],
  code: ['acme-1', ' ab ', 'a', 'a b', 'ÄCME', 'A'.repeat(24), 'A'.repeat(25), '-AB'],
  website: ['acme.com', 'https://www.acme.co.uk/path?q=1', 'acme', 'http://acme.com:8080', 'not a site.com'],
  contactEmail: EMAILS,
  email: EMAILS,
  estimatedValue: MONEY,
  dealAmount: MONEY,
  expectedClose: DATES,
  closedOn: DATES,
  joinedOn: DATES,
  type: ['Referral', 'Reseller', 'Affiliate', 'referral', 'Friend'],
  tier: ['Registered', 'Gold', 'Diamond'],
  status: ['Active', 'Paused', 'Terminated', 'Gone'],
  role: ['Manager', 'Finance', 'Partner team', 'Owner', 'manager'],
  to: ['Accepted', 'Rejected', 'Qualified', 'Closed Won', 'Closed Lost', 'Refunded', 'Expired', 'New', ''],
  otherEmails: ['nope', 'kim@acme.example\nnope', ' KIM@Acme.Example ;; ops@acme.example ', Array.from({ length: 21 }, (_, i) => `p${i}@acme.example`).join(',')],
  updates: ['Hourly', 'weekly', ' Off '],
  payoutMethod: ['PayPal', 'paypal', 'Cheque', ' Wise '],
  payoutAccount: ['pay@acme.example', 'IBAN DE89 3704 0044 0532 0130 00', 'a'.repeat(301)],
};

/** Values each field accepts (most inputs are mostly good, so acceptances are compared too); text fields take any short text. */
const GOOD: Record<string, unknown[]> = {
  partnerId: ['P-000001', ' P-000042 '],
  id: ['', 'P-000001', undefined],
  code: ['acme-1', ' ab '],
  website: ['acme.com', '', undefined],
  contactEmail: ['ann@acme.example', ' ANN@Acme.Example '],
  email: ['ann@acme.example', ' ANN@Acme.Example '],
  estimatedValue: ['12,500.50', 99.99, '', null, undefined],
  dealAmount: ['12,500.50', 99.99],
  expectedClose: ['2026-03-01', '', undefined],
  closedOn: ['2026-03-01', ' 2026-03-01 '],
  joinedOn: ['2026-03-01', ''],
  type: ['Referral', 'Affiliate'],
  tier: ['Gold', undefined],
  status: ['Paused', undefined],
  role: ['Finance', 'Partner team'],
  to: ['Accepted', 'Rejected', 'Qualified', 'Closed Won', 'Closed Lost', 'Refunded'],
  reason: ['Went with a competitor', ' Budget cut '],
  otherEmails: ['', 'kim@acme.example, ops@acme.example', undefined],
  updates: ['Weekly', '', undefined],
  tierPinned: ['Yes', '', undefined],
  payoutMethod: ['PayPal', 'Bank transfer', '', undefined],
  payoutAccount: ['pay@acme.example', '', undefined],
};

function inputs(fields: readonly string[], count: number, seed: number): Array<Record<string, unknown>> {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  return Array.from({ length: count }, () => {
    const record: Record<string, unknown> = {};
    for (const field of fields) {
      const roll = next();
      const pool = roll < 0.85 ? (GOOD[field] ?? ['Acme Ltd', ' x ']) : SPECIAL[field] && roll < 0.93 ? SPECIAL[field] : ANY;
      const value = pick(pool);
      if (value !== undefined || next() < 0.5) record[field] = value;
    }
    if (next() < 0.2) record.extra = 'dropped by both';
    return record;
  });
}

const CASES: Array<[name: string, rules: FormRules, schema: ServerSchema, fields: string[]]> = [
  ['a lead registration', LEAD_REGISTRATION_RULES, LEAD_REGISTRATION_SCHEMA, Object.keys(LEAD_REGISTRATION_RULES)],
  ['a partner', PARTNER_INPUT_RULES, PARTNER_INPUT_SCHEMA, Object.keys(PARTNER_INPUT_RULES)],
  ['a team member', TEAM_MEMBER_RULES, TEAM_MEMBER_SCHEMA, Object.keys(TEAM_MEMBER_RULES)],
  ['a lead move', LEAD_TRANSITION_RULES, LEAD_TRANSITION_SCHEMA, ['to', 'reason', 'dealAmount', 'closedOn']],
];

describe('the sidebar and the server judge a form the same way', () => {
  test.each(CASES)('%s: 600 generated inputs, the same outcome and messages', (_name, rules, schema, fields) => {
    const seen = { accepted: 0, refused: 0 };
    for (const input of inputs(fields, 600, fields.length * 7919)) {
      const sidebar = check(rules, input);
      expect([input, sidebar]).toEqual([input, server(schema, input)]);
      seen[sidebar.ok ? 'accepted' : 'refused']++;
    }
    // Both kinds of outcome are compared, not only refusals.
    expect(seen.accepted).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(10);
  });

  test('a typical form from each view, accepted by both with the same data', () => {
    const lead = { partnerId: 'P-000001', company: ' Initech ', website: 'initech.com', contactEmail: 'Peter@Initech.com', estimatedValue: '12,500', expectedClose: '' };
    expect(check(LEAD_REGISTRATION_RULES, lead)).toEqual(server(LEAD_REGISTRATION_SCHEMA, lead));
    expect(check(LEAD_REGISTRATION_RULES, lead)).toMatchObject({ ok: true, data: { company: 'Initech', contactEmail: 'peter@initech.com', estimatedValue: 1250000, notes: '' } });
    const won = { to: 'Closed Won', dealAmount: '12,500.50', closedOn: '2026-03-01' };
    expect(check(LEAD_TRANSITION_RULES, won)).toEqual(server(LEAD_TRANSITION_SCHEMA, won));
    const member = { email: ' Ana@Example.com ', role: 'Finance' };
    expect(check(TEAM_MEMBER_RULES, member)).toEqual({ ok: true, data: { email: 'ana@example.com', role: 'Finance' } });
    expect(server(TEAM_MEMBER_SCHEMA, member)).toEqual({ ok: true, data: { email: 'ana@example.com', role: 'Finance' } });
  });
});

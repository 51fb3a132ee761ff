import { LEAD_REGISTRATION_RULES, LEAD_TRANSITION_RULES, PARTNER_INPUT_RULES } from '../../src/domain/input-rules';
import { countLine, dateOf, formatMoney, localIsoDate, sentence } from '../../sidebar/format';
import { moveFields, moveInput, statusClass } from '../../sidebar/lead-moves';
import { filterPartners, partnerLabel, resolvePartner } from '../../sidebar/partner-match';
import { checkNewMember, groupRefusals, membersByRole, rolesText, youLine } from '../../sidebar/team-rules';
import { check } from '../../sidebar/validate';

/** The sidebar's pure helpers (no DOM): partner search, formatting, lead moves, validation with the rules the server's schemas are built from. */
const PARTNERS = [
  { id: 'P-000001', name: 'Acme Partners', code: 'ACME' },
  { id: 'P-000002', name: 'Globex Referral Network', code: 'GLX' },
  { id: 'P-000003', name: 'Initech', code: 'ACM2' },
  { id: 'P-000004', name: 'Northwind', code: 'NW' },
  { id: 'P-000005', name: 'Northwind', code: 'NW-EU' },
];

describe('partner picker matching', () => {
  test('a blank query lists every partner in the given order', () => {
    expect(filterPartners(PARTNERS, '  ').map((p) => p.id)).toEqual(PARTNERS.map((p) => p.id));
  });

  test('matches name or code, case-insensitively, exact code first, then name prefix, code prefix, word prefix, substring', () => {
    expect(filterPartners(PARTNERS, 'acm').map((p) => p.code)).toEqual(['ACME', 'ACM2']);
    expect(filterPartners(PARTNERS, 'acm2').map((p) => p.code)).toEqual(['ACM2']);
    expect(filterPartners(PARTNERS, 'referral').map((p) => p.code)).toEqual(['GLX']);
    expect(filterPartners(PARTNERS, 'glx').map((p) => p.code)).toEqual(['GLX']);
    expect(filterPartners(PARTNERS, 'tech').map((p) => p.code)).toEqual(['ACM2']);
    expect(filterPartners(PARTNERS, 'zzz')).toEqual([]);
  });

  test('resolves exact IDs, codes and labels; a name only when no other partner shares it', () => {
    expect(resolvePartner(PARTNERS, ' acme ')?.id).toBe('P-000001');
    expect(resolvePartner(PARTNERS, 'p-000002')?.id).toBe('P-000002');
    expect(resolvePartner(PARTNERS, partnerLabel(PARTNERS[2]))?.id).toBe('P-000003');
    expect(resolvePartner(PARTNERS, 'globex referral network')?.id).toBe('P-000002');
    expect(resolvePartner(PARTNERS, 'Northwind')).toBeNull();
    expect(resolvePartner(PARTNERS, 'Acm')).toBeNull();
    expect(resolvePartner(PARTNERS, '')).toBeNull();
  });
});

describe('formatting', () => {
  test('money in the programme currency; unknown codes fall back to the number and the code', () => {
    expect(formatMoney(12500.5, 'USD')).toBe('$12,500.50');
    expect(formatMoney(0, 'EUR')).toBe('€0.00');
    expect(formatMoney(1234, 'points')).toBe('1,234.00 points');
    expect(formatMoney(1234, '')).toBe('1,234.00');
    expect(formatMoney(null, 'USD')).toBe('');
  });

  test('dates', () => {
    expect(localIsoDate(new Date(2025, 0, 5))).toBe('2025-01-05');
    expect(dateOf('2025-03-01')).toBe('2025-03-01');
    expect(dateOf(new Date(2025, 1, 3, 12).toISOString())).toBe('2025-02-03');
    expect(dateOf('not a date')).toBe('');
    expect(dateOf(null)).toBe('');
  });

  test('counts', () => {
    expect(countLine(1, 1, 'lead')).toBe('1 lead');
    expect(countLine(0, 0, 'lead')).toBe('0 leads');
    expect(countLine(50, 120, 'lead')).toBe('Showing 50 of 120 leads');
  });
});

describe('lead moves', () => {
  test('which moves need a form, and with which fields', () => {
    expect(moveFields('Accepted')).toEqual([]);
    expect(moveFields('Qualified')).toEqual([]);
    expect(moveFields('Rejected')).toEqual([{ name: 'reason', required: true }]);
    expect(moveFields('Closed Won').map((f) => `${f.name}${f.required ? '*' : ''}`)).toEqual(['dealAmount*', 'closedOn*', 'reason']);
    expect(moveFields('Closed Lost').map((f) => `${f.name}${f.required ? '*' : ''}`)).toEqual(['reason*', 'closedOn']);
    // Refunding a won deal claws its commissions back: the server needs a reason.
    expect(moveFields('Refunded')).toEqual([{ name: 'reason', required: true }]);
  });

  test('the input holds only the fields the status takes, and the server schema agrees with the form', () => {
    expect(moveInput('Accepted', { reason: 'x', dealAmount: '5' })).toEqual({ to: 'Accepted' });
    expect(check(LEAD_TRANSITION_RULES, moveInput('Accepted', {})).ok).toBe(true);
    expect(check(LEAD_TRANSITION_RULES, moveInput('Closed Won', { closedOn: '2025-03-01' }))).toEqual({ ok: false, errors: { dealAmount: 'Deal amount is required' } });
    expect(check(LEAD_TRANSITION_RULES, moveInput('Closed Won', { dealAmount: '12,500.50', closedOn: '2025-03-01' }))).toEqual({
      ok: true,
      data: { to: 'Closed Won', dealAmount: 1250050, closedOn: '2025-03-01', reason: '' },
    });
    expect(check(LEAD_TRANSITION_RULES, moveInput('Rejected', { reason: '  ' }))).toEqual({ ok: false, errors: { reason: 'Reason is required' } });
    expect(check(LEAD_TRANSITION_RULES, moveInput('Closed Lost', { reason: 'Went with a competitor' })).ok).toBe(true);
    expect(check(LEAD_TRANSITION_RULES, moveInput('Refunded', {}))).toEqual({ ok: false, errors: { reason: 'Reason is required' } });
    expect(check(LEAD_TRANSITION_RULES, moveInput('Refunded', { reason: 'Customer cancelled in the trial' })).ok).toBe(true);
  });

  test('status chips get a CSS-safe class', () => {
    expect(statusClass('Closed Won')).toBe('s-closed-won');
    expect(statusClass('New')).toBe('s-new');
    expect(statusClass('')).toBe('s-none');
  });
});

describe("client validation with the server's rules", () => {
  const form = {
    partnerId: 'P-000001',
    company: 'Initech',
    website: 'initech.com',
    contactName: '',
    contactEmail: 'peter@initech.com',
    product: '',
    estimatedValue: '12,500',
    expectedClose: '',
    notes: '',
  };

  test('a good registration passes as typed (strings from the form)', () => {
    expect(check(LEAD_REGISTRATION_RULES, form).ok).toBe(true);
  });

  test('errors are keyed by field, first message each', () => {
    expect(check(LEAD_REGISTRATION_RULES, { ...form, partnerId: 'Acm e', company: ' ', contactEmail: 'nope', estimatedValue: '12.345' })).toEqual({
      ok: false,
      errors: {
        partnerId: 'Partner must be chosen from the list',
        company: 'Company is required',
        contactEmail: 'Contact email must be an email address like name@company.com',
        estimatedValue: 'Estimated deal value must be an amount like 12500 or 12,500.50',
      },
    });
  });

  test('the partner form: type is required, tier and status come from the selects', () => {
    const partner = {
      id: '',
      name: 'Acme',
      code: 'acme',
      contactName: '',
      contactEmail: 'a@acme.com',
      type: '',
      tier: 'Registered',
      region: '',
      productFocus: '',
      status: 'Active',
      joinedOn: '',
      notes: '',
    };
    const result = check(PARTNER_INPUT_RULES, partner);
    expect(result.ok ? {} : result.errors).toEqual({ type: 'Type must be one of Referral, Reseller, Affiliate' });
    const ok = check(PARTNER_INPUT_RULES, { ...partner, type: 'Reseller' });
    expect(ok.ok && (ok.data as { code: string }).code).toBe('ACME');
  });
});

test('server phrases become sentences', () => {
  expect(sentence('same domain initech.com as L-000001')).toBe('Same domain initech.com as L-000001.');
  expect(sentence('Done.')).toBe('Done.');
  expect(sentence('  ')).toBe('');
});

describe('the Team view', () => {
  const team = {
    owner: 'owner@example.com',
    members: [
      { email: 'ana@example.com', role: 'Partner team', name: 'Ana' },
      { email: 'bo@example.com', role: 'Manager', name: '' },
      { email: 'ana@example.com', role: 'Finance', name: 'Ana' },
    ],
    roles: ['Manager', 'Finance', 'Partner team'],
  };
  const add = (email: string, role: string, name = '') => checkNewMember({ email, role, name }, team);

  test('a new member is trimmed and lower-cased as the server stores it; a blank name is left out', () => {
    expect(add('  Cy@Example.COM ', 'Finance', ' Cy ')).toEqual({ ok: true, data: { email: 'cy@example.com', role: 'Finance', name: 'Cy' } });
    expect(add('cy@example.com', 'Manager')).toEqual({ ok: true, data: { email: 'cy@example.com', role: 'Manager' } });
    // Ana may hold another role.
    expect(add('ANA@example.com', 'Manager').ok).toBe(true);
  });

  test('the server’s rules, with its messages, keyed by field', () => {
    expect(add('', '')).toEqual({ ok: false, errors: { email: 'Email is required: the Google account the person signs in with.', role: 'Choose a role: Manager, Finance, Partner team' } });
    expect(add('ana at example', 'Owner', 'x'.repeat(101))).toEqual({
      ok: false,
      errors: { email: 'Enter an email address such as name@company.com', role: 'Choose a role: Manager, Finance, Partner team', name: 'Name must be at most 100 characters' },
    });
    expect(add(`${'a'.repeat(250)}@example.com`, 'Finance').ok).toBe(false);
    expect(add('Owner@Example.com', 'Finance')).toEqual({ ok: false, errors: { email: 'owner@example.com is the owner and holds every role already.' } });
    expect(add('ana@example.com', 'Partner team')).toEqual({ ok: false, errors: { role: 'ana@example.com already has the Partner team role.' } });
  });

  test('members grouped in the order of the roles, empty roles kept, unknown roles last', () => {
    expect(membersByRole(team.members, team.roles).map((g) => [g.role, g.members.map((m) => m.email)])).toEqual([
      ['Manager', ['bo@example.com']],
      ['Finance', ['ana@example.com']],
      ['Partner team', ['ana@example.com']],
    ]);
    expect(membersByRole([{ email: 'x@example.com', role: 'Auditor', name: '' }], ['Manager']).map((g) => g.role)).toEqual(['Manager', 'Auditor']);
  });

  test('who you are, in words', () => {
    expect(youLine({ email: 'owner@example.com', roles: ['Owner', 'Manager', 'Finance', 'Partner team'] })).toBe('You are owner@example.com · Owner (every role)');
    expect(youLine({ email: 'ana@example.com', roles: ['Finance', 'Partner team'] })).toBe('You are ana@example.com · Finance, Partner team');
    expect(youLine({ email: 'cy@example.com', roles: [] })).toBe('You are cy@example.com · not on the Team tab yet: the owner or a manager adds people there');
    expect(youLine({ email: '', roles: [] })).toMatch(/^Google did not say who you are/);
    // Before setup there is no team: no roles to name.
    expect(youLine({ email: 'cy@example.com', roles: [] }, false)).toBe('You are cy@example.com');
    expect(rolesText(['Manager'])).toBe('Manager');
  });

  test('refusals for several actions: each action’s own part, and the part they share said once', () => {
    const tail = 'you (fin@example.com) have the Finance role. The owner (owner@example.com) or a manager can add it on the Team tab.';
    const run = `Running payouts needs the Manager role; ${tail}`;
    const approve = `Approving payouts needs the Manager role; ${tail}`;
    expect(groupRefusals([run, approve, null, null])).toEqual({
      items: ['Running payouts needs the Manager role', 'Approving payouts needs the Manager role'],
      shared: tail,
      itemOf: [0, 1, null, null],
    });
    // One refusal, the same refusal twice, or refusals that share nothing: said whole.
    expect(groupRefusals([null, run])).toEqual({ items: [run], shared: null, itemOf: [null, 0] });
    expect(groupRefusals([run, run])).toEqual({ items: [run], shared: null, itemOf: [0, 0] });
    expect(groupRefusals([run, 'The tracker is not set up yet.'])).toEqual({ items: [run, 'The tracker is not set up yet.'], shared: null, itemOf: [0, 1] });
    expect(groupRefusals([null, undefined])).toEqual({ items: [], shared: null, itemOf: [null, null] });
  });
});

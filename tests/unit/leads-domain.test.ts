import { LEAD_REGISTRATION_SCHEMA, LEAD_TRANSITION_SCHEMA } from '../../src/domain/lead';
import { NEXT_STATUSES, expiresWithin, isExpiredOn, planTransition } from '../../src/domain/lead-lifecycle';
import { addDays, fieldErrorsOf, isIsoDate } from '../../src/domain/fields';
import { PARTNER_INPUT_SCHEMA } from '../../src/domain/partner';
import { readNamedValues } from '../../src/domain/partner-form';
import { LEAD_STATUSES } from '../../src/domain/enums';
import { DIGEST_MAX_LEADS, registrationConfirmation, registrationRefused, expiryDigest } from '../../src/domain/emails/lead-emails';

describe('lead registration schema', () => {
  const base = { partnerId: 'P-000001', company: ' Initech ', contactEmail: 'Bill@Initech.CO.UK' };

  test('trims, lower-cases the email, defaults the optional fields and turns money into cents', () => {
    expect(LEAD_REGISTRATION_SCHEMA.parse({ ...base, estimatedValue: '12,500.5' })).toEqual({
      partnerId: 'P-000001',
      company: 'Initech',
      website: '',
      contactName: '',
      contactEmail: 'bill@initech.co.uk',
      product: '',
      estimatedValue: 1250050,
      expectedClose: '',
      notes: '',
    });
    expect(LEAD_REGISTRATION_SCHEMA.parse({ ...base, estimatedValue: 99.99 }).estimatedValue).toBe(9999);
    expect(LEAD_REGISTRATION_SCHEMA.parse({ ...base, estimatedValue: '' }).estimatedValue).toBeNull();
  });

  test.each([
    [{ estimatedValue: '12.345' }, 'estimatedValue', 'Estimated deal value must be an amount like 12500 or 12,500.50'],
    [{ estimatedValue: 1.005 }, 'estimatedValue', 'Estimated deal value must have at most two decimal places'],
    [{ estimatedValue: '1e3' }, 'estimatedValue', 'Estimated deal value must be an amount like 12500 or 12,500.50'],
    [{ estimatedValue: '999999999999999' }, 'estimatedValue', 'Estimated deal value must be at most 1,000,000,000.00'],
    [{ expectedClose: '2026-02-29' }, 'expectedClose', 'Expected close date must be a date written YYYY-MM-DD'],
    [{ website: 'acme' }, 'website', 'Company website must be a web address like acme.com or https://www.acme.com'],
    [{ partnerId: 'ACME 01!' }, 'partnerId', 'Partner must be chosen from the list'], // IDs a migration brought (ACME-01) are valid (issue 12)
    [{ partnerId: '' }, 'partnerId', 'Partner is required'],
    [{ company: 'x'.repeat(201) }, 'company', 'Company must be at most 200 characters'],
    [{ contactEmail: undefined }, 'contactEmail', 'Contact email is required'],
  ])('%j is refused on %s', (patch, field, message) => {
    const result = LEAD_REGISTRATION_SCHEMA.safeParse({ ...base, ...patch });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error)[field]).toBe(message);
  });

  test('accepts real websites in every form people type them', () => {
    for (const website of ['acme.co.uk', 'www.acme.com', 'https://acme.com/path?q=1', 'http://sub.acme.io:8080', 'münchen.de']) {
      expect([website, LEAD_REGISTRATION_SCHEMA.safeParse({ ...base, website }).success]).toEqual([website, true]);
    }
  });
});

describe('partner input schema', () => {
  test('upper-cases and checks the partner code; type is required; status defaults, a blank tier is left for the entry tier (the Tiers tab is checked by the store)', () => {
    expect(PARTNER_INPUT_SCHEMA.parse({ name: 'Acme', code: ' acme-1 ', contactEmail: 'a@acme.example', type: 'Referral' })).toMatchObject({
      id: '',
      code: 'ACME-1',
      tier: '',
      status: 'Active',
      joinedOn: '',
    });
    const bad = PARTNER_INPUT_SCHEMA.safeParse({ name: '', code: 'a b', contactEmail: 'x', type: 'Friend' });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      expect(fieldErrorsOf(bad.error)).toEqual({
        name: 'Name is required',
        code: 'Partner code must be 2–24 letters, digits, "-" or "_", starting with a letter or digit',
        contactEmail: 'Contact email must be an email address like name@company.com',
        type: 'Type must be one of Referral, Reseller, Affiliate',
      });
    }
  });
});

describe('lead pipeline', () => {
  const lead = (status: (typeof LEAD_STATUSES)[number]) => ({ id: 'L-000001', status });
  const move = (input: unknown) => LEAD_TRANSITION_SCHEMA.parse(input);

  test('every status has its next statuses; final ones have none', () => {
    expect(Object.keys(NEXT_STATUSES).sort()).toEqual([...LEAD_STATUSES].sort());
    for (const final of ['Rejected', 'Closed Lost', 'Expired', 'Refunded'] as const) expect(NEXT_STATUSES[final]).toEqual([]);
  });

  test('legal moves change what they should', () => {
    expect(planTransition(lead('New'), move({ to: 'Accepted' }), '2026-03-01', 90)).toEqual({ ok: true, change: { status: 'Accepted', statusReason: '' } });
    expect(planTransition(lead('Conflict'), move({ to: 'Accepted' }), '2026-03-01', 90)).toEqual({
      ok: true,
      change: { status: 'Accepted', statusReason: 'Accepted despite the conflict', protectedUntil: '2026-05-30' },
    });
    expect(planTransition(lead('New'), move({ to: 'Rejected', reason: 'Existing customer' }), '2026-03-01', 90)).toEqual({
      ok: true,
      change: { status: 'Rejected', statusReason: 'Existing customer', protectedUntil: '' },
    });
    expect(planTransition(lead('Qualified'), move({ to: 'Closed Won', dealAmount: '1,000', closedOn: '2026-02-28' }), '2026-03-01', 90)).toEqual({
      ok: true,
      change: { status: 'Closed Won', statusReason: '', dealAmountCents: 100000, closedOn: '2026-02-28' },
    });
    expect(planTransition(lead('Accepted'), move({ to: 'Closed Lost', reason: 'Went with a competitor' }), '2026-03-01', 90)).toEqual({
      ok: true,
      change: { status: 'Closed Lost', statusReason: 'Went with a competitor', closedOn: '2026-03-01' },
    });
  });

  test('every illegal move is refused with what is allowed', () => {
    for (const from of LEAD_STATUSES) {
      for (const to of ['Accepted', 'Rejected', 'Qualified', 'Closed Won', 'Closed Lost'] as const) {
        if (NEXT_STATUSES[from].includes(to)) continue;
        const body = to === 'Closed Won' ? { to, dealAmount: 1, closedOn: '2026-03-01' } : { to, reason: 'r' };
        const plan = planTransition(lead(from), move(body), '2026-03-01', 90);
        expect(plan.ok).toBe(false);
        if (!plan.ok) expect(plan.message).toContain(`L-000001 is ${from}; it cannot move to ${to}.`);
      }
    }
  });

  test('a transition needs its inputs', () => {
    expect(LEAD_TRANSITION_SCHEMA.safeParse({ to: 'Rejected' }).success).toBe(false);
    expect(LEAD_TRANSITION_SCHEMA.safeParse({ to: 'Closed Won', closedOn: '2026-03-01' }).success).toBe(false);
    expect(LEAD_TRANSITION_SCHEMA.safeParse({ to: 'Expired' }).success).toBe(false);
  });

  test('expiry: open leads whose protection ended before today; the digest window is inclusive', () => {
    expect(isExpiredOn({ status: 'New', protectedUntil: '2026-05-30' }, '2026-05-30')).toBe(false);
    expect(isExpiredOn({ status: 'Qualified', protectedUntil: '2026-05-30' }, '2026-05-31')).toBe(true);
    expect(isExpiredOn({ status: 'Closed Won', protectedUntil: '2026-05-30' }, '2026-06-30')).toBe(false);
    expect(isExpiredOn({ status: 'Conflict', protectedUntil: '' }, '2026-06-30')).toBe(false);
    expect(expiresWithin({ status: 'Accepted', protectedUntil: '2026-06-07' }, '2026-05-31', 7)).toBe(true);
    expect(expiresWithin({ status: 'Accepted', protectedUntil: '2026-06-08' }, '2026-05-31', 7)).toBe(false);
  });

  test('calendar helpers', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isIsoDate('2027-02-29')).toBe(false);
  });
});

describe('partner form responses', () => {
  test('titles match with whitespace ignored, several values are joined, missing questions are blank', () => {
    const { answers, blank } = readNamedValues({ 'Partner code ': [' acme '], Company: ['Initech'], Notes: ['a', 'b'], Timestamp: ['3/2/2026 9:30:00'] });
    expect(answers).toMatchObject({ partnerCode: 'acme', company: 'Initech', notes: 'a, b', contactEmail: '' });
    expect(blank).toBe(false);
    expect(readNamedValues({ 'Partner code': [''], Company: [''] }).blank).toBe(true);
    expect(readNamedValues(undefined).blank).toBe(true);
  });
});

describe('lead emails escape what partners typed', () => {
  test('confirmation, refusal and digest', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const mails = [
      registrationConfirmation({ programme: 'P', partnerName: evil, leadId: 'L-000001', company: evil, status: 'New', protectedUntil: '2026-05-30' }),
      registrationRefused({ programme: 'P', partnerName: evil, company: evil, reasons: [evil] }),
      expiryDigest('P', '2026-05-30', 7, [{ id: 'L-1', company: evil, partnerName: evil, status: 'New', protectedUntil: '2026-05-31' }], []),
    ];
    for (const mail of mails) {
      expect(mail.htmlBody).not.toContain('<img');
      expect(mail.htmlBody).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(mail.body).toContain(evil);
    }
  });
});

describe('the expiry digest stays within what a message and a queued cell can hold', () => {
  test('at most DIGEST_MAX_LEADS leads are listed, the rest counted with where to find them', () => {
    const lead = (i: number) => ({
      id: `L-${String(i).padStart(6, '0')}`,
      company: `Company with a long enough name ${i}`,
      partnerName: `Partner ${i % 50}`,
      status: 'New',
      protectedUntil: '2026-05-31',
    });
    const expiring = Array.from({ length: 40_000 }, (_, i) => lead(i));
    const expired = Array.from({ length: 40_000 }, (_, i) => ({ ...lead(i + 40_000), status: 'Expired' }));
    const mail = expiryDigest('Partner Programme', '2026-05-30', 7, expiring, expired, 3);
    expect(mail.subject).toBe('Partner Programme: 40000 leads expiring within 7 days, 40000 expired today, 3 form responses to review');
    expect(mail.body).toContain(`…and ${40_000 - DIGEST_MAX_LEADS} more: see the Leads tab (open leads by Protected Until).`);
    expect(mail.body).toContain('…and 40000 more: see the Leads tab (status Expired).');
    expect(mail.htmlBody.length).toBeLessThan(50_000);
    expect(mail.body.length).toBeLessThan(50_000);
  });
});

import { registrationConfirmation, registrationNotMatched } from '../../src/domain/emails/lead-emails';
import { Partner } from '../../src/domain/partner';
import { CONFLICT_FOR_PARTNER } from '../../src/domain/partner-facing';
import { RESPONDENT_NOT_MATCHED, attributeResponse, isContactOf, partnersOfEmail, respondentEmailOf } from '../../src/domain/respondent';

const partner = (id: string, code: string, contactEmail: string, otherEmails: string[] = []): Partner => ({
  id,
  name: `${code} Partners`,
  code,
  contactName: '',
  contactEmail,
  type: 'Reseller',
  tier: 'Gold',
  region: '',
  productFocus: '',
  status: 'Active',
  joinedOn: '',
  notes: '',
  otherEmails,
});
const ACME = partner('P-000001', 'ACME', 'pat@acme.example', ['kim@acme.example']);
const BETA = partner('P-000002', 'BETA', 'bo@beta.example');
const PARTNERS = [ACME, BETA];

describe('attributeResponse', () => {
  test("a contact (either column, any case) with their partner's code (any case) is that partner", () => {
    expect(attributeResponse(PARTNERS, 'KIM@Acme.example', ' acme ')).toEqual({ kind: 'verified', partner: ACME });
    expect(attributeResponse(PARTNERS, 'pat@acme.example', 'ACME')).toEqual({ kind: 'verified', partner: ACME });
  });

  test("another partner's code, a mistyped code, a blank code: refused, the reason naming the respondent's partner for the team", () => {
    for (const code of ['BETA', 'ACEM', '']) {
      const result = attributeResponse(PARTNERS, 'pat@acme.example', code);
      expect(result).toMatchObject({ kind: 'refused', reason: expect.stringContaining('a contact of ACME Partners (P-000001, code ACME)') });
    }
    expect(attributeResponse(PARTNERS, 'pat@acme.example', 'BETA')).toMatchObject({ reason: expect.stringContaining('it belongs to BETA Partners (P-000002)') });
  });

  test('an unknown address, no address, an address two partners share: refused with why', () => {
    expect(attributeResponse(PARTNERS, 'x@else.example', 'ACME')).toMatchObject({ kind: 'refused', reason: expect.stringContaining('x@else.example is not a contact email of any partner') });
    expect(attributeResponse(PARTNERS, '', 'ACME')).toMatchObject({ kind: 'refused', reason: expect.stringContaining('Run "Create partner form" again') });
    const shared = [ACME, partner('P-000003', 'GAMMA', 'kim@acme.example')];
    expect(attributeResponse(shared, 'kim@acme.example', 'ACME')).toMatchObject({ kind: 'refused', reason: expect.stringContaining('several partners (P-000001, P-000003)') });
  });

  test('helpers: the respondent from namedValues, contacts, partners of an email', () => {
    expect(respondentEmailOf({ 'Email Address': [' Pat@Acme.example '] })).toBe('pat@acme.example');
    expect(respondentEmailOf({})).toBe('');
    expect(isContactOf(ACME, 'KIM@acme.example')).toBe(true);
    expect(isContactOf(BETA, 'kim@acme.example')).toBe(false);
    expect(isContactOf(undefined, 'kim@acme.example')).toBe(false);
    expect(partnersOfEmail(PARTNERS, 'bo@beta.example')).toEqual([BETA]);
  });
});

describe('what a partner or respondent is told', () => {
  test('the not-matched reply: fixed words, the escaped company and address, no partner', () => {
    const mail = registrationNotMatched({ programme: 'P', company: '<b>Evil</b>', respondentEmail: 'x@else.example' });
    expect(mail.body).toContain(RESPONDENT_NOT_MATCHED);
    expect(mail.htmlBody).toContain('&lt;b&gt;Evil&lt;/b&gt;');
    expect(mail.htmlBody).not.toContain('<b>Evil');
    expect(registrationNotMatched({ programme: 'P', company: 'Probe', respondentEmail: 'x@else.example' }).body).toBe(
      registrationNotMatched({ programme: 'P', company: 'Probe', respondentEmail: 'x@else.example' }).body,
    );
  });

  test('a conflict confirmation says the fixed sentence, nothing else about the earlier registration', () => {
    const mail = registrationConfirmation({ programme: 'P', partnerName: 'Beta', leadId: 'L-000002', company: 'Initech', status: 'Conflict', protectedUntil: '' });
    expect(mail.body).toContain(CONFLICT_FOR_PARTNER);
    expect(mail.body).not.toMatch(/L-000001|collides/);
  });
});

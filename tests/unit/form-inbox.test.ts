import { INBOX_CORRECTION_RULES, NO_REASON_RECORDED, answerFieldOf, describeCorrections, inboxAnswers, inboxReasons } from '../../src/domain/form-inbox';
import { checkFields } from '../../src/domain/rules';

const ANSWERS = { partnerCode: 'ACM', company: 'Initech', website: '', contactName: '', contactEmail: 'bill@initech.example', product: '', estimatedValue: '', notes: '' };

describe('the Form Inbox, pure', () => {
  test('reasons are one per line, never empty', () => {
    expect(inboxReasons('Partner code "X" is not known.\n\n Company is required ')).toEqual(['Partner code "X" is not known.', 'Company is required']);
    expect(inboxReasons('  \n ')).toEqual([NO_REASON_RECORDED]);
  });

  test("answers come from the raw JSON as the form's questions; an unreadable cell keeps the partner code and says why", () => {
    const raw = JSON.stringify({ Timestamp: ['x'], 'Partner code': [' acm '], Company: ['Initech'], 'Contact email': ['bill@initech.example'] });
    expect(inboxAnswers(raw, 'ACM')).toEqual({ answers: { ...ANSWERS, partnerCode: 'acm' }, unreadable: null });
    const cut = inboxAnswers('{"Partner code": ["AC', 'ACM');
    expect(cut.answers.partnerCode).toBe('ACM');
    expect(cut.unreadable).toContain('could not be read');
    expect(inboxAnswers('', 'ACM').unreadable).toContain('empty');
  });

  test('the decision note says what was corrected, or that nothing was', () => {
    expect(describeCorrections(ANSWERS, { ...ANSWERS, partnerCode: 'ACME', website: 'initech.example' })).toBe('Corrected Partner code "ACM" → "ACME"; Company website "" → "initech.example".');
    expect(describeCorrections(ANSWERS, { ...ANSWERS, company: ' Initech ' })).toBe('Re-processed as received (nothing corrected).');
  });

  test('the correction form is checked like the registration, with the partner named by code', () => {
    const checked = checkFields(INBOX_CORRECTION_RULES, { ...ANSWERS, partnerCode: ' ', contactEmail: 'bill at initech' });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors).sort()).toEqual(['contactEmail', 'partnerCode']);
    expect(checkFields(INBOX_CORRECTION_RULES, ANSWERS).ok).toBe(true);
    expect(answerFieldOf('partnerId')).toBe('partnerCode');
    expect(answerFieldOf('company')).toBe('company');
  });
});

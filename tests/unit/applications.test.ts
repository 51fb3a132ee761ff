import { CODE_ALPHABET, GENERATED_CODE_LENGTH, acceptedTermsVersion, isApplicationHeader, partnerCodeFromUuids, readApplicationValues, termsChoice } from '../../src/domain/applications';
import { PARTNER_CODE_PATTERN } from '../../src/domain/partner';
import { randomUUID } from 'node:crypto';

describe('generated partner codes', () => {
  test('12 characters of a 32-letter alphabet without I, O, 0 or 1, valid as partner codes', () => {
    expect(new Set(CODE_ALPHABET).size).toBe(32);
    expect(CODE_ALPHABET).not.toMatch(/[IO01]/);
    for (let i = 0; i < 200; i++) {
      const code = partnerCodeFromUuids([randomUUID()]);
      expect(code).toHaveLength(GENERATED_CODE_LENGTH);
      expect(PARTNER_CODE_PATTERN.test(code)).toBe(true);
    }
  });

  test("only a UUID's random digits count: the version and variant digits change nothing", () => {
    const a = partnerCodeFromUuids(['00000000-0000-4000-8000-000000000000']);
    const b = partnerCodeFromUuids(['00000000-0000-4000-b000-000000000000']);
    expect(a).toBe('AAAAAAAAAAAA');
    expect(b).toBe(a);
    expect(partnerCodeFromUuids(['ffffffff-ffff-4fff-bfff-ffffffffffff'])).toBe('999999999999');
    expect(() => partnerCodeFromUuids(['not-a-uuid'])).toThrow('not a UUID');
  });

  test('every character is about equally likely', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const c of partnerCodeFromUuids([randomUUID()])) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 24,000 characters over 32: 750 each expected; a biased mapping would leave some far off.
    for (const n of counts.values()) expect(n).toBeGreaterThan(550);
  });
});

describe('reading an application response', () => {
  test('answers by question title, the collected email in lower case, the terms version accepted', () => {
    const read = readApplicationValues({ Timestamp: ['x'], 'Email Address': ['Lee@Bright.example'], 'Company name': [' Bright '], 'Programme terms': [termsChoice('2')] });
    expect(read.respondentEmail).toBe('lee@bright.example');
    expect(read.answers.company).toBe('Bright');
    expect(acceptedTermsVersion(read.answers.terms)).toBe('2');
    expect(acceptedTermsVersion('I do not accept')).toBe('');
    expect(readApplicationValues({ 'Company name': [''] }).blank).toBe(true);
  });

  test("the application form's responses tab is told from the partner form's", () => {
    expect(isApplicationHeader(['Timestamp', 'Email Address', 'Company name', 'About your business', 'Programme terms'])).toBe(true);
    expect(isApplicationHeader(['Timestamp', 'Partner code', 'Company', 'Programme terms', 'About your business'])).toBe(false);
  });
});

import { PARTNER_TYPES, PartnerType } from './enums';

/**
 * Partner applications (the "Become a partner" form): its questions, how a response's answers
 * are read, the partner code an approval generates, and what Terms Accepted records. Pure: the
 * Apps Script side is src/applications/. Question titles are the keys of the submit event's
 * namedValues and the headers of the responses tab, so the form builder and the reader share
 * this list; none of them is a partner form question ("Partner code"), so each form's responses
 * are told apart by their tab's header.
 */
export type ApplicationQuestionKey = 'company' | 'website' | 'contactName' | 'type' | 'region' | 'productFocus' | 'about' | 'terms';

export interface ApplicationQuestion {
  key: ApplicationQuestionKey;
  title: string;
  kind: 'text' | 'paragraph' | 'choice' | 'list' | 'terms';
  required: boolean;
  helpText: string;
}

/** The terms question's title: its one choice names the version, so the title stays the same when the version changes. */
export const TERMS_QUESTION = 'Programme terms';
/** Google's header for the respondent's collected email. */
export const RESPONDENT_EMAIL_HEADER = 'Email Address';

export const APPLICATION_QUESTIONS: readonly ApplicationQuestion[] = [
  { key: 'company', title: 'Company name', kind: 'text', required: true, helpText: 'Your business, as partners and customers know it.' },
  { key: 'website', title: 'Website', kind: 'text', required: false, helpText: 'For example example.com.' },
  { key: 'contactName', title: 'Your name', kind: 'text', required: true, helpText: 'The person the partner team will talk to.' },
  { key: 'type', title: 'Partner type', kind: 'choice', required: true, helpText: 'Referral: you introduce customers. Reseller: you sell to them. Affiliate: you promote us online.' },
  { key: 'region', title: 'Region', kind: 'list', required: false, helpText: 'Where most of your customers are.' },
  { key: 'productFocus', title: 'Product focus', kind: 'list', required: false, helpText: 'The product you would mostly sell or refer.' },
  { key: 'about', title: 'About your business', kind: 'paragraph', required: true, helpText: 'Your customers, your market, and why you want to join the programme.' },
  { key: 'terms', title: TERMS_QUESTION, kind: 'terms', required: true, helpText: '' },
];

export type ApplicationAnswers = Record<ApplicationQuestionKey, string>;

/** The terms checkbox's one choice, naming the version the applicant accepts. */
export function termsChoice(version: string): string {
  return `I accept the programme terms (version ${version || '1'})`;
}

/** The terms question's help text: where the terms are published. */
export function termsHelp(url: string): string {
  return url ? `Read the terms at ${url} before you accept them.` : 'The partner team sends the terms on request.';
}

/** The version an answer to the terms question accepted, or '' when it accepted none. */
export function acceptedTermsVersion(answer: string): string {
  const m = /^I accept the programme terms \(version (.{1,40})\)$/.exec(answer.trim());
  return m ? m[1] : '';
}

export interface ReadApplication {
  answers: ApplicationAnswers;
  /** The respondent's email as Google collected it (lower case), or ''. */
  respondentEmail: string;
  blank: boolean;
}

/** A submit event's namedValues ({"Question": ["answer"]}): each answer trimmed ('' when absent). */
export function readApplicationValues(namedValues: unknown): ReadApplication {
  const raw: Record<string, string> = {};
  if (namedValues && typeof namedValues === 'object') {
    for (const [key, value] of Object.entries(namedValues as Record<string, unknown>)) {
      const values = Array.isArray(value) ? value : [value];
      raw[key.trim()] = values
        .map((v) => (v === null || v === undefined ? '' : String(v).trim()))
        .filter(Boolean)
        .join(', ');
    }
  }
  const answers = {} as ApplicationAnswers;
  for (const q of APPLICATION_QUESTIONS) answers[q.key] = raw[q.title] ?? '';
  const respondentEmail = (raw[RESPONDENT_EMAIL_HEADER] ?? '').toLowerCase();
  return { answers, respondentEmail, blank: APPLICATION_QUESTIONS.every((q) => answers[q.key] === '') && respondentEmail === '' };
}

/** Whether a responses tab's header is the application form's (not the partner form's). */
export function isApplicationHeader(headers: readonly string[]): boolean {
  const titles = headers.map((h) => h.trim());
  return titles[0] === 'Timestamp' && titles.includes(TERMS_QUESTION) && titles.includes('About your business') && !titles.includes('Partner code');
}

/** The answer's partner type when it is one of the programme's, else ''. */
export function applicationType(answer: string): PartnerType | '' {
  return (PARTNER_TYPES as readonly string[]).includes(answer) ? (answer as PartnerType) : '';
}

/**
 * A generated partner code's alphabet: 32 characters that are hard to mistake for each other
 * (no I, O, 0 or 1), so each character carries exactly 5 bits.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 12 characters: 60 random bits; guessing one partner's code takes about 10^18 tries. */
export const GENERATED_CODE_LENGTH = 12;

/**
 * A partner code from random UUIDs (version 4: Utilities.getUuid(), drawn from a secure random
 * source). Only a UUID's random hex digits are used (not its version digit nor its variant
 * digit), 5 bits per character, so every code is equally likely.
 */
export function partnerCodeFromUuids(uuids: readonly string[]): string {
  let bits = '';
  for (const uuid of uuids) {
    const hex = uuid.toLowerCase().replace(/-/g, '');
    if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`internal: not a UUID: ${uuid}`);
    // Digit 12 is the version, digit 16 carries the variant: the rest (30 digits) are random.
    const random = hex.slice(0, 12) + hex.slice(13, 16) + hex.slice(17);
    for (const d of random) bits += parseInt(d, 16).toString(2).padStart(4, '0');
  }
  if (bits.length < GENERATED_CODE_LENGTH * 5) throw new Error('internal: not enough random bits for a partner code');
  let code = '';
  for (let i = 0; i < GENERATED_CODE_LENGTH; i++) code += CODE_ALPHABET[parseInt(bits.slice(i * 5, i * 5 + 5), 2)];
  return code;
}

/** What the partner's Terms Accepted cell says: which version, who, when, and the application it came with. */
export function termsAcceptedText(version: string, email: string, date: string, applicationId: string): string {
  return `version ${version} by ${email} on ${date} (application ${applicationId})`;
}

/** The marker an approval leaves in Terms Accepted, by which a retried approval finds the partner it made. */
export function applicationMarker(applicationId: string): string {
  return `(application ${applicationId})`;
}

import { AuthModeName } from '../core/execution';
import { ServiceObject } from '../core/facade';
import { TriggerRun } from '../triggers/registry';

export type QuestionKind = 'TEXT' | 'PARAGRAPH_TEXT' | 'LIST' | 'MULTIPLE_CHOICE';

export type TextRule =
  | 'EMAIL'
  | 'URL'
  | 'NUMBER'
  | 'WHOLE_NUMBER'
  | 'NUMBER_GT'
  | 'NUMBER_GTE'
  | 'NUMBER_LT'
  | 'NUMBER_LTE'
  | 'NUMBER_EQ'
  | 'NUMBER_NEQ'
  | 'NUMBER_BETWEEN'
  | 'NUMBER_NOT_BETWEEN'
  | 'LENGTH_GTE'
  | 'LENGTH_LTE'
  | 'CONTAINS'
  | 'NOT_CONTAINS'
  | 'MATCHES'
  | 'NOT_MATCHES';

export interface TextValidationData {
  rule: TextRule;
  args: Array<number | string>;
  helpText: string;
}

export interface ItemData {
  id: number;
  kind: QuestionKind;
  title: string;
  helpText: string;
  required: boolean;
  choices: Array<{ value: string; isCorrect: boolean }>;
  otherOption: boolean;
  validation: TextValidationData | null;
}

/**
 * How a form collects respondents' email addresses: the Forms API's FormSettings.emailCollectionType
 * (DO_NOT_COLLECT, VERIFIED: the respondent's signed-in Google account, RESPONDER_INPUT: an address
 * the respondent types) and Apps Script's FormApp.EmailCollectionType with Form.setEmailCollectionType.
 */
export type EmailCollection = 'DO_NOT_COLLECT' | 'VERIFIED' | 'RESPONDER_INPUT';

export interface ResponseData {
  id: string;
  timestamp: string;
  respondentEmail: string;
  answers: Array<{ itemId: number; response: string }>;
  /** True for form.createResponse().submit() (no trigger fires). */
  fromScript: boolean;
}

export interface FormData {
  id: string;
  title: string;
  description: string;
  confirmationMessage: string;
  /** Whether the form collects respondents' email addresses (kept equal to emailCollection !== 'DO_NOT_COLLECT'). */
  collectEmail: boolean;
  /** How (emailCollectionOf): absent in workspaces saved before it existed, whose collecting forms asked for a typed address. */
  emailCollection?: EmailCollection;
  /**
   * Whether the form takes responses now. Forced false while the form is unpublished (the
   * Forms API's PublishState: "If isPublished is set to false, this field is forced to false").
   */
  acceptingResponses: boolean;
  /**
   * Whether the form is published (visible to respondents). Workspaces saved before forms could
   * be unpublished lack it: their forms load as published.
   */
  published: boolean;
  owner: string;
  items: ItemData[];
  /**
   * Where responses go. The responses sheet is followed by its id, as Google does: a
   * person (or the add-on) may rename it and responses keep arriving. `sheetName` is
   * its name when last looked up; `sheetId` is absent in workspaces saved before it existed.
   */
  destination: { spreadsheetId: string; sheetName: string; sheetId?: number } | null;
  responses: ResponseData[];
}

export interface SpreadsheetSubmitEventSpec {
  formId: string;
  spreadsheetId: string;
  sheetName: string;
  sheetId?: number;
  row: number;
  headers: string[];
  displayValues: string[];
}

export interface FormsState {
  nextForm: number;
  nextItem: number;
  nextResponse: number;
  forms: FormData[];
  lastSpreadsheetEvent: SpreadsheetSubmitEventSpec | null;
}

export type FormSubmitResult =
  | {
      accepted: true;
      responseId: string;
      /** The response row in the destination sheet (null without a destination). */
      row: number | null;
      spreadsheetId: string | null;
      sheetName: string | null;
      /** Trigger firings caused by this submission, in order. */
      runs: TriggerRun[];
    }
  | { accepted: false; errors: Array<{ item: string; reason: string }> };

export interface SubmitOptions {
  /** The address the respondent types: required when the form collects RESPONDER_INPUT email addresses. */
  respondentEmail?: string;
  /**
   * The Google account the respondent is signed in with (the workspace's chosen person). A form that
   * collects VERIFIED email addresses records it as the respondent's email and refuses a respondent
   * who is not signed in; other forms ignore it.
   */
  account?: string;
  /** Timestamp of the response (default: ctx.clock.now()). */
  at?: Date;
}

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^(https?:\/\/)?[^\s/$.?#]+\.[^\s]+$/i;
/** How a form collects email addresses (a form saved before emailCollection existed asked for a typed address). */
export function emailCollectionOf(form: Pick<FormData, 'collectEmail' | 'emailCollection'>): EmailCollection {
  return form.emailCollection ?? (form.collectEmail ? 'RESPONDER_INPUT' : 'DO_NOT_COLLECT');
}

/**
 * What a respondent who is not signed in meets on a form that collects verified email addresses.
 * A GUESS at the wording: Google sends them to its sign-in page ("Sign in to continue to Forms").
 */
export const SIGN_IN_REQUIRED = 'Sign in to Google to continue: this form records the email address of your Google account.';
export const NOT_ACCEPTING = 'This form is no longer accepting responses.';
/**
 * What a respondent is told when the form is not published. A GUESS: Google's wording for an
 * unpublished form could not be found; this follows the closed form's ("… is no longer accepting
 * responses. Try contacting the owner of the form if you think this is a mistake.").
 */
export const NOT_PUBLISHED = 'This form is not published, so it cannot accept responses. Try contacting the owner of the form if you think this is a mistake.';
/**
 * What Form.setAcceptingResponses and Form.getPublishedUrl throw on an unpublished form, as users
 * reported it (github.com/boilermaker-ben/Google-Sheets-NFL-Pick-Ems-and-Survivor-Pool/issues/26,
 * and comments in public Apps Script projects naming those two methods). UNVERIFIED by Google's
 * reference; options.formsUnpublishedOperationsThrow.
 */
export const UNPUBLISHED_OPERATION = 'Operation not supported on unpublished form';

export function checkText(v: TextValidationData, answer: string): string | null {
  const n = Number(answer);
  const isNum = answer.trim() !== '' && Number.isFinite(n);
  const [a, b] = v.args as [number, number];
  let ok: boolean;
  let reason: string;
  switch (v.rule) {
    case 'EMAIL':
      ok = EMAIL_RE.test(answer.trim());
      reason = 'Must be an email';
      break;
    case 'URL':
      ok = URL_RE.test(answer.trim());
      reason = 'Must be a URL';
      break;
    case 'NUMBER':
      ok = isNum;
      reason = 'Must be a number';
      break;
    case 'WHOLE_NUMBER':
      ok = isNum && Number.isInteger(n);
      reason = 'Must be a whole number';
      break;
    case 'NUMBER_GT':
      ok = isNum && n > a;
      reason = `Must be a number greater than ${a}`;
      break;
    case 'NUMBER_GTE':
      ok = isNum && n >= a;
      reason = `Must be a number greater than or equal to ${a}`;
      break;
    case 'NUMBER_LT':
      ok = isNum && n < a;
      reason = `Must be a number less than ${a}`;
      break;
    case 'NUMBER_LTE':
      ok = isNum && n <= a;
      reason = `Must be a number less than or equal to ${a}`;
      break;
    case 'NUMBER_EQ':
      ok = isNum && n === a;
      reason = `Must be a number equal to ${a}`;
      break;
    case 'NUMBER_NEQ':
      ok = isNum && n !== a;
      reason = `Must be a number not equal to ${a}`;
      break;
    case 'NUMBER_BETWEEN':
      ok = isNum && n >= a && n <= b;
      reason = `Must be a number between ${a} and ${b}`;
      break;
    case 'NUMBER_NOT_BETWEEN':
      ok = isNum && (n < a || n > b);
      reason = `Must be a number not between ${a} and ${b}`;
      break;
    case 'LENGTH_GTE':
      ok = answer.length >= a;
      reason = `Must contain at least ${a} characters`;
      break;
    case 'LENGTH_LTE':
      ok = answer.length <= a;
      reason = `Must contain at most ${a} characters`;
      break;
    case 'CONTAINS':
      ok = answer.includes(String(a));
      reason = `Must contain ${a}`;
      break;
    case 'NOT_CONTAINS':
      ok = !answer.includes(String(a));
      reason = `Must not contain ${a}`;
      break;
    case 'MATCHES':
      ok = new RegExp(`^(?:${String(a)})$`).test(answer);
      reason = 'Must match pattern';
      break;
    case 'NOT_MATCHES':
      ok = !new RegExp(`^(?:${String(a)})$`).test(answer);
      reason = 'Must not match pattern';
      break;
    default:
      ok = true;
      reason = '';
  }
  return ok ? null : v.helpText || reason;
}

/** Forms objects need full authorisation. */
export abstract class FormsObject extends ServiceObject {
  override _requiredAuth(): AuthModeName {
    return 'FULL';
  }
}

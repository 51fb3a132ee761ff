/**
 * The partner lead form: its questions, and how a response's answers map onto
 * a lead registration. Question titles are the keys of the submit event's
 * `namedValues`, so the form builder and the response parser share this list.
 */
export type FormQuestionKey = 'partnerCode' | 'company' | 'website' | 'contactName' | 'contactEmail' | 'product' | 'estimatedValue' | 'notes';

export interface FormQuestion {
  key: FormQuestionKey;
  title: string;
  kind: 'text' | 'paragraph' | 'list';
  required: boolean;
  helpText: string;
  validation?: 'email' | 'money';
}

export const FORM_QUESTIONS: readonly FormQuestion[] = [
  { key: 'partnerCode', title: 'Partner code', kind: 'text', required: true, helpText: 'The code the partner team gave you.' },
  { key: 'company', title: 'Company', kind: 'text', required: true, helpText: 'The prospect company you are registering.' },
  { key: 'website', title: 'Company website', kind: 'text', required: false, helpText: 'For example acme.com. Used to detect registrations that collide.' },
  { key: 'contactName', title: 'Contact name', kind: 'text', required: false, helpText: '' },
  { key: 'contactEmail', title: 'Contact email', kind: 'text', required: true, helpText: "The prospect contact's work email.", validation: 'email' },
  { key: 'product', title: 'Product', kind: 'list', required: false, helpText: '' },
  { key: 'estimatedValue', title: 'Estimated deal value', kind: 'text', required: false, helpText: 'Numbers only, for example 12500.', validation: 'money' },
  { key: 'notes', title: 'Notes', kind: 'paragraph', required: false, helpText: 'Anything the partner team should know.' },
];

export type FormAnswers = Record<FormQuestionKey, string>;

/**
 * Reads a spreadsheet form-submit event's `namedValues` ({"Question": ["answer"]}).
 * Titles are matched with surrounding whitespace ignored (Sheets keeps a title's
 * trailing space in the header); several values of one question are joined.
 * Returns every question's answer ('' when absent) and whether anything was answered.
 */
export function readNamedValues(namedValues: unknown): { answers: FormAnswers; blank: boolean; raw: Record<string, string[]> } {
  const raw: Record<string, string[]> = {};
  if (namedValues && typeof namedValues === 'object') {
    for (const [key, value] of Object.entries(namedValues as Record<string, unknown>)) {
      const values = Array.isArray(value) ? value.map((v) => (v === null || v === undefined ? '' : String(v))) : [value === null || value === undefined ? '' : String(value)];
      raw[key.trim()] = values;
    }
  }
  const answers = {} as FormAnswers;
  for (const q of FORM_QUESTIONS) {
    answers[q.key] = (raw[q.title] ?? [])
      .map((v) => v.trim())
      .filter(Boolean)
      .join(', ');
  }
  const blank = FORM_QUESTIONS.every((q) => answers[q.key] === '');
  return { answers, blank, raw };
}

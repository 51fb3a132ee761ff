import { LEAD_REGISTRATION_RULES } from './input-rules';
import { FORM_QUESTIONS, FormAnswers, FormQuestionKey, readNamedValues } from './partner-form';
import { textRule } from './rules';

/**
 * The Form Inbox's pure side: a rejected response's answers read back from its row, the rules
 * a correction is checked with (the form's own registration rules, the partner named by code),
 * and the words that record what a person corrected.
 */

/** The correction form: the registration's rules (input-rules.ts) with the partner given by code, as on the form. */
export const INBOX_CORRECTION_RULES = {
  partnerCode: textRule('Partner code is required', [
    'clean',
    'trim',
    { min: 1, error: 'Partner code is required: the code of the partner this response is from.' },
    { max: 24, error: 'Partner code must be at most 24 characters' },
  ]),
  company: LEAD_REGISTRATION_RULES.company,
  website: LEAD_REGISTRATION_RULES.website,
  contactName: LEAD_REGISTRATION_RULES.contactName,
  contactEmail: LEAD_REGISTRATION_RULES.contactEmail,
  product: LEAD_REGISTRATION_RULES.product,
  estimatedValue: LEAD_REGISTRATION_RULES.estimatedValue,
  notes: LEAD_REGISTRATION_RULES.notes,
};

/** Said for a row written before every refusal carried a reason (or whose reasons were cleared by hand). */
export const NO_REASON_RECORDED =
  'No reason was recorded for this response (it was rejected before the tracker recorded reasons, or its Reasons cell was cleared). Check its answers, then re-process or dismiss it.';

/** The reasons cell as a list, never empty. */
export function inboxReasons(cell: string): string[] {
  const reasons = cell
    .split('\n')
    .map((r) => r.trim())
    .filter(Boolean);
  return reasons.length ? reasons : [NO_REASON_RECORDED];
}

/**
 * A row's answers from its Raw Answers cell (the submit event's namedValues as JSON). A cell
 * that is not readable JSON (cut at a cell's limit, typed over) gives what it can: the partner
 * code column, and a note saying why the rest is blank.
 */
export function inboxAnswers(rawJson: string, partnerCodeCell: string): { answers: FormAnswers; unreadable: string | null } {
  let parsed: unknown = null;
  let unreadable: string | null = null;
  if (rawJson.trim()) {
    try {
      parsed = JSON.parse(rawJson);
    } catch {
      unreadable = 'The raw answers could not be read (the cell is not the JSON the form wrote, perhaps cut or edited); fill in the fields from the form response row.';
    }
  } else unreadable = 'The raw answers cell is empty; fill in the fields from the form response row.';
  const { answers } = readNamedValues(parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {});
  if (!answers.partnerCode) answers.partnerCode = partnerCodeCell.trim();
  return { answers, unreadable };
}

/** The label of each answer, as the form asks it. */
export function answerLabel(key: FormQuestionKey): string {
  return FORM_QUESTIONS.find((q) => q.key === key)?.title ?? key;
}

/** What a person changed before re-processing: 'Partner code "ACM" → "ACME"; Company "" → "Initech".' or that nothing was. */
export function describeCorrections(before: FormAnswers, after: FormAnswers): string {
  const changes = FORM_QUESTIONS.filter((q) => (before[q.key] ?? '').trim() !== (after[q.key] ?? '').trim()).map(
    (q) => `${q.title} "${(before[q.key] ?? '').trim()}" → "${(after[q.key] ?? '').trim()}"`,
  );
  return changes.length ? `Corrected ${changes.join('; ')}.` : 'Re-processed as received (nothing corrected).';
}

/** A registration's problem field (the lead's) as the answer it came from: the partner is named by code on the form. */
export function answerFieldOf(field: string): string {
  return field === 'partnerId' ? 'partnerCode' : field;
}

import { auditedWrite } from '../audit/audit-intent';
import { FORM_QUESTIONS, FormAnswers, readNamedValues } from '../domain/partner-form';
import { Partner } from '../domain/partner';
import { registerLead } from '../leads/register';
import { Fate, Outgoing, claimMessages, retryQueuedMail } from '../mail/mailer';
import { runsAsOwner } from '../team/access';
import { prefetchMatchIndex } from '../leads/match-index';
import { textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { candidateRows } from '../tracker/lookup';
import { withDocumentLock } from '../tracker/lock';
import { parseSettings } from '../domain/settings';
import { reference } from '../tracker/reference';
import { TrackerTable } from '../tracker/table';
import { attributeResponse, respondentEmailOf } from '../domain/respondent';
import { confirmationMessage, refusalReply } from './messages';
import { OwedMail, namedValuesOfRow } from './owed-mail';

/**
 * The partner form's submit handler. Reads the documented event object
 * (namedValues: question title → [answers]) and maps the answers to a draft for
 * the one registration pipeline (leads/register.ts), which checks the partner
 * code and every field, with source "form". A response it refuses lands in the
 * Form Inbox with its raw answers and every reason. A repeated firing for the
 * same response row creates nothing new. The confirmation or refusal email is
 * claimed in the Mail Queue with the lead or inbox row, and goes out after the
 * critical section.
 */
export type IntakeOutcome = { kind: 'lead'; leadId: string; status: string } | { kind: 'inbox'; reasons: string[] } | { kind: 'duplicate'; of: string } | { kind: 'ignored'; why: string };

interface SubmitEvent {
  namedValues?: Record<string, string[]>;
  range?: GoogleAppsScript.Spreadsheet.Range;
}

const notTheOwners = (ctx: TrackerContext): IntakeOutcome => ({ kind: 'ignored', why: `this trigger runs as ${ctx.runsAs}, not as the tracker's owner` });

export function handlePartnerFormSubmit(ctx: TrackerContext, event: SubmitEvent): IntakeOutcome {
  let parsed = readNamedValues(event.namedValues);
  const sheet = event.range ? event.range.getSheet() : null;
  const row = event.range ? event.range.getRow() : 0;
  const responseKey = sheet ? `${sheet.getName()}!${row}` : '';
  if (parsed.blank && sheet) {
    // A blank duplicate firing: the response row itself holds the real answers.
    parsed = readNamedValues(namedValuesOfRow(sheet, row));
  }

  if (!FORM_QUESTIONS.some((q) => q.key === 'partnerCode' && Object.prototype.hasOwnProperty.call(parsed.raw, q.title))) {
    return { kind: 'ignored', why: 'not a response to the partner form (no "Partner code" question)' };
  }

  const mailOut: Outgoing[] = [];
  const critical = <T>(task: () => T): T => withDocumentLock(ctx.ss, task);
  let send: () => Map<string, Fate> = () => new Map();
  const result = withDocumentLock(ctx.ss, () => {
    // A form-submit trigger someone other than the tracker's owner installed does nothing: the owner's does the work.
    // (Checked on the state the section reads: no read of its own before the lock.)
    if (!runsAsOwner(ctx)) return notTheOwners(ctx);
    prefetchMatchIndex(ctx.ss);
    const rejected = responseKey ? inboxRowOf(ctx, responseKey) : null;
    if (rejected) return { kind: 'duplicate', of: rejected } as IntakeOutcome;
    const settings = parseSettings(reference(ctx.ss).settings()).settings;
    // Owed an email from the row's write until it is queued: a run that dies between the row and the email leaves this for
    // the next one. Noted with the row's write (after every read), so they go in one batch.
    const owed = new OwedMail(ctx.ss);
    const noteOwed = () => {
      if (responseKey) owed.add(responseKey);
    };
    // The Mail Queue's columns are checked before anything is written, for the same reason.
    TrackerTable.open(ctx.ss, 'mail').confirmColumns();
    const { answers } = parsed;
    // The respondent's Google account, when the form records it (Verify partner emails: Create partner form applies it).
    const respondent = respondentEmailOf(parsed.raw);
    if (settings.verifyPartnerEmails) {
      const attribution = attributeResponse(reference(ctx.ss).partners(), respondent, answers.partnerCode);
      if (attribution.kind === 'refused') {
        noteOwed();
        const outcome = toInbox(ctx, responseKey, answers, parsed.raw, [attribution.reason], undefined, respondent, settings.programmeName, mailOut);
        send = claimMessages(ctx, critical, mailOut);
        if (responseKey) owed.remove([responseKey]);
        return outcome;
      }
    }
    const registered = registerLead(
      ctx,
      {
        partner: { code: answers.partnerCode },
        fields: {
          typed: {
            company: answers.company,
            website: answers.website,
            contactName: answers.contactName,
            contactEmail: answers.contactEmail,
            product: answers.product,
            estimatedValue: answers.estimatedValue,
            notes: answers.notes,
          },
        },
      },
      { source: 'form', beforeWrite: noteOwed, registeredBy: settings.verifyPartnerEmails ? respondent : '', ...(responseKey ? { responseKey } : {}) },
    );

    let outcome: IntakeOutcome;
    if (registered.kind === 'duplicate') {
      outcome = { kind: 'duplicate', of: registered.lead.id };
    } else if (registered.kind === 'registered') {
      outcome = { kind: 'lead', leadId: registered.lead.id, status: registered.lead.status };
      mailOut.push(confirmationMessage(settings.programmeName, registered.partner, registered.lead, respondent));
    } else {
      noteOwed();
      outcome = toInbox(ctx, responseKey, answers, parsed.raw, Object.values(registered.problems), registered.partner, respondent, settings.programmeName, mailOut);
    }
    // The email is recorded with the change it tells of, and held by this run: if the run dies before it goes, a later run sends it.
    send = claimMessages(ctx, critical, mailOut);
    if (responseKey) owed.remove([responseKey]);
    return outcome;
  });
  send();
  retryQueuedMail(ctx, critical);
  return result;
}

/** The Form Inbox row a rejected response already made ("Form Inbox row 7"). */
function inboxRowOf(ctx: TrackerContext, responseKey: string): string | null {
  const inbox = TrackerTable.open(ctx.ss, 'inbox');
  const [row] = inbox.has('responseKey') ? candidateRows(inbox, 'responseKey', responseKey) : [];
  return row === undefined ? null : `${inbox.name} row ${row}`;
}

function toInbox(
  ctx: TrackerContext,
  responseKey: string,
  answers: FormAnswers,
  raw: Record<string, string[]>,
  reasons: string[],
  partner: Partner | undefined,
  respondent: string,
  programme: string,
  mailOut: Outgoing[],
): IntakeOutcome {
  const inbox = TrackerTable.open(ctx.ss, 'inbox');
  const audit = [
    {
      at: ctx.now,
      user: ctx.actor,
      source: ctx.source,
      tab: inbox.name,
      range: `row ${inbox.lastRow() + 1}`,
      recordId: responseKey,
      field: '(form response rejected)',
      oldValue: '',
      newValue: reasons.join(' '),
    },
  ];
  auditedWrite(ctx, audit, () =>
    inbox.append([
      {
        receivedAt: utcDateTimeCell(ctx.now),
        partnerCode: textCell(answers.partnerCode),
        reasons: textCell(reasons.join('\n')),
        // Over a cell's 50,000 characters it is cut; the response row keeps every answer whole.
        answers: textCell(JSON.stringify(raw), responseKey ? `the form's response row, ${responseKey}` : "the form's responses tab"),
        status: 'Rejected',
        leadId: '',
        ...(inbox.has('responseKey') ? { responseKey: textCell(responseKey) } : {}),
        ...(inbox.has('respondentEmail') && respondent ? { respondentEmail: textCell(respondent) } : {}),
      },
    ]),
  );
  const reply = refusalReply(programme, partner, respondent, answers.company, reasons, responseKey);
  if (reply) mailOut.push(reply);
  return { kind: 'inbox', reasons };
}

import { auditedWrite } from '../audit/audit-intent';
import { AuditEntry } from '../domain/audit-chain';
import { answerFieldOf, describeCorrections, inboxAnswers, inboxReasons } from '../domain/form-inbox';
import { InputError } from '../domain/input-error';
import { FormAnswers } from '../domain/partner-form';
import { registerLead } from '../leads/register';
import { requireRole } from '../team/access';
import { CellValue, readText, readUtcDateTime, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { findRows } from '../tracker/lookup';
import { withDocumentLock } from '../tracker/lock';
import { reference } from '../tracker/reference';
import { TabRecord } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';
import { DismissResult, InboxItemView, InboxList, InboxRef, ReprocessResult } from '../sidebar-api/contract';
import { OwedMail } from './owed-mail';

/**
 * The Form Inbox, handled from the sidebar: the responses waiting (status Rejected), a response
 * corrected and put through the form's own registration (the same partner lookup by code,
 * checks, matching, conflicts, protection and confirmation email), or dismissed with a reason.
 *
 * Re-processing is idempotent because the lead carries the response's key (its Form Response,
 * or for an older row without one a key made from its receipt time and row): a retry, a double
 * click or a run that died between the lead and the inbox row finds that lead and finishes the
 * row instead of registering again. The partner's confirmation is noted as owed with the lead's
 * write (owed-mail.ts), as a form run notes it, and the owner's next run queues and sends it: a
 * teammate's run may not send the tracker's mail, and the mail code would push this execution
 * past its 150 KB of code (tests/bundle/size.test.ts).
 */
type InboxRecord = TabRecord<'inbox', CellValue>;

interface Located {
  row: number;
  record: InboxRecord;
}

const WAITING = 'Rejected';

export function listInbox(ctx: TrackerContext): InboxList {
  requireRole(ctx, 'handleFormInbox');
  const inbox = TrackerTable.open(ctx.ss, 'inbox');
  const records = inbox.readRows(2, inbox.lastRow());
  const waiting = records.map((record, i) => ({ row: i + 2, record })).filter((r) => readText(r.record.status) === WAITING);
  // Leads interrupted re-processes made: their rows are finished by re-processing again.
  const made = new Map<string, string>();
  if (waiting.length) {
    const leads = TrackerTable.open(ctx.ss, 'leads');
    if (leads.has('responseKey')) {
      const columns = leads.readColumns(['id', 'responseKey'] as const);
      columns.responseKey.forEach((key, i) => {
        if (readText(key)) made.set(readText(key), readText(columns.id[i]));
      });
    }
  }
  const items = waiting.map(({ row, record }) => itemView(ctx, row, record, made));
  items.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.row - a.row);
  return { items, waiting: items.length, products: reference(ctx.ss).list('products') };
}

function itemView(ctx: TrackerContext, row: number, record: InboxRecord, made: ReadonlyMap<string, string>): InboxItemView {
  const { answers, unreadable } = inboxAnswers(readText(record.answers), readText(record.partnerCode));
  return {
    row,
    responseKey: readText(record.responseKey),
    receivedAt: receivedAtOf(ctx, record),
    partnerCode: readText(record.partnerCode),
    reasons: inboxReasons(readText(record.reasons)),
    answers,
    unreadable,
    lastAttempt: readText(record.decisionNote),
    madeLead: made.get(leadKeyOf(ctx, row, record)) ?? '',
    respondentEmail: readText(record.respondentEmail),
  };
}

function receivedAtOf(ctx: TrackerContext, record: InboxRecord): string {
  return readUtcDateTime(record.receivedAt, ctx.timeZone)?.toISOString() ?? '';
}

/** The key the re-processed lead carries: the form response's, or for an older row without one, one made from its receipt and row. */
function leadKeyOf(ctx: TrackerContext, row: number, record: InboxRecord): string {
  return readText(record.responseKey) || `inbox:${receivedAtOf(ctx, record) || 'unknown'}:${row}`;
}

/** The row the sidebar showed: at its row still, or found by its response key (rows above it were deleted). One or two reads. */
function locate(ctx: TrackerContext, inbox: TrackerTable<'inbox'>, ref: InboxRef): Located {
  const same = (record: InboxRecord) => {
    const key = readText(record.responseKey);
    if (ref.responseKey) return key === ref.responseKey;
    // An older row has no key until its re-process gives it one: its receipt time says it is the same row.
    return receivedAtOf(ctx, record) === ref.receivedAt && (key === '' || key.startsWith('inbox:'));
  };
  if (ref.row >= 2 && ref.row <= inbox.lastRow()) {
    const [record] = inbox.readRows(ref.row, ref.row);
    if (same(record)) return { row: ref.row, record };
  }
  if (ref.responseKey && inbox.has('responseKey')) {
    const [found] = findRows(inbox, 'responseKey', ref.responseKey);
    if (found) return { row: found.row, record: found.record as InboxRecord };
  }
  throw new InputError(`That response is no longer in row ${ref.row} of the ${inbox.name} tab (rows were moved or deleted). Refresh the inbox and try again.`);
}

/** A response that is not waiting cannot be handled again: why, in words. */
function notWaiting(record: InboxRecord): string {
  const status = readText(record.status);
  const by = readText(record.handledBy);
  const note = readText(record.decisionNote);
  const handled = `${by ? ` by ${by}` : ''}${note ? ` (${note})` : ''}`;
  if (status === 'Dismissed') return `This response was already dismissed${handled}. Set its Status back to Rejected in the Form Inbox tab to handle it again.`;
  if (status === 'Reprocessed') return `This response was already re-processed into ${readText(record.leadId) || 'a lead'}${handled}.`;
  return `This response's status is ${status || 'blank'}, not Rejected: only responses waiting in the inbox can be re-processed or dismissed.`;
}

export function reprocessInboxResponse(ctx: TrackerContext, ref: InboxRef, corrected: FormAnswers): ReprocessResult {
  return withDocumentLock(ctx.ss, (): ReprocessResult => {
    requireRole(ctx, 'handleFormInbox');
    const inbox = TrackerTable.open(ctx.ss, 'inbox');
    const { row, record } = locate(ctx, inbox, ref);
    const status = readText(record.status);
    // A double click or a retry whose first outcome was lost: the row says what came of it.
    if (status === 'Reprocessed' && readText(record.leadId)) {
      const leadId = readText(record.leadId);
      return { outcome: 'lead', leadId, status: '', conflict: null, note: readText(record.decisionNote), message: `Already re-processed into ${leadId}.` };
    }
    if (status !== WAITING) throw new InputError(notWaiting(record));
    const key = leadKeyOf(ctx, row, record);
    const before = inboxAnswers(readText(record.answers), readText(record.partnerCode)).answers;
    const owed = new OwedMail(ctx.ss);
    // Every read before the first write, as the form's intake does.
    inbox.confirmColumns();
    const registered = registerLead(
      ctx,
      {
        partner: { code: corrected.partnerCode },
        fields: {
          typed: {
            company: corrected.company,
            website: corrected.website,
            contactName: corrected.contactName,
            contactEmail: corrected.contactEmail,
            product: corrected.product,
            estimatedValue: corrected.estimatedValue,
            notes: corrected.notes,
          },
        },
      },
      // The respondent stays the respondent: Registered By is whoever the form verified, not whoever re-processed it.
      { source: 'form', responseKey: key, beforeWrite: () => owed.add(key), registeredBy: inbox.has('respondentEmail') ? readText(record.respondentEmail).toLowerCase() : '' },
    );
    const corrections = describeCorrections(before, corrected);
    const who = ctx.actor || 'someone Google did not name';

    if (registered.kind === 'refused') {
      const reasons = Object.values(registered.problems);
      const note = `${who} re-processed it: ${corrections} Still refused.`;
      writeInboxRow(ctx, inbox, row, record, key, { reasons: textCell(reasons.join('\n')), decisionNote: textCell(note) });
      const problems: Record<string, string> = {};
      for (const [field, message] of Object.entries(registered.problems)) problems[answerFieldOf(field)] = message;
      return { outcome: 'refused', reasons, problems, message: `Still refused: ${reasons.join(' ')}` };
    }

    const { lead, partner } = registered;
    const mail = partner && partner.contactEmail ? ` ${partner.name} is emailed the confirmation with the tracker's next hourly run.` : '';
    const note = registered.kind === 'duplicate' ? readText(record.decisionNote) || corrections : corrections;
    writeInboxRow(ctx, inbox, row, record, key, {
      status: 'Reprocessed',
      leadId: lead.id,
      handledBy: textCell(ctx.actor),
      handledAt: utcDateTimeCell(ctx.now),
      decisionNote: textCell(note),
      ...(readText(record.responseKey) ? {} : { responseKey: textCell(key) }),
    });
    // The partner hears of the lead as a form response's lead: one confirmation per lead, whoever re-processed it.
    const conflict = lead.status === 'Conflict' ? lead.statusReason : null;
    const made = registered.kind === 'duplicate' ? `The earlier re-process had made ${lead.id}; the inbox row now says so.` : `Registered ${lead.id} (${lead.status}).`;
    return { outcome: 'lead', leadId: lead.id, status: lead.status, conflict, note, message: `${made}${conflict ? ` ${conflict}` : ''}${mail}` };
  });
}

export function dismissInboxResponse(ctx: TrackerContext, ref: InboxRef, reason: string): DismissResult {
  return withDocumentLock(ctx.ss, (): DismissResult => {
    requireRole(ctx, 'handleFormInbox');
    const inbox = TrackerTable.open(ctx.ss, 'inbox');
    const { row, record } = locate(ctx, inbox, ref);
    const status = readText(record.status);
    if (status === 'Dismissed' && readText(record.decisionNote) === textCell(reason)) return { note: reason, message: 'Already dismissed.' };
    if (status !== WAITING) throw new InputError(notWaiting(record));
    inbox.confirmColumns();
    writeInboxRow(ctx, inbox, row, record, leadKeyOf(ctx, row, record), {
      status: 'Dismissed',
      handledBy: textCell(ctx.actor),
      handledAt: utcDateTimeCell(ctx.now),
      decisionNote: textCell(reason),
    });
    return { note: reason, message: `Dismissed the response from ${readText(record.partnerCode) || 'an unknown partner code'}.` };
  });
}

const HEADERS: Partial<Record<keyof InboxRecord, string>> = {
  status: 'Status',
  leadId: 'Lead ID',
  reasons: 'Reasons',
  handledBy: 'Handled By',
  handledAt: 'Handled At (UTC)',
  decisionNote: 'Decision Note',
  responseKey: 'Form Response',
};

/** Writes the changed cells of an inbox row, audited field by field (the handledAt stamp rides with the others). */
function writeInboxRow(ctx: TrackerContext, inbox: TrackerTable<'inbox'>, row: number, record: InboxRecord, key: string, values: Partial<InboxRecord>): void {
  const present = Object.fromEntries(Object.entries(values).filter(([field]) => inbox.has(field as keyof InboxRecord))) as Partial<InboxRecord>;
  const audit: AuditEntry[] = Object.entries(present)
    .filter(([field, value]) => field !== 'handledAt' && readText(record[field as keyof InboxRecord]) !== readText(value))
    .map(([field, value]) => ({
      at: ctx.now,
      user: ctx.actor,
      source: ctx.source,
      tab: inbox.name,
      range: `row ${row}`,
      recordId: key,
      field: HEADERS[field as keyof InboxRecord] ?? field,
      oldValue: readText(record[field as keyof InboxRecord]),
      newValue: readText(value),
    }));
  auditedWrite(ctx, audit, () => inbox.writeCells(row, present));
}

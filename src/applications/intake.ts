import { auditedWrite } from '../audit/audit-intent';
import { acceptedTermsVersion, applicationType, readApplicationValues } from '../domain/applications';
import { parseSettings } from '../domain/settings';
import { Fate, claimMessages, retryQueuedMail } from '../mail/mailer';
import { namedValuesOfRow } from '../partner-form/owed-mail';
import { runsAsOwner } from '../team/access';
import { CellValue, readText, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { withDocumentLock } from '../tracker/lock';
import { candidateRows } from '../tracker/lookup';
import { reference } from '../tracker/reference';
import { TabRecord } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';
import { OwedApplicationMail } from './application-mail';
import { receivedMessage } from './received-mail';

/**
 * A "Become a partner" response: one Applications row (status New, an A- ID), audited, and the
 * applicant's "received" email through the Mail Queue. The form run is the owner's (the one
 * form-submit trigger, partner-form/entry-points.ts, hands application responses here). A
 * repeated or blank firing for the same response row makes nothing new: the row carries the
 * response's key ("Form Responses 2!5"), and a blank event's answers are read from that row.
 * Every answer is written as text (formula injection); the verified email Google collected is
 * the Contact Email, whatever the applicant typed elsewhere.
 */
export type ApplicationIntakeOutcome = { kind: 'application'; applicationId: string } | { kind: 'duplicate'; of: string } | { kind: 'ignored'; why: string };

interface SubmitEvent {
  namedValues?: Record<string, string[]>;
  range?: GoogleAppsScript.Spreadsheet.Range;
}

export function handleApplicationSubmit(ctx: TrackerContext, event: SubmitEvent): ApplicationIntakeOutcome {
  const sheet = event.range ? event.range.getSheet() : null;
  const row = event.range ? event.range.getRow() : 0;
  const responseKey = sheet ? `${sheet.getName()}!${row}` : '';
  let parsed = readApplicationValues(event.namedValues);
  if (parsed.blank && sheet) parsed = readApplicationValues(namedValuesOfRow(sheet, row));
  if (parsed.blank) return { kind: 'ignored', why: 'a blank response' };

  const critical = <T>(task: () => T): T => withDocumentLock(ctx.ss, task);
  let send: () => Map<string, Fate> = () => new Map();
  const outcome = withDocumentLock(ctx.ss, (): ApplicationIntakeOutcome => {
    if (!runsAsOwner(ctx)) return { kind: 'ignored', why: `this trigger runs as ${ctx.runsAs}, not as the tracker's owner` };
    const table = TrackerTable.open(ctx.ss, 'applications');
    if (responseKey) {
      const [made] = candidateRows(table, 'responseKey', responseKey);
      if (made !== undefined) return { kind: 'duplicate', of: readText(table.readRows(made, made)[0].id) || `${table.name} row ${made}` };
    }
    const settings = parseSettings(reference(ctx.ss).settings()).settings;
    TrackerTable.open(ctx.ss, 'mail').confirmColumns();
    const ids = new IdAllocator('A-', table.rowCount() ? table.readColumns(['id'] as const).id : [], ctx.properties);
    const id = ids.take();
    const { answers, respondentEmail } = parsed;
    const record: Partial<TabRecord<'applications', CellValue>> = {
      id,
      receivedAt: utcDateTimeCell(ctx.now),
      company: textCell(answers.company),
      website: textCell(answers.website),
      contactName: textCell(answers.contactName),
      contactEmail: textCell(respondentEmail),
      type: applicationType(answers.type),
      region: textCell(answers.region),
      productFocus: textCell(answers.productFocus),
      about: textCell(answers.about),
      termsVersion: textCell(acceptedTermsVersion(answers.terms)),
      status: 'New',
      responseKey: textCell(responseKey),
    };
    // Owed before the row is written: a run that dies after the row still gets the applicant their email (application-mail.ts).
    const owed = new OwedApplicationMail(ctx.ss);
    owed.add('received', id);
    const at = table.lastRow() + 1;
    auditedWrite(
      ctx,
      [
        {
          at: ctx.now,
          user: ctx.actor,
          source: ctx.source,
          tab: table.name,
          range: `row ${at}`,
          recordId: id,
          field: '(new application)',
          oldValue: '',
          newValue: `${answers.company} from ${respondentEmail || 'an email Google did not collect'}`,
        },
      ],
      () => {
        table.append([record]);
        ids.commit();
      },
    );
    const message = receivedMessage(settings, record);
    send = claimMessages(ctx, critical, message ? [message] : []);
    owed.remove([`received:${id}`]);
    return { kind: 'application', applicationId: id };
  });
  send();
  if (outcome.kind !== 'ignored') retryQueuedMail(ctx, critical);
  return outcome;
}

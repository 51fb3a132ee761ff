import { readNamedValues } from '../domain/partner-form';
import { recordToLead } from '../leads/lead-store';
import { Outgoing, openMailer, queueMessages } from '../mail/mailer';
import { findPartnerByCode, readPartners } from '../partners/partner-store';
import { readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { readSettings } from '../tracker/settings-tab';
import { KeyStore } from '../tracker/state';
import { TrackerTable } from '../tracker/table';
import { attributeResponse } from '../domain/respondent';
import { confirmationMessage, refusalReply } from './messages';

/**
 * The partner's email a form response is owed. The intake writes the lead (or
 * Form Inbox row) and then queues its confirmation (or refusal) in the Mail
 * Queue: two writes, so a run can die between them, and Google never fires the
 * submit trigger again. The response is noted here first and the note taken
 * off once the email is queued, all inside one critical section; a note seen
 * under the lock is therefore a dead run's, and settleOwedMail queues what the
 * response produced, once (the Mail Queue's message ID), from the lead or inbox
 * row as written. A response that produced neither is left to the missed-
 * response reconciler, which puts it through the intake again.
 */
export const OWED_MAIL_KEY = 'partnershipTracker.formMailOwed';

export class OwedMail {
  private readonly store: KeyStore;

  constructor(ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {
    this.store = new KeyStore(ss);
  }

  list(): string[] {
    try {
      const parsed = JSON.parse(this.store.read(OWED_MAIL_KEY) || '[]') as unknown;
      return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
    } catch {
      return []; // unreadable: nothing can be recovered from it, and it must not block intake
    }
  }

  add(responseKey: string): void {
    const keys = this.list();
    if (!keys.includes(responseKey)) this.store.write(OWED_MAIL_KEY, JSON.stringify([...keys, responseKey]));
  }

  remove(responseKeys: readonly string[]): void {
    const keys = this.list();
    const left = keys.filter((k) => !responseKeys.includes(k));
    if (left.length !== keys.length) this.store.write(OWED_MAIL_KEY, left.length ? JSON.stringify(left) : '');
  }
}

/** Queues the emails dead form runs owed (see OwedMail); the number queued. One read when there are none. */
export function settleOwedMail(ctx: TrackerContext): number {
  const owed = new OwedMail(ctx.ss);
  if (owed.list().length === 0) return 0;
  return withDocumentLock(ctx.ss, () => {
    const keys = owed.list();
    if (keys.length === 0) return 0;
    const messages = keys.flatMap((key) => owedMessage(ctx, key) ?? []);
    const mailer = openMailer(ctx, (task) => task());
    const known = mailer.lookup(messages.map((m) => m.id));
    const missing = messages.filter((m) => known.get(m.id) === '');
    queueMessages(ctx, missing);
    owed.remove(keys);
    return missing.length;
  });
}

/** The email a response's lead or inbox row calls for, or null (no row yet, or no one to tell). */
function owedMessage(ctx: TrackerContext, responseKey: string): Outgoing | null {
  const settings = readSettings(ctx.ss).settings;
  const leads = TrackerTable.open(ctx.ss, 'leads');
  if (leads.has('responseKey')) {
    const at = leads.readColumns(['responseKey'] as const).responseKey.findIndex((v) => readText(v) === responseKey);
    if (at >= 0) {
      const lead = recordToLead(leads.readRows(at + 2, at + 2)[0], ctx.timeZone);
      const partner = readPartners(ctx.ss, ctx.timeZone).find((p) => p.id === lead.partnerId);
      return partner ? confirmationMessage(settings.programmeName, partner, lead, lead.registeredBy) : null;
    }
  }
  const inbox = TrackerTable.open(ctx.ss, 'inbox');
  if (!inbox.has('responseKey')) return null;
  const at = inbox.readColumns(['responseKey'] as const).responseKey.findIndex((v) => readText(v) === responseKey);
  if (at < 0) return null;
  const row = inbox.readRows(at + 2, at + 2)[0];
  const answers = responseAnswers(ctx, responseKey);
  const partners = readPartners(ctx.ss, ctx.timeZone);
  const respondent = inbox.has('respondentEmail') ? readText(row.respondentEmail).toLowerCase() : '';
  // A response refused before registration (not attributable to the respondent) is answered as the intake answered it.
  const unattributed = settings.verifyPartnerEmails && attributeResponse(partners, respondent, readText(row.partnerCode)).kind === 'refused';
  const partner = unattributed ? undefined : findPartnerByCode(partners, readText(row.partnerCode));
  const reasons = readText(row.reasons).split('\n').filter(Boolean);
  return refusalReply(settings.programmeName, partner, respondent, answers?.company ?? '', reasons, responseKey);
}

/** A response's answers from its row ("Form Responses 1!5"), or null when the row is gone. */
function responseAnswers(ctx: TrackerContext, responseKey: string): ReturnType<typeof readNamedValues>['answers'] | null {
  const bang = responseKey.lastIndexOf('!');
  const sheet = bang > 0 ? ctx.ss.getSheetByName(responseKey.slice(0, bang)) : null;
  const row = Number(responseKey.slice(bang + 1));
  if (!sheet || !(row >= 2) || row > sheet.getLastRow()) return null;
  return readNamedValues(namedValuesOfRow(sheet, row)).answers;
}

/** A response row as the submit event's namedValues (question title → [answer]). */
export function namedValuesOfRow(sheet: GoogleAppsScript.Spreadsheet.Sheet, row: number): Record<string, string[]> {
  const width = sheet.getLastColumn();
  const grid = sheet.getRange(1, 1, 1, width).getDisplayValues()[0];
  const values = sheet.getRange(row, 1, 1, width).getDisplayValues()[0];
  const named: Record<string, string[]> = {};
  grid.forEach((title, i) => (named[title] = [values[i]]));
  return named;
}

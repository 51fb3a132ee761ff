import { applicationReceived } from '../domain/emails/application-emails';
import { Settings } from '../domain/settings';
import { Outgoing, messageIds } from '../mail/mailer';
import { CellValue, readText } from '../tracker/cells';
import { TabRecord } from '../tracker/schema';

/** The applicant's "we received your application" (its own module: the form run loads no other applicant email). */
export function receivedMessage(settings: Settings, record: Partial<TabRecord<'applications', CellValue>>): Outgoing | null {
  const id = readText(record.id);
  const to = readText(record.contactEmail).toLowerCase();
  if (!id || !to) return null;
  const programme = settings.programmeName;
  const mail = applicationReceived({ programme, applicationId: id, contactName: readText(record.contactName) || 'there', company: readText(record.company) });
  return { ...mail, id: messageIds.applicationReceived(id), to: [to], purpose: `application received ${id}`, senderName: programme };
}

import { LeadArchiveFile } from '../domain/lead-archive';
import { ArchivedLead, archivedColumn, findArchivedLead } from './lead-archive-file';
import { LeadArchiveJournal } from './lead-archive-journal';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Archived leads, for the readers that look a lead up by its ID and do not find it on the Leads
 * tab. Nothing is read unless the tracker has archives: one metadata read, then a search per
 * year's file (newest first) only for an ID the archives can hold.
 */
export function findInLeadArchives(ss: Spreadsheet, leadId: string): { file: LeadArchiveFile; lead: ArchivedLead } | null {
  const record = new LeadArchiveJournal(ss).read();
  const n = Number(/^L-(\d+)$/.exec(leadId.trim())?.[1] ?? NaN);
  if (record.files.length === 0 || !(n <= record.highestId)) return null;
  for (const file of [...record.files].reverse()) {
    try {
      const lead = findArchivedLead(SpreadsheetApp.openById(file.fileId), leadId.trim());
      if (lead) return { file, lead };
    } catch {
      // A file that cannot be opened is reported by the reason below when nothing else holds the lead.
    }
  }
  return null;
}

/** Why a lead that is not on the Leads tab cannot be `what` (e.g. "moved"), naming the archive it is in; null when it is in none. */
export function archivedLeadReason(ss: Spreadsheet, leadId: string, what: string): string | null {
  const found = findInLeadArchives(ss, leadId);
  if (!found) return null;
  return `${leadId} was archived: it is in "${found.file.name}" (${found.file.url}), no longer on the Leads tab, so it cannot be ${what}. Archived leads are closed for good.`;
}

/** The form responses archived leads came from ("Form Responses 1!5"): a read per year's file, only when there are archives. */
export function archivedResponseKeys(ss: Spreadsheet): string[] {
  const files = new LeadArchiveJournal(ss).read().files;
  return files.flatMap((file) => archivedColumn(SpreadsheetApp.openById(file.fileId), 'responseKey').filter(Boolean));
}

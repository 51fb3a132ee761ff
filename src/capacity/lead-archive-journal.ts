import { LeadArchiveRecord, parseLeadArchiveRecord } from '../domain/lead-archive';
import { KeyStore } from '../tracker/state';

/**
 * The tracker's own record of the leads archives (domain/lead-archive.ts LeadArchiveRecord),
 * in the spreadsheet's developer metadata with PROJECT visibility beside the Audit Log's
 * (journal.ts): only the add-on reads or writes it. It names each year's file, the batch under
 * way (its phase says how far a run that died got), and the highest Lead ID ever archived.
 */
export const LEAD_ARCHIVES_KEY = 'partnershipTracker.leadArchives';
/** The spreadsheet-local date on which the daily run last found no lead left to archive (yyyy-MM-dd). */
export const LEAD_ARCHIVE_CHECK_KEY = 'partnershipTracker.leadArchiveCheckedOn';

export class LeadArchiveJournal {
  private readonly store: KeyStore;
  private cached: LeadArchiveRecord | null = null;

  constructor(ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {
    this.store = new KeyStore(ss);
  }

  read(): LeadArchiveRecord {
    if (this.cached === null) this.cached = parseLeadArchiveRecord(this.store.read(LEAD_ARCHIVES_KEY) ?? '');
    return JSON.parse(JSON.stringify(this.cached)) as LeadArchiveRecord;
  }

  save(record: LeadArchiveRecord): void {
    this.store.write(LEAD_ARCHIVES_KEY, JSON.stringify(record));
    this.cached = record;
  }

  checkedOn(): string {
    return this.store.read(LEAD_ARCHIVE_CHECK_KEY) ?? '';
  }

  markChecked(day: string): void {
    this.store.write(LEAD_ARCHIVE_CHECK_KEY, day);
  }
}

/** The highest Lead ID number ever archived (0 with none): what a new lead's ID must pass. One metadata read. */
export function highestArchivedLeadId(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): number {
  return new LeadArchiveJournal(ss).read().highestId;
}

import { ArchiveSegment, mergeFinished, parseSegments } from '../domain/capacity';
import { KeyStore } from '../tracker/state';

/**
 * The tracker's own list of Audit Log archives (domain/capacity.ts ArchiveSegment), kept in
 * the spreadsheet's developer metadata with PROJECT visibility beside the audit head: only the
 * add-on reads or writes it. Settings lists the archives for people, but Settings can be
 * edited, so Verify trusts this list and reports where Settings differs.
 */
export const ARCHIVES_KEY = 'partnershipTracker.auditArchives';
/** The spreadsheet-local date of the last daily capacity check (yyyy-MM-dd). */
export const CAPACITY_CHECK_KEY = 'partnershipTracker.capacityCheckedOn';

export class ArchiveJournal {
  private readonly store: KeyStore;
  private cached: ArchiveSegment[] | null = null;

  constructor(ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {
    this.store = new KeyStore(ss);
  }

  segments(): ArchiveSegment[] {
    if (this.cached === null) this.cached = parseSegments(this.store.read(ARCHIVES_KEY) ?? '');
    return this.cached.map((s) => ({ ...s }));
  }

  /** Adds or replaces the segment that starts at `segment.first`; finished neighbours in one file are kept as one. */
  save(segment: ArchiveSegment): void {
    const list = this.segments().filter((s) => s.first !== segment.first);
    list.push(segment);
    list.sort((a, b) => a.first - b.first);
    const merged = mergeFinished(list);
    this.store.write(ARCHIVES_KEY, JSON.stringify(merged));
    this.cached = merged;
  }

  checkedOn(): string {
    return this.store.read(CAPACITY_CHECK_KEY) ?? '';
  }

  markChecked(day: string): void {
    this.store.write(CAPACITY_CHECK_KEY, day);
  }
}

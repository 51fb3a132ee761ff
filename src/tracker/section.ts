import type { TrackerState } from './state';

/**
 * Which critical section (tracker/lock.ts) this execution is in, and the state it read: nothing
 * can change that state but this execution while the section is open, so what it holds (the audit
 * head, notes, pending work, counters, the flags' handles) is used instead of finding each entry
 * again. After the section, the state it ended with is the freshest this execution has (roles,
 * the owner, the record's entries) until something writes the record another way.
 */
interface OpenSection {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  ssId: string;
  state: TrackerState;
}
let section: OpenSection | null = null;

/** Counts the sections opened: what was read before one (document properties) is read again inside it. */
let generation = 0;
/** The state the last section of this execution ended with: after it, the freshest this execution has (roles, owner). */
let lastClosed: OpenSection | null = null;

export function openSection(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, state: TrackerState): void {
  section = { ss, ssId: ss.getId(), state };
  generation++;
}

export function closeSection(): void {
  lastClosed = section;
  section = null;
}

/** A write of the record through another copy than `kept` (null: any write outside a section) makes the last section's stale. */
export function forgetLastSectionUnless(kept: TrackerState | null): void {
  if (lastClosed && lastClosed.state !== kept) lastClosed = null;
}

/** A new execution (the emulator keeps one context per bundle; Apps Script starts clean). */
export function forgetSections(): void {
  section = null;
  lastClosed = null;
}

/** The state read by the critical section open now in this execution, whichever spreadsheet (there is one at a time), or null. */
export function currentSectionState(): TrackerState | null {
  return section?.state ?? null;
}

/** The state the last critical section of this execution ended with, or null. */
export function lastSectionState(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): TrackerState | null {
  if (!lastClosed) return null;
  return lastClosed.ss === ss || lastClosed.ssId === ss.getId() ? lastClosed.state : null;
}

export function sectionGeneration(): number {
  return generation;
}

export function sectionState(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): TrackerState | null {
  if (!section) return null;
  return section.ss === ss || section.ssId === ss.getId() ? section.state : null;
}

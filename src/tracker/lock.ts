import { DOCUMENT_FLAG_KEY, MAINTENANCE_FLAG_KEY, TrackerState, closeSection, openSection, raiseFlagAndRead } from './state';

/**
 * Writes that can race (ID allocation, appends, status changes) run inside a
 * short critical section per spreadsheet, never under the script lock: a
 * published add-on is one script project, so its script lock would make every
 * customer's every document wait for each other.
 *
 * Runs with a document (menu, sidebar, the edit and form triggers) hold
 * LockService's document lock. The owner's hourly run opens the spreadsheet by
 * ID and has no document lock (getDocumentLock() is null there), so the two
 * sides also exclude each other with two flags in the tracker's developer
 * metadata, Dekker-style: each side raises its own flag, then looks at the
 * other's; the document side backs off if both are up. A flag expires after an
 * execution's longest life, so a run that died leaves nothing stuck. Nothing
 * here touches another spreadsheet.
 *
 * Keep the task short: read and plan before, re-check and write inside, send
 * mail after. The section flushes before it ends so the next holder reads what
 * this one wrote.
 *
 * Cost: a flag is raised as a new metadata entry (a write needing no handle) and
 * the look at the other side's flag is a read of the whole tracker state (one
 * finder), which the task then uses (sectionState): the audit head, notes, pending
 * work and their handles, and where every tab and column is now. Taking the flag
 * down joins the task's last writes, and one flush commits them all: four
 * spreadsheet round trips in all (raise, read, the task's writes, flush).
 */
const WAIT_MS = 30000;
const POLL_MS = 500;
/** An execution lives at most 6 minutes: a flag older than that belongs to a dead run. */
const FLAG_LIFETIME_MS = 6 * 60 * 1000;

export const BUSY_MESSAGE = 'The tracker is busy with another change and did not free up within 30 seconds. Nothing was changed; please try again in a moment.';
const MAINTENANCE_BUSY = "The tracker's scheduled run is updating this spreadsheet right now. Nothing was changed; please try again in a minute.";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function flagId(): string {
  return `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
}

function until(): string {
  return new Date(Date.now() + FLAG_LIFETIME_MS).toISOString();
}

/** The critical section of a run that has a document (every run but the hourly one). */
export function withDocumentLock<T>(ss: Spreadsheet, task: (state: TrackerState) => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock) return withMaintenanceLock(ss, task);
  try {
    lock.waitLock(WAIT_MS);
  } catch {
    throw new Error(BUSY_MESSAGE);
  }
  try {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const id = flagId();
      const state = raiseFlagAndRead(ss, DOCUMENT_FLAG_KEY, { id, until: until() });
      if (!state.flagUp(MAINTENANCE_FLAG_KEY, new Date())) return inSection(ss, state, DOCUMENT_FLAG_KEY, id, task);
      // Both flags up: the hourly run goes first.
      state.lowerFlag(DOCUMENT_FLAG_KEY, id, new Date());
      if (Date.now() > deadline) throw new Error(MAINTENANCE_BUSY);
      Utilities.sleep(POLL_MS);
    }
  } finally {
    lock.releaseLock();
  }
}

/** The critical section of the owner's hourly run, which has no document lock. */
export function withMaintenanceLock<T>(ss: Spreadsheet, task: (state: TrackerState) => T): T {
  const id = flagId();
  let state = raiseFlagAndRead(ss, MAINTENANCE_FLAG_KEY, { id, until: until() });
  const deadline = Date.now() + WAIT_MS;
  while (state.flagUp(DOCUMENT_FLAG_KEY, new Date())) {
    if (Date.now() > deadline) {
      state.lowerFlag(MAINTENANCE_FLAG_KEY, id, new Date());
      SpreadsheetApp.flush();
      throw new Error(BUSY_MESSAGE);
    }
    Utilities.sleep(POLL_MS);
    state = TrackerState.read(ss);
  }
  return inSection(ss, state, MAINTENANCE_FLAG_KEY, id, task);
}

/** Runs the task with the section's state, then takes the flag down and flushes (its writes and the flag's in one commit). */
function inSection<T>(ss: Spreadsheet, state: TrackerState, flagKey: string, id: string, task: (state: TrackerState) => T): T {
  openSection(ss, state);
  try {
    return task(state);
  } finally {
    closeSection();
    state.lowerFlag(flagKey, id, new Date());
    SpreadsheetApp.flush();
  }
}

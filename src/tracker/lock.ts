import { DOCUMENT_FLAG_KEY, FlagStore, MAINTENANCE_FLAG_KEY } from './state';

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
 */
const WAIT_MS = 30000;
const POLL_MS = 500;
/** An execution lives at most 6 minutes: a flag older than that belongs to a dead run. */
const FLAG_LIFETIME_MS = 6 * 60 * 1000;

export const BUSY_MESSAGE = 'The tracker is busy with another change and did not free up within 30 seconds. Nothing was changed; please try again in a moment.';
const MAINTENANCE_BUSY = 'The tracker\'s scheduled run is updating this spreadsheet right now. Nothing was changed; please try again in a minute.';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function flagId(): string {
  return `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
}

function until(): string {
  return new Date(Date.now() + FLAG_LIFETIME_MS).toISOString();
}

/** The critical section of a run that has a document (every run but the hourly one). */
export function withDocumentLock<T>(ss: Spreadsheet, task: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock) return withMaintenanceLock(ss, task);
  try {
    lock.waitLock(WAIT_MS);
  } catch {
    throw new Error(BUSY_MESSAGE);
  }
  try {
    const deadline = Date.now() + WAIT_MS;
    const flags = new FlagStore(ss);
    for (;;) {
      flags.write(DOCUMENT_FLAG_KEY, { id: flagId(), until: until() });
      if (!flags.read(MAINTENANCE_FLAG_KEY, new Date())) break;
      // Both flags up: the hourly run goes first.
      flags.write(DOCUMENT_FLAG_KEY, null);
      if (Date.now() > deadline) throw new Error(MAINTENANCE_BUSY);
      Utilities.sleep(POLL_MS);
    }
    try {
      const result = task();
      SpreadsheetApp.flush();
      return result;
    } finally {
      flags.write(DOCUMENT_FLAG_KEY, null);
    }
  } finally {
    lock.releaseLock();
  }
}

/** The critical section of the owner's hourly run, which has no document lock. */
export function withMaintenanceLock<T>(ss: Spreadsheet, task: () => T): T {
  const flags = new FlagStore(ss);
  flags.write(MAINTENANCE_FLAG_KEY, { id: flagId(), until: until() });
  try {
    const deadline = Date.now() + WAIT_MS;
    while (flags.read(DOCUMENT_FLAG_KEY, new Date())) {
      if (Date.now() > deadline) throw new Error(BUSY_MESSAGE);
      Utilities.sleep(POLL_MS);
    }
    const result = task();
    SpreadsheetApp.flush();
    return result;
  } finally {
    flags.write(MAINTENANCE_FLAG_KEY, null);
  }
}

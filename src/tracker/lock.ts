/**
 * Writes that can race (ID allocation, appends) run under the script lock, and
 * flush before releasing it so the next holder reads what this one wrote.
 */
const LOCK_WAIT_MS = 30000;

export function withScriptLock<T>(task: () => T): T {
  const lock = LockService.getScriptLock();
  try {
    lock.waitLock(LOCK_WAIT_MS);
  } catch {
    throw new Error('The tracker is busy with another change and did not free up within 30 seconds. Please try again in a moment.');
  }
  try {
    const result = task();
    SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}

/** What Google said when a send failed, never blank (an exception can carry an empty message). */
export function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).trim() || 'Google gave no message';
}

/** A send Google refused for the day's quota (MailApp's "Service invoked too many times for one day: email"). */
export const QUOTA_MESSAGE = /too many times for one day|quota/i;

/** What Google said when a send failed, never blank (an exception can carry an empty message). */
export function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).trim() || 'Google gave no message';
}

/**
 * Record IDs (P-000001, L-000123): the next number after both the highest ID in
 * the tab and the highest ever issued (kept in document properties), so a
 * deleted last row never gives its ID to a new record. Call under the document lock.
 */
const PROPERTY_PREFIX = 'tracker.lastId.';

export function highestIdNumber(prefix: string, ids: readonly unknown[]): number {
  let max = 0;
  const pattern = new RegExp(`^${prefix.replace(/[-]/g, '\\-')}(\\d+)$`);
  for (const id of ids) {
    const m = pattern.exec(String(id).trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

export function formatId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(6, '0')}`;
}

export class IdAllocator {
  private next: number;

  constructor(private readonly prefix: string, existingIds: readonly unknown[], private readonly properties: GoogleAppsScript.Properties.Properties | null) {
    const issued = Number(properties?.getProperty(PROPERTY_PREFIX + prefix) ?? '0');
    this.next = Math.max(highestIdNumber(prefix, existingIds), Number.isFinite(issued) ? issued : 0) + 1;
  }

  take(): string {
    return formatId(this.prefix, this.next++);
  }

  /** Records the highest ID issued; call after the rows are written. */
  commit(): void {
    this.properties?.setProperty(PROPERTY_PREFIX + this.prefix, String(this.next - 1));
  }
}

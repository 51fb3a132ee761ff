/**
 * Counts every call a script makes into an emulated service, keyed "Type.method"
 * (e.g. "Range.getValues"). Tests and the benchmark read it to prove that an
 * operation's cost in round trips does not grow with the data.
 */
export class CallCounter {
  private readonly counts = new Map<string, number>();
  private readonly listeners: Array<(name: string, target: object | undefined) => void> = [];

  record(name: string, target?: object): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    for (const listener of this.listeners) listener(name, target);
  }

  /**
   * Called after each recorded call, uncounted (lock-hold instrumentation, fault sweeps).
   * `target` is the object called (pass it to `boundSheetName` for the sheet it acts on).
   */
  onRecord(listener: (name: string, target: object | undefined) => void): void {
    this.listeners.push(listener);
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** Sum of all calls, or of the calls whose name starts with `prefix` (e.g. "Range."). */
  total(prefix = ''): number {
    let sum = 0;
    for (const [name, n] of this.counts) if (name.startsWith(prefix)) sum += n;
    return sum;
  }

  /** Calls into the spreadsheet service: each one is a round trip in Google's servers. */
  spreadsheetCalls(): number {
    let sum = 0;
    for (const [name, n] of this.counts) if (SPREADSHEET_TYPES.has(name.split('.')[0])) sum += n;
    return sum;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Puts back counts taken with snapshot() (listeners stay as they are). */
  restore(counts: Record<string, number>): void {
    this.counts.clear();
    for (const [name, n] of Object.entries(counts)) this.counts.set(name, n);
  }

  reset(): void {
    this.counts.clear();
  }

  /** Runs `fn` and returns what it called, without disturbing the running totals. */
  measure<T>(fn: () => T): { result: T; calls: Record<string, number>; spreadsheetCalls: number } {
    const before = new Map(this.counts);
    const result = fn();
    const calls: Record<string, number> = {};
    let spreadsheetCalls = 0;
    for (const [name, n] of this.counts) {
      const delta = n - (before.get(name) ?? 0);
      if (delta === 0) continue;
      calls[name] = delta;
      if (SPREADSHEET_TYPES.has(name.split('.')[0])) spreadsheetCalls += delta;
    }
    return { result, calls, spreadsheetCalls };
  }
}

/** Whether a counted call ("Range.getValues") is a call into the spreadsheet service. */
export function isSpreadsheetCall(name: string): boolean {
  return isSpreadsheetType(name.slice(0, name.indexOf('.')));
}

/** Whether a counted type ("Range") belongs to the spreadsheet service. */
export function isSpreadsheetType(type: string): boolean {
  return SPREADSHEET_TYPES.has(type);
}

/** Embedded charts' builders and values (spreadsheet/charts.ts): spreadsheet-service objects answered locally. */
export const CHART_TYPES: readonly string[] = [
  'EmbeddedChart',
  'EmbeddedChartBuilder',
  'EmbeddedAreaChartBuilder',
  'EmbeddedBarChartBuilder',
  'EmbeddedColumnChartBuilder',
  'EmbeddedComboChartBuilder',
  'EmbeddedHistogramChartBuilder',
  'EmbeddedLineChartBuilder',
  'EmbeddedPieChartBuilder',
  'EmbeddedScatterChartBuilder',
  'EmbeddedTableChartBuilder',
  'ContainerInfo',
  'ChartOptions',
];

const SPREADSHEET_TYPES = new Set([
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'RangeList',
  'Protection',
  'DataValidation',
  'DataValidationBuilder',
  'NamedRange',
  'DeveloperMetadata',
  'DeveloperMetadataFinder',
  'DeveloperMetadataLocation',
  'TextFinder',
  ...CHART_TYPES,
]);

import { CHART_TYPES, isSpreadsheetType } from './calls';
import { AppsScriptException } from './errors';
import { Clock } from './clock';
import { Execution, ExecutionContext } from './execution';
import type { FaultInjector } from './faults';

/**
 * Virtual time: what service calls cost, and the hard limit on how long an execution runs.
 *
 * Apps Script ends an execution at 6 minutes, a custom function or a simple trigger at 30
 * seconds (developers.google.com/apps-script/guides/services/quotas; tanaike's benchmarks
 * restate it), with "Exceeded maximum execution time". The emulator measures an execution by
 * its virtual clock (`emu.clock`): the time from its start to now. The clock moves when a test
 * advances it, when the script sleeps or waits for a lock, and — with the latency model on —
 * by what each counted service call costs. Once an execution has run past its limit, its next
 * counted call throws that error and the execution is dead, as a fatal injected fault leaves
 * it (core/faults.ts): catching the error does not let it make another call, and the run fails
 * with it. (Google stops a script anywhere, even in a loop that calls nothing; the emulator
 * can only stop it at a service call.)
 *
 * The latency model (options.latency, OFF by default: existing tests pin the clock and expect
 * exact timestamps) advances the clock by each counted call's cost, so `Date.now()` and
 * `new Date()` in a loaded bundle see time pass and a script that checks its own elapsed time
 * against a budget can stop in time. Calls made outside any execution (a test reading the
 * sheet between runs) cost nothing.
 *
 * The default costs are ESTIMATES, not measurements. Ranges the sources support: a round trip
 * 20–200 ms (about 30 ms a flushed write; 175 ms for a first read that also opened the document);
 * a cell well under 0.1 ms (4,000 cells written in under 50 ms). Informed by:
 * - the facts file / Google's best-practices guide (developers.google.com/apps-script/guides/support/best-practices,
 *   "Use batch operations"): every call that reaches Google's servers is a round trip of tens
 *   to hundreds of ms, far more than the JavaScript around it; reads and writes in one call
 *   over a whole range are the fast way;
 * - Google's post "Optimizing Spreadsheet Operations" (googleappsscript.blogspot.com, 2010):
 *   look-ahead read caching and write caching, which is why handle and geometry calls
 *   (getRange, getRow, getSheetByName) cost next to nothing while reads and writes do;
 * - a published execution transcript where the first Range.getValues took 0.175 s and handle
 *   calls 0 s, and a Stack Overflow experiment ("What is faster: ScriptDb or SpreadsheetApp?")
 *   where one 4,000-cell setValues took under 50 ms (610 ms with flush) and 400 row writes each
 *   followed by a flush took about 12 s (about 30 ms a round trip);
 * - Kanshi Tanaike's benchmarks (gist.github.com/tanaikech/d102c9600ba12a162c667287d2f20fe4,
 *   "Benchmark: Reading and Writing Spreadsheet using Google Apps Script"; and his 10,000,000-cell
 *   report, gist.github.com/tanaikech/cc4380692790150cc090114553e38a0e): the cost of getValues /
 *   setValues grows with the number of cells; reading a sheet's metadata took about 0.3 s.
 *
 * Classification (classify()): every counted call is
 * - local: handles, geometry and builders (getRange, getSheetByName, getA1Notation, offset,
 *   newDataValidation and its builder, a finder's with…/match… settings, createTextFinder), and
 *   Logger, console, Utilities, Session, HtmlService, the …Service getters, and a DeveloperMetadata's
 *   getters (answered from what its finder returned: `metadataFromFinder`, a GUESS): no round trip, no cost;
 * - read (get…, is…, has…, find…, Sheet.getLastRow, a TextFinder search): a round trip of its own,
 *   which first commits the pending writes (the 2010 post: "Every time you do a read, we must first
 *   empty (commit) the write cache");
 * - write (set…, clear…, insert/delete rows and columns, appendRow, addDeveloperMetadata…): with
 *   `batchWrites` (default) consecutive writes are ONE round trip — the first opens the batch (40 ms
 *   + its cells), the others join it (`batchedWriteMs`, 5 ms, + their cells) — until a read, a flush or
 *   a sync write; without it every write is a round trip. That the cache holds any number of writes,
 *   and that calls to other services leave it alone, are GUESSES (not published);
 * - sync: SpreadsheetApp.flush and writes that must answer now (insertSheet, copy, copyTo, protect,
 *   TextFinder.replace…): a round trip that commits the pending writes;
 * - service: Properties, Cache, Lock, MailApp, Forms, Drive, trigger lists and builders' create,
 *   dialogs: a round trip each; pending spreadsheet writes stay pending.
 * Per execution (tallyOf) and in total (totals): calls, round trips, cells read (what reads return;
 * a TextFinder's searched cells are not), cells written, modelled ms — tallied whether or not the
 * clock is advanced.
 *
 * Defaults, in ms (× options.latency.scale): a spreadsheet read 25 + 0.01 a cell of the range;
 * a spreadsheet write 40 + 0.05 a cell (5 + 0.05 a cell when it joins an open batch); a TextFinder
 * search 25 + 0.002 a cell searched (a fifth of a read's per-cell cost: an ESTIMATE — no published
 * measurement found; Google searches server-side and returns only the matching ranges); flush 50; opening another spreadsheet 300, creating one
 * 1,000; handle, geometry and builder calls 0; Properties 30; Cache 15; Lock waits 30; MailApp.sendEmail
 * 500; FormApp.create 1,000, other Forms calls 100; TriggerBuilder.create 300, listing or
 * deleting triggers 100; Drive 200; UrlFetchApp.fetch and fetchAll 250 (an ESTIMATE), HTTPResponse getters 0; showing a dialog or sidebar 50; Logger, console, Utilities,
 * Session, HtmlService 0; anything else 20. `options.latency.costs` overrides them by counted
 * name ("Range.getValues") or by type ("MailApp"). Cell counts are the range's (Range calls;
 * one cell for the singular getters getValue, getFormula…; none for developer metadata on a row or
 * column), the row's (Sheet.appendRow) or the requested block's (Sheet.getSheetValues).
 */

export interface CallCost {
  baseMs: number;
  /** Added for each cell the call reads or writes. */
  perCellMs?: number;
}

export interface LatencyOptions {
  /** Whether counted calls advance the virtual clock. Default false. (Round trips, cells and modelled time are tallied either way.) */
  enabled: boolean;
  /** Multiplies every cost: 0.1 is ten times faster than the defaults, 2 twice as slow. Default 1. */
  scale: number;
  /** Costs by counted name ("Range.getValues") or by type ("MailApp"): a number of ms, or { baseMs, perCellMs }. */
  costs: Record<string, number | CallCost>;
  /**
   * Whether consecutive spreadsheet writes with no read, flush or answer-needing call between them
   * travel as one round trip (Google's write cache, "Optimizing Spreadsheet Operations", 2010: "Every
   * time you do a read, we must first empty (commit) the write cache"). How many writes Google's cache
   * holds, and whether other services' calls empty it, is not published: a GUESS, hence an option.
   * Default true. false: every write is a round trip of its own (as if each were followed by a flush).
   */
  batchWrites: boolean;
  /** What a write joining an open batch costs instead of a round trip (plus its cells). Default 5 ms, an ESTIMATE. */
  batchedWriteMs: number;
  /**
   * Whether a DeveloperMetadata's getters (getKey, getValue, getId, getVisibility, getLocation)
   * answer from what the finder's `find()` returned. The Sheets API hands back each entry whole
   * (developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata/search returns
   * DeveloperMetadata objects with their key, value and location), so the getters need no trip of
   * their own: a GUESS about Apps Script's wrapper (not published), hence an option. Default true.
   * false: each getter is a read round trip.
   */
  metadataFromFinder: boolean;
}

/** How the model treats a counted call. */
export type CallKind =
  /** Answered from what Apps Script already holds (handles, geometry, builders, Logger…): no round trip. */
  | 'local'
  /** A spreadsheet read: a round trip of its own, which first commits pending writes. */
  | 'read'
  /** A spreadsheet write: queued in the write cache (batchWrites), a round trip when it opens a batch. */
  | 'write'
  /** A spreadsheet write whose answer the script needs now (insertSheet, protect…), or flush: a round trip that commits pending writes. */
  | 'sync'
  /** A call to another Google service (Properties, Cache, Lock, Mail, Drive, Forms, triggers, dialogs): a round trip; pending spreadsheet writes stay pending. */
  | 'service';

/** What an execution (or several) cost in the model. */
export interface CostTally {
  /** Counted calls. */
  calls: number;
  /** Calls that reached Google's servers (a batch of writes counts once). */
  roundTrips: number;
  /** Cells read by spreadsheet reads (a range's cells; one for getValue-like getters). */
  cellsRead: number;
  /** Cells written by spreadsheet writes. */
  cellsWritten: number;
  /** The model's time for those calls, in ms (scaled), whether or not the clock was advanced. */
  modelledMs: number;
}

export const emptyTally = (): CostTally => ({ calls: 0, roundTrips: 0, cellsRead: 0, cellsWritten: 0, modelledMs: 0 });

/** How long an execution may run, by kind. Google's: 6 minutes; 30 seconds for custom functions and simple triggers. */
export interface ExecutionTimeLimits {
  standardMs: number;
  customFunctionMs: number;
  simpleTriggerMs: number;
}

export const DEFAULT_LATENCY: LatencyOptions = { enabled: false, scale: 1, costs: {}, batchWrites: true, batchedWriteMs: 5, metadataFromFinder: true };
export const DEFAULT_EXECUTION_TIME_LIMITS: ExecutionTimeLimits = { standardMs: 6 * 60 * 1000, customFunctionMs: 30 * 1000, simpleTriggerMs: 30 * 1000 };

/** What Apps Script reports when an execution runs out of time. */
export const EXCEEDED_MAXIMUM_EXECUTION_TIME = 'Exceeded maximum execution time';

/** Spreadsheet calls answered from the object Apps Script already holds (no round trip). */
const SPREADSHEET_LOCAL: Record<string, ReadonlySet<string>> = {
  SpreadsheetApp: new Set(['getActiveSpreadsheet', 'getActive', 'getActiveSheet', 'getUi', 'newDataValidation']),
  Spreadsheet: new Set([
    'getId',
    'getName',
    'getUrl',
    'getSheetByName',
    'getSheets',
    'getSheetById',
    'getActiveSheet',
    'getRange',
    'getNumSheets',
    'createDeveloperMetadataFinder',
    'createTextFinder',
  ]),
  Sheet: new Set(['getName', 'getSheetName', 'getSheetId', 'getIndex', 'getParent', 'getRange', 'getMaxRows', 'getMaxColumns', 'createDeveloperMetadataFinder', 'createTextFinder', 'newChart']),
  Range: new Set([
    'getRow',
    'getRowIndex',
    'getColumn',
    'getNumRows',
    'getNumColumns',
    'getLastRow',
    'getLastColumn',
    'getA1Notation',
    'getHeight',
    'getWidth',
    'getSheet',
    'getCell',
    'offset',
    'createDeveloperMetadataFinder',
    'createTextFinder',
  ]),
  DeveloperMetadataFinder: new Set(['withId', 'withKey', 'withValue', 'withVisibility', 'withLocationType', 'onIntersectingLocations']),
  DeveloperMetadataLocation: new Set(['getLocationType', 'getSheet', 'getColumn', 'getRow', 'getSpreadsheet']),
  TextFinder: new Set(['matchCase', 'matchEntireCell', 'matchFormulaText', 'useRegularExpression', 'ignoreDiacritics', 'startFrom', 'getCurrentMatch']),
};

const FREE_TYPES = new Set([
  'Logger',
  'console',
  'Utilities',
  'Session',
  'User',
  'Service',
  'Blob',
  'PromptResponse',
  'HtmlService',
  'HtmlOutput',
  'HtmlTemplate',
  'HtmlOutputMetaTag',
  'DataValidationBuilder',
  'DataValidation',
  'TextValidationBuilder',
  'TextValidation',
  'Trigger',
  'PropertiesService',
  'CacheService',
  'LockService',
]);
const FORM_TYPES = new Set(['Form', 'Item', 'TextItem', 'ParagraphTextItem', 'ListItem', 'MultipleChoiceItem', 'FormResponse', 'ItemResponse', 'Choice']);
const TRIGGER_BUILDERS = new Set(['TriggerBuilder', 'SpreadsheetTriggerBuilder', 'ClockTriggerBuilder', 'FormTriggerBuilder']);
const DRIVE_TYPES = new Set(['DriveApp', 'Folder', 'File', 'FileIterator']);

/** Spreadsheet writes that hand back something only Google's servers know (a new sheet, a protection): they cannot wait in the write cache. */
const SYNC_WRITES: Record<string, ReadonlySet<string>> = {
  SpreadsheetApp: new Set(['flush']),
  Spreadsheet: new Set(['insertSheet', 'duplicateActiveSheet', 'copy']),
  Sheet: new Set(['copyTo', 'protect']),
  Range: new Set(['protect']),
  TextFinder: new Set(['replaceAllWith', 'replaceWith']),
};

/** The default cost of a counted call ("Type.member"). */
export function defaultCost(type: string, member: string): CallCost {
  if (isSpreadsheetType(type)) return spreadsheetCost(type, member);
  if (FREE_TYPES.has(type)) return { baseMs: 0 };
  switch (type) {
    case 'Properties':
      return { baseMs: 30 };
    case 'Cache':
      return { baseMs: 15 };
    case 'Lock':
      return { baseMs: 30 };
    case 'MailApp':
      return { baseMs: member === 'sendEmail' ? 500 : 30 };
    case 'FormApp':
      if (member === 'create') return { baseMs: 1000 };
      if (member === 'openById' || member === 'openByUrl') return { baseMs: 300 };
      return { baseMs: 0 };
    case 'ScriptApp':
      return { baseMs: ['getProjectTriggers', 'getUserTriggers', 'deleteTrigger'].includes(member) ? 100 : 0 };
    case 'Ui':
      return { baseMs: /^(alert|prompt|show)/.test(member) ? 50 : 0 };
    case 'Menu':
      return { baseMs: member === 'addToUi' ? 50 : 0 };
    // A request through Google's fetch proxy to another server and back: an ESTIMATE (the far server's own time varies); fetchAll's run in parallel.
    case 'UrlFetchApp':
      return { baseMs: member === 'getRequest' ? 0 : 250 };
    case 'HTTPResponse':
      return { baseMs: 0 };
    default:
      if (FORM_TYPES.has(type)) return { baseMs: 100 };
      if (TRIGGER_BUILDERS.has(type)) return { baseMs: member === 'create' ? 300 : 0 };
      if (DRIVE_TYPES.has(type)) return { baseMs: 200 };
      return { baseMs: 20 };
  }
}

const READ: CallCost = { baseMs: 25, perCellMs: 0.01 };
const WRITE: CallCost = { baseMs: 40, perCellMs: 0.05 };
/** A TextFinder search: one round trip, a fifth of getValues' cost a cell searched (an ESTIMATE: Google searches server-side and returns only the matches). */
const SEARCH: CallCost = { baseMs: 25, perCellMs: 0.002 };

/**
 * Chart builders are local like validation builders; an EmbeddedChart from getCharts (a read) holds
 * its whole spec, as the Sheets API returns each chart whole, so its getters cost nothing more
 * (a GUESS about Apps Script's wrapper). insertChart, updateChart and removeChart are writes.
 */
const LOCAL_CHART_TYPES: ReadonlySet<string> = new Set(CHART_TYPES);

/** What a DeveloperMetadata answers from the finder's result (options.latency.metadataFromFinder). */
const METADATA_GETTERS: ReadonlySet<string> = new Set(['getKey', 'getValue', 'getId', 'getVisibility', 'getLocation']);

/** How the model treats a counted call ("Type.member"): see CallKind. */
export function classify(type: string, member: string, metadataFromFinder = DEFAULT_LATENCY.metadataFromFinder): CallKind {
  if (isSpreadsheetType(type)) {
    if (SPREADSHEET_LOCAL[type]?.has(member)) return 'local';
    if (type === 'DeveloperMetadata' && metadataFromFinder && METADATA_GETTERS.has(member)) return 'local';
    if (SYNC_WRITES[type]?.has(member)) return 'sync';
    // Opening or creating another spreadsheet: a call of its own, not one that commits this one's writes (the emulator's reading).
    if (type === 'SpreadsheetApp') return member === 'create' || member.startsWith('open') ? 'service' : 'read';
    if (type === 'DeveloperMetadataFinder') return member === 'find' ? 'read' : 'local';
    if (type === 'DataValidationBuilder' || type === 'DataValidation') return 'local';
    if (LOCAL_CHART_TYPES.has(type)) return 'local';
    return /^(get|is|has|find)/.test(member) ? 'read' : 'write';
  }
  return defaultCost(type, member).baseMs > 0 ? 'service' : 'local';
}

function spreadsheetCost(type: string, member: string): CallCost {
  if (SPREADSHEET_LOCAL[type]?.has(member)) return { baseMs: 0 };
  if (type === 'SpreadsheetApp') {
    if (member === 'flush') return { baseMs: 50 };
    if (member === 'openById' || member === 'openByUrl') return { baseMs: 300 };
    if (member === 'create') return { baseMs: 1000 };
    return { baseMs: 20 };
  }
  if (type === 'DeveloperMetadataFinder') return member === 'find' ? { baseMs: READ.baseMs } : { baseMs: 0 };
  // Validation rules are built locally and travel with the setDataValidation(s) that applies them.
  if (type === 'DataValidationBuilder' || type === 'DataValidation') return { baseMs: 0 };
  if (LOCAL_CHART_TYPES.has(type)) return { baseMs: 0 };
  if (type === 'TextFinder') return member.startsWith('find') ? SEARCH : member.startsWith('replace') ? { baseMs: WRITE.baseMs, perCellMs: SEARCH.perCellMs } : { baseMs: 0 };
  return /^(get|is|has|find)/.test(member) ? READ : WRITE;
}

/** How many cells a call reads or writes, read from its target and arguments (0 when it is not a cell operation). */
function cellsOf(type: string, member: string, target: object, args: unknown[]): number {
  // A search covers its scope's cells (every call: the emulator does not model where a findNext resumes).
  if (type === 'TextFinder') return (target as { _cellsInScope?: () => number })._cellsInScope?.() ?? 0;
  if (type === 'Range') {
    // Developer metadata sits on the row or column itself, not in its cells: one round trip, whatever the size.
    if (member.includes('DeveloperMetadata')) return 0;
    // getValue, getFormula, getNote…: the top-left cell only; getValues, setValue(s), clear…: every cell.
    if (member.startsWith('get') && !member.endsWith('s')) return 1;
    const rect = (target as { _rect?: { numRows: number; numColumns: number } })._rect;
    return rect ? rect.numRows * rect.numColumns : 0;
  }
  if (type === 'Sheet' && member === 'appendRow' && Array.isArray(args[0])) return args[0].length;
  if (type === 'Sheet' && member === 'getSheetValues') {
    const rows = Number(args[2]);
    const columns = Number(args[3]);
    return rows > 0 && columns > 0 ? rows * columns : 0;
  }
  return 0;
}

/**
 * Charges each counted call to the running execution: first ends an execution that has run
 * past its limit, then (latency on) advances the clock by the call's cost.
 */
export class ExecutionTiming {
  constructor(
    private readonly options: () => { latency: LatencyOptions; executionTimeLimits: ExecutionTimeLimits },
    private readonly clock: Clock,
    private readonly executions: ExecutionContext,
    private readonly faults: FaultInjector | undefined,
  ) {}

  /** The limit of an execution, by its kind. */
  limitOf(execution: Execution): number {
    const limits = this.options().executionTimeLimits;
    if (execution.timeLimit === 'custom-function') return limits.customFunctionMs;
    if (execution.timeLimit === 'simple-trigger') return limits.simpleTriggerMs;
    return limits.standardMs;
  }

  /** Virtual milliseconds the execution has run. */
  elapsedMs(execution: Execution): number {
    return this.clock.nowMs() - execution.startedAt.getTime();
  }

  /** The cost of one call in ms, before scaling (overrides by name, then by type, then the defaults); `joinsBatch`: a write joining an open batch. */
  costOf(name: string, target: object, args: unknown[], joinsBatch = false): number {
    const { type, member } = split(name);
    const latency = this.options().latency;
    const override = latency.costs[name] ?? latency.costs[type];
    const local = classify(type, member, latency.metadataFromFinder) === 'local';
    const cost: CallCost = override === undefined ? (local ? { baseMs: 0 } : defaultCost(type, member)) : typeof override === 'number' ? { baseMs: override } : override;
    const perCell = cost.perCellMs ?? 0;
    const base = joinsBatch ? (latency.batchedWriteMs ?? DEFAULT_LATENCY.batchedWriteMs) : cost.baseMs;
    return base + (perCell === 0 ? 0 : perCell * cellsOf(type, member, target, args));
  }

  /** Every execution's calls so far, summed (monotonic; the bench takes differences). Calls outside executions are not in it. */
  readonly totals: CostTally = emptyTally();
  private readonly tallies = new Map<number, CostTally & { pendingWrites: boolean }>();

  /** What one execution has cost so far (or cost, for the last 1,000 that ended). */
  tallyOf(executionId: number): CostTally {
    const t = this.tallies.get(executionId);
    if (!t) return emptyTally();
    const { pendingWrites: _p, ...tally } = t;
    return tally;
  }

  /** Whether an execution has writes in Google's write cache (sent with its next read or flush, or when it ends). */
  hasPendingWrites(executionId: number): boolean {
    return this.tallies.get(executionId)?.pendingWrites ?? false;
  }

  /** Called by the facade for each counted call, before the call runs. */
  charge(name: string, target: object, args: unknown[]): void {
    const execution = this.executions.current();
    // Code a test calls directly is no execution: no limit, no cost.
    if (execution.id === 0) return;
    if (this.elapsedMs(execution) > this.limitOf(execution)) this.kill();
    const { latency } = this.options();
    const { type, member } = split(name);
    const kind = classify(type, member, latency.metadataFromFinder ?? DEFAULT_LATENCY.metadataFromFinder);
    const tally = this.tallyFor(execution.id);
    const batching = latency.batchWrites ?? DEFAULT_LATENCY.batchWrites;
    let trips = 0;
    let joinsBatch = false;
    switch (kind) {
      case 'local':
        break;
      case 'write':
        joinsBatch = batching && tally.pendingWrites;
        if (!joinsBatch) trips = 1;
        tally.pendingWrites = batching;
        break;
      case 'read':
      case 'sync':
        // The pending batch was counted when it opened; committing it is part of that trip.
        tally.pendingWrites = false;
        trips = 1;
        break;
      case 'service':
        trips = 1;
        break;
    }
    // A TextFinder's cells are searched on Google's side, not handed to the script: its cost, not cells read.
    const cells = (kind === 'read' && type !== 'TextFinder') || kind === 'write' ? cellsOf(type, member, target, args) : 0;
    const ms = this.costOf(name, target, args, joinsBatch) * (latency.scale ?? 1);
    for (const t of [tally, this.totals]) {
      t.calls++;
      t.roundTrips += trips;
      if (kind === 'read') t.cellsRead += cells;
      if (kind === 'write') t.cellsWritten += cells;
      t.modelledMs += ms;
    }
    if (!latency.enabled) return;
    const rounded = Math.round(ms);
    if (rounded > 0) this.clock.advance(rounded);
  }

  private tallyFor(id: number): CostTally & { pendingWrites: boolean } {
    let t = this.tallies.get(id);
    if (!t) {
      t = { ...emptyTally(), pendingWrites: false };
      this.tallies.set(id, t);
      if (this.tallies.size > 1000) this.tallies.delete(this.tallies.keys().next().value as number);
    }
    return t;
  }

  private kill(): never {
    if (this.faults) this.faults.killCurrent(EXCEEDED_MAXIMUM_EXECUTION_TIME);
    throw new AppsScriptException(EXCEEDED_MAXIMUM_EXECUTION_TIME);
  }
}

function split(name: string): { type: string; member: string } {
  const dot = name.indexOf('.');
  return { type: name.slice(0, dot), member: name.slice(dot + 1) };
}

/**
 * A hand-built EmulatorContext for the services' conformance tests: a pinned
 * clock, a fake script host (functions registered by the test) and a fake
 * SpreadsheetInternals that keeps sheets as arrays and records every call.
 */
import { CallCounter } from '../../../emulator/core/calls';
import { SharingLog } from '../../../emulator/spreadsheet/sharing';
import { Clock } from '../../../emulator/core/clock';
import { EmulatorContext, EmulatorOverrides, ScriptHost, SpreadsheetInternals, defaultOptions } from '../../../emulator/core/context';
import { AuthModeName, ExecutionContext, ExecutionSpec } from '../../../emulator/core/execution';
import { PeopleRegistry } from '../../../emulator/core/people';
import { zonedParts } from '../../../emulator/core/timezone';
import { createServices, Services } from '../../../emulator/services';

export interface FakeRange {
  fake: 'range';
  spreadsheetId: string;
  sheetName: string;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export class FakeSpreadsheets implements SpreadsheetInternals {
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  /** spreadsheetId -> sheet name -> rows (sheet order = insertion order; responses sheets are put first). */
  readonly books = new Map<string, Map<string, unknown[][]>>();
  /** spreadsheetId -> sheet id -> current sheet name (as Sheets, a sheet keeps its id through renames). */
  private readonly ids = new Map<string, Map<number, string>>();
  private nextSheetId = 1;

  constructor(
    private readonly active: string,
    private readonly timeZone: () => string,
  ) {
    this.books.set(active, new Map([['Sheet1', []]]));
  }

  spreadsheetIds(): string[] {
    return [...this.books.keys()];
  }

  shareable(): null {
    return null;
  }

  sharingLog(): SharingLog {
    return this.log;
  }
  private readonly log = new SharingLog();

  addBook(id: string): void {
    this.books.set(id, new Map([['Sheet1', []]]));
  }

  private sheet(spreadsheetId: string, sheetName: string): unknown[][] {
    const s = this.books.get(spreadsheetId)?.get(sheetName);
    if (!s) throw new Error(`fake: no sheet ${sheetName} in ${spreadsheetId}`);
    return s;
  }

  rows(spreadsheetId: string, sheetName: string): unknown[][] {
    return this.sheet(spreadsheetId, sheetName);
  }

  exists(spreadsheetId: string): boolean {
    this.calls.push({ method: 'exists', args: [spreadsheetId] });
    return this.books.has(spreadsheetId);
  }

  /** Fake books are none a script created: Drive does not reach them. */
  driveInfo(spreadsheetId: string): { name: string; owner: string; createdByScript: boolean } | null {
    return this.books.has(spreadsheetId) ? { name: spreadsheetId, owner: '', createdByScript: false } : null;
  }

  activeSpreadsheetId(): string {
    return this.active;
  }

  /** A person renames a tab (rows stay, the id stays). */
  renameSheet(spreadsheetId: string, from: string, to: string): void {
    const book = this.books.get(spreadsheetId)!;
    const entries = [...book.entries()].map(([k, v]): [string, unknown[][]] => [k === from ? to : k, v]);
    book.clear();
    for (const [k, v] of entries) book.set(k, v);
    const ids = this.ids.get(spreadsheetId);
    for (const [id, name] of ids ?? []) if (name === from) ids?.set(id, to);
  }

  /** A person deletes a tab. */
  deleteSheet(spreadsheetId: string, name: string): void {
    this.books.get(spreadsheetId)!.delete(name);
    const ids = this.ids.get(spreadsheetId);
    for (const [id, n] of ids ?? []) if (n === name) ids?.delete(id);
  }

  sheetNameById(spreadsheetId: string, sheetId: number): string | null {
    return this.ids.get(spreadsheetId)?.get(sheetId) ?? null;
  }

  sheetIdByName(spreadsheetId: string, sheetName: string): number | null {
    for (const [id, name] of this.ids.get(spreadsheetId) ?? []) if (name === sheetName) return id;
    return this.books.get(spreadsheetId)?.has(sheetName) ? 0 : null;
  }

  addFormResponsesSheet(spreadsheetId: string, headers: string[]): { name: string; sheetId: number } {
    this.calls.push({ method: 'addFormResponsesSheet', args: [spreadsheetId, headers] });
    const book = this.books.get(spreadsheetId)!;
    let n = 1;
    while (book.has(`Form Responses ${n}`)) n++;
    const name = `Form Responses ${n}`;
    const entries = [...book.entries()];
    book.clear();
    book.set(name, [headers.slice()]);
    for (const [k, v] of entries) book.set(k, v);
    const sheetId = this.nextSheetId++;
    if (!this.ids.has(spreadsheetId)) this.ids.set(spreadsheetId, new Map());
    this.ids.get(spreadsheetId)?.set(sheetId, name);
    return { name, sheetId };
  }

  ensureHeaders(spreadsheetId: string, sheetName: string, headers: string[]): string[] {
    this.calls.push({ method: 'ensureHeaders', args: [spreadsheetId, sheetName, headers] });
    const rows = this.sheet(spreadsheetId, sheetName);
    if (!rows.length) rows.push([]);
    const row = rows[0] as string[];
    for (const h of headers) if (!row.includes(h)) row.push(h);
    return row.slice();
  }

  appendRow(spreadsheetId: string, sheetName: string, values: unknown[]): { row: number; displayValues: string[] } {
    this.calls.push({ method: 'appendRow', args: [spreadsheetId, sheetName, values] });
    const rows = this.sheet(spreadsheetId, sheetName);
    rows.push(values.slice());
    return { row: rows.length, displayValues: values.map((v) => this.display(v)) };
  }

  /** Sheets shows a form timestamp as M/d/yyyy H:mm:ss in the spreadsheet's zone. */
  display(v: unknown): string {
    if (v instanceof Date) {
      const p = zonedParts(v, this.timeZone());
      return `${p.month}/${p.day}/${p.year} ${p.hour}:${String(p.minute).padStart(2, '0')}:${String(p.second).padStart(2, '0')}`;
    }
    return v === null || v === undefined ? '' : String(v);
  }

  spreadsheetFacade(spreadsheetId: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return { fake: 'spreadsheet', getId: () => spreadsheetId } as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  }

  rangeFacade(spreadsheetId: string, sheetName: string, row: number, column: number, numRows = 1, numColumns = 1): GoogleAppsScript.Spreadsheet.Range {
    const r: FakeRange = { fake: 'range', spreadsheetId, sheetName, row, column, numRows, numColumns };
    return r as unknown as GoogleAppsScript.Spreadsheet.Range;
  }

  rangeFacadeBySheetId(spreadsheetId: string, sheetId: number, rect: { row: number; column: number; numRows: number; numColumns: number }): GoogleAppsScript.Spreadsheet.Range {
    return this.rangeFacade(spreadsheetId, this.sheetNameById(spreadsheetId, sheetId) ?? `sheet#${sheetId}`, rect.row, rect.column, rect.numRows, rect.numColumns);
  }
}

export class FakeScript implements ScriptHost {
  readonly functions = new Map<string, (...args: never[]) => unknown>();
  readonly invocations: Array<{ name: string; args: unknown[] } & ExecutionSpec> = [];

  constructor(private readonly executions: () => ExecutionContext) {}

  define<A extends unknown[]>(name: string, fn: (...args: A) => unknown): void {
    this.functions.set(name, fn as unknown as (...args: never[]) => unknown);
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  invoke(name: string, args: unknown[], execution: ExecutionSpec): unknown {
    this.invocations.push({ name, args, ...execution });
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`Script function not found: ${name}`);
    return this.executions().run(execution, () => (fn as (...a: unknown[]) => unknown)(...args));
  }
}

export interface TestWorld {
  ctx: EmulatorContext;
  services: Services;
  g: Services['globals'];
  sheets: FakeSpreadsheets;
  script: FakeScript;
  clock: Clock;
  /** Runs `body` as a new execution (default: FULL, the owner). */
  run<T>(body: () => T, options?: { authMode?: AuthModeName; user?: string; origin?: string }): T;
}

export const ACTIVE_SPREADSHEET = 'ss-active';

export function makeWorld(overrides: EmulatorOverrides = {}, now = '2024-03-15T12:00:00.000Z'): TestWorld {
  const options = defaultOptions({ ownerEmail: 'owner@example.com', ...overrides });
  const clock = new Clock();
  clock.set(now);
  const calls = new CallCounter();
  const executions = new ExecutionContext(options.ownerEmail, () => clock.now());
  const sheets = new FakeSpreadsheets(ACTIVE_SPREADSHEET, () => options.spreadsheetTimeZone);
  const script = new FakeScript(() => executions);
  const people = new PeopleRegistry(() => options);
  const ctx: EmulatorContext = { options, clock, calls, executions, script, spreadsheets: sheets, people, formUrlOfSheet: () => null };
  const services = createServices(ctx);
  return {
    ctx,
    services,
    g: services.globals,
    sheets,
    script,
    clock,
    run: (body, o = {}) => executions.run({ authMode: o.authMode ?? 'FULL', user: o.user, origin: o.origin ?? 'test' }, body),
  };
}

/** Form.setPublished/isPublished exist in Apps Script but not in @types/google-apps-script. */
export type PublishableForm = GoogleAppsScript.Forms.Form & {
  setPublished(enabled: boolean): PublishableForm;
  isPublished(): boolean;
};

/** Publishes a new form (forms start unpublished) and returns it. */
export function published(form: GoogleAppsScript.Forms.Form): GoogleAppsScript.Forms.Form {
  return (form as PublishableForm).setPublished(true);
}

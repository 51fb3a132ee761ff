import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import * as vm from 'node:vm';
import { seededRandom } from './core/seeded-random';
import { CallCounter } from './core/calls';
import { ConcurrentCall, ConcurrentOptions, ConcurrentResult, runConcurrently } from './concurrency';
import { Clock } from './core/clock';
import { EmulatorContext, EmulatorOverrides, ScriptHost, defaultOptions, documentOf, mergeOverrides } from './core/context';
import { PeopleRegistry } from './core/people';
import { AuthModeName, ExecutionContext } from './core/execution';
import { FaultInjector } from './core/faults';
import { ExecutionTiming } from './core/latency';
import { EmulatorSnapshot, applySnapshot, takeSnapshot } from './core/snapshot';
import { EditOutcome, editAsUser } from './edit-events';
import { CHANGE_TYPE_OF, StructuralChange, applyStructuralChange } from './structure-events';
import { BundleScriptHost, InProcessScriptHost, createBundleContext, errorAdapterFor } from './script-host';
import { FormSubmitResult, LockTable, Services, SubmitOptions, TriggerRecord, TriggerRun, createServices } from './services';
import { spreadsheetFromJson, spreadsheetToJson, spreadsheetToJsonText } from './spreadsheet/serialize';
import { SpreadsheetAppImpl, spreadsheetInternals } from './spreadsheet/spreadsheet-app';
import { SpreadsheetStore } from './spreadsheet/store';
import { ChartsImpl } from './spreadsheet/charts';
import { SpreadsheetModel } from './spreadsheet/model';
import { RangeImpl } from './spreadsheet/range';
import { userFacade } from './spreadsheet/user';
import { AuthMode } from './services/enums';
import { ChangeType, SavedWorkspace, StructureOutcome, WorkbookSheetView } from './emulator-types';

/**
 * One emulated Apps Script project (an add-on) and the spreadsheets it runs in —
 * the active one unless a call names another: the services a script sees (as
 * facades), the uncounted machinery tests and the local workspace use to play
 * Google (fire triggers, edit as a person, submit a form), the people, a call
 * counter, a virtual clock, and save/load to one JSON file.
 */
export class Emulator {
  readonly ctx: EmulatorContext;
  readonly calls: CallCounter;
  readonly clock: Clock;
  readonly executions: ExecutionContext;
  readonly store: SpreadsheetStore;
  readonly services: Services;
  readonly spreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  /** The `Charts` global (its enums; spreadsheet/charts.ts). */
  readonly charts: GoogleAppsScript.Charts.Charts;
  /** Make chosen service calls fail (crash-recovery tests): failOn({ call, sheetName?, after?, times?, message?, fatal?, direct? }), pending(), fired(), clear() (core/faults.ts). */
  readonly faults: FaultInjector;
  /**
   * The run-time limit and the latency model (core/latency.ts): `totals` (calls, round trips, cells read
   * and written, modelled ms, summed over every execution so far), `tallyOf(executionId)`, `classify`.
   */
  readonly timing: ExecutionTiming;
  /**
   * People and their kind ('consumer' | 'workspace' | 'anonymous'): add({ email?, kind, name? }),
   * get(email), list(). What Google reveals of them to scripts: core/people.ts.
   */
  readonly people: PeopleRegistry;
  private bundle: BundleScriptHost | null = null;
  private bundleCode: string | null = null;

  constructor(options: EmulatorOverrides = {}, spreadsheetName = 'Partner Programme') {
    const resolved = defaultOptions(options);
    const clock = new Clock();
    const calls = new CallCounter();
    const executions = new ExecutionContext(resolved.ownerEmail, () => clock.now());
    const people = new PeopleRegistry(() => resolved);
    this.people = people;
    // The context is filled in two steps: services need it, and it needs the spreadsheet internals.
    const ctx = { options: resolved, clock, calls, executions, people, script: null as ScriptHost | null, formUrlOfSheet: (): string | null => null } as unknown as EmulatorContext;
    this.ctx = ctx;
    this.calls = calls;
    this.clock = clock;
    this.executions = executions;
    this.store = new SpreadsheetStore(ctx);
    this.faults = new FaultInjector(executions, () => documentOf(ctx));
    (ctx as { faults?: FaultInjector }).faults = this.faults;
    this.timing = new ExecutionTiming(() => ctx.options, clock, executions, this.faults);
    (ctx as { timing?: ExecutionTiming }).timing = this.timing;
    let services: Services | null = null;
    const hooks = {
      ui: () => (services as Services).uiFactory(),
      toast: (t: { message: string; title: string; timeoutSeconds: number }) => (services as Services).ui.recordToast(t.message, t.title, t.timeoutSeconds),
    };
    (ctx as { spreadsheets: EmulatorContext['spreadsheets'] }).spreadsheets = spreadsheetInternals(this.store, hooks);
    services = createServices(ctx);
    this.services = services;
    this.spreadsheetApp = new SpreadsheetAppImpl(this.store, hooks)._api();
    this.charts = new ChartsImpl(ctx)._api();
    services.setTemplateGlobals(() => ({ SpreadsheetApp: this.spreadsheetApp }));
    this.store.activeId = this.store.create(spreadsheetName).id;
  }

  // ---- the script ------------------------------------------------------------------
  /** Every Apps Script global the emulator provides, as a script sees them. */
  globals(): Record<string, unknown> {
    return { SpreadsheetApp: this.spreadsheetApp, Charts: this.charts, ...this.services.globals };
  }

  /** Puts the globals on `target` (default: this Node realm) for code imported directly; returns an undo. */
  installGlobals(target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): () => void {
    const globals = this.globals();
    const previous = new Map<string, PropertyDescriptor | undefined>();
    for (const [name, value] of Object.entries(globals)) {
      previous.set(name, Object.getOwnPropertyDescriptor(target, name));
      Object.defineProperty(target, name, { value, configurable: true, writable: true, enumerable: false });
    }
    return () => {
      for (const [name, descriptor] of previous) {
        if (descriptor) Object.defineProperty(target, name, descriptor);
        else delete target[name];
      }
    };
  }

  /** Loads a built Code.js (source text or a path ending in .js) into a bare V8 context and binds triggers to it. */
  loadBundle(codeOrPath: string): BundleScriptHost {
    const code = codeOrPath.endsWith('.js') && !codeOrPath.includes('\n') ? readFileSync(codeOrPath, 'utf8') : codeOrPath;
    const context = createBundleContext(code, this.globals(), 'Code.js', () => this.ctx.clock.nowMs());
    this.bundleCode = code;
    (this.ctx as { adaptError?: (thrown: unknown) => unknown }).adaptError = errorAdapterFor(context);
    this.bundle = new BundleScriptHost(context, this.executions, new Set([...Object.keys(this.globals()), 'Date']));
    this.ctx.script = guardedByFaults(this.bundle, this.faults);
    this.seedScriptMath();
    return this.bundle;
  }

  /**
   * Makes this emulator's randomness repeatable, for a run that must come out the same every
   * time (the workspace's demo programme): Utilities.getUuid and the loaded script's Math.random
   * (this bundle's and any loaded later) draw from one generator seeded by `seed`; null makes
   * them truly random again, as Google's are. The seed is not part of a saved or restored state.
   */
  seedRandomness(seed: string | null): void {
    this.ctx.random = seed === null ? null : seededRandom(seed);
    this.seedScriptMath();
  }

  private seedScriptMath(): void {
    if (!this.bundle) return;
    const math = vm.runInContext('Math', this.bundle.context) as Math & { [REALM_RANDOM]?: () => number };
    const random = this.ctx.random;
    // The realm's own Math.random, kept to be put back when the seed is removed.
    if (random && !math[REALM_RANDOM]) math[REALM_RANDOM] = math.random;
    if (random) math.random = () => random();
    else if (math[REALM_RANDOM]) math.random = math[REALM_RANDOM];
  }

  /** Binds triggers to functions defined in this realm (e.g. after importing src/index.ts with installGlobals). */
  attachFunctions(functions: () => Record<string, unknown>): void {
    (this.ctx as { adaptError?: unknown }).adaptError = undefined;
    this.ctx.script = guardedByFaults(new InProcessScriptHost(functions, this.executions), this.faults);
  }

  /**
   * Calls a top-level script function in a new execution, as a menu item or
   * google.script.run would: as `user` (default the owner), who must not be an
   * anonymous editor; Session.getActiveUser() reveals them per options.identity.
   */
  run(name: string, args: unknown[] = [], options: { authMode?: AuthModeName; user?: string; origin?: string; documentId?: string | null } = {}): unknown {
    const script = this.requireScript();
    // Google hides private functions entirely: the same message as for a missing one.
    if (name.endsWith('_')) throw new Error(`Script function not found: ${name}`);
    const user = options.user ?? this.ctx.options.ownerEmail;
    this.people.assertCanRunCode(user, 'run add-on code (menu items, sidebars, google.script.run)');
    return script.invoke(name, args, {
      authMode: options.authMode ?? 'FULL',
      user,
      activeUser: this.people.activeUserInPersonRun(user),
      origin: options.origin ?? `run:${name}`,
      documentId: this.documentIdFor(options.documentId),
    });
  }

  /**
   * Another spreadsheet in the emulated Drive, owned by `owner` (default the script owner):
   * another customer's tracker. Returns its id, for run(…, { documentId }), editAsUser(…, { spreadsheetId }).
   */
  createSpreadsheet(name: string, options: { owner?: string; sharing?: { editors?: string[]; viewers?: string[] } } = {}): string {
    const model = this.store.create(name, options.owner ?? this.ctx.options.ownerEmail);
    // With a sharing list, only those people (and the owner) may open it by ID or address.
    if (options.sharing) {
      model.restricted = true;
      model.collaborators.push(...(options.sharing.editors ?? []));
      model.viewers.push(...(options.sharing.viewers ?? []));
    }
    return model.id;
  }

  /** Lock bookkeeping: holders, and every hold with its real duration and calls for the benchmark (holds(), clearHolds()). Uncounted. */
  get locks(): LockTable {
    return this.services.locks;
  }

  /** The container document of a run: the given spreadsheet (null: none), by default the active one. */
  private documentIdFor(documentId: string | null | undefined): string | null {
    if (documentId === null) return null;
    const id = documentId ?? this.store.activeId;
    if (!this.store.byId.has(id)) throw new Error(`emulator: no spreadsheet ${id}`);
    return id;
  }

  /**
   * Runs several calls of the loaded bundle at the same time, each in its own
   * thread and execution, interleaving at service calls (round-robin by default),
   * with real lock contention: see emulator/concurrency.
   */
  runConcurrently(calls: ConcurrentCall[], options?: ConcurrentOptions): Promise<ConcurrentResult[]> {
    if (!this.bundleCode) throw new Error('emulator: runConcurrently needs a bundle (loadBundle first)');
    return runConcurrently(this, this.bundleCode, calls, options);
  }

  /**
   * Opens the spreadsheet: the simple onOpen trigger runs as `user` (an add-on not yet
   * enabled in this file gets AuthMode NONE). An anonymous editor gets no add-on menus: throws.
   */
  open(authMode: AuthModeName = 'LIMITED', user = this.ctx.options.ownerEmail, options: { spreadsheetId?: string } = {}): void {
    const script = this.requireScript();
    this.people.assertCanRunCode(user, "open the add-on's menus");
    if (!script.has('onOpen')) return;
    const spreadsheetId = this.documentIdFor(options.spreadsheetId) as string;
    const revealed = this.people.revealEditor(user, this.store.byId.get(spreadsheetId)?.owner ?? '');
    const event: Record<string, unknown> = { authMode: AuthMode[authMode], user: userFacade(this.ctx, revealed) };
    if (authMode !== 'NONE') event.source = this.ctx.spreadsheets.spreadsheetFacade(spreadsheetId);
    script.invoke('onOpen', [event], { authMode, user, activeUser: revealed, documentId: spreadsheetId, origin: 'trigger:onOpen', timeLimit: 'simple-trigger' });
  }

  /** Installs the add-on: onInstall runs with AuthMode FULL. */
  install(): void {
    const script = this.requireScript();
    if (script.has('onInstall')) script.invoke('onInstall', [{ authMode: AuthMode.FULL }], { authMode: 'FULL', origin: 'trigger:onInstall', timeLimit: 'simple-trigger' });
  }

  /**
   * A person edits cells (e.g. "Leads!L2", or a block with a 2-D array): Sheets' checks, then
   * the edit triggers — the simple one as the editor, each installable one as its creator,
   * with `e.user` as Google reveals the editor to that trigger (core/people.ts).
   */
  editAsUser(a1: string, input: unknown, user = this.ctx.options.ownerEmail, options: { spreadsheetId?: string } = {}): EditOutcome {
    const spreadsheetId = this.documentIdFor(options.spreadsheetId) as string;
    const firing = (eventType: 'ON_EDIT' | 'ON_CHANGE') =>
      this.services.triggers.list({ eventType, sourceId: spreadsheetId }).map((record) => (event: Record<string, unknown>) => {
        const run = this.fireAsEditor(record, event, user);
        return { handler: run.handler, ok: run.ok, error: run.error };
      });
    return editAsUser(this.ctx, this.store, a1, input, user, { edit: firing('ON_EDIT'), change: firing('ON_CHANGE') }, spreadsheetId);
  }

  /**
   * A structural change a person made (Google's changeType: INSERT_ROW, REMOVE_ROW, INSERT_COLUMN,
   * REMOVE_COLUMN, INSERT_GRID, REMOVE_GRID, FORMAT, OTHER; EDIT comes with editAsUser): fires the
   * installable change triggers, each as its creator, with { authMode, changeType, source, user, triggerUid }.
   */
  fireChange(changeType: ChangeType, user = this.ctx.options.ownerEmail, options: { spreadsheetId?: string } = {}): TriggerRun[] {
    const spreadsheetId = this.documentIdFor(options.spreadsheetId) as string;
    const source = this.ctx.spreadsheets.spreadsheetFacade(spreadsheetId);
    return this.services.triggers.list({ eventType: 'ON_CHANGE', sourceId: spreadsheetId }).map((record) => this.fireAsEditor(record, { changeType, source }, user));
  }

  /** A person inserts `count` rows before `beforeRow` of a sheet (refused where a protection forbids them). Fires change triggers (INSERT_ROW). Uncounted. */
  insertRowsAsUser(sheetName: string, beforeRow: number, count: number, user = this.ctx.options.ownerEmail, options: { spreadsheetId?: string } = {}): StructureOutcome {
    return this.structuralChange({ kind: 'insertRows', sheetName, beforeRow, count }, user, options.spreadsheetId);
  }

  /**
   * A person inserts `count` columns before `beforeColumn` of a sheet (refused where a protection forbids
   * them). Column developer metadata moves with its column. Fires change triggers (INSERT_COLUMN). Uncounted.
   */
  insertColumnsAsUser(sheetName: string, beforeColumn: number, count: number, user = this.ctx.options.ownerEmail, options: { spreadsheetId?: string } = {}): StructureOutcome {
    return this.structuralChange({ kind: 'insertColumns', sheetName, beforeColumn, count }, user, options.spreadsheetId);
  }

  /** A person deletes `count` rows from `row` (refused where a protection forbids them). Fires change triggers (REMOVE_ROW). Uncounted. */
  deleteRowsAsUser(sheetName: string, row: number, count: number, user = this.ctx.options.ownerEmail, options: { spreadsheetId?: string } = {}): StructureOutcome {
    return this.structuralChange({ kind: 'deleteRows', sheetName, row, count }, user, options.spreadsheetId);
  }

  /** A person renames a tab (refused when a sheet protection forbids them). Fires change triggers (OTHER). Uncounted. */
  renameSheetAsUser(oldName: string, newName: string, user = this.ctx.options.ownerEmail, options: { spreadsheetId?: string } = {}): StructureOutcome {
    return this.structuralChange({ kind: 'renameSheet', oldName, newName }, user, options.spreadsheetId);
  }

  private structuralChange(change: StructuralChange, user: string, spreadsheetId?: string): StructureOutcome {
    const id = this.documentIdFor(spreadsheetId) as string;
    const outcome = applyStructuralChange(this.ctx, this.store, id, change, user);
    if (!outcome.accepted) return outcome;
    const changeType = CHANGE_TYPE_OF[change.kind];
    return { accepted: true, changeType, triggerRuns: this.fireChange(changeType, user, { spreadsheetId: id }) };
  }

  /** Fires an installable edit/change trigger for `editor`'s action: `user` and getActiveUser() as revealed to its owner. */
  private fireAsEditor(record: TriggerRecord, event: Record<string, unknown>, editor: string): TriggerRun {
    const revealed = this.people.revealEditor(editor, record.owner);
    return this.services.triggers.fire(record, { ...event, user: userFacade(this.ctx, revealed) }, undefined, { activeUser: revealed, activePerson: editor });
  }

  /** A partner submits the live form: validated as Google's form would, then the row and the submit triggers. */
  submitForm(formId: string, answers: Record<string, unknown>, options: SubmitOptions = {}): FormSubmitResult {
    return this.services.forms.submit(formId, answers, options);
  }

  /** Google's reported second firing of the last form-submit event (optionally blank), seconds later. */
  fireDuplicateFormSubmit(options: { afterMs?: number; blank?: boolean } = {}): TriggerRun[] {
    return this.services.forms.fireDuplicateOfLastSubmit(options);
  }

  /** Fires a time-driven trigger (by uid or handler name) at the virtual clock's now. */
  fireTimeTrigger(uidOrHandler: string): TriggerRun[] {
    return this.services.timeTriggers.fire(uidOrHandler);
  }

  /** Advances the virtual clock to `to`, firing every time-driven trigger that falls due on the way. */
  runTimeTriggersUntil(to: Date): TriggerRun[] {
    return this.services.timeTriggers.runDue(to);
  }

  // ---- looking at it -------------------------------------------------------------------
  spreadsheet(): SpreadsheetModel {
    return this.store.active();
  }

  /** The workbook as a person sees it: every tab's first `maxRows` rows of display values. */
  workbookView(maxRows = 200): { spreadsheetName: string; activeSheet: string; sheets: WorkbookSheetView[] } {
    const model = this.store.active();
    const sheets = model.sheets.map((sheet) => {
      const lastRow = sheet.lastRow();
      const lastColumn = sheet.lastColumn();
      const ref = { ctx: this.ctx, store: this.store, spreadsheet: model, sheet };
      const rows = Math.max(1, Math.min(lastRow, maxRows));
      const columns = Math.max(1, lastColumn);
      const range = new RangeImpl(ref, { row: 1, column: 1, numRows: rows, numColumns: columns });
      return {
        name: sheet.name,
        hidden: sheet.hidden,
        frozenRows: sheet.frozenRows,
        lastRow,
        lastColumn,
        columnWidths: Array.from({ length: columns }, (_, i) => sheet.columnWidths.get(i + 1) ?? 100),
        rows: range.getDisplayValues(),
        formulas: range.getFormulas(),
      };
    });
    return { spreadsheetName: model.name, activeSheet: model.activeSheet().name, sheets };
  }

  // ---- persistence -----------------------------------------------------------------------
  toJSON(): SavedWorkspace {
    return {
      ...this.savedHead(),
      spreadsheets: [...this.store.byId.values()].map(spreadsheetToJson),
      ...this.savedTail(),
    };
  }

  /** Exactly JSON.stringify(this.toJSON()), several times faster (the spreadsheets' cell formats are written straight to text). */
  toJSONText(): string {
    const spreadsheets = `[${[...this.store.byId.values()].map(spreadsheetToJsonText).join(',')}]`;
    const tail = JSON.stringify(this.savedTail());
    return `${JSON.stringify(this.savedHead()).slice(0, -1)},"spreadsheets":${spreadsheets}${tail === '{}' ? '}' : `,${tail.slice(1)}`}`;
  }

  /** toJSON's fields before the spreadsheets, in order. */
  private savedHead(): Omit<SavedWorkspace, 'spreadsheets' | 'services' | 'people'> {
    return {
      format: 'partnership-tracker-emulator',
      version: 1,
      savedAt: this.clock.now().toISOString(),
      options: this.ctx.options,
      activeSpreadsheetId: this.store.activeId,
    };
  }

  /** toJSON's fields after the spreadsheets, in order. */
  private savedTail(): Pick<SavedWorkspace, 'services' | 'people'> {
    return { services: this.services.save(), people: this.people.save() };
  }

  save(file: string): void {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, this.toJSONText());
  }

  static fromJSON(saved: SavedWorkspace, overrides: EmulatorOverrides = {}): Emulator {
    if (saved.format !== 'partnership-tracker-emulator' || saved.version !== 1) {
      throw new Error('Not a saved emulator workspace (or a version this emulator cannot read).');
    }
    const emulator = new Emulator(mergeOverrides(saved.options as EmulatorOverrides, overrides));
    emulator.people.load(saved.people);
    emulator.store.byId.clear();
    for (const json of saved.spreadsheets) emulator.store.adopt(spreadsheetFromJson(json));
    emulator.store.activeId = saved.activeSpreadsheetId;
    emulator.store.reserveIds();
    emulator.services.load(saved.services);
    return emulator;
  }

  static load(file: string, overrides: EmulatorOverrides = {}): Emulator {
    return Emulator.fromJSON(JSON.parse(readFileSync(file, 'utf8')) as SavedWorkspace, overrides);
  }

  /**
   * The whole state now, in memory (core/snapshot.ts says what it holds), taken between
   * executions: restore it as often as needed, each time into a new emulator.
   */
  snapshot(): EmulatorSnapshot {
    return takeSnapshot(this, this.bundleCode);
  }

  /** A new emulator in the state of `snapshot`, its bundle (if it had one) loaded afresh. */
  static restore(snapshot: EmulatorSnapshot): Emulator {
    const emulator = new Emulator(structuredClone(snapshot.options));
    // Loaded first, so whatever the script's top level does is not counted twice.
    if (snapshot.bundleCode !== null) emulator.loadBundle(snapshot.bundleCode);
    applySnapshot(emulator, snapshot);
    return emulator;
  }

  private requireScript(): ScriptHost {
    if (!this.ctx.script) throw new Error('emulator: no script attached (loadBundle or attachFunctions first)');
    return this.ctx.script;
  }
}

/** Where a seeded bundle realm keeps its own Math.random. */
const REALM_RANDOM = Symbol('realm Math.random');

/** Every entry into the script fails when a fatal fault killed its execution, even if the script caught the error. */
function guardedByFaults(host: ScriptHost, faults: FaultInjector): ScriptHost {
  return {
    has: (name) => host.has(name),
    invoke: (name, args, execution) => faults.guard(() => host.invoke(name, args, execution)),
  };
}

export type { ChangeType, SavedWorkspace, StructureOutcome, WorkbookSheetView } from './emulator-types';

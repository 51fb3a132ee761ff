import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vm from 'node:vm';
import { Emulator } from '../index';
import type { BundleScriptHost } from '../script-host';
import type {
  BlockEditResponse,
  ClockAdvanceRequest,
  Effects,
  FormSubmitRequest,
  FormSubmitResponse,
  FormView,
  OutboxMessage,
  RequestDetail,
  PeopleResponse,
  ScriptFailure,
  StructureResponse,
  TriggerRunView,
  WorkspaceState,
} from './api-types';
import { advanceClock, advanceTarget, runClockTriggersNow } from './clock-control';
import { formView, submitAsRespondent } from './forms-view';
import { RequestError } from './http-util';
import { ANONYMOUS_NO_ADDON, personViews, registerTeam } from './people-view';
import type { ServerReply } from './shim/protocol';
import { IllegalValueError, toTransferable, Transferable } from './transfer';
import { parseTsv } from './tsv';
import { openSavedWorkspace, writeWorkspaceFile } from './session-file';
import { DemoOptions, generateDemo } from './demo/generate';
import { blockA1, failureOf, messageOf, outboxMessageView, requestDetailView, runView, structureReply, withEffects, workspaceStateView } from './session-views';

export { MAX_BLOCK_CELLS, failureOf } from './session-views';

export interface SessionOptions {
  /** Where the workspace is saved between runs (JSON). */
  stateFile: string;
  /** The built add-on: Code.js is loaded, Sidebar.html etc. are read by HtmlService. */
  buildDir: string;
  /** Ignore a saved workspace and start from a freshly installed add-on. */
  reset?: boolean;
  /** Rows of each tab sent to the page. */
  rowLimit?: number;
  /** Diagnostics for the person running the workspace (a terminal). */
  log?: (message: string) => void;
  /**
   * A fresh workspace (none saved yet, or `reset`) starts as the demo programme (demo/generate.ts:
   * a year of history, made once and then saved like any workspace) instead of a blank
   * spreadsheet; an object chooses its length, end and seed (tests make a shorter one).
   */
  demo?: boolean | Omit<DemoOptions, 'buildDir' | 'log'>;
}

export const DEFAULT_ROW_LIMIT = 500;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * One emulated spreadsheet with the built add-on, driven the way Sheets would
 * drive it, as the person the page has chosen (the owner unless another is chosen;
 * remembered in the saved workspace): opening the file fires onOpen as them, menu
 * items and google.script.run run in AuthMode FULL as them, their typing, pasting
 * and clearing go through editAsUser, their row inserts and deletes and tab renames
 * through the emulator's *AsUser methods. An anonymous editor runs no add-on code.
 * Every mutating call is followed by save() (by the HTTP layer). Effects report
 * what the person would see (alerts, toasts, a sidebar) as a result.
 */
export class WorkspaceSession {
  private readonly parseInScriptRealm: (json: string) => unknown;

  private constructor(
    readonly emulator: Emulator,
    private readonly bundle: BundleScriptHost,
    private readonly options: Required<Omit<SessionOptions, 'reset' | 'demo'>>,
    /** True when this session started from a fresh install (or a freshly generated demo) rather than a saved workspace. */
    readonly fresh: boolean,
    person: string,
  ) {
    this.currentPerson = person;
    // Arguments are rebuilt inside the script's own realm, as Google deserialises them on its
    // side: objects the script receives then pass `instanceof Object`/`Array` checks there.
    this.parseInScriptRealm = vm.runInContext('(function (text) { return JSON.parse(text); })', bundle.context) as (json: string) => unknown;
  }

  static start(options: SessionOptions): WorkspaceSession {
    const buildDir = path.resolve(options.buildDir);
    const codeFile = path.join(buildDir, 'Code.js');
    if (!existsSync(codeFile)) throw new Error(`${codeFile} not found: run \`npm run build\` first.`);
    const stateFile = path.resolve(options.stateFile);
    const log = options.log ?? (() => undefined);
    const demo = options.demo === true ? {} : options.demo || null;
    const makeDemo = demo ? () => demoWorkspace(buildDir, demo, log) : undefined;
    const { emulator, fresh, savedPerson } = openSavedWorkspace(stateFile, buildDir, options.reset === true, makeDemo);
    registerTeam(emulator);
    const person = (typeof savedPerson === 'string' && emulator.people.get(savedPerson)?.email) || emulator.ctx.options.ownerEmail;
    const bundle = emulator.loadBundle(codeFile);
    const session = new WorkspaceSession(emulator, bundle, { stateFile, buildDir, rowLimit: options.rowLimit ?? DEFAULT_ROW_LIMIT, log }, fresh, person);
    // The demo was installed and set up by its owner as it was generated.
    if (fresh && !demo) emulator.install();
    session.save();
    return session;
  }

  get stateFile(): string {
    return this.options.stateFile;
  }

  /** Why the last save failed (null when it succeeded): the page shows it, as losing work silently is worse. */
  lastSaveError: string | null = null;

  /**
   * Saves after a mutating request. A failure does not undo what the person did (the
   * in-memory workspace is intact), so it is recorded and reported rather than thrown.
   */
  saveAfterChange(): void {
    try {
      this.save();
      this.lastSaveError = null;
    } catch (e) {
      const message = `Could not save ${this.options.stateFile}: ${messageOf(e)}`;
      if (message !== this.lastSaveError) this.options.log(`warning: ${message} (changes are kept in memory while the workspace runs)`);
      this.lastSaveError = message;
    }
  }

  /** Writes the whole workspace atomically (a Ctrl-C mid-write never leaves half a file). */
  save(): void {
    writeWorkspaceFile(this.options.stateFile, this.emulator, this.currentPerson);
  }

  // ---- who is at the keyboard -------------------------------------------------------------

  private currentPerson: string;

  /** The id (email, or an anonymous editor's internal id) of the person everything runs as. */
  get person(): string {
    return this.currentPerson;
  }

  people(): PeopleResponse {
    return { person: this.currentPerson, people: personViews(this.emulator) };
  }

  /**
   * Someone else sits down at the page: from now on everything runs as them, and the
   * file is opened as them (onOpen, unless they are an anonymous editor). 404 for
   * someone the emulator does not know.
   */
  switchPerson(id: string): { error?: ScriptFailure; unavailable?: string; effects: Effects } {
    const person = this.emulator.people.get(id);
    if (!person) throw new RequestError(404, `There is no person ${id} in this workspace.`);
    this.currentPerson = person.email;
    return this.openSpreadsheet();
  }

  private get anonymous(): boolean {
    return this.emulator.people.isAnonymous(this.currentPerson);
  }

  // ---- what a person does -------------------------------------------------------------

  /**
   * The person opens the spreadsheet: the simple onOpen trigger runs as them (the add-on
   * is installed: LIMITED). Not for an anonymous editor: add-ons do not run for them.
   */
  openSpreadsheet(): { error?: ScriptFailure; unavailable?: string; effects: Effects } {
    return this.withEffects(() => {
      if (this.anonymous) return { unavailable: ANONYMOUS_NO_ADDON };
      try {
        this.emulator.open('LIMITED', this.currentPerson);
        return {};
      } catch (e) {
        return { error: failureOf(e) };
      }
    });
  }

  /** The person clicks a menu item: its function runs in FULL as them. Only items the script's menus offer can run. */
  runMenuItem(functionName: string): { ok: boolean; error?: ScriptFailure; unavailable?: string; effects: Effects } {
    const offered = this.emulator.services.ui.menuItems().some((item) => item.functionName === functionName);
    if (!offered) throw new RequestError(400, `No menu item runs ${functionName}.`);
    return this.withEffects(() => {
      if (this.anonymous) return { ok: false, unavailable: ANONYMOUS_NO_ADDON };
      try {
        this.emulator.run(functionName, [], { authMode: 'FULL', user: this.currentPerson, origin: `menu:${functionName}` });
        return { ok: true };
      } catch (e) {
        return { ok: false, error: failureOf(e) };
      }
    });
  }

  /** A google.script.run call from the add-on's HTML, as the person. */
  runForClient(name: string, args: unknown[]): { reply: ServerReply; effects: Effects } {
    return this.withEffects(() => ({ reply: this.anonymous ? { ok: false, error: { name: 'Error', message: ANONYMOUS_NO_ADDON } } : this.callPublicFunction(name, args) }));
  }

  /** The person types `value` into a cell (Enter). */
  editCell(sheetName: string, row: number, column: number, value: string): { accepted: boolean; reason?: string; error?: ScriptFailure; runs?: TriggerRunView[]; effects: Effects } {
    const a1 = this.blockA1(sheetName, row, column, 1, 1);
    return this.withEffects(() => this.edit(a1, value));
  }

  /**
   * The person pastes tab-separated text (copied from another spreadsheet) with the cell at
   * `row`, `column` selected: one edit over the whole block, as Sheets makes it (the
   * triggers get a multi-cell event without value and oldValue). Rows of different
   * lengths are padded with empty cells, so the block is a rectangle.
   */
  pasteText(sheetName: string, row: number, column: number, text: string): BlockEditResponse {
    const values = parseTsv(text);
    const numRows = values.length;
    const numColumns = values[0].length;
    const a1 = this.blockA1(sheetName, row, column, numRows, numColumns, 'paste');
    return this.withEffects(() => ({ ...this.edit(a1, values), range: { sheet: sheetName, row, column, numRows, numColumns, a1 } }));
  }

  /** The person selects a block and presses Delete: one edit clearing every cell of it. */
  clearBlock(sheetName: string, row: number, column: number, numRows: number, numColumns: number): BlockEditResponse {
    const a1 = this.blockA1(sheetName, row, column, numRows, numColumns, 'clear');
    const values = Array.from({ length: numRows }, () => Array.from({ length: numColumns }, () => ''));
    return this.withEffects(() => ({ ...this.edit(a1, values), range: { sheet: sheetName, row, column, numRows, numColumns, a1 } }));
  }

  /** The person inserts `count` rows before `beforeRow` (Insert 1 row above; "below" is before the next row). */
  insertRows(sheetName: string, beforeRow: number, count: number): StructureResponse {
    this.requireSheet(sheetName);
    return this.withEffects(() => structureReply(this.emulator.insertRowsAsUser(sheetName, beforeRow, count, this.currentPerson)));
  }

  /** The person deletes `count` rows from `row`. */
  deleteRows(sheetName: string, row: number, count: number): StructureResponse {
    this.requireSheet(sheetName);
    return this.withEffects(() => structureReply(this.emulator.deleteRowsAsUser(sheetName, row, count, this.currentPerson)));
  }

  /** The person renames a tab. The tab the page shows follows it; the emulator refuses a taken or empty name with Google's message. */
  renameSheet(sheetName: string, newName: string): StructureResponse {
    this.requireSheet(sheetName);
    return this.withEffects(() => structureReply(this.emulator.renameSheetAsUser(sheetName, newName, this.currentPerson)));
  }

  private requireSheet(sheetName: string) {
    const sheet = this.emulator.spreadsheet().sheetByName(sheetName);
    if (!sheet) throw new RequestError(404, `There is no tab named ${sheetName}.`);
    return sheet;
  }

  /** 'Sheet'!A1 or 'Sheet'!A1:B2 for a block that must lie inside the tab (400 otherwise). */
  private blockA1(sheetName: string, row: number, column: number, numRows: number, numColumns: number, what: 'paste' | 'clear' | null = null): string {
    return blockA1(this.requireSheet(sheetName), sheetName, row, column, numRows, numColumns, what);
  }

  /** One editAsUser as the person: a refusal with Sheets' reason, or the triggers that ran. */
  private edit(a1: string, input: string | string[][]): { accepted: boolean; reason?: string; error?: ScriptFailure; runs?: TriggerRunView[] } {
    try {
      const outcome = this.emulator.editAsUser(a1, input, this.currentPerson);
      if (!outcome.accepted) return { accepted: false, reason: outcome.reason ?? 'Sheets refused the edit.' };
      return { accepted: true, runs: (outcome.triggerRuns ?? []).map(runView) };
    } catch (e) {
      // Sheets' own checks have passed and the cells are written before triggers run: a throw is the machinery failing after the edit.
      return { accepted: true, error: failureOf(e) };
    }
  }

  /**
   * A respondent submits a Google Form (the partner form, say): the live form's
   * validation, the response row and the onFormSubmit triggers, exactly as
   * Emulator.submitForm. Refusals come back per question; nothing is written then.
   */
  submitForm(formId: string, request: FormSubmitRequest): FormSubmitResponse {
    // Signed in as the person chosen under "You are:" (an anonymous visitor is signed in as no one).
    const account = this.emulator.people.isAnonymous(this.currentPerson) ? '' : this.currentPerson;
    return this.withEffects(() => submitAsRespondent(this.emulator, formId, request, account));
  }

  /** The person clicks a tab: it becomes the active sheet scripts see (hidden tabs can be looked at, not activated). */
  activateSheet(sheetName: string): void {
    const model = this.emulator.spreadsheet();
    const sheet = model.sheetByName(sheetName);
    if (!sheet) throw new RequestError(404, `There is no tab named ${sheetName}.`);
    if (!sheet.hidden) model.activeSheetId = sheet.id;
  }

  // ---- the clock ----------------------------------------------------------------------
  // The session's clock API (README.md, "Clock"): the page's clock control uses it, and so may
  // anything else that moves the workspace through time. Each call fires the time-driven
  // triggers that fall due, as their creator (the owner), and reports them.

  /** Moves the emulator's clock forward to `to`, firing every time-driven trigger due on the way. */
  advanceClockTo(to: Date): { runs: TriggerRunView[]; effects: Effects } {
    return this.withEffects(() => ({ runs: advanceClock(this.emulator, to) }));
  }

  /** An advance as the page asks for it (by a step, or to a date), checked: 400 with the reason for one that goes back or too far. */
  advanceClock(request: ClockAdvanceRequest): { runs: TriggerRunView[]; effects: Effects } {
    return this.advanceClockTo(advanceTarget(this.emulator, request));
  }

  /** "Run time-driven trigger now": each time-driven trigger fires once, at the clock's now. */
  runTimeTriggersNow(): { runs: TriggerRunView[]; effects: Effects } {
    return this.withEffects(() => ({ runs: runClockTriggersNow(this.emulator) }));
  }

  // ---- what a person sees -------------------------------------------------------------

  state(): WorkspaceState {
    return workspaceStateView(this.emulator, this.options.rowLimit, this.currentPerson, this.lastSaveError);
  }

  /** A form as its respondents see it (404 for an unknown id). */
  form(formId: string): FormView {
    return formView(this.emulator, formId);
  }

  outboxMessage(index: number): OutboxMessage {
    return outboxMessageView(this.emulator, index);
  }

  /** A request the add-on made with UrlFetchApp (404 for an unknown index). */
  request(index: number): RequestDetail {
    return requestDetailView(this.emulator, index);
  }

  /** The HTML the script showed (without the shim; the HTTP layer injects it). */
  recordedHtml(kind: 'sidebar' | 'dialog', index: number): string | null {
    const list = kind === 'sidebar' ? this.emulator.services.ui.sidebars : this.emulator.services.ui.dialogs;
    return Number.isInteger(index) && list[index] ? list[index].html : null;
  }

  // ---- google.script.run ------------------------------------------------------------

  /** Top-level functions the script itself declared (not the Apps Script globals the emulator put in its realm). */
  publicFunctionNames(): string[] {
    const context = this.bundle.context as Record<string, unknown>;
    const provided = new Set([...Object.keys(this.emulator.globals()), 'Date']);
    return Object.keys(context).filter((name) => typeof context[name] === 'function' && !provided.has(name) && IDENTIFIER.test(name) && !name.endsWith('_'));
  }

  private callPublicFunction(name: string, args: unknown[]): ServerReply {
    if (!this.publicFunctionNames().includes(name)) return { ok: false, error: { name: 'Error', message: `Script function not found: ${name}` } };
    let json: string;
    try {
      json = JSON.stringify(args.map((arg, i) => toTransferable(arg, String(i))));
    } catch (e) {
      return { ok: false, error: failureOf(e) };
    }
    let value: unknown;
    try {
      value = this.emulator.run(name, this.parseInScriptRealm(json) as unknown[], { authMode: 'FULL', user: this.currentPerson, origin: `google.script.run:${name}` });
    } catch (e) {
      return { ok: false, error: failureOf(e) };
    }
    return { ok: true, value: this.resultForClient(name, value) };
  }

  /** Google hands the success handler null when the return value holds something it cannot carry (e.g. a Date). */
  private resultForClient(name: string, value: unknown): Transferable {
    try {
      return toTransferable(value, 'return value');
    } catch (e) {
      const where = e instanceof IllegalValueError ? `${e.reason} in property "${e.property}"` : messageOf(e);
      this.options.log(`warning: ${name} returned a value google.script.run cannot carry (${where}); the page receives null.`);
      return null;
    }
  }

  // ---- effects ------------------------------------------------------------------------

  private withEffects<T extends object>(body: () => T): T & { effects: Effects } {
    return withEffects(this.emulator, body);
  }
}

/** Generates the demo programme for a fresh workspace, saying how long it took (it runs once: the result is saved). */
function demoWorkspace(buildDir: string, demo: Omit<DemoOptions, 'buildDir' | 'log'>, log: (message: string) => void): Emulator {
  log(`Generating the demo programme (${demo.days ?? 365} days of history, made once; \`npm start -- --reset\` makes it again)…`);
  let generated: ReturnType<typeof generateDemo>;
  try {
    generated = generateDemo({ ...demo, buildDir, log });
  } catch (e) {
    const error: Error & { cause?: unknown } = new Error(`The demo programme could not be made: ${messageOf(e)}\n\`npm start -- --empty\` opens a blank spreadsheet instead.`);
    error.cause = e;
    throw error;
  }
  const { emulator, elapsedMs } = generated;
  log(`Demo programme ready in ${(elapsedMs / 1000).toFixed(1)} s.`);
  return emulator;
}

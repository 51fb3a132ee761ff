import { existsSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import * as vm from 'node:vm';
import { Emulator } from '../index';
import { columnToLetters, quoteSheetName } from '../spreadsheet/a1';
import type { BundleScriptHost } from '../script-host';
import type { Effects, FormSubmitRequest, FormSubmitResponse, FormView, HtmlSurfaceView, OutboxMessage, OutboxSummary, ScriptFailure, WorkspaceState } from './api-types';
import { fileSummaries } from './files-view';
import { formSummaries, formView, submitAsRespondent } from './forms-view';
import { RequestError } from './http-util';
import type { ServerReply } from './shim/protocol';
import { IllegalValueError, toTransferable, Transferable } from './transfer';
import { buildWorkbookView } from './workbook-view';

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
}

export const DEFAULT_ROW_LIMIT = 500;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * One emulated spreadsheet with the built add-on, driven the way Sheets would
 * drive it: opening the file fires onOpen, menu items and google.script.run run
 * in AuthMode FULL as the owner, a person's typing goes through editAsUser. Every
 * mutating call is followed by save() (by the HTTP layer). Effects report what
 * the person would see (alerts, toasts, a sidebar) as a result.
 */
export class WorkspaceSession {
  private readonly parseInScriptRealm: (json: string) => unknown;

  private constructor(
    readonly emulator: Emulator,
    private readonly bundle: BundleScriptHost,
    private readonly options: Required<Omit<SessionOptions, 'reset'>>,
    /** True when this session started from a fresh install rather than a saved workspace. */
    readonly fresh: boolean,
  ) {
    // Arguments are rebuilt inside the script's own realm, as Google deserialises them on its
    // side: objects the script receives then pass `instanceof Object`/`Array` checks there.
    this.parseInScriptRealm = vm.runInContext('(function (text) { return JSON.parse(text); })', bundle.context) as (json: string) => unknown;
  }

  static start(options: SessionOptions): WorkspaceSession {
    const buildDir = path.resolve(options.buildDir);
    const codeFile = path.join(buildDir, 'Code.js');
    if (!existsSync(codeFile)) throw new Error(`${codeFile} not found: run \`npm run build\` first.`);
    const stateFile = path.resolve(options.stateFile);
    let emulator: Emulator;
    let fresh = false;
    if (!options.reset && existsSync(stateFile)) {
      try {
        emulator = Emulator.load(stateFile, { buildDir });
      } catch (e) {
        const error: Error & { cause?: unknown } = new Error(`Could not read the saved workspace ${stateFile}: ${messageOf(e)}\nStart fresh with \`npm start -- --reset\`.`);
        error.cause = e;
        throw error;
      }
    } else {
      emulator = new Emulator({ buildDir });
      fresh = true;
    }
    const bundle = emulator.loadBundle(codeFile);
    const session = new WorkspaceSession(
      emulator,
      bundle,
      { stateFile, buildDir, rowLimit: options.rowLimit ?? DEFAULT_ROW_LIMIT, log: options.log ?? (() => undefined) },
      fresh,
    );
    if (fresh) emulator.install();
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
    const file = this.options.stateFile;
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    const json = JSON.stringify(this.emulator.toJSON());
    writeFileSync(temporary, json);
    renameSync(temporary, file);
  }

  // ---- what a person does -------------------------------------------------------------

  /** The person opens the spreadsheet: the simple onOpen trigger runs (the add-on is installed: LIMITED). */
  openSpreadsheet(): { error?: ScriptFailure; effects: Effects } {
    return this.withEffects(() => {
      try {
        this.emulator.open('LIMITED');
        return {};
      } catch (e) {
        return { error: failureOf(e) };
      }
    });
  }

  /** The person clicks a menu item: its function runs in FULL as the owner. Only items the script's menus offer can run. */
  runMenuItem(functionName: string): { ok: boolean; error?: ScriptFailure; effects: Effects } {
    const offered = this.emulator.services.ui.menuItems().some((item) => item.functionName === functionName);
    if (!offered) throw new RequestError(400, `No menu item runs ${functionName}.`);
    return this.withEffects(() => {
      try {
        this.emulator.run(functionName, [], { authMode: 'FULL', origin: `menu:${functionName}` });
        return { ok: true };
      } catch (e) {
        return { ok: false, error: failureOf(e) };
      }
    });
  }

  /** A google.script.run call from the add-on's HTML. */
  runForClient(name: string, args: unknown[]): { reply: ServerReply; effects: Effects } {
    return this.withEffects(() => ({ reply: this.callPublicFunction(name, args) }));
  }

  /** The person types `value` into a cell (Enter). */
  editCell(sheetName: string, row: number, column: number, value: string): { accepted: boolean; reason?: string; error?: ScriptFailure; effects: Effects } {
    const sheet = this.emulator.spreadsheet().sheetByName(sheetName);
    if (!sheet) throw new RequestError(404, `There is no tab named ${sheetName}.`);
    if (!Number.isInteger(row) || !Number.isInteger(column) || row < 1 || column < 1 || row > sheet.maxRows || column > sheet.maxColumns) {
      throw new RequestError(400, `${sheetName} has ${sheet.maxRows} rows and ${sheet.maxColumns} columns; row ${row}, column ${column} is outside it.`);
    }
    const a1 = `${quoteSheetName(sheetName)}!${columnToLetters(column)}${row}`;
    return this.withEffects(() => {
      try {
        const outcome = this.emulator.editAsUser(a1, value);
        return outcome.accepted ? { accepted: true } : { accepted: false, reason: outcome.reason ?? 'Sheets refused the edit.' };
      } catch (e) {
        // Sheets' own checks have passed and the cell is written before triggers run: a throw is a trigger failing.
        return { accepted: true, error: failureOf(e) };
      }
    });
  }

  /**
   * A respondent submits a Google Form (the partner form, say): the live form's
   * validation, the response row and the onFormSubmit triggers, exactly as
   * Emulator.submitForm. Refusals come back per question; nothing is written then.
   */
  submitForm(formId: string, request: FormSubmitRequest): FormSubmitResponse {
    return this.withEffects(() => submitAsRespondent(this.emulator, formId, request));
  }

  /** The person clicks a tab: it becomes the active sheet scripts see (hidden tabs can be looked at, not activated). */
  activateSheet(sheetName: string): void {
    const model = this.emulator.spreadsheet();
    const sheet = model.sheetByName(sheetName);
    if (!sheet) throw new RequestError(404, `There is no tab named ${sheetName}.`);
    if (!sheet.hidden) model.activeSheetId = sheet.id;
  }

  // ---- what a person sees -------------------------------------------------------------

  state(): WorkspaceState {
    const workbook = buildWorkbookView(this.emulator, this.options.rowLimit);
    return {
      ...workbook,
      owner: this.emulator.ctx.options.ownerEmail,
      rowLimit: this.options.rowLimit,
      saveError: this.lastSaveError,
      menus: this.emulator.services.ui.currentMenus().map((m) => ({ kind: m.kind, caption: m.caption, items: m.items })),
      outbox: this.emulator.services.mail.outbox.map((mail, index): OutboxSummary => ({
        index, from: mail.from, to: mail.to, cc: mail.cc, bcc: mail.bcc, subject: mail.subject, sentAt: mail.sentAt,
      })),
      forms: formSummaries(this.emulator),
      files: fileSummaries(this.emulator),
    };
  }

  /** A form as its respondents see it (404 for an unknown id). */
  form(formId: string): FormView {
    return formView(this.emulator, formId);
  }

  outboxMessage(index: number): OutboxMessage {
    const mail = this.emulator.services.mail.outbox[index];
    if (!Number.isInteger(index) || !mail) throw new RequestError(404, `There is no sent message number ${index}.`);
    return {
      index, from: mail.from, to: mail.to, cc: mail.cc, bcc: mail.bcc, subject: mail.subject, sentAt: mail.sentAt,
      replyTo: mail.replyTo, body: mail.body, htmlBody: mail.htmlBody,
      attachments: mail.attachments.map((a) => ({ name: a.name, contentType: a.contentType, size: a.size })),
    };
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
      value = this.emulator.run(name, this.parseInScriptRealm(json) as unknown[], { authMode: 'FULL', origin: `google.script.run:${name}` });
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
    const ui = this.emulator.services.ui;
    const before = { alerts: ui.alerts.length, toasts: ui.toasts.length, sidebars: ui.sidebars.length, dialogs: ui.dialogs.length };
    const result = body();
    const sidebarIndex = ui.sidebars.length - 1;
    const dialogIndex = ui.dialogs.length - 1;
    const effects: Effects = {
      alerts: ui.alerts.slice(before.alerts).map((a) => ({ kind: a.kind, title: a.title, prompt: a.prompt, buttons: a.buttons, answer: a.answer })),
      toasts: ui.toasts.slice(before.toasts).map((t) => ({ title: t.title, message: t.message, timeoutSeconds: t.timeoutSeconds })),
      sidebar: ui.sidebars.length > before.sidebars ? surface(ui.sidebars[sidebarIndex], `/html/sidebar/${sidebarIndex}`) : null,
      dialog: ui.dialogs.length > before.dialogs ? surface(ui.dialogs[dialogIndex], `/html/dialog/${dialogIndex}`) : null,
    };
    return { ...result, effects };
  }
}

function surface(recorded: { kind: HtmlSurfaceView['kind']; title: string; width: number | null; height: number | null }, src: string): HtmlSurfaceView {
  return { kind: recorded.kind, src, title: recorded.title, width: recorded.width, height: recorded.height };
}

function messageOf(e: unknown): string {
  const like = e as { message?: unknown } | null;
  return like && typeof like === 'object' && typeof like.message === 'string' ? like.message : String(e);
}

/** Errors from the script's realm are not `instanceof Error` here: read them by shape. */
export function failureOf(e: unknown): ScriptFailure {
  const like = e as { name?: unknown; message?: unknown } | null;
  if (like && typeof like === 'object' && typeof like.message === 'string') {
    return { name: typeof like.name === 'string' && like.name ? like.name : 'Error', message: like.message };
  }
  return { name: 'Error', message: String(e) };
}

import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { AuthModeName } from '../core/execution';
import { ServiceObject, unwrap } from '../core/facade';
import { Button, ButtonName, ButtonSet, ButtonSetName, asGas, enumName } from './enums';
import { HtmlOutputImpl } from './html';

/**
 * The Ui of the container (SpreadsheetApp.getUi()). Everything a user would see is
 * recorded in UiRecorder; alerts and prompts take their answers from queues the
 * tests preload (default: the first button of the set — OK for OK / OK_CANCEL,
 * YES for YES_NO / YES_NO_CANCEL).
 */
export type MenuEntry = { type: 'item'; caption: string; functionName: string } | { type: 'separator' } | { type: 'submenu'; caption: string; items: MenuEntry[] };

export interface RecordedMenu {
  /** 'addon': the add-on's menu under Extensions (one per add-on; a new addToUi replaces it). */
  kind: 'addon' | 'custom';
  /** The custom menu's caption; the add-on's name for the add-on menu. */
  caption: string;
  items: MenuEntry[];
  executionId: number;
  at: string;
}

export interface RecordedHtml {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  /** Sidebars are always 300 px wide in Sheets; this is the width the script asked for (or 300). */
  width: number | null;
  height: number | null;
  html: string;
  executionId: number;
  at: string;
}

export interface RecordedAlert {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: ButtonSetName;
  answer: ButtonName;
  responseText?: string;
  executionId: number;
  at: string;
}

export interface RecordedToast {
  message: string;
  title: string;
  timeoutSeconds: number;
  executionId: number;
  at: string;
}

export interface UiState {
  menus: RecordedMenu[];
  sidebars: RecordedHtml[];
  dialogs: RecordedHtml[];
  alerts: RecordedAlert[];
  toasts: RecordedToast[];
}

const BUTTONS_OF: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

/** How many of each recorded sidebar, dialog, alert and toast a saved workspace keeps. */
export const UI_HISTORY_SAVED = 20;

export class UiRecorder {
  menus: RecordedMenu[] = [];
  sidebars: RecordedHtml[] = [];
  dialogs: RecordedHtml[] = [];
  alerts: RecordedAlert[] = [];
  toasts: RecordedToast[] = [];
  private alertAnswers: ButtonName[] = [];
  private promptAnswers: Array<{ button: ButtonName; text: string }> = [];

  constructor(
    private readonly ctx: EmulatorContext,
    readonly addonName = 'Partnership Tracker',
  ) {}

  private stamp(): { executionId: number; at: string } {
    return { executionId: this.ctx.executions.current().id, at: this.ctx.clock.now().toISOString() };
  }

  /** The next alert() returns this button (CLOSE = the user closed the dialog). */
  queueAlertAnswer(...buttons: ButtonName[]): void {
    this.alertAnswers.push(...buttons);
  }

  /** The next prompt() returns this button and text. */
  queuePromptAnswer(text: string, button: ButtonName = 'OK'): void {
    this.promptAnswers.push({ button, text });
  }

  /** Spreadsheet.toast(msg, title?, timeoutSeconds?) lands here (called by the Spreadsheet service). */
  recordToast(message: unknown, title?: unknown, timeoutSeconds?: unknown): void {
    this.toasts.push({
      message: String(message ?? ''),
      title: title === undefined || title === null ? '' : String(title),
      timeoutSeconds: timeoutSeconds === undefined || timeoutSeconds === null ? 5 : Number(timeoutSeconds),
      ...this.stamp(),
    });
  }

  /** The menu currently shown for `caption` (the add-on menu when omitted). */
  menu(caption?: string): RecordedMenu | undefined {
    const list = this.menus.filter((m) => (caption === undefined ? m.kind === 'addon' : m.caption === caption));
    return list[list.length - 1];
  }

  /** The current menus: the latest add-on menu and the latest menu of each custom caption. */
  currentMenus(): RecordedMenu[] {
    const byKey = new Map<string, RecordedMenu>();
    for (const m of this.menus) byKey.set(m.kind === 'addon' ? '\u0000addon' : m.caption, m);
    return [...byKey.values()];
  }

  /** Every clickable item of the current menus, submenus flattened. */
  menuItems(): Array<{ menu: string; caption: string; functionName: string }> {
    const out: Array<{ menu: string; caption: string; functionName: string }> = [];
    const walk = (menu: string, items: MenuEntry[]) => {
      for (const i of items) {
        if (i.type === 'item') out.push({ menu, caption: i.caption, functionName: i.functionName });
        else if (i.type === 'submenu') walk(menu, i.items);
      }
    };
    for (const m of this.currentMenus()) walk(m.caption, m.items);
    return out;
  }

  /** The function a user clicking `caption` would run. */
  findMenuItem(caption: string): string | undefined {
    return this.menuItems().find((i) => i.caption === caption)?.functionName;
  }

  _addMenu(kind: RecordedMenu['kind'], caption: string, items: MenuEntry[]): void {
    this.menus.push({ kind, caption, items, ...this.stamp() });
  }

  _addHtml(kind: RecordedHtml['kind'], output: HtmlOutputImpl, title: string | null): void {
    const s = output._snapshot();
    const entry: RecordedHtml = {
      kind,
      title: title ?? s.title,
      width: kind === 'sidebar' ? (s.width ?? 300) : s.width,
      height: s.height,
      html: s.html,
      ...this.stamp(),
    };
    if (kind === 'sidebar') this.sidebars.push(entry);
    else this.dialogs.push(entry);
  }

  _answerAlert(buttons: ButtonSetName): ButtonName {
    const answer = this.alertAnswers.shift() ?? BUTTONS_OF[buttons][0];
    if (answer !== 'CLOSE' && !BUTTONS_OF[buttons].includes(answer)) {
      throw new Error(`emulator: queued alert answer ${answer} is not a button of ${buttons}`);
    }
    return answer;
  }

  _answerPrompt(buttons: ButtonSetName): { button: ButtonName; text: string } {
    const answer = this.promptAnswers.shift() ?? { button: BUTTONS_OF[buttons][0], text: '' };
    if (answer.button !== 'CLOSE' && !BUTTONS_OF[buttons].includes(answer.button)) {
      throw new Error(`emulator: queued prompt answer ${answer.button} is not a button of ${buttons}`);
    }
    return answer;
  }

  _recordAlert(a: Omit<RecordedAlert, 'executionId' | 'at'>): void {
    this.alerts.push({ ...a, ...this.stamp() });
  }

  clear(): void {
    this.menus = [];
    this.sidebars = [];
    this.dialogs = [];
    this.alerts = [];
    this.toasts = [];
    this.alertAnswers = [];
    this.promptAnswers = [];
  }

  /** Every recording and queued answer, uncut (an emulator snapshot: core/snapshot.ts). */
  saveAll(): UiState & { alertAnswers: ButtonName[]; promptAnswers: Array<{ button: ButtonName; text: string }> } {
    const { menus, sidebars, dialogs, alerts, toasts, alertAnswers, promptAnswers } = this;
    return structuredClone({ menus, sidebars, dialogs, alerts, toasts, alertAnswers, promptAnswers });
  }

  loadAll(state: ReturnType<UiRecorder['saveAll']>): void {
    const copy = structuredClone(state);
    this.menus = copy.menus;
    this.sidebars = copy.sidebars;
    this.dialogs = copy.dialogs;
    this.alerts = copy.alerts;
    this.toasts = copy.toasts;
    this.alertAnswers = copy.alertAnswers;
    this.promptAnswers = copy.promptAnswers;
  }

  /** Saved: the current menus and the latest few of everything else, so a long-lived workspace file stays small. */
  save(): UiState {
    const recent = <T>(list: T[]): T[] => list.slice(-UI_HISTORY_SAVED);
    return JSON.parse(
      JSON.stringify({
        menus: this.currentMenus(),
        sidebars: recent(this.sidebars),
        dialogs: recent(this.dialogs),
        alerts: recent(this.alerts),
        toasts: recent(this.toasts),
      }),
    ) as UiState;
  }

  load(state: unknown): void {
    const s = (state ?? {}) as Partial<UiState>;
    const copy = <T>(v: T[] | undefined): T[] => (Array.isArray(v) ? (JSON.parse(JSON.stringify(v)) as T[]) : []);
    this.menus = copy(s.menus);
    this.sidebars = copy(s.sidebars);
    this.dialogs = copy(s.dialogs);
    this.alerts = copy(s.alerts);
    this.toasts = copy(s.toasts);
  }
}

const MENU_MEMBERS = new Set(['createAddonMenu', 'createMenu', 'Button', 'ButtonSet']);

export class UiImpl extends ServiceObject implements Partial<GoogleAppsScript.Base.Ui> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _recorder: UiRecorder,
  ) {
    super('Ui', _ctx);
  }

  override _requiredAuth(member: string): AuthModeName {
    if (MENU_MEMBERS.has(member)) return 'NONE';
    if (member === 'showSidebar' || member === 'showModalDialog' || member === 'showModelessDialog') return 'FULL';
    return 'LIMITED';
  }

  get Button(): typeof GoogleAppsScript.Base.Button {
    return Button as unknown as typeof GoogleAppsScript.Base.Button;
  }

  get ButtonSet(): typeof GoogleAppsScript.Base.ButtonSet {
    return ButtonSet as unknown as typeof GoogleAppsScript.Base.ButtonSet;
  }

  createAddonMenu(): GoogleAppsScript.Base.Menu {
    return new MenuImpl(this._ctx, this._recorder, 'addon', this._recorder.addonName)._api();
  }

  createMenu(caption: string): GoogleAppsScript.Base.Menu {
    if (caption === undefined || caption === null || String(caption) === '') throw new AppsScriptException('Invalid argument: caption');
    return new MenuImpl(this._ctx, this._recorder, 'custom', String(caption))._api();
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this._recorder._addHtml('sidebar', unwrap(userInterface, HtmlOutputImpl, 'userInterface'), null);
  }

  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this._recorder._addHtml('modal', unwrap(userInterface, HtmlOutputImpl, 'userInterface'), String(title ?? ''));
  }

  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this._recorder._addHtml('modeless', unwrap(userInterface, HtmlOutputImpl, 'userInterface'), String(title ?? ''));
  }

  alert(a: string, b?: string | GoogleAppsScript.Base.ButtonSet, c?: GoogleAppsScript.Base.ButtonSet): GoogleAppsScript.Base.Button {
    const { title, prompt, buttons } = dialogArgs(a, b, c);
    const answer = this._recorder._answerAlert(buttons);
    this._recorder._recordAlert({ kind: 'alert', title, prompt, buttons, answer });
    return asGas<GoogleAppsScript.Base.Button>(Button[answer]);
  }

  prompt(a: string, b?: string | GoogleAppsScript.Base.ButtonSet, c?: GoogleAppsScript.Base.ButtonSet): GoogleAppsScript.Base.PromptResponse {
    const { title, prompt, buttons } = dialogArgs(a, b, c, 'OK');
    const answer = this._recorder._answerPrompt(buttons);
    this._recorder._recordAlert({ kind: 'prompt', title, prompt, buttons, answer: answer.button, responseText: answer.text });
    return new PromptResponseImpl(this._ctx, answer.button, answer.text)._api();
  }
}

function dialogArgs(a: unknown, b: unknown, c: unknown, defaultSet: ButtonSetName = 'OK'): { title: string; prompt: string; buttons: ButtonSetName } {
  if (c !== undefined) return { title: String(a ?? ''), prompt: String(b ?? ''), buttons: enumName(c, ButtonSet, 'buttons') };
  if (b !== undefined) return { title: '', prompt: String(a ?? ''), buttons: enumName(b, ButtonSet, 'buttons') };
  return { title: '', prompt: String(a ?? ''), buttons: defaultSet };
}

export class PromptResponseImpl extends ServiceObject implements Partial<GoogleAppsScript.Base.PromptResponse> {
  constructor(
    ctx: EmulatorContext,
    private readonly _button: ButtonName,
    private readonly _text: string,
  ) {
    super('PromptResponse', ctx);
  }

  getResponseText(): string {
    return this._text;
  }

  getSelectedButton(): GoogleAppsScript.Base.Button {
    return asGas<GoogleAppsScript.Base.Button>(Button[this._button]);
  }
}

export class MenuImpl extends ServiceObject implements Partial<GoogleAppsScript.Base.Menu> {
  readonly _items: MenuEntry[] = [];

  constructor(
    ctx: EmulatorContext,
    private readonly _recorder: UiRecorder,
    private readonly _kind: RecordedMenu['kind'],
    readonly _caption: string,
  ) {
    super('Menu', ctx);
  }

  override _requiredAuth(): AuthModeName {
    return 'NONE';
  }

  addItem(caption: string, functionName: string): GoogleAppsScript.Base.Menu {
    if (caption === undefined || caption === null || String(caption) === '') throw new AppsScriptException('Invalid argument: caption');
    if (functionName === undefined || functionName === null || String(functionName) === '') throw new AppsScriptException('Invalid argument: functionName');
    this._items.push({ type: 'item', caption: String(caption), functionName: String(functionName) });
    return this._api();
  }

  addSeparator(): GoogleAppsScript.Base.Menu {
    this._items.push({ type: 'separator' });
    return this._api();
  }

  addSubMenu(menu: GoogleAppsScript.Base.Menu): GoogleAppsScript.Base.Menu {
    const sub = unwrap(menu, MenuImpl, 'menu');
    this._items.push({ type: 'submenu', caption: sub._caption, items: JSON.parse(JSON.stringify(sub._items)) as MenuEntry[] });
    return this._api();
  }

  addToUi(): void {
    this._recorder._addMenu(this._kind, this._caption, JSON.parse(JSON.stringify(this._items)) as MenuEntry[]);
  }
}

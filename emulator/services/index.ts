import { EmulatorContext } from '../core/context';
import { FormStore, FormAppImpl } from './forms';
import { CacheServiceImpl, CacheStores } from './cache';
import { DriveAppImpl, DriveStore } from './drive';
import { ConsoleImpl, ExecutionLog, LoggerImpl } from './log';
import { HtmlServiceImpl } from './html';
import { LockServiceImpl, LockTable } from './lock';
import { MailAppImpl, MailStore } from './mail';
import { PropertiesServiceImpl, PropertyStores } from './properties';
import { ScriptAppImpl } from './script-app';
import { SessionImpl } from './session';
import { UiImpl, UiRecorder } from './ui';
import { UtilitiesImpl } from './utilities';
import { NetworkStore, UrlFetchAppImpl } from './url-fetch';
import { MimeType } from './enums';
import { TriggerRegistry } from '../triggers/registry';
import { TimeTriggers } from '../triggers/time';

export * as enums from './enums';
export { AuthMode } from './enums';
export type { TriggerRecord, TriggerRun, ClockSchedule } from '../triggers/registry';
export type { FormSubmitResult, SubmitOptions, FormData } from './forms';
export type { SentMail } from './mail';
export type { RecordedMenu, RecordedHtml, RecordedAlert, RecordedToast, MenuEntry } from './ui';
export type { LogEntry } from './log';
export type { DriveFileListing, DriveFileRecord } from './drive';
export type { RecordedFetch } from './url-fetch';
export { UiRecorder, TriggerRegistry, TimeTriggers, FormStore, MailStore, LockTable, ExecutionLog, PropertyStores, CacheStores, DriveStore, NetworkStore };

/** The globals a script sees (all facades, or the `console` object). */
export interface ServiceGlobals {
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  LockService: GoogleAppsScript.Lock.LockService;
  Session: GoogleAppsScript.Base.Session;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  Logger: GoogleAppsScript.Base.Logger;
  console: Console;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  MailApp: GoogleAppsScript.Mail.MailApp;
  FormApp: GoogleAppsScript.Forms.FormApp;
  DriveApp: GoogleAppsScript.Drive.DriveApp;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  /** Base.MimeType: a frozen object of MIME-type strings (MimeType.CSV === 'text/csv'). */
  MimeType: GoogleAppsScript.Base.MimeType;
}

/** Uncounted machinery for the Emulator and tests. */
export interface ServiceInternals {
  /** Menus, sidebars, dialogs, alerts (with answer queues) and toasts (recordToast for Spreadsheet.toast). */
  ui: UiRecorder;
  /** Sent mail (`mail.outbox`) and the daily recipient quota. */
  mail: MailStore;
  /** Installable triggers: list/get/delete/fire, runs log, setAddonTriggerLimits(enforce). */
  triggers: TriggerRegistry;
  /** Time-driven triggers: fire(uidOrHandler), dueBetween(from, to), runDue(to). */
  timeTriggers: TimeTriggers;
  /** Forms and responses: submit(formId, answers, options), fireDuplicateOfLastSubmit(), byDestination(ssId). */
  forms: FormStore;
  /** Lock ownership by execution id (tryAcquire/release/releaseAll/holder), and every hold for the benchmark (holds(), clearHolds()). */
  locks: LockTable;
  /** Logger and console output by execution. */
  log: ExecutionLog;
  properties: PropertyStores;
  cache: CacheStores;
  /** Drive files (DriveApp): list() → { id, name, mimeType, content, owner, createdAt, trashed }[], get(id) with the bytes. */
  drive: DriveStore;
  /** UrlFetchApp's requests (`network.requests`, `network.to(prefix)`), its daily quota and its transport. */
  network: NetworkStore;
  /** Adds globals visible to HtmlTemplate scriptlets (e.g. SpreadsheetApp, script functions like include). */
  setTemplateGlobals(provider: () => Record<string, unknown>): void;
}

export interface ServicesState {
  version: 1;
  properties: unknown;
  cache: unknown;
  triggers: unknown;
  mail: unknown;
  forms: unknown;
  ui: unknown;
  log: unknown;
  /** Absent in workspaces saved before DriveApp existed. */
  drive?: unknown;
}

export interface Services extends ServiceInternals {
  globals: ServiceGlobals;
  /** What SpreadsheetApp.getUi() returns (one Ui facade per emulator). */
  uiFactory: () => GoogleAppsScript.Base.Ui;
  /** JSON-safe snapshot of every service's state (dates as ISO strings). */
  save(): ServicesState;
  load(state: unknown): void;
}

export function createServices(ctx: EmulatorContext, options: { addonName?: string } = {}): Services {
  const log = new ExecutionLog(ctx);
  const properties = new PropertyStores();
  const cache = new CacheStores(() => ctx.clock.nowMs());
  // The latency model's running total (core/latency.ts), read when a hold begins and ends: the Google time a hold spans.
  const modelledMs = () => (ctx as { timing?: { totals: { modelledMs: number } } }).timing?.totals.modelledMs ?? 0;
  const locks = new LockTable({ calls: ctx.calls, executions: ctx.executions, modelledMs });
  ctx.executions.onEnd((execution) => locks.releaseAll(execution.id));
  const ui = new UiRecorder(ctx, options.addonName);
  const mail = new MailStore(ctx);
  const triggers = new TriggerRegistry(ctx);
  const timeTriggers = new TimeTriggers(ctx, triggers);
  const forms = new FormStore(ctx, triggers);
  ctx.formUrlOfSheet = (spreadsheetId, sheetId) => forms.formUrlOfSheet(spreadsheetId, sheetId);
  const drive = new DriveStore(ctx, (id) => forms.get(id) !== undefined);
  const network = new NetworkStore(ctx);

  const html = new HtmlServiceImpl(ctx);
  const uiImpl = new UiImpl(ctx, ui);

  const globals: ServiceGlobals = {
    PropertiesService: new PropertiesServiceImpl(ctx, properties)._api(),
    CacheService: new CacheServiceImpl(ctx, cache)._api(),
    LockService: new LockServiceImpl(ctx, locks)._api(),
    Session: new SessionImpl(ctx)._api(),
    Utilities: new UtilitiesImpl(ctx)._api(),
    Logger: new LoggerImpl(ctx, log)._api(),
    console: new ConsoleImpl(ctx, log)._api(),
    HtmlService: html._api(),
    ScriptApp: new ScriptAppImpl(ctx, triggers, forms)._api(),
    MailApp: new MailAppImpl(ctx, mail)._api(),
    FormApp: new FormAppImpl(ctx, forms)._api(),
    DriveApp: new DriveAppImpl(ctx, drive)._api(),
    UrlFetchApp: new UrlFetchAppImpl(ctx, network)._api(),
    MimeType: MimeType as GoogleAppsScript.Base.MimeType,
  };
  let extraTemplateGlobals: () => Record<string, unknown> = () => ({});
  html._templateGlobals = () => ({ ...globals, ...extraTemplateGlobals() });

  return {
    globals,
    uiFactory: () => uiImpl._api(),
    ui,
    mail,
    triggers,
    timeTriggers,
    forms,
    locks,
    log,
    properties,
    cache,
    drive,
    network,
    setTemplateGlobals(provider) {
      extraTemplateGlobals = provider;
    },
    save(): ServicesState {
      return {
        version: 1,
        properties: properties.save(),
        cache: cache.save(),
        triggers: triggers.save(),
        mail: mail.save(),
        forms: forms.save(),
        ui: ui.save(),
        log: log.save(),
        drive: drive.save(),
      };
    },
    load(state: unknown): void {
      const s = (state ?? {}) as Partial<ServicesState>;
      properties.load(s.properties);
      cache.load(s.cache);
      triggers.load(s.triggers);
      mail.load(s.mail);
      forms.load(s.forms);
      ui.load(s.ui);
      log.load(s.log);
      drive.load(s.drive);
      locks.clear();
    },
  };
}

import type { RandomSource } from './seeded-random';
import { CallCounter } from './calls';
import { Clock } from './clock';
import { ExecutionContext, ExecutionSpec } from './execution';
import { FacadeEnvironment } from './facade';
import { DEFAULT_EXECUTION_TIME_LIMITS, DEFAULT_LATENCY, ExecutionTimeLimits, LatencyOptions } from './latency';
import { DEFAULT_IDENTITY, IdentityOptions, PeopleRegistry } from './people';
import { DEFAULT_URL_FETCH, UrlFetchOptions } from './url-fetch-options';

/** Settings of one emulated Apps Script project and its container spreadsheet. */
export interface EmulatorOptions {
  /** The manifest's timeZone: Session.getScriptTimeZone(), time-driven trigger events. */
  timeZone: string;
  /** The container spreadsheet's locale and time zone (dates in cells). */
  spreadsheetTimeZone: string;
  locale: string;
  /** Who owns the script and the spreadsheet (the installer of the add-on). */
  ownerEmail: string;
  scriptId: string;
  /** Where HtmlService reads the project's HTML files from (the built add-on: Sidebar.html, PublicSuffix.html, and the server-<group>.html files Code.js loads its code from). */
  buildDir: string;
  /** 'consumer' (gmail.com) or 'workspace' quotas. */
  accountType: 'consumer' | 'workspace';
  /**
   * 'editor-add-on' (this project): a time-driven trigger belongs to the script, not to a
   * document, so its executions have no active spreadsheet and no document properties
   * (getActiveSpreadsheet() and getDocumentProperties() return null). 'bound-script': they do.
   */
  projectKind: 'editor-add-on' | 'bound-script';
  /**
   * Characters of developer-metadata keys plus values one location (the spreadsheet) may
   * hold. UNVERIFIED figure (30,000): see spreadsheet/developer-metadata.ts.
   */
  developerMetadataCharsPerLocation: number;
  /**
   * Whether a sheet protection (not warning-only) that does not let a person edit also stops them
   * inserting, updating or removing that sheet's charts ("You are trying to edit a protected cell
   * or object"). The Sheets UI's reading: a chart is an object on the sheet; range protections do
   * not cover it. UNVERIFIED for Apps Script (spreadsheet/charts.ts). Default true; false: only
   * view-only people are refused.
   */
  chartsFollowSheetProtection: boolean;
  /** What Google reveals of people (Session.getActiveUser(), an event's user): see core/people.ts. */
  identity: IdentityOptions;
  /**
   * Changing a protection needs the right to edit what it protects (the owner, its editors;
   * anyone for a warning-only one). A reading of the Sheets UI's rules, UNVERIFIED for the
   * API (spreadsheet/protection.ts). Default true.
   */
  protectionChangesNeedEditRights: boolean;
  /**
   * Whether FormApp.create makes a published form. Forms created through Google's APIs after
   * 30 June 2026 start unpublished and receive no responses until published
   * (developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms); that
   * FormApp.create follows the API is the emulator's reading. Default false.
   */
  formsStartPublished: boolean;
  /**
   * Whether Form.setAcceptingResponses and Form.getPublishedUrl throw "Operation not supported
   * on unpublished form" on an unpublished form, as users have reported (third-party
   * observations, UNVERIFIED by Google's reference; services/forms.ts). Default true; false:
   * they work, and the form still takes no responses until published.
   */
  formsUnpublishedOperationsThrow: boolean;
  /**
   * Which kind of email collection Form.setCollectEmail(true) turns on for a form that collected
   * none. A GUESS: Google's reference says only that it "sets whether the form collects
   * respondents' email addresses"; Google Forms now offers Verified and Responder input, and
   * before Verified existed a consumer form asked for a typed address. Default 'RESPONDER_INPUT'
   * (the one that proves nothing); Form.setEmailCollectionType chooses explicitly.
   */
  formsCollectEmailType: 'VERIFIED' | 'RESPONDER_INPUT';
  /**
   * The latency model: each counted call advances the virtual clock by an ESTIMATED cost
   * (core/latency.ts says what the defaults rest on). Default { enabled: false, scale: 1, costs: {} }.
   */
  latency: LatencyOptions;
  /**
   * How long an execution may run on the virtual clock before its next call throws "Exceeded
   * maximum execution time": Google's 6 minutes, 30 s for custom functions and simple triggers.
   */
  executionTimeLimits: ExecutionTimeLimits;
  /**
   * UrlFetchApp's network (services/url-fetch.ts): `routes` sends an origin to a local server like a
   * hosts file (`{ 'https://api.hubapi.com': 'http://127.0.0.1:5123' }`), `allowHosts` names hosts
   * reached as they are besides loopback, `timeoutMs` is one request's deadline (60 s, as Google's).
   */
  urlFetch: UrlFetchOptions;
}

/** What `new Emulator(…)` takes: any option, and any part of `identity`, `latency` and `executionTimeLimits`. */
export type EmulatorOverrides = Partial<Omit<EmulatorOptions, 'identity' | 'latency' | 'executionTimeLimits' | 'urlFetch'>> & {
  identity?: Partial<IdentityOptions>;
  urlFetch?: Partial<UrlFetchOptions>;
  latency?: Partial<LatencyOptions>;
  executionTimeLimits?: Partial<ExecutionTimeLimits>;
};

/** Saved options under overrides, nested parts merged (Emulator.fromJSON). */
export function mergeOverrides(saved: EmulatorOverrides, overrides: EmulatorOverrides): EmulatorOverrides {
  return {
    ...saved,
    ...overrides,
    identity: { ...(saved.identity ?? {}), ...(overrides.identity ?? {}) },
    latency: { ...(saved.latency ?? {}), ...(overrides.latency ?? {}) },
    executionTimeLimits: { ...(saved.executionTimeLimits ?? {}), ...(overrides.executionTimeLimits ?? {}) },
    urlFetch: { ...(saved.urlFetch ?? {}), ...(overrides.urlFetch ?? {}) },
  };
}

/** The origin of executions started by a time-driven trigger. */
export const TIME_DRIVEN_ORIGIN = 'trigger:timeDriven';

/**
 * The running execution's container document (SpreadsheetApp.getActiveSpreadsheet(),
 * document properties, cache and lock), or null where it has none (an editor add-on's
 * time-driven run). Code a test calls directly runs in the emulator's active spreadsheet.
 */
export function documentOf(ctx: { executions: ExecutionContext; spreadsheets: SpreadsheetInternals }): string | null {
  const documentId = ctx.executions.current().documentId;
  if (documentId !== undefined) return documentId;
  return ctx.spreadsheets.activeSpreadsheetId() || null;
}

/** How the emulator calls into the script under test (the bundle in a vm, or functions in-process). */
export interface ScriptHost {
  /** Whether the script defines a callable top-level function of that name. */
  has(name: string): boolean;
  /** Calls a top-level function as Apps Script would, inside a new execution. */
  invoke(name: string, args: unknown[], execution: ExecutionSpec): unknown;
}

/**
 * What every emulated service receives. Services keep their own state and expose
 * it to the rest of the emulator through plain TypeScript (uncounted); scripts
 * only ever see facades (see core/facade.ts).
 */
export interface EmulatorContext extends FacadeEnvironment {
  readonly options: EmulatorOptions;
  readonly clock: Clock;
  readonly calls: CallCounter;
  readonly executions: ExecutionContext;
  /** Set once a script is attached; triggers fire through it. */
  script: ScriptHost | null;
  /** Uncounted access to spreadsheets for other services (FormApp destinations, trigger events). */
  readonly spreadsheets: SpreadsheetInternals;
  /** Who is who, and what Google reveals of them (core/people.ts). */
  readonly people: PeopleRegistry;
  /** The form that sends its responses to a sheet, as Sheet.getFormUrl gives it (set by the Forms service), or null. */
  formUrlOfSheet: (spreadsheetId: string, sheetId: number) => string | null;
  /** Seeded randomness for Utilities.getUuid (Emulator#seedRandomness; absent: truly random, as Google). */
  random?: RandomSource | null;
}

/**
 * What the spreadsheet side offers the other emulated services. None of it is
 * counted as a script call: it is Google's own machinery (e.g. a form writing its
 * response row), not the script.
 */
export interface SpreadsheetInternals {
  exists(spreadsheetId: string): boolean;
  /** What Drive knows of a spreadsheet: its name, owner, and whether a script created it (null when there is none). */
  driveInfo(spreadsheetId: string): { name: string; owner: string; createdByScript: boolean; createdAt?: string } | null;
  /** The emulator's active spreadsheet: the container of executions that name none (documentOf gives the running one's). */
  activeSpreadsheetId(): string;
  /** A spreadsheet's sharing (null when there is none), and the log of Google's share emails. */
  /** The IDs of every spreadsheet (Drive's search by name reaches the ones a script created). */
  spreadsheetIds(): string[];
  shareable(spreadsheetId: string): import('../spreadsheet/sharing').Shareable | null;
  sharingLog(): import('../spreadsheet/sharing').SharingLog;
  /** Adds a responses sheet named as Google does ("Form Responses 1", "Form Responses 2", …) at the first position, with this header row. */
  addFormResponsesSheet(spreadsheetId: string, headers: string[]): { name: string; sheetId: number };
  /** A sheet's current name (null once deleted): a form follows its responses sheet through renames. */
  sheetNameById(spreadsheetId: string, sheetId: number): string | null;
  sheetIdByName(spreadsheetId: string, sheetName: string): number | null;
  /** Adds any missing header titles at the end of row 1; returns the full header row. */
  ensureHeaders(spreadsheetId: string, sheetName: string, headers: string[]): string[];
  /** Appends a row (growing the sheet if needed); values are stored as a script's setValues would. */
  appendRow(spreadsheetId: string, sheetName: string, values: unknown[]): { row: number; displayValues: string[] };
  /** Facades, for event objects handed to the script. */
  spreadsheetFacade(spreadsheetId: string): GoogleAppsScript.Spreadsheet.Spreadsheet;
  rangeFacade(spreadsheetId: string, sheetName: string, row: number, column: number, numRows?: number, numColumns?: number): GoogleAppsScript.Spreadsheet.Range;
  rangeFacadeBySheetId(spreadsheetId: string, sheetId: number, rect: { row: number; column: number; numRows: number; numColumns: number }): GoogleAppsScript.Spreadsheet.Range;
}

export function defaultOptions(overrides: EmulatorOverrides = {}): EmulatorOptions {
  const timeZone = overrides.timeZone ?? 'Etc/UTC';
  return {
    timeZone,
    spreadsheetTimeZone: overrides.spreadsheetTimeZone ?? timeZone,
    locale: 'en_US',
    ownerEmail: 'owner@example.com',
    scriptId: 'emulated-script-id',
    buildDir: 'build',
    accountType: 'consumer',
    projectKind: 'editor-add-on',
    developerMetadataCharsPerLocation: 30000,
    chartsFollowSheetProtection: true,
    protectionChangesNeedEditRights: true,
    formsStartPublished: false,
    formsUnpublishedOperationsThrow: true,
    formsCollectEmailType: 'RESPONDER_INPUT',
    ...overrides,
    identity: { ...DEFAULT_IDENTITY, ...(overrides.identity ?? {}) },
    latency: { ...DEFAULT_LATENCY, ...(overrides.latency ?? {}), costs: { ...(overrides.latency?.costs ?? {}) } },
    executionTimeLimits: { ...DEFAULT_EXECUTION_TIME_LIMITS, ...(overrides.executionTimeLimits ?? {}) },
    urlFetch: { ...DEFAULT_URL_FETCH, ...(overrides.urlFetch ?? {}), routes: { ...(overrides.urlFetch?.routes ?? {}) }, allowHosts: [...(overrides.urlFetch?.allowHosts ?? [])] },
  };
}

import type { MenuEntry } from '../services/ui';
import type { GridRect } from '../spreadsheet/a1';
import type { ServerReply } from './shim/protocol';

/** The JSON the workspace server and page exchange (types only: imported by both sides). */

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  background?: string;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
}

export interface SheetView {
  name: string;
  hidden: boolean;
  tabColor: string | null;
  frozenRows: number;
  frozenColumns: number;
  lastRow: number;
  lastColumn: number;
  maxRows: number;
  maxColumns: number;
  /** Widths in pixels of the columns to draw (at least A..Z, or every column with data; 100 where unset). */
  columnWidths: number[];
  /** Display values of the first rows (at most the workspace's row limit). */
  rows: string[][];
  /** Formulas of the same cells ('' where none). */
  formulas: string[][];
  /** Sparse [row, column, index into WorkspaceState.styles], 1-based. */
  styledCells: Array<[number, number, number]>;
  /** Sparse [row, column, note text], 1-based. */
  notes: Array<[number, number, string]>;
  /** Warning-only protections: Sheets asks "Heads up!" before a person edits these cells (the owner too). */
  warningProtections: WarningProtection[];
  /** Embedded charts laid over the grid, with their data as the cells hold it now (chart-view.ts). */
  charts: ChartView[];
}

/** One embedded chart as the page draws it (page/chart-drawing.ts). */
export interface ChartView {
  id: number;
  /** A Charts.ChartType name; types the page does not draw get a labelled placeholder. */
  type: string;
  title: string;
  xAxisTitle: string;
  yAxisTitle: string;
  legend: 'top' | 'right' | 'bottom' | 'none';
  colors: string[];
  stacked: boolean;
  /** 0 for a full pie; up to 0.9 for a donut. */
  pieHole: number;
  /** 1-based anchor cell and pixel offsets from its top-left corner. */
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
  /** Category labels (the first column, or 1, 2, 3…). */
  categories: string[];
  /** One per value column; null where a cell holds no number. */
  series: Array<{ name: string; values: Array<number | null> }>;
  /** More rows than the page draws. */
  truncated: boolean;
}

export interface WarningProtection {
  description: string;
  /** The protected range; null for a whole-sheet protection. */
  rect: GridRect | null;
  /** For a whole-sheet protection: ranges left editable. */
  unprotected: GridRect[];
}

export interface MenuView {
  kind: 'addon' | 'custom';
  caption: string;
  items: MenuEntry[];
}

export interface OutboxSummary {
  index: number;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  sentAt: string;
}

/** One request the add-on made with UrlFetchApp, as the Requests list shows it. */
export interface RequestSummary {
  index: number;
  at: string;
  method: string;
  url: string;
  /** The response code, or null when no answer came (then `error` says why). */
  status: number | null;
  error: string | null;
}

/** One request whole: where it really went, as whom, its headers (credentials hidden) and payload. */
export interface RequestDetail extends RequestSummary {
  user: string;
  sentTo: string | null;
  headers: Array<{ name: string; value: string }>;
  payload: string | null;
}

export interface OutboxMessage extends OutboxSummary {
  replyTo: string | null;
  body: string;
  htmlBody: string | null;
  attachments: Array<{ name: string | null; contentType: string | null; size: number }>;
}

/** A file in the emulated Drive (DriveApp), as the Files list shows it. */
export interface DriveFileSummary {
  id: string;
  name: string;
  mimeType: string;
  /** Bytes. */
  size: number;
  /** ISO timestamp. */
  createdAt: string;
  owner: string;
  trashed: boolean;
  /** Where the page downloads it from (Content-Disposition: attachment); '' for a spreadsheet. */
  downloadUrl: string;
  /** A spreadsheet the add-on created (a partner sheet, an archive): where the page reads it as the chosen person. */
  openUrl?: string;
}

/** A spreadsheet as the chosen person may read it (files-view.ts): every tab's shown values. */
export interface SpreadsheetReadView {
  id: string;
  name: string;
  /** Who it was opened as, and whether they may change it (a viewer may not). */
  person: string;
  canEdit: boolean;
  sheets: Array<{ name: string; rows: string[][] }>;
}

/** A Google Form in the emulator, as the Forms list shows it. */
export interface FormSummary {
  id: string;
  title: string;
  description: string;
  /** False until the add-on publishes it (forms made through the API start unpublished): respondents are refused. */
  published: boolean;
  acceptingResponses: boolean;
  /** Where responses go: the spreadsheet and the responses tab's current name (null when that tab was deleted). */
  destination: { spreadsheetId: string; spreadsheetName: string | null; sheetName: string | null; isThisSpreadsheet: boolean } | null;
  responseCount: number;
  publishedUrl: string;
}

export type FormQuestionKind = 'TEXT' | 'PARAGRAPH_TEXT' | 'LIST' | 'MULTIPLE_CHOICE';

/** One question as the live form renders it. */
export interface FormQuestionView {
  id: number;
  kind: FormQuestionKind;
  title: string;
  helpText: string;
  required: boolean;
  /** The choices of a list or multiple-choice question, in order. */
  choices: string[];
  /** Multiple choice with an "Other:" answer. */
  otherOption: boolean;
  /** Text validation: the rule (e.g. EMAIL), its arguments, and the custom error text ('' for Google's default). */
  validation: { rule: string; args: Array<number | string>; helpText: string } | null;
}

/** What the respondent's page needs to render a form. */
export interface FormView extends FormSummary {
  /** Shown after a submission (Google's default when the form sets none). */
  confirmationMessage: string;
  /** The form asks for the respondent's email address first (a typed one: RESPONDER_INPUT). */
  collectsEmail: boolean;
  /** The form records the respondent's signed-in Google account (VERIFIED): the person chosen under "You are:"; nothing is typed. */
  verifiesEmail: boolean;
  items: FormQuestionView[];
}

export interface FormSubmitRequest {
  /** Answers keyed by question id (or title), as text; a missing or empty answer is unanswered. */
  answers: Record<string, string>;
  /** For a form that collects email addresses. */
  respondentEmail?: string;
}

/** Why the form refused a submission, beside the question it concerns. */
export interface FormFieldError {
  /** The question, or null for the respondent-email field or the form as a whole. */
  itemId: number | null;
  field: 'item' | 'email' | 'form';
  /** The question title (or the answer key the form did not recognise). */
  title: string;
  reason: string;
}

export interface FormTriggerRunView {
  handler: string;
  ok: boolean;
  error?: string;
}

/** A trigger that ran after a person's edit or change (a failure is Google's to log, not the person's to see). */
export type TriggerRunView = FormTriggerRunView;

export type FormSubmitResponse =
  | {
      accepted: true;
      responseId: string;
      confirmationMessage: string;
      /** Where the response row went (null when the form has no destination sheet). */
      written: { spreadsheetId: string; sheetName: string; row: number } | null;
      /** The onFormSubmit triggers that ran, in order. */
      runs: FormTriggerRunView[];
      effects: Effects;
    }
  | { accepted: false; errors: FormFieldError[]; effects: Effects };

/** A person who can use the workspace (the person switcher). */
export interface PersonView {
  /** How requests name them: their email, or an anonymous editor's internal id (anonymous-1@emulator.invalid). */
  id: string;
  /** The email shown ('' for an anonymous editor: nobody, script or person, learns who they are). */
  email: string;
  name: string;
  kind: 'consumer' | 'workspace' | 'anonymous';
  /** "Workspace", "personal Google account", "anonymous link editor". */
  kindLabel: string;
  /** The spreadsheet's (and the add-on's installable triggers') owner. */
  isOwner: boolean;
  /** Menu items, sidebars and google.script.run run for them (not for an anonymous editor). */
  canRunAddOn: boolean;
  /** What the owner's installable edit and change triggers get as `e.user` when this person edits ('' = a blank user). */
  revealedToOwnerTriggers: string;
}

export interface PeopleResponse {
  /** The id of the person the workspace acts as. */
  person: string;
  people: PersonView[];
}

export interface WorkspaceState {
  spreadsheetName: string;
  activeSheet: string;
  owner: string;
  /** The id of the person everything the page does runs as (PersonView.id). */
  person: string;
  people: PersonView[];
  rowLimit: number;
  /** The last save of the workspace file failed: what happened since is only in memory. */
  saveError: string | null;
  sheets: SheetView[];
  styles: CellStyle[];
  menus: MenuView[];
  outbox: OutboxSummary[];
  /** UrlFetchApp's requests, oldest first (not saved with the workspace). */
  requests: RequestSummary[];
  forms: FormSummary[];
  /** Drive files the add-on created, oldest first (trashed ones included, marked). */
  files: DriveFileSummary[];
  /** The emulator's clock (clock-control.ts). */
  clock: ClockView;
}

export interface AlertView {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: string;
  /** The button the emulator answered with on the script's behalf. */
  answer: string;
}

export interface ToastView {
  title: string;
  message: string;
  timeoutSeconds: number;
}

/** An HTML surface the script showed: a sidebar, or a modal/modeless dialog. */
export interface HtmlSurfaceView {
  kind: 'sidebar' | 'modal' | 'modeless';
  /** Where the page loads it from (the recorded HTML with the google.script shim injected). */
  src: string;
  title: string;
  width: number | null;
  height: number | null;
}

/** What a person would notice after a script ran. */
export interface Effects {
  alerts: AlertView[];
  toasts: ToastView[];
  /** The last sidebar shown during the request, if any. */
  sidebar: HtmlSurfaceView | null;
  /** The last dialog shown during the request, if any. */
  dialog: HtmlSurfaceView | null;
}

export interface ScriptFailure {
  name: string;
  message: string;
}

export interface MenuRunResponse {
  ok: boolean;
  error?: ScriptFailure;
  /** Nothing ran: the person cannot run add-on code (an anonymous editor); says why. */
  unavailable?: string;
  effects: Effects;
}

export interface ScriptRunResponse {
  reply: ServerReply;
  effects: Effects;
}

export interface EditResponse {
  accepted: boolean;
  /** Why Sheets refused the edit. */
  reason?: string;
  /** The emulator failed after the edit was made (the edit itself stands). */
  error?: ScriptFailure;
  /** The edit triggers that ran (simple onEdit, installable edit and change triggers), in order. */
  runs?: TriggerRunView[];
  effects: Effects;
}

/** A block a person pasted or cleared: one edit over the whole block. */
export interface BlockEditResponse extends EditResponse {
  /** The block, 1-based ('Sheet'!A1 notation in `a1`). */
  range: { sheet: string; row: number; column: number; numRows: number; numColumns: number; a1: string };
}

/** A person's structural change: rows inserted or deleted, a tab renamed. */
export interface StructureResponse {
  accepted: boolean;
  /** Why Sheets refused it (Google's protection message, or the message of an impossible change). */
  reason?: string;
  /** The change type the installable change triggers received (INSERT_ROW, REMOVE_ROW, OTHER). */
  changeType?: string;
  /** The change triggers that ran, in order. */
  runs?: TriggerRunView[];
  effects: Effects;
}

export interface OpenResponse {
  state: WorkspaceState;
  /** onOpen threw (the menu may be missing). */
  error?: ScriptFailure;
  /** onOpen did not run: the person cannot run add-on code (an anonymous editor); says why. */
  unavailable?: string;
  effects: Effects;
}

/** POST /api/person: the file as the newly chosen person opens it (onOpen as them). */
export type PersonSwitchResponse = OpenResponse;

/** The emulator's clock as the page shows it (GET /api/clock, and in /api/state). */
export interface ClockView {
  /** The emulator's now (ISO 8601, UTC). */
  now: string;
  /** The same instant in the spreadsheet's time zone, e.g. "Tue, 10 Feb 2026, 10:00". */
  local: string;
  timeZone: string;
  /** True: it runs with real time (plus any advance); false: pinned, it moves only when advanced. */
  running: boolean;
  /** How many time-driven triggers are installed (none before the add-on's setup). */
  clockTriggers: number;
}

/** POST /api/clock/advance: `by` a step, or `to` a date (YYYY-MM-DD, same local time of day) or an ISO instant. */
export interface ClockAdvanceRequest {
  by?: 'hour' | 'day' | 'week';
  to?: string;
}

/** POST /api/clock/advance and /api/clock/run-triggers: the clock after, the trigger runs in order, the new state. */
export interface ClockResponse {
  clock: ClockView;
  runs: TriggerRunView[];
  state: WorkspaceState;
  effects: Effects;
}

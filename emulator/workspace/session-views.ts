import { Emulator, StructureOutcome } from '../index';
import { columnToLetters, quoteSheetName } from '../spreadsheet/a1';
import type { SheetModel } from '../spreadsheet/model';
import { clockView } from './clock-control';
import type { Effects, HtmlSurfaceView, OutboxMessage, OutboxSummary, RequestDetail, RequestSummary, ScriptFailure, StructureResponse, TriggerRunView, WorkspaceState } from './api-types';
import { fileSummaries } from './files-view';
import { formSummaries } from './forms-view';
import { RequestError } from './http-util';
import { personViews } from './people-view';
import { buildWorkbookView } from './workbook-view';

/** What the workspace session (session.ts) sends the page: the workbook and its surroundings, a sent message, what a person's action showed them, and the blocks they may act on. */

/** The most cells one paste or clear may cover (a whole 1,000-row tab of 26 columns fits). */
export const MAX_BLOCK_CELLS = 100_000;

/** Everything the page draws: the tabs, people, menus, the outbox, forms and files. */
export function workspaceStateView(emulator: Emulator, rowLimit: number, person: string, saveError: string | null): WorkspaceState {
  const workbook = buildWorkbookView(emulator, rowLimit);
  return {
    ...workbook,
    owner: emulator.ctx.options.ownerEmail,
    person: person,
    people: personViews(emulator),
    rowLimit: rowLimit,
    saveError: saveError,
    menus: emulator.services.ui.currentMenus().map((m) => ({ kind: m.kind, caption: m.caption, items: m.items })),
    outbox: emulator.services.mail.outbox.map(outboxSummary),
    requests: emulator.services.network.requests.map(requestSummary),
    forms: formSummaries(emulator),
    files: fileSummaries(emulator),
    clock: clockView(emulator),
  };
}

/** What the outbox list shows of one sent message. */
function outboxSummary(mail: Emulator['services']['mail']['outbox'][number], index: number): OutboxSummary {
  return { index, from: mail.from, to: mail.to, cc: mail.cc, bcc: mail.bcc, subject: mail.subject, sentAt: mail.sentAt };
}

/** One sent message, whole (404 for an unknown index). */
export function outboxMessageView(emulator: Emulator, index: number): OutboxMessage {
  const mail = emulator.services.mail.outbox[index];
  if (!Number.isInteger(index) || !mail) throw new RequestError(404, `There is no sent message number ${index}.`);
  return {
    ...outboxSummary(mail, index),
    replyTo: mail.replyTo,
    body: mail.body,
    htmlBody: mail.htmlBody,
    attachments: mail.attachments.map((a) => ({ name: a.name, contentType: a.contentType, size: a.size })),
  };
}

type RecordedRequest = Emulator['services']['network']['requests'][number];

function requestSummary(r: RecordedRequest, index: number): RequestSummary {
  return { index, at: r.at, method: r.method, url: r.url, status: r.status, error: r.error };
}

/** Headers that carry a credential: shown by kind only, so the page never displays a token (a HubSpot private-app token, a key). */
const CREDENTIAL_HEADERS = /^(authorization|proxy-authorization|cookie|x-api-key|api-key)$/i;

/** One request whole (404 for an unknown index), its credentials hidden. */
export function requestDetailView(emulator: Emulator, index: number): RequestDetail {
  const r = emulator.services.network.requests[index];
  if (!Number.isInteger(index) || !r) throw new RequestError(404, `There is no request number ${index}.`);
  const hidden = (value: string) => {
    const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
    return `${scheme ? `${scheme} ` : ''}(hidden)`;
  };
  const headers = Object.entries(r.headers).map(([name, value]) => ({ name, value: CREDENTIAL_HEADERS.test(name) ? hidden(value) : value }));
  return { ...requestSummary(r, index), user: r.user, sentTo: r.sentTo, headers, payload: r.payload };
}

/** Runs `body` and adds what it showed the person: new alerts and toasts, a sidebar or dialog opened. */
export function withEffects<T extends object>(emulator: Emulator, body: () => T): T & { effects: Effects } {
  const ui = emulator.services.ui;
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

/** 'Sheet'!A1 or 'Sheet'!A1:B2 for a block that must lie inside the tab (400 otherwise). */
export function blockA1(sheet: SheetModel, sheetName: string, row: number, column: number, numRows: number, numColumns: number, what: 'paste' | 'clear' | null = null): string {
  const whole = (n: number) => Number.isInteger(n) && n >= 1;
  if (!whole(row) || !whole(column) || row > sheet.maxRows || column > sheet.maxColumns) {
    throw new RequestError(400, `${sheetName} has ${sheet.maxRows} rows and ${sheet.maxColumns} columns; row ${row}, column ${column} is outside it.`);
  }
  if (!whole(numRows) || !whole(numColumns)) throw new RequestError(400, 'A block needs at least one row and one column.');
  if (numRows * numColumns > MAX_BLOCK_CELLS) throw new RequestError(413, `A ${what ?? 'block'} of ${numRows * numColumns} cells is more than the workspace takes at once (${MAX_BLOCK_CELLS}).`);
  const lastRow = row + numRows - 1;
  const lastColumn = column + numColumns - 1;
  if (lastRow > sheet.maxRows || lastColumn > sheet.maxColumns) {
    throw new RequestError(400, `The ${what ?? 'block'} (${numRows} × ${numColumns}) does not fit: ${sheetName} has ${sheet.maxRows} rows and ${sheet.maxColumns} columns.`);
  }
  const start = `${columnToLetters(column)}${row}`;
  const end = `${columnToLetters(lastColumn)}${lastRow}`;
  return `${quoteSheetName(sheetName)}!${start === end ? start : `${start}:${end}`}`;
}

export function runView(run: { handler: string; ok: boolean; error?: string }): TriggerRunView {
  return { handler: run.handler, ok: run.ok, ...(run.ok || run.error === undefined ? {} : { error: run.error }) };
}

export function structureReply(outcome: StructureOutcome): Omit<StructureResponse, 'effects'> {
  if (!outcome.accepted) return { accepted: false, reason: outcome.reason ?? 'Sheets refused the change.' };
  return { accepted: true, changeType: outcome.changeType, runs: (outcome.triggerRuns ?? []).map(runView) };
}

export function surface(recorded: { kind: HtmlSurfaceView['kind']; title: string; width: number | null; height: number | null }, src: string): HtmlSurfaceView {
  return { kind: recorded.kind, src, title: recorded.title, width: recorded.width, height: recorded.height };
}

export function messageOf(e: unknown): string {
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

import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '../index';
import type { BlockEditResponse, EditResponse, FormSubmitResponse, MenuRunResponse, OpenResponse, PersonSwitchResponse, ScriptRunResponse, StructureResponse } from './api-types';
import type { ClockAdvanceRequest, ClockResponse } from './api-types';
import { clockView } from './clock-control';
import { contentDisposition, downloadContentType, fileSummaries, requireFile, spreadsheetReadView } from './files-view';
import { formSummaries, parseSubmitRequest } from './forms-view';
import { buildWorkspaceAssets, findWorkspaceSourceDir, injectShim, WorkspaceAssets } from './assets';
import { assertLoopbackHost, assertNotFromAnotherSite, assertSameOrigin, objectBody, readJson, RequestError, sendBytes, sendJson, sendText } from './http-util';
import { SessionOptions, WorkspaceSession } from './session';

/**
 * The local workspace: an HTTP server on 127.0.0.1 that shows the emulated
 * spreadsheet with the built add-on in a browser page, and runs what the person
 * does (open, menu items, google.script.run, typing in cells) against the emulator.
 * State is saved after every mutating request and on close().
 */
export interface WorkspaceOptions extends SessionOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Interface to listen on; the workspace has no authentication, so loopback by default. */
  host?: string;
  /** The repository root, to find the page sources (found from this module's location when omitted). */
  projectDir?: string;
}

export interface RunningWorkspace {
  url: string;
  port: number;
  emulator: Emulator;
  session: WorkspaceSession;
  /** Saves and stops listening. */
  close(): Promise<void>;
}

const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent mail bodies are shown in a sandboxed frame: styles and inline images only, never scripts or remote loads. */
const MAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

/** Drive downloads are attachments; should a browser render one anyway (an HTML file), it gets no scripts and no loads. */
const DOWNLOAD_CSP = "default-src 'none'; sandbox";

export async function startWorkspace(options: WorkspaceOptions): Promise<RunningWorkspace> {
  const assets = await buildWorkspaceAssets(findWorkspaceSourceDir(options.projectDir));
  const session = WorkspaceSession.start(options);
  const host = options.host ?? '127.0.0.1';
  const loopbackOnly = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  const server = createServer((request, response) => {
    handle(session, assets, loopbackOnly, request, response).catch((e: unknown) => {
      const status = e instanceof RequestError ? e.status : 500;
      const message = e instanceof Error ? e.message : String(e);
      if (status === 500) (options.log ?? console.error)(`workspace: ${request.method} ${request.url} failed: ${e instanceof Error ? e.stack : message}`);
      if (!response.headersSent) sendJson(response, status, { error: message });
      else response.end();
    });
  });
  const port = await listen(server, options.port ?? 8080, host);
  let closed: Promise<void> | null = null;
  return {
    url: `http://localhost:${port}/`,
    port,
    emulator: session.emulator,
    session,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        let saveFailure: unknown = null;
        try {
          session.save();
        } catch (e) {
          saveFailure = e;
        }
        // Stop listening either way; then report a failed save to the caller.
        server.close(() => (saveFailure ? reject(saveFailure) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function handle(session: WorkspaceSession, assets: WorkspaceAssets, loopbackOnly: boolean, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (loopbackOnly) assertLoopbackHost(request);
  const url = new URL(request.url ?? '/', 'http://workspace.invalid');
  const route = `${request.method ?? 'GET'} ${url.pathname}`;

  if (request.method === 'GET' || request.method === 'HEAD') {
    switch (url.pathname) {
      case '/':
        return sendText(response, 200, 'text/html', assets.indexHtml, { 'Content-Security-Policy': PAGE_CSP });
      case '/app.js':
        return sendText(response, 200, 'text/javascript', assets.appJs);
      case '/app.css':
        return sendText(response, 200, 'text/css', assets.appCss);
      case '/favicon.ico':
        response.writeHead(204).end();
        return;
      case '/api/state':
        return sendJson(response, 200, session.state());
      case '/api/forms':
        return sendJson(response, 200, { forms: formSummaries(session.emulator) });
      case '/api/files':
        return sendJson(response, 200, { files: fileSummaries(session.emulator) });
      case '/api/people':
        return sendJson(response, 200, session.people());
      case '/api/clock':
        return sendJson(response, 200, clockView(session.emulator));
    }
    const driveFile = /^\/api\/files\/([^/]+)$/.exec(url.pathname);
    if (driveFile) {
      // A download is only for this page (or a person pasting the address): not for other sites' links, scripts or fetches.
      assertSameOrigin(request);
      assertNotFromAnotherSite(request);
      const file = requireFile(session.emulator, decodeSegment(driveFile[1], 'file'));
      return sendBytes(response, 200, downloadContentType(file.mimeType), file.data, {
        'Content-Disposition': contentDisposition(file.name),
        'Content-Security-Policy': DOWNLOAD_CSP,
        'Cross-Origin-Resource-Policy': 'same-origin',
      });
    }
    const sheetFile = /^\/api\/spreadsheets\/([^/]+)$/.exec(url.pathname);
    // A spreadsheet the add-on created, read as the person the page has chosen (its sharing decides).
    if (sheetFile) return sendJson(response, 200, spreadsheetReadView(session.emulator, decodeSegment(sheetFile[1], 'spreadsheet'), session.person));
    const form = FORM_PATH.exec(url.pathname);
    if (form && !form[2]) return sendJson(response, 200, session.form(formIdOf(form[1])));
    const html = /^\/html\/(sidebar|dialog)\/(\d+)$/.exec(url.pathname);
    if (html) {
      const recorded = session.recordedHtml(html[1] as 'sidebar' | 'dialog', Number(html[2]));
      if (recorded === null) throw new RequestError(404, 'No such sidebar or dialog was shown.');
      // The add-on's own HTML, as HtmlService served it, with google.script available first.
      return sendText(response, 200, 'text/html', injectShim(recorded, assets.shimJs));
    }
    const fetched = /^\/api\/requests\/(\d+)$/.exec(url.pathname);
    if (fetched) return sendJson(response, 200, session.request(Number(fetched[1])));
    const mail = /^\/api\/outbox\/(\d+)(\/html)?$/.exec(url.pathname);
    if (mail) {
      const message = session.outboxMessage(Number(mail[1]));
      if (!mail[2]) return sendJson(response, 200, message);
      if (message.htmlBody === null) throw new RequestError(404, 'That message has no HTML body.');
      return sendText(response, 200, 'text/html', message.htmlBody, { 'Content-Security-Policy': MAIL_CSP });
    }
    throw new RequestError(404, `Not found: ${url.pathname}`);
  }

  if (request.method !== 'POST') throw new RequestError(405, `${request.method} is not supported.`);
  assertSameOrigin(request);
  const body = objectBody(await readJson(request));
  switch (route) {
    case 'POST /api/open': {
      const opened = session.openSpreadsheet();
      session.saveAfterChange();
      return sendJson(response, 200, openReply(session, opened));
    }
    case 'POST /api/person': {
      const switched = session.switchPerson(requireString(body, 'person'));
      session.saveAfterChange();
      const reply: PersonSwitchResponse = openReply(session, switched);
      return sendJson(response, 200, reply);
    }
    case 'POST /api/menu': {
      const reply: MenuRunResponse = session.runMenuItem(requireString(body, 'functionName'));
      session.saveAfterChange();
      return sendJson(response, 200, reply);
    }
    case 'POST /api/run': {
      const args = body.args === undefined ? [] : body.args;
      if (!Array.isArray(args)) throw new RequestError(400, '"args" must be an array.');
      const reply: ScriptRunResponse = session.runForClient(requireString(body, 'name'), args);
      session.saveAfterChange();
      return sendJson(response, 200, reply);
    }
    case 'POST /api/edit': {
      const value = body.value;
      if (typeof value !== 'string') throw new RequestError(400, '"value" must be the text the person typed.');
      const reply: EditResponse = session.editCell(requireString(body, 'sheet'), Number(body.row), Number(body.column), value);
      session.saveAfterChange();
      return sendJson(response, 200, reply);
    }
    case 'POST /api/paste': {
      const text = body.text;
      if (typeof text !== 'string' || text === '') throw new RequestError(400, '"text" must be the tab-separated text the person pasted.');
      const reply: BlockEditResponse = session.pasteText(requireString(body, 'sheet'), requireInteger(body, 'row'), requireInteger(body, 'column'), text);
      session.saveAfterChange();
      return sendJson(response, 200, reply);
    }
    case 'POST /api/clear': {
      const reply: BlockEditResponse = session.clearBlock(
        requireString(body, 'sheet'),
        requireInteger(body, 'row'),
        requireInteger(body, 'column'),
        requireInteger(body, 'numRows', 1),
        requireInteger(body, 'numColumns', 1),
      );
      session.saveAfterChange();
      return sendJson(response, 200, reply);
    }
    case 'POST /api/rows/insert': {
      const reply: StructureResponse = session.insertRows(requireString(body, 'sheet'), requireInteger(body, 'beforeRow'), requireInteger(body, 'count', 1));
      session.saveAfterChange();
      return sendJson(response, 200, reply);
    }
    case 'POST /api/rows/delete': {
      const reply: StructureResponse = session.deleteRows(requireString(body, 'sheet'), requireInteger(body, 'row'), requireInteger(body, 'count', 1));
      session.saveAfterChange();
      return sendJson(response, 200, reply);
    }
    case 'POST /api/sheets/rename': {
      const name = body.name;
      if (typeof name !== 'string') throw new RequestError(400, '"name" must be the new tab name.');
      const reply: StructureResponse = session.renameSheet(requireString(body, 'sheet'), name);
      session.saveAfterChange();
      return sendJson(response, 200, reply);
    }
    case 'POST /api/clock/advance': {
      const advanced = session.advanceClock({ by: body.by as ClockAdvanceRequest['by'], to: body.to as string | undefined });
      session.saveAfterChange();
      const reply: ClockResponse = { clock: clockView(session.emulator), runs: advanced.runs, state: session.state(), effects: advanced.effects };
      return sendJson(response, 200, reply);
    }
    case 'POST /api/clock/run-triggers': {
      const ran = session.runTimeTriggersNow();
      session.saveAfterChange();
      const reply: ClockResponse = { clock: clockView(session.emulator), runs: ran.runs, state: session.state(), effects: ran.effects };
      return sendJson(response, 200, reply);
    }
    case 'POST /api/activate': {
      session.activateSheet(requireString(body, 'sheet'));
      session.saveAfterChange();
      return sendJson(response, 200, {});
    }
  }
  const form = FORM_PATH.exec(url.pathname);
  if (form && form[2] === '/submit') {
    const reply: FormSubmitResponse = session.submitForm(formIdOf(form[1]), parseSubmitRequest(body));
    // A refused submission changes nothing; saving anyway keeps one rule for every POST.
    session.saveAfterChange();
    return sendJson(response, 200, reply);
  }
  throw new RequestError(404, `Not found: ${route}`);
}

/** /api/forms/{id} and /api/forms/{id}/submit; form ids are URL-safe, but a person may paste anything. */
const FORM_PATH = /^\/api\/forms\/([^/]+)(\/submit)?$/;

function formIdOf(segment: string): string {
  return decodeSegment(segment, 'form');
}

function decodeSegment(segment: string, what: 'form' | 'file' | 'spreadsheet'): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new RequestError(400, `The ${what} ID in the address is not valid.`);
  }
}

function openReply(session: WorkspaceSession, opened: ReturnType<WorkspaceSession['openSpreadsheet']>): OpenResponse {
  return {
    state: session.state(),
    effects: opened.effects,
    ...(opened.error ? { error: opened.error } : {}),
    ...(opened.unavailable ? { unavailable: opened.unavailable } : {}),
  };
}

/** A whole number (a row, a column, a count); `fallback` when the field is absent. */
function requireInteger(body: Record<string, unknown>, field: string, fallback?: number): number {
  const value = body[field] === undefined ? fallback : body[field];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new RequestError(400, `"${field}" must be a whole number.`);
  return value;
}

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new RequestError(400, `"${field}" must be a non-empty string.`);
  return value;
}

import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';

/**
 * Real HTTP from synchronous code. Apps Script's UrlFetchApp blocks the script until the answer
 * comes; Node's HTTP is asynchronous. So the requests go out from a worker thread while the
 * emulator's thread waits on a shared flag (Atomics.wait) and then takes the answer off a message
 * port (receiveMessageOnPort). The emulator's thread is blocked meanwhile: a server the requests
 * reach must run in another thread or process (tests/support/local-server.ts).
 */
export interface WireRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** The body, base64 (bytes as they go on the wire), or null for none. */
  body: string | null;
  timeoutMs: number;
}

export type WireAnswer =
  | { ok: true; status: number; rawHeaders: string[]; body: string; bodyBytes: number }
  /** refused: the connection was refused or reset; dns: the host has no address; timeout: no answer in time; other: anything else. */
  | { ok: false; kind: 'refused' | 'dns' | 'timeout' | 'other'; message: string };

/** The worker's code, evaluated as CommonJS (no file to find at run time, under jest or the workspace). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const https = require('node:https');
const port = workerData.port;
const MAX_BODY = workerData.maxBodyBytes;
function one(req) {
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer) => { if (!settled) { settled = true; resolve(answer); } };
    let target;
    try { target = new URL(req.url); } catch (e) { return done({ ok: false, kind: 'other', message: 'bad URL' }); }
    const lib = target.protocol === 'https:' ? https : http;
    const body = req.body === null ? null : Buffer.from(req.body, 'base64');
    const headers = Object.assign({}, req.headers);
    if (body !== null) headers['Content-Length'] = String(body.length);
    const r = lib.request(target, { method: req.method, headers, agent: false, rejectUnauthorized: false }, (res) => {
      const chunks = [];
      let size = 0;
      res.on('data', (c) => { size += c.length; if (size <= MAX_BODY) chunks.push(c); });
      res.on('end', () => done({ ok: true, status: res.statusCode, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks).toString('base64'), bodyBytes: size }));
      res.on('error', (e) => done({ ok: false, kind: 'other', message: String(e && e.message) }));
    });
    r.setTimeout(req.timeoutMs, () => { r.destroy(); done({ ok: false, kind: 'timeout', message: 'timeout' }); });
    r.on('error', (e) => {
      const code = e && e.code;
      const kind = code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' ? 'refused' : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'dns' : 'other';
      done({ ok: false, kind, message: String((e && e.message) || code) });
    });
    if (body !== null) r.write(body);
    r.end();
  });
}
port.on('message', async ({ requests, flag }) => {
  const answers = await Promise.all(requests.map(one));
  port.postMessage(answers);
  const view = new Int32Array(flag);
  Atomics.store(view, 0, 1);
  Atomics.notify(view, 0);
});
`;

export class SyncHttpTransport {
  private worker: Worker | null = null;
  private port: MessagePort | null = null;

  constructor(private readonly maxBodyBytes: number) {}

  /** Sends the requests together (fetchAll sends them in parallel) and waits for every answer. */
  send(requests: WireRequest[]): WireAnswer[] {
    const port = this.connect();
    const flag = new SharedArrayBuffer(4);
    const view = new Int32Array(flag);
    port.postMessage({ requests, flag });
    // A little beyond the longest deadline, so the worker's own timeout answers first.
    const waitMs = Math.max(...requests.map((r) => r.timeoutMs)) + 5_000;
    const state = Atomics.wait(view, 0, 0, waitMs);
    const message = receiveMessageOnPort(port);
    if (!message) {
      this.close();
      throw new Error(`url-fetch transport: no answer from the worker (${state})`);
    }
    return message.message as WireAnswer[];
  }

  close(): void {
    void this.worker?.terminate();
    this.port?.close();
    this.worker = null;
    this.port = null;
  }

  private connect(): MessagePort {
    if (this.port) return this.port;
    const { port1, port2 } = new MessageChannel();
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, maxBodyBytes: this.maxBodyBytes }, transferList: [port2] });
    // Never keeps a test process or the workspace alive on its own.
    this.worker.unref();
    port1.unref();
    this.port = port1;
    return port1;
  }
}

import { Worker } from 'node:worker_threads';
import * as path from 'node:path';

/**
 * A real local HTTP server for UrlFetchApp to reach, run in a worker thread: the emulator's
 * UrlFetchApp blocks the test's thread until its request is answered (Apps Script's fetch is
 * synchronous), so a server on that thread could never answer.
 *
 * A server file is a plain ES module under tests/support/servers/ that starts an HTTP server on
 * `workerData.port` (0: any free port) and posts `{ port }` to `parentPort` once it listens. A
 * test steers and inspects it through control routes of its own, with async `fetch` (the test's
 * thread is free between bundle calls).
 */
export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** GET a control route and parse its JSON answer. */
  get<T = unknown>(route: string): Promise<T>;
  /** POST JSON to a control route and parse its JSON answer. */
  post<T = unknown>(route: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export function startLocalServer(file: string, data: Record<string, unknown> = {}): Promise<LocalServer> {
  const resolved = path.isAbsolute(file) ? file : path.join(__dirname, 'servers', file);
  const worker = new Worker(resolved, { workerData: { port: 0, ...data } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`local server ${file} exited (${code}) before it listened`)));
    worker.once('message', (message: { port: number }) => {
      worker.removeAllListeners('exit');
      const url = `http://127.0.0.1:${message.port}`;
      const call = async <T>(route: string, init?: RequestInit): Promise<T> => {
        const res = await fetch(url + route, init);
        const text = await res.text();
        if (!res.ok) throw new Error(`${route}: ${res.status} ${text}`);
        return (text ? JSON.parse(text) : null) as T;
      };
      resolve({
        url,
        port: message.port,
        get: (route) => call(route),
        post: (route, body) => call(route, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}) }),
        stop: async () => {
          await worker.terminate();
        },
      });
    });
  });
}

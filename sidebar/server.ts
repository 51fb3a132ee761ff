import type { ApiResult, SidebarApi, SidebarCall } from '../src/sidebar-api/contract';

/** google.script.run as Google documents it (asynchronous; each with* returns a new runner). */
interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown, userObject?: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: Error, userObject?: unknown) => void): ScriptRunner;
  withUserObject(object: unknown): ScriptRunner;
  [functionName: string]: unknown;
}

declare const google: { script: { run: ScriptRunner } };

type Data<K extends keyof SidebarApi> = ReturnType<SidebarApi[K]> extends ApiResult<infer T> ? T : never;

export class ServerError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Random per sidebar session, so two people's identical requests never share an ID. */
const session = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
/** How many times each request has succeeded: the same request made again on purpose gets a new ID. */
const done = new Map<string, number>();

/** FNV-1a over the text, as 16 hex digits (two 32-bit lanes). */
function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x811c9dc5) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * The request ID of a write: the same until the request succeeds, so a retry
 * after an error (the change may have been made before the error) is
 * recognised by the server and answered with the first outcome.
 */
export function requestIdFor(name: string, args: readonly unknown[]): { id: string; key: string } {
  const key = `${name}\u0000${JSON.stringify(args)}`;
  return { id: `${session}-${digest(`${key}\u0000${done.get(key) ?? 0}`)}`, key };
}

/**
 * Calls a server endpoint and resolves with its data. Rejects with a
 * ServerError carrying the server's message and field errors, or with the
 * transport's error (e.g. the script timed out or the user lost authorisation).
 */
export function callServer<K extends keyof SidebarApi>(name: K, ...args: Parameters<SidebarApi[K]>): Promise<Data<K>> {
  // Every call carries a request ID; the endpoints declared as writes (writeEndpoint) answer a retry with the first outcome.
  const request = requestIdFor(name, args);
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => {
        const result = value as ApiResult<Data<K>>;
        if (result && result.ok) {
          done.set(request.key, (done.get(request.key) ?? 0) + 1);
          resolve(result.data);
        } else {
          reject(new ServerError(result?.error?.message || 'The server returned nothing.', result?.error?.fieldErrors));
        }
      })
      .withFailureHandler((error) => reject(new ServerError(error?.message || String(error) || 'The request to the server failed with no message.')));
    const call = runner[name] as SidebarCall<K>;
    call.apply(runner, [...args, { requestId: request.id }]);
  });
}

import type { ApiResult, SidebarApi } from '../src/sidebar-api/contract';

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
  constructor(message: string, readonly fieldErrors: Record<string, string> = {}) {
    super(message);
  }
}

/**
 * Calls a server endpoint and resolves with its data. Rejects with a
 * ServerError carrying the server's message and field errors, or with the
 * transport's error (e.g. the script timed out or the user lost authorisation).
 */
export function callServer<K extends keyof SidebarApi>(name: K, ...args: Parameters<SidebarApi[K]>): Promise<Data<K>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => {
        const result = value as ApiResult<Data<K>>;
        if (result && result.ok) resolve(result.data);
        else reject(new ServerError(result?.error?.message ?? 'The server returned nothing.', result?.error?.fieldErrors));
      })
      .withFailureHandler((error) => reject(new ServerError(error?.message ?? String(error))));
    (runner[name] as (...a: unknown[]) => void).apply(runner, args);
  });
}

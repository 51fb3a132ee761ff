import * as z from 'zod/mini';
import { InputError } from '../domain/input-error';
import { ApiResult } from './contract';
import { REQUEST_ID, storeOutcome, storedOutcome, withRequestId } from './requests';

/** What the sidebar adds after a write's arguments (see requests.ts). */
export interface RequestTag {
  requestId: string;
}

/**
 * A google.script.run endpoint. Apps Script passes whatever the caller sent; the
 * types say what the sidebar may send (`In`, before zod's trims and defaults),
 * what comes back, and whether it is a write (`Write`): a write answers a retried
 * request with the first outcome. src/sidebar-api/registry.ts lists every one.
 */
export interface Endpoint<In extends readonly unknown[], R, Write extends boolean> {
  (...raw: unknown[]): ApiResult<R>;
  readonly write: Write;
  /** Types only, never set: the arguments the sidebar passes. */
  readonly input?: In;
}

/**
 * Wraps a google.script.run endpoint that only reads: validates the arguments (`args` builds their schema, on first call)
 * with zod, turns every failure into a plain-JSON error the sidebar can show
 * (field errors for bad input), and logs unexpected ones for Stackdriver.
 * A trailing `{ requestId }` (the sidebar sends one with every call) is ignored.
 */
export function endpoint<A extends z.ZodMiniTuple, R>(args: () => A, handler: (...input: z.infer<A>) => R): Endpoint<z.input<A>, R, false> {
  const schema = once(args);
  return Object.assign(
    (...given: unknown[]) => {
      const { raw } = splitRequestId(given);
      return serve(schema(), handler, raw, null);
    },
    { write: false as const },
  );
}

/**
 * Wraps an endpoint that changes something, as endpoint() does. A call that ends
 * with `{ requestId }` (see requests.ts) is answered, when retried, with the
 * first outcome instead of doing it twice.
 */
export function writeEndpoint<A extends z.ZodMiniTuple, R>(args: () => A, handler: (...input: z.infer<A>) => R): Endpoint<z.input<A>, R, true> {
  const schema = once(args);
  return Object.assign(
    (...given: unknown[]) => {
      const { raw, requestId } = splitRequestId(given);
      if (requestId) {
        const cache = CacheService.getDocumentCache();
        const prior = storedOutcome(cache, requestId);
        if (prior.found) return { ok: true, data: prior.result as R } as ApiResult<R>;
        const result = serve(schema(), handler, raw, requestId);
        if (result.ok) {
          try {
            storeOutcome(cache, requestId, result.data, new Date());
          } catch (e) {
            // The change is made: a full store must not turn it into an error the person retries. A retry then relies on
            // the operation's own idempotency (a registration's request key, a payout run per period, a move already made).
            console.error(`request ${requestId}: outcome not kept (${e instanceof Error ? e.message : String(e)})`);
          }
        }
        return result;
      }
      return serve(schema(), handler, raw, null);
    },
    { write: true as const },
  );
}

/** An endpoint's argument schema, built by its first call rather than when the code loads (src/domain/lazy.ts says why). */
function once<A>(build: () => A): () => A {
  let built: A | undefined;
  return () => (built ??= build());
}

/** The arguments without a trailing `{ requestId }`, and the ID. */
function splitRequestId(given: unknown[]): { raw: unknown[]; requestId: string | null } {
  const last = given[given.length - 1] as { requestId?: unknown } | null | undefined;
  const requestId = last && typeof last === 'object' && Object.keys(last).length === 1 && typeof last.requestId === 'string' && REQUEST_ID.test(last.requestId) ? last.requestId : null;
  return { raw: requestId ? given.slice(0, -1) : given, requestId };
}

function serve<A extends z.ZodMiniTuple, R>(args: A, handler: (...input: z.infer<A>) => R, raw: unknown[], requestId: string | null): ApiResult<R> {
  const parsed = args.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.slice(1).join('.') || `argument ${String(issue.path[0] ?? 0)}`;
      if (!fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return { ok: false, error: { message: 'Some fields need attention.', fieldErrors } };
  }
  try {
    return { ok: true, data: withRequestId(requestId, () => handler(...(parsed.data as z.infer<A>))) };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, error: { message: e.message, fieldErrors: e.fieldErrors } };
    const message = (e instanceof Error ? e.message : String(e)).trim() || "The server stopped with no message. Try again; if it happens again, tell the tracker's owner.";
    console.error(`endpoint failed: ${message}`);
    return { ok: false, error: { message } };
  }
}

export const NO_ARGUMENTS = () => z.tuple([]);

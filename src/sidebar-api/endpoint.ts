import * as z from 'zod/mini';
import { InputError } from '../domain/input-error';
import { ApiResult } from './contract';
import { REQUEST_ID, storeOutcome, storedOutcome, withRequestId } from './requests';

/**
 * Wraps a google.script.run endpoint: validates the arguments with zod, turns
 * every failure into a plain-JSON error the sidebar can show (field errors for
 * bad input), and logs unexpected ones for Stackdriver.
 *
 * A write from the sidebar may end with `{ requestId }` (see requests.ts): a
 * retry of the same request returns the first outcome.
 */
export function endpoint<A extends z.ZodMiniTuple, R>(args: A, handler: (...input: z.infer<A>) => R): (...raw: unknown[]) => ApiResult<R> {
  return (...given: unknown[]) => {
    const last = given[given.length - 1] as { requestId?: unknown } | null | undefined;
    const requestId = last && typeof last === 'object' && Object.keys(last).length === 1 && typeof last.requestId === 'string' && REQUEST_ID.test(last.requestId)
      ? last.requestId : null;
    const raw = requestId ? given.slice(0, -1) : given;
    if (requestId) {
      const properties = PropertiesService.getDocumentProperties();
      const prior = storedOutcome(properties, requestId);
      if (prior.found) return { ok: true, data: prior.result as R };
      const result = serve(args, handler, raw, requestId);
      if (result.ok) storeOutcome(properties, requestId, result.data, new Date());
      return result;
    }
    return serve(args, handler, raw, null);
  };
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
    const message = e instanceof Error ? e.message : String(e);
    console.error(`endpoint failed: ${message}`);
    return { ok: false, error: { message } };
  }
}

export const NO_ARGUMENTS = z.tuple([]);

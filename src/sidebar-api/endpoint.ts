import * as z from 'zod/mini';
import { InputError } from '../domain/input-error';
import { ApiResult } from './contract';

/**
 * Wraps a google.script.run endpoint: validates the arguments with zod, turns
 * every failure into a plain-JSON error the sidebar can show (field errors for
 * bad input), and logs unexpected ones for Stackdriver.
 */
export function endpoint<A extends z.ZodMiniTuple, R>(args: A, handler: (...input: z.infer<A>) => R): (...raw: unknown[]) => ApiResult<R> {
  return (...raw: unknown[]) => {
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
      return { ok: true, data: handler(...(parsed.data as z.infer<A>)) };
    } catch (e) {
      if (e instanceof InputError) return { ok: false, error: { message: e.message, fieldErrors: e.fieldErrors } };
      const message = e instanceof Error ? e.message : String(e);
      console.error(`endpoint failed: ${message}`);
      return { ok: false, error: { message } };
    }
  };
}

export const NO_ARGUMENTS = z.tuple([]);

import { fieldErrorsOf } from '../src/domain/fields';

/** Runs one of the server's zod schemas in the browser and returns field errors the way the server would. */
export interface SafeParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

export type Checked<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

export function check<T>(schema: SafeParser<T>, value: unknown): Checked<T> {
  const result = schema.safeParse(value);
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: fieldErrorsOf(result.error) };
}

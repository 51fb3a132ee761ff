/**
 * Apps Script surfaces service failures as `Exception: <message>`; scripts see an
 * Error whose message is the text after the prefix, and whose name is "Exception".
 */
export class AppsScriptException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

export function notImplemented(member: string): never {
  throw new Error(`not implemented in emulator: ${member}`);
}

export function invalidArgument(name: string): never {
  throw new AppsScriptException(`Invalid argument: ${name}`);
}

/**
 * The message of something a script threw. Scripts run in their own V8 context,
 * where `instanceof Error` against this realm's Error is false, so check the shape.
 */
export function thrownMessage(thrown: unknown): string {
  if (thrown && typeof thrown === 'object' && typeof (thrown as { message?: unknown }).message === 'string') {
    return (thrown as { message: string }).message;
  }
  return String(thrown);
}

export function isErrorLike(value: unknown): value is { name: string; message: string; stack?: string } {
  return !!value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string' && typeof (value as { name?: unknown }).name === 'string';
}

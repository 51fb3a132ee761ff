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

/**
 * Input the tracker refuses for a reason only the server can know (a partner
 * code already taken, a product no longer on the list). Endpoints turn it into
 * field errors the sidebar shows beside each field.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'InputError';
  }

  static field(field: string, message: string): InputError {
    return new InputError(message, { [field]: message });
  }
}

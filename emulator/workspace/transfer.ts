/**
 * What google.script.run may carry, both ways (developers.google.com/apps-script/guides/html/reference/run):
 * primitives, null, and plain objects and arrays made of them. A Date, a function,
 * a DOM node or a circular object fails, even nested; `undefined` inside an array
 * becomes null and is dropped from objects. Checks use tags, not `instanceof`,
 * because values cross realms (the page, the script's vm context, Node).
 *
 * Shared by the iframe shim (arguments) and the workspace server (results).
 */
export type Transferable = null | boolean | number | string | Transferable[] | { [key: string]: Transferable };

/** Google's wording when an argument cannot be sent: "Failed due to illegal value in property: 0". */
export class IllegalValueError extends Error {
  constructor(
    readonly property: string,
    readonly reason: string,
  ) {
    super(`Failed due to illegal value in property: ${property}`);
    this.name = 'Error';
  }
}

/** A DOM node from any window (checked by shape: the sidebar's realm is not ours). */
export function isDomNode(value: object): boolean {
  const v = value as { nodeType?: unknown; nodeName?: unknown };
  return typeof v.nodeType === 'number' && typeof v.nodeName === 'string';
}

export function isFormElement(value: unknown): boolean {
  return typeof value === 'object' && value !== null && isDomNode(value) && String((value as { nodeName: string }).nodeName).toUpperCase() === 'FORM';
}

function tagOf(value: object): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

/**
 * A JSON-safe deep copy of `value`, or an IllegalValueError naming the innermost
 * property that broke the rules (`property` names the top-level slot, e.g. the argument index).
 */
export function toTransferable(value: unknown, property: string): Transferable {
  return copy(value, property, new Set<object>());
}

function copy(value: unknown, property: string, ancestors: Set<object>): Transferable {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON has no NaN or Infinity; they arrive as null, as with JSON.stringify.
      return Number.isFinite(value) ? value : null;
    case 'object':
      break;
    default:
      // function, symbol, bigint
      throw new IllegalValueError(property, `a ${typeof value}`);
  }
  const object = value as object;
  if (isDomNode(object)) throw new IllegalValueError(property, 'a DOM node');
  if (ancestors.has(object)) throw new IllegalValueError(property, 'a circular reference');
  const tag = tagOf(object);
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      const out: Transferable[] = [];
      for (let i = 0; i < object.length; i++) out.push(copy(object[i], String(i), ancestors));
      return out;
    }
    if (tag !== 'Object') throw new IllegalValueError(property, `a ${tag}`);
    const out: { [key: string]: Transferable } = {};
    for (const key of Object.keys(object)) {
      const field = (object as Record<string, unknown>)[key];
      if (field === undefined) continue;
      out[key] = copy(field, key, ancestors);
    }
    return out;
  } finally {
    ancestors.delete(object);
  }
}

/** Copies a call's arguments; `undefined` arguments become null like array slots. */
export function argumentsForTransfer(args: readonly unknown[]): Transferable[] {
  return args.map((arg, i) => toTransferable(arg, String(i)));
}

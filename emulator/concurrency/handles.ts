import { describeFacade } from '../core/facade';

/**
 * The main thread's side of the wire format shared with ./worker.js.
 *
 * Values cross between threads by structured clone, except objects with
 * behaviour: a facade, an enum value or any other non-plain object becomes a
 * handle `{ [HANDLE]: id, t: typeId, d?: description }`, and the worker wraps it in
 * a Proxy (one per id, so identity holds). A type's members are described once per
 * worker (`d` rides along with the first handle of that type). Frozen plain objects
 * (enum containers such as ScriptApp.AuthMode) are sent by value but with an id,
 * so the worker builds each one once. Functions become callable handles.
 */
export const HANDLE = '\u0000gas:handle';
export const FROZEN = '\u0000gas:frozen';

export type MemberKind = 'method' | 'getter';

export interface TypeDescriptor {
  kind: 'facade' | 'object' | 'function';
  /** Apps Script type name ("Range") or the class name of another object ("EnumValueImpl"). */
  name: string;
  members: Array<[string, MemberKind]>;
}

const CLONED_AS_IS = new Set(['[object Date]', '[object RegExp]', '[object Map]', '[object Set]', '[object ArrayBuffer]', '[object Error]', '[object Boolean]', '[object Number]', '[object String]']);

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Methods and getters along an object's prototype chain (not Object.prototype's). */
function objectMembers(value: object): Array<[string, MemberKind]> {
  const members = new Map<string, MemberKind>();
  for (let p = Object.getPrototypeOf(value) as object | null; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (name === 'constructor' || members.has(name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(p, name);
      if (!descriptor) continue;
      if (descriptor.get) members.set(name, 'getter');
      else if (typeof descriptor.value === 'function') members.set(name, 'method');
    }
  }
  return [...members];
}

/** Objects handed to workers during one run, by id; and which type descriptions each worker has. */
export class HandleTable {
  private readonly objects = new Map<number, object>();
  private readonly ids = new Map<object, number>();
  private readonly typeIds = new Map<object, number>();
  private readonly typeDescriptors = new Map<number, TypeDescriptor>();
  private nextId = 1;
  private nextTypeId = 1;

  /** The id of `value`, registering it on first sight. */
  idOf(value: object): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(value, id);
      this.objects.set(id, value);
    }
    return id;
  }

  get(id: number): object {
    const value = this.objects.get(id);
    if (value === undefined) throw new Error(`emulator/concurrency: unknown handle ${id}`);
    return value;
  }

  /** Encodes a value for a worker that already knows the type ids in `known` (updated in place). */
  encode(value: unknown, known: Set<number>, memo = new Map<object, unknown>()): unknown {
    if (typeof value === 'function') return this.handle(value, known);
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'symbol') throw new TypeError('emulator/concurrency: a symbol cannot be passed to a script');
      return value;
    }
    const seen = memo.get(value);
    if (seen !== undefined) return seen;
    if (describeFacade(value)) return this.handle(value, known);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      memo.set(value, out);
      for (let i = 0; i < value.length; i++) out[i] = this.encode(value[i], known, memo);
      return out;
    }
    if (ArrayBuffer.isView(value) || CLONED_AS_IS.has(Object.prototype.toString.call(value))) return value;
    if (isPlainObject(value)) {
      const entries: Record<string, unknown> = {};
      if (Object.isFrozen(value)) {
        const out = { [FROZEN]: this.idOf(value), v: entries };
        memo.set(value, out);
        for (const key of Object.keys(value)) entries[key] = this.encode((value as Record<string, unknown>)[key], known, memo);
        return out;
      }
      memo.set(value, entries);
      for (const key of Object.keys(value)) entries[key] = this.encode((value as Record<string, unknown>)[key], known, memo);
      return entries;
    }
    return this.handle(value, known);
  }

  /** Decodes what a worker sent: handle references become the main thread's objects again. */
  decode(value: unknown, memo = new Map<object, unknown>()): unknown {
    if (value === null || typeof value !== 'object') return value;
    const seen = memo.get(value);
    if (seen !== undefined) return seen;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      memo.set(value, out);
      for (let i = 0; i < value.length; i++) out[i] = this.decode(value[i], memo);
      return out;
    }
    // Messages are deserialised in Node's main realm, which need not be this module's (e.g. under jest):
    // recognise plain objects and Dates by shape, and rebuild Dates here so `instanceof Date` holds.
    if (value instanceof Date) return value;
    if (Object.prototype.toString.call(value) === '[object Date]') return new Date((value as Date).getTime());
    if (!isPlainObject(value)) return value;
    const record = value as Record<string, unknown>;
    if (HANDLE in record) return this.get(record[HANDLE] as number);
    const out: Record<string, unknown> = {};
    memo.set(value, out);
    for (const key of Object.keys(record)) out[key] = this.decode(record[key], memo);
    return out;
  }

  private handle(value: object, known: Set<number>): Record<string, unknown> {
    const id = this.idOf(value);
    const typeId = this.typeIdOf(value);
    const out: Record<string, unknown> = { [HANDLE]: id, t: typeId };
    if (!known.has(typeId)) {
      known.add(typeId);
      out.d = this.typeDescriptors.get(typeId);
    }
    return out;
  }

  private typeIdOf(value: object): number {
    const facade = describeFacade(value);
    // Facades of one implementation class share their members (core/facade.ts caches them by prototype).
    const key: object = facade ? (Object.getPrototypeOf(facade.target) as object) : typeof value === 'function' ? Function.prototype : (Object.getPrototypeOf(value) as object);
    let typeId = this.typeIds.get(key);
    if (typeId !== undefined) return typeId;
    typeId = this.nextTypeId++;
    this.typeIds.set(key, typeId);
    let descriptor: TypeDescriptor;
    if (facade) descriptor = { kind: 'facade', name: facade.type, members: [...facade.members] };
    else if (typeof value === 'function') descriptor = { kind: 'function', name: 'Function', members: [] };
    else descriptor = { kind: 'object', name: (value.constructor as { name?: string } | undefined)?.name ?? 'Object', members: objectMembers(value) };
    this.typeDescriptors.set(typeId, descriptor);
    return typeId;
  }
}

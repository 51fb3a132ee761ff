/**
 * A module-level object built on first use instead of at load. Every Apps Script execution
 * loads the code and runs its top level before the called function starts, so a zod schema
 * (each costs a chain of zod `$constructor` calls) or a table built at the top level is paid by
 * every execution, even those that never use it. `lazy(() => z.object(…))` stands in for the
 * object under the same type: the first property access builds it, later ones go to it.
 * The stand-in is a Proxy, so call sites (`X.safeParse(v)`, `z.tuple([X])`, `Object.keys(X)`,
 * `z.infer<typeof X>`) stay as they are; methods run with `this` the built object.
 */
export function lazy<T extends object>(build: () => T): T {
  let built: T | undefined;
  const value = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(value(), key),
    set: (_, key, v) => Reflect.set(value(), key, v),
    has: (_, key) => Reflect.has(value(), key),
    ownKeys: () => Reflect.ownKeys(value()),
    // Reported configurable: a Proxy may not claim a non-configurable property its (empty) target lacks.
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(value(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(value(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(value(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(value()),
  });
}

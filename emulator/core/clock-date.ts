/**
 * The `Date` a script sees: the host's Date (so Dates pass `instanceof Date`
 * across the emulator and the script, as in Apps Script's single realm), except
 * that "now" — `new Date()`, `Date()` and `Date.now()` — is the emulator's
 * clock, so a script's timestamps follow `emu.clock` like its triggers do.
 */
export function clockDate(nowMs: () => number): DateConstructor {
  return new Proxy(Date, {
    construct(target, args: unknown[], newTarget) {
      return Reflect.construct(target, args.length === 0 ? [nowMs()] : args, newTarget) as object;
    },
    apply() {
      return new Date(nowMs()).toString();
    },
    get(target, property, receiver) {
      if (property === 'now') return () => nowMs();
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

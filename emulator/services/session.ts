import { createHash } from 'node:crypto';
import { EmulatorContext } from '../core/context';
import { ServiceObject } from '../core/facade';

/**
 * Session. The active user's email is revealed only in some contexts; the
 * emulator models that with the execution's user ('' when not revealed). The
 * effective user is whoever the script runs as: also the execution's user (the
 * trigger owner in a trigger, the user at the keyboard otherwise).
 */
export class SessionImpl extends ServiceObject implements Partial<GoogleAppsScript.Base.Session> {
  constructor(private readonly _ctx: EmulatorContext) {
    super('Session', _ctx);
  }

  getActiveUser(): GoogleAppsScript.Base.User {
    return new UserImpl(this._ctx, this._ctx.executions.current().user)._api();
  }

  getEffectiveUser(): GoogleAppsScript.Base.User {
    return new UserImpl(this._ctx, this._ctx.executions.current().user)._api();
  }

  getScriptTimeZone(): string {
    return this._ctx.options.timeZone;
  }

  /** "en" for English: the language part of the locale. */
  getActiveUserLocale(): string {
    return (this._ctx.options.locale || 'en').split(/[_-]/)[0] ?? 'en';
  }

  /** Stable per user and script (Google rotates it every 30 days); '' user still gets a key. */
  getTemporaryActiveUserKey(): string {
    const user = this._ctx.executions.current().user;
    return createHash('sha256').update(`${this._ctx.options.scriptId}\u0000${user}`).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 43);
  }
}

export class UserImpl extends ServiceObject implements Partial<GoogleAppsScript.Base.User> {
  constructor(ctx: EmulatorContext, private readonly _email: string) {
    super('User', ctx);
  }

  getEmail(): string {
    return this._email;
  }
}

import { createHash } from 'node:crypto';
import { EmulatorContext } from '../core/context';
import { ServiceObject } from '../core/facade';
import { userFacade } from '../spreadsheet/user';

/**
 * Session. getActiveUser() is what Google reveals of the person behind the execution
 * ('' when it does not say; rules in core/people.ts); getEffectiveUser() is whom the
 * code runs as (the trigger's creator in an installable trigger, the person otherwise).
 * (developers.google.com/apps-script/reference/base/session)
 */
export class SessionImpl extends ServiceObject implements Partial<GoogleAppsScript.Base.Session> {
  constructor(private readonly _ctx: EmulatorContext) {
    super('Session', _ctx);
  }

  getActiveUser(): GoogleAppsScript.Base.User {
    return userFacade(this._ctx, this._ctx.people.visible(this._ctx.executions.current().activeUser));
  }

  getEffectiveUser(): GoogleAppsScript.Base.User {
    return userFacade(this._ctx, this._ctx.people.visible(this._ctx.executions.current().user));
  }

  getScriptTimeZone(): string {
    return this._ctx.options.timeZone;
  }

  /** "en" for English: the language part of the locale. */
  getActiveUserLocale(): string {
    return (this._ctx.options.locale || 'en').split(/[_-]/)[0] ?? 'en';
  }

  /** Stable per person and script (Google rotates it every 30 days), whether or not their email is revealed. */
  getTemporaryActiveUserKey(): string {
    const user = this._ctx.executions.current().activePerson;
    return createHash('sha256')
      .update(`${this._ctx.options.scriptId}\u0000${user}`)
      .digest('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 43);
  }
}

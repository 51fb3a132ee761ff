import { FacadeEnvironment, ServiceObject } from '../core/facade';

/** Base.User, one class wherever it comes from (Session, protection editors, the owner), so any of them can be handed back (protection.addEditor(Session.getEffectiveUser())). */
export class UserImpl extends ServiceObject implements Partial<GoogleAppsScript.Base.User> {
  constructor(
    env: FacadeEnvironment,
    private readonly email: string,
  ) {
    super('User', env);
  }

  getEmail(): string {
    return this.email;
  }

  getUserLoginId(): string {
    return this.email;
  }
}

export function userFacade(env: FacadeEnvironment, email: string): GoogleAppsScript.Base.User {
  return new UserImpl(env, email)._api<GoogleAppsScript.Base.User>();
}

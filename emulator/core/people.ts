/**
 * People, and what Google reveals of them to a script.
 *
 * Every execution has an EFFECTIVE user — whom the code runs as: the person for a menu
 * item, a google.script.run call or a simple trigger; the trigger's creator for an
 * installable trigger. Protections, user properties, user locks and
 * ScriptApp.getProjectTriggers()/getUserTriggers() go by it; Session.getEffectiveUser()
 * returns it. What Session.getActiveUser() and an event's `user` REVEAL is another
 * matter, decided here.
 *
 * Kinds: 'consumer' (a gmail.com-style account), 'workspace' (an account of a Google
 * Workspace domain), 'anonymous' (an "anyone with the link can edit" editor, known to the
 * emulator by an internal id such as anonymous-1@emulator.invalid that no script ever
 * sees). The script owner (options.ownerEmail) is registered as 'workspace' when
 * options.accountType is 'workspace', else 'consumer'. An unregistered email counts as
 * 'workspace' when its domain is the owner's and the owner is 'workspace', else 'consumer'.
 *
 * Rules (guesses are options of EmulatorOptions.identity, defaults first):
 * - An edit's `e.user` (simple or installable edit trigger, and change triggers), and
 *   Session.getActiveUser() inside an installable edit/change trigger: the editor's email
 *   when the editor is the trigger's owner (simple trigger: the spreadsheet's owner), or
 *   when both are 'workspace' accounts of one domain; '' for consumer and other-domain
 *   editors. For an anonymous editor, `anonymousEditUser`: 'trigger-owner' (the owner's
 *   email appears — a third-party observation) | 'blank'.
 * - Session.getActiveUser() in a run a person started (menu item, google.script.run,
 *   Emulator.run with a user, concurrent calls): `activeUserInPersonRuns` 'always' (that
 *   person's email) | 'same-domain' (revealed as for an edit, relative to the script owner).
 *   In a simple trigger: as the event's `user`.
 * - Session.getActiveUser() in time-driven and form-submit triggers:
 *   `activeUserInTimeAndFormTriggers` 'blank' | 'trigger-owner'.
 * - Session.getEffectiveUser() is always the effective user ('' if that is an anonymous id).
 * - Session.getTemporaryActiveUserKey() is derived from the real person behind the
 *   execution, revealed or not.
 * - An anonymous editor cannot run add-on code (Emulator.run, open, concurrent calls throw);
 *   they can only edit cells, and protections treat them as anyone not listed. Whether a
 *   simple onEdit fires for them is `simpleTriggersForAnonymous` (default false: the
 *   third-party report below says it does not).
 *
 * Sources:
 * - developers.google.com/apps-script/reference/base/session (getActiveUser: blank when
 *   security policies do not allow it, e.g. simple triggers; "generally" available to the
 *   developer and to users of the same Google Workspace domain; getEffectiveUser)
 * - developers.google.com/apps-script/reference/base/user (getEmail, the same rules)
 * - developers.google.com/apps-script/guides/triggers/events (edit and change events carry `user`)
 * - developers.google.com/apps-script/guides/triggers/installable (installable triggers run as their creator)
 * - tanaikech.github.io/2022/01/04/detecting-operations-to-google-spreadsheet-by-owner-specific-users-and-anonymous-users-using-google-apps-script
 *   (third party: in an installable onEdit, the owner's edit carries the owner's email, a
 *   shared user's edit a blank user and blank getActiveUser(), an anonymous edit the OWNER's
 *   email; a simple onEdit does not fire for anonymous edits)
 */
export type PersonKind = 'consumer' | 'workspace' | 'anonymous';

export interface Person {
  email: string;
  kind: PersonKind;
  name?: string;
}

export interface IdentityOptions {
  anonymousEditUser: 'trigger-owner' | 'blank';
  activeUserInPersonRuns: 'always' | 'same-domain';
  activeUserInTimeAndFormTriggers: 'blank' | 'trigger-owner';
  simpleTriggersForAnonymous: boolean;
}

export const DEFAULT_IDENTITY: IdentityOptions = {
  anonymousEditUser: 'trigger-owner',
  activeUserInPersonRuns: 'always',
  activeUserInTimeAndFormTriggers: 'blank',
  simpleTriggersForAnonymous: false,
};

const ANONYMOUS_DOMAIN = 'emulator.invalid';

export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

export class PeopleRegistry {
  private readonly people = new Map<string, Person>();
  private nextAnonymous = 1;

  constructor(private readonly settings: () => { ownerEmail: string; accountType: 'consumer' | 'workspace'; identity: IdentityOptions }) {
    this.registerOwner();
  }

  private registerOwner(): void {
    const { ownerEmail, accountType } = this.settings();
    if (!this.people.has(ownerEmail.toLowerCase())) this.people.set(ownerEmail.toLowerCase(), { email: ownerEmail, kind: accountType });
  }

  /**
   * Registers (or updates) a person. An anonymous editor needs no email: they get an
   * internal id (anonymous-N@emulator.invalid), which the emulator uses as their "email"
   * (Emulator.editAsUser(…, person.email)) and never shows a script.
   */
  add(person: { email?: string; kind: PersonKind; name?: string }): Person {
    if (person.kind !== 'consumer' && person.kind !== 'workspace' && person.kind !== 'anonymous') {
      throw new Error(`emulator: unknown kind of person ${String(person.kind)}`);
    }
    let email = person.email;
    if (!email) {
      if (person.kind !== 'anonymous') throw new Error('emulator: a consumer or workspace person needs an email');
      while (this.people.has(`anonymous-${this.nextAnonymous}@${ANONYMOUS_DOMAIN}`)) this.nextAnonymous++;
      email = `anonymous-${this.nextAnonymous++}@${ANONYMOUS_DOMAIN}`;
    }
    const record: Person = { email, kind: person.kind, ...(person.name === undefined ? {} : { name: person.name }) };
    this.people.set(email.toLowerCase(), record);
    return { ...record };
  }

  /** The registered person, or undefined (see kindOf for how an unregistered email counts). */
  get(email: string): Person | undefined {
    const p = this.people.get(String(email).toLowerCase());
    return p ? { ...p } : undefined;
  }

  list(): Person[] {
    return [...this.people.values()].map((p) => ({ ...p }));
  }

  kindOf(email: string): PersonKind {
    const registered = this.people.get(String(email).toLowerCase());
    if (registered) return registered.kind;
    const { ownerEmail } = this.settings();
    const ownerKind = this.people.get(ownerEmail.toLowerCase())?.kind ?? this.settings().accountType;
    return ownerKind === 'workspace' && domainOf(email) === domainOf(ownerEmail) ? 'workspace' : 'consumer';
  }

  isAnonymous(email: string): boolean {
    return email !== '' && this.kindOf(email) === 'anonymous';
  }

  /** Throws the emulator's error when `email` is an anonymous editor (they cannot run add-on code). */
  assertCanRunCode(email: string | undefined, what: string): void {
    if (email !== undefined && this.isAnonymous(email)) {
      throw new Error(`emulator: ${email} is an anonymous "anyone with the link" editor; they cannot ${what} (add-ons do not run for them: they can only edit cells)`);
    }
  }

  /** Whether both are Workspace accounts of one domain. */
  sameWorkspaceDomain(a: string, b: string): boolean {
    const domain = domainOf(a);
    return domain !== '' && domain === domainOf(b) && this.kindOf(a) === 'workspace' && this.kindOf(b) === 'workspace';
  }

  /** What an edit's `user` (and getActiveUser() in an installable edit/change trigger) reveals of `editor`, relative to the trigger's owner. */
  revealEditor(editor: string, relativeTo: string): string {
    if (this.isAnonymous(editor)) return this.settings().identity.anonymousEditUser === 'trigger-owner' ? relativeTo : '';
    if (editor.toLowerCase() === relativeTo.toLowerCase()) return editor;
    return this.sameWorkspaceDomain(editor, relativeTo) ? editor : '';
  }

  /** Session.getActiveUser() in a run `person` started (menu item, google.script.run). */
  activeUserInPersonRun(person: string): string {
    if (this.settings().identity.activeUserInPersonRuns === 'always') return person;
    return this.revealEditor(person, this.settings().ownerEmail);
  }

  /** Session.getActiveUser() in a time-driven or form-submit trigger owned by `owner`. */
  activeUserInTimeOrFormTrigger(owner: string): string {
    return this.settings().identity.activeUserInTimeAndFormTriggers === 'trigger-owner' ? owner : '';
  }

  /** An email as a script may see it: never an anonymous editor's internal id. */
  visible(email: string): string {
    return this.isAnonymous(email) ? '' : email;
  }

  save(): Person[] {
    return this.list();
  }

  load(people: unknown): void {
    this.people.clear();
    this.nextAnonymous = 1;
    for (const p of Array.isArray(people) ? (people as Person[]) : []) {
      if (p && typeof p.email === 'string' && (p.kind === 'consumer' || p.kind === 'workspace' || p.kind === 'anonymous')) {
        this.people.set(p.email.toLowerCase(), { ...p });
      }
    }
    this.registerOwner();
  }
}

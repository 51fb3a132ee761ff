import { AppsScriptException } from '../core/errors';

/**
 * Who may open and change a Drive file, as Google's sharing has it: the owner, editors, viewers
 * (commenters are not modelled), and link sharing (DriveApp.Access × DriveApp.Permission). The
 * emulator models it for spreadsheets (model.ts: canOpen, canWrite), the kind of file the add-on
 * shares; DriveApp.File and Spreadsheet both act on it here.
 *
 * From Google's reference (developers.google.com/apps-script/reference/drive/file):
 * - removeViewer "has no effect if the user is an editor"; removing someone does not stop them
 *   reaching the file through link sharing ("a class of users who have general access").
 * - getViewers/getEditors return an empty array to a user without edit access.
 * - setSharing throws for OWNER, ORGANIZER, FILE_ORGANIZER.
 * Modelled but unverified (choices, changeable here):
 * - addViewer for someone who is already an editor leaves them an editor (Drive never lowers a role
 *   by adding a lower one); addEditor for a viewer makes them an editor.
 * - DriveApp's File.getEditors lists the editors without the owner (Spreadsheet.getEditors lists
 *   the owner too, as the emulator always had it).
 * - Google sends its own "shared with you" email when DriveApp adds a viewer or editor (widely
 *   reported; DriveApp has no switch for it, the Advanced Drive service's Permissions.create has
 *   sendNotificationEmail). The emulator records those in SharingLog.notices (not in MailApp's
 *   outbox or quota), unless `notify` is turned off.
 * - The wording of the refusals below is a guess: an address that is not an email is
 *   "Invalid argument: <address>"; `refuse` (default: none) lets a test make Google refuse an
 *   address, e.g. one with no Google account.
 */
export interface Shareable {
  readonly id: string;
  name: string;
  readonly owner: string;
  readonly collaborators: string[];
  readonly viewers: string[];
  restricted: boolean;
  link: { access: string; permission: string };
}

export const ACCESS_NAMES = ['ANYONE', 'ANYONE_WITH_LINK', 'DOMAIN', 'DOMAIN_WITH_LINK', 'PRIVATE'] as const;
export const PERMISSION_NAMES = ['VIEW', 'EDIT', 'COMMENT', 'OWNER', 'ORGANIZER', 'FILE_ORGANIZER', 'NONE'] as const;

export interface ShareNotice {
  to: string;
  fileId: string;
  fileName: string;
  role: 'viewer' | 'editor';
  by: string;
  at: string;
}

/** Google's share emails and the switches of the guesses above (uncounted machinery). */
export class SharingLog {
  readonly notices: ShareNotice[] = [];
  notify = true;
  /** Google's refusal of an address (null: accepted). */
  refuse: (email: string) => string | null = () => null;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** An email from an argument that is an address or a User. */
export function emailArgument(value: unknown, method: string): string {
  if (typeof value === 'string') return value.trim();
  const user = value as { getEmail?: () => string } | null;
  if (user && typeof user === 'object' && typeof user.getEmail === 'function') return user.getEmail();
  throw new AppsScriptException(`The parameters (${value === null ? 'null' : typeof value}) don't match the method signature for ${method}.`);
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class Sharing {
  constructor(
    private readonly file: Shareable,
    private readonly log: SharingLog,
    private readonly actor: string,
    private readonly at: () => string,
  ) {}

  /** Adds people as viewers or editors (see the choices above); refused addresses throw before anyone is added. */
  add(role: 'viewer' | 'editor', emails: readonly string[]): void {
    for (const email of emails) {
      if (!EMAIL.test(email)) throw new AppsScriptException(`Invalid argument: ${email}`);
      const refusal = this.log.refuse(email);
      if (refusal) throw new AppsScriptException(refusal);
    }
    const f = this.file;
    // Sharing is now modelled: only the people listed, and the link, open the file. Adding someone never changes the
    // link: a spreadsheet whose sharing was not modelled keeps the link it reported (anyone with it may edit).
    if (!f.restricted) {
      f.link = { access: 'ANYONE_WITH_LINK', permission: 'EDIT' };
      f.restricted = true;
    }
    for (const email of emails) {
      if (same(email, f.owner) || f.collaborators.some((e) => same(e, email))) continue;
      if (role === 'viewer') {
        if (f.viewers.some((e) => same(e, email))) continue;
        f.viewers.push(email);
      } else {
        const at = f.viewers.findIndex((e) => same(e, email));
        if (at >= 0) f.viewers.splice(at, 1);
        f.collaborators.push(email);
      }
      if (this.log.notify) this.log.notices.push({ to: email, fileId: f.id, fileName: f.name, role, by: this.actor, at: this.at() });
    }
  }

  remove(role: 'viewer' | 'editor', email: string): void {
    const list = role === 'viewer' ? this.file.viewers : this.file.collaborators;
    const at = list.findIndex((e) => same(e, email));
    if (at >= 0) list.splice(at, 1);
  }

  /** The people with the role, as the actor may see them (none unless the actor may edit). */
  list(role: 'viewer' | 'editor', withOwner = false): string[] {
    const f = this.file;
    if (f.restricted && !same(this.actor, f.owner) && !f.collaborators.some((e) => same(e, this.actor))) return [];
    if (role === 'viewer') return [...f.viewers];
    return withOwner ? [f.owner, ...f.collaborators.filter((e) => !same(e, f.owner))] : f.collaborators.filter((e) => !same(e, f.owner));
  }

  setLink(access: string, permission: string): void {
    if (!(ACCESS_NAMES as readonly string[]).includes(access)) throw new AppsScriptException('Invalid argument: accessType');
    if (!(PERMISSION_NAMES as readonly string[]).includes(permission) || ['OWNER', 'ORGANIZER', 'FILE_ORGANIZER'].includes(permission))
      throw new AppsScriptException('Invalid argument: permissionType');
    this.file.restricted = true;
    this.file.link = access === 'PRIVATE' ? { access, permission: 'NONE' } : { access, permission };
  }

  access(): string {
    return this.file.restricted ? this.file.link.access : 'ANYONE_WITH_LINK';
  }

  permission(): string {
    return this.file.restricted ? this.file.link.permission : 'EDIT';
  }
}

/** An array argument of addresses (addViewers, addEditors). */
export function emailList(value: unknown, method: string): string[] {
  if (!Array.isArray(value)) throw new AppsScriptException(`The parameters (${value === null ? 'null' : typeof value}) don't match the method signature for ${method}.`);
  return value.map((v) => emailArgument(v, method));
}

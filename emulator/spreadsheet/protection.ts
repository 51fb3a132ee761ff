import { EmulatorContext } from '../core/context';
import { ServiceObject, unwrap } from '../core/facade';
import { AppsScriptException, notImplemented } from '../core/errors';
import { makeEnum } from '../services/enums';
import { PROTECTED_MESSAGE, ProtectionModel, SpreadsheetModel } from './model';
import { RangeImpl } from './range';
import { userFacade, UserImpl } from './user';

export const PROTECTION_TYPE = makeEnum('ProtectionType', ['RANGE', 'SHEET'] as const);

/**
 * Protection: who may edit a sheet or range. The owner can always edit; warning-only
 * prompts instead; domainEdit lets the owner's Workspace domain edit.
 *
 * Changing a protection (editors, domain edit, warning-only, description, range,
 * unprotected ranges, removing it) is refused with Google's protected-cell message for a
 * user who may not edit what it protects — neither the owner, nor one of its editors
 * (nor, with domainEdit, the owner's domain) — unless it is warning-only, which any editor
 * may change. That is a reading of the Sheets UI's rules ("only the owner and people
 * allowed to edit the protected range can change its permissions"), unverified for the
 * Apps Script API: options.protectionChangesNeedEditRights (default true).
 */
export class ProtectionImpl extends ServiceObject implements Partial<GoogleAppsScript.Spreadsheet.Protection> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly spreadsheet: SpreadsheetModel,
    readonly _model: ProtectionModel,
    private readonly makeRange: (model: ProtectionModel) => RangeImpl,
    private readonly currentUser: () => string,
  ) {
    super('Protection', _ctx);
  }

  /** Throws Google's protected-cell message when the current user may not change this protection. */
  private _assertMayChange(): void {
    if (!this._ctx.options.protectionChangesNeedEditRights || this._model.warningOnly) return;
    if (!this.spreadsheet.canEditProtected(this._model, this.currentUser())) throw new AppsScriptException(PROTECTED_MESSAGE);
  }

  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return PROTECTION_TYPE[this._model.type] as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }

  getDescription(): string {
    return this._model.description;
  }

  setDescription(description: string): GoogleAppsScript.Spreadsheet.Protection {
    this._assertMayChange();
    this._model.description = String(description);
    return this._api();
  }

  isWarningOnly(): boolean {
    return this._model.warningOnly;
  }

  setWarningOnly(warningOnly: boolean): GoogleAppsScript.Spreadsheet.Protection {
    this._assertMayChange();
    this._model.warningOnly = Boolean(warningOnly);
    return this._api();
  }

  getEditors(): GoogleAppsScript.Base.User[] {
    return this._model.editors.map((email) => userFacade(this._env, email));
  }

  addEditor(emailOrUser: string | GoogleAppsScript.Base.User): GoogleAppsScript.Spreadsheet.Protection {
    this._assertMayChange();
    const email = this._email(emailOrUser);
    if (!this._model.editors.includes(email)) this._model.editors.push(email);
    return this._api();
  }

  addEditors(emailAddresses: string[]): GoogleAppsScript.Spreadsheet.Protection {
    this._assertMayChange();
    for (const e of emailAddresses) this.addEditor(e);
    return this._api();
  }

  /** The owner and the user running the script cannot be removed (Google ignores them). */
  removeEditor(emailOrUser: string | GoogleAppsScript.Base.User): GoogleAppsScript.Spreadsheet.Protection {
    this._assertMayChange();
    const email = this._email(emailOrUser);
    if (email !== this.spreadsheet.owner && email !== this.currentUser()) {
      this._model.editors = this._model.editors.filter((e) => e !== email);
    }
    return this._api();
  }

  removeEditors(emailOrUsers: Array<string | GoogleAppsScript.Base.User>): GoogleAppsScript.Spreadsheet.Protection {
    this._assertMayChange();
    for (const e of emailOrUsers) this.removeEditor(e);
    return this._api();
  }

  canEdit(): boolean {
    return this.spreadsheet.canEditProtected(this._model, this.currentUser());
  }

  canDomainEdit(): boolean {
    return this._model.domainEdit;
  }

  setDomainEdit(editable: boolean): GoogleAppsScript.Spreadsheet.Protection {
    this._assertMayChange();
    this._model.domainEdit = Boolean(editable);
    return this._api();
  }

  getRange(): GoogleAppsScript.Spreadsheet.Range {
    return this.makeRange(this._model)._api();
  }

  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._model.unprotected.map((rect) => this.makeRange({ ...this._model, rect })._api<GoogleAppsScript.Spreadsheet.Range>());
  }

  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): GoogleAppsScript.Spreadsheet.Protection {
    this._assertMayChange();
    if (this._model.type !== 'SHEET') throw new AppsScriptException('Unprotected ranges can only be set on sheet protections.');
    this._model.unprotected = ranges.map((r) => ({ ...unwrap(r, RangeImpl, 'ranges')._rect }));
    return this._api();
  }

  /** Moves a range protection to another range (of any sheet of this spreadsheet). */
  setRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.Protection {
    if (this._model.type !== 'RANGE') notImplemented('Protection.setRange (on a sheet protection)');
    const impl = unwrap(range, RangeImpl, 'range');
    if (impl._ref.spreadsheet !== this.spreadsheet) throw new AppsScriptException('Invalid argument: range');
    this._assertMayChange();
    this._model.sheetId = impl._ref.sheet.id;
    this._model.rect = { ...impl._rect };
    return this._api();
  }

  remove(): void {
    this._assertMayChange();
    const list = this.spreadsheet.protections;
    const i = list.indexOf(this._model);
    if (i >= 0) list.splice(i, 1);
  }

  private _email(emailOrUser: string | GoogleAppsScript.Base.User): string {
    if (typeof emailOrUser === 'string') return emailOrUser;
    return unwrap(emailOrUser, UserImpl, 'user').getEmail();
  }
}

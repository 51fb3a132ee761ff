import { EmulatorContext } from '../core/context';
import { SpreadsheetModel } from './model';
import { SharingLog } from './sharing';

/**
 * Every spreadsheet the emulated account can open (Drive, as far as Sheets is
 * concerned), plus which one the script is bound to.
 */
export class SpreadsheetStore {
  readonly byId = new Map<string, SpreadsheetModel>();
  activeId = '';
  /** Unverified in Google: whether "=…" written into a plain-text ('@') cell still becomes a formula. */
  formulasInPlainText = true;
  /** Google's share emails, and the switches of sharing's guesses (sharing.ts). */
  readonly sharing = new SharingLog();
  private nextId = 1;

  constructor(readonly ctx: EmulatorContext) {}

  /** A new spreadsheet owned by `owner` (default: the script owner). */
  create(name: string, owner = this.ctx.options.ownerEmail): SpreadsheetModel {
    const id = `emulated-spreadsheet-${this.nextId++}`;
    const model = new SpreadsheetModel(id, name, this.ctx.options.spreadsheetTimeZone, this.ctx.options.locale, owner);
    model.activeSheetId = model.addSheet('Sheet1').id;
    return this.adopt(model);
  }

  /** Takes in a spreadsheet (new or loaded), wiring it to the people registry. */
  adopt(model: SpreadsheetModel): SpreadsheetModel {
    model.domainPeer = (user) => this.ctx.people.sameWorkspaceDomain(user, model.owner);
    this.byId.set(model.id, model);
    return model;
  }

  /** Keeps generated ids unique after a saved workspace is loaded. */
  reserveIds(): void {
    for (const id of this.byId.keys()) {
      const n = Number(/-(\d+)$/.exec(id)?.[1] ?? 0);
      if (n >= this.nextId) this.nextId = n + 1;
    }
  }

  active(): SpreadsheetModel {
    const model = this.byId.get(this.activeId);
    if (!model) throw new Error('emulator: no active spreadsheet');
    return model;
  }
}

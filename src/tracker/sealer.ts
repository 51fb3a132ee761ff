import { SealState, newSealKeyHex, openSeal, sealCell, sealKeyBytes } from '../domain/seal';
import { CellValue, dateCell, moneyCell, readCents, readIsoDate, readText, readUtcDateTime, textCell, utcDateTimeCell } from './cells';
import { ColumnDef, TabDef } from './schema';
import { documentProperties } from './document-properties';

/**
 * Seals rows of the tabs that carry authority (see domain/seal.ts) with the
 * tracker's key. The key lives in the document's properties (sidebar, menu and
 * spreadsheet triggers) and, for the owner's hourly run, which has no document
 * properties, in the owner's user properties; no one can read either from the
 * sheet. One key per spreadsheet, loaded once per execution.
 */
export const SEAL_KEY_PROPERTY = 'tracker.sealKey';
const userKeyProperty = (spreadsheetId: string) => `tracker.sealKey.${spreadsheetId}`;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Creates the key if the document has none, and keeps a copy in the running user's properties (the owner). */
export function ensureSealKey(ss: Spreadsheet, documentProperties: GoogleAppsScript.Properties.Properties): 'created' | 'present' {
  let hex = documentProperties.getProperty(SEAL_KEY_PROPERTY);
  const created = !hex;
  if (!hex) {
    hex = newSealKeyHex([Utilities.getUuid(), Utilities.getUuid(), Utilities.getUuid()]);
    documentProperties.setProperty(SEAL_KEY_PROPERTY, hex);
  }
  const user = PropertiesService.getUserProperties();
  const property = userKeyProperty(ss.getId());
  if (user.getProperty(property) !== hex) user.setProperty(property, hex);
  return created ? 'created' : 'present';
}

const keys = new Map<string, Uint8Array>();

function keyFor(ss: Spreadsheet): Uint8Array {
  const id = ss.getId();
  let key = keys.get(id);
  if (!key) {
    const hex = documentProperties()?.getProperty(SEAL_KEY_PROPERTY) ?? PropertiesService.getUserProperties().getProperty(userKeyProperty(id));
    if (!hex) throw new Error('This tracker has no signing key yet: its owner must run "Set up tracker" from the add-on menu.');
    keys.set(id, (key = sealKeyBytes(hex)));
  }
  return key;
}

/** The tracker's own key (the seal key): other secrets of the tracker's are sealed under keys derived from it (webhooks/secrets.ts). */
export const trackerKey = (ss: Spreadsheet): Uint8Array => keyFor(ss);

export interface RowSeal {
  state: SealState['kind'];
  /** The confirmed values by field key (from the seal's copy), when the seal holds them and is genuine. */
  confirmed: Record<string, string> | null;
  /** Fields whose visible value differs from the confirmed one. */
  altered: string[];
}

/** The sealed fields of one tab, with the key loaded on first use. */
export class Sealer {
  private key: Uint8Array | null = null;
  readonly fields: readonly string[];
  private readonly columns: ReadonlyMap<string, ColumnDef>;

  constructor(
    private readonly ss: Spreadsheet,
    private readonly def: TabDef,
    private readonly timeZone: string,
  ) {
    if (!def.sealed) throw new Error(`${def.name} is not a sealed tab.`);
    this.fields = def.sealed.fields;
    this.columns = new Map(def.columns.map((c) => [c.key, c]));
  }

  /** Loads the key now (a caller about to take the document lock reads it before, not while holding it). */
  loadKey(): void {
    this.k();
  }

  private k(): Uint8Array {
    if (!this.key) this.key = keyFor(this.ss);
    return this.key;
  }

  /** A field's value as the seal records it, from a cell value or a value about to be written. */
  canonical(field: string, value: CellValue | undefined): string {
    if (value === undefined || value === null) return '';
    switch (this.columns.get(field)?.type) {
      case 'money': {
        const cents = readCents(value);
        return cents === null ? readText(value) : String(cents);
      }
      case 'percent':
      case 'number':
      case 'integer':
        return typeof value === 'number' ? String(Number(value.toFixed(10))) : readText(value);
      case 'date':
        return readIsoDate(value, this.timeZone) || readText(value);
      case 'datetime':
        return readUtcDateTime(value, this.timeZone)?.toISOString() ?? readText(value);
      default:
        return readText(value);
    }
  }

  /** The cell value that puts a confirmed value back. */
  cellFor(field: string, canonical: string): CellValue {
    switch (this.columns.get(field)?.type) {
      case 'money':
        return canonical === '' || !/^-?\d+$/.test(canonical) ? textCell(canonical) : moneyCell(Number(canonical));
      case 'percent':
      case 'number':
      case 'integer':
        return canonical === '' || Number.isNaN(Number(canonical)) ? textCell(canonical) : Number(canonical);
      case 'date':
        return dateCell(canonical);
      case 'datetime':
        return canonical ? utcDateTimeCell(new Date(canonical)) : '';
      default:
        return textCell(canonical);
    }
  }

  /**
   * The check cell for a row whose sealed fields will hold `written` (values about
   * to be written) and, for the fields not written, `readBack` (values as read).
   */
  seal(written: Readonly<Record<string, CellValue | undefined>>, readBack: Readonly<Record<string, CellValue | undefined>> = {}): string {
    const values = this.fields.map((f) => (written[f] !== undefined ? this.canonical(f, asStored(written[f])) : this.canonical(f, readBack[f])));
    return sealCell(this.k(), this.def.name, values, this.def.sealed?.copy ?? true);
  }

  /** Compares a row (as read: its sealed fields and `check`) with its seal. */
  verify(record: Readonly<Record<string, CellValue | undefined>>): RowSeal {
    const visible = this.fields.map((f) => this.canonical(f, record[f]));
    const opened = openSeal(this.k(), this.def.name, readText(record.check), this.fields.length, visible);
    if (opened.kind !== 'sealed') return { state: opened.kind, confirmed: null, altered: [] };
    if (!opened.confirmed) return { state: 'sealed', confirmed: null, altered: [] };
    const confirmed: Record<string, string> = {};
    const altered: string[] = [];
    this.fields.forEach((f, i) => {
      confirmed[f] = (opened.confirmed as string[])[i];
      if (confirmed[f] !== visible[i]) altered.push(f);
    });
    return { state: 'sealed', confirmed, altered };
  }
}

/** What a cell holds once written: Sheets keeps a leading apostrophe (the "this is text" mark) out of the value. */
function asStored(value: CellValue | undefined): CellValue | undefined {
  return typeof value === 'string' && value.startsWith("'") ? value.slice(1) : value;
}

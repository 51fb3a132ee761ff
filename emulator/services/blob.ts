import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { FacadeEnvironment, ServiceObject, unwrap } from '../core/facade';

/** Apps Script byte arrays are Java bytes: numbers in -128..127. */
export function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

export function fromBytes(bytes: unknown, what = 'data'): Buffer {
  if (!Array.isArray(bytes)) throw new AppsScriptException(`Invalid argument: ${what}`);
  return Buffer.from(bytes.map((b) => Number(b) & 0xff));
}

export function charsetEncoding(charset: unknown): BufferEncoding {
  const name = String(charset ?? 'UTF_8')
    .toUpperCase()
    .replace(/-/g, '_');
  if (name === 'UTF_8' || name === 'UTF8') return 'utf8';
  if (name === 'US_ASCII' || name === 'ASCII') return 'ascii';
  if (name === 'ISO_8859_1' || name === 'LATIN1') return 'latin1';
  if (name === 'UTF_16LE') return 'utf16le';
  throw new AppsScriptException(`Invalid argument: charset`);
}

export class BlobImpl extends ServiceObject implements Partial<GoogleAppsScript.Base.Blob> {
  constructor(
    env: FacadeEnvironment,
    private _data: Buffer,
    private _contentType: string | null,
    private _name: string | null,
  ) {
    super('Blob', env);
  }

  /** Uncounted access to the data for other services. */
  _bytes(): Buffer {
    return this._data;
  }

  _info(): { name: string | null; contentType: string | null; size: number } {
    return { name: this._name, contentType: this._contentType, size: this._data.length };
  }

  getBytes(): number[] {
    return toSignedBytes(this._data);
  }

  getDataAsString(charset?: string): string {
    return this._data.toString(charsetEncoding(charset ?? 'UTF-8'));
  }

  getContentType(): string | null {
    return this._contentType;
  }

  setContentType(contentType: string | null): GoogleAppsScript.Base.Blob {
    this._contentType = contentType === null || contentType === undefined ? null : String(contentType);
    return this._api();
  }

  getName(): string | null {
    return this._name;
  }

  setName(name: string): GoogleAppsScript.Base.Blob {
    this._name = name === null || name === undefined ? null : String(name);
    return this._api();
  }

  setBytes(data: number[]): GoogleAppsScript.Base.Blob {
    this._data = fromBytes(data);
    return this._api();
  }

  setDataFromString(string: string, charset?: string): GoogleAppsScript.Base.Blob {
    this._data = Buffer.from(String(string), charsetEncoding(charset ?? 'UTF-8'));
    return this._api();
  }

  copyBlob(): GoogleAppsScript.Base.Blob {
    return new BlobImpl(this._env, Buffer.from(this._data), this._contentType, this._name)._api();
  }

  getBlob(): GoogleAppsScript.Base.Blob {
    return this._api();
  }

  isGoogleType(): boolean {
    return false;
  }
}

export function newBlob(env: FacadeEnvironment, data: unknown, contentType?: string, name?: string): BlobImpl {
  let buf: Buffer;
  let type: string | null = contentType === undefined || contentType === null ? null : String(contentType);
  if (typeof data === 'string') {
    buf = Buffer.from(data, 'utf8');
    if (type === null && contentType === undefined) type = 'text/plain';
  } else if (Array.isArray(data)) {
    buf = fromBytes(data);
  } else {
    throw new AppsScriptException('Invalid argument: data');
  }
  return new BlobImpl(env, buf, type, name === undefined || name === null ? null : String(name));
}

/**
 * The blob behind a BlobSource argument (a Blob, or anything with getBlob(), e.g. an
 * HtmlOutput). Returns null when `value` is not one.
 */
export function blobOf(value: unknown): BlobImpl | null {
  try {
    return unwrap(value, BlobImpl, 'blob');
  } catch {
    // not a Blob facade
  }
  if (value && typeof value === 'object' && 'getBlob' in value && typeof (value as { getBlob: unknown }).getBlob === 'function') {
    try {
      return unwrap((value as { getBlob(): unknown }).getBlob(), BlobImpl, 'blob');
    } catch {
      return null;
    }
  }
  return null;
}

export type { EmulatorContext };

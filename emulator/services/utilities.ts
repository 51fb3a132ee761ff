import { createHash, createHmac, randomUUID } from 'node:crypto';
import { uuidFrom } from '../core/seeded-random';
import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { AuthModeName } from '../core/execution';
import { ServiceObject } from '../core/facade';
import { BlobImpl, blobOf, charsetEncoding, fromBytes, newBlob, toSignedBytes } from './blob';
import { Charset, DigestAlgorithm, MacAlgorithm, RsaAlgorithm, asGas, enumName } from './enums';
import { formatDate } from './format-date';

type Bytes = number[];

const DIGESTS: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };
const MACS: Record<string, string> = { HMAC_MD5: 'md5', HMAC_SHA_1: 'sha1', HMAC_SHA_256: 'sha256', HMAC_SHA_384: 'sha384', HMAC_SHA_512: 'sha512' };

/** A string (in `charset`) or a byte array, as the crypto helpers take them. */
function bytesOf(value: unknown, charset: unknown, what: string): Buffer {
  if (Array.isArray(value)) return fromBytes(value, what);
  if (value === null || value === undefined) throw new AppsScriptException(`Invalid argument: ${what}`);
  return Buffer.from(String(value), charsetEncoding(charset === undefined ? 'UTF_8' : enumName(charset, Charset, 'charset')));
}

function decodeBase64(encoded: unknown, webSafe: boolean): Buffer {
  const s = String(encoded ?? '').replace(/\s+/g, '');
  const ok = webSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (!ok.test(s) || s.replace(/=+$/, '').length % 4 === 1) throw new AppsScriptException('Could not decode string.');
  return Buffer.from(webSafe ? s.replace(/-/g, '+').replace(/_/g, '/') : s, 'base64');
}

/** Java String.format subset: %s %d %f %x %X %o %e %b %c %% %n with flags, width, precision. */
export function javaFormat(template: string, args: unknown[]): string {
  let next = 0;
  return String(template).replace(
    /%(\d+\$)?([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([sSdfxXoeEbBcn%])/g,
    (_m, index: string | undefined, flags: string, width: string | undefined, precision: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      if (conv === 'n') return '\n';
      const arg = index ? args[Number(index.slice(0, -1)) - 1] : args[next++];
      if (!index && next > args.length) throw new AppsScriptException(`Format specifier '%${conv}' has no argument`);
      let s: string;
      const num = Number(arg);
      switch (conv) {
        case 's':
        case 'S':
          s = arg === null || arg === undefined ? 'null' : String(arg);
          if (precision) s = s.slice(0, Number(precision));
          if (conv === 'S') s = s.toUpperCase();
          break;
        case 'd':
          s = String(Math.trunc(num));
          if (flags.includes(',')) s = Number(s).toLocaleString('en-US');
          break;
        case 'f':
          s = num.toFixed(precision === undefined ? 6 : Number(precision));
          break;
        case 'e':
        case 'E':
          s = num.toExponential(precision === undefined ? 6 : Number(precision)).replace(/e([+-])(\d)$/, 'e$10$2');
          if (conv === 'E') s = s.toUpperCase();
          break;
        case 'x':
        case 'X':
          s = (num >>> 0).toString(16);
          if (conv === 'X') s = s.toUpperCase();
          break;
        case 'o':
          s = (num >>> 0).toString(8);
          break;
        case 'b':
        case 'B':
          s = String(arg !== null && arg !== undefined && arg !== false);
          break;
        case 'c':
          s = typeof arg === 'number' ? String.fromCharCode(arg) : String(arg).charAt(0);
          break;
        default:
          s = String(arg);
      }
      if (flags.includes('+') && /[dfeE]/.test(conv) && num >= 0) s = '+' + s;
      const w = width ? Number(width) : 0;
      if (s.length < w) {
        if (flags.includes('-')) s = s + ' '.repeat(w - s.length);
        else if (flags.includes('0') && /[dfxXoeE]/.test(conv)) {
          const sign = /^[+-]/.test(s) ? s[0] : '';
          s = sign + '0'.repeat(w - s.length) + s.slice(sign.length);
        } else s = ' '.repeat(w - s.length) + s;
      }
      return s;
    },
  );
}

/** RFC 4180 CSV as Utilities.parseCsv reads it. */
export function parseCsv(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const text = String(csv);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export class UtilitiesImpl extends ServiceObject implements Partial<GoogleAppsScript.Utilities.Utilities> {
  constructor(private readonly _ctx: EmulatorContext) {
    super('Utilities', _ctx);
  }

  override _requiredAuth(): AuthModeName {
    return 'NONE';
  }

  get Charset(): typeof GoogleAppsScript.Utilities.Charset {
    return Charset as unknown as typeof GoogleAppsScript.Utilities.Charset;
  }
  get DigestAlgorithm(): typeof GoogleAppsScript.Utilities.DigestAlgorithm {
    return DigestAlgorithm as unknown as typeof GoogleAppsScript.Utilities.DigestAlgorithm;
  }
  get MacAlgorithm(): typeof GoogleAppsScript.Utilities.MacAlgorithm {
    return MacAlgorithm as unknown as typeof GoogleAppsScript.Utilities.MacAlgorithm;
  }
  get RsaAlgorithm(): typeof GoogleAppsScript.Utilities.RsaAlgorithm {
    return RsaAlgorithm as unknown as typeof GoogleAppsScript.Utilities.RsaAlgorithm;
  }

  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    return formatDate(date as unknown as Date, timeZone, format);
  }

  formatString(template: string, ...args: unknown[]): string {
    return javaFormat(template, args);
  }

  computeDigest(algorithm: GoogleAppsScript.Utilities.DigestAlgorithm, value: Bytes | string, charset?: GoogleAppsScript.Utilities.Charset): number[] {
    const name = enumName(algorithm, DigestAlgorithm, 'algorithm');
    const node = DIGESTS[name];
    if (!node) throw new AppsScriptException(`Invalid argument: algorithm`); // MD2: not offered by node:crypto
    return toSignedBytes(
      createHash(node)
        .update(bytesOf(value, charset, 'value'))
        .digest(),
    );
  }

  computeHmacSha256Signature(value: Bytes | string, key: Bytes | string, charset?: GoogleAppsScript.Utilities.Charset): number[] {
    return toSignedBytes(
      createHmac('sha256', bytesOf(key, charset, 'key'))
        .update(bytesOf(value, charset, 'value'))
        .digest(),
    );
  }

  computeHmacSignature(algorithm: GoogleAppsScript.Utilities.MacAlgorithm, value: Bytes | string, key: Bytes | string, charset?: GoogleAppsScript.Utilities.Charset): number[] {
    const node = MACS[enumName(algorithm, MacAlgorithm, 'algorithm')];
    return toSignedBytes(
      createHmac(node, bytesOf(key, charset, 'key'))
        .update(bytesOf(value, charset, 'value'))
        .digest(),
    );
  }

  getUuid(): string {
    return this._ctx.random ? uuidFrom(this._ctx.random) : randomUUID();
  }

  base64Encode(data: Bytes | string, charset?: GoogleAppsScript.Utilities.Charset): string {
    return bytesOf(data, charset, 'data').toString('base64');
  }

  base64EncodeWebSafe(data: Bytes | string, charset?: GoogleAppsScript.Utilities.Charset): string {
    return bytesOf(data, charset, 'data').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string, _charset?: GoogleAppsScript.Utilities.Charset): number[] {
    return toSignedBytes(decodeBase64(encoded, false));
  }

  base64DecodeWebSafe(encoded: string, _charset?: GoogleAppsScript.Utilities.Charset): number[] {
    return toSignedBytes(decodeBase64(encoded, true));
  }

  newBlob(data: Bytes | string, contentType?: string, name?: string): GoogleAppsScript.Base.Blob {
    return newBlob(this._ctx, data, contentType, name)._api();
  }

  parseCsv(csv: string, delimiter?: string): string[][] {
    return parseCsv(csv, delimiter === undefined ? ',' : String(delimiter));
  }

  /** Blocks for `milliseconds`: advances the virtual clock. Apps Script caps it at 5 minutes. */
  sleep(milliseconds: number): void {
    const ms = Number(milliseconds);
    if (!Number.isFinite(ms) || ms < 0) throw new AppsScriptException('Invalid argument: milliseconds');
    if (ms > 300000) throw new AppsScriptException('Argument too large: milliseconds');
    this._ctx.clock.advance(Math.floor(ms));
  }
}

// Re-exported for services that accept BlobSource arguments.
export { BlobImpl, blobOf, asGas };

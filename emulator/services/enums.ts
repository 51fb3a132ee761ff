import { AppsScriptException } from '../core/errors';

/**
 * Apps Script enums are objects, not numbers: `ScriptApp.AuthMode.FULL` prints as
 * "FULL", has name() and ordinal(), and is the same object wherever it is handed
 * out (so `e.authMode === ScriptApp.AuthMode.FULL` holds, and `e.authMode == 'FULL'`
 * too, through toString). Enum containers are frozen plain objects: reading an
 * unknown member gives `undefined`, as in Apps Script.
 */
export interface EnumValue<N extends string = string> {
  name(): N;
  ordinal(): number;
  toString(): N;
  toJSON(): N;
}

const ENUM_TYPE = Symbol('emulator.enumType');

class EnumValueImpl<N extends string> implements EnumValue<N> {
  readonly [ENUM_TYPE]: string;
  constructor(
    private readonly _name: N,
    private readonly _ordinal: number,
    typeName: string,
  ) {
    this[ENUM_TYPE] = typeName;
    Object.freeze(this);
  }
  name(): N {
    return this._name;
  }
  ordinal(): number {
    return this._ordinal;
  }
  toString(): N {
    return this._name;
  }
  toJSON(): N {
    return this._name;
  }
}

export type EnumOf<N extends string> = Readonly<Record<N, EnumValue<N>>>;

export function makeEnum<N extends string>(typeName: string, names: readonly N[]): EnumOf<N> {
  const out = {} as Record<N, EnumValue<N>>;
  names.forEach((n, i) => {
    out[n] = new EnumValueImpl(n, i, typeName);
  });
  return Object.freeze(out);
}

/** Type name of an enum value made here ("AuthMode"), or undefined. */
export function enumTypeOf(value: unknown): string | undefined {
  return value instanceof EnumValueImpl ? (value as EnumValueImpl<string>)[ENUM_TYPE] : undefined;
}

/**
 * The name of an enum argument a script passed. Accepts the enum's values (and, for
 * the emulator's own callers, the bare name); anything else is an invalid argument.
 */
export function enumName<N extends string>(value: unknown, e: EnumOf<N>, what: string): N {
  for (const key of Object.keys(e) as N[]) {
    if (e[key] === value) return key;
  }
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(e, value)) return value as N;
  throw new AppsScriptException(`Invalid argument: ${what}`);
}

/** Casts an emulator enum value to the numeric-enum type @types/google-apps-script declares. */
export function asGas<T>(value: EnumValue): T {
  return value as unknown as T;
}

// ---- Enums shared by several services -------------------------------------------------

export const AuthMode = makeEnum('AuthMode', ['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
export type AuthModeEnumName = keyof typeof AuthMode;

export const EventType = makeEnum('EventType', ['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED'] as const);
export type EventTypeName = keyof typeof EventType;

export const TriggerSource = makeEnum('TriggerSource', ['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR'] as const);
export type TriggerSourceName = keyof typeof TriggerSource;

export const InstallationSource = makeEnum('InstallationSource', ['APPS_MARKETPLACE_DOMAIN_ADD_ON', 'NONE', 'WEB_STORE_ADD_ON'] as const);

export const Weekday = makeEnum('Weekday', ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const);
export type WeekdayName = keyof typeof Weekday;

export const Button = makeEnum('Button', ['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const);
export type ButtonName = keyof typeof Button;

export const ButtonSet = makeEnum('ButtonSet', ['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const);
export type ButtonSetName = keyof typeof ButtonSet;

export const SandboxMode = makeEnum('SandboxMode', ['EMULATED', 'IFRAME', 'NATIVE'] as const);
export const XFrameOptionsMode = makeEnum('XFrameOptionsMode', ['ALLOWALL', 'DEFAULT'] as const);

export const DigestAlgorithm = makeEnum('DigestAlgorithm', ['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512'] as const);
export const MacAlgorithm = makeEnum('MacAlgorithm', ['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const);
export const RsaAlgorithm = makeEnum('RsaAlgorithm', ['RSA_SHA_1', 'RSA_SHA_256'] as const);
export const Charset = makeEnum('Charset', ['US_ASCII', 'UTF_8'] as const);

export const ItemType = makeEnum('ItemType', [
  'CHECKBOX',
  'CHECKBOX_GRID',
  'DATE',
  'DATETIME',
  'DURATION',
  'GRID',
  'IMAGE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PAGE_BREAK',
  'PARAGRAPH_TEXT',
  'SCALE',
  'SECTION_HEADER',
  'TEXT',
  'TIME',
  'VIDEO',
  'RATING',
] as const);
export type ItemTypeName = keyof typeof ItemType;

export const DestinationType = makeEnum('DestinationType', ['SPREADSHEET'] as const);
/** FormApp.EmailCollectionType (the Forms API's FormSettings.emailCollectionType, without its UNSPECIFIED). */
export const EmailCollectionType = makeEnum('EmailCollectionType', ['DO_NOT_COLLECT', 'VERIFIED', 'RESPONDER_INPUT'] as const);

/**
 * Base.MimeType (the global `MimeType`): unlike the enums above, its members are the
 * MIME-type strings themselves (`MimeType.CSV === 'text/csv'`), which is how scripts
 * compare them with File.getMimeType().
 */
export const MimeType = Object.freeze({
  GOOGLE_APPS_SCRIPT: 'application/vnd.google-apps.script',
  GOOGLE_DRAWINGS: 'application/vnd.google-apps.drawing',
  GOOGLE_DOCS: 'application/vnd.google-apps.document',
  GOOGLE_FORMS: 'application/vnd.google-apps.form',
  GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
  GOOGLE_SITES: 'application/vnd.google-apps.site',
  GOOGLE_SLIDES: 'application/vnd.google-apps.presentation',
  FOLDER: 'application/vnd.google-apps.folder',
  SHORTCUT: 'application/vnd.google-apps.shortcut',
  BMP: 'image/bmp',
  GIF: 'image/gif',
  JPEG: 'image/jpeg',
  PNG: 'image/png',
  SVG: 'image/svg+xml',
  PDF: 'application/pdf',
  CSS: 'text/css',
  CSV: 'text/csv',
  HTML: 'text/html',
  JAVASCRIPT: 'application/javascript',
  PLAIN_TEXT: 'text/plain',
  RTF: 'application/rtf',
  OPENDOCUMENT_GRAPHICS: 'application/vnd.oasis.opendocument.graphics',
  OPENDOCUMENT_PRESENTATION: 'application/vnd.oasis.opendocument.presentation',
  OPENDOCUMENT_SPREADSHEET: 'application/vnd.oasis.opendocument.spreadsheet',
  OPENDOCUMENT_TEXT: 'application/vnd.oasis.opendocument.text',
  MICROSOFT_EXCEL: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  MICROSOFT_EXCEL_LEGACY: 'application/vnd.ms-excel',
  MICROSOFT_POWERPOINT: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  MICROSOFT_POWERPOINT_LEGACY: 'application/vnd.ms-powerpoint',
  MICROSOFT_WORD: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  MICROSOFT_WORD_LEGACY: 'application/msword',
  ZIP: 'application/zip',
} as const);

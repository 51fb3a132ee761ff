import { EmulatorContext } from '../core/context';
import { ServiceObject, unwrap } from '../core/facade';
import { GridRect } from './a1';
import { RangeImpl } from './range';
import { AppsScriptException } from '../core/errors';
import { makeEnum } from '../services/enums';
import { ValidationModel } from './model';
import { StoredValue } from './values';

/** SpreadsheetApp.DataValidationCriteria, as enum-like strings. */
export const DATA_VALIDATION_CRITERIA = makeEnum('DataValidationCriteria', [
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
] as const);
type CriteriaName = keyof typeof DATA_VALIDATION_CRITERIA;

/**
 * Where a VALUE_IN_RANGE rule's list lives. The model keeps this, not a live
 * Range, so rules can be saved with the workspace; scripts get a Range back.
 */
export interface RangeRef {
  $range: { spreadsheetId: string; sheetId: number; rect: GridRect };
}

export function isRangeRef(value: unknown): value is RangeRef {
  return !!value && typeof value === 'object' && '$range' in value;
}

function criteriaValuesFor(ctx: EmulatorContext, args: unknown[]): unknown[] {
  return args.map((a) => {
    if (!isRangeRef(a)) return Array.isArray(a) ? [...a] : a;
    const { spreadsheetId, sheetId, rect } = a.$range;
    return ctx.spreadsheets.rangeFacadeBySheetId(spreadsheetId, sheetId, rect);
  });
}

export class DataValidationImpl extends ServiceObject implements Partial<GoogleAppsScript.Spreadsheet.DataValidation> {
  constructor(
    private readonly _ctx: EmulatorContext,
    readonly _model: ValidationModel,
  ) {
    super('DataValidation', _ctx);
  }

  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return criteriaEnum(this._model.criteria);
  }

  getCriteriaValues(): unknown[] {
    return criteriaValuesFor(this._ctx, this._model.args);
  }

  getAllowInvalid(): boolean {
    return this._model.allowInvalid;
  }

  getHelpText(): string {
    return this._model.helpText;
  }

  copy(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return new DataValidationBuilderImpl(this._ctx, { ...this._model, args: [...this._model.args] })._api();
  }
}

export class DataValidationBuilderImpl extends ServiceObject implements Partial<GoogleAppsScript.Spreadsheet.DataValidationBuilder> {
  private readonly model: ValidationModel;

  constructor(
    private readonly _ctx: EmulatorContext,
    model?: ValidationModel,
  ) {
    super('DataValidationBuilder', _ctx);
    // New rules warn rather than reject unless setAllowInvalid(false).
    this.model = model ?? { criteria: '', args: [], allowInvalid: true, helpText: '' };
  }

  private _criteria(criteria: string, args: unknown[]): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.model.criteria = criteria;
    this.model.args = args;
    return this._api();
  }

  requireValueInList(values: string[], showDropdown = true): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    if (!Array.isArray(values) || values.length === 0) throw new AppsScriptException('Invalid argument: values');
    return this._criteria('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }

  requireValueInRange(range: GoogleAppsScript.Spreadsheet.Range, showDropdown = true): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    const impl = unwrap(range, RangeImpl, 'range');
    const ref: RangeRef = { $range: { spreadsheetId: impl._ref.spreadsheet.id, sheetId: impl._ref.sheet.id, rect: { ...impl._rect } } };
    return this._criteria('VALUE_IN_RANGE', [ref, showDropdown]);
  }

  requireNumberBetween(start: number, end: number): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this._criteria('NUMBER_BETWEEN', [start, end]);
  }

  requireNumberGreaterThan(number: number): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this._criteria('NUMBER_GREATER_THAN', [number]);
  }

  requireNumberGreaterThanOrEqualTo(number: number): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this._criteria('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }

  requireNumberLessThan(number: number): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this._criteria('NUMBER_LESS_THAN', [number]);
  }

  requireNumberLessThanOrEqualTo(number: number): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this._criteria('NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }

  requireDate(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this._criteria('DATE_IS_VALID_DATE', []);
  }

  requireDateOnOrAfter(date: Date): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this._criteria('DATE_ON_OR_AFTER', [date]);
  }

  requireDateOnOrBefore(date: Date): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this._criteria('DATE_ON_OR_BEFORE', [date]);
  }

  requireTextIsEmail(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this._criteria('TEXT_IS_VALID_EMAIL', []);
  }

  requireTextIsUrl(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this._criteria('TEXT_IS_VALID_URL', []);
  }

  requireCheckbox(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this._criteria('CHECKBOX', []);
  }

  setAllowInvalid(allowInvalidData: boolean): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.model.allowInvalid = allowInvalidData;
    return this._api();
  }

  setHelpText(helpText: string): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.model.helpText = String(helpText);
    return this._api();
  }

  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return criteriaEnum(this.model.criteria);
  }

  getCriteriaValues(): unknown[] {
    return criteriaValuesFor(this._ctx, this.model.args);
  }

  getAllowInvalid(): boolean {
    return this.model.allowInvalid;
  }

  getHelpText(): string {
    return this.model.helpText;
  }

  build(): GoogleAppsScript.Spreadsheet.DataValidation {
    if (!this.model.criteria) throw new AppsScriptException('You must specify a criteria type for the data validation rule.');
    return new DataValidationImpl(this._ctx, { ...this.model, args: [...this.model.args] })._api();
  }
}

function criteriaEnum(name: string): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
  return DATA_VALIDATION_CRITERIA[name as CriteriaName] as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
}

export function validationModelOf(rule: unknown): ValidationModel {
  return unwrap(rule, DataValidationImpl, 'rule')._model;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Whether a value a person types passes a rule — used when the emulator plays a
 * person editing a cell (scripts' own writes are not validated, as in Sheets).
 * `isDate` says whether the typed input parsed as a date; `listFromRange` reads VALUE_IN_RANGE lists.
 */
export function passesValidation(rule: ValidationModel, value: StoredValue | undefined, helpers: { isDate: boolean; listFromRange: (range: RangeRef) => string[] }): boolean {
  if (value === undefined) return true;
  const [a, b] = rule.args as [unknown, unknown];
  const n = typeof value === 'number' ? value : NaN;
  switch (rule.criteria) {
    case 'VALUE_IN_LIST':
      return (a as string[]).includes(typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value));
    case 'VALUE_IN_RANGE':
      return isRangeRef(a) && helpers.listFromRange(a).includes(String(value));
    case 'NUMBER_BETWEEN':
      return n >= (a as number) && n <= (b as number);
    case 'NUMBER_GREATER_THAN':
      return n > (a as number);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n >= (a as number);
    case 'NUMBER_LESS_THAN':
      return n < (a as number);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n <= (a as number);
    case 'DATE_IS_VALID_DATE':
      return helpers.isDate;
    case 'DATE_ON_OR_AFTER':
    case 'DATE_ON_OR_BEFORE':
      return helpers.isDate;
    case 'TEXT_IS_VALID_EMAIL':
      return typeof value === 'string' && EMAIL.test(value);
    case 'TEXT_IS_VALID_URL':
      return typeof value === 'string' && /^https?:\/\/\S+\.\S+/.test(value);
    case 'CHECKBOX':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

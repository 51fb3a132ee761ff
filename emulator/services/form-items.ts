import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { unwrap } from '../core/facade';
import { ItemType, ItemTypeName, asGas } from './enums';
import { FormData, FormsObject, ItemData, QuestionKind, TextRule, TextValidationData } from './form-model';
import { ItemResponseImpl } from './form-responses';
import { FormStore } from './form-store';

export abstract class ItemBase<Self> extends FormsObject {
  constructor(
    gasType: string,
    protected readonly _ctx: EmulatorContext,
    protected readonly _store: FormStore,
    protected readonly _form: FormData,
    readonly _item: ItemData,
  ) {
    super(gasType, _ctx);
  }

  protected _sync(): void {
    this._store.syncHeaders(this._form);
  }

  getId(): number {
    return this._item.id;
  }
  getIndex(): number {
    return this._form.items.indexOf(this._item);
  }
  getTitle(): string {
    return this._item.title;
  }
  getHelpText(): string {
    return this._item.helpText;
  }
  getType(): GoogleAppsScript.Forms.ItemType {
    return asGas(ItemType[this._item.kind as ItemTypeName]);
  }

  setTitle(title: string): Self {
    this._item.title = String(title ?? '');
    this._sync();
    return this._api<Self>();
  }

  setHelpText(text: string): Self {
    this._item.helpText = String(text ?? '');
    return this._api<Self>();
  }
}

export class ItemImpl extends ItemBase<GoogleAppsScript.Forms.Item> implements Partial<GoogleAppsScript.Forms.Item> {
  constructor(ctx: EmulatorContext, store: FormStore, form: FormData, item: ItemData) {
    super('Item', ctx, store, form, item);
  }

  private _as(kind: QuestionKind): void {
    if (this._item.kind !== kind) throw new AppsScriptException(`Invalid conversion for item type: ${this._item.kind}`);
  }

  asTextItem(): GoogleAppsScript.Forms.TextItem {
    this._as('TEXT');
    return new TextItemImpl(this._ctx, this._store, this._form, this._item)._api();
  }
  asParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    this._as('PARAGRAPH_TEXT');
    return new ParagraphTextItemImpl(this._ctx, this._store, this._form, this._item)._api();
  }
  asListItem(): GoogleAppsScript.Forms.ListItem {
    this._as('LIST');
    return new ListItemImpl(this._ctx, this._store, this._form, this._item)._api();
  }
  asMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    this._as('MULTIPLE_CHOICE');
    return new MultipleChoiceItemImpl(this._ctx, this._store, this._form, this._item)._api();
  }
}

abstract class QuestionItemBase<Self> extends ItemBase<Self> {
  isRequired(): boolean {
    return this._item.required;
  }

  setRequired(enabled: boolean): Self {
    this._item.required = Boolean(enabled);
    return this._api<Self>();
  }

  protected _checkResponse(_response: string): void {
    // plain text items accept any string
  }

  createResponse(response: string): GoogleAppsScript.Forms.ItemResponse {
    const r = String(response ?? '');
    this._checkResponse(r);
    return new ItemResponseImpl(this._ctx, this._store, this._form, this._item, r)._api();
  }
}

export class TextItemImpl extends QuestionItemBase<GoogleAppsScript.Forms.TextItem> implements Partial<GoogleAppsScript.Forms.TextItem> {
  constructor(ctx: EmulatorContext, store: FormStore, form: FormData, item: ItemData) {
    super('TextItem', ctx, store, form, item);
  }

  setValidation(validation: GoogleAppsScript.Forms.TextValidation): GoogleAppsScript.Forms.TextItem {
    this._item.validation = { ...unwrap(validation, TextValidationImpl, 'validation')._data };
    return this._api();
  }

  clearValidation(): GoogleAppsScript.Forms.TextItem {
    this._item.validation = null;
    return this._api();
  }
}

export class ParagraphTextItemImpl extends QuestionItemBase<GoogleAppsScript.Forms.ParagraphTextItem> implements Partial<GoogleAppsScript.Forms.ParagraphTextItem> {
  constructor(ctx: EmulatorContext, store: FormStore, form: FormData, item: ItemData) {
    super('ParagraphTextItem', ctx, store, form, item);
  }

  clearValidation(): GoogleAppsScript.Forms.ParagraphTextItem {
    this._item.validation = null;
    return this._api();
  }
}

abstract class ChoiceItemBase<Self> extends QuestionItemBase<Self> {
  protected override _checkResponse(response: string): void {
    if (!this._item.choices.some((c) => c.value === response) && !this._item.otherOption) {
      throw new AppsScriptException(`Invalid response submitted to item: ${this._item.title}`);
    }
  }

  createChoice(value: string, isCorrect?: unknown): GoogleAppsScript.Forms.Choice {
    return new ChoiceImpl(this._ctx, String(value), typeof isCorrect === 'boolean' ? isCorrect : false)._api();
  }

  getChoices(): GoogleAppsScript.Forms.Choice[] {
    return this._item.choices.map((c) => new ChoiceImpl(this._ctx, c.value, c.isCorrect)._api<GoogleAppsScript.Forms.Choice>());
  }

  setChoiceValues(values: string[]): Self {
    if (!Array.isArray(values)) throw new AppsScriptException('Invalid argument: values');
    this._item.choices = values.map((v) => ({ value: String(v), isCorrect: false }));
    return this._api<Self>();
  }

  setChoices(choices: GoogleAppsScript.Forms.Choice[]): Self {
    if (!Array.isArray(choices)) throw new AppsScriptException('Invalid argument: choices');
    this._item.choices = choices.map((c) => {
      const impl = unwrap(c, ChoiceImpl, 'choices');
      return { value: impl._value, isCorrect: impl._correct };
    });
    return this._api<Self>();
  }
}

export class ListItemImpl extends ChoiceItemBase<GoogleAppsScript.Forms.ListItem> implements Partial<GoogleAppsScript.Forms.ListItem> {
  constructor(ctx: EmulatorContext, store: FormStore, form: FormData, item: ItemData) {
    super('ListItem', ctx, store, form, item);
  }
}

export class MultipleChoiceItemImpl extends ChoiceItemBase<GoogleAppsScript.Forms.MultipleChoiceItem> implements Partial<GoogleAppsScript.Forms.MultipleChoiceItem> {
  constructor(ctx: EmulatorContext, store: FormStore, form: FormData, item: ItemData) {
    super('MultipleChoiceItem', ctx, store, form, item);
  }

  showOtherOption(enabled: boolean): GoogleAppsScript.Forms.MultipleChoiceItem {
    this._item.otherOption = Boolean(enabled);
    return this._api();
  }

  hasOtherOption(): boolean {
    return this._item.otherOption;
  }
}

export class ChoiceImpl extends FormsObject implements Partial<GoogleAppsScript.Forms.Choice> {
  constructor(
    ctx: EmulatorContext,
    readonly _value: string,
    readonly _correct: boolean,
  ) {
    super('Choice', ctx);
  }

  getValue(): string {
    return this._value;
  }
  isCorrectAnswer(): boolean {
    return this._correct;
  }
}

export class TextValidationImpl extends FormsObject {
  constructor(
    ctx: EmulatorContext,
    readonly _data: TextValidationData,
  ) {
    super('TextValidation', ctx);
  }
}

export class TextValidationBuilderImpl extends FormsObject implements Partial<GoogleAppsScript.Forms.TextValidationBuilder> {
  private _rule: TextRule | null = null;
  private _args: Array<number | string> = [];
  private _help = '';

  constructor(private readonly _ctx: EmulatorContext) {
    super('TextValidationBuilder', _ctx);
  }

  private _set(rule: TextRule, ...args: Array<number | string>): GoogleAppsScript.Forms.TextValidationBuilder {
    this._rule = rule;
    this._args = args;
    return this._api();
  }

  requireTextIsEmail() {
    return this._set('EMAIL');
  }
  requireTextIsUrl() {
    return this._set('URL');
  }
  requireNumber() {
    return this._set('NUMBER');
  }
  requireWholeNumber() {
    return this._set('WHOLE_NUMBER');
  }
  requireNumberGreaterThan(n: number) {
    return this._set('NUMBER_GT', Number(n));
  }
  requireNumberGreaterThanOrEqualTo(n: number) {
    return this._set('NUMBER_GTE', Number(n));
  }
  requireNumberLessThan(n: number) {
    return this._set('NUMBER_LT', Number(n));
  }
  requireNumberLessThanOrEqualTo(n: number) {
    return this._set('NUMBER_LTE', Number(n));
  }
  requireNumberEqualTo(n: number) {
    return this._set('NUMBER_EQ', Number(n));
  }
  requireNumberNotEqualTo(n: number) {
    return this._set('NUMBER_NEQ', Number(n));
  }
  requireNumberBetween(start: number, end: number) {
    return this._set('NUMBER_BETWEEN', Number(start), Number(end));
  }
  requireNumberNotBetween(start: number, end: number) {
    return this._set('NUMBER_NOT_BETWEEN', Number(start), Number(end));
  }
  requireTextLengthGreaterThanOrEqualTo(n: number) {
    return this._set('LENGTH_GTE', Number(n));
  }
  requireTextLengthLessThanOrEqualTo(n: number) {
    return this._set('LENGTH_LTE', Number(n));
  }
  requireTextContainsPattern(p: string) {
    return this._set('CONTAINS', String(p));
  }
  requireTextDoesNotContainPattern(p: string) {
    return this._set('NOT_CONTAINS', String(p));
  }
  requireTextMatchesPattern(p: string) {
    return this._set('MATCHES', String(p));
  }
  requireTextDoesNotMatchPattern(p: string) {
    return this._set('NOT_MATCHES', String(p));
  }

  setHelpText(text: string): GoogleAppsScript.Forms.TextValidationBuilder {
    this._help = String(text ?? '');
    return this._api();
  }

  build(): GoogleAppsScript.Forms.TextValidation {
    if (!this._rule) throw new AppsScriptException('The validation has no rule: call a require… method before build().');
    return new TextValidationImpl(this._ctx, { rule: this._rule, args: this._args.slice(), helpText: this._help })._api();
  }
}

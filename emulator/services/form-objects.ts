import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { unwrap } from '../core/facade';
import { DestinationType, EmailCollectionType, ItemType, asGas, enumName } from './enums';
import { ItemBase, ItemImpl, ListItemImpl, MultipleChoiceItemImpl, ParagraphTextItemImpl, TextItemImpl, TextValidationBuilderImpl } from './form-items';
import { EmailCollection, FormData, FormsObject, ItemData, QuestionKind, UNPUBLISHED_OPERATION, emailCollectionOf } from './form-model';
import { FormResponseImpl } from './form-responses';
import { FormStore } from './form-store';

export class FormAppImpl extends FormsObject implements Partial<GoogleAppsScript.Forms.FormApp> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _store: FormStore,
  ) {
    super('FormApp', _ctx);
  }

  get ItemType(): typeof GoogleAppsScript.Forms.ItemType {
    return ItemType as unknown as typeof GoogleAppsScript.Forms.ItemType;
  }
  get DestinationType(): typeof GoogleAppsScript.Forms.DestinationType {
    return DestinationType as unknown as typeof GoogleAppsScript.Forms.DestinationType;
  }
  /**
   * FormApp.EmailCollectionType: DO_NOT_COLLECT, VERIFIED, RESPONDER_INPUT. Not in
   * @types/google-apps-script 2.0.13 and its reference page was not found; public Apps Script
   * projects call form.setEmailCollectionType(FormApp.EmailCollectionType.VERIFIED), and the values
   * are the Forms API's FormSettings.emailCollectionType. Modelled on those.
   */
  get EmailCollectionType(): typeof EmailCollectionType {
    return EmailCollectionType;
  }

  create(title: string): GoogleAppsScript.Forms.Form {
    if (title === undefined || title === null) throw new AppsScriptException('Invalid argument: title');
    return this._store.formFacade(this._store.create(String(title), this._ctx.executions.current().user));
  }

  openById(id: string): GoogleAppsScript.Forms.Form {
    const form = this._store.get(String(id));
    if (!form) throw new AppsScriptException('No item with the given ID could be found, or you do not have permission to access it.');
    return this._store.formFacade(form);
  }

  openByUrl(url: string): GoogleAppsScript.Forms.Form {
    const m = /\/forms\/d\/(?:e\/)?([^/]+)/.exec(String(url));
    if (!m) throw new AppsScriptException('Invalid argument: url');
    return this.openById(m[1]);
  }

  /** The script is bound to a spreadsheet, not a form. */
  getActiveForm(): GoogleAppsScript.Forms.Form {
    return null as unknown as GoogleAppsScript.Forms.Form;
  }

  createTextValidation(): GoogleAppsScript.Forms.TextValidationBuilder {
    return new TextValidationBuilderImpl(this._ctx)._api();
  }
}

export class FormImpl extends FormsObject implements Partial<GoogleAppsScript.Forms.Form> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _store: FormStore,
    readonly _form: FormData,
  ) {
    super('Form', _ctx);
  }

  _id(): string {
    return this._form.id;
  }

  private _add(kind: QuestionKind): ItemData {
    const item: ItemData = { id: this._store.newItemId(), kind, title: '', helpText: '', required: false, choices: [], otherOption: false, validation: null };
    this._form.items.push(item);
    return item;
  }

  /** Items added (or retitled) after linking get a column in the responses sheet. */
  _syncHeaders(): void {
    this._store.syncHeaders(this._form);
  }

  getId(): string {
    return this._form.id;
  }
  getTitle(): string {
    return this._form.title;
  }
  setTitle(title: string): GoogleAppsScript.Forms.Form {
    this._form.title = String(title ?? '');
    return this._api();
  }
  getDescription(): string {
    return this._form.description;
  }
  setDescription(description: string): GoogleAppsScript.Forms.Form {
    this._form.description = String(description ?? '');
    return this._api();
  }
  getConfirmationMessage(): string {
    return this._form.confirmationMessage;
  }
  setConfirmationMessage(message: string): GoogleAppsScript.Forms.Form {
    this._form.confirmationMessage = String(message ?? '');
    return this._api();
  }
  collectsEmail(): boolean {
    return this._form.collectEmail;
  }

  /**
   * Collecting: a form that already collects keeps its kind; one that did not collects as
   * options.formsCollectEmailType says (which kind setCollectEmail(true) turns on is a GUESS).
   */
  setCollectEmail(collect: boolean): GoogleAppsScript.Forms.Form {
    const current = emailCollectionOf(this._form);
    this._setCollection(!collect ? 'DO_NOT_COLLECT' : current !== 'DO_NOT_COLLECT' ? current : this._ctx.options.formsCollectEmailType);
    return this._api();
  }

  /** Form.setEmailCollectionType(FormApp.EmailCollectionType.X): see FormAppImpl.EmailCollectionType. */
  setEmailCollectionType(type: unknown): GoogleAppsScript.Forms.Form {
    this._setCollection(enumName(type, EmailCollectionType, 'type'));
    return this._api();
  }

  getEmailCollectionType(): unknown {
    return asGas(EmailCollectionType[emailCollectionOf(this._form)]);
  }

  /** The responses sheet gains its "Email Address" column when the form starts collecting (kept when it stops, as answered columns are). */
  _setCollection(kind: EmailCollection): void {
    this._form.emailCollection = kind;
    this._form.collectEmail = kind !== 'DO_NOT_COLLECT';
    this._syncHeaders();
  }

  /** False while the form is unpublished (the Forms API forces it). */
  isAcceptingResponses(): boolean {
    return this._form.published && this._form.acceptingResponses;
  }

  /** On an unpublished form: throws (options.formsUnpublishedOperationsThrow), or changes nothing (it stays closed until published). */
  setAcceptingResponses(enabled: boolean): GoogleAppsScript.Forms.Form {
    if (!this._form.published) {
      this._refuseWhileUnpublished();
      return this._api();
    }
    this._form.acceptingResponses = Boolean(enabled);
    return this._api();
  }

  isPublished(): boolean {
    return this._form.published;
  }

  /**
   * Publishing opens the form to responses; unpublishing closes it (Forms API PublishState;
   * live Apps Script: "setPublished(false) closes a form to new responses, setPublished(true)
   * re-opens it", github.com/brucemcpherson/gas-fakes/issues/105). Publishing a form that is
   * already published changes nothing (unverified).
   */
  setPublished(enabled: boolean): GoogleAppsScript.Forms.Form {
    const publish = Boolean(enabled);
    if (publish && !this._form.published) {
      this._form.published = true;
      this._form.acceptingResponses = true;
    } else if (!publish) {
      this._form.published = false;
      this._form.acceptingResponses = false;
    }
    return this._api();
  }

  getPublishedUrl(): string {
    if (!this._form.published) this._refuseWhileUnpublished();
    return `https://docs.google.com/forms/d/e/${this._form.id}/viewform`;
  }

  _refuseWhileUnpublished(): void {
    if (this._ctx.options.formsUnpublishedOperationsThrow) throw new AppsScriptException(UNPUBLISHED_OPERATION);
  }

  getEditUrl(): string {
    return `https://docs.google.com/forms/d/${this._form.id}/edit`;
  }

  addTextItem(): GoogleAppsScript.Forms.TextItem {
    return new TextItemImpl(this._ctx, this._store, this._form, this._add('TEXT'))._api();
  }
  addParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    return new ParagraphTextItemImpl(this._ctx, this._store, this._form, this._add('PARAGRAPH_TEXT'))._api();
  }
  addListItem(): GoogleAppsScript.Forms.ListItem {
    return new ListItemImpl(this._ctx, this._store, this._form, this._add('LIST'))._api();
  }
  addMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    return new MultipleChoiceItemImpl(this._ctx, this._store, this._form, this._add('MULTIPLE_CHOICE'))._api();
  }

  getItems(itemType?: GoogleAppsScript.Forms.ItemType): GoogleAppsScript.Forms.Item[] {
    const type = itemType === undefined ? null : enumName(itemType, ItemType, 'itemType');
    return this._form.items.filter((i) => type === null || i.kind === type).map((i) => new ItemImpl(this._ctx, this._store, this._form, i)._api<GoogleAppsScript.Forms.Item>());
  }

  getItemById(id: number): GoogleAppsScript.Forms.Item {
    const item = this._form.items.find((i) => i.id === Number(id));
    return (item ? new ItemImpl(this._ctx, this._store, this._form, item)._api() : null) as GoogleAppsScript.Forms.Item;
  }

  deleteItem(indexOrItem: number | GoogleAppsScript.Forms.Item): void {
    let index: number;
    if (typeof indexOrItem === 'number') index = indexOrItem;
    else {
      const item = unwrap(indexOrItem, ItemBase, 'item');
      index = this._form.items.findIndex((i) => i.id === item._item.id);
    }
    if (!Number.isInteger(index) || index < 0 || index >= this._form.items.length) throw new AppsScriptException('Invalid argument: index');
    this._form.items.splice(index, 1);
  }

  setDestination(type: GoogleAppsScript.Forms.DestinationType, id: string): GoogleAppsScript.Forms.Form {
    enumName(type, DestinationType, 'type');
    const spreadsheetId = String(id);
    if (!this._ctx.spreadsheets.exists(spreadsheetId)) throw new AppsScriptException('Invalid argument: id');
    const sheet = this._ctx.spreadsheets.addFormResponsesSheet(spreadsheetId, this._store.headersFor(this._form));
    this._form.destination = { spreadsheetId, sheetName: sheet.name, sheetId: sheet.sheetId };
    return this._api();
  }

  getDestinationId(): string {
    if (!this._form.destination) throw new AppsScriptException('This form does not currently have a response destination.');
    return this._form.destination.spreadsheetId;
  }

  getDestinationType(): GoogleAppsScript.Forms.DestinationType {
    if (!this._form.destination) throw new AppsScriptException('This form does not currently have a response destination.');
    return asGas(DestinationType.SPREADSHEET);
  }

  removeDestination(): GoogleAppsScript.Forms.Form {
    this._form.destination = null;
    return this._api();
  }

  getResponses(timestamp?: GoogleAppsScript.Base.Date): GoogleAppsScript.Forms.FormResponse[] {
    const since = timestamp === undefined ? -Infinity : (timestamp as unknown as Date).getTime();
    return this._form.responses.filter((r) => Date.parse(r.timestamp) >= since).map((r) => this._store.responseFacade(this._form, r));
  }

  getResponse(responseId: string): GoogleAppsScript.Forms.FormResponse {
    const r = this._form.responses.find((x) => x.id === String(responseId));
    if (!r) throw new AppsScriptException('Invalid argument: responseId');
    return this._store.responseFacade(this._form, r);
  }

  deleteAllResponses(): GoogleAppsScript.Forms.Form {
    this._form.responses = [];
    return this._api();
  }

  createResponse(): GoogleAppsScript.Forms.FormResponse {
    return new FormResponseImpl(this._ctx, this._store, this._form, null)._api();
  }
}

import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { unwrap } from '../core/facade';
import { ItemBase, ItemImpl } from './form-items';
import { FormData, FormsObject, ItemData, ResponseData } from './form-model';
import { FormStore } from './form-store';

export class ItemResponseImpl extends FormsObject implements Partial<GoogleAppsScript.Forms.ItemResponse> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _store: FormStore,
    private readonly _form: FormData,
    readonly _item: ItemData,
    readonly _response: string,
  ) {
    super('ItemResponse', _ctx);
  }

  getItem(): GoogleAppsScript.Forms.Item {
    return new ItemImpl(this._ctx, this._store, this._form, this._item)._api();
  }

  getResponse(): string {
    return this._response;
  }
}

/** A recorded response, or (record null) a draft a script builds with createResponse(). */
export class FormResponseImpl extends FormsObject implements Partial<GoogleAppsScript.Forms.FormResponse> {
  private readonly _draft: Array<{ itemId: number; response: string }> = [];

  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _store: FormStore,
    private readonly _form: FormData,
    private _record: ResponseData | null,
  ) {
    super('FormResponse', _ctx);
  }

  private _answers(): Array<{ itemId: number; response: string }> {
    return this._record ? this._record.answers : this._draft;
  }

  getId(): string {
    return this._record ? this._record.id : (null as unknown as string);
  }

  getTimestamp(): GoogleAppsScript.Base.Date {
    return (this._record ? new Date(this._record.timestamp) : null) as unknown as GoogleAppsScript.Base.Date;
  }

  getRespondentEmail(): string {
    return this._record ? this._record.respondentEmail : '';
  }

  getItemResponses(): GoogleAppsScript.Forms.ItemResponse[] {
    return this._answers().flatMap((a) => {
      const item = this._form.items.find((i) => i.id === a.itemId);
      return item ? [new ItemResponseImpl(this._ctx, this._store, this._form, item, a.response)._api<GoogleAppsScript.Forms.ItemResponse>()] : [];
    });
  }

  getResponseForItem(item: GoogleAppsScript.Forms.Item): GoogleAppsScript.Forms.ItemResponse {
    const target = unwrap(item, ItemBase, 'item')._item;
    const a = this._answers().find((x) => x.itemId === target.id);
    return (a ? new ItemResponseImpl(this._ctx, this._store, this._form, target, a.response)._api() : null) as GoogleAppsScript.Forms.ItemResponse;
  }

  getEditResponseUrl(): string {
    return this._record ? `https://docs.google.com/forms/d/e/${this._form.id}/viewform?edit2=${this._record.id}` : '';
  }

  withItemResponse(response: GoogleAppsScript.Forms.ItemResponse): GoogleAppsScript.Forms.FormResponse {
    if (this._record) throw new AppsScriptException('This response has already been submitted.');
    const r = unwrap(response, ItemResponseImpl, 'response');
    const i = this._draft.findIndex((x) => x.itemId === r._item.id);
    if (i >= 0) this._draft.splice(i, 1);
    this._draft.push({ itemId: r._item.id, response: r._response });
    return this._api();
  }

  /** Script submission: recorded and written to the destination; fires no trigger. */
  submit(): GoogleAppsScript.Forms.FormResponse {
    if (this._record) throw new AppsScriptException('This response has already been submitted.');
    const { response } = this._store.record(this._form, this._draft.slice(), this._ctx.executions.current().user, this._ctx.clock.now(), true);
    this._record = response;
    return this._api();
  }
}

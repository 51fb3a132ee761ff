import { EmulatorContext, documentOf } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { AuthModeName } from '../core/execution';
import { ServiceObject, unwrap } from '../core/facade';
import { fromZoned } from '../core/timezone';
import { ClockSchedule, TriggerRecord, TriggerRegistry } from '../triggers/registry';
import { AuthMode, EventType, EventTypeName, InstallationSource, TriggerSource, Weekday, WeekdayName, asGas, enumName } from './enums';
import { FormImpl, FormStore } from './forms';

/**
 * ScriptApp: enums, installable triggers (FULL only), script id and OAuth token.
 * getProjectTriggers() lists the current user's triggers of this project;
 * getUserTriggers(doc) those of the current user for that document (time-driven
 * triggers are not tied to a document and are not listed there).
 */
type Gas = typeof GoogleAppsScript.Script;

export class ScriptAppImpl extends ServiceObject implements Partial<GoogleAppsScript.Script.ScriptApp> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _registry: TriggerRegistry,
    private readonly _forms: FormStore,
  ) {
    super('ScriptApp', _ctx);
  }

  override _requiredAuth(member: string): AuthModeName {
    if (member === 'newTrigger' || member === 'getProjectTriggers' || member === 'getUserTriggers' || member === 'deleteTrigger') return 'FULL';
    return 'LIMITED';
  }

  get AuthMode(): Gas['AuthMode'] {
    return AuthMode as unknown as Gas['AuthMode'];
  }
  get EventType(): Gas['EventType'] {
    return EventType as unknown as Gas['EventType'];
  }
  get TriggerSource(): Gas['TriggerSource'] {
    return TriggerSource as unknown as Gas['TriggerSource'];
  }
  get InstallationSource(): Gas['InstallationSource'] {
    return InstallationSource as unknown as Gas['InstallationSource'];
  }
  get WeekDay(): typeof GoogleAppsScript.Base.Weekday {
    return Weekday as unknown as typeof GoogleAppsScript.Base.Weekday;
  }

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    if (functionName === undefined || functionName === null || String(functionName) === '') throw new AppsScriptException('Invalid argument: functionName');
    return new TriggerBuilderImpl(this._ctx, this._registry, this._forms, String(functionName))._api();
  }

  getProjectTriggers(): GoogleAppsScript.Script.Trigger[] {
    const user = this._ctx.executions.current().user;
    return this._registry.list({ owner: user }).map((r) => new TriggerImpl(this._ctx, r)._api<GoogleAppsScript.Script.Trigger>());
  }

  getUserTriggers(document: unknown): GoogleAppsScript.Script.Trigger[] {
    const user = this._ctx.executions.current().user;
    const id = documentIdOf(document);
    return this._registry
      .list({ owner: user })
      .filter((r) => r.sourceId === id)
      .map((r) => new TriggerImpl(this._ctx, r)._api<GoogleAppsScript.Script.Trigger>());
  }

  deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
    const t = unwrap(trigger, TriggerImpl, 'trigger');
    this._registry.delete(t._record.uid);
  }

  getScriptId(): string {
    return this._ctx.options.scriptId;
  }

  /** A stand-in token (nothing here talks to Google). */
  getOAuthToken(): string {
    const e = this._ctx.executions.current();
    return `ya29.emulated-${Buffer.from(`${this._ctx.options.scriptId}:${e.user}`).toString('base64url')}`;
  }

  getService(): GoogleAppsScript.Script.Service {
    return new ScriptServiceImpl(this._ctx)._api();
  }
}

function documentIdOf(document: unknown): string {
  if (typeof document === 'string') return document;
  try {
    return unwrap(document, FormImpl, 'document')._id();
  } catch {
    // not a form
  }
  if (document && typeof document === 'object' && typeof (document as { getId?: unknown }).getId === 'function') {
    return String((document as { getId(): unknown }).getId());
  }
  throw new AppsScriptException('Invalid argument: document');
}

export class ScriptServiceImpl extends ServiceObject implements Partial<GoogleAppsScript.Script.Service> {
  constructor(private readonly _ctx: EmulatorContext) {
    super('Service', _ctx);
  }

  getUrl(): string {
    return `https://script.google.com/macros/s/${this._ctx.options.scriptId}/exec`;
  }
}

export class TriggerImpl extends ServiceObject implements Partial<GoogleAppsScript.Script.Trigger> {
  constructor(
    ctx: EmulatorContext,
    readonly _record: TriggerRecord,
  ) {
    super('Trigger', ctx);
  }

  getUniqueId(): string {
    return this._record.uid;
  }
  getHandlerFunction(): string {
    return this._record.handler;
  }
  getEventType(): GoogleAppsScript.Script.EventType {
    return asGas(EventType[this._record.eventType]);
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return asGas(TriggerSource[this._record.source]);
  }
  getTriggerSourceId(): string {
    return this._record.sourceId as string;
  }
}

abstract class BuilderBase extends ServiceObject {
  protected constructor(
    gasType: string,
    protected readonly _ctx: EmulatorContext,
    protected readonly _registry: TriggerRegistry,
    protected readonly _handler: string,
  ) {
    super(gasType, _ctx);
  }

  override _requiredAuth(): AuthModeName {
    return 'FULL';
  }

  protected _create(t: Pick<TriggerRecord, 'eventType' | 'source' | 'sourceId'> & { schedule?: ClockSchedule }): GoogleAppsScript.Script.Trigger {
    const documentId = documentOf(this._ctx) ?? '';
    const record = this._registry.create({ ...t, handler: this._handler, owner: this._ctx.executions.current().user, documentId });
    return new TriggerImpl(this._ctx, record)._api();
  }
}

export class TriggerBuilderImpl extends BuilderBase implements Partial<GoogleAppsScript.Script.TriggerBuilder> {
  constructor(
    ctx: EmulatorContext,
    registry: TriggerRegistry,
    private readonly _forms: FormStore,
    handler: string,
  ) {
    super('TriggerBuilder', ctx, registry, handler);
  }

  forSpreadsheet(sheet: string | GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    const id = typeof sheet === 'string' ? sheet : documentIdOf(sheet);
    if (!this._ctx.spreadsheets.exists(id)) throw new AppsScriptException('Invalid argument: key');
    return new SpreadsheetTriggerBuilderImpl(this._ctx, this._registry, this._handler, id)._api();
  }

  forForm(form: string | GoogleAppsScript.Forms.Form): GoogleAppsScript.Script.FormTriggerBuilder {
    const id = typeof form === 'string' ? form : unwrap(form, FormImpl, 'form')._id();
    if (!this._forms.get(id)) throw new AppsScriptException('Invalid argument: key');
    return new FormTriggerBuilderImpl(this._ctx, this._registry, this._handler, id)._api();
  }

  timeBased(): GoogleAppsScript.Script.ClockTriggerBuilder {
    return new ClockTriggerBuilderImpl(this._ctx, this._registry, this._handler)._api();
  }
}

export class SpreadsheetTriggerBuilderImpl extends BuilderBase implements Partial<GoogleAppsScript.Script.SpreadsheetTriggerBuilder> {
  private _event: EventTypeName | null = null;

  constructor(
    ctx: EmulatorContext,
    registry: TriggerRegistry,
    handler: string,
    private readonly _spreadsheetId: string,
  ) {
    super('SpreadsheetTriggerBuilder', ctx, registry, handler);
  }

  onOpen(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this._event = 'ON_OPEN';
    return this._api();
  }
  onEdit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this._event = 'ON_EDIT';
    return this._api();
  }
  onChange(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this._event = 'ON_CHANGE';
    return this._api();
  }
  onFormSubmit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this._event = 'ON_FORM_SUBMIT';
    return this._api();
  }

  create(): GoogleAppsScript.Script.Trigger {
    if (!this._event) throw new AppsScriptException('Missing event type for the trigger: call onOpen(), onEdit(), onChange() or onFormSubmit() before create().');
    return this._create({ eventType: this._event, source: 'SPREADSHEETS', sourceId: this._spreadsheetId });
  }
}

export class FormTriggerBuilderImpl extends BuilderBase implements Partial<GoogleAppsScript.Script.FormTriggerBuilder> {
  private _event: EventTypeName | null = null;

  constructor(
    ctx: EmulatorContext,
    registry: TriggerRegistry,
    handler: string,
    private readonly _formId: string,
  ) {
    super('FormTriggerBuilder', ctx, registry, handler);
  }

  onFormSubmit(): GoogleAppsScript.Script.FormTriggerBuilder {
    this._event = 'ON_FORM_SUBMIT';
    return this._api();
  }
  onOpen(): GoogleAppsScript.Script.FormTriggerBuilder {
    this._event = 'ON_OPEN';
    return this._api();
  }

  create(): GoogleAppsScript.Script.Trigger {
    if (!this._event) throw new AppsScriptException('Missing event type for the trigger: call onFormSubmit() or onOpen() before create().');
    return this._create({ eventType: this._event, source: 'FORMS', sourceId: this._formId });
  }
}

const EVERY_MINUTES = [1, 5, 10, 15, 30];
const EVERY_HOURS = [1, 2, 4, 6, 8, 12];

function integerIn(value: unknown, min: number, max: number, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new AppsScriptException(`Invalid argument: ${what}`);
  return n;
}

export class ClockTriggerBuilderImpl extends BuilderBase implements Partial<GoogleAppsScript.Script.ClockTriggerBuilder> {
  private readonly _s: ClockSchedule = {};

  constructor(ctx: EmulatorContext, registry: TriggerRegistry, handler: string) {
    super('ClockTriggerBuilder', ctx, registry, handler);
  }

  everyMinutes(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!EVERY_MINUTES.includes(Number(n))) throw new AppsScriptException('The value passed to everyMinutes must be 1, 5, 10, 15 or 30.');
    this._s.everyMinutes = Number(n);
    return this._api();
  }

  everyHours(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!EVERY_HOURS.includes(Number(n))) throw new AppsScriptException('The value passed to everyHours must be 1, 2, 4, 6, 8 or 12.');
    this._s.everyHours = Number(n);
    return this._api();
  }

  everyDays(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._s.everyDays = integerIn(n, 1, 365, 'n');
    return this._api();
  }

  everyWeeks(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._s.everyWeeks = integerIn(n, 1, 52, 'n');
    return this._api();
  }

  atHour(hour: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._s.atHour = integerIn(hour, 0, 23, 'hour');
    return this._api();
  }

  nearMinute(minute: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._s.nearMinute = integerIn(minute, 0, 59, 'minute');
    return this._api();
  }

  onWeekDay(day: GoogleAppsScript.Base.Weekday): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._s.onWeekDay = enumName(day, Weekday, 'day') as WeekdayName;
    return this._api();
  }

  onMonthDay(day: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._s.onMonthDay = integerIn(day, 1, 31, 'day');
    return this._api();
  }

  inTimezone(timezone: string): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._s.timeZone = String(timezone);
    return this._api();
  }

  at(date: GoogleAppsScript.Base.Date): GoogleAppsScript.Script.ClockTriggerBuilder {
    const d = date as unknown as Date;
    if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new AppsScriptException('Invalid argument: date');
    this._s.at = d.toISOString();
    return this._api();
  }

  atDate(year: number, month: number, day: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    // Midnight of that day in the trigger's zone is resolved at create(); store the civil date for now.
    this._s.at = `civil:${integerIn(year, 1970, 9999, 'year')}-${integerIn(month, 1, 12, 'month')}-${integerIn(day, 1, 31, 'day')}`;
    return this._api();
  }

  after(durationMilliseconds: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    const ms = Number(durationMilliseconds);
    if (!Number.isFinite(ms) || ms < 0) throw new AppsScriptException('Invalid argument: durationMilliseconds');
    this._s.at = new Date(this._ctx.clock.nowMs() + ms).toISOString();
    return this._api();
  }

  create(): GoogleAppsScript.Script.Trigger {
    const s: ClockSchedule = { ...this._s };
    if (s.at?.startsWith('civil:')) {
      const [y, m, d] = s.at.slice(6).split('-').map(Number);
      s.at = fromZoned(s.timeZone ?? this._ctx.options.timeZone, y, m, d).toISOString();
    }
    const periods = [s.everyMinutes, s.everyHours, s.everyDays, s.everyWeeks, s.onMonthDay].filter((v) => v !== undefined).length;
    if (periods === 0 && s.at === undefined && s.onWeekDay === undefined) {
      throw new AppsScriptException('The trigger has no schedule: call everyMinutes, everyHours, everyDays, everyWeeks, onMonthDay, onWeekDay, at or after before create().');
    }
    if (periods > 1 || (periods && s.at !== undefined)) throw new AppsScriptException('The trigger has more than one schedule.');
    if ((s.atHour !== undefined || s.nearMinute !== undefined) && s.everyMinutes !== undefined) {
      throw new AppsScriptException('atHour and nearMinute cannot be combined with everyMinutes.');
    }
    return this._create({ eventType: 'CLOCK', source: 'CLOCK', sourceId: null, schedule: s });
  }
}

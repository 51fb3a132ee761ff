import { EmulatorContext, TIME_DRIVEN_ORIGIN } from '../core/context';
import { AppsScriptException, thrownMessage } from '../core/errors';
import { AuthMode, EventTypeName, TriggerSourceName, WeekdayName } from '../services/enums';

/**
 * Installable triggers of the project, by owner. Limits (developers.google.com/apps-script/guides/triggers/installable
 * and /workspace/add-ons/concepts/editor-triggers): 20 triggers per user per script; an
 * editor add-on may hold one trigger of each event type per user per document, and no
 * time-driven trigger more frequent than hourly. The add-on limits apply when
 * options.projectKind is 'editor-add-on' (the default) unless setAddonTriggerLimits()
 * says otherwise. Message as users have reported it (github.com/ljay79/jira-tools/issues/53).
 */
export const TOO_MANY_TRIGGERS_MESSAGE = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
export const MAX_TRIGGERS_PER_USER = 20;

export interface ClockSchedule {
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  onWeekDay?: WeekdayName;
  onMonthDay?: number;
  /** inTimezone(tz); otherwise the script's time zone. */
  timeZone?: string;
  /** at(date): one-off, ISO instant. after(ms) is stored as `at` too (creation + ms). */
  at?: string;
}

export interface TriggerRecord {
  uid: string;
  handler: string;
  eventType: EventTypeName;
  source: TriggerSourceName;
  /** Spreadsheet or form id; null for time-driven triggers. */
  sourceId: string | null;
  /** The user who created it: the trigger runs as this user. */
  owner: string;
  /** The container document the creating execution was bound to (add-on limits count per document). */
  documentId: string;
  createdAt: string;
  schedule?: ClockSchedule;
  /** Last time the emulator fired it (ISO). One-off clock triggers stay listed after firing, disabled. */
  lastFiredAt?: string;
}

export interface TriggerRun {
  uid: string;
  handler: string;
  eventType: EventTypeName;
  owner: string;
  at: string;
  ok: boolean;
  /** The handler's return value (ok) or the error message (failed). */
  result?: unknown;
  error?: string;
  /** The event object handed to the handler. */
  event: Record<string, unknown>;
}

export interface TriggerState {
  nextId: number;
  /** setAddonTriggerLimits()'s override; null: follow projectKind. (Older saves had `enforceAddonLimits`, ignored: it recorded the old off-by-default.) */
  addonLimitsOverride: boolean | null;
  triggers: TriggerRecord[];
  runs: Array<Omit<TriggerRun, 'event' | 'result'>>;
}

const ORIGIN: Record<EventTypeName, string> = {
  CLOCK: TIME_DRIVEN_ORIGIN,
  ON_OPEN: 'trigger:onOpen',
  ON_EDIT: 'trigger:onEdit',
  ON_FORM_SUBMIT: 'trigger:formSubmit',
  ON_CHANGE: 'trigger:onChange',
  ON_EVENT_UPDATED: 'trigger:eventUpdated',
};

export class TriggerRegistry {
  private triggers: TriggerRecord[] = [];
  private nextId = 1;
  private addonLimitsOverride: boolean | null = null;
  /** Every firing, in order. */
  runs: TriggerRun[] = [];

  constructor(private readonly ctx: EmulatorContext) {}

  /** Overrides whether the add-on limits apply (default: for an 'editor-add-on' project); null: back to the default. */
  setAddonTriggerLimits(enforce: boolean | null): void {
    this.addonLimitsOverride = enforce;
  }

  addonTriggerLimitsEnforced(): boolean {
    return this.addonLimitsOverride ?? this.ctx.options.projectKind === 'editor-add-on';
  }

  /** Creates a trigger as ScriptApp would, enforcing the limits. */
  create(t: Omit<TriggerRecord, 'uid' | 'createdAt'>): TriggerRecord {
    const mine = this.triggers.filter((x) => x.owner === t.owner);
    if (mine.length >= MAX_TRIGGERS_PER_USER) throw new AppsScriptException(TOO_MANY_TRIGGERS_MESSAGE);
    if (this.addonTriggerLimitsEnforced()) {
      if (t.eventType === 'CLOCK' && t.schedule?.everyMinutes !== undefined) {
        throw new AppsScriptException('Add-ons may not create time-based triggers that run more often than once an hour.');
      }
      if (mine.some((x) => x.documentId === t.documentId && x.eventType === t.eventType)) {
        const kind = t.eventType === 'CLOCK' ? 'time-based' : t.eventType.toLowerCase().replace(/^on_/, '').replace('_', ' ');
        throw new AppsScriptException(`This add-on has created too many ${kind} triggers in this document for this Google user account.`);
      }
    }
    const record: TriggerRecord = { ...t, uid: String(1000000 + this.nextId++), createdAt: this.ctx.clock.now().toISOString() };
    this.triggers.push(record);
    return record;
  }

  get(uid: string): TriggerRecord | undefined {
    return this.triggers.find((t) => t.uid === uid);
  }

  /** All triggers, or those matching every given field. */
  list(filter: Partial<Pick<TriggerRecord, 'eventType' | 'source' | 'sourceId' | 'owner' | 'handler' | 'documentId'>> = {}): TriggerRecord[] {
    return this.triggers.filter((t) => (Object.keys(filter) as Array<keyof typeof filter>).every((k) => filter[k] === undefined || t[k] === filter[k]));
  }

  delete(uid: string): boolean {
    const i = this.triggers.findIndex((t) => t.uid === uid);
    if (i < 0) return false;
    this.triggers.splice(i, 1);
    return true;
  }

  clear(): void {
    this.triggers = [];
    this.runs = [];
  }

  /**
   * Runs `record`'s handler as Google would: a new execution in AuthMode FULL as the
   * trigger's owner (its effective user), with `event` plus authMode and triggerUid.
   * `as.activeUser` is what Session.getActiveUser() reveals (an edit or change trigger:
   * the editor as revealed to the owner; by default time-driven and form-submit triggers
   * follow options.identity, others reveal nobody). A failing handler does not throw
   * here (Google logs it and e-mails the owner); see the returned run.
   */
  fire(record: TriggerRecord, event: Record<string, unknown>, origin = ORIGIN[record.eventType], as: { activeUser?: string; activePerson?: string; documentId?: string | null } = {}): TriggerRun {
    const script = this.ctx.script;
    if (!script) throw new Error('emulator: no script attached; cannot fire triggers');
    const fullEvent: Record<string, unknown> = { authMode: AuthMode.FULL, ...event, triggerUid: record.uid };
    const at = this.ctx.clock.now().toISOString();
    record.lastFiredAt = at;
    const run: TriggerRun = { uid: record.uid, handler: record.handler, eventType: record.eventType, owner: record.owner, at, ok: true, event: fullEvent };
    try {
      if (!script.has(record.handler)) throw new AppsScriptException(`Script function not found: ${record.handler}`);
      const timeOrForm = record.eventType === 'CLOCK' || record.eventType === 'ON_FORM_SUBMIT';
      const activeUser = as.activeUser ?? (timeOrForm ? this.ctx.people.activeUserInTimeOrFormTrigger(record.owner) : '');
      run.result = script.invoke(record.handler, [fullEvent], {
        authMode: 'FULL',
        user: record.owner,
        activeUser,
        activePerson: as.activePerson ?? record.owner,
        origin,
        documentId: as.documentId === undefined ? this.documentFor(record) : as.documentId,
      });
    } catch (e) {
      run.ok = false;
      run.error = thrownMessage(e);
    }
    this.runs.push(run);
    return run;
  }

  /**
   * The document a trigger's execution runs in: a spreadsheet trigger's source; none for an
   * editor add-on's time-driven trigger (a bound script's keeps the document it was made in);
   * a form trigger's is given by the form (its destination spreadsheet), else none.
   */
  private documentFor(record: TriggerRecord): string | null {
    if (record.source === 'SPREADSHEETS') return record.sourceId;
    if (record.eventType === 'CLOCK') return this.ctx.options.projectKind === 'editor-add-on' ? null : record.documentId || null;
    return null;
  }

  save(): TriggerState {
    return {
      nextId: this.nextId,
      addonLimitsOverride: this.addonLimitsOverride,
      triggers: JSON.parse(JSON.stringify(this.triggers)) as TriggerRecord[],
      runs: this.runs.map(({ event: _e, result: _r, ...rest }) => ({ ...rest })),
    };
  }

  load(state: unknown): void {
    const s = (state ?? {}) as Partial<TriggerState>;
    this.triggers = Array.isArray(s.triggers) ? (JSON.parse(JSON.stringify(s.triggers)) as TriggerRecord[]) : [];
    this.nextId = typeof s.nextId === 'number' ? s.nextId : this.triggers.length + 1;
    this.addonLimitsOverride = typeof s.addonLimitsOverride === 'boolean' ? s.addonLimitsOverride : null;
    this.runs = Array.isArray(s.runs) ? s.runs.map((r) => ({ ...r, event: {} })) : [];
  }
}

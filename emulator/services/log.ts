import { isErrorLike } from '../core/errors';
import { EmulatorContext } from '../core/context';
import { AuthModeName } from '../core/execution';
import { ServiceObject } from '../core/facade';

/**
 * The execution log (what the Apps Script editor shows under "Execution log" and
 * Cloud Logging keeps): every Logger.log and console.* line, with the execution
 * that wrote it.
 */
export type LogLevel = 'log' | 'info' | 'warn' | 'error';

export interface LogEntry {
  executionId: number;
  origin: string;
  /** 'Logger' or 'console'. */
  source: 'Logger' | 'console';
  level: LogLevel;
  message: string;
  /** ISO instant by the emulator's clock. */
  at: string;
}

export class ExecutionLog {
  entries: LogEntry[] = [];
  /** Lines Logger.getLog() returns; Logger.clear() empties it (not the execution log). */
  loggerLines: string[] = [];

  constructor(private readonly ctx: EmulatorContext) {}

  add(source: LogEntry['source'], level: LogLevel, message: string): void {
    const e = this.ctx.executions.current();
    this.entries.push({ executionId: e.id, origin: e.origin, source, level, message, at: this.ctx.clock.now().toISOString() });
    if (source === 'Logger') this.loggerLines.push(message);
  }

  /** Entries of one execution, or all. */
  list(executionId?: number): LogEntry[] {
    return executionId === undefined ? this.entries.slice() : this.entries.filter((e) => e.executionId === executionId);
  }

  /** The log as text, one "LEVEL message" line per entry. */
  text(executionId?: number): string {
    return this.list(executionId)
      .map((e) => `${e.level.toUpperCase()}\t${e.message}`)
      .join('\n');
  }

  clear(): void {
    this.entries = [];
    this.loggerLines = [];
  }

  save(): { entries: LogEntry[]; loggerLines: string[] } {
    return { entries: this.entries.map((e) => ({ ...e })), loggerLines: this.loggerLines.slice() };
  }

  load(state: unknown): void {
    const s = (state ?? {}) as { entries?: LogEntry[]; loggerLines?: string[] };
    this.entries = Array.isArray(s.entries) ? s.entries.map((e) => ({ ...e })) : [];
    this.loggerLines = Array.isArray(s.loggerLines) ? s.loggerLines.slice() : [];
  }
}

/** How Apps Script renders a logged value: strings as is, objects as JSON, dates as Date#toString. */
export function renderLogValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (value instanceof Date) return String(value);
  if (isErrorLike(value)) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** printf-style substitution (%s %d %i %f %o %O %j %%) then the remaining arguments, space separated. */
export function formatLogArgs(args: unknown[]): string {
  if (args.length === 0) return '';
  const [first, ...rest] = args;
  if (typeof first !== 'string') return args.map(renderLogValue).join(' ');
  let i = 0;
  const head = first.replace(/%([sdifoOj%])/g, (m, c: string) => {
    if (c === '%') return '%';
    if (i >= rest.length) return m;
    const v = rest[i++];
    switch (c) {
      case 'd':
      case 'i':
        return String(Math.trunc(Number(v)));
      case 'f':
        return String(Number(v));
      case 's':
        return renderLogValue(v);
      default:
        return renderLogValue(v);
    }
  });
  return [head, ...rest.slice(i).map(renderLogValue)].join(' ');
}

export class LoggerImpl extends ServiceObject implements Partial<GoogleAppsScript.Base.Logger> {
  constructor(
    ctx: EmulatorContext,
    private readonly _log: ExecutionLog,
  ) {
    super('Logger', ctx);
  }

  override _requiredAuth(): AuthModeName {
    return 'NONE';
  }

  log(data: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    // Logger.log(format, values...) uses Java's String.format-style %s; a single value is rendered as is.
    const message = values.length && typeof data === 'string' ? formatLogArgs([data, ...values]) : renderLogValue(data);
    this._log.add('Logger', 'info', message);
    return this._api();
  }

  getLog(): string {
    return this._log.loggerLines.join('\n');
  }

  clear(): void {
    this._log.loggerLines = [];
  }
}

/** The `console` global of the V8 runtime (Cloud Logging levels). */
export class ConsoleImpl extends ServiceObject {
  private readonly _timers = new Map<string, number>();

  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _log: ExecutionLog,
  ) {
    super('console', _ctx);
  }

  override _requiredAuth(): AuthModeName {
    return 'NONE';
  }

  log(...args: unknown[]): void {
    this._log.add('console', 'log', formatLogArgs(args));
  }

  info(...args: unknown[]): void {
    this._log.add('console', 'info', formatLogArgs(args));
  }

  warn(...args: unknown[]): void {
    this._log.add('console', 'warn', formatLogArgs(args));
  }

  error(...args: unknown[]): void {
    this._log.add('console', 'error', formatLogArgs(args));
  }

  time(label = 'default'): void {
    this._timers.set(String(label), this._ctx.clock.nowMs());
  }

  timeEnd(label = 'default'): void {
    const started = this._timers.get(String(label));
    if (started === undefined) return;
    this._timers.delete(String(label));
    this._log.add('console', 'info', `${label}: ${this._ctx.clock.nowMs() - started}ms`);
  }
}

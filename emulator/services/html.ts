import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { ServiceObject } from '../core/facade';
import { BlobImpl, blobOf } from './blob';
import { SandboxMode, XFrameOptionsMode, enumName } from './enums';

/**
 * HtmlService (developers.google.com/apps-script/guides/html/templates): HtmlOutput,
 * files read from the build directory, and templates with <? ?> (code),
 * <?= ?> (output, HTML-escaped) and <?!= ?> (output, raw) scriptlets.
 */
const ALLOWED_META_TAGS = new Set(['viewport', 'apple-mobile-web-app-capable', 'mobile-web-app-capable']);

export function escapeHtml(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Reads `<buildDir>/<name>.html` (or `<name>` if it already ends in .html). */
export function readHtmlFile(ctx: EmulatorContext, filename: string): string {
  const name = String(filename);
  const candidates = [path.resolve(ctx.options.buildDir, `${name}.html`)];
  if (name.endsWith('.html')) candidates.unshift(path.resolve(ctx.options.buildDir, name));
  for (const file of candidates) {
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return fs.readFileSync(file, 'utf8');
  }
  throw new AppsScriptException(`No HTML file named ${name.replace(/\.html$/, '')} was found.`);
}

export interface MetaTag {
  name: string;
  content: string;
}

export class HtmlServiceImpl extends ServiceObject implements Partial<GoogleAppsScript.HTML.HtmlService> {
  /** Globals a template's scriptlets can see besides the template's own fields (services, script functions). */
  _templateGlobals: () => Record<string, unknown> = () => ({});

  constructor(private readonly _ctx: EmulatorContext) {
    super('HtmlService', _ctx);
  }

  get SandboxMode(): typeof GoogleAppsScript.HTML.SandboxMode {
    return SandboxMode as unknown as typeof GoogleAppsScript.HTML.SandboxMode;
  }

  get XFrameOptionsMode(): typeof GoogleAppsScript.HTML.XFrameOptionsMode {
    return XFrameOptionsMode as unknown as typeof GoogleAppsScript.HTML.XFrameOptionsMode;
  }

  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): GoogleAppsScript.HTML.HtmlOutput {
    return new HtmlOutputImpl(this._ctx, this, contentOf(html))._api();
  }

  createHtmlOutputFromFile(filename: string): GoogleAppsScript.HTML.HtmlOutput {
    return new HtmlOutputImpl(this._ctx, this, readHtmlFile(this._ctx, filename))._api();
  }

  createTemplate(html: string | GoogleAppsScript.Base.BlobSource): GoogleAppsScript.HTML.HtmlTemplate {
    return new HtmlTemplateImpl(this._ctx, this, contentOf(html))._template();
  }

  createTemplateFromFile(filename: string): GoogleAppsScript.HTML.HtmlTemplate {
    return new HtmlTemplateImpl(this._ctx, this, readHtmlFile(this._ctx, filename))._template();
  }

  getUserAgent(): string {
    return 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 (emulated)';
  }
}

function contentOf(html: unknown): string {
  if (html === undefined || html === null) return '';
  if (typeof html === 'string') return html;
  const blob = blobOf(html);
  if (blob) return blob._bytes().toString('utf8');
  return String(html);
}

export class HtmlOutputImpl extends ServiceObject implements Partial<GoogleAppsScript.HTML.HtmlOutput> {
  private _title = '';
  private _width: number | null = null;
  private _height: number | null = null;
  private _sandbox = 'IFRAME';
  private _xFrame = 'DEFAULT';
  private _favicon: string | null = null;
  private readonly _meta: MetaTag[] = [];

  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _service: HtmlServiceImpl,
    private _content: string,
  ) {
    super('HtmlOutput', _ctx);
  }

  /** Uncounted snapshot for the Ui recorder. */
  _snapshot(): { html: string; title: string; width: number | null; height: number | null; sandboxMode: string; xFrameOptionsMode: string; metaTags: MetaTag[] } {
    return {
      html: this._content,
      title: this._title,
      width: this._width,
      height: this._height,
      sandboxMode: this._sandbox,
      xFrameOptionsMode: this._xFrame,
      metaTags: this._meta.map((m) => ({ ...m })),
    };
  }

  getContent(): string {
    return this._content;
  }

  setContent(content: string): GoogleAppsScript.HTML.HtmlOutput {
    this._content = String(content ?? '');
    return this._api();
  }

  append(addedContent: string): GoogleAppsScript.HTML.HtmlOutput {
    this._content += String(addedContent ?? '');
    return this._api();
  }

  appendUntrusted(addedContent: string): GoogleAppsScript.HTML.HtmlOutput {
    this._content += escapeHtml(addedContent);
    return this._api();
  }

  clear(): GoogleAppsScript.HTML.HtmlOutput {
    this._content = '';
    return this._api();
  }

  getTitle(): string {
    return this._title;
  }

  setTitle(title: string): GoogleAppsScript.HTML.HtmlOutput {
    this._title = String(title ?? '');
    return this._api();
  }

  getWidth(): number {
    return this._width as number;
  }

  setWidth(width: number): GoogleAppsScript.HTML.HtmlOutput {
    this._width = checkSize(width, 'width');
    return this._api();
  }

  getHeight(): number {
    return this._height as number;
  }

  setHeight(height: number): GoogleAppsScript.HTML.HtmlOutput {
    this._height = checkSize(height, 'height');
    return this._api();
  }

  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): GoogleAppsScript.HTML.HtmlOutput {
    // Every mode now behaves as IFRAME (Google retired NATIVE and EMULATED); the value is kept for inspection.
    this._sandbox = enumName(mode, SandboxMode, 'mode');
    return this._api();
  }

  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): GoogleAppsScript.HTML.HtmlOutput {
    this._xFrame = enumName(mode, XFrameOptionsMode, 'mode');
    return this._api();
  }

  addMetaTag(name: string, content: string): GoogleAppsScript.HTML.HtmlOutput {
    if (!ALLOWED_META_TAGS.has(String(name))) throw new AppsScriptException(`Invalid argument: name`);
    this._meta.push({ name: String(name), content: String(content) });
    return this._api();
  }

  getMetaTags(): GoogleAppsScript.HTML.HtmlOutputMetaTag[] {
    return this._meta.map((m) => new HtmlOutputMetaTagImpl(this._ctx, m)._api<GoogleAppsScript.HTML.HtmlOutputMetaTag>());
  }

  setFaviconUrl(iconUrl: string): GoogleAppsScript.HTML.HtmlOutput {
    this._favicon = String(iconUrl);
    return this._api();
  }

  getFaviconUrl(): string {
    return this._favicon as string;
  }

  getBlob(): GoogleAppsScript.Base.Blob {
    return new BlobImpl(this._ctx, Buffer.from(this._content, 'utf8'), 'text/html', this._title || null)._api();
  }

  asTemplate(): GoogleAppsScript.HTML.HtmlTemplate {
    return new HtmlTemplateImpl(this._ctx, this._service, this._content)._template();
  }
}

function checkSize(n: unknown, what: string): number {
  const v = Number(n);
  if (!Number.isFinite(v) || v < 0) throw new AppsScriptException(`Invalid argument: ${what}`);
  return Math.floor(v);
}

export class HtmlOutputMetaTagImpl extends ServiceObject implements Partial<GoogleAppsScript.HTML.HtmlOutputMetaTag> {
  constructor(
    ctx: EmulatorContext,
    private readonly _tag: MetaTag,
  ) {
    super('HtmlOutputMetaTag', ctx);
  }
  getName(): string {
    return this._tag.name;
  }
  getContent(): string {
    return this._tag.content;
  }
}

/** Compiles a template into the JavaScript Google's getCode() shows (roughly): output calls and scriptlet code. */
export function compileTemplate(source: string): string {
  const out: string[] = [];
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    if (m.index > last) out.push(`output._append(${JSON.stringify(source.slice(last, m.index))});`);
    const code = m[2];
    if (m[1] === '=') out.push(`output._appendEscaped(${code.trim().replace(/;\s*$/, '')});`);
    else if (m[1] === '!=') out.push(`output._append(${code.trim().replace(/;\s*$/, '')});`);
    else out.push(code);
    last = re.lastIndex;
  }
  if (last < source.length) out.push(`output._append(${JSON.stringify(source.slice(last))});`);
  return out.join('\n');
}

/**
 * A template. Scripts assign fields on it (`t.partners = [...]`) which the
 * scriptlets read as variables; the facade used elsewhere forbids assignment, so
 * templates are handed out through a proxy over the facade that keeps those fields.
 */
export class HtmlTemplateImpl extends ServiceObject implements Partial<GoogleAppsScript.HTML.HtmlTemplate> {
  /** Fields the script assigned. */
  readonly _data: Record<string, unknown> = {};
  private _proxy: GoogleAppsScript.HTML.HtmlTemplate | null = null;

  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _service: HtmlServiceImpl,
    private readonly _source: string,
  ) {
    super('HtmlTemplate', _ctx);
  }

  _template(): GoogleAppsScript.HTML.HtmlTemplate {
    if (this._proxy) return this._proxy;
    const facade = this._api<Record<string | symbol, unknown>>();
    const data = this._data;
    this._proxy = new Proxy(facade, {
      get(target, prop) {
        if (typeof prop === 'string' && Object.prototype.hasOwnProperty.call(data, prop)) return data[prop];
        return Reflect.get(target, prop);
      },
      set(_target, prop, value) {
        if (typeof prop !== 'string') return false;
        data[prop] = value;
        return true;
      },
      has(target, prop) {
        return (typeof prop === 'string' && Object.prototype.hasOwnProperty.call(data, prop)) || Reflect.has(target, prop);
      },
      deleteProperty(_target, prop) {
        if (typeof prop === 'string') delete data[prop];
        return true;
      },
      ownKeys() {
        return Object.keys(data);
      },
      getOwnPropertyDescriptor(_target, prop) {
        if (typeof prop === 'string' && Object.prototype.hasOwnProperty.call(data, prop)) {
          return { value: data[prop], writable: true, enumerable: true, configurable: true };
        }
        return undefined;
      },
    }) as unknown as GoogleAppsScript.HTML.HtmlTemplate;
    return this._proxy;
  }

  getRawContent(): string {
    return this._source;
  }

  getCode(): string {
    return compileTemplate(this._source);
  }

  getCodeWithComments(): string {
    return compileTemplate(this._source);
  }

  evaluate(): GoogleAppsScript.HTML.HtmlOutput {
    const code = compileTemplate(this._source);
    const chunks: string[] = [];
    const output = {
      _append: (v: unknown) => {
        chunks.push(v === null || v === undefined ? '' : String(v));
      },
      _appendEscaped: (v: unknown) => {
        chunks.push(escapeHtml(v));
      },
      append: (v: unknown) => {
        chunks.push(v === null || v === undefined ? '' : String(v));
      },
      appendUntrusted: (v: unknown) => {
        chunks.push(escapeHtml(v));
      },
    };
    const globals = this._service._templateGlobals();
    const data = this._data;
    // Scriptlets see the template's fields, then the script's globals, then the host's.
    const scope = new Proxy({} as Record<string, unknown>, {
      has: (_t, prop) => typeof prop === 'string' && prop !== 'output' && (prop in data || prop in globals),
      get: (_t, prop) => {
        if (prop === Symbol.unscopables) return undefined;
        if (typeof prop !== 'string') return undefined;
        return prop in data ? data[prop] : globals[prop];
      },
      set: (_t, prop, value) => {
        if (typeof prop === 'string') data[prop] = value;
        return true;
      },
    });
    let run: (scope: unknown, output: unknown) => void;
    try {
      // Sloppy-mode function so `with` is allowed: the scriptlets run as template code does in Apps Script.
      run = new Function('__scope', 'output', `with (__scope) {\n${code}\n}`) as typeof run;
    } catch (e) {
      throw new AppsScriptException(`SyntaxError: ${(e as Error).message}`);
    }
    run(scope, output);
    return new HtmlOutputImpl(this._ctx, this._service, chunks.join(''))._api();
  }
}

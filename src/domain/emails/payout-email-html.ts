import { utf8Bytes } from '../utf8';
import { escapeHtml } from '../html';

/** The HTML pieces payout emails are built from (inline styles only, every sheet value escaped), and the byte budget that keeps them under Apps Script's limit. */
/** 200 KB, counted in UTF-8 bytes and as 200,000 (not 204,800) to keep a margin. */
export const EMAIL_BODY_LIMIT_BYTES = 200_000;

/** Rows shown per list before the rest is summarised. */
export const SUMMARY_MAX_ROWS = 200;

const WRAP = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124;line-height:1.5';
export const TABLE = 'border-collapse:collapse;margin:8px 0';
const TH = 'padding:4px 8px;background:#f1f3f4;text-align:left;border-bottom:1px solid #dadce0';
export const TD = 'padding:3px 8px';
const TR = 'border-top:1px solid #e8eaed';
export const H3 = 'font-size:15px;margin:20px 0 4px';
export const BUTTON = 'display:inline-block;padding:8px 16px;background:#1a73e8;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold';
export const MUTED = 'color:#5f6368';

/** Longest name or company shown in a row; the sheet has the full text. */
export const MAX_NAME_CHARS = 80;
export const MAX_ID_CHARS = 40;

export { utf8Bytes };

/** Text cut to `max` characters with an ellipsis, never splitting a surrogate pair; line breaks become spaces. */
export function clip(value: unknown, max: number): string {
  const text = String(value ?? '').replace(/[\r\n\t]+/g, ' ');
  if (text.length <= max) return text;
  let cut = max - 1;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/** A subject line: one line, no control characters, at most 250 characters. */
export function subjectLine(text: string): string {
  return clip(text.replace(/\s+/g, ' ').trim(), 250);
}

/** Only http(s) links become anchors; anything else (javascript:, data:) is shown as text, or dropped if blank. */
export function link(url: string, label: string, style = ''): string {
  const u = String(url ?? '').trim();
  if (!/^https?:\/\/\S+$/i.test(u)) return escapeHtml(label);
  return `<a href="${escapeHtml(u)}"${style ? ` style="${style}"` : ''}>${escapeHtml(label)}</a>`;
}

export function page(programme: string, inner: string): string {
  return `<div style="${WRAP}"><p style="${MUTED};margin:0 0 12px">${escapeHtml(programme)}</p>${inner}</div>`;
}

/** A whole number with thousands separators (no Intl: Apps Script's locale data varies). */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export interface Column {
  header: string;
  numeric?: boolean;
}

export function tableHtml(columns: Column[], rows: string, foot = ''): string {
  const head = columns.map((c) => `<th style="${TH}${c.numeric ? ';text-align:right' : ''}">${escapeHtml(c.header)}</th>`).join('');
  return `<table style="${TABLE}" cellpadding="0" cellspacing="0"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody>${foot}</table>`;
}

/** One body row; cells are plain text and escaped here. */
export function rowHtml(columns: Column[], cells: string[], extraStyle = ''): string {
  const tds = cells.map((c, i) => `<td${columns[i].numeric ? ' align="right"' : ''} style="${TD}${extraStyle}">${escapeHtml(c)}</td>`).join('');
  return `<tr style="${TR}">${tds}</tr>`;
}

/** A row spanning the table, for "and N more …". */
export function spanRowHtml(columns: Column[], text: string): string {
  return `<tr style="${TR}"><td colspan="${columns.length}" style="${TD};${MUTED};font-style:italic">${escapeHtml(text)}</td></tr>`;
}

/**
 * Renders rows until the row cap or either byte budget is reached; returns the
 * rendered HTML and text rows and how many items they cover.
 */
export function fitRows<T>(
  items: ReadonlyArray<T>,
  render: (item: T) => { html: string; text: string },
  limits: { rows: number; htmlBytes: number; textBytes: number },
): { html: string[]; text: string[]; shown: number } {
  const html: string[] = [];
  const text: string[] = [];
  let htmlBytes = 0;
  let textBytes = 0;
  for (const item of items) {
    if (html.length >= limits.rows) break;
    const r = render(item);
    const h = utf8Bytes(r.html);
    const t = utf8Bytes(r.text) + 1;
    if (htmlBytes + h > limits.htmlBytes || textBytes + t > limits.textBytes) break;
    html.push(r.html);
    text.push(r.text);
    htmlBytes += h;
    textBytes += t;
  }
  return { html, text, shown: html.length };
}

export function sum<T>(items: ReadonlyArray<T>, cents: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += cents(item);
  return total;
}

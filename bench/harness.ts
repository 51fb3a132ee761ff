/**
 * A tiny benchmark harness: each case reports spreadsheet service calls (round
 * trips in Google), all service calls, wall time and heap growth. Calls are the
 * number that matters most in Apps Script; time on the emulator is a relative
 * measure of our own code, not of Google's latency.
 */
import { Emulator } from '../emulator';

export interface BenchRow {
  operation: string;
  rows: number;
  spreadsheetCalls: number;
  allCalls: number;
  ms: number;
  heapMB: number;
}

declare const gc: undefined | (() => void);

export function measure(emu: Emulator, operation: string, rows: number, body: () => unknown): BenchRow {
  if (typeof gc === 'function') gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const { calls, spreadsheetCalls } = emu.calls.measure(body);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const allCalls = Object.values(calls).reduce((a, b) => a + b, 0);
  return { operation, rows, spreadsheetCalls, allCalls, ms: Math.round(ms * 10) / 10, heapMB: Math.round(heapMB * 10) / 10 };
}

export function printTable(rows: BenchRow[]): void {
  const header = ['operation', 'rows', 'sheet calls', 'all calls', 'ms', 'heap Δ MB'];
  const lines = rows.map((r) => [r.operation, String(r.rows), String(r.spreadsheetCalls), String(r.allCalls), r.ms.toFixed(1), r.heapMB.toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

/**
 * What loading build/Code.js costs: every Apps Script execution (a menu click, a
 * sidebar call, a trigger) parses and runs the whole file before our function starts.
 * Each load here is cold: a fresh bare V8 context (node:vm, no globals but V8's own) and
 * a source V8 has not compiled before (a unique trailing comment; with the same text
 * V8's in-process compilation cache would hand back the previous compile and time only
 * the run). Timed: compiling and running the top level, not creating the context.
 */
import { readFileSync } from 'node:fs';
import * as vm from 'node:vm';

export interface ColdLoad {
  codeBytes: number;
  loads: number;
  /** Median of compile + run, in ms. */
  coldLoadMedianMs: number;
  /** Medians of the two parts (each its own median, so they need not add up). */
  compileMedianMs: number;
  runMedianMs: number;
  /** Median CPU time of the process over the same span (user + system, all threads): steadier than wall time on a busy machine. */
  cpuMedianMs: number;
  minMs: number;
  maxMs: number;
}

declare const gc: undefined | (() => void);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const round2 = (n: number) => Math.round(n * 100) / 100;
const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export function measureColdLoad(codeFile: string, loads = 25): ColdLoad {
  const code = readFileSync(codeFile, 'utf8');
  const compile: number[] = [];
  const run: number[] = [];
  const total: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < loads; i++) {
    const context = vm.createContext({});
    const source = `${code}\n// cold load ${i} ${process.hrtime.bigint()}\n`;
    // A collection left over from the previous load must not land inside this one.
    if (typeof gc === 'function') gc();
    const cpuFrom = process.cpuUsage();
    const started = process.hrtime.bigint();
    const script = new vm.Script(source, { filename: 'Code.js' });
    const compiled = msSince(started);
    const ranFrom = process.hrtime.bigint();
    script.runInContext(context);
    run.push(msSince(ranFrom));
    compile.push(compiled);
    total.push(msSince(started));
    const used = process.cpuUsage(cpuFrom);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    codeBytes: Buffer.byteLength(code),
    loads,
    coldLoadMedianMs: round2(median(total)),
    compileMedianMs: round2(median(compile)),
    runMedianMs: round2(median(run)),
    cpuMedianMs: round2(median(cpu)),
    minMs: round2(Math.min(...total)),
    maxMs: round2(Math.max(...total)),
  };
}

/** What `npm run bench -- --json` adds next to "operations": the figures issue 11 tracks. */
export function bundleReport(load: ColdLoad): { bundle: { codeBytes: number; coldLoadMedianMs: number } } {
  return { bundle: { codeBytes: load.codeBytes, coldLoadMedianMs: load.coldLoadMedianMs } };
}

export function printColdLoad(load: ColdLoad, print: (line: string) => void = console.log): void {
  print(
    `build/Code.js: ${load.codeBytes} bytes (${(load.codeBytes / 1024).toFixed(1)} KiB); cold load in a bare V8 context, median of ${load.loads}: ` +
      `${load.coldLoadMedianMs.toFixed(1)} ms (compile ${load.compileMedianMs.toFixed(1)}, run ${load.runMedianMs.toFixed(1)}; range ${load.minMs.toFixed(1)}–${load.maxMs.toFixed(1)}; ` +
      `CPU ${load.cpuMedianMs.toFixed(1)} ms)`,
  );
}

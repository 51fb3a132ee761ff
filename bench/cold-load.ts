/**
 * What loading the code costs: every Apps Script execution (a menu click, a sidebar call, a
 * trigger) parses and runs build/Code.js, then its loader reads and evaluates the one file of the
 * called function's group (build/server-<group>.html, scripts/split-bundle.mjs), before our
 * function starts. Each load here is cold: a fresh bare V8 context (node:vm, no globals but V8's
 * own and an HtmlService that hands over the file's text, read beforehand) and sources V8 has not
 * compiled before (a unique trailing comment on each; with the same text V8's in-process
 * compilation cache would hand back the previous compile and time only the run). Timed: compiling
 * and running Code.js's top level, then the loader's evaluation of the group's file; not creating
 * the context. A build without groups (`npm run build -- --one-file`) is measured as Code.js alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vm from 'node:vm';

export interface GroupLoad {
  /** The group (scripts/server-groups.mjs). */
  name: string;
  /** What an execution of the group loads: Code.js and the group's file. */
  bytes: number;
  /** Median of compile + run of Code.js + the evaluation of the group's file, in ms. */
  coldLoadMedianMs: number;
  /** Median of the group file's evaluation alone (compile and run), in ms. */
  evalMedianMs: number;
  /** Median CPU time of the process over the whole load. */
  cpuMedianMs: number;
}

export interface ColdLoad {
  /** Code.js's size. */
  codeBytes: number;
  loads: number;
  /** The worst group's median cold load (so the figure cannot flatter); Code.js alone's without groups. */
  coldLoadMedianMs: number;
  /** Code.js alone: medians of compile + run, of compile and of run (each its own median, so they need not add up). */
  codeMedianMs: number;
  compileMedianMs: number;
  runMedianMs: number;
  /** Median CPU time of the process over Code.js's load (user + system, all threads): steadier than wall time on a busy machine. */
  cpuMedianMs: number;
  minMs: number;
  maxMs: number;
  groups: GroupLoad[];
}

declare const gc: undefined | (() => void);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const round2 = (n: number) => Math.round(n * 100) / 100;
const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** The groups Code.js loads by name (each forwarding function calls PartnershipTrackerLoad("server-<group>")). */
export function groupsOf(code: string): string[] {
  return [...new Set([...code.matchAll(/PartnershipTrackerLoad\("(server-[\w-]+)"\)/g)].map((m) => m[1]))].sort();
}

interface OneLoad {
  compile: number;
  run: number;
  evaluate: number;
  cpu: number;
}

function loadOnce(code: string, group: { name: string; text: string } | null, i: number): OneLoad {
  const unique = `\n// cold load ${i} ${process.hrtime.bigint()}\n`;
  const groupText = group ? `${group.text}${unique}` : '';
  const context = vm.createContext({ HtmlService: { createHtmlOutputFromFile: () => ({ getContent: () => groupText }) } });
  // A collection left over from the previous load must not land inside this one.
  if (typeof gc === 'function') gc();
  const cpuFrom = process.cpuUsage();
  const started = process.hrtime.bigint();
  const script = new vm.Script(`${code}${unique}`, { filename: 'Code.js' });
  const compile = msSince(started);
  const ranFrom = process.hrtime.bigint();
  script.runInContext(context);
  const run = msSince(ranFrom);
  let evaluate = 0;
  if (group) {
    const evalFrom = process.hrtime.bigint();
    vm.runInContext(`PartnershipTrackerLoad(${JSON.stringify(group.name)})`, context);
    evaluate = msSince(evalFrom);
  }
  const used = process.cpuUsage(cpuFrom);
  return { compile, run, evaluate, cpu: (used.user + used.system) / 1000 };
}

export function measureColdLoad(codeFile: string, loads = 25): ColdLoad {
  const code = readFileSync(codeFile, 'utf8');
  const codeLoads = Array.from({ length: loads }, (_, i) => loadOnce(code, null, i));
  const totals = codeLoads.map((l) => l.compile + l.run);
  const groups = groupsOf(code).map((name): GroupLoad => {
    const text = readFileSync(path.join(path.dirname(codeFile), `${name}.html`), 'utf8');
    const timed = Array.from({ length: loads }, (_, i) => loadOnce(code, { name, text }, i));
    return {
      name: name.replace(/^server-/, ''),
      bytes: Buffer.byteLength(code) + Buffer.byteLength(text),
      coldLoadMedianMs: round2(median(timed.map((l) => l.compile + l.run + l.evaluate))),
      evalMedianMs: round2(median(timed.map((l) => l.evaluate))),
      cpuMedianMs: round2(median(timed.map((l) => l.cpu))),
    };
  });
  const codeMedianMs = round2(median(totals));
  return {
    codeBytes: Buffer.byteLength(code),
    loads,
    coldLoadMedianMs: groups.length ? Math.max(...groups.map((g) => g.coldLoadMedianMs)) : codeMedianMs,
    codeMedianMs,
    compileMedianMs: round2(median(codeLoads.map((l) => l.compile))),
    runMedianMs: round2(median(codeLoads.map((l) => l.run))),
    cpuMedianMs: round2(median(codeLoads.map((l) => l.cpu))),
    minMs: round2(Math.min(...totals)),
    maxMs: round2(Math.max(...totals)),
    groups,
  };
}

/** What `npm run bench -- --json` adds next to "operations": the figures issue 11 tracks. */
export function bundleReport(load: ColdLoad): { bundle: { codeBytes: number; coldLoadMedianMs: number; groups: Array<{ name: string; bytes: number; coldLoadMedianMs: number }> } } {
  return {
    bundle: {
      codeBytes: load.codeBytes,
      coldLoadMedianMs: load.coldLoadMedianMs,
      groups: load.groups.map(({ name, bytes, coldLoadMedianMs }) => ({ name, bytes, coldLoadMedianMs })),
    },
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function printColdLoad(load: ColdLoad, print: (line: string) => void = console.log): void {
  print(
    `build/Code.js: ${load.codeBytes} bytes (${kib(load.codeBytes)}); cold load in a bare V8 context, median of ${load.loads}: ` +
      `${load.codeMedianMs.toFixed(1)} ms (compile ${load.compileMedianMs.toFixed(1)}, run ${load.runMedianMs.toFixed(1)}; range ${load.minMs.toFixed(1)}–${load.maxMs.toFixed(1)}; ` +
      `CPU ${load.cpuMedianMs.toFixed(1)} ms)`,
  );
  for (const g of load.groups) {
    print(`  + ${g.name}: ${kib(g.bytes)} with Code.js; cold load ${g.coldLoadMedianMs.toFixed(1)} ms (evaluating its file ${g.evalMedianMs.toFixed(1)}; CPU ${g.cpuMedianMs.toFixed(1)} ms)`);
  }
  if (load.groups.length) print(`  worst group: ${load.coldLoadMedianMs.toFixed(1)} ms`);
}

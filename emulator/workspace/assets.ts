import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

/** The page's files, bundled once when the workspace starts. */
export interface WorkspaceAssets {
  indexHtml: string;
  appJs: string;
  appCss: string;
  /** The google.script shim, injected into every sidebar and dialog. */
  shimJs: string;
}

/** Finds emulator/workspace from wherever this module runs (ts-jest: here; the start bundle: .local/). */
export function findWorkspaceSourceDir(projectDir?: string): string {
  const candidates = projectDir ? [path.join(projectDir, 'emulator', 'workspace')] : [];
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    candidates.push(dir, path.join(dir, 'emulator', 'workspace'));
    dir = path.dirname(dir);
  }
  const found = candidates.find((c) => existsSync(path.join(c, 'page', 'main.ts')) && existsSync(path.join(c, 'shim', 'iframe-entry.ts')));
  if (!found) throw new Error('Cannot find emulator/workspace (page/main.ts): pass projectDir.');
  return found;
}

async function bundle(entry: string, target: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target,
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

export async function buildWorkspaceAssets(sourceDir: string): Promise<WorkspaceAssets> {
  const [appJs, shimJs] = await Promise.all([
    bundle(path.join(sourceDir, 'page', 'main.ts'), 'es2020'),
    // The shim runs in the add-on's page, whatever browser the add-on targets.
    bundle(path.join(sourceDir, 'shim', 'iframe-entry.ts'), 'es2019'),
  ]);
  return {
    indexHtml: readFileSync(path.join(sourceDir, 'page', 'index.html'), 'utf8'),
    appCss: readFileSync(path.join(sourceDir, 'page', 'styles.css'), 'utf8'),
    appJs,
    shimJs,
  };
}

/**
 * Puts the shim first in <head> (or first in the document when there is no head),
 * so `google.script` exists before any of the add-on's own scripts run.
 */
export function injectShim(html: string, shimJs: string): string {
  const tag = `<script>${shimJs.replace(/<\/script/gi, '<\\/script')}</script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  const htmlTag = /<html(\s[^>]*)?>/i.exec(html);
  if (htmlTag) return html.slice(0, htmlTag.index + htmlTag[0].length) + `<head>${tag}</head>` + html.slice(htmlTag.index + htmlTag[0].length);
  return tag + html;
}

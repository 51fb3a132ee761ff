import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const BUILD_DIR = path.join(ROOT, 'build');
export const CODE_JS = path.join(BUILD_DIR, 'Code.js');

/** What scripts/build.mjs writes that the tests read; the oldest of them dates the build. */
const OUTPUTS = [...['Code.js', 'Sidebar.html', 'SidebarViews.html', 'PublicSuffix.html'].map((f) => path.join(BUILD_DIR, f)), path.join(ROOT, '.local/Code.js.map')];
/** Source trees and single files the build reads. */
const SOURCE_DIRS = ['src', 'sidebar'].map((d) => path.join(ROOT, d));
const SOURCE_FILES = ['appsscript.json', 'scripts/build.mjs', 'scripts/split-bundle.mjs', 'scripts/server-groups.mjs', 'scripts/public-suffix.js'].map((f) => path.join(ROOT, f));

function mtime(file: string): number {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }, 0);
}

/**
 * Builds the add-on when build/ is missing or older than any of its sources
 * (npm test builds first; a lone jest run may not have, and others may be
 * editing src/ meanwhile). A failed build throws with the build's stderr.
 */
export function ensureBuilt(): void {
  const built = OUTPUTS.every((f) => existsSync(f)) ? Math.min(...OUTPUTS.map(mtime)) : 0;
  const sources = Math.max(...SOURCE_DIRS.map(newestMtime), ...SOURCE_FILES.map(mtime));
  if (built < sources) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, ensureBuilt } from '../support/build';

beforeAll(() => ensureBuilt());

describe('what clasp pushes', () => {
  test("exactly the bundle, its groups' files, the sidebar and its views, the public suffix list and the manifest (clasp reads .clasp.json: rootDir build)", () => {
    const out = execFileSync(path.join(ROOT, 'node_modules/.bin/clasp'), ['show-file-status', '--json'], { cwd: ROOT, encoding: 'utf8' });
    const status = JSON.parse(out.trim().split('\n').pop() as string) as { filesToPush: string[]; untrackedFiles: string[] };
    const groups = readdirSync(path.join(ROOT, 'build')).filter((f) => /^server-[\w-]+\.html$/.test(f));
    expect(groups.length).toBeGreaterThan(5);
    expect(status.filesToPush.sort()).toEqual(
      ['build/Code.js', 'build/PublicSuffix.html', 'build/Sidebar.html', 'build/SidebarViews.html', 'build/appsscript.json', ...groups.map((f) => `build/${f}`)].sort(),
    );
  });

  test('the manifest: V8, a time zone, Stackdriver logging, and only the scopes the README justifies', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'build/appsscript.json'), 'utf8'));
    expect(manifest).toMatchObject({ runtimeVersion: 'V8', exceptionLogging: 'STACKDRIVER' });
    expect(typeof manifest.timeZone).toBe('string');
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const scope of manifest.oauthScopes as string[]) {
      expect(scope).toMatch(/^https:\/\/www\.googleapis\.com\/auth\//);
      expect([scope, readme.includes(`\`${scope.replace('https://www.googleapis.com/auth/', '')}\``)]).toEqual([scope, true]);
    }
    // Broadening access is a decision, not an accident: the exact set, each justified in the README.
    expect([...(manifest.oauthScopes as string[])].sort()).toEqual(
      ['drive.file', 'forms', 'script.container.ui', 'script.external_request', 'script.scriptapp', 'script.send_mail', 'spreadsheets', 'userinfo.email'].map((s) => `https://www.googleapis.com/auth/${s}`).sort(),
    );
  });
});

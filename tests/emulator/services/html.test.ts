import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeWorld } from './context-for-tests';

function worldWithFiles(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-html-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return makeWorld({ buildDir: dir });
}

describe('HtmlService', () => {
  test('HtmlOutput content, title, size, modes, meta tags', () => {
    const { g } = makeWorld();
    const out = g.HtmlService.createHtmlOutput('<b>hi</b>')
      .append('<i>!</i>')
      .setTitle('Tracker')
      .setWidth(400)
      .setHeight(200)
      .setSandboxMode(g.HtmlService.SandboxMode.IFRAME)
      .setXFrameOptionsMode(g.HtmlService.XFrameOptionsMode.ALLOWALL)
      .addMetaTag('viewport', 'width=device-width');
    expect(out.getContent()).toBe('<b>hi</b><i>!</i>');
    expect(out.getTitle()).toBe('Tracker');
    expect(out.getWidth()).toBe(400);
    expect(out.getHeight()).toBe(200);
    expect(out.getMetaTags()[0].getName()).toBe('viewport');
    expect(out.setContent('x').getContent()).toBe('x');
    expect(out.appendUntrusted('<script>').getContent()).toBe('x&lt;script&gt;');
    expect(() => out.addMetaTag('description', 'x')).toThrow('Invalid argument: name');
    expect(g.HtmlService.createHtmlOutput().getContent()).toBe('');
  });

  test('createHtmlOutputFromFile reads the build directory, with or without .html', () => {
    const { g } = worldWithFiles({ 'Sidebar.html': '<p>side</p>' });
    expect(g.HtmlService.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<p>side</p>');
    expect(g.HtmlService.createHtmlOutputFromFile('Sidebar.html').getContent()).toBe('<p>side</p>');
    expect(() => g.HtmlService.createHtmlOutputFromFile('Nope')).toThrow('No HTML file named Nope was found.');
  });

  test('templates: <?= ?> escapes, <?!= ?> does not, <? ?> runs code; fields assigned by the script', () => {
    const { g } = worldWithFiles({
      'Page.html': '<h1><?= title ?></h1><?!= raw ?><ul><? for (var i = 0; i < items.length; i++) { ?><li><?= items[i] ?></li><? } ?></ul>',
    });
    const t = g.HtmlService.createTemplateFromFile('Page');
    t.title = '<Acme & "Co">\'';
    t.raw = '<em>raw</em>';
    t.items = ['a<b', 'c'];
    expect(t.title).toBe('<Acme & "Co">\'');
    const html = t.evaluate().getContent();
    expect(html).toBe('<h1>&lt;Acme &amp; &quot;Co&quot;&gt;&#39;</h1><em>raw</em><ul><li>a&lt;b</li><li>c</li></ul>');
  });

  test('templates see the services and host-provided globals (include pattern)', () => {
    const w = worldWithFiles({ 'Main.html': '<?!= include("Part") ?>|<?= Session.getScriptTimeZone() ?>', 'Part.html': '<style>x</style>' });
    w.services.setTemplateGlobals(() => ({
      include: (name: string) => w.g.HtmlService.createHtmlOutputFromFile(name).getContent(),
    }));
    expect(w.g.HtmlService.createTemplateFromFile('Main').evaluate().getContent()).toBe('<style>x</style>|Etc/UTC');
  });

  test('createTemplate from a string; getRawContent; null/undefined print as empty', () => {
    const { g } = makeWorld();
    const t = g.HtmlService.createTemplate('<?= missing ?>[<?= nothing ?>]');
    t.missing = null;
    expect(t.getRawContent()).toBe('<?= missing ?>[<?= nothing ?>]');
    t.nothing = undefined;
    expect(t.evaluate().getContent()).toBe('[]');
  });

  test('a template referencing an unknown variable fails like a ReferenceError', () => {
    const { g } = makeWorld();
    expect(() => g.HtmlService.createTemplate('<?= notDefinedAnywhere ?>').evaluate().getContent()).toThrow(/notDefinedAnywhere/);
  });

  test('evaluate is counted', () => {
    const w = makeWorld();
    w.g.HtmlService.createTemplate('x').evaluate();
    expect(w.ctx.calls.get('HtmlTemplate.evaluate')).toBe(1);
  });
});

import { makeWorld } from './context-for-tests';

describe('Ui', () => {
  test('menus are recorded in order; a new add-on menu replaces the previous one', () => {
    const w = makeWorld();
    w.run(
      () => {
        const ui = w.services.uiFactory();
        ui.createAddonMenu().addItem('Open tracker', 'showSidebar').addSeparator().addItem('Setup', 'setup').addToUi();
      },
      { authMode: 'NONE', origin: 'trigger:onOpen' },
    );
    w.run(
      () => {
        const ui = w.services.uiFactory();
        const sub = ui.createMenu('More').addItem('Help', 'showHelp');
        ui.createAddonMenu().addItem('Open tracker', 'showSidebar').addSubMenu(sub).addToUi();
      },
      { authMode: 'LIMITED', origin: 'trigger:onOpen' },
    );
    expect(w.services.ui.menus).toHaveLength(2);
    const current = w.services.ui.currentMenus();
    expect(current).toHaveLength(1);
    expect(current[0].items).toEqual([
      { type: 'item', caption: 'Open tracker', functionName: 'showSidebar' },
      { type: 'submenu', caption: 'More', items: [{ type: 'item', caption: 'Help', functionName: 'showHelp' }] },
    ]);
    expect(w.services.ui.findMenuItem('Help')).toBe('showHelp');
    expect(w.services.ui.menuItems().map((i) => i.caption)).toEqual(['Open tracker', 'Help']);
  });

  test('showSidebar needs FULL; records title, width, html', () => {
    const w = makeWorld();
    const show = () => w.services.uiFactory().showSidebar(w.g.HtmlService.createHtmlOutput('<p>x</p>').setTitle('Partners'));
    expect(() => w.run(show, { authMode: 'LIMITED' })).toThrow(/Ui.showSidebar.*FULL/);
    w.run(show, { authMode: 'FULL' });
    expect(w.services.ui.sidebars).toEqual([expect.objectContaining({ kind: 'sidebar', title: 'Partners', width: 300, html: '<p>x</p>' })]);
    w.run(() => w.services.uiFactory().showModalDialog(w.g.HtmlService.createHtmlOutput('d').setWidth(500), 'Dialog'));
    expect(w.services.ui.dialogs[0]).toMatchObject({ kind: 'modal', title: 'Dialog', width: 500, html: 'd' });
  });

  test('alert: default OK, scripted answers, title/prompt/buttons forms', () => {
    const w = makeWorld();
    const ui = w.services.uiFactory();
    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    w.services.ui.queueAlertAnswer('NO');
    const answer = ui.alert('Delete?', 'Really delete Acme?', ui.ButtonSet.YES_NO);
    expect(answer).toBe(ui.Button.NO);
    expect(String(answer)).toBe('NO');
    expect(ui.alert('Sure?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(w.services.ui.alerts.map((a) => [a.title, a.prompt, a.buttons, a.answer])).toEqual([
      ['', 'Saved', 'OK', 'OK'],
      ['Delete?', 'Really delete Acme?', 'YES_NO', 'NO'],
      ['', 'Sure?', 'YES_NO', 'YES'],
    ]);
    w.services.ui.queueAlertAnswer('YES');
    expect(() => ui.alert('x')).toThrow(/not a button of OK/);
  });

  test('prompt returns a PromptResponse', () => {
    const w = makeWorld();
    const ui = w.services.uiFactory();
    w.services.ui.queuePromptAnswer('Acme', 'OK');
    const r = ui.prompt('Partner name?', ui.ButtonSet.OK_CANCEL);
    expect(r.getResponseText()).toBe('Acme');
    expect(r.getSelectedButton()).toBe(ui.Button.OK);
    w.services.ui.queuePromptAnswer('', 'CLOSE');
    expect(ui.prompt('Again?').getSelectedButton()).toBe(ui.Button.CLOSE);
  });

  test('alerts need LIMITED; menus work in NONE', () => {
    const w = makeWorld();
    expect(() => w.run(() => w.services.uiFactory().alert('x'), { authMode: 'NONE' })).toThrow(/permission/);
    expect(() => w.run(() => w.services.uiFactory().createMenu('M').addItem('a', 'b').addToUi(), { authMode: 'NONE' })).not.toThrow();
  });

  test('recordToast for Spreadsheet.toast', () => {
    const w = makeWorld();
    w.services.ui.recordToast('Saved', 'Tracker');
    expect(w.services.ui.toasts).toEqual([expect.objectContaining({ message: 'Saved', title: 'Tracker', timeoutSeconds: 5 })]);
  });
});

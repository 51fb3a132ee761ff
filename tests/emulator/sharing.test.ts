import { Emulator } from '../../emulator';
import { VIEW_ONLY_MESSAGE } from '../../emulator/spreadsheet/model';

/**
 * Sharing a spreadsheet the add-on created, as Google documents it (emulator/spreadsheet/sharing.ts):
 * a new spreadsheet is private to its owner; viewers open and read it but cannot write; editors
 * write; a removed viewer can no longer open it; link sharing lets anyone open it; getViewers and
 * getEditors show nothing to someone who cannot edit; Google's share email is recorded.
 */
type Globals = { DriveApp: GoogleAppsScript.Drive.DriveApp; SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp };

const OPEN_REFUSED = 'You do not have permission to access the requested document.';

function world() {
  const emu = new Emulator();
  emu.clock.set('2026-04-01T09:30:00Z');
  const g = emu.globals() as unknown as Globals;
  const as = <T>(user: string, body: () => T): T => emu.executions.run({ user, origin: 'test' }, body);
  const id = g.SpreadsheetApp.create('ACME — partner sheet').getId();
  g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A1').setValue('only ACME');
  return { emu, g, as, id };
}

describe('sharing a spreadsheet the add-on created', () => {
  test('a new spreadsheet is private: only its owner opens it; its sharing says PRIVATE, NONE', () => {
    const { g, as, id } = world();
    expect(() => as('ann@partner.example', () => g.SpreadsheetApp.openById(id))).toThrow(OPEN_REFUSED);
    const file = g.DriveApp.getFileById(id);
    expect(String(file.getSharingAccess())).toBe('PRIVATE');
    expect(String(file.getSharingPermission())).toBe('NONE');
    expect(file.getViewers()).toEqual([]);
    expect(file.getEditors()).toEqual([]);
    expect(file.getOwner().getEmail()).toBe('owner@example.com');
  });

  test("a viewer opens and reads it, cannot write it; Google's share email is recorded", () => {
    const { emu, g, as, id } = world();
    g.DriveApp.getFileById(id).addViewer('ann@partner.example');
    expect(as('ann@partner.example', () => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A1').getValue())).toBe('only ACME');
    expect(() => as('ann@partner.example', () => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A1').setValue('changed'))).toThrow(VIEW_ONLY_MESSAGE);
    expect(() => as('ann@partner.example', () => g.SpreadsheetApp.openByUrl(`https://docs.google.com/spreadsheets/d/${id}/edit`).getSheets()[0].clearContents())).toThrow(VIEW_ONLY_MESSAGE);
    expect(g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A1').getValue()).toBe('only ACME');
    expect(
      g.DriveApp.getFileById(id)
        .getViewers()
        .map((u) => u.getEmail()),
    ).toEqual(['ann@partner.example']);
    // A viewer is shown no list of who else may see it.
    expect(as('ann@partner.example', () => g.SpreadsheetApp.openById(id).getViewers())).toEqual([]);
    expect(emu.store.sharing.notices).toEqual([{ to: 'ann@partner.example', fileId: id, fileName: 'ACME — partner sheet', role: 'viewer', by: 'owner@example.com', at: '2026-04-01T09:30:00.000Z' }]);
    // Adding the same viewer again changes nothing and sends nothing.
    g.DriveApp.getFileById(id).addViewers(['ANN@partner.example']);
    expect(g.DriveApp.getFileById(id).getViewers()).toHaveLength(1);
    expect(emu.store.sharing.notices).toHaveLength(1);
  });

  test('a removed viewer can no longer open it; removeViewer leaves an editor an editor', () => {
    const { g, as, id } = world();
    const file = g.DriveApp.getFileById(id);
    file.addViewers(['ann@partner.example', 'bob@partner.example']);
    file.addEditor('ed@example.com');
    file.removeViewer('ann@partner.example');
    file.removeViewer('ed@example.com');
    expect(() => as('ann@partner.example', () => g.SpreadsheetApp.openById(id))).toThrow(OPEN_REFUSED);
    expect(as('bob@partner.example', () => g.SpreadsheetApp.openById(id).getName())).toBe('ACME — partner sheet');
    expect(file.getEditors().map((u) => u.getEmail())).toEqual(['ed@example.com']);
    as('ed@example.com', () => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('B1').setValue('edited'));
    file.removeEditor('ed@example.com');
    expect(() => as('ed@example.com', () => g.SpreadsheetApp.openById(id))).toThrow(OPEN_REFUSED);
  });

  test('an editor added as a viewer stays an editor; a viewer made an editor may write', () => {
    const { g, as, id } = world();
    const file = g.DriveApp.getFileById(id);
    file.addViewer('ann@partner.example');
    file.addEditor('ann@partner.example');
    file.addViewer('ann@partner.example');
    expect(file.getViewers()).toEqual([]);
    as('ann@partner.example', () => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A2').setValue('ok'));
  });

  test('link sharing lets anyone open it (to view, or to edit with EDIT); PRIVATE closes it again', () => {
    const { g, as, id } = world();
    const file = g.DriveApp.getFileById(id);
    file.setSharing(g.DriveApp.Access.ANYONE_WITH_LINK, g.DriveApp.Permission.VIEW);
    expect(String(file.getSharingAccess())).toBe('ANYONE_WITH_LINK');
    expect(as('stranger@example.net', () => g.SpreadsheetApp.openById(id).getName())).toBe('ACME — partner sheet');
    expect(() => as('stranger@example.net', () => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A1').setValue('x'))).toThrow(VIEW_ONLY_MESSAGE);
    file.setSharing(g.DriveApp.Access.ANYONE_WITH_LINK, g.DriveApp.Permission.EDIT);
    as('stranger@example.net', () => g.SpreadsheetApp.openById(id).getSheets()[0].getRange('A3').setValue('x'));
    file.setSharing(g.DriveApp.Access.PRIVATE, g.DriveApp.Permission.NONE);
    expect(String(file.getSharingPermission())).toBe('NONE');
    expect(() => as('stranger@example.net', () => g.SpreadsheetApp.openById(id))).toThrow(OPEN_REFUSED);
    expect(() => file.setSharing(g.DriveApp.Access.ANYONE, g.DriveApp.Permission.OWNER)).toThrow('Invalid argument: permissionType');
  });

  test('Spreadsheet.addViewer/removeViewer/getViewers act on the same sharing; refused addresses throw and add no one', () => {
    const { emu, g, as, id } = world();
    const ss = g.SpreadsheetApp.openById(id);
    ss.addViewer('cat@partner.example');
    expect(ss.getViewers().map((u) => u.getEmail())).toEqual(['cat@partner.example']);
    expect(
      g.DriveApp.getFileById(id)
        .getViewers()
        .map((u) => u.getEmail()),
    ).toEqual(['cat@partner.example']);
    ss.removeViewer('cat@partner.example');
    expect(() => as('cat@partner.example', () => g.SpreadsheetApp.openById(id))).toThrow(OPEN_REFUSED);
    expect(() => ss.addViewer('not an address')).toThrow('Invalid argument: not an address');
    emu.store.sharing.refuse = (email) => (email.endsWith('@nogoogle.example') ? `Invalid argument: ${email}` : null);
    expect(() => g.DriveApp.getFileById(id).addViewers(['dan@partner.example', 'eve@nogoogle.example'])).toThrow('Invalid argument: eve@nogoogle.example');
    expect(ss.getViewers()).toEqual([]);
  });

  test('sharing survives a snapshot; a plain file or a folder does not pretend to share', () => {
    const { emu, g, id } = world();
    const file = g.DriveApp.getFileById(id);
    file.addViewer('ann@partner.example');
    file.setSharing(g.DriveApp.Access.DOMAIN_WITH_LINK, g.DriveApp.Permission.VIEW);
    const copy = Emulator.restore(emu.snapshot());
    const cg = copy.globals() as unknown as Globals;
    expect(copy.executions.run({ user: 'ann@partner.example', origin: 'test' }, () => cg.SpreadsheetApp.openById(id).getName())).toBe('ACME — partner sheet');
    expect(String(cg.DriveApp.getFileById(id).getSharingAccess())).toBe('DOMAIN_WITH_LINK');
    const csv = g.DriveApp.createFile('a.csv', 'x', 'text/csv');
    expect(() => csv.addViewer('ann@partner.example')).toThrow(/not implemented/);
  });
});

import { Emulator } from '../../emulator';

/**
 * SpreadsheetApp.openByUrl / openById run as the executing person: a restricted spreadsheet
 * opens only for its owner and the people it is shared with; an address without a spreadsheet
 * ID is an invalid argument; a spreadsheet the emulator does not record the sharing of opens
 * for anyone (as before).
 */
describe('opening another spreadsheet by its address', () => {
  const asUser = <T>(emu: Emulator, user: string, body: () => T): T => emu.executions.run({ user, origin: 'test' }, body);

  test("the owner, an editor and a viewer open it; anyone else gets Google's refusal", () => {
    const emu = new Emulator();
    const id = emu.createSpreadsheet('Old partner sheet', { owner: 'ann@example.com', sharing: { editors: ['bob@example.com'], viewers: ['Cat@Example.com'] } });
    const url = `https://docs.google.com/spreadsheets/d/${id}/edit#gid=0`;
    for (const who of ['ann@example.com', 'bob@example.com', 'cat@example.com']) {
      expect(asUser(emu, who, () => emu.spreadsheetApp.openByUrl(url).getName())).toBe('Old partner sheet');
    }
    expect(() => asUser(emu, 'dan@example.com', () => emu.spreadsheetApp.openByUrl(url))).toThrow('You do not have permission to access the requested document.');
    expect(() => asUser(emu, 'dan@example.com', () => emu.spreadsheetApp.openById(id))).toThrow('You do not have permission to access the requested document.');
  });

  test('an address that names no spreadsheet, and one that names a missing one', () => {
    const emu = new Emulator();
    expect(() => emu.spreadsheetApp.openByUrl('https://example.com/sheet')).toThrow('Invalid argument: url');
    expect(() => emu.spreadsheetApp.openByUrl('https://docs.google.com/spreadsheets/d/nope/edit')).toThrow(/Unexpected error while getting the method or property openByUrl/);
  });

  test('a spreadsheet whose sharing is not recorded opens for anyone, and restriction survives a snapshot', () => {
    const emu = new Emulator();
    const open = emu.createSpreadsheet('Shared by link');
    expect(asUser(emu, 'dan@example.com', () => emu.spreadsheetApp.openById(open).getName())).toBe('Shared by link');
    const closed = emu.createSpreadsheet('Private', { owner: 'ann@example.com', sharing: {} });
    const copy = Emulator.restore(emu.snapshot());
    expect(() => copy.executions.run({ user: 'dan@example.com', origin: 'test' }, () => copy.spreadsheetApp.openById(closed))).toThrow('You do not have permission');
  });
});

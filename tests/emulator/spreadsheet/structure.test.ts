import { Emulator } from '../../../emulator';

describe('sheets', () => {
  test('insertSheet names, positions, activates; duplicate names are refused with Google’s message', () => {
    const emu = new Emulator();
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const leads = ss.insertSheet('Leads', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Leads', 'Sheet1']);
    expect(ss.getActiveSheet().getName()).toBe('Leads');
    expect(leads.getIndex()).toBe(1);
    expect(() => ss.insertSheet('leads')).toThrow('A sheet with the name "leads" already exists. Please enter another name.');
    expect(ss.insertSheet().getName()).toBe('Sheet3');
  });

  test('getSheetByName returns null for a missing sheet', () => {
    const ss = new Emulator().spreadsheetApp.getActiveSpreadsheet();
    expect(ss.getSheetByName('Nope')).toBeNull();
  });

  test('the last sheet cannot be deleted or hidden', () => {
    const ss = new Emulator().spreadsheetApp.getActiveSpreadsheet();
    const only = ss.getSheets()[0];
    expect(() => ss.deleteSheet(only)).toThrow("You can't remove all the sheets in a document.");
    expect(() => only.hideSheet()).toThrow("You can't hide all the sheets in a document.");
  });

  test('frozen rows, column widths, tab colours, hidden sheets', () => {
    const ss = new Emulator().spreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.insertSheet('T');
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(2, 250);
    sheet.setTabColor('#ff0000');
    sheet.hideSheet();
    expect([sheet.getFrozenRows(), sheet.getColumnWidth(2), sheet.getColumnWidth(3), sheet.getTabColor(), sheet.isSheetHidden()]).toEqual([1, 250, 100, '#ff0000', true]);
  });

  test('inserted rows inherit the format of the row above; deleting rows shifts data up', () => {
    const ss = new Emulator().spreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getSheets()[0];
    sheet.getRange('A2:A3').setNumberFormat('0.00');
    sheet.getRange('A1:A3').setValues([['h'], [1], [2]]);
    sheet.insertRowsAfter(2, 1);
    expect(sheet.getRange('A3').getNumberFormat()).toBe('0.00');
    expect(sheet.getRange('A1:A4').getValues()).toEqual([['h'], [1], [''], [2]]);
    sheet.deleteRow(3);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['h'], [1], [2]]);
    expect(sheet.getMaxRows()).toBe(1000);
  });
});

describe('data validation', () => {
  test('rules are readable, allow invalid input by default, and cover the range', () => {
    const emu = new Emulator();
    const sheet = emu.spreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    const rule = emu.spreadsheetApp.newDataValidation().requireValueInList(['New', 'Accepted']).build();
    sheet.getRange('B2:B10').setDataValidation(rule);
    const read = sheet.getRange('B5').getDataValidation();
    expect(String(read?.getCriteriaType())).toBe('VALUE_IN_LIST');
    expect(read?.getCriteriaValues()).toEqual([['New', 'Accepted'], true]);
    expect(read?.getAllowInvalid()).toBe(true);
    expect(sheet.getRange('B11').getDataValidation()).toBeNull();
  });

  test('a person’s invalid entry is rejected when allowInvalid is false; a script’s write is not validated', () => {
    const emu = new Emulator();
    const sheet = emu.spreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    sheet.setName('Leads');
    const rule = emu.spreadsheetApp.newDataValidation().requireValueInList(['New', 'Accepted']).setAllowInvalid(false).setHelpText('Pick a status').build();
    sheet.getRange('B2:B10').setDataValidation(rule);
    expect(emu.editAsUser('Leads!B2', 'Bogus')).toEqual({ accepted: false, reason: 'Pick a status' });
    expect(sheet.getRange('B2').getValue()).toBe('');
    expect(emu.editAsUser('Leads!B2', 'New').accepted).toBe(true);
    sheet.getRange('B3').setValue('Bogus');
    expect(sheet.getRange('B3').getValue()).toBe('Bogus');
  });
});

describe('protection', () => {
  test('a non-editor cannot edit a protected range (script or person); warning-only does not block', () => {
    const emu = new Emulator({ ownerEmail: 'owner@example.com' });
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    ss.addEditor('teammate@example.com');
    const sheet = ss.getSheets()[0];
    sheet.setName('Audit');
    const p = sheet.protect().setDescription('audit');
    expect(
      p
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual(['owner@example.com', 'teammate@example.com']);
    p.removeEditors(p.getEditors());
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com']);

    const asTeammate = () => emu.executions.run({ user: 'teammate@example.com', origin: 'test' }, () => sheet.getRange('A1').setValue('x'));
    expect(asTeammate).toThrow('You are trying to edit a protected cell or object.');
    expect(emu.editAsUser('Audit!A1', 'x', 'teammate@example.com').accepted).toBe(false);
    sheet.getRange('A1').setValue('owner writes');

    p.setWarningOnly(true);
    expect(asTeammate).not.toThrow();
  });

  test('protections are listed by type', () => {
    const emu = new Emulator();
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getSheets()[0];
    sheet.getRange('A:A').protect().setDescription('ids').setWarningOnly(true);
    const ranges = ss.getProtections(emu.spreadsheetApp.ProtectionType.RANGE);
    expect(ranges.map((p) => p.getDescription())).toEqual(['ids']);
    expect(ranges[0].getRange().getA1Notation()).toBe('A1:A1000');
    expect(ss.getProtections(emu.spreadsheetApp.ProtectionType.SHEET)).toEqual([]);
  });
});

describe('named ranges', () => {
  test('set, read and follow row inserts', () => {
    const emu = new Emulator();
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getSheets()[0];
    ss.setNamedRange('Totals', sheet.getRange('B2:B3'));
    sheet.insertRowsBefore(1, 1);
    expect(ss.getRangeByName('Totals')?.getA1Notation()).toBe('B3:B4');
    expect(ss.getNamedRanges().map((n) => n.getName())).toEqual(['Totals']);
  });
});

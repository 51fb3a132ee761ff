import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Emulator } from '../../../emulator';

describe('the emulator never invents behaviour', () => {
  test('an unimplemented member throws instead of returning undefined', () => {
    const sheet = new Emulator().spreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    const range = sheet.getRange('A1') as unknown as Record<string, () => unknown>;
    expect(() => range.getRichTextValue()).toThrow('not implemented in emulator: Range.getRichTextValue');
    expect(() => (sheet as unknown as Record<string, () => unknown>).getSlicers()).toThrow('not implemented in emulator: Sheet.getSlicers');
  });

  test('every call is counted per service method', () => {
    const emu = new Emulator();
    const sheet = emu.spreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    const { calls, spreadsheetCalls } = emu.calls.measure(() => {
      sheet.getRange(1, 1, 100, 5).getValues();
      sheet.getRange(1, 1, 100, 5).setValues(Array.from({ length: 100 }, () => [1, 2, 3, 4, 5]));
    });
    expect(calls).toEqual({ 'Sheet.getRange': 2, 'Range.getValues': 1, 'Range.setValues': 1 });
    expect(spreadsheetCalls).toBe(4);
  });

  test('AuthMode NONE: no document access, but the menu can be built', () => {
    const emu = new Emulator();
    emu.executions.run({ authMode: 'NONE', origin: 'test' }, () => {
      expect(() => emu.spreadsheetApp.getActiveSpreadsheet()).toThrow(/permission/);
      expect(() => emu.spreadsheetApp.getUi().createAddonMenu().addItem('Go', 'go').addToUi()).not.toThrow();
    });
  });

  test('only FULL may open other spreadsheets', () => {
    const emu = new Emulator();
    const id = emu.spreadsheetApp.getActiveSpreadsheet().getId();
    emu.executions.run({ authMode: 'LIMITED', origin: 'test' }, () => {
      expect(() => emu.spreadsheetApp.openById(id)).toThrow(/permission/);
    });
    expect(emu.spreadsheetApp.openById(id).getId()).toBe(id);
  });
});

describe('the whole workspace saves to one file and loads back', () => {
  test('values, formulas, formats, validation, protection, properties survive', () => {
    const emu = new Emulator({ timeZone: 'America/New_York' });
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.insertSheet('Leads');
    sheet.getRange('A1:C1').setValues([['L-1', 10, '=B1*2']]);
    sheet.getRange('D1').setValue(new Date('2026-01-02T03:04:05Z'));
    sheet.getRange('B1').setNumberFormat('#,##0.00');
    sheet.getRange('E1:E5').setDataValidation(emu.spreadsheetApp.newDataValidation().requireValueInList(['a']).build());
    sheet.getRange('A:A').protect().setDescription('ids').setWarningOnly(true);
    sheet.setFrozenRows(1);
    (emu.globals().PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties().setProperty('k', 'v');

    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'emu-')), 'state.json');
    emu.save(file);
    const back = Emulator.load(file);
    const leads = back.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads');
    expect(leads?.getRange('A1:D1').getValues()).toEqual([['L-1', 10, 20, new Date('2026-01-02T03:04:05Z')]]);
    expect(leads?.getRange('C1').getFormula()).toBe('=B1*2');
    expect(leads?.getRange('B1').getDisplayValue()).toBe('10.00');
    expect(leads?.getRange('E3').getDataValidation()?.getCriteriaValues()).toEqual([['a'], true]);
    expect(leads?.getFrozenRows()).toBe(1);
    const ranges = back.spreadsheetApp.getActiveSpreadsheet().getProtections(back.spreadsheetApp.ProtectionType.RANGE);
    expect(ranges.map((p) => [p.getDescription(), p.isWarningOnly()])).toEqual([['ids', true]]);
    expect((back.globals().PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties().getProperty('k')).toBe('v');
    expect(back.ctx.options.timeZone).toBe('America/New_York');
  });
  test('toJSONText (what the local workspace writes after every change) is exactly JSON.stringify(toJSON())', () => {
    const emu = new Emulator({ timeZone: 'America/New_York' });
    emu.clock.set('2026-03-01T15:00:00Z'); // savedAt is the clock's now: the same for both
    expect(emu.toJSONText()).toBe(JSON.stringify(emu.toJSON()));
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const leads = ss.insertSheet('Leads');
    leads.getRange('A1:C2').setValues([
      ['L-1', 10, '=B1*2'],
      ['say "hi"\n', true, null],
    ]);
    leads.getRange('D1').setValue(new Date('2026-01-02T03:04:05Z'));
    leads.getRange('A1:D40').setFontWeight('bold').setBackground('#eeeeee');
    leads.getRange('B1:B30').setNumberFormat('#,##0.00');
    leads.getRange('E1:E5').setDataValidation(emu.spreadsheetApp.newDataValidation().requireValueInList(['a']).build());
    leads.getRange('A1').setNote('first');
    const other = ss.insertSheet('Other');
    other
      .getRange('C3:F9')
      .setNumberFormat('#,##0.00')
      .setDataValidation(emu.spreadsheetApp.newDataValidation().requireValueInList(['b']).build());
    other.setColumnWidth(2, 150);
    leads.getRange('A:A').protect().setDescription('ids').setWarningOnly(true);
    ss.addDeveloperMetadata('k', 'v');
    emu.spreadsheetApp.create('Second').getActiveSheet().getRange('A1:B2').setFontWeight('bold');
    const text = emu.toJSONText();
    expect(text).toBe(JSON.stringify(emu.toJSON()));
    expect((JSON.parse(text) as { spreadsheets: Array<{ formats: unknown[] }> }).spreadsheets.map((s) => s.formats.length > 1)).toEqual([true, false]);
  });

  test('toJSONText reuses the text of unchanged grids and stays exactly JSON.stringify(toJSON()) after each kind of change', () => {
    const emu = new Emulator();
    emu.clock.set('2026-03-01T15:00:00Z');
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const first = ss.getSheets()[0];
    const second = ss.insertSheet('Second');
    first.getRange('A1:B3').setBackground('#eeeeee');
    second
      .getRange('A1:C3')
      .setFontWeight('bold')
      .setValues([
        ['a', 1, 2],
        ['b', 3, 4],
        ['c', 5, 6],
      ]);
    const same = () => expect(emu.toJSONText()).toBe(JSON.stringify(emu.toJSON()));
    same();
    same(); // all from the cache
    second.getRange('B2').setValue(99);
    same();
    // A new format object in the first tab shifts the indexes of the second tab's formats.
    first.getRange('A1').setFontColor('#ff0000');
    same();
    first.getRange('A1').setFontColor(null);
    same();
    second.insertRowsBefore(1, 2);
    same();
    second.deleteColumn(1);
    second.getRange('A1').setNote('n');
    same();
    first.getRange('A1:B3').clear();
    same();
  });
});

describe('rules that point at a range', () => {
  test('a VALUE_IN_RANGE rule hands back a Range, follows the list, and survives save/load', () => {
    const emu = new Emulator();
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const lists = ss.insertSheet('Lists');
    lists.getRange('A1:A2').setValues([['Core'], ['Analytics']]);
    const leads = ss.insertSheet('Leads');
    leads.getRange('B2:B5').setDataValidation(emu.spreadsheetApp.newDataValidation().requireValueInRange(lists.getRange('A1:A10')).setAllowInvalid(false).build());
    const values = leads.getRange('B3').getDataValidation()?.getCriteriaValues() as [GoogleAppsScript.Spreadsheet.Range, boolean];
    expect([values[0].getSheet().getName(), values[0].getA1Notation(), values[1]]).toEqual(['Lists', 'A1:A10', true]);
    expect(emu.editAsUser('Leads!B2', 'Widgets').accepted).toBe(false);
    lists.getRange('A3').setValue('Widgets');
    expect(emu.editAsUser('Leads!B2', 'Widgets').accepted).toBe(true);

    const back = Emulator.fromJSON(JSON.parse(JSON.stringify(emu.toJSON())));
    expect(back.editAsUser('Leads!B3', 'Nope').accepted).toBe(false);
    expect(back.editAsUser('Leads!B3', 'Core').accepted).toBe(true);
  });
});

describe('what counts as a script function', () => {
  test('only the script’s own top-level functions: not built-ins, not injected globals; private ones are hidden', () => {
    const emu = new Emulator();
    const host = emu.loadBundle('function visible() { return 1; } function hidden_() { return 2; } var notAFunction = 3;');
    expect(host.publicFunctionNames()).toEqual(['visible']);
    expect(() => emu.run('Date')).toThrow('Script function not found: Date');
    expect(() => emu.run('Object')).toThrow('Script function not found: Object');
    expect(() => emu.run('hidden_')).toThrow(/^Script function not found: hidden_$/);
    expect(emu.run('visible')).toBe(1);
  });
});

import { Emulator } from '../../../emulator';
import { CELL_TOO_LONG_MESSAGE } from '../../../emulator/spreadsheet/values';

/**
 * One cell holds at most 50,000 characters; a longer write fails with Google's message
 * ("Your input contains more than the maximum of 50000 characters in a single cell.")
 * and nothing of that write is applied.
 */
const SCRIPT = `
function attempt(fn) {
  try { fn(); return 'ok'; } catch (e) { return e.name + ': ' + e.message; }
}
function text(n) { return new Array(n + 1).join('x'); }
function sheet() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads'); }
function setOne(n) { return attempt(function () { sheet().getRange('B2').setValue(text(n)); }); }
function setBlock(n) {
  return attempt(function () { sheet().getRange('A2:B3').setValues([['a', 'b'], ['c', text(n)]]); });
}
function formulaTooLong() { return attempt(function () { sheet().getRange('C1').setFormula('=' + text(50000)); }); }
function append(n) { return attempt(function () { sheet().appendRow(['new', text(n)]); }); }
function grid() { return sheet().getRange('A1:C4').getValues().map(function (r) { return r.map(function (v) { return String(v).length > 20 ? 'len:' + String(v).length : v; }); }); }
function setup() {
  ScriptApp.newTrigger('onTracked').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var form = FormApp.create('Leads form').setPublished(true);
  form.addParagraphTextItem().setTitle('Notes');
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  return form.getId();
}
function scriptSubmit(formId, n) {
  var form = FormApp.openById(formId);
  var item = form.getItems()[0].asParagraphTextItem();
  return attempt(function () { form.createResponse().withItemResponse(item.createResponse(text(n))).submit(); });
}
var edits = 0;
function onTracked() { edits++; }
function editCount() { return edits; }
`;

function setUp() {
  const emu = new Emulator();
  const sheet = emu.spreadsheetApp.getActiveSpreadsheet().getSheets()[0].setName('Leads');
  sheet.getRange('A1:B1').setValues([['Name', 'Notes']]);
  emu.loadBundle(SCRIPT);
  return emu;
}

const refused = `Exception: ${CELL_TOO_LONG_MESSAGE}`;

describe('the 50,000-character cell limit', () => {
  test("Google's message, word for word", () => {
    expect(CELL_TOO_LONG_MESSAGE).toBe('Your input contains more than the maximum of 50000 characters in a single cell.');
  });

  test('setValue: 50,000 characters fit; 50,001 fail and leave the cell as it was', () => {
    const emu = setUp();
    expect(emu.run('setOne', [50000])).toBe('ok');
    expect(emu.run('setOne', [50001])).toBe(refused);
    expect((emu.run('grid') as unknown[][])[1][1]).toBe('len:50000');
  });

  test('setValues: one long cell refuses the whole block (no cell of it is written)', () => {
    const emu = setUp();
    expect(emu.run('setBlock', [50001])).toBe(refused);
    expect(emu.run('grid')).toEqual([
      ['Name', 'Notes', ''],
      ['', '', ''],
      ['', '', ''],
      ['', '', ''],
    ]);
    expect(emu.run('setBlock', [3])).toBe('ok');
  });

  test('a formula is input too', () => {
    const emu = setUp();
    expect(emu.run('formulaTooLong')).toBe(refused);
    expect(emu.spreadsheet().sheetByName('Leads')?.formulas.get(1, 3)).toBeUndefined();
  });

  test('appendRow: refused before the row is added or the sheet grows', () => {
    const emu = setUp();
    const sheet = emu.spreadsheet().sheetByName('Leads');
    const before = { lastRow: sheet?.lastRow(), maxRows: sheet?.maxRows };
    expect(emu.run('append', [50001])).toBe(refused);
    expect({ lastRow: sheet?.lastRow(), maxRows: sheet?.maxRows }).toEqual(before);
    expect(emu.run('append', [10])).toBe('ok');
    expect(sheet?.lastRow()).toBe(2);
  });

  test("a person's edit is refused with that reason; nothing changes and no trigger fires", () => {
    const emu = setUp();
    emu.run('setup');
    const outcome = emu.editAsUser('Leads!B2', 'x'.repeat(50001));
    expect(outcome).toEqual({ accepted: false, reason: CELL_TOO_LONG_MESSAGE });
    const paste = emu.editAsUser('Leads!A2:B2', [['ok', 'y'.repeat(60000)]]);
    expect(paste).toEqual({ accepted: false, reason: CELL_TOO_LONG_MESSAGE });
    expect(emu.run('grid')).toEqual([
      ['Name', 'Notes', ''],
      ['', '', ''],
      ['', '', ''],
      ['', '', ''],
    ]);
    expect(emu.run('editCount')).toBe(0);
    expect(emu.editAsUser('Leads!B2', 'x'.repeat(50000)).accepted).toBe(true);
    expect(emu.run('editCount')).toBe(1);
  });

  test("a form response whose answer would not fit its cell: a respondent is refused, a script's submit throws; nothing recorded", () => {
    const emu = setUp();
    const formId = emu.run('setup') as string;
    const responses = () => emu.services.forms.get(formId)?.responses.length;
    const rows = () => emu.spreadsheet().sheetByName('Form Responses 1')?.lastRow();
    expect(emu.submitForm(formId, { Notes: 'n'.repeat(50001) })).toEqual({ accepted: false, errors: [{ item: 'Notes', reason: CELL_TOO_LONG_MESSAGE }] });
    expect(emu.run('scriptSubmit', [formId, 50001])).toBe(refused);
    expect(responses()).toBe(0);
    expect(rows()).toBe(1);
    expect(emu.submitForm(formId, { Notes: 'n'.repeat(50000) })).toMatchObject({ accepted: true, row: 2 });
    expect(emu.run('scriptSubmit', [formId, 5])).toBe('ok');
    expect(responses()).toBe(2);
  });
});

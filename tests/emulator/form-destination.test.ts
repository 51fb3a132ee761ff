import { Emulator, SavedWorkspace } from '../../emulator';

/**
 * What the add-on's partner form relies on beyond the basics in form-and-time-triggers:
 * the responses sheet is followed through renames (Google links it by sheet, not by
 * name), and the form-submit event is an ordinary object of the script's own realm.
 */
const SCRIPT = `
var seen = [];
function createForm() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var form = FormApp.create('Register a lead').setPublished(true);
  form.addTextItem().setTitle('Company').setRequired(true);
  form.addTextItem().setTitle('Contact email').setRequired(true)
    .setValidation(FormApp.createTextValidation().requireTextIsEmail().build());
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  ScriptApp.newTrigger('onLeadForm').forSpreadsheet(ss).onFormSubmit().create();
  return form.getId();
}
function renameResponses(to) {
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Form Responses 1').setName(to);
}
function addQuestion(formId, title) {
  FormApp.openById(formId).addTextItem().setTitle(title);
}
function deleteSheet(name) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  ss.deleteSheet(ss.getSheetByName(name));
}
function onLeadForm(e) {
  seen.push({
    sheet: e.range.getSheet().getName(),
    row: e.range.getRow(),
    values: e.values,
    valuesIsArray: e.values instanceof Array,
    namedValuesIsObject: e.namedValues instanceof Object && Object.getPrototypeOf(e.namedValues) === Object.prototype,
    answerIsArray: e.namedValues.Company instanceof Array,
    eventIsObject: e instanceof Object,
    sameEnum: e.authMode === ScriptApp.AuthMode.FULL
  });
}
function events() { var out = seen; seen = []; return out; }
`;

function setUp(): { emu: Emulator; formId: string } {
  const emu = new Emulator({ timeZone: 'Etc/UTC' });
  emu.clock.set('2026-03-02T09:15:00Z');
  emu.loadBundle(SCRIPT);
  return { emu, formId: emu.run('createForm') as string };
}

function rows(emu: Emulator, sheet: string): string[][] {
  const view = emu.workbookView().sheets.find((s) => s.name === sheet);
  if (!view) throw new Error(`no tab ${sheet}`);
  return view.rows;
}

describe('the responses sheet is followed by id, as Google links it', () => {
  test('after a rename, responses, new question columns and the event go to the renamed sheet', () => {
    const { emu, formId } = setUp();
    emu.run('renameResponses', ['Form Intake']);
    emu.run('addQuestion', [formId, 'Notes']);
    expect(rows(emu, 'Form Intake')[0]).toEqual(['Timestamp', 'Company', 'Contact email', 'Notes']);

    const result = emu.submitForm(formId, { Company: 'Acme', 'Contact email': 'ana@acme.test', Notes: 'hi' });
    expect(result).toMatchObject({ accepted: true, row: 2, sheetName: 'Form Intake' });
    expect(rows(emu, 'Form Intake')[1].slice(1)).toEqual(['Acme', 'ana@acme.test', 'hi']);
    expect(emu.services.forms.get(formId)?.destination?.sheetName).toBe('Form Intake');
    expect((emu.run('events') as Array<{ sheet: string; row: number }>).map((e) => [e.sheet, e.row])).toEqual([['Form Intake', 2]]);
  });

  test('the duplicate firing follows a rename made after the submission', () => {
    const { emu, formId } = setUp();
    emu.submitForm(formId, { Company: 'Acme', 'Contact email': 'ana@acme.test' });
    emu.run('renameResponses', ['Intake']);
    emu.fireDuplicateFormSubmit();
    expect((emu.run('events') as Array<{ sheet: string }>).map((e) => e.sheet)).toEqual(['Form Responses 1', 'Intake']);
  });

  test('a deleted responses sheet does not break the form: the response is recorded, no row, no spreadsheet trigger', () => {
    const { emu, formId } = setUp();
    emu.run('deleteSheet', ['Form Responses 1']);
    const result = emu.submitForm(formId, { Company: 'Acme', 'Contact email': 'ana@acme.test' });
    expect(result).toMatchObject({ accepted: true, row: null, sheetName: null, runs: [] });
    expect(emu.services.forms.get(formId)?.responses).toHaveLength(1);
  });

  test('the link survives save and load; a workspace saved before sheet ids existed is linked by name on load', () => {
    const { emu, formId } = setUp();
    const saved = JSON.parse(JSON.stringify(emu.toJSON())) as SavedWorkspace & { services: { forms: { forms: Array<{ destination: Record<string, unknown> }> } } };
    const reloaded = Emulator.fromJSON(saved);
    reloaded.loadBundle(SCRIPT);
    reloaded.run('renameResponses', ['Intake']);
    expect(reloaded.submitForm(formId, { Company: 'Acme', 'Contact email': 'ana@acme.test' })).toMatchObject({ accepted: true, sheetName: 'Intake', row: 2 });

    delete saved.services.forms.forms[0].destination.sheetId;
    const legacy = Emulator.fromJSON(saved);
    legacy.loadBundle(SCRIPT);
    legacy.run('renameResponses', ['Intake']);
    expect(legacy.submitForm(formId, { Company: 'Beta', 'Contact email': 'bo@beta.test' })).toMatchObject({ accepted: true, sheetName: 'Intake', row: 2 });
  });
});

describe('the form-submit event belongs to the script realm', () => {
  test("e.values, e.namedValues and their answers are the script's own arrays and objects, on the duplicate (blank) firing too", () => {
    const { emu, formId } = setUp();
    emu.submitForm(formId, { Company: 'Acme', 'Contact email': 'ana@acme.test' });
    emu.fireDuplicateFormSubmit({ blank: true });
    const [first, blank] = emu.run('events') as Array<Record<string, unknown>>;
    for (const e of [first, blank]) {
      expect(e).toMatchObject({ valuesIsArray: true, namedValuesIsObject: true, answerIsArray: true, eventIsObject: true, sameEnum: true, row: 2 });
    }
    expect(first.values).toEqual(['3/2/2026 9:15:00', 'Acme', 'ana@acme.test']);
    expect(blank.values).toEqual(['', '', '']);
  });
});

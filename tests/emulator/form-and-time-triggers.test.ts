import { Emulator } from '../../emulator';

/** A script that creates a form writing into this spreadsheet and records what its triggers receive. */
const SCRIPT = `
var seen = [];
function createForm() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var form = FormApp.create('Register a lead').setPublished(true);
  form.addTextItem().setTitle('Partner code').setRequired(true);
  form.addTextItem().setTitle('Contact email').setRequired(true)
    .setValidation(FormApp.createTextValidation().requireTextIsEmail().build());
  form.addListItem().setTitle('Product').setChoiceValues(['Core Platform', 'Analytics Add-on']);
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  ScriptApp.newTrigger('onLeadForm').forSpreadsheet(ss).onFormSubmit().create();
  ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(6).create();
  ScriptApp.newTrigger('onStructure').forSpreadsheet(ss).onChange().create();
  return form.getId();
}
function onLeadForm(e) {
  seen.push({
    authMode: String(e.authMode),
    namedValues: e.namedValues,
    values: e.values,
    row: e.range.getRow(),
    sheet: e.range.getSheet().getName(),
    hasSource: 'source' in e,
    hasUser: 'user' in e,
    uid: typeof e.triggerUid
  });
}
function daily(e) { seen.push({ hour: e.hour, dow: e['day-of-week'], tz: e.timezone }); }
function onStructure(e) { seen.push({ changeType: e.changeType }); }
function events() { var out = seen; seen = []; return out; }
`;

function setUp(now = '2026-03-01T00:00:00Z') {
  const emu = new Emulator({ ownerEmail: 'owner@example.com', timeZone: 'Europe/London' });
  emu.clock.set(now);
  emu.loadBundle(SCRIPT);
  const formId = emu.run('createForm') as string;
  return { emu, formId };
}

describe('form submissions reach the spreadsheet and its form-submit trigger', () => {
  test('the response row is appended to the responses tab and the event has Google’s shape', () => {
    const { emu, formId } = setUp();
    emu.clock.set('2026-03-02T09:15:00Z');
    const result = emu.submitForm(formId, { 'Partner code': 'ACME', 'Contact email': 'ana@acme.co.uk', Product: 'Core Platform' });
    expect(result).toMatchObject({ accepted: true });
    const [event] = emu.run('events') as Array<Record<string, unknown>>;
    expect(event).toMatchObject({
      authMode: 'FULL',
      namedValues: { Timestamp: [expect.any(String)], 'Partner code': ['ACME'], 'Contact email': ['ana@acme.co.uk'], Product: ['Core Platform'] },
      values: [expect.any(String), 'ACME', 'ana@acme.co.uk', 'Core Platform'],
      row: 2,
      sheet: 'Form Responses 1',
      hasSource: false,
      hasUser: false,
      uid: 'string',
    });
    const sheet = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Form Responses 1') as GoogleAppsScript.Spreadsheet.Sheet;
    expect(sheet.getRange(1, 1, 1, 4).getValues()).toEqual([['Timestamp', 'Partner code', 'Contact email', 'Product']]);
    expect(sheet.getRange(2, 1).getValue()).toEqual(new Date('2026-03-02T09:15:00Z'));
  });

  test('an invalid submission is refused by the form itself, with a reason per question', () => {
    const { emu, formId } = setUp();
    const result = emu.submitForm(formId, { 'Contact email': 'not an email' });
    expect(result.accepted).toBe(false);
    expect(emu.run('events')).toEqual([]);
  });

  test('the duplicate firing Google sometimes sends repeats the same row', () => {
    const { emu, formId } = setUp();
    emu.submitForm(formId, { 'Partner code': 'ACME', 'Contact email': 'ana@acme.co.uk' });
    emu.fireDuplicateFormSubmit();
    const events = emu.run('events') as Array<{ row: number }>;
    expect(events.map((e) => e.row)).toEqual([2, 2]);
  });
});

describe('time-driven and change triggers', () => {
  test('a daily trigger fires at its hour in the script’s time zone with the documented event fields', () => {
    const { emu } = setUp('2026-06-01T00:00:00Z'); // a Monday; London is UTC+1 in June
    emu.runTimeTriggersUntil(new Date('2026-06-02T00:00:00Z'));
    expect(emu.run('events')).toEqual([{ hour: 6, dow: 1, tz: 'Europe/London' }]);
  });

  test('change triggers receive the change type', () => {
    const { emu } = setUp();
    emu.fireChange('INSERT_ROW');
    expect(emu.run('events')).toEqual([{ changeType: 'INSERT_ROW' }]);
  });
});

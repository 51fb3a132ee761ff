import { Emulator, SavedWorkspace } from '../../../emulator';
import { ARBITRARY_RANGE_MESSAGE } from '../../../emulator/spreadsheet/developer-metadata';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Metadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

/**
 * Developer metadata on sheets, whole columns and whole rows: where it is, how finders see it,
 * and how it follows (or dies with) its row, column or sheet.
 */
function setUp(options: ConstructorParameters<typeof Emulator>[0] = {}) {
  const emu = new Emulator(options);
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  const leads = ss.getSheets()[0].setName('Leads');
  leads.getRange('A1:D1').setValues([['Company', 'Owner', 'Amount', 'Stage']]);
  const other = ss.insertSheet('Payouts');
  return { emu, ss, leads, other, app: emu.spreadsheetApp };
}

const describeAll = (list: Metadata[]) => list.map((m) => `${m.getKey()}=${m.getValue()}@${String(m.getLocation().getLocationType())}`);
const columnOf = (m: Metadata) => m.getLocation().getColumn()?.getColumn();
const rowOf = (m: Metadata) => m.getLocation().getRow()?.getRow();

describe('developer metadata on sheets, columns and rows', () => {
  test("sheet metadata: chained, the sheet's own list, location SHEET with getSheet() and nulls elsewhere", () => {
    const { ss, leads, app } = setUp();
    expect(leads.addDeveloperMetadata('schema', '3').getName()).toBe('Leads');
    leads.addDeveloperMetadata('flag', app.DeveloperMetadataVisibility.PROJECT);
    ss.addDeveloperMetadata('top');
    expect(describeAll(leads.getDeveloperMetadata())).toEqual(['schema=3@SHEET', 'flag=null@SHEET']);
    expect(describeAll(ss.getDeveloperMetadata())).toEqual(['top=null@SPREADSHEET']);
    const location = leads.getDeveloperMetadata()[0].getLocation();
    expect(location.getSheet()?.getName()).toBe('Leads');
    expect([location.getRow(), location.getColumn(), location.getSpreadsheet()]).toEqual([null, null, null]);
    const top = ss.getDeveloperMetadata()[0].getLocation();
    expect(top.getSpreadsheet()?.getId()).toBe(ss.getId());
    expect(top.getSheet()).toBeNull();
  });

  test('a whole column ("C:C") and a whole row ("5:5"): Range.addDeveloperMetadata returns the range; getDeveloperMetadata is exact', () => {
    const { leads, app } = setUp();
    const column = leads.getRange('C:C');
    expect(column.addDeveloperMetadata('field', 'amount').getColumn()).toBe(3);
    leads.getRange('5:5').addDeveloperMetadata('leadId', 'L-0005', app.DeveloperMetadataVisibility.PROJECT);
    expect(describeAll(leads.getRange('C:C').getDeveloperMetadata())).toEqual(['field=amount@COLUMN']);
    expect(describeAll(leads.getRange(1, 3, leads.getMaxRows(), 1).getDeveloperMetadata())).toEqual(['field=amount@COLUMN']);
    expect(describeAll(leads.getRange('5:5').getDeveloperMetadata())).toEqual(['leadId=L-0005@ROW']);
    // A cell of a tagged column, or a bigger range, is another location.
    expect(leads.getRange('C3').getDeveloperMetadata()).toEqual([]);
    expect(leads.getRange('C:D').getDeveloperMetadata()).toEqual([]);
    expect(leads.getDeveloperMetadata()).toEqual([]);
    const [field] = leads.getRange('C:C').getDeveloperMetadata();
    const location = field.getLocation();
    expect(location.getLocationType()).toBe(app.DeveloperMetadataLocationType.COLUMN);
    expect([location.getColumn()?.getColumn(), location.getColumn()?.getNumRows(), location.getColumn()?.getSheet().getName()]).toEqual([3, 1000, 'Leads']);
    expect([location.getRow(), location.getSheet(), location.getSpreadsheet()]).toEqual([null, null, null]);
    const row = leads.getRange('5:5').getDeveloperMetadata()[0].getLocation().getRow();
    expect([row?.getRow(), row?.getNumRows(), row?.getNumColumns()]).toEqual([5, 1, 26]);
  });

  test("any other range is refused with Google's message", () => {
    const { leads } = setUp();
    for (const a1 of ['B2:D4', 'A1', 'B6:D6', 'F2:F5', '2:4', 'C:D']) {
      expect(() => leads.getRange(a1).addDeveloperMetadata('k')).toThrow(ARBITRARY_RANGE_MESSAGE);
    }
    expect(ARBITRARY_RANGE_MESSAGE).toBe(
      'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
    );
  });

  test("finders: the spreadsheet's sees everything, a sheet's its sheet, rows and columns; withLocationType; a range's what lies inside it or (onIntersectingLocations) crosses it", () => {
    const { ss, leads, other, app } = setUp();
    const T = app.DeveloperMetadataLocationType;
    ss.addDeveloperMetadata('top');
    leads.addDeveloperMetadata('sheet');
    leads.getRange('C:C').addDeveloperMetadata('col');
    leads.getRange('5:5').addDeveloperMetadata('row');
    other.getRange('A:A').addDeveloperMetadata('elsewhere');
    const keys = (f: GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder) => f.find().map((m) => m.getKey());
    expect(keys(ss.createDeveloperMetadataFinder())).toEqual(['top', 'sheet', 'col', 'row', 'elsewhere']);
    expect(keys(ss.createDeveloperMetadataFinder().withLocationType(T.COLUMN))).toEqual(['col', 'elsewhere']);
    expect(keys(leads.createDeveloperMetadataFinder())).toEqual(['sheet', 'col', 'row']);
    expect(keys(leads.createDeveloperMetadataFinder().withLocationType(T.ROW))).toEqual(['row']);
    expect(keys(leads.createDeveloperMetadataFinder().withLocationType(T.SPREADSHEET))).toEqual([]);
    expect(keys(leads.createDeveloperMetadataFinder().onIntersectingLocations())).toEqual(['sheet', 'col', 'row']);
    // "3:3" is not in the scope of "A1:D5", but is of "1:5" (the reference's example).
    expect(keys(leads.getRange('A1:D5').createDeveloperMetadataFinder())).toEqual([]);
    expect(keys(leads.getRange('1:5').createDeveloperMetadataFinder())).toEqual(['row']);
    expect(keys(leads.getRange('A:D').createDeveloperMetadataFinder())).toEqual(['col']);
    expect(keys(leads.getRange('A1:D5').createDeveloperMetadataFinder().onIntersectingLocations())).toEqual(['col', 'row']);
    expect(keys(leads.getRange('C9').createDeveloperMetadataFinder().onIntersectingLocations())).toEqual(['col']);
    expect(keys(leads.getRange('A1:D5').createDeveloperMetadataFinder().onIntersectingLocations().withLocationType(T.ROW))).toEqual(['row']);
    expect(() => leads.createDeveloperMetadataFinder().withLocationType('nonsense' as never)).toThrow('Invalid argument: locationType');
  });

  test('metadata follows its column and row as columns and rows are inserted or deleted before it, and dies with them', () => {
    const { emu, leads } = setUp();
    leads.getRange('C:C').addDeveloperMetadata('field', 'amount');
    leads.getRange('5:5').addDeveloperMetadata('leadId', 'L-0005');
    const field = leads.createDeveloperMetadataFinder().withKey('field').find()[0];
    const lead = leads.createDeveloperMetadataFinder().withKey('leadId').find()[0];
    const location = field.getLocation();
    leads.insertColumnsBefore(2, 2);
    expect(columnOf(field)).toBe(5);
    expect(location.getColumn()?.getColumn()).toBe(5);
    expect(
      leads
        .getRange('E:E')
        .getDeveloperMetadata()
        .map((m) => m.getKey()),
    ).toEqual(['field']);
    expect(leads.getRange('C:C').getDeveloperMetadata()).toEqual([]);
    leads.insertColumnAfter(5);
    leads.deleteColumns(6, 1);
    expect(columnOf(field)).toBe(5);
    leads.insertRowsBefore(5, 1);
    expect(rowOf(lead)).toBe(6);
    leads.deleteRow(1);
    expect(rowOf(lead)).toBe(5);
    // A person inserting or deleting rows moves it the same way.
    expect(emu.insertRowsAsUser('Leads', 2, 3).accepted).toBe(true);
    expect(rowOf(lead)).toBe(8);
    expect(emu.deleteRowsAsUser('Leads', 2, 3).accepted).toBe(true);
    expect(rowOf(lead)).toBe(5);
    // Deleted with its row / column: gone from every finder, and the old handle says so.
    leads.deleteRows(4, 3);
    expect(leads.createDeveloperMetadataFinder().withKey('leadId').find()).toEqual([]);
    expect(() => lead.getKey()).toThrow(/No developer metadata with ID/);
    leads.deleteColumn(5);
    expect(leads.createDeveloperMetadataFinder().find()).toEqual([]);
    expect(emu.spreadsheet().developerMetadata).toEqual([]);
  });

  test('a column keeps its metadata when its header text changes (by script or by a person)', () => {
    const { emu, leads } = setUp();
    leads.getRange('C:C').addDeveloperMetadata('field', 'amount');
    leads.getRange('C1').setValue('Deal value');
    expect(emu.editAsUser('Leads!C1', 'Deal value (EUR)').accepted).toBe(true);
    const [found] = leads.createDeveloperMetadataFinder().withKey('field').find();
    expect(columnOf(found)).toBe(3);
    expect(leads.getRange(1, columnOf(found) as number).getValue()).toBe('Deal value (EUR)');
  });

  test("deleting a sheet deletes its sheet, row and column metadata; the spreadsheet's and other sheets' stay", () => {
    const { ss, leads, other } = setUp();
    ss.addDeveloperMetadata('top');
    other.addDeveloperMetadata('payouts');
    other.getRange('B:B').addDeveloperMetadata('payCol');
    other.getRange('2:2').addDeveloperMetadata('payRow');
    leads.getRange('A:A').addDeveloperMetadata('leadsCol');
    ss.deleteSheet(other);
    expect(
      ss
        .createDeveloperMetadataFinder()
        .find()
        .map((m) => m.getKey()),
    ).toEqual(['top', 'leadsCol']);
  });

  test('PROJECT visibility: another script project loading the same workspace does not see it', () => {
    const { emu, leads, app } = setUp({ scriptId: 'tracker' });
    leads.getRange('C:C').addDeveloperMetadata('mine', app.DeveloperMetadataVisibility.PROJECT);
    leads.getRange('C:C').addDeveloperMetadata('shared');
    leads.addDeveloperMetadata('mineToo', 'x', app.DeveloperMetadataVisibility.PROJECT);
    const saved = JSON.parse(JSON.stringify(emu.toJSON())) as SavedWorkspace;
    const stranger = Emulator.fromJSON(saved, { scriptId: 'someone-else' });
    const theirs = stranger.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads') as Sheet;
    expect(
      theirs
        .getRange('C:C')
        .getDeveloperMetadata()
        .map((m) => m.getKey()),
    ).toEqual(['shared']);
    expect(theirs.getDeveloperMetadata()).toEqual([]);
    expect(
      theirs
        .createDeveloperMetadataFinder()
        .find()
        .map((m) => m.getKey()),
    ).toEqual(['shared']);
  });

  test('each sheet, row and column is its own location for the size limit', () => {
    const { ss, leads } = setUp({ developerMetadataCharsPerLocation: 10 });
    leads.getRange('C:C').addDeveloperMetadata('k', 'x'.repeat(9));
    expect(() => leads.getRange('C:C').addDeveloperMetadata('k')).toThrow(/limit of 10 characters/);
    const [m] = leads.getRange('C:C').getDeveloperMetadata();
    expect(() => m.setValue('x'.repeat(10))).toThrow(/limit of 10 characters/);
    leads.getRange('D:D').addDeveloperMetadata('k', 'x'.repeat(9));
    leads.getRange('3:3').addDeveloperMetadata('k', 'x'.repeat(9));
    leads.addDeveloperMetadata('k', 'x'.repeat(9));
    ss.addDeveloperMetadata('k', 'x'.repeat(9));
    expect(ss.createDeveloperMetadataFinder().find()).toHaveLength(5);
  });

  test("saved and loaded with the workspace; metadata saved before locations existed is the spreadsheet's", () => {
    const { emu, ss, leads } = setUp();
    ss.addDeveloperMetadata('top');
    leads.addDeveloperMetadata('sheet');
    leads.getRange('C:C').addDeveloperMetadata('col', 'v');
    leads.getRange('5:5').addDeveloperMetadata('row');
    const saved = JSON.parse(JSON.stringify(emu.toJSON())) as SavedWorkspace;
    const loaded = Emulator.fromJSON(saved);
    const sheet = loaded.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads') as Sheet;
    expect(describeAll(loaded.spreadsheetApp.getActiveSpreadsheet().createDeveloperMetadataFinder().find())).toEqual(['top=null@SPREADSHEET', 'sheet=null@SHEET', 'col=v@COLUMN', 'row=null@ROW']);
    sheet.insertRowBefore(1);
    expect(rowOf(sheet.getRange('6:6').getDeveloperMetadata()[0])).toBe(6);

    const legacy = JSON.parse(JSON.stringify(saved)) as { spreadsheets: Array<{ developerMetadata: Array<Record<string, unknown>> }> };
    for (const m of legacy.spreadsheets[0].developerMetadata) delete m.location;
    const old = Emulator.fromJSON(legacy as unknown as SavedWorkspace);
    expect(old.spreadsheetApp.getActiveSpreadsheet().getDeveloperMetadata()).toHaveLength(4);
  });

  test('counted as spreadsheet calls', () => {
    const { emu, leads } = setUp();
    emu.calls.reset();
    leads.getRange('C:C').addDeveloperMetadata('k').getDeveloperMetadata()[0].getLocation().getLocationType();
    expect(emu.calls.get('Range.addDeveloperMetadata')).toBe(1);
    expect(emu.calls.get('Range.getDeveloperMetadata')).toBe(1);
    expect(emu.calls.get('DeveloperMetadata.getLocation')).toBe(1);
    expect(emu.calls.get('DeveloperMetadataLocation.getLocationType')).toBe(1);
    expect(emu.calls.spreadsheetCalls()).toBe(emu.calls.total());
  });
});

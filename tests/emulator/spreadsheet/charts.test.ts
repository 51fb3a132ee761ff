import { Emulator } from '../../../emulator';
import { classify } from '../../../emulator/core/latency';

/**
 * Embedded charts as Google documents them (emulator/spreadsheet/charts.ts): the builder and its
 * typed builders, insert/update/remove/getCharts, who may change charts, and charts surviving
 * structure changes, snapshots and the workspace file.
 */
const SCRIPT = `
function seed() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var data = ss.getSheets()[0].setName('Data');
  data.getRange('A1:C4').setValues([['Month', 'Won', 'Lost'], ['Jan', 3, 1], ['Feb', 5, 2], ['Mar', 4, 4]]);
  ss.insertSheet('Board');
}
function makeCharts() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var data = ss.getSheetByName('Data');
  var board = ss.getSheetByName('Board');
  var bar = board.newChart().asBarChart()
    .addRange(data.getRange('A1:B4'))
    .addRange(data.getRange('A1:B4'))
    .setTitle('Won by month').setXAxisTitle('Deals').setYAxisTitle('Month')
    .setStacked().setColors(['#1a73e8']).setLegendPosition(Charts.Position.BOTTOM)
    .setPosition(2, 3, 10, 20).setNumHeaders(1)
    .build();
  board.insertChart(bar);
  var pie = board.newChart().asPieChart().addRange(data.getRange('A1:A4')).addRange(data.getRange('C1:C4'))
    .set3D().setTitle('Lost').setOption('pieHole', 0.4).setPosition(20, 1, 0, 0).build();
  board.insertChart(pie);
  return [bar.getChartId(), String(bar.getContainerInfo().getAnchorRow())];
}
function describe() {
  return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Board').getCharts().map(function (c) {
    var at = c.getContainerInfo();
    var o = c.getOptions();
    return {
      id: typeof c.getChartId(),
      type: String(c.modify().getChartType()),
      ranges: c.getRanges().map(function (r) { return r.getSheet().getName() + '!' + r.getA1Notation(); }),
      at: [at.getAnchorRow(), at.getAnchorColumn(), at.getOffsetX(), at.getOffsetY()],
      title: o.get('title'), hTitle: o.get('hAxis.title'), stacked: o.get('isStacked'), legend: o.get('legend.position'),
      is3D: o.get('is3D'), hole: o.get('pieHole'), unset: o.get('nothing'),
      headers: c.getNumHeaders(), transpose: c.getTransposeRowsAndColumns(),
      merge: String(c.getMergeStrategy()), hidden: String(c.getHiddenDimensionStrategy())
    };
  });
}
function retitleFirst(title) {
  var board = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Board');
  var chart = board.getCharts()[0];
  var rebuilt = chart.modify().setOption('title', title).removeRange(board.getParent().getSheetByName('Data').getRange('Z1'))
    .setPosition(5, 5, 0, 0).setChartType(Charts.ChartType.COLUMN).build();
  var before = board.getCharts()[0].getOptions().get('title');
  board.updateChart(rebuilt);
  board.updateChart(rebuilt);
  return [before, board.getCharts().length, rebuilt.getChartId() === chart.getChartId()];
}
function removeFirst() {
  var board = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Board');
  var chart = board.getCharts()[0];
  board.removeChart(chart);
  try { board.removeChart(chart); return 'removed twice'; } catch (e) { return [board.getCharts().length, e.message]; }
}
function unsaved() {
  var board = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Board');
  var built = board.newChart().setChartType(Charts.ChartType.LINE).build();
  var out = [built.getChartId(), String(built.modify().getContainer().getAnchorRow()), built.getNumHeaders()];
  try { board.updateChart(built); } catch (e) { out.push(e.message); }
  try { built.getBlob(); } catch (e) { out.push(e.message); }
  try { board.newChart().setPosition(0, 1, 0, 0); } catch (e) { out.push(e.message); }
  return out;
}
function otherSpreadsheet(id) {
  var other = SpreadsheetApp.openById(id).getSheets()[0].getRange('A1:B2');
  try { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Board').newChart().addRange(other); return 'accepted'; } catch (e) { return e.message; }
}
function insertOn(name) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name) || SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  try { sheet.insertChart(sheet.newChart().addRange(sheet.getRange('A1:B2')).build()); return 'inserted'; } catch (e) { return e.message; }
}
function protectBoard() {
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Board').protect();
}
`;

function setUp(options: ConstructorParameters<typeof Emulator>[0] = {}): Emulator {
  const emu = new Emulator(options);
  emu.loadBundle(SCRIPT);
  emu.run('seed');
  return emu;
}

const BAR = {
  id: 'number',
  type: 'BAR',
  ranges: ['Data!A1:B4'],
  at: [2, 3, 10, 20],
  title: 'Won by month',
  hTitle: 'Deals',
  stacked: true,
  legend: 'bottom',
  is3D: null,
  hole: null,
  unset: null,
  headers: 1,
  transpose: false,
  merge: 'MERGE_COLUMNS',
  hidden: 'IGNORE_ROWS',
};

describe('embedded charts', () => {
  test('typed builders record type, ranges (a range added twice once; another sheet of the spreadsheet), options and position', () => {
    const emu = setUp();
    const [id, anchor] = emu.run('makeCharts') as [unknown, string];
    // A built chart is not in the spreadsheet until inserted: no id, as the reference says.
    expect(id).toBeNull();
    expect(anchor).toBe('2');
    const charts = emu.run('describe') as Array<Record<string, unknown>>;
    expect(charts[0]).toEqual(BAR);
    expect(charts[1]).toMatchObject({ type: 'PIE', ranges: ['Data!A1:A4', 'Data!C1:C4'], at: [20, 1, 0, 0], is3D: true, hole: 0.4, title: 'Lost', headers: -1 });
    const ids = emu.spreadsheet().charts.map((c) => c.id);
    expect(new Set(ids).size).toBe(2);
    for (const chartId of ids) expect(chartId > 0).toBe(true);
  });

  test('modify + updateChart changes the chart in place, twice the same; removeChart removes it, a second time refused', () => {
    const emu = setUp();
    emu.run('makeCharts');
    const ids = emu.spreadsheet().charts.map((c) => c.id);
    expect(emu.run('retitleFirst', ['Renamed'])).toEqual(['Won by month', 2, true]);
    const first = (emu.run('describe') as Array<Record<string, unknown>>)[0];
    expect(first).toMatchObject({ type: 'COLUMN', title: 'Renamed', at: [5, 5, 0, 0], ranges: ['Data!A1:B4'] });
    expect(emu.spreadsheet().charts.map((c) => c.id)).toEqual(ids);
    expect(emu.run('removeFirst')).toEqual([1, 'The chart does not exist on this sheet. It may have been removed.']);
  });

  test('a chart never inserted has no id and cannot be updated; images and bad positions are refused with reasons', () => {
    const emu = setUp();
    const [id, anchor, headers, update, blob, position] = emu.run('unsaved') as unknown[];
    expect([id, anchor, headers]).toEqual([null, '1', -1]);
    expect(update).toMatch(/does not exist/);
    expect(blob).toMatch(/not implemented in emulator: EmbeddedChart.getBlob/);
    expect(position).toBe('Invalid argument: anchorRowPos');
  });

  test('a range of another spreadsheet is refused', () => {
    const emu = setUp();
    const other = emu.createSpreadsheet('Elsewhere');
    expect(emu.run('otherSpreadsheet', [other])).toBe('The range must be in the same spreadsheet as the chart.');
  });

  test('a viewer cannot insert a chart; a sheet protection stops people it does not list (option), a range protection does not', () => {
    const emu = setUp();
    const shared = emu.createSpreadsheet('Shared', { sharing: { editors: ['ed@example.com'], viewers: ['vi@example.com'] } });
    expect(emu.run('insertOn', ['none'], { user: 'vi@example.com', documentId: shared })).toMatch(/permission to edit/);
    expect(emu.run('insertOn', ['none'], { user: 'ed@example.com', documentId: shared })).toBe('inserted');
    emu.run('protectBoard');
    expect(emu.run('insertOn', ['Board'], { user: 'ed@example.com' })).toMatch(/protected cell or object/);
    expect(emu.run('insertOn', ['Board'])).toBe('inserted');
    expect(emu.run('insertOn', ['Data'], { user: 'ed@example.com' })).toBe('inserted');
    const lenient = setUp({ chartsFollowSheetProtection: false });
    lenient.run('protectBoard');
    expect(lenient.run('insertOn', ['Board'], { user: 'ed@example.com' })).toBe('inserted');
  });

  test('calls are counted: builders are local, getCharts a read, insertChart a write', () => {
    const emu = setUp();
    emu.calls.reset();
    emu.run('makeCharts');
    expect(emu.calls.get('Sheet.newChart')).toBe(2);
    expect(emu.calls.get('Sheet.insertChart')).toBe(2);
    expect(emu.calls.get('EmbeddedBarChartBuilder.setTitle')).toBe(1);
    const kinds = ['Sheet.newChart', 'EmbeddedBarChartBuilder.addRange', 'Sheet.getCharts', 'Sheet.insertChart', 'EmbeddedChart.getRanges'].map((name) => {
      const [type, member] = name.split('.');
      return classify(type, member);
    });
    expect(kinds).toEqual(['local', 'local', 'read', 'write', 'local']);
  });

  test('rows (or columns) inserted before move the anchor and the data; deleting the data sheet drops its ranges; deleting the sheet drops its charts', () => {
    const emu = setUp();
    emu.run('makeCharts');
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const sheet = (name: string) => ss.getSheetByName(name) as GoogleAppsScript.Spreadsheet.Sheet;
    sheet('Board').insertRowsBefore(1, 3);
    sheet('Data').insertRowsBefore(2, 1);
    const [bar, pie] = emu.run('describe') as Array<Record<string, unknown>>;
    expect(bar).toMatchObject({ at: [5, 3, 10, 20], ranges: ['Data!A1:B5'] });
    expect(pie).toMatchObject({ at: [23, 1, 0, 0] });
    sheet('Board').deleteRows(4, 3);
    expect((emu.run('describe') as Array<Record<string, unknown>>)[0]).toMatchObject({ at: [4, 3, 10, 20] });
    // A person inserting columns before the anchor moves it the same way.
    emu.insertColumnsAsUser('Board', 1, 2);
    expect((emu.run('describe') as Array<Record<string, unknown>>)[0]).toMatchObject({ at: [4, 5, 10, 20] });
    ss.deleteSheet(sheet('Data'));
    expect((emu.run('describe') as Array<Record<string, unknown>>).map((c) => c.ranges)).toEqual([[], []]);
    ss.insertSheet('Spare');
    ss.deleteSheet(sheet('Board'));
    expect(emu.spreadsheet().charts).toEqual([]);
  });

  test('charts survive a snapshot restore and the workspace JSON', () => {
    const emu = setUp();
    emu.run('makeCharts');
    const expected = emu.run('describe');
    const restored = Emulator.restore(emu.snapshot());
    restored.loadBundle(SCRIPT);
    expect(restored.run('describe')).toEqual(expected);
    const loaded = Emulator.fromJSON(JSON.parse(JSON.stringify(emu.toJSON())));
    loaded.loadBundle(SCRIPT);
    expect(loaded.run('describe')).toEqual(expected);
    expect(loaded.spreadsheet().charts).toEqual(emu.spreadsheet().charts);
  });
});

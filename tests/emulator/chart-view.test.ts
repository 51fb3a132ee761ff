import { Emulator } from '../../emulator';
import { chartViewsOf } from '../../emulator/workspace/chart-view';

/** How the workspace turns a chart's ranges into what it draws (emulator/workspace/chart-view.ts). */
function setUp() {
  const emu = new Emulator();
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheets()[0];
  sheet.getRange('A1:C4').setValues([
    ['Month', 'Won', 'Lost'],
    ['Jan', 3, 1],
    ['Feb', '', 2],
    ['Mar', 4, 'n/a'],
  ]);
  sheet.getRange('E1:E3').setValues([[10], [20], [30]]);
  const views = () => chartViewsOf(emu.spreadsheet(), emu.spreadsheet().sheets[0]);
  return { emu, sheet, views };
}

describe('the workspace’s chart data', () => {
  test('first column as categories, a text first row as series names, numbers only (blank or text: no value); whole columns stop at the data', () => {
    const { sheet, views } = setUp();
    sheet.insertChart(sheet.newChart().addRange(sheet.getRange('A:C')).build());
    expect(views()[0]).toMatchObject({
      type: 'COLUMN',
      categories: ['Jan', 'Feb', 'Mar'],
      series: [
        { name: 'Won', values: [3, null, 4] },
        { name: 'Lost', values: [1, 2, null] },
      ],
      width: 600,
      height: 371,
      legend: 'right',
      truncated: false,
    });
  });

  test('one numeric column: numbered categories, no header; setNumHeaders and transpose are followed; MERGE_ROWS stacks ranges', () => {
    const { emu, sheet, views } = setUp();
    const Charts = emu.charts;
    sheet.insertChart(sheet.newChart().addRange(sheet.getRange('E1:E3')).build());
    sheet.insertChart(sheet.newChart().addRange(sheet.getRange('E1:E3')).setNumHeaders(1).build());
    sheet.insertChart(sheet.newChart().addRange(sheet.getRange('A1:C2')).setTransposeRowsAndColumns(true).build());
    sheet.insertChart(sheet.newChart().addRange(sheet.getRange('A2:B2')).addRange(sheet.getRange('A4:B4')).setMergeStrategy(Charts.ChartMergeStrategy.MERGE_ROWS).build());
    const [plain, header, transposed, merged] = views();
    expect(plain).toMatchObject({ categories: ['1', '2', '3'], series: [{ name: 'Series 1', values: [10, 20, 30] }] });
    expect(header).toMatchObject({ categories: ['1', '2'], series: [{ name: '10', values: [20, 30] }] });
    expect(transposed).toMatchObject({ categories: ['Won', 'Lost'], series: [{ name: 'Jan', values: [3, 1] }] });
    expect(merged).toMatchObject({ categories: ['Jan', 'Mar'], series: [{ name: 'Series 1', values: [3, 4] }] });
  });

  test('labels and look come from the options; a chart follows a changed cell', () => {
    const { sheet, views } = setUp();
    const pie = sheet.newChart().asPieChart().setTitle('Won').setColors(['#111111']).setOption('pieHole', 0.5).setOption('legend', { position: 'top' }).setOption('width', 300);
    sheet.insertChart(pie.addRange(sheet.getRange('A1:B4')).build());
    expect(views()[0]).toMatchObject({ type: 'PIE', title: 'Won', colors: ['#111111'], pieHole: 0.5, legend: 'top', width: 300 });
    sheet.getRange('B3').setValue(7);
    expect(views()[0].series[0].values).toEqual([3, 7, 4]);
  });
});

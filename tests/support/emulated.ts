import { Emulator, EmulatorOptions } from '../../emulator';
import { beginExecution } from '../../src/tracker/reference';

/**
 * An emulator whose Apps Script globals are installed in this test realm, so
 * src/ code imported directly runs against it. Call `restore()` after the test.
 */
export function emulated(options: Partial<EmulatorOptions> = {}) {
  const emu = new Emulator({ ownerEmail: 'owner@example.com', ...options });
  // src/ code in this realm keeps its per-execution reference data in module state: a new emulator is a new execution.
  beginExecution();
  const restore = emu.installGlobals();
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  const properties = (emu.globals().PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties();
  return { emu, ss, properties, restore };
}

/** Header row of a sheet as text. */
export function headerOf(sheet: GoogleAppsScript.Spreadsheet.Sheet): string[] {
  return sheet.getRange(1, 1, 1, sheet.getLastColumn()).getDisplayValues()[0];
}

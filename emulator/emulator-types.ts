import { EmulatorOptions } from './core/context';
import { Person } from './core/people';
import { TriggerRun } from './services';
import { SpreadsheetJson } from './spreadsheet/serialize';

/** What the Emulator (emulator.ts) reports of structural changes and the workbook, and what it saves to a workspace file. */
export type ChangeType = 'EDIT' | 'INSERT_ROW' | 'INSERT_COLUMN' | 'REMOVE_ROW' | 'REMOVE_COLUMN' | 'INSERT_GRID' | 'REMOVE_GRID' | 'FORMAT' | 'OTHER';

/** What a person's structural change did (insertRowsAsUser, insertColumnsAsUser, deleteRowsAsUser, renameSheetAsUser). */
export interface StructureOutcome {
  accepted: boolean;
  /** Why Sheets refused it (Google's protection message). */
  reason?: string;
  /** The change type the installable change triggers received. */
  changeType?: ChangeType;
  /** Each installable change trigger's run (edit triggers do not fire for these). */
  triggerRuns?: TriggerRun[];
}

export interface WorkbookSheetView {
  name: string;
  hidden: boolean;
  frozenRows: number;
  lastRow: number;
  lastColumn: number;
  columnWidths: number[];
  /** Display values of the first rows, as a person would see them. */
  rows: string[][];
  /** Formulas of the same cells ('' where none). */
  formulas: string[][];
}

export interface SavedWorkspace {
  format: 'partnership-tracker-emulator';
  version: 1;
  savedAt: string;
  options: EmulatorOptions;
  activeSpreadsheetId: string;
  spreadsheets: SpreadsheetJson[];
  services: unknown;
  /** Absent in workspaces saved before the people registry existed. */
  people?: Person[];
}

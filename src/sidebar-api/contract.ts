/**
 * What the sidebar and the server say to each other through google.script.run.
 * Types only: the sidebar bundle imports nothing at run time from here.
 * Every result is plain JSON (dates as ISO strings), as google.script.run requires.
 */
export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: ApiError };

export interface ApiError {
  message: string;
  /** Input field → what is wrong with it, for forms to show beside each field. */
  fieldErrors?: Record<string, string>;
}

export interface TabSummary {
  name: string;
  /** Data rows (below the header); null when the tab is missing. */
  rows: number | null;
}

export interface TrackerOverview {
  programmeName: string;
  currency: string;
  /** Null until setup has run on this spreadsheet. */
  schemaVersion: number | null;
  latestSchemaVersion: number;
  tabs: TabSummary[];
  settingsProblems: Array<{ label: string; message: string }>;
}

export interface SetupResult {
  fromVersion: number | null;
  toVersion: number;
  changes: string[];
  notices: string[];
}

/** The server functions the sidebar may call, with their argument and result types. */
export interface SidebarApi {
  apiGetOverview(): ApiResult<TrackerOverview>;
  apiRunSetup(): ApiResult<SetupResult>;
}

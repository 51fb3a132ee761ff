import type {
  BlockEditResponse,
  ClockAdvanceRequest,
  ClockResponse,
  DriveFileSummary,
  SpreadsheetReadView,
  EditResponse,
  FormSubmitRequest,
  FormSubmitResponse,
  FormSummary,
  FormView,
  MenuRunResponse,
  OpenResponse,
  OutboxMessage,
  RequestDetail,
  PeopleResponse,
  PersonSwitchResponse,
  ScriptRunResponse,
  StructureResponse,
  WorkspaceState,
} from '../api-types';
import type { Transferable } from '../transfer';

/** The workspace server's endpoints, with errors turned into messages a person can read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'The workspace server is not reachable. Is `npm start` still running?');
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // A non-JSON error page: reported by status below.
  }
  if (!response.ok) {
    const message = (body as { error?: unknown } | null)?.error;
    throw new ApiError(response.status, typeof message === 'string' ? message : `The workspace server answered HTTP ${response.status}.`);
  }
  return body as T;
}

function post<T>(path: string, body: unknown): Promise<T> {
  return request<T>(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

export const api = {
  state: () => request<WorkspaceState>('/api/state'),
  open: () => post<OpenResponse>('/api/open', {}),
  runMenuItem: (functionName: string) => post<MenuRunResponse>('/api/menu', { functionName }),
  run: (name: string, args: Transferable[]) => post<ScriptRunResponse>('/api/run', { name, args }),
  edit: (sheet: string, row: number, column: number, value: string) => post<EditResponse>('/api/edit', { sheet, row, column, value }),
  activate: (sheet: string) => post<Record<string, never>>('/api/activate', { sheet }),
  people: () => request<PeopleResponse>('/api/people'),
  switchPerson: (person: string) => post<PersonSwitchResponse>('/api/person', { person }),
  paste: (sheet: string, row: number, column: number, text: string) => post<BlockEditResponse>('/api/paste', { sheet, row, column, text }),
  clear: (sheet: string, row: number, column: number, numRows: number, numColumns: number) => post<BlockEditResponse>('/api/clear', { sheet, row, column, numRows, numColumns }),
  insertRows: (sheet: string, beforeRow: number, count: number) => post<StructureResponse>('/api/rows/insert', { sheet, beforeRow, count }),
  deleteRows: (sheet: string, row: number, count: number) => post<StructureResponse>('/api/rows/delete', { sheet, row, count }),
  renameSheet: (sheet: string, name: string) => post<StructureResponse>('/api/sheets/rename', { sheet, name }),
  mail: (index: number) => request<OutboxMessage>(`/api/outbox/${index}`),
  fetched: (index: number) => request<RequestDetail>(`/api/requests/${index}`),
  files: () => request<{ files: DriveFileSummary[] }>('/api/files'),
  openFile: (openUrl: string) => request<SpreadsheetReadView>(openUrl),
  forms: () => request<{ forms: FormSummary[] }>('/api/forms'),
  form: (id: string) => request<FormView>(`/api/forms/${encodeURIComponent(id)}`),
  submitForm: (id: string, body: FormSubmitRequest) => post<FormSubmitResponse>(`/api/forms/${encodeURIComponent(id)}/submit`, body),
  advanceClock: (body: ClockAdvanceRequest) => post<ClockResponse>('/api/clock/advance', body),
  runClockTriggers: () => post<ClockResponse>('/api/clock/run-triggers', {}),
};

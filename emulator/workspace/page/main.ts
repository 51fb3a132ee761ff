import type { ClockResponse, EditResponse, Effects, PersonView, ScriptFailure, SheetView, StructureResponse, WorkspaceState } from '../api-types';
import type { GridRect } from '../../spreadsheet/a1';
import type { ServerReply } from '../shim/protocol';
import type { Transferable } from '../transfer';
import { parseTsv } from '../tsv';
import { api, ApiError } from './api';
import { ClockControl } from './clock';
import { ContextMenu } from './context-menu';
import { byId, replaceChildren } from './dom';
import { FilesDialog } from './files';
import { FormsPanel } from './forms';
import { SheetGrid } from './grid';
import { HtmlSurfaces } from './html-surfaces';
import { MenuBar } from './menubar';
import { Notices } from './notices';
import { Outbox } from './outbox';
import { RequestsDialog } from './requests';
import { optionLabel, PersonSwitcher } from './people';
import { warningProtectionAt, warningProtectionIn } from './protections';
import { TabStrip } from './tabs';

/**
 * The workspace page: the emulated spreadsheet as a person sees it in Sheets.
 * Opening the page is opening the file (onOpen runs); everything the person does
 * goes to the server, as the person chosen under "You are:", and the page redraws
 * from the state it answers with.
 */
let state: WorkspaceState | null = null;
/** The tab on screen (may be a hidden tab the person chose to look at). */
let viewing: string | null = null;
let menusShown = '';
/** The menu item that showed the sidebar on screen: switching person reopens it as them. */
let sidebarOpener: { caption: string; functionName: string } | null = null;

const notices = new Notices(byId('toasts'), byId<HTMLDialogElement>('message-dialog'));
const busy = new (class {
  private tasks = 0;
  private readonly element = byId('busy');
  async during<T>(label: string, task: () => Promise<T>): Promise<T> {
    this.tasks++;
    replaceChildren(this.element, label);
    this.element.hidden = false;
    document.body.setAttribute('aria-busy', 'true');
    try {
      return await task();
    } finally {
      if (--this.tasks === 0) {
        this.element.hidden = true;
        replaceChildren(this.element);
        document.body.removeAttribute('aria-busy');
      }
    }
  }
})();

const contextMenu = new ContextMenu();
const grid = new SheetGrid(
  byId('grid-area'),
  {
    onSelect: ({ a1, formula, value }) => {
      replaceChildren(byId('cell-name'), a1);
      replaceChildren(byId('cell-content'), formula || value);
    },
    onCommit: (row, column, value) => commitEdit(row, column, value),
    onPaste: (row, column, text) => pasteText(row, column, text),
    onClear: (block) => clearBlock(block),
    onInsertRows: (beforeRow, count) => void insertRows(beforeRow, count),
    onDeleteRows: (row, count) => void deleteRows(row, count),
  },
  contextMenu,
);
const tabs = new TabStrip(byId('tabs'), { onSelect: (name) => selectSheet(name), onRename: (name, newName) => renameSheet(name, newName) }, contextMenu);
const personSwitcher = new PersonSwitcher(byId<HTMLSelectElement>('person-select'), byId('person-hint'), (id) => void switchPerson(id));
const menuBar = new MenuBar(byId('menubar'), (choice) => void runMenuItem(choice.caption, choice.functionName));
const surfaces = new HtmlSurfaces(
  { container: byId('sidebar-panel'), title: byId('sidebar-title'), closeButton: byId<HTMLButtonElement>('sidebar-close'), frame: byId<HTMLIFrameElement>('sidebar-frame') },
  {
    container: byId<HTMLDialogElement>('html-dialog'),
    title: byId('html-dialog-title'),
    closeButton: byId<HTMLButtonElement>('html-dialog-close'),
    frame: byId<HTMLIFrameElement>('html-dialog-frame'),
  },
  { run: runFromFrame, focusEditor: () => grid.focus() },
);
const outbox = new Outbox(byId<HTMLButtonElement>('outbox-button'), byId<HTMLDialogElement>('outbox-dialog'), api.mail, (message) => void showError('Could not load the message', message));
const requests = new RequestsDialog(byId<HTMLButtonElement>('requests-button'), byId<HTMLDialogElement>('requests-dialog'), api.fetched, (message) => void showError('Could not load the request', message));
const files = new FilesDialog(byId<HTMLButtonElement>('files-button'), byId<HTMLDialogElement>('files-dialog'));
const clock = new ClockControl(byId<HTMLButtonElement>('clock-button'), byId<HTMLDialogElement>('clock-dialog'), {
  advance: (request, label) => clockAction(`Advancing time ${label}…`, () => api.advanceClock(request)),
  runTriggersNow: () => clockAction('Running the time-driven trigger…', () => api.runClockTriggers()),
});

/** A clock action: the grid redraws from the state it answers with (the triggers may have written anything). */
async function clockAction(label: string, call: () => Promise<ClockResponse>): Promise<ClockResponse | null> {
  return busy.during(label, async () => {
    try {
      const reply = await call();
      apply(reply.state);
      showEffects(reply.effects);
      return reply;
    } catch (e) {
      void showError('The clock did not move', errorMessage(e));
      return null;
    }
  });
}
const forms = new FormsPanel(byId<HTMLButtonElement>('forms-button'), byId('forms-panel'), {
  loadForm: api.form,
  submit: (id, request) => busy.during('Submitting the form…', () => api.submitForm(id, request)),
  afterSubmit: async (result) => {
    // The person watches the response row, and whatever the add-on's trigger wrote, arrive.
    await refresh();
    showEffects(result.effects);
  },
  showSheet: (name) => selectSheet(name),
  onError: (title, message) => void showError(title, message),
});

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function showError(title: string, message: string): Promise<number> {
  return notices.show({ title, message, tone: 'error' });
}

function failureText(error: ScriptFailure): string {
  return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
}

function currentSheet(): SheetView | null {
  return state?.sheets.find((s) => s.name === viewing) ?? null;
}

function apply(next: WorkspaceState): void {
  state = next;
  if (!viewing || !next.sheets.some((s) => s.name === viewing)) viewing = next.activeSheet;
  render();
}

function render(): void {
  if (!state) return;
  replaceChildren(byId('spreadsheet-name'), state.spreadsheetName);
  document.title = `${state.spreadsheetName} · Partnership Tracker workspace`;
  // Redrawing the menu bar would close a menu the person has open: only when the menus changed.
  const menus = JSON.stringify(state.menus);
  if (menus !== menusShown) {
    menuBar.update(state.menus);
    menusShown = menus;
  }
  const saveError = byId('save-error');
  replaceChildren(saveError, state.saveError ? `Not saved: ${state.saveError}. Your changes are kept while the workspace runs.` : '');
  saveError.hidden = !state.saveError;
  personSwitcher.update(state.people ?? [], state.person);
  tabs.render(state.sheets, viewing ?? '', 'grid-area');
  const sheet = currentSheet();
  if (sheet) grid.render(sheet, state.styles, state.rowLimit);
  outbox.update(state.outbox);
  requests.update(state.requests ?? []);
  forms.update(state.forms);
  files.update(state.files ?? []);
  clock.update(state.clock);
}

async function refresh(): Promise<void> {
  try {
    apply(await api.state());
  } catch (e) {
    void showError('Could not refresh the spreadsheet', errorMessage(e));
  }
}

/** Shows what the script did for the person to see; dialogs queue and are dismissed by the person. */
function showEffects(effects: Effects): void {
  if (effects.sidebar) surfaces.showSidebar(effects.sidebar);
  if (effects.dialog) surfaces.showDialog(effects.dialog);
  for (const toast of effects.toasts) notices.toast(toast);
  for (const alert of effects.alerts) void notices.alert(alert);
}

function selectSheet(name: string): void {
  if (!state || name === viewing) return;
  viewing = name;
  render();
  api.activate(name).catch((e: unknown) => void showError('Could not switch tabs', errorMessage(e)));
}

async function runMenuItem(caption: string, functionName: string): Promise<void> {
  await busy.during(`Running script: ${caption}…`, () => runMenuItemNow(caption, functionName));
}

async function runMenuItemNow(caption: string, functionName: string): Promise<void> {
  try {
    const result = await api.runMenuItem(functionName);
    await refresh();
    if (result.effects.sidebar) sidebarOpener = { caption, functionName };
    showEffects(result.effects);
    if (result.unavailable) void notices.show({ title: 'Add-ons are not available', message: result.unavailable, tone: 'info', note: `“${caption}” did not run.` });
    if (!result.ok && result.error) void showError(`“${caption}” failed`, failureText(result.error));
  } catch (e) {
    void showError(`Could not run “${caption}”`, errorMessage(e));
  }
}

function currentPerson(): PersonView | null {
  return state?.people?.find((p) => p.id === state?.person) ?? null;
}

/**
 * Someone else sits down at the page: the file is opened as them (onOpen), the old
 * person's dialog goes, and an open sidebar is reopened as them (closed for an
 * anonymous editor: add-ons do not run for them).
 */
async function switchPerson(id: string): Promise<void> {
  if (!state || id === state.person) return;
  const chosen = state.people.find((p) => p.id === id);
  const reopen = surfaces.sidebarOpen ? sidebarOpener : null;
  personSwitcher.disabled = true;
  try {
    await busy.during(`Opening the spreadsheet as ${chosen ? optionLabel(chosen) : id}…`, async () => {
      try {
        const result = await api.switchPerson(id);
        if (surfaces.sidebarOpen) surfaces.closeSidebar(false);
        surfaces.closeDialog();
        sidebarOpener = null;
        apply(result.state);
        showEffects(result.effects);
        if (result.error) void showError('onOpen failed', failureText(result.error));
        if (reopen && currentPerson()?.canRunAddOn) await runMenuItemNow(reopen.caption, reopen.functionName);
        else if (reopen) void notices.show({ title: 'The sidebar was closed', message: result.unavailable ?? 'Add-ons do not run for this person.', tone: 'info' });
      } catch (e) {
        if (state) personSwitcher.reset(state.person);
        void showError('Could not switch person', errorMessage(e));
      }
    });
  } finally {
    personSwitcher.disabled = false;
  }
}

/** google.script.run from the sidebar or a dialog. Never rejects: transport failures become the call's failure, as Google reports them. */
async function runFromFrame(name: string, args: Transferable[]): Promise<ServerReply> {
  try {
    const result = await api.run(name, args);
    await refresh();
    showEffects(result.effects);
    return result.reply;
  } catch (e) {
    const message = e instanceof ApiError && e.status > 0 ? `Connection failure due to HTTP ${e.status}: ${e.message}` : errorMessage(e);
    return { ok: false, error: { name: 'NetworkError', message } };
  }
}

async function commitEdit(row: number, column: number, value: string): Promise<boolean> {
  const sheet = currentSheet();
  if (!sheet) return false;
  if (warningProtectionAt(sheet, row, column) && !(await headsUp())) {
    render();
    return false;
  }
  try {
    const result = await api.edit(sheet.name, row, column, value);
    await refresh();
    showEffects(result.effects);
    if (!result.accepted) {
      await notices.show({ title: 'There was a problem', message: result.reason ?? 'Sheets refused the edit.', tone: 'error', note: `“${value}” was not entered.` });
      return false;
    }
    if (result.error) void showError('An edit trigger failed', `${failureText(result.error)}\n\nThe edit itself was saved.`);
    return true;
  } catch (e) {
    await showError('Could not edit the cell', errorMessage(e));
    render();
    return false;
  }
}

/** "Heads up!": Sheets asks before a person changes cells under a warning-only protection. Resolves true to go ahead. */
async function headsUp(): Promise<boolean> {
  const choice = await notices.show({
    title: 'Heads up!',
    message: "You're trying to edit part of this sheet that shouldn't be changed accidentally. Edit anyway?",
    tone: 'info',
    buttons: ['OK', 'Cancel'],
  });
  return choice === 0;
}

/**
 * After an edit or a structural change: the page redraws, shows what the add-on did
 * (toasts, alerts, a sidebar), and Sheets' refusal when there was one. Resolves true
 * when Sheets accepted the change.
 */
async function settle(result: EditResponse | StructureResponse, notDone: string): Promise<boolean> {
  await refresh();
  showEffects(result.effects);
  if (!result.accepted) {
    await notices.show({ title: 'There was a problem', message: result.reason ?? 'Sheets refused the change.', tone: 'error', note: notDone });
    return false;
  }
  if ('error' in result && result.error) void showError('The emulator failed after the change', `${failureText(result.error)}\n\nThe change itself was made.`);
  return true;
}

async function pasteText(row: number, column: number, text: string): Promise<GridRect | null> {
  const sheet = currentSheet();
  if (!sheet) return null;
  const values = parseTsv(text);
  const block: GridRect = { row, column, numRows: values.length, numColumns: values[0].length };
  if (warningProtectionIn(sheet, block) && !(await headsUp())) return null;
  try {
    const result = await api.paste(sheet.name, row, column, text);
    return (await settle(result, 'Nothing was pasted.')) ? block : null;
  } catch (e) {
    await showError('Could not paste', errorMessage(e));
    return null;
  }
}

async function clearBlock(block: GridRect): Promise<boolean> {
  const sheet = currentSheet();
  if (!sheet) return false;
  if (warningProtectionIn(sheet, block) && !(await headsUp())) return false;
  try {
    const result = await api.clear(sheet.name, block.row, block.column, block.numRows, block.numColumns);
    return await settle(result, 'Nothing was cleared.');
  } catch (e) {
    await showError('Could not clear the cells', errorMessage(e));
    return false;
  }
}

function rowsText(row: number, count: number): string {
  return count === 1 ? `row ${row}` : `rows ${row} - ${row + count - 1}`;
}

async function insertRows(beforeRow: number, count: number): Promise<void> {
  const sheet = currentSheet();
  if (!sheet) return;
  await busy.during(`Inserting ${count === 1 ? 'a row' : `${count} rows`}…`, async () => {
    try {
      await settle(await api.insertRows(sheet.name, beforeRow, count), 'No rows were inserted.');
    } catch (e) {
      await showError('Could not insert rows', errorMessage(e));
    }
  });
  grid.focus();
}

async function deleteRows(row: number, count: number): Promise<void> {
  const sheet = currentSheet();
  if (!sheet) return;
  const rows: GridRect = { row, column: 1, numRows: count, numColumns: sheet.maxColumns };
  if (warningProtectionIn(sheet, rows) && !(await headsUp())) return;
  await busy.during(`Deleting ${rowsText(row, count)}…`, async () => {
    try {
      await settle(await api.deleteRows(sheet.name, row, count), `${rowsText(row, count).replace(/^r/, 'R')} ${count === 1 ? 'was' : 'were'} not deleted.`);
    } catch (e) {
      await showError('Could not delete rows', errorMessage(e));
    }
  });
  grid.focus();
}

async function renameSheet(name: string, newName: string): Promise<boolean> {
  const sheet = state?.sheets.find((s) => s.name === name);
  if (!sheet) return false;
  if (sheet.warningProtections.some((p) => p.rect === null) && !(await headsUp())) return false;
  try {
    const result = await api.renameSheet(name, newName);
    if (result.accepted) {
      if (viewing === name) viewing = newName;
      grid.sheetRenamed(name, newName);
    }
    return await settle(result, `The tab is still called “${name}”.`);
  } catch (e) {
    await showError('Could not rename the tab', errorMessage(e));
    return false;
  }
}

async function boot(): Promise<void> {
  await busy.during('Opening the spreadsheet…', async () => {
    try {
      const opened = await api.open();
      apply(opened.state);
      showEffects(opened.effects);
      if (opened.error) void showError('onOpen failed', failureText(opened.error));
    } catch (e) {
      void showError('Could not open the spreadsheet', errorMessage(e));
    }
  });
}

void boot();

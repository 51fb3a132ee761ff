import type { Effects, ScriptFailure, SheetView, WorkspaceState } from '../api-types';
import type { ServerReply } from '../shim/protocol';
import type { Transferable } from '../transfer';
import { api, ApiError } from './api';
import { byId, replaceChildren } from './dom';
import { FilesDialog } from './files';
import { FormsPanel } from './forms';
import { SheetGrid } from './grid';
import { HtmlSurfaces } from './html-surfaces';
import { MenuBar } from './menubar';
import { Notices } from './notices';
import { Outbox } from './outbox';
import { warningProtectionAt } from './protections';
import { TabStrip } from './tabs';

/**
 * The workspace page: the emulated spreadsheet as a person sees it in Sheets.
 * Opening the page is opening the file (onOpen runs); everything the person does
 * goes to the server, and the page redraws from the state it answers with.
 */
let state: WorkspaceState | null = null;
/** The tab on screen (may be a hidden tab the person chose to look at). */
let viewing: string | null = null;
let menusShown = '';

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

const grid = new SheetGrid(byId('grid-area'), {
  onSelect: ({ a1, formula, value }) => {
    replaceChildren(byId('cell-name'), a1);
    replaceChildren(byId('cell-content'), formula || value);
  },
  onCommit: (row, column, value) => commitEdit(row, column, value),
});
const tabs = new TabStrip(byId('tabs'), (name) => selectSheet(name));
const menuBar = new MenuBar(byId('menubar'), (choice) => void runMenuItem(choice.caption, choice.functionName));
const surfaces = new HtmlSurfaces(
  { container: byId('sidebar-panel'), title: byId('sidebar-title'), closeButton: byId<HTMLButtonElement>('sidebar-close'), frame: byId<HTMLIFrameElement>('sidebar-frame') },
  { container: byId<HTMLDialogElement>('html-dialog'), title: byId('html-dialog-title'), closeButton: byId<HTMLButtonElement>('html-dialog-close'), frame: byId<HTMLIFrameElement>('html-dialog-frame') },
  { run: runFromFrame, focusEditor: () => grid.focus() },
);
const outbox = new Outbox(byId<HTMLButtonElement>('outbox-button'), byId<HTMLDialogElement>('outbox-dialog'), api.mail, (message) => void showError('Could not load the message', message));
const files = new FilesDialog(byId<HTMLButtonElement>('files-button'), byId<HTMLDialogElement>('files-dialog'));
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
  tabs.render(state.sheets, viewing ?? '', 'grid-area');
  const sheet = currentSheet();
  if (sheet) grid.render(sheet, state.styles, state.rowLimit);
  outbox.update(state.outbox);
  forms.update(state.forms);
  files.update(state.files ?? []);
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
  await busy.during(`Running script: ${caption}…`, async () => {
    try {
      const result = await api.runMenuItem(functionName);
      await refresh();
      showEffects(result.effects);
      if (!result.ok && result.error) void showError(`“${caption}” failed`, failureText(result.error));
    } catch (e) {
      void showError(`Could not run “${caption}”`, errorMessage(e));
    }
  });
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
  if (warningProtectionAt(sheet, row, column)) {
    const choice = await notices.show({
      title: 'Heads up!',
      message: "You're trying to edit part of this sheet that shouldn't be changed accidentally. Edit anyway?",
      tone: 'info',
      buttons: ['OK', 'Cancel'],
    });
    if (choice !== 0) {
      render();
      return false;
    }
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

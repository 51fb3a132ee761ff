import { IMPORT_FIELDS, ImportKind } from '../../src/domain/import/fields';
import { ColumnMapping, mappedRows, mappingProblems, suggestMapping, unmappedColumns } from '../../src/domain/import/mapping';
import type { ImportOutcome, PlannedRow } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { plural } from '../format';
import { SourceTable, parseCsv, readFile } from '../import-source';
import { callServer } from '../server';
import { banner, loading, messageOf, setBusy } from '../ui/feedback';
import { setSelectOptions } from '../ui/form';
import { renderOutcome } from './import-results';

/**
 * Import: partners, leads or commission rules from a CSV file, a tab of this spreadsheet or a
 * tab of another one. The columns are mapped to the tracker's fields (suggested from the
 * headers, a select per field), the preview says what each row will do and why a row is
 * skipped, and Import sends the rows in batches of 500, each one write the server can retry.
 * Reached from the Partners and Leads views (no navigation button: app.go('import')).
 */
const KINDS: Array<[ImportKind, string]> = [
  ['partners', 'Partners'],
  ['leads', 'Leads (with their history)'],
  ['rules', 'Commission rules'],
];
const BATCH = 500;
const PREVIEW_CHUNK = 10000;
type Line = { line: number; values: Record<string, string> };

export function createImportView(app: App): View {
  const headingId = uid('import-title');
  const field = (label: string, control: HTMLElement, hint?: string) => {
    const id = control.id || uid('import-field');
    control.id = id;
    return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('p', { class: 'hint' }, hint) : null);
  };
  const kind = h('select', { name: 'kind' });
  setSelectOptions(kind, KINDS);
  const from = h('select', { name: 'from' });
  setSelectOptions(from, [
    ['file', 'A CSV file'],
    ['this', 'A tab of this spreadsheet'],
    ['other', 'A tab of another spreadsheet'],
  ]);
  const file = h('input', { type: 'file', accept: '.csv,text/csv,text/plain', name: 'file' });
  const url = h('input', { type: 'url', name: 'url', placeholder: 'https://docs.google.com/spreadsheets/d/…', inputmode: 'url' });
  const showTabs = h('button', { type: 'button', class: 'secondary small' }, 'Show tabs');
  const tab = h('select', { name: 'tab' });
  const readTab = h('button', { type: 'button', class: 'secondary small' }, 'Read tab');
  const fileArea = field('CSV file', file, 'The first row holds the column names.');
  const urlArea = h('div', { hidden: true }, field('Spreadsheet address', url, 'You must be able to open it yourself.'));
  const tabArea = h('div', { hidden: true }, h('div', { class: 'actions' }, showTabs), h('div', { hidden: true, class: 'tab-pick' }, field('Tab', tab), h('div', { class: 'actions' }, readTab)));
  const sourceStatus = h('div');

  const mappingList = h('div', { class: 'import-mapping' });
  const unmapped = h('p', { class: 'muted hint' });
  const commissions = h('select', { name: 'commissions' });
  setSelectOptions(commissions, [
    ['none', 'None: the deals only'],
    ['Paid', 'Lines marked imported, Paid (history)'],
    ['Approved', 'Lines marked imported, Approved (to pay)'],
    ['Pending', 'Lines marked imported, Pending'],
  ]);
  const commissionsArea = field('Commission lines for won deals', commissions, 'By the rules in force on each close date. Only the tracker’s owner can write them.');
  const preview = h('button', { type: 'button' }, 'Preview');
  const mappingProblem = h('div');
  const mappingArea = h(
    'div',
    { hidden: true },
    h('h2', null, 'Columns'),
    h('p', { class: 'muted count', role: 'status' }),
    mappingList,
    unmapped,
    commissionsArea,
    mappingProblem,
    h('div', { class: 'actions' }, preview),
  );
  const results = h('div', { class: 'import-results' });
  const importButton = h('button', { type: 'button', hidden: true }, 'Import');
  const progress = h('p', { class: 'muted', role: 'status' });
  const done = h('div');

  const el = h(
    'section',
    { class: 'view import-view', 'aria-labelledby': headingId },
    h('div', { class: 'view-head' }, h('h1', { id: headingId, tabindex: -1 }, 'Import')),
    h(
      'p',
      { class: 'muted' },
      'Bring partners, leads or commission rules in from a CSV file or a spreadsheet tab. Nothing is written until you press Import; importing the same rows again changes nothing.',
    ),
    field('What to import', kind),
    field('From', from),
    fileArea,
    urlArea,
    tabArea,
    sourceStatus,
    mappingArea,
    results,
    h('div', { class: 'actions' }, importButton),
    progress,
    done,
  );

  let table: SourceTable | null = null;
  let mapping: ColumnMapping = {};
  let planned: PlannedRow[] | null = null;
  let busy = false;

  const currentKind = () => kind.value as ImportKind;
  const invalidate = () => {
    planned = null;
    importButton.hidden = true;
    fill(results);
    fill(done);
    progress.textContent = '';
  };

  function showSourceInputs(): void {
    fileArea.hidden = from.value !== 'file';
    urlArea.hidden = from.value !== 'other';
    tabArea.hidden = from.value === 'file';
    (tabArea.querySelector('.tab-pick') as HTMLElement).hidden = true;
  }

  function useTable(next: SourceTable): void {
    table = next;
    mapping = suggestMapping(currentKind(), next.headers);
    renderMapping();
    mappingArea.hidden = false;
    const warn = next.warnings.length
      ? banner(
          'warn',
          h('p', null, 'Some lines were not clean CSV; they are kept as read:'),
          h(
            'ul',
            null,
            next.warnings.map((w) => h('li', null, w)),
          ),
        )
      : null;
    fill(sourceStatus, warn);
    invalidate();
  }

  function renderMapping(): void {
    if (!table) return;
    const headers = table.headers;
    (mappingArea.querySelector('.count') as HTMLElement).textContent = `${plural(table.rows.length, 'row')} from ${table.label}. Choose the column for each field:`;
    const options: Array<[string, string]> = [['', '— not imported —'], ...headers.map((hd, i): [string, string] => [String(i), hd || `Column ${i + 1}`])];
    fill(
      mappingList,
      IMPORT_FIELDS[currentKind()].map((f) => {
        const select = h('select', { 'data-field': f.key });
        setSelectOptions(select, options);
        select.value = mapping[f.key] === null || mapping[f.key] === undefined ? '' : String(mapping[f.key]);
        select.addEventListener('change', () => {
          mapping[f.key] = select.value === '' ? null : Number(select.value);
          showUnmapped();
          invalidate();
        });
        return field(f.required ? `${f.label} (required)` : f.label, select);
      }),
    );
    commissionsArea.hidden = currentKind() !== 'leads';
    showUnmapped();
  }

  function showUnmapped(): void {
    if (!table) return;
    const left = unmappedColumns(table.headers, mapping).map((i) => table!.headers[i] || `Column ${i + 1}`);
    unmapped.textContent = left.length ? `Not imported: ${left.join(', ')}.` : 'Every column is imported.';
  }

  function lines(): Line[] {
    if (!table) return [];
    return mappedRows(currentKind(), table.rows, mapping).map((values, i) => ({ line: i + 2, values }));
  }

  type Commissions = 'none' | 'Paid' | 'Approved' | 'Pending';
  const base = (batch: Line[]) => ({ source: table?.label ?? 'a file', lines: batch });
  const forLeads = (batch: Line[]) => ({ ...base(batch), kind: 'leads' as const, commissions: commissions.value as Commissions });
  const forOthers = (batch: Line[]) => ({ ...base(batch), kind: currentKind() as 'partners' | 'rules', commissions: 'none' as const });
  const previewCall = (batch: Line[]) => (currentKind() === 'leads' ? callServer('apiPreviewLeadImport', forLeads(batch)) : callServer('apiPreviewImport', forOthers(batch)));
  const importCall = (batch: Line[]) => (currentKind() === 'leads' ? callServer('apiImportLeadBatch', forLeads(batch)) : callServer('apiImportBatch', forOthers(batch)));

  async function runPreview(): Promise<void> {
    if (busy || !table) return;
    const problems = mappingProblems(currentKind(), table.headers, mapping);
    if (problems.length) {
      fill(
        mappingProblem,
        banner(
          'error',
          h('p', null, 'The columns need attention:'),
          h(
            'ul',
            null,
            problems.map((p) => h('li', null, p)),
          ),
        ),
      );
      (mappingProblem.firstElementChild as HTMLElement).focus();
      return;
    }
    fill(mappingProblem);
    invalidate();
    const all = lines();
    if (all.length === 0) {
      fill(results, banner('warn', h('p', null, 'The source has a header row but no rows to import.')));
      return;
    }
    busy = true;
    setBusy(preview, 'Checking…');
    fill(results, loading(`Checking ${plural(all.length, 'row')}…`));
    try {
      const outcomes: ImportOutcome[] = [];
      for (let i = 0; i < all.length; i += PREVIEW_CHUNK) outcomes.push(await previewCall(all.slice(i, i + PREVIEW_CHUNK)));
      planned = outcomes.flatMap((o) => o.rows);
      fill(
        results,
        renderOutcome(
          'Preview',
          planned,
          outcomes.reduce((n, o) => n + o.commissionLines, 0),
          table,
          'will',
        ),
      );
      const writes = planned.filter((r) => r.action === 'create' || r.action === 'update').length;
      importButton.hidden = writes === 0;
      importButton.textContent = `Import ${plural(writes, 'row')}`;
      app.announce(`Preview ready: ${plural(writes, 'row')} to write.`);
      (results.querySelector('h2') as HTMLElement | null)?.focus();
    } catch (e) {
      fill(results, banner('error', h('p', null, `The preview failed: ${messageOf(e)}`)));
      (results.firstElementChild as HTMLElement).focus();
    } finally {
      busy = false;
      setBusy(preview, null);
    }
  }

  async function runImport(fromBatch = 0, earlier: ImportOutcome[] = []): Promise<void> {
    if (busy || !table || !planned) return;
    const all = lines();
    const total = Math.ceil(all.length / BATCH);
    busy = true;
    setBusy(importButton, 'Importing…');
    fill(done);
    const outcomes = [...earlier];
    let failed: unknown = null;
    let at = fromBatch;
    for (; at < total; at++) {
      progress.textContent = `Importing batch ${at + 1} of ${total} (${plural(Math.min(all.length, (at + 1) * BATCH), 'row')} of ${all.length})…`;
      try {
        // The same batch sent again carries the same request ID: a retry after an error is answered, not repeated.
        outcomes.push(await importCall(all.slice(at * BATCH, (at + 1) * BATCH)));
      } catch (e) {
        failed = e;
        break;
      }
    }
    busy = false;
    setBusy(importButton, null);
    const rows = outcomes.flatMap((o) => o.rows);
    if (failed) {
      const again = h('button', { type: 'button' }, `Continue from batch ${at + 1}`);
      const stopAt = at;
      again.addEventListener('click', () => void runImport(stopAt, outcomes));
      progress.textContent = '';
      fill(
        done,
        banner(
          'error',
          h('p', null, `Batch ${at + 1} of ${total} failed: ${messageOf(failed)}`),
          h('p', null, `${plural(rows.length, 'row')} before it are done. Continuing sends the same batch again; rows it already wrote are not written twice.`),
          h('div', { class: 'actions' }, again),
        ),
        rows.length
          ? renderOutcome(
              'Imported so far',
              rows,
              outcomes.reduce((n, o) => n + o.commissionLines, 0),
              table,
              'did',
            )
          : null,
      );
      (done.firstElementChild as HTMLElement).focus();
      return;
    }
    importButton.hidden = true;
    progress.textContent = '';
    // What was done replaces what would be done.
    fill(results);
    planned = null;
    app.invalidateOptions();
    fill(
      done,
      renderOutcome(
        'Imported',
        rows,
        outcomes.reduce((n, o) => n + o.commissionLines, 0),
        table,
        'did',
      ),
    );
    app.announce('Import finished.');
    (done.querySelector('h2') as HTMLElement | null)?.focus();
  }

  kind.addEventListener('change', () => {
    if (table) useTable(table);
  });
  from.addEventListener('change', () => {
    showSourceInputs();
    fill(sourceStatus);
  });
  file.addEventListener('change', () => {
    const picked = file.files?.[0];
    if (!picked) return;
    fill(sourceStatus, loading(`Reading ${picked.name}…`));
    readFile(picked).then(
      (text) => useTable(parseCsv(text, picked.name)),
      (e: unknown) => fill(sourceStatus, banner('error', h('p', null, messageOf(e)))),
    );
  });
  showTabs.addEventListener('click', () => {
    if (busy) return;
    setBusy(showTabs, 'Looking…');
    callServer('apiListImportTabs', from.value === 'other' ? url.value : '')
      .then((found) => {
        fill(sourceStatus, found.tabs.length ? null : banner('warn', h('p', null, `${found.spreadsheet} has no tab to import from.`)));
        setSelectOptions(
          tab,
          found.tabs.map((t) => [t.name, `${t.name} (${plural(t.rows, 'row')})`]),
        );
        (tabArea.querySelector('.tab-pick') as HTMLElement).hidden = found.tabs.length === 0;
        if (found.tabs.length) tab.focus();
      })
      .catch((e: unknown) => fill(sourceStatus, banner('error', h('p', null, messageOf(e)))))
      .finally(() => setBusy(showTabs, null));
  });
  readTab.addEventListener('click', () => {
    if (busy || !tab.value) return;
    setBusy(readTab, 'Reading…');
    const address = from.value === 'other' ? url.value : '';
    callServer('apiReadImportTab', address, tab.value)
      .then((read) => useTable({ label: `tab ${read.tab} of ${read.spreadsheet}`, headers: read.headers, rows: read.rows, warnings: [] }))
      .catch((e: unknown) => fill(sourceStatus, banner('error', h('p', null, messageOf(e)))))
      .finally(() => setBusy(readTab, null));
  });
  commissions.addEventListener('change', invalidate);
  preview.addEventListener('click', () => void runPreview());
  importButton.addEventListener('click', () => void runImport());
  showSourceInputs();

  return {
    el,
    show() {
      // Nothing to refresh: a half-done import stays as it was.
    },
  };
}

import type { PlannedRow } from '../../src/sidebar-api/contract';
import { h } from '../dom';
import { plural } from '../format';
import { SourceTable, csvOf } from '../import-source';

/**
 * What an import will do (the preview) or did: the counts, then the rows a person should look
 * at — every skipped row with its reasons first, then changes and notes — and the skipped rows
 * as a CSV file to fix and import again. Nothing is dropped without its reason.
 */
const SHOWN = 200;
const VERB: Record<'will' | 'did', Record<PlannedRow['action'], string>> = {
  will: { create: 'Create', update: 'Update', unchanged: 'Unchanged', skip: 'Skip' },
  did: { create: 'Created', update: 'Updated', unchanged: 'Unchanged', skip: 'Skipped' },
};
const ORDER: Record<PlannedRow['action'], number> = { skip: 0, update: 1, create: 2, unchanged: 3 };

export function renderOutcome(title: string, rows: readonly PlannedRow[], commissionLines: number, table: SourceTable | null, tense: 'will' | 'did'): HTMLElement {
  const count = { create: 0, update: 0, unchanged: 0, skip: 0 };
  for (const r of rows) count[r.action]++;
  const verbs = VERB[tense];
  const summary = [
    `${plural(count.create, 'row')} ${tense === 'will' ? 'to create' : 'created'}`,
    `${count.update} ${tense === 'will' ? 'to update' : 'updated'}`,
    `${count.unchanged} unchanged`,
    `${count.skip} skipped`,
  ].join(', ');
  const notable = rows.filter((r) => r.action !== 'unchanged' || r.notes.length).sort((a, b) => ORDER[a.action] - ORDER[b.action] || a.line - b.line);
  const list = h(
    'ul',
    { class: 'import-rows' },
    notable.slice(0, SHOWN).map((r) =>
      h(
        'li',
        { class: `import-row a-${r.action}` },
        h(
          'p',
          { class: 'import-row-head' },
          h('span', { class: `chip a-${r.action}` }, verbs[r.action]),
          ` Line ${r.line}: `,
          r.label,
          r.recordId && r.action !== 'skip' ? h('span', { class: 'muted' }, ` (${r.recordId})`) : null,
        ),
        r.problems.length || r.notes.length || r.changes.length
          ? h(
              'ul',
              null,
              r.problems.map((p) => h('li', { class: 'field-error' }, p)),
              r.changes.map((c) => h('li', null, `${c.field}: ${c.from || '(blank)'} → ${c.to || '(blank)'}`)),
              r.notes.map((n) => h('li', { class: 'muted' }, n)),
            )
          : null,
      ),
    ),
  );
  const more = notable.length > SHOWN ? h('p', { class: 'muted' }, `…and ${notable.length - SHOWN} more rows${count.skip ? ' (every skipped row is in the file below)' : ''}.`) : null;
  return h(
    'div',
    { class: 'import-outcome' },
    h('h2', { tabindex: -1 }, title),
    h('p', { role: 'status' }, `${summary}.`, commissionLines ? ` ${plural(commissionLines, 'commission line')} marked imported.` : ''),
    count.skip ? skippedFile(rows, table) : null,
    list,
    more,
  );
}

/** The skipped rows as they were read, with a last column saying why: to fix and import again. */
function skippedFile(rows: readonly PlannedRow[], table: SourceTable | null): HTMLElement | null {
  if (!table) return null;
  const skipped = rows.filter((r) => r.action === 'skip');
  const csv = csvOf(
    [...table.headers, 'Why skipped'],
    skipped.map((r) => [...(table.rows[r.line - 2] ?? []), r.problems.join(' ')]),
  );
  const href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  return h('p', null, h('a', { href, download: 'skipped-rows.csv', class: 'skipped-file' }, `Download the ${plural(skipped.length, 'skipped row')} with the reasons (CSV)`));
}

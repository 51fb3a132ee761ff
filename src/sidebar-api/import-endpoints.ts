import * as z from 'zod/mini';
import { lazy } from '../domain/lazy';
import { planLeadImport } from '../import/import-leads';
import { planPartnerImport } from '../import/import-partners';
import { planRuleImport } from '../import/import-rules';
import { ImportOutcome, ImportRequest, Planned, importBatch, previewImport } from '../import/run-import';
import { TrackerContext } from '../tracker/context';
import { SourceRows, SourceTabs, listSourceTabs, readSourceTab } from '../import/source';
import { trackerContext } from '../tracker/context';
import { endpoint, writeEndpoint } from './endpoint';

/**
 * The sidebar's Import view: the tabs it can read (this spreadsheet's or another's), a tab's
 * rows, the preview of an import (reads only), and one batch of it (a write, retried by its
 * request ID; a batch that died half way is planned again and finds what it wrote).
 */
const SOURCE = 'sidebar';
/** A preview looks at a whole file at once; a batch writes this many rows at most (the sidebar sends 500). */
export const PREVIEW_ROWS = 10000;
export const BATCH_ROWS = 1000;

const URL_ARG = /* @__PURE__ */ lazy(() => z.string().check(z.trim(), z.maxLength(500, { error: "The address is too long: paste the spreadsheet's address from the browser" })));

const request = <K extends 'partners' | 'rules' | 'leads'>(kinds: readonly [K, ...K[]], maxRows: number) =>
  z.object({
    kind: z.enum(kinds, { error: `This call imports ${kinds.join(' or ')}` }),
    source: z.string().check(z.trim(), z.minLength(1, { error: 'Say where the rows come from' }), z.maxLength(300)),
    lines: z
      .array(
        z.object({
          line: z.number().check(z.int(), z.gte(2)),
          values: z.record(z.string(), z.string().check(z.maxLength(5000, { error: 'A cell holds at most 5,000 characters in an import' }))),
        }),
      )
      .check(z.minLength(1, { error: 'There are no rows to import' }), z.maxLength(maxRows, { error: `At most ${maxRows} rows at a time` })),
    commissions: z.enum(['none', 'Paid', 'Approved', 'Pending'], { error: 'Choose what to do about commission lines for won deals' }),
  });

export const apiListImportTabs = /* @__PURE__ */ endpoint(
  () => z.tuple([URL_ARG]),
  (url): SourceTabs => listSourceTabs(trackerContext(SOURCE), url),
);

export const apiReadImportTab = /* @__PURE__ */ endpoint(
  () => z.tuple([URL_ARG, z.string().check(z.minLength(1, { error: 'Choose a tab' }), z.maxLength(200))]),
  (url, tab): SourceRows => readSourceTab(trackerContext(SOURCE), url, tab),
);

/** Partners and commission rules (the lead import, with matching and commissions, loads in its own group). */
const planOther = (ctx: TrackerContext, input: ImportRequest): Planned => (input.kind === 'rules' ? planRuleImport(ctx, input) : planPartnerImport(ctx, input));

export const apiPreviewImport = /* @__PURE__ */ endpoint(
  () => z.tuple([request(['partners', 'rules'], PREVIEW_ROWS)]),
  (input): ImportOutcome => previewImport(trackerContext(SOURCE), input, planOther),
);

export const apiImportBatch = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([request(['partners', 'rules'], BATCH_ROWS)]),
  (input): ImportOutcome => importBatch(trackerContext(SOURCE), input, planOther),
);

export const apiPreviewLeadImport = /* @__PURE__ */ endpoint(
  () => z.tuple([request(['leads'], PREVIEW_ROWS)]),
  (input): ImportOutcome => previewImport(trackerContext(SOURCE), input, planLeadImport),
);

export const apiImportLeadBatch = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([request(['leads'], BATCH_ROWS)]),
  (input): ImportOutcome => importBatch(trackerContext(SOURCE), input, planLeadImport),
);

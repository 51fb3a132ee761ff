import * as z from 'zod/mini';
import { lazy } from '../domain/lazy';
import { RESULT_FILE_MAX, exportPayoutFiles, importPayoutResults } from '../payouts/payout-files';
import { resolvePeriod } from '../payouts/periods';
import { trackerContext } from '../tracker/context';
import { requireRole } from '../team/access';
import { PayoutFilesView, PayoutResultsView } from './contract';
import { writeEndpoint } from './endpoint';

/** The Payouts view's payout files (Finance): the per-method export and a provider's result file read back. */
const SOURCE = 'sidebar';
// null (google.script.run's undefined) or left out: the previous period.
const PERIOD_START = /* @__PURE__ */ lazy(() => z.nullish(z.string().check(z.trim(), z.maxLength(10))));
const CHOSEN = /* @__PURE__ */ lazy(() =>
  z.nullable(z.array(z.string().check(z.regex(/^PO-\d{6,}$/, { error: 'Payout IDs look like PO-000001' }))).check(z.minLength(1, { error: 'Choose at least one payout' }), z.maxLength(20000))),
);

export const apiExportPayoutFiles = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([PERIOD_START, CHOSEN]),
  (start, chosen): PayoutFilesView => {
    const ctx = trackerContext(SOURCE);
    requireRole(ctx, 'exportPayouts');
    const { period } = resolvePeriod(ctx, start ?? undefined);
    const out = exportPayoutFiles(ctx, period, chosen);
    return { files: out.files.map(({ totalCents, ...f }) => ({ ...f, total: totalCents / 100 })), notExported: out.notExported, noMethod: out.noMethod };
  },
);

export const apiImportPayoutResults = /* @__PURE__ */ writeEndpoint(
  () =>
    z.tuple([
      z.string().check(z.trim(), z.maxLength(200, { error: 'File name must be at most 200 characters' })),
      z
        .string({ error: 'Choose or paste the result file' })
        .check(
          z.minLength(1, { error: 'Choose or paste the result file' }),
          z.maxLength(RESULT_FILE_MAX, { error: `The file is over ${RESULT_FILE_MAX.toLocaleString('en-US')} characters; split it` }),
        ),
    ]),
  (fileName, text): PayoutResultsView => {
    const ctx = trackerContext(SOURCE);
    requireRole(ctx, 'markPaid');
    return importPayoutResults(ctx, fileName, text);
  },
);

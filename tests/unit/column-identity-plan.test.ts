import { TabDef, tab } from '../../src/tracker/schema';
import { ColumnTag, planColumns } from '../../src/tracker/setup-identity';

/** Setup's plan for a tab's columns from its header row and the columns' identities (pure). */
const settings = tab('settings'); // Setting, Value, Description
const tag = (key: string, at: number | null): ColumnTag => ({ key, at, metadata: { key } as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadata });
const plan = (header: string[], tags: ColumnTag[] = [], complete = false, def: TabDef = settings) => planColumns(def, header, { complete, tags });
const keys = (p: ReturnType<typeof plan>) => ({
  positions: Object.fromEntries(p.positions),
  missing: p.missing.map((c) => c.key),
  retitle: p.retitle.map((r) => [r.col.key, r.at, r.was]),
  mark: p.mark.map((m) => [m.col.key, m.at]),
  unmark: p.unmark.length,
  notices: p.notices,
});

test('a tab as setup leaves it: nothing to do', () => {
  expect(keys(plan(['Setting', 'Value', 'Description'], [], true))).toEqual({
    positions: { key: 1, value: 2, description: 3 },
    missing: [],
    retitle: [],
    mark: [],
    unmark: 0,
    notices: [],
  });
});

test('an older tracker without identities: every column found by header is marked; a missing one is added', () => {
  expect(keys(plan(['Value', 'Setting']))).toEqual({
    positions: { key: 2, value: 1 },
    missing: ['description'],
    retitle: [],
    mark: [
      ['key', 2],
      ['value', 1],
    ],
    unmark: 0,
    notices: [],
  });
});

test("a renamed or cleared header: found by its identity, written back, not added again, not reported as someone else's", () => {
  expect(keys(plan(['Setting', 'Amount', ''], [tag('key', null), tag('value', 2), tag('description', 3)]))).toEqual({
    positions: { key: 1, value: 2, description: 3 },
    missing: [],
    retitle: [
      ['value', 2, 'Amount'],
      ['description', 3, ''],
    ],
    mark: [],
    unmark: 0,
    notices: [],
  });
});

test('an identity wins over header text: a tracker header typed over another tracker column is moved back where it belongs', () => {
  // Someone typed "Value" over the Description header and renamed the real Value column.
  const p = plan(['Setting', 'Price', 'Value'], [tag('key', 1), tag('value', 2), tag('description', 3)]);
  expect(keys(p)).toMatchObject({
    positions: { key: 1, value: 2, description: 3 },
    retitle: [
      ['value', 2, 'Price'],
      ['description', 3, 'Value'],
    ],
    missing: [],
  });
});

test("a person's column with a tracker header, and a second identity of one column", () => {
  const p = plan(['Value', 'Setting', 'Value', 'Description', 'Mine'], [tag('key', 2), tag('value', 3), tag('value', 5), tag('description', 4)]);
  expect(keys(p)).toEqual({
    positions: { key: 2, value: 3, description: 4 },
    missing: [],
    retitle: [],
    mark: [],
    unmark: 1,
    notices: ['Settings: column A is also headed "Value", but the tracker\'s Value column is C; rename the other one.', 'Settings: column "Mine" is not part of the tracker; left as it is.'],
  });
});

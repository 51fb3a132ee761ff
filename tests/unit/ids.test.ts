import { IdAllocator } from '../../src/tracker/ids';

/** IdAllocator.forNew: the counter when it holds, the ID column when it is missing or behind. */
function properties(initial: Record<string, string> = {}): GoogleAppsScript.Properties.Properties {
  const store = new Map(Object.entries(initial));
  return {
    getProperty: (key: string) => store.get(key) ?? null,
    setProperty: (key: string, value: string) => {
      store.set(key, value);
      return undefined as unknown as GoogleAppsScript.Properties.Properties;
    },
  } as unknown as GoogleAppsScript.Properties.Properties;
}

function allocate(props: GoogleAppsScript.Properties.Properties | null, count: number, inTab: string[]) {
  const probes: number[][] = [];
  let scans = 0;
  const ids = IdAllocator.forNew(
    'C-',
    count,
    props,
    (numbers) => {
      probes.push(numbers);
      return inTab.some((id) => numbers.includes(Number(id.slice(2))));
    },
    () => {
      scans++;
      return inTab;
    },
  );
  const taken = Array.from({ length: count }, () => ids.take());
  ids.commit();
  return { taken, probes, scans, counter: props?.getProperty('tracker.lastId.C-') ?? null };
}

test('a counter that holds: the next numbers, checked by one probe, no scan', () => {
  const r = allocate(properties({ 'tracker.lastId.C-': '12' }), 2, ['C-000011', 'C-000012']);
  expect(r).toEqual({ taken: ['C-000013', 'C-000014'], probes: [[13, 14]], scans: 0, counter: '14' });
});

test('a counter behind the tab (an ID it would give is in use): the ID column decides', () => {
  const r = allocate(properties({ 'tracker.lastId.C-': '10' }), 2, ['C-000011', 'C-000012']);
  expect(r).toEqual({ taken: ['C-000013', 'C-000014'], probes: [[11, 12]], scans: 1, counter: '14' });
});

test('a counter ahead of the tab (its last rows deleted) is kept: no ID is given twice', () => {
  const r = allocate(properties({ 'tracker.lastId.C-': '20' }), 1, ['C-000011']);
  expect(r.taken).toEqual(['C-000021']);
  expect(r.scans).toBe(0);
});

test('no counter, an unreadable one, or no document properties: the ID column decides', () => {
  expect(allocate(properties(), 1, ['C-000007'])).toMatchObject({ taken: ['C-000008'], probes: [], scans: 1, counter: '8' });
  expect(allocate(properties({ 'tracker.lastId.C-': 'x' }), 1, ['C-000007'])).toMatchObject({ taken: ['C-000008'], scans: 1 });
  expect(allocate(null, 1, ['C-000007'])).toMatchObject({ taken: ['C-000008'], scans: 1, counter: null });
});

test('nothing to allocate: nothing read, nothing recorded', () => {
  const props = properties();
  expect(allocate(props, 0, ['C-000007'])).toEqual({ taken: [], probes: [], scans: 0, counter: null });
});

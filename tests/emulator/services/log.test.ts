import { makeWorld } from './context-for-tests';

describe('Logger and console', () => {
  test('Logger.log records to the execution log and getLog; formats %s', () => {
    const w = makeWorld();
    w.run(
      () => {
        w.g.Logger.log('hello');
        w.g.Logger.log('%s has %s', 'Acme', 3);
        w.g.Logger.log({ a: 1 });
      },
      { origin: 'menu' },
    );
    expect(w.g.Logger.getLog()).toBe('hello\nAcme has 3\n{"a":1}');
    const entries = w.services.log.list();
    expect(entries.map((e) => e.message)).toEqual(['hello', 'Acme has 3', '{"a":1}']);
    expect(entries[0]).toMatchObject({ origin: 'menu', source: 'Logger', level: 'info', at: '2024-03-15T12:00:00.000Z' });
    w.g.Logger.clear();
    expect(w.g.Logger.getLog()).toBe('');
    expect(w.services.log.list()).toHaveLength(3);
  });

  test('console levels', () => {
    const w = makeWorld();
    w.run(
      () => {
        w.g.console.log('a', 1, { b: 2 });
        w.g.console.info('i');
        w.g.console.warn('w %d', 7.9);
        w.g.console.error(new Error('boom'));
      },
      { authMode: 'NONE' },
    );
    const e = w.services.log.list();
    expect(e.map((x) => [x.level, x.message.split('\n')[0]])).toEqual([
      ['log', 'a 1 {"b":2}'],
      ['info', 'i'],
      ['warn', 'w 7'],
      ['error', 'Error: boom'],
    ]);
    expect(w.services.log.text(e[0].executionId).split('\n')[0]).toBe('LOG\ta 1 {"b":2}');
  });
});

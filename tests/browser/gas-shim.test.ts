import { createGoogleScript, GasShimOptions, HostBridge } from '../../emulator/workspace/shim/gas-shim';
import type { ServerReply } from '../../emulator/workspace/shim/protocol';
import type { Transferable } from '../../emulator/workspace/transfer';

/**
 * google.script.run's client-side rules, run against a fake transport
 * (developers.google.com/apps-script/guides/html/reference/run).
 */
interface SentCall {
  name: string;
  args: Transferable[];
  resolve(reply: ServerReply): void;
  reject(error: unknown): void;
}

function setup(overrides: Partial<GasShimOptions> = {}) {
  const sent: SentCall[] = [];
  const unhandled: Error[] = [];
  const handlerErrors: unknown[] = [];
  const host: HostBridge & { calls: string[] } = {
    calls: [],
    close() {
      this.calls.push('close');
    },
    focusEditor() {
      this.calls.push('focusEditor');
    },
    setHeight(h: number) {
      this.calls.push(`setHeight:${h}`);
    },
    setWidth(w: number) {
      this.calls.push(`setWidth:${w}`);
    },
  };
  const google = createGoogleScript({
    transport: (name, args) => new Promise<ServerReply>((resolve, reject) => sent.push({ name, args, resolve, reject })),
    host,
    reportUnhandledFailure: (e) => unhandled.push(e),
    reportHandlerError: (e) => handlerErrors.push(e),
    ...overrides,
  });
  return { google, run: google.script.run, sent, unhandled, handlerErrors, host };
}

/** Lets queued tasks (setTimeout 0 and promise callbacks) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

type Call = (...args: unknown[]) => unknown;
const call = (runner: unknown, name: string, ...args: unknown[]) => ((runner as Record<string, Call>)[name] as Call)(...args);

describe('google.script.run shim', () => {
  test('each with* returns a new runner and leaves the original unchanged', async () => {
    const { run, sent, unhandled } = setup();
    const success = jest.fn();
    const withSuccess = run.withSuccessHandler(success);
    expect(withSuccess).not.toBe(run);
    const withUser = withSuccess.withUserObject({ row: 3 });
    expect(withUser).not.toBe(withSuccess);
    expect(withSuccess.withFailureHandler(jest.fn())).not.toBe(withSuccess);

    call(run, 'apiGetOverview');
    call(withUser, 'apiGetOverview');
    await settle();
    expect(sent).toHaveLength(2);
    sent[0].resolve({ ok: true, value: 'first' });
    sent[1].resolve({ ok: true, value: 'second' });
    await settle();
    // The bare runner had no handler; the derived one got the value and its user object.
    expect(success).toHaveBeenCalledTimes(1);
    expect(success).toHaveBeenCalledWith('second', { row: 3 });
    expect(unhandled).toEqual([]);
  });

  test('a call returns undefined at once and never runs a handler synchronously', async () => {
    const { run, sent } = setup({ transport: () => Promise.resolve({ ok: true, value: 42 }) });
    const success = jest.fn();
    const failure = jest.fn();
    expect(call(run.withSuccessHandler(success), 'apiGetOverview')).toBeUndefined();
    expect(call(run.withFailureHandler(failure), 'private_')).toBeUndefined();
    expect(call(run.withFailureHandler(failure), 'apiRunSetup', new Date())).toBeUndefined();
    expect(success).not.toHaveBeenCalled();
    expect(failure).not.toHaveBeenCalled();
    await settle();
    expect(success).toHaveBeenCalledWith(42, undefined);
    expect(failure).toHaveBeenCalledTimes(2);
    expect(sent).toEqual([]);
  });

  test.each([
    ['a Date', [new Date()], '0'],
    ['a function', [() => 1], '0'],
    ['a DOM node', [{ nodeType: 1, nodeName: 'DIV' }], '0'],
    ['a nested Date', [{ lead: { expectedClose: new Date() } }], 'expectedClose'],
    ['a Date inside an array', ['ok', [1, new Date()]], '1'],
    ['a Map', [new Map()], '0'],
  ])('%s as an argument fails the call with an Error, as Google does', async (_label, args, property) => {
    const { run, sent } = setup();
    const failure = jest.fn();
    call(run.withFailureHandler(failure).withUserObject('ctx'), 'apiRunSetup', ...args);
    await settle();
    expect(sent).toEqual([]);
    expect(failure).toHaveBeenCalledTimes(1);
    const [error, userObject] = failure.mock.calls[0] as [Error, unknown];
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(`Failed due to illegal value in property: ${property}`);
    expect(userObject).toBe('ctx');
  });

  test('a circular object fails, even nested', async () => {
    const { run, sent } = setup();
    const failure = jest.fn();
    const partner: Record<string, unknown> = { name: 'Acme' };
    partner.self = { back: partner };
    call(run.withFailureHandler(failure), 'apiSavePartner', { partner });
    await settle();
    expect(sent).toEqual([]);
    expect((failure.mock.calls[0][0] as Error).message).toMatch(/^Failed due to illegal value in property: /);
  });

  test('arguments are copied: undefined in arrays becomes null, undefined fields are dropped, later mutation is not seen', async () => {
    const { run, sent } = setup();
    const lead = { company: 'Acme', notes: undefined, tags: ['a', undefined, 'b'], amount: 12.5, won: false, owner: null };
    call(run, 'apiSaveLead', lead, undefined, 'x');
    lead.company = 'Changed';
    await settle();
    expect(sent).toHaveLength(1);
    expect(sent[0].name).toBe('apiSaveLead');
    expect(sent[0].args).toEqual([{ company: 'Acme', tags: ['a', null, 'b'], amount: 12.5, won: false, owner: null }, null, 'x']);
    expect(Object.keys(sent[0].args[0] as object)).not.toContain('notes');
  });

  test('shared (non-circular) references are allowed', async () => {
    const { run, sent } = setup();
    const shared = { id: 'P-1' };
    call(run, 'apiCompare', [shared, shared]);
    await settle();
    expect(sent[0].args).toEqual([[{ id: 'P-1' }, { id: 'P-1' }]]);
  });

  test('names ending in _ are private: "Script function not found" without reaching the server', async () => {
    const { run, sent } = setup();
    const failure = jest.fn();
    call(run.withFailureHandler(failure), 'runSetup_');
    await settle();
    expect(sent).toEqual([]);
    const error = failure.mock.calls[0][0] as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('Script function not found: runSetup_');
  });

  test('a server failure reaches the failure handler as an Error with the user object', async () => {
    const { run, sent } = setup();
    const failure = jest.fn();
    const success = jest.fn();
    call(run.withSuccessHandler(success).withFailureHandler(failure).withUserObject({ button: 'save' }), 'notAFunction');
    await settle();
    sent[0].resolve({ ok: false, error: { name: 'Error', message: 'Script function not found: notAFunction' } });
    await settle();
    expect(success).not.toHaveBeenCalled();
    const [error, userObject] = failure.mock.calls[0] as [Error, unknown];
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('Script function not found: notAFunction');
    expect(userObject).toEqual({ button: 'save' });
  });

  test('an exception thrown by the server keeps its name', async () => {
    const { run, sent } = setup();
    const failure = jest.fn();
    call(run.withFailureHandler(failure), 'apiRunSetup');
    await settle();
    sent[0].resolve({ ok: false, error: { name: 'Exception', message: 'Lock timeout: another process was holding the lock for too long.' } });
    await settle();
    const error = failure.mock.calls[0][0] as Error;
    expect(error.name).toBe('Exception');
    expect(error.message).toBe('Lock timeout: another process was holding the lock for too long.');
  });

  test('a transport failure (network) reaches the failure handler', async () => {
    const { run, sent } = setup();
    const failure = jest.fn();
    call(run.withFailureHandler(failure), 'apiGetOverview');
    await settle();
    sent[0].reject(new Error('NetworkError: Connection failure due to HTTP 500'));
    await settle();
    expect((failure.mock.calls[0][0] as Error).message).toBe('NetworkError: Connection failure due to HTTP 500');
  });

  test('without a failure handler the failure goes to the console', async () => {
    const { run, unhandled } = setup();
    call(run.withSuccessHandler(jest.fn()), 'bad_');
    await settle();
    expect(unhandled).toHaveLength(1);
    expect(unhandled[0].message).toBe('Script function not found: bad_');
  });

  test('the default unhandled-failure report is console.error', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const google = createGoogleScript({ transport: () => Promise.resolve({ ok: true, value: null }), host: setup().host });
      call(google.script.run, 'x_');
      await settle();
      expect(spy).toHaveBeenCalledWith(expect.objectContaining({ message: 'Script function not found: x_' }));
    } finally {
      spy.mockRestore();
    }
  });

  test('at most 10 calls are in flight; the rest wait their turn in order', async () => {
    const { run, sent } = setup();
    const done: number[] = [];
    for (let i = 0; i < 13; i++)
      call(
        run.withSuccessHandler((v) => done.push(v as number)),
        'apiSlow',
        i,
      );
    await settle();
    expect(sent).toHaveLength(10);
    sent[3].resolve({ ok: true, value: 3 });
    await settle();
    expect(sent).toHaveLength(11);
    expect(sent[10].args).toEqual([10]);
    for (const s of sent.slice(0, 11)) if (s !== sent[3]) s.resolve({ ok: true, value: s.args[0] as number });
    await settle();
    expect(sent).toHaveLength(13);
    sent[11].resolve({ ok: true, value: 11 });
    sent[12].resolve({ ok: true, value: 12 });
    await settle();
    expect([...done].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  test('a handler that throws is reported and does not stop later calls', async () => {
    const { run, handlerErrors } = setup({ transport: (name) => Promise.resolve({ ok: true, value: name }) });
    const later = jest.fn();
    call(
      run.withSuccessHandler(() => {
        throw new Error('handler bug');
      }),
      'first',
    );
    call(run.withSuccessHandler(later), 'second');
    await settle();
    expect((handlerErrors[0] as Error).message).toBe('handler bug');
    expect(later).toHaveBeenCalledWith('second', undefined);
  });

  test('a <form> is legal as the only argument and arrives as its fields', async () => {
    const { run, sent } = setup();
    const failure = jest.fn();
    const form = {
      nodeType: 1,
      nodeName: 'FORM',
      elements: [
        { name: 'company', type: 'text', value: 'Acme' },
        { name: 'agree', type: 'checkbox', checked: true, value: 'on' },
        { name: 'skip', type: 'checkbox', checked: false, value: 'on' },
        {
          name: 'region',
          type: 'select-multiple',
          options: [
            { selected: true, value: 'EU' },
            { selected: false, value: 'US' },
            { selected: true, value: 'APAC' },
          ],
        },
        { name: 'tag', type: 'text', value: 'a' },
        { name: 'tag', type: 'text', value: 'b' },
        { name: 'disabled', type: 'text', value: 'x', disabled: true },
        { name: '', type: 'submit', value: 'Save' },
      ],
    };
    call(run, 'apiSubmitLead', form);
    call(run.withFailureHandler(failure), 'apiSubmitLead', form, 'extra');
    await settle();
    expect(sent).toHaveLength(1);
    expect(sent[0].args).toEqual([{ company: 'Acme', agree: 'on', region: ['EU', 'APAC'], tag: ['a', 'b'] }]);
    expect((failure.mock.calls[0][0] as Error).message).toBe('Failed due to illegal value in property: 0');
  });

  test('the runner is not thenable, cannot be modified, and rejects non-function handlers', async () => {
    const { run } = setup();
    await expect(Promise.resolve(run)).resolves.toBe(run);
    expect(() => {
      (run as unknown as Record<string, unknown>).apiGetOverview = 1;
    }).toThrow(TypeError);
    expect(() => run.withSuccessHandler('nope' as unknown as () => void)).toThrow(TypeError);
  });

  test('google.script.host: close, editor.focus, setHeight, setWidth', () => {
    const { google, host } = setup();
    google.script.host.close();
    google.script.host.editor.focus();
    google.script.host.setHeight(450);
    google.script.host.setWidth(700);
    expect(host.calls).toEqual(['close', 'focusEditor', 'setHeight:450', 'setWidth:700']);
  });
});

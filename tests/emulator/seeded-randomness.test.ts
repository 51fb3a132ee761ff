import { Emulator } from '../../emulator';

/**
 * Emulator#seedRandomness: a run that must come out the same every time (the workspace's
 * demo) draws Utilities.getUuid and the script's Math.random from one seed; null gives
 * back Google's true randomness. Neither is part of a saved or restored state.
 */
const SCRIPT = `
function draw() { return [Utilities.getUuid(), Utilities.getUuid(), Math.random(), Math.random()]; }
`;
const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function drawn(seed: string | null, { seedFirst = false } = {}): [string, string, number, number] {
  const emu = new Emulator();
  if (seedFirst) emu.seedRandomness(seed);
  emu.loadBundle(SCRIPT);
  if (!seedFirst) emu.seedRandomness(seed);
  return emu.run('draw') as [string, string, number, number];
}

test('the same seed gives the same UUIDs (version 4) and Math.random numbers, whether seeded before or after the script loads', () => {
  const first = drawn('demo');
  expect(first[0]).toMatch(V4);
  expect(first[1]).toMatch(V4);
  expect(first[0]).not.toBe(first[1]);
  for (const n of [first[2], first[3]]) expect(n >= 0 && n < 1).toBe(true);
  expect(drawn('demo')).toEqual(first);
  expect(drawn('demo', { seedFirst: true })).toEqual(first);
  expect(drawn('another')).not.toEqual(first);
});

test('without a seed, or after null, they are random again', () => {
  expect(drawn(null)).not.toEqual(drawn(null));
  const emu = new Emulator();
  emu.loadBundle(SCRIPT);
  emu.seedRandomness('demo');
  const seeded = emu.run('draw');
  emu.seedRandomness(null);
  const again = new Emulator();
  again.loadBundle(SCRIPT);
  again.seedRandomness('demo');
  again.seedRandomness(null);
  expect(emu.run('draw')).not.toEqual(again.run('draw'));
  expect(seeded).toEqual(drawn('demo'));
});

test('a restored emulator is not seeded', () => {
  const emu = new Emulator();
  emu.loadBundle(SCRIPT);
  emu.seedRandomness('demo');
  const restoredDraws = [Emulator.restore(emu.snapshot()), Emulator.restore(emu.snapshot())].map((e) => e.run('draw'));
  expect(restoredDraws[0]).not.toEqual(restoredDraws[1]);
});

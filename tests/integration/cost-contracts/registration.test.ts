import type { Emulator } from '../../../emulator';
import { ANA } from '../../../bench/fixtures';
import { CONTRACT_SIZES, Cost, costOf, trackersAtContractSizes } from '../../support/cost';

/**
 * Registration costs the same whatever the size of the Leads tab: at 200 and at 2,000 leads a
 * sidebar registration and a partner-form response make the same calls, the same round trips,
 * and read the same number of cells (the match index is cached; lookups are TextFinder
 * searches). The first registration after the cache is emptied rebuilds the index, and only it
 * reads the tab's columns.
 */
let trackers: Emulator[];
beforeAll(() => {
  trackers = trackersAtContractSizes();
});

/** Names no lead in the fixture resembles, nor each other. */
const NAMES = ['Aardvark Analytics', 'Quixotic Zephyr Foods', 'Marmalade Orbital', 'Vermilion Kettle Works'];
const registration = (n: number) => ({
  partnerId: 'P-000001',
  company: NAMES[n],
  website: `contract-prospect-${n}.example`,
  contactEmail: `cfo@contract-prospect-${n}.example`,
  estimatedValue: '12000',
});

function register(emu: Emulator, n: number): Cost {
  const { result, cost } = costOf(emu, () => emu.run('apiRegisterLead', [registration(n)], { user: ANA }));
  expect(result).toMatchObject({ ok: true, data: { conflict: null } });
  return cost;
}

function submit(emu: Emulator, n: number): Cost {
  const formId = emu.services.forms.list()[0].id;
  const { result, cost } = costOf(emu, () =>
    emu.submitForm(
      formId,
      {
        'Partner code': 'CODE3',
        Company: NAMES[n + 2],
        'Company website': `form-contract-${n}.example`,
        'Contact email': `it@form-contract-${n}.example`,
      },
      { account: 'p3@partner3.example' },
    ),
  );
  if (!result.accepted) throw new Error(`the form refused the response: ${JSON.stringify(result.errors)}`);
  expect(result.runs.every((r) => r.ok)).toBe(true);
  return cost;
}

test(`a sidebar registration costs the same at ${CONTRACT_SIZES.join(' and ')} leads`, () => {
  // The first after setup builds the match index (the cache is empty); it reads the columns, so it grows.
  const cold = trackers.map((emu) => register(emu, 1));
  expect(cold[1].cellsRead).toBeGreaterThan(cold[0].cellsRead);
  const warm = trackers.map((emu) => register(emu, 2));
  expect(warm[1]).toEqual(warm[0]);
});

test(`a partner form response costs the same at ${CONTRACT_SIZES.join(' and ')} leads`, () => {
  const costs = trackers.map((emu) => {
    submit(emu, 0);
    return submit(emu, 1);
  });
  expect(costs[1]).toEqual(costs[0]);
});

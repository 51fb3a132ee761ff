import * as acorn from 'acorn';
import { readFileSync } from 'node:fs';
import type { CalledName, ExposedName } from '../../src/exposed';
import { MENU_ITEMS } from '../../src/menu/menu';
import type { SidebarApi, SidebarWrite } from '../../src/sidebar-api/contract';
import * as endpoints from '../../src/sidebar-api/registry';
import { TRIGGER_HANDLERS } from '../../src/triggers/triggers';
import { CODE_JS, ensureBuilt } from '../support/build';

/**
 * One registry of what Apps Script calls: src/index.ts exposes it, the menu and
 * the triggers name functions in it, and the sidebar's callable names are its
 * endpoints (src/sidebar-api/registry.ts). The type checks below fail `npm run
 * typecheck` when they disagree; the test checks the built bundle against them.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// Everything exposed is called by something, and everything called by name is exposed.
const exposedIsCalled: Same<ExposedName, CalledName> = true;
// The sidebar may call exactly the exposed api… functions.
const sidebarCallsAreExposed: Same<Extract<ExposedName, `api${string}`>, keyof SidebarApi> = true;
// A write declared with writeEndpoint is what makes the sidebar's call carry a request ID.
const writesAreEndpoints: Same<SidebarWrite extends keyof SidebarApi ? true : false, true> = true;

test('the bundle exposes exactly the menu items, triggers and sidebar endpoints', () => {
  expect([exposedIsCalled, sidebarCallsAreExposed, writesAreEndpoints]).toEqual([true, true, true]);
  ensureBuilt();
  const ast = acorn.parse(readFileSync(CODE_JS, 'utf8'), { ecmaVersion: 2019, sourceType: 'script' }) as acorn.Program;
  const declared = ast.body.filter((n): n is acorn.FunctionDeclaration => n.type === 'FunctionDeclaration').map((n) => n.id?.name);
  const called = ['onOpen', 'onInstall', ...MENU_ITEMS.map((i) => i.functionName), ...TRIGGER_HANDLERS, ...Object.keys(endpoints)];
  expect(new Set(called).size).toBe(called.length);
  expect(declared.sort()).toEqual(called.sort());
  // Each endpoint says whether it writes; the reads are the ones without a request ID's stored outcome.
  expect(
    Object.entries(endpoints)
      .filter(([, e]) => e.write)
      .map(([name]) => name)
      .sort(),
  ).toEqual([
    'apiAddTeamMember',
    'apiApproveApplication',
    'apiApproveCommissions',
    'apiApprovePayouts',
    'apiCheckTracker',
    'apiConnectHubSpot',
    'apiDeleteSimulatorScenario',
    'apiDisconnectHubSpot',
    'apiDismissInboxResponse',
    'apiExportPayoutFiles',
    'apiExportPayouts',
    'apiExportSimulation',
    'apiImportBatch',
    'apiImportLeadBatch',
    'apiImportPayoutResults',
    'apiMarkPayoutsPaid',
    'apiMoveLead',
    'apiRegisterLead',
    'apiRejectApplication',
    'apiRemoveTeamMember',
    'apiReprocessInboxResponse',
    'apiRunPayouts',
    'apiRunSetup',
    'apiSavePartner',
    'apiSaveRule',
    'apiSaveSimulatorScenario',
    'apiSendAnnouncement',
    'apiTakeOverAutomation',
    'apiVoidCommissions',
  ]);
});

/**
 * What Apps Script calls by name: src/index.ts's exports, for each of which
 * scripts/build.mjs writes a top-level function. Menu items (menu/menu.ts) and
 * installable triggers (triggers/triggers.ts) name their function with one of
 * these, and the sidebar's SidebarApi (sidebar-api/contract.ts) is computed
 * from the endpoints index.ts exposes (sidebar-api/registry.ts).
 * Types only; tests/bundle/registry.test.ts checks that they agree.
 */
import type { MenuFunctionName } from './menu/menu';
import type { SidebarApi } from './sidebar-api/contract';
import type { TriggerHandlerName } from './triggers/triggers';

export type ExposedName = keyof typeof import('./index');

/** What something calls by name: Apps Script's simple triggers, the menu, installable triggers and the sidebar. */
export type CalledName = 'onOpen' | 'onInstall' | MenuFunctionName | TriggerHandlerName | keyof SidebarApi;

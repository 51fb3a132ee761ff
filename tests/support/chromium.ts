import { existsSync } from 'node:fs';
import type { Browser, BrowserServer } from 'playwright-core';

type PlaywrightCore = typeof import('playwright-core');

/** playwright-core as the worker loaded it once (tests/support/test-environment.js), or loaded here (globalSetup runs outside it). */
async function playwrightCore(): Promise<PlaywrightCore> {
  return (globalThis as { __playwrightCore?: PlaywrightCore }).__playwrightCore ?? (await import('playwright-core'));
}

/**
 * The Chromium the browser tests drive (Debian's, through playwright-core), and the
 * one shared Chromium fixture: jest's globalSetup launches a single browser server
 * for the whole run (chromiumServerSetup) and each test file connects to it with
 * launchChromium, getting its own context (a fresh, isolated profile) per page.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No sandbox (containers, root) and nothing that reaches the network on its own. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

/** Where globalSetup tells the test files (in jest's workers) the shared browser server listens. */
export const SHARED_CHROMIUM_ENV = 'PARTNERSHIP_TRACKER_CHROMIUM_WS';

/** How long a test file waits to connect to the shared browser before launching its own. */
const CONNECT_TIMEOUT_MS = 10000;

/**
 * Connects to the run's shared Chromium when there is one (closing the returned
 * Browser closes only this connection and the contexts it made); otherwise, or if
 * the shared browser is gone (crashed), launches a Chromium of its own. Throws
 * saying how to install Chromium when there is none.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (Debian, as root) or set CHROMIUM_PATH`);
  }
  const { chromium } = await playwrightCore();
  const shared = process.env[SHARED_CHROMIUM_ENV];
  if (shared) {
    try {
      return await chromium.connect(shared, { timeout: CONNECT_TIMEOUT_MS });
    } catch (e) {
      console.warn(`The shared Chromium (${shared}) did not answer (${e instanceof Error ? e.message : String(e)}): launching one for this file.`);
    }
  }
  // chromium.launch gives every run a fresh temporary profile (user-data-dir), removed on close.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}

let server: BrowserServer | undefined;

/** jest globalSetup: one Chromium for the whole run, when Chromium is installed (else each file says how to install it). */
export async function chromiumServerSetup(): Promise<void> {
  if (process.env[SHARED_CHROMIUM_ENV] || !existsSync(CHROMIUM_PATH)) return;
  const { chromium } = await playwrightCore();
  server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
  // Jest's workers start after globalSetup and inherit this.
  process.env[SHARED_CHROMIUM_ENV] = server.wsEndpoint();
}

/** jest globalTeardown: closes the shared Chromium (killing it if closing fails). */
export async function chromiumServerTeardown(): Promise<void> {
  if (!server) return;
  const closing = server;
  server = undefined;
  delete process.env[SHARED_CHROMIUM_ENV];
  await closing.close().catch(() => closing.kill());
}

// jest's node environment (jest.config.js), with playwright-core loaded once per worker process.
const { TestEnvironment } = require('jest-environment-node');

/**
 * Each test file runs in a fresh module registry, so a browser test that imported playwright-core
 * compiled and ran its 5 MB bundle again, file after file (a second or more of CPU each). The
 * environment is loaded by the worker's own require, whose cache lives as long as the worker:
 * tests/support/chromium.ts takes playwright-core from here, and the other tests never touch it.
 */
class TrackerTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    Object.defineProperty(this.global, '__playwrightCore', { get: () => require('playwright-core'), configurable: true });
  }
}

module.exports = TrackerTestEnvironment;

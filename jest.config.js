/** @type {import('jest').Config} */
module.exports = {
  // Node's, plus playwright-core loaded once per worker (tests/support/test-environment.js).
  testEnvironment: '<rootDir>/tests/support/test-environment.js',
  roots: ['<rootDir>/tests'],
  transform: {
    // Type checking is `tsc --noEmit`'s job (npm test runs it first); jest only transpiles, file by file
    // (tsconfig.json's isolatedModules: ts-jest's transpileModule path, without a language service).
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // src/ code run in Node reads the public suffix list without HtmlService.
  setupFiles: ['<rootDir>/tests/support/public-suffix.ts'],
  // One Chromium for the whole run, shared by the browser tests (a context, so a fresh profile, per page).
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 30000,
  // Chromium and integration files first, the largest first, when jest has no timings yet (a fresh clone): tests/support/sequencer.js.
  testSequencer: '<rootDir>/tests/support/sequencer.js',
  // Jest's default leaves a core idle (cores - 1): on the 2-core CI machine that is one worker for the whole suite.
  // Three on two cores: a Chromium test spends much of its time waiting on the browser and the workspace server,
  // and a third worker keeps the cores busy meanwhile.
  maxWorkers: 3,
};

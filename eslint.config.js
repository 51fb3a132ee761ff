// Lint: typescript-eslint's recommended rules over all TypeScript; builds and dependencies ignored.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');

module.exports = tseslint.config(
  { ignores: ['build/', 'node_modules/', '.local/', 'tmp/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Apps Script code: no Node, no browser — only the Apps Script globals from @types/google-apps-script.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'require', 'setTimeout', 'setInterval', 'TextEncoder', 'TextDecoder', 'fetch', 'URL', 'atob', 'btoa', 'window', 'document'],
      'no-restricted-imports': ['error', { patterns: ['node:*', '../emulator/*', '../../emulator/*', '../sidebar/*'] }],
    },
  },
  {
    // The sidebar runs in the browser: it reads the server's types (sidebar/tsconfig.json gives it Apps Script's
    // type declarations for that), but never calls an Apps Script service or bundles server code.
    files: ['sidebar/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'SpreadsheetApp',
        'PropertiesService',
        'Session',
        'LockService',
        'Utilities',
        'DriveApp',
        'MailApp',
        'GmailApp',
        'ScriptApp',
        'HtmlService',
        'FormApp',
        'CacheService',
        'UrlFetchApp',
        'ContentService',
        'Logger',
        'DocumentApp',
        'CalendarApp',
        'process',
        'require',
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/index', '**/src/sidebar-api/*', '**/src/tracker/*', '**/src/setup/*', '**/src/team/*', '**/src/payouts/*', '**/src/leads/*', '**/src/partner-form/*'],
              allowTypeImports: true,
              message: 'The sidebar may import only types from server code (import type).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

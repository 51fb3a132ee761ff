/**
 * Server bundle: src/index.ts → build/Code.js for Apps Script.
 * esbuild-loader compiles TypeScript down to ES2019 (Apps Script's V8 has
 * failed to parse class fields); gas-webpack-plugin turns each `global.X = …`
 * in src/index.ts into a top-level `function X()` Apps Script can call.
 */
const path = require('node:path');
const GasPlugin = require('gas-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');

module.exports = {
  mode: 'production',
  context: __dirname,
  entry: './src/index.ts',
  target: ['web', 'es2019'],
  devtool: false,
  output: {
    path: path.resolve(__dirname, 'build'),
    filename: 'Code.js',
    // No chunk loading, no publicPath probing: Apps Script has no document or script tags.
    chunkLoading: false,
    wasmLoading: false,
    publicPath: '',
    environment: { arrowFunction: true, const: true, destructuring: true, forOf: true, module: false, dynamicImport: false },
  },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2019' } }],
  },
  optimization: {
    minimize: true,
    // Whitespace and syntax only: identifiers stay readable in Apps Script's stack traces.
    // format: undefined keeps the output a plain script; an IIFE would hide the top-level functions.
    minimizer: [new EsbuildPlugin({ target: 'es2019', format: undefined, minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: false, legalComments: 'none' })],
  },
  performance: { hints: false },
  plugins: [new GasPlugin({ autoGlobalExportsFiles: [] })],
};

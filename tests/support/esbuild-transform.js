// A jest transformer: TypeScript to CommonJS with esbuild (a dependency already, for the build).
// Type checking is `tsc --noEmit`'s job (npm test runs it first); jest only needs each file's
// JavaScript, and esbuild strips types many times faster than ts-jest's transpileModule, which
// matters on CI, where every run starts with an empty jest cache. The output follows tsconfig.json
// where semantics depend on it: its target (ES2019), strict mode in every module ("strict": tsc emits
// "use strict", so assigning to a frozen object throws), and class fields assigned as TypeScript does
// for that target (useDefineForClassFields false: after parameter properties, in the constructor).
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const esbuild = require('esbuild');

const SELF = readFileSync(__filename, 'utf8');
const TSCONFIG_RAW = { compilerOptions: { strict: true, alwaysStrict: true, useDefineForClassFields: false, importsNotUsedAsValues: 'remove' } };

module.exports = {
  process(source, filename) {
    const result = esbuild.transformSync(source, {
      loader: filename.endsWith('.tsx') ? 'tsx' : 'ts',
      format: 'cjs',
      target: 'es2019',
      platform: 'node',
      sourcemap: 'external',
      sourcefile: filename,
      tsconfigRaw: TSCONFIG_RAW,
      logLevel: 'silent',
    });
    return { code: result.code, map: result.map };
  },
  getCacheKey(source, filename) {
    return createHash('sha1').update(SELF).update(esbuild.version).update(filename).update('\0').update(source).digest('hex');
  },
};

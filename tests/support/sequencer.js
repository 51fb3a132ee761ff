// Which test files start first. Jest's own order runs the slowest first when it has timings from an earlier run (its cache);
// on a fresh clone (CI) it has none and orders by file size alone, so a long Chromium file could start last and run on by itself
// while the other workers sit idle. Here: the Chromium files first, then integration and bundle, then the rest, the largest
// first within each (file size stands in for duration); files with recorded timings keep jest's slowest-first order.
const { statSync } = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

const rank = (path) => (/[\\/]tests[\\/]browser[\\/]/.test(path) ? 3 : /[\\/]tests[\\/](integration|bundle)[\\/]/.test(path) ? 2 : /[\\/]tests[\\/]emulator[\\/]/.test(path) ? 1 : 0);

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const size = (test) => {
      try {
        return statSync(test.path).size;
      } catch {
        return 0;
      }
    };
    const timed = tests.filter((test) => this._getCache(test)[test.path]?.[1] !== undefined);
    if (timed.length === tests.length) return super.sort(tests);
    return [...tests].sort((a, b) => rank(b.path) - rank(a.path) || size(b) - size(a));
  }
}

module.exports = SlowFirstSequencer;

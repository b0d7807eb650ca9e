// power-assert (the suite's devDependency, not installed here) → node:assert. Marked as an ES module
// so `import * as assert from 'power-assert'` yields the callable assert itself, as the suite expects.
// One difference from Node 20's assert is restored: the suite was written against Node 10-era
// assert, where strictEqual(x) with a missing second argument compared x with undefined (date.test.ts
// wraps one real check in an outer strictEqual of its undefined result).
const assert = require('node:assert');

const shim = (...args) => assert(...args);
Object.assign(shim, assert);
shim.strictEqual = (...args) => assert.strictEqual(args[0], args[1], ...args.slice(2));
shim.default = shim;
shim.__esModule = true;
module.exports = shim;

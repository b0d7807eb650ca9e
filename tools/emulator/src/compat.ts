/**
 * tsx 4.19 + Node >= 20.19: Node resolves the "module-sync" export condition for require(), and tsx then
 * compiles those packages' require.mjs as CommonJS and fails ("SyntaxError: Unexpected string").
 * express pulls three such packages in (via get-intrinsic). Pre-load their CommonJS entry under the
 * .mjs path so `tsx tools/emulator/src/cli.ts` and `npm start` work without extra Node flags.
 * A no-op under jest and plain node (they resolve to index.js).
 */
import path from 'node:path';

// Some ambient typings narrow `require`; this file needs Node's full NodeJS.Require.
const req = require as unknown as NodeJS.Require;

for (const name of ['async-function', 'generator-function', 'async-generator-function']) {
  try {
    const resolved = req.resolve(name);
    if (!resolved.endsWith('.mjs') || req.cache[resolved]) continue;
    const cjs = path.join(path.dirname(resolved), 'index.js');
    req(cjs);
    const mod = req.cache[cjs];
    if (mod) req.cache[resolved] = mod;
  } catch {
    // Package absent or layout changed: nothing to fix.
  }
}

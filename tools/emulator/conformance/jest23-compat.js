// The suite was written for jest 23, which ran an `async` describe body synchronously up to its
// first await and ignored the promise (with a warning). jest 29 rejects that; restore jest 23's rule.
const wrap = (describe) => {
  const wrapped = (name, fn, ...rest) =>
    describe(
      name,
      function body(...args) {
        const r = fn.apply(this, args);
        if (r && typeof r.then === 'function') r.catch(() => undefined);
      },
      ...rest,
    );
  return Object.assign(wrapped, describe);
};
const orig = global.describe;
global.describe = wrap(orig);
global.describe.only = wrap(orig.only);
global.describe.skip = wrap(orig.skip);
global.fdescribe = global.describe.only;
global.xdescribe = global.describe.skip;

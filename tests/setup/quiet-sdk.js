// The real SDK warns when a request takes over 3 s. Concurrency tests queue thousands of requests on
// purpose; the warning is noise there (latency is measured by the benchmarks, not by tests).
const warn = console.warn.bind(console);
console.warn = (...args) => {
  if (typeof args[0] === 'string' && args[0].includes('may be due to the network or your query performance')) return;
  warn(...args);
};

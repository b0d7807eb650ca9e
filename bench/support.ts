/** Shared bits of the benchmarks. */
import type { Emulator } from '../tools/emulator/src';

/** The SDK warns on requests over 3 s; a benchmark queues thousands on purpose. */
export function quietSdkWarnings(): void {
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('may be due to the network or your query performance')) return;
    warn(...args);
  };
}

/**
 * Raw guarded-inc rate of one document: `total` increments from as many concurrent invocations as the
 * emulator runs at once (its instance pool), each doing its share in sequence.
 */
export async function rawGuardedIncRate(
  emulator: Emulator,
  total: number,
  concurrency = 64,
): Promise<{ perSec: number; done: number }> {
  await emulator.db.put('bench', { _id: 'counter', n: 0 });
  const each = Math.ceil(total / concurrency);
  const started = performance.now();
  const results = (await Promise.all(
    Array.from({ length: concurrency }, () =>
      emulator.invoke('benchInc', { times: each, cap: Number.MAX_SAFE_INTEGER }, { source: 'wx_trigger' }),
    ),
  )) as { done: number }[];
  const elapsed = performance.now() - started;
  const done = results.reduce((s, r) => s + r.done, 0);
  const stored = (await emulator.db.get('bench', 'counter'))!.n as number;
  if (stored !== done) throw new Error(`guarded inc lost updates: ${stored} stored, ${done} acknowledged`);
  return { perSec: (done / elapsed) * 1000, done };
}

/** Run `fn` over `items` with at most `limit` in flight (phases that are not the measured burst). */
export async function pooled<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/**
 * Benchmark-only cloud function: `times` guarded increments of one document through the real SDK
 * (`where({_id, n < cap}).update(inc)`), the cheapest useful write the store can do — the baseline
 * that bench:match compares the match pipeline with.
 */
import { db } from '../cloudfunctions/_lib/cloud';

export async function main(event: { times: number; cap: number }): Promise<{ done: number }> {
  const _ = db().command;
  let done = 0;
  for (let i = 0; i < event.times; i++) {
    const r = await db()
      .collection('bench')
      .where({ _id: 'counter', n: _.lt(event.cap) })
      .update({ data: { n: _.inc(1) } });
    done += r.stats.updated;
  }
  return { done };
}

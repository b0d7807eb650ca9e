/**
 * `npm run bench:match`: N concurrent donors through the real functions (real wx-server-sdk, the
 * emulator, WeChat Pay callbacks) against a pool smaller than demand; in the same run, the emulator's
 * raw rate of guarded `inc` updates on one document; and a simulated 10×-demand day for pacing.
 * Prints one JSON object as its last line. Exits 1 if a money invariant fails.
 *
 * decisionsPerSec is measured over the payment-callback phase (the 10:00 burst: every order already
 * created, all paid at once), where the match is decided. Reads and writes per donation are the
 * emulator's own operation counts over that phase; `endToEnd` adds create and one status look.
 * Transactions run under the emulator's CloudBase semantics (snapshot isolation, first writer wins):
 * `conflictRetriesPerDonation` counts transactions re-run after a write conflict, `failedCallbacks`
 * first notifications that did not answer errcode 0, `maxDocBytes` the largest stored document's JSON.
 * `committedPath` counts only the operations of transactions that committed (plus those outside any): what one
 * payment costs when it does not conflict; reads/writesPerDonation include every conflicted attempt too.
 */
import { startTestEmulator, repoFunctions } from '../tests/helpers/emulator';
import { seedInto } from '../scripts/seed';
import { beijingMs } from '../domain/time';
import { CHONGQING_2022 } from '../domain/settings';
import { simulateDay } from '../domain/simulate';
import { seededRng } from '../domain/rng';
import { pooled, quietSdkWarnings, rawGuardedIncRate } from './support';

const DONORS = Number(process.env.BENCH_DONORS ?? 1000);
const DAY = '2022-04-28';
const POOL_LEFT_FEN = 80_000; // 800 yuan over the day's shards: far below the demand of N × 10 yuan

async function main(): Promise<void> {
  quietSdkWarnings();
  process.env.SHANXING_RANDOM_SEED = 'bench-match';
  const t = await startTestEmulator({ payRetryScale: 0.001, functions: withBenchFunction() });
  const { emulator } = t;
  await seedInto(emulator.db, { campaigns: ['cq2022'] }); // Chongqing's figures
  emulator.setClock({ now: beijingMs(DAY, '20:00'), frozen: false });
  const call = async (fn: string, openid: string, data: object) => {
    const r = await t.call(fn, data, { openid });
    if (r.error) throw new Error(`${fn}: ${JSON.stringify(r.error)}`);
    return r.result;
  };

  if (process.env.BENCH_SHARDS) {
    const c = (await emulator.db.get('campaigns', 'cq2022'))!;
    await emulator.db.put('campaigns', { ...c, match: { ...c.match, shards: Number(process.env.BENCH_SHARDS) } });
  }
  // Release the day, then shrink what is left so demand is far larger than the pool.
  const opener = await call('donate', 'bench-opener', { action: 'create', projectId: 'p030', amountFen: 100 });
  await emulator.pay(opener.orderId);
  const dayShards = await emulator.db.find('pool_shards', (d) => d.day === DAY);
  for (const [k, s] of dayShards.entries())
    await emulator.db.put('pool_shards', {
      ...s,
      budgetFen:
        s.spentFen + Math.floor(POOL_LEFT_FEN / dayShards.length) + (k < POOL_LEFT_FEN % dayShards.length ? 1 : 0),
    });
  const shardsBefore = await emulator.db.find('pool_shards', (d) => d.day === DAY);
  const budgetFen = shardsBefore.reduce((sum, s) => sum + s.budgetFen - s.spentFen, 0);
  const spentBefore = shardsBefore.reduce((sum, s) => sum + s.spentFen, 0);

  const projects = ['p030', 'p031', 'p032', 'p033'];
  emulator.resetMetrics();
  // Orders are created ahead of the burst, 256 in flight (thousands at once only time out in the SDK's queue:
  // creation is not what the benchmark measures); the burst is every payment notification at once.
  const orders = await pooled(
    Array.from({ length: DONORS }, (_, i) => i),
    256,
    (i) => call('donate', `bench-${i}`, { action: 'create', projectId: projects[i % 4], amountFen: 1000 }),
  );

  const mCreate = emulator.metrics();
  emulator.resetMetrics();
  const started = performance.now();
  const paid = await Promise.all(orders.map((o) => emulator.pay(o.orderId)));
  const elapsedMs = performance.now() - started;
  const m = emulator.metrics();
  const failedFirst = paid.filter((p) => !p.ok).length;
  emulator.resetMetrics();
  // Donors look at their result over the next seconds, not all in one instant (64 in flight).
  await pooled(orders, 64, (o, i) => call('donate', `bench-${i}`, { action: 'status', orderId: o.orderId }));
  const mStatus = emulator.metrics();

  const raw = await rawGuardedIncRate(emulator, 4000);

  const ids = new Set(orders.map((o) => o.orderId));
  const stored = await emulator.db.find('orders', (o) => ids.has(o._id));
  const shardsAfter = await emulator.db.find('pool_shards', (d) => d.day === DAY);
  const spentFen = shardsAfter.reduce((sum, s) => sum + s.spentFen, 0) - spentBefore;
  const overspentFen = shardsAfter.reduce((sum, s) => sum + Math.max(0, s.spentFen - s.budgetFen), 0);
  const entriesPerOrder = new Map<string, number>();
  for (const e of await emulator.db.find('journal', (e) => ids.has(e.orderId)))
    entriesPerOrder.set(e.orderId, (entriesPerOrder.get(e.orderId) ?? 0) + 1);
  const doubleMatches = [...entriesPerOrder.values()].filter((n) => n > 1).length;
  const matchedFen = stored.reduce((sum, o) => sum + (o.match?.amountFen ?? 0), 0);
  const poolLeftFen = shardsAfter.reduce((sum, s) => sum + s.budgetFen - s.spentFen, 0);
  const maxDoc = await largestDocument(emulator);
  await t.stop();

  // Pacing over a whole day at 10× demand (one shard's share of the Chongqing day-2 release).
  const settings = CHONGQING_2022.match;
  const day = simulateDay({
    settings,
    budgetFen: 2_000_000,
    demandFactor: 10,
    rng: seededRng('bench-day-10x'),
    date: DAY,
  });

  const decisionsPerSec = (stored.length / elapsedMs) * 1000;
  const writesPerDonation = m.writes / stored.length;
  const readsPerDonation = m.reads / stored.length;
  const result = {
    donations: stored.length,
    paidCount: stored.filter((o) => o.status === 'paid').length,
    matchedCount: stored.filter((o) => (o.match?.amountFen ?? 0) > 0).length,
    budgetFen,
    matchedFen,
    poolLeftFen,
    overspentFen,
    doubleMatches,
    elapsedMs: Math.round(elapsedMs),
    decisionsPerSec: round(decisionsPerSec),
    rawGuardedIncPerSec: round(raw.perSec),
    writesPerDonation: round(writesPerDonation),
    readsPerDonation: round(readsPerDonation),
    readsByCollection: perDonation(m.byAction, 'read:', stored.length),
    // The same counts along each donation's committed path (attempts lost to a write conflict left out: those are
    // conflictRetriesPerDonation): the per-payment budget of reads and writes.
    committedPath: {
      readsPerDonation: round((m.reads - m.txReads + m.committedTxReads) / stored.length),
      writesPerDonation: round((m.writes - m.txWrites + m.committedTxWrites) / stored.length),
    },
    ratio: round((decisionsPerSec * writesPerDonation) / raw.perSec),
    conflictRetriesPerDonation: round(m.transactions.retries / stored.length, 3),
    conflicts: m.transactions.conflicts,
    failedCallbacks: failedFirst,
    maxDocBytes: maxDoc.bytes,
    maxDoc: maxDoc.where,
    endToEnd: {
      readsPerDonation: round((mCreate.reads + m.reads + mStatus.reads) / stored.length),
      writesPerDonation: round((mCreate.writes + m.writes + mStatus.writes) / stored.length),
      create: { reads: round(mCreate.reads / stored.length), writes: round(mCreate.writes / stored.length) },
      status: { reads: round(mStatus.reads / stored.length), writes: round(mStatus.writes / stored.length) },
    },
    windowUsedShare: round(day.windowUsedShare, 4),
    utilisation: round(day.utilisation, 4),
  };
  const ok =
    result.overspentFen === 0 &&
    result.doubleMatches === 0 &&
    matchedFen === spentFen &&
    result.matchedFen + result.poolLeftFen === result.budgetFen &&
    result.paidCount === DONORS &&
    result.failedCallbacks === 0;
  console.log(JSON.stringify(result));
  process.exit(ok ? 0 : 1);
}

/** The largest document in the store (bytes of its JSON) and where it is. */
async function largestDocument(
  emulator: Awaited<ReturnType<typeof startTestEmulator>>['emulator'],
): Promise<{ bytes: number; where: string }> {
  let best = { bytes: 0, where: '' };
  for (const c of emulator.db.collections()) {
    for (const d of await emulator.db.find(c)) {
      const bytes = Buffer.byteLength(JSON.stringify(d));
      if (bytes > best.bytes) best = { bytes, where: `${c}/${String(d._id)}` };
    }
  }
  return best;
}

/** The callback phase's reads per donation by collection (the emulator counts `read:<collection>`). */
function perDonation(byAction: Record<string, number>, prefix: string, n: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(byAction)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = round(v / n);
  return out;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The repo's functions plus `benchInc`, a one-line guarded increment for the raw-rate baseline. */
function withBenchFunction() {
  const repo = repoFunctions() as { names: string[]; load(name: string): any };
  return {
    names: [...repo.names, 'benchInc'],
    load: (name: string) => (name === 'benchInc' ? require('./bench-inc') : repo.load(name)),
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});

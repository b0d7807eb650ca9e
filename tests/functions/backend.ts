/**
 * A seeded Shanxing backend for function tests: the emulator with the repo's functions (real SDK),
 * the Chongqing seed, and a pinned clock. Helpers drive it the way the app and WeChat Pay do.
 */
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { seedInto } from '../../scripts/seed';
import { beijingMs } from '../../domain/time';
import { beijingCompact } from '../../tools/emulator/src/clock';

export interface Backend extends TestEmulator {
  /** Pin the clock to a Beijing wall time ("2022-04-28", "10:30") — frozen unless `running`. */
  at(date: string, hhmm: string, opts?: { seconds?: number; running?: boolean }): number;
  /** donate.create through the bridge, as the user `openid`. */
  create(openid: string, data: Record<string, unknown>): Promise<{ orderId: string; payFen: number }>;
  /** Create and pay (WeChat Pay calls the callback) — returns the order id. */
  donate(openid: string, projectId: string, amountFen: number, extra?: Record<string, unknown>): Promise<string>;
  status(openid: string, orderId: string): Promise<any>;
  /** The notification WeChat Pay would send for an order (for replay and crash tests). */
  notification(orderId: string, payFen: number, paidAtMs?: number): Record<string, unknown>;
  callback(event: Record<string, unknown>, env?: Record<string, string>): Promise<any>;
  count(collection: string, filter?: (d: any) => boolean): Promise<number>;
  /**
   * Wait until every order is paid. Under a 10:00-style burst some first notifications time out;
   * the emulator's WeChat Pay retries them on WeChat's schedule, as production does.
   */
  settled(orderIds: string[], timeoutMs?: number): Promise<void>;
}

/** `randomSeed` pins every draw (SHANXING_RANDOM_SEED) until `stop()`. */
export async function startBackend(opts: { randomSeed?: string } = {}): Promise<Backend> {
  // Settings/catalog caches off: tests change data under warm instances.
  process.env.SHANXING_CACHE_TTL_MS = '0';
  if (opts.randomSeed) process.env.SHANXING_RANDOM_SEED = opts.randomSeed;
  const started = await startTestEmulator({ payRetryScale: 0.001 });
  const t = {
    ...started,
    stop: async (o?: { keepData?: boolean }) => {
      if (opts.randomSeed) delete process.env.SHANXING_RANDOM_SEED;
      await started.stop(o);
    },
  };
  // Chongqing only until the functions key their documents by campaign (they read whole collections today).
  await seedInto(t.emulator.db, { campaigns: ['cq2022'] });
  const b: Backend = {
    ...t,
    at(date, hhmm, { seconds = 0, running = false } = {}) {
      const ms = beijingMs(date, hhmm) + seconds * 1000;
      t.emulator.setClock({ now: ms, frozen: !running });
      return ms;
    },
    async create(openid, data) {
      const r = await t.call('donate', { action: 'create', ...data }, { openid });
      if (r.error) throw new Error(`create failed: ${JSON.stringify(r.error)}`);
      return r.result;
    },
    async donate(openid, projectId, amountFen, extra = {}) {
      const { orderId } = await b.create(openid, { projectId, amountFen, ...extra });
      await t.emulator.pay(orderId);
      return orderId;
    },
    async status(openid, orderId) {
      return (await t.call('donate', { action: 'status', orderId }, { openid })).result;
    },
    notification(orderId, payFen, paidAtMs = t.emulator.now()) {
      return {
        returnCode: 'SUCCESS',
        resultCode: 'SUCCESS',
        outTradeNo: orderId,
        transactionId: `4200${orderId.slice(-10)}`,
        subOpenid: 'irrelevant',
        totalFee: payFen,
        cashFee: payFen,
        timeEnd: beijingCompact(paidAtMs),
      };
    },
    callback(event, env) {
      return t.emulator.invoke('payCallback', event, { source: 'wx_paycallback', env }) as Promise<any>;
    },
    async count(collection, filter) {
      return (await t.emulator.db.find(collection, filter)).length;
    },
    async settled(orderIds, timeoutMs = 120_000) {
      const ids = new Set(orderIds);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const unpaid = (await t.emulator.db.find('orders', (o) => ids.has(String(o._id)) && o.status !== 'paid'))
          .length;
        if (unpaid === 0) return;
        if (Date.now() > deadline) {
          const stuck = (
            await t.emulator.db.find('orders', (o) => ids.has(String(o._id)) && o.status !== 'paid')
          ).slice(0, 3);
          const why = stuck.map((o) =>
            JSON.stringify((t.emulator as any).orders?.().get(o._id)?.notifications?.slice(-2)),
          );
          throw new Error(
            `${unpaid} orders still unpaid after ${timeoutMs} ms; last notifications: ${why.join(' | ')}`,
          );
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
  return b;
}

export const SESSION_DAY = '2022-04-28';

/**
 * Payments survive a crash: CloudPay orders and their notification retries persist, so a SIGKILLed
 * emulator delivers again after a restart; and an order is closed only when WeChat Pay says so.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { REPO, spawnCli, startTestEmulator } from '../helpers/emulator';
import { startBackend, SESSION_DAY, type Backend } from '../functions/backend';

const repoRequire = createRequire(path.join(REPO, 'package.json'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(50);
  }
}

/**
 * `create` makes a CloudPay order; `cb` is its payment callback: slow, books the payment once per
 * order (guarded status flip, then a journal entry named by WeChat's transaction id, inserted on every
 * delivery: a retry heals a kill between the two writes, and a second payment shows as a second entry),
 * and answers a failure for even orders until
 * the `switch/ok` document exists (as a callback that keeps timing out would).
 */
function writeFunctions(dir: string): void {
  const sdk = JSON.stringify(repoRequire.resolve('wx-server-sdk'));
  const files: Record<string, string> = {
    create: `const cloud = require(${sdk});
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
exports.main = async (event) => {
  const db = cloud.database();
  await db.collection('orders').add({ data: { _id: event.id, n: event.n, status: 'pending' } });
  const r = await cloud.cloudPay.unifiedOrder({ body: 'crash', outTradeNo: event.id, spbillCreateIp: '127.0.0.1',
    subMchId: process.env.SHANXING_SUB_MCH_ID, totalFee: 100, envId: process.env.TCB_ENV, functionName: 'cb',
    nonceStr: 'n' + event.n, tradeType: 'JSAPI' });
  return { ok: !!r.payment };
};\n`,
    cb: `const cloud = require(${sdk});
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
exports.main = async (event) => {
  const db = cloud.database({ throwOnNotFound: false });
  await new Promise((r) => setTimeout(r, 150));
  const order = (await db.collection('orders').doc(event.outTradeNo).get()).data;
  const flipped = await db.collection('orders').where({ _id: event.outTradeNo, status: 'pending' })
    .update({ data: { status: 'paid', tx: event.transactionId } });
  // Two plain writes are not atomic: a kill between them is healed by the retry, whose insert is idempotent.
  try {
    await db.collection('journal')
      .add({ data: { _id: event.outTradeNo + '_' + event.transactionId, orderId: event.outTradeNo } });
  } catch (e) {}
  const ok = (await db.collection('switch').doc('ok').get()).data;
  return order.n % 2 === 0 && !ok ? { errcode: 1, errmsg: 'busy' } : { errcode: 0, errmsg: '' };
};\n`,
  };
  for (const [name, code] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, 'index.js'), code);
  }
}

const SIGKILL_BURST =
  'SIGKILL during a burst of payments with slow and failing callbacks: ' +
  'after a restart every order is paid exactly once';
test(
  SIGKILL_BURST,
  async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shanxing-paycrash-'));
    const dataDir = path.join(root, 'db');
    const fnDir = path.join(root, 'fns');
    writeFunctions(fnDir);
    const ids = Array.from({ length: 40 }, (_, n) => `CRASH${String(n).padStart(4, '0')}`);
    try {
      const { child, url } = await spawnCli(['--data', dataDir, '--functions', fnDir, '--pay-retry-scale', '0.002']);
      const post = (p: string, body: unknown) =>
        fetch(`${url}${p}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-openid': 'payer' },
          body: JSON.stringify(body),
        });
      for (const [n, id] of ids.entries())
        expect((await (await post('/api/create', { data: { id, n } })).json()).result).toEqual({ ok: true });
      // The burst: every payment at once; the kill lands while callbacks and retries are in flight.
      const burst = ids.map((orderId) => post('/__emulator/pay', { orderId }).catch(() => null));
      await sleep(250);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      await Promise.all(burst);

      const again = await startTestEmulator({ functions: { dir: fnDir }, dataDir, payRetryScale: 0.002 });
      try {
        const orders = again.emulator.orders();
        expect([...orders.keys()].sort()).toEqual(ids); // created before the restart, all still known
        const resumed = [...orders.values()].filter((o) => o.state === 'SUCCESS' && !o.settled).length;
        expect(resumed).toBeGreaterThan(0); // the test really caught notifications in flight
        await again.emulator.db.put('switch', { _id: 'ok' });
        // Orders whose payment never got through can still be paid after the restart.
        for (const o of orders.values()) if (o.state === 'NOTPAY') await again.emulator.pay(o.outTradeNo);
        await until(
          async () => [...orders.values()].every((o) => o.settled),
          30_000,
          'every notification acknowledged',
        );
        const paid = await again.emulator.db.find('orders', (d) => d.status === 'paid');
        expect(paid.map((d) => d._id).sort()).toEqual(ids);
        const journal = await again.emulator.db.find('journal');
        expect(journal.map((e) => e.orderId).sort()).toEqual(ids); // one entry each: no order paid twice
        for (const o of orders.values()) expect(paid.find((d) => d._id === o.outTradeNo)!.tx).toBe(o.transactionId);
      } finally {
        await again.stop();
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
  90_000,
);

describe('an order is closed only when WeChat Pay says so', () => {
  let b: Backend;
  beforeAll(async () => {
    b = await startBackend();
  });
  afterAll(() => b.stop());
  afterEach(() => {
    b.emulator.payFault({ api: 'closeOrder', mode: 'error', times: 0 });
    b.emulator.payFault({ api: 'queryOrder', mode: 'error', times: 0 });
  });

  test('closeOrder of a paid order says so', async () => {
    b.at(SESSION_DAY, '09:00');
    const { orderId } = await b.create('paid-close', { projectId: 'p001', amountFen: 100 });
    await b.emulator.pay(orderId);
    const r: any = await b.emulator.invoke('donate', { action: 'cancel', orderId }, { openid: 'paid-close' });
    expect(r.status ?? r.result?.status ?? r).not.toBe('closed');
    expect(b.emulator.orders().get(orderId)!.state).toBe('SUCCESS');
  });

  const NO_CLOSE_ANSWER =
    'no answer from closeOrder and a failed queryOrder leave an expired order pending; a later answer closes it';
  test(NO_CLOSE_ANSWER, async () => {
    b.at(SESSION_DAY, '09:00');
    const { orderId } = await b.create('unlucky', { projectId: 'p001', amountFen: 100 });
    b.at(SESSION_DAY, '10:30'); // long past the order timeout
    b.emulator.payFault({ api: 'closeOrder', mode: 'drop', times: 100 });
    b.emulator.payFault({ api: 'queryOrder', mode: 'error', times: 100 });
    expect((await b.status('unlucky', orderId)).status).toBe('pending');
    expect((await b.call('admin', { action: 'closeExpired' }, { openid: 'admin-local' })).result.closed).toBe(0);
    expect((await b.emulator.db.get('orders', orderId))!.status).toBe('pending');
    expect(b.emulator.orders().get(orderId)!.state).toBe('NOTPAY'); // still payable on WeChat's side

    b.emulator.payFault({ api: 'closeOrder', mode: 'error', times: 100 }); // refused, and the query fails
    expect((await b.status('unlucky', orderId)).status).toBe('pending');

    b.emulator.payFault({ api: 'closeOrder', mode: 'error', times: 0 });
    b.emulator.payFault({ api: 'queryOrder', mode: 'error', times: 0 });
    expect((await b.status('unlucky', orderId)).status).toBe('closed');
    expect(b.emulator.orders().get(orderId)!.state).toBe('CLOSED');
  });

  const SWEEP_PAGES =
    'the sweep pages past 120 orders that cannot close (no spin), then closes them all once WeChat answers';
  test(
    SWEEP_PAGES,
    async () => {
      b.at(SESSION_DAY, '09:00');
      const { orderId } = await b.create('many', { projectId: 'p001', amountFen: 100 });
      const template = (await b.emulator.db.get('orders', orderId))!;
      const ids = Array.from({ length: 120 }, (_, i) => `SXSWEEP${String(i).padStart(5, '0')}`);
      for (const id of ids) await b.emulator.db.put('orders', { ...template, _id: id, couponId: null, couponFen: 0 });
      b.at(SESSION_DAY, '11:00');
      b.emulator.payFault({ api: 'closeOrder', mode: 'error', times: 1000 });
      b.emulator.payFault({ api: 'queryOrder', mode: 'error', times: 1000 });
      expect((await b.call('admin', { action: 'closeExpired' }, { openid: 'admin-local' })).result.closed).toBe(0);
      expect(await b.count('orders', (o) => ids.includes(o._id) && o.status === 'pending')).toBe(120);
      b.emulator.payFault({ api: 'closeOrder', mode: 'error', times: 0 });
      b.emulator.payFault({ api: 'queryOrder', mode: 'error', times: 0 });
      // Never created on WeChat's side (ORDERNOTEXIST): closable.
      expect(
        (await b.call('admin', { action: 'closeExpired' }, { openid: 'admin-local' })).result.closed,
      ).toBeGreaterThanOrEqual(121);
      expect(await b.count('orders', (o) => ids.includes(o._id) && o.status === 'closed')).toBe(120);
    },
    120_000,
  );
});

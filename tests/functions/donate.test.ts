/** Session, projects and the donation money path through the real SDK on the emulator (issue: donation). */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { beijingMs } from '../../domain/time';
import { newOrderId } from '../../domain/ids';
import { seededRng } from '../../domain/rng';

let b: Backend;
beforeAll(async () => {
  b = await startBackend();
});
afterAll(() => b.stop());

const P = 'p001';

async function projectGet(id = P) {
  return (await b.call('projects', { action: 'get', id }, { openid: 'viewer' })).result;
}

describe('campaign and projects', () => {
  test('campaign.get returns settings, stats and the server time', async () => {
    const at = b.at(SESSION_DAY, '09:00');
    const r = await b.call('campaign', { action: 'get' }, { openid: 'u1' });
    expect(r.status).toBe(200);
    expect(r.result.campaign).toMatchObject({
      id: 'cq2022',
      startDate: '2022-04-27',
      endDate: '2022-04-29',
      matchOpensAt: '10:00',
    });
    expect(r.result.serverTime).toBe(new Date(at).toISOString());
    expect(r.result.stats.poolLeftTodayFen).toBeGreaterThan(0);
    expect(r.result.matching).toBe(false);
  });

  test('projects.list filters by domain, searches, sorts and pages', async () => {
    const all = await b.call('projects', { action: 'list', limit: 50 }, { openid: 'u1' });
    expect(all.result.total).toBe(300);
    expect(all.result.items).toHaveLength(50);
    expect(all.result.nextCursor).toBe('50');
    const edu = await b.call('projects', { action: 'list', domain: '教育帮扶', limit: 50 }, { openid: 'u1' });
    expect(edu.result.items.every((p: any) => p.domain === '教育帮扶')).toBe(true);
    const q = await b.call('projects', { action: 'list', q: '綦江' }, { openid: 'u1' });
    expect(q.result.items.length).toBeGreaterThan(0);
    expect(q.result.items.every((p: any) => `${p.title}${p.org}${p.district}${p.summary}`.includes('綦江'))).toBe(true);
    const fresh = await b.call('projects', { action: 'list', sort: 'new', limit: 5 }, { openid: 'u1' });
    const dates = fresh.result.items.map((p: any) => p.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
  });
});

describe('donation', () => {
  test('create → pay → paid, totals and ledger updated', async () => {
    b.at(SESSION_DAY, '09:30');
    const before = await projectGet();
    const orderId = await b.donate('alice', P, 1000, { message: '加油', anonymous: false });
    const st = await b.status('alice', orderId);
    expect(st).toMatchObject({ status: 'paid', amountFen: 1000, match: { amountFen: 0, reason: 'before_open' } });
    const after = await projectGet();
    expect(after.raisedFen - before.raisedFen).toBe(1000);
    expect(after.bySource.public - before.bySource.public).toBe(1000);
    expect(after.recentDonations[0]).toMatchObject({ amountFen: 1000, message: '加油' });
    expect(await b.count('journal', (e) => e.orderId === orderId)).toBe(1);
    const mine = await b.call('donate', { action: 'mine' }, { openid: 'alice' });
    expect(mine.result.items[0]).toMatchObject({
      orderId,
      status: 'paid',
      certificateNo: expect.stringMatching(/^CQ2022-/),
    });
  });

  test('another user cannot read my order', async () => {
    const { orderId } = await b.create('alice', { projectId: P, amountFen: 100 });
    const r = await b.call('donate', { action: 'status', orderId }, { openid: 'mallory' });
    expect(r.error?.code).toBe('ORDER_NOT_FOUND');
  });

  test('unpaid orders close after the timeout', async () => {
    const t0 = b.at(SESSION_DAY, '11:00');
    const { orderId } = await b.create('carol', { projectId: P, amountFen: 500 });
    b.emulator.setClock({ now: t0 + 31 * 60_000, frozen: true });
    expect((await b.status('carol', orderId)).status).toBe('closed');
    // WeChat's order was closed first: the user can no longer pay it.
    await expect(b.emulator.pay(orderId)).rejects.toThrow(/closed/);
  });

  test('an order paid just before the timeout sweep stays open for its callback', async () => {
    const t0 = b.at(SESSION_DAY, '11:10');
    const { orderId } = await b.create('dave', { projectId: P, amountFen: 700 });
    // Paid in WeChat at minute 29, but every notification fails until the timeout has passed.
    b.emulator.setClock({ now: t0 + 29 * 60_000, frozen: true });
    process.env.SHANXING_FAULT = 'callback:beforeTx';
    const paid = await b.emulator.pay(orderId).finally(() => delete process.env.SHANXING_FAULT);
    expect(paid.ok).toBe(false);
    b.emulator.setClock({ now: t0 + 31 * 60_000, frozen: true });
    const s = await b.call('donate', { action: 'status', orderId }, { openid: 'dave' });
    expect(s.error).toBeUndefined();
    expect(s.result.status).toBe('pending'); // WeChat refused to close it
    await b.call('admin', { action: 'closeExpired' }, { openid: 'admin-local' });
    expect((await b.emulator.db.get('orders', orderId))!.status).not.toBe('closed'); // (a retry may have landed)
    await b.settled([orderId]); // WeChat's next retry lands
    expect((await b.status('dave', orderId)).status).toBe('paid');
  });

  test('a payment arriving for an order we closed counts, without the coupon it had released', async () => {
    const t0 = b.at(SESSION_DAY, '11:20');
    const o = await b.create('erin', { projectId: P, amountFen: 300 });
    await b.emulator.db.put('orders', {
      ...(await b.emulator.db.get('orders', o.orderId))!,
      status: 'closed',
      couponId: 'gone',
      couponFen: 500,
    });
    b.emulator.setClock({ now: t0 + 60_000, frozen: true });
    expect((await b.callback(b.notification(o.orderId, o.payFen))).errcode).toBe(0);
    const order = (await b.emulator.db.get('orders', o.orderId))!;
    expect(order).toMatchObject({ status: 'paid', couponFen: 0, couponId: null });
    expect(
      (await b.emulator.db.get('journal', `order_${o.orderId}`))!.postings.some(
        (p: any) => p.account.kind === 'coupon',
      ),
    ).toBe(false);
  });

  describe('bad input gets a clear error code and changes nothing', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['float amount', { projectId: P, amountFen: 100.5 }, 'INVALID_INPUT'],
      ['string amount', { projectId: P, amountFen: '100' }, 'INVALID_INPUT'],
      ['negative amount', { projectId: P, amountFen: -100 }, 'AMOUNT_TOO_SMALL'],
      ['zero amount', { projectId: P, amountFen: 0 }, 'AMOUNT_TOO_SMALL'],
      ['99 fen', { projectId: P, amountFen: 99 }, 'AMOUNT_TOO_SMALL'],
      ['huge amount', { projectId: P, amountFen: 1e15 }, 'AMOUNT_TOO_LARGE'],
      ['unsafe integer', { projectId: P, amountFen: 2 ** 60 }, 'INVALID_INPUT'],
      ['unknown project', { projectId: 'p999', amountFen: 100 }, 'PROJECT_NOT_FOUND'],
      ['client-sent openid', { projectId: P, amountFen: 100, openid: 'victim' }, 'CLIENT_OPENID_REJECTED'],
      ['unknown field', { projectId: P, amountFen: 100, matchFen: 99900 }, 'INVALID_INPUT'],
      ['rude message', { projectId: P, amountFen: 100, message: '赌博' }, 'CONTENT_REJECTED'],
    ];
    test.each(cases)('%s', async (_name, data, code) => {
      b.at(SESSION_DAY, '12:00');
      const before = await b.count('orders');
      const r = await b.call('donate', { action: 'create', ...data }, { openid: 'bad' });
      expect(r.status).toBe(400);
      expect(r.error?.code).toBe(code);
      expect(await b.count('orders')).toBe(before);
    });

    test('closed session', async () => {
      b.at('2022-04-30', '10:00');
      const before = await b.count('orders');
      const r = await b.call('donate', { action: 'create', projectId: P, amountFen: 100 }, { openid: 'late' });
      expect(r.error?.code).toBe('SESSION_CLOSED');
      expect(await b.count('orders')).toBe(before);
    });

    test('unknown action and missing action', async () => {
      expect((await b.call('donate', { action: 'steal' }, { openid: 'x' })).error?.code).toBe('UNKNOWN_ACTION');
      expect((await b.call('donate', {}, { openid: 'x' })).error?.code).toBe('INVALID_INPUT');
    });

    test('a client calling the payment callback directly is refused', async () => {
      b.at(SESSION_DAY, '12:00');
      const { orderId, payFen } = await b.create('eve', { projectId: P, amountFen: 100 });
      const r = await b.call('payCallback', b.notification(orderId, payFen), { openid: 'eve' });
      expect(r.error?.code).toBe('FORBIDDEN_SOURCE');
      expect((await b.status('eve', orderId)).status).toBe('pending');
    });
  });
});

describe('my donations at any length of history', () => {
  /** Test-side setup: `n` paid orders on a day, as payCallback leaves them (made here: paying 100 takes minutes). */
  async function paidHistory(openid: string, day: string, n: number, rngSeed: string): Promise<string[]> {
    const rng = seededRng(rngSeed);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const at = beijingMs(day, '11:00') + i * 60_000;
      const _id = newOrderId(at, rng, 'cq2022');
      ids.push(_id);
      await b.emulator.db.put('orders', {
        _id,
        campaignId: 'cq2022',
        openid,
        projectId: i % 2 ? 'p002' : 'p003',
        amountFen: 100 + i,
        payFen: 100 + i,
        couponFen: 0,
        couponId: null,
        message: '',
        anonymous: false,
        shareId: null,
        status: 'paid',
        createdAt: at,
        expiresAt: at + 30 * 60_000,
        day,
        paidAt: at + 1000,
        transactionId: null,
        match: { amountFen: i % 3 ? 0 : 10, reason: i % 3 ? 'not_drawn' : undefined },
        flowersEarned: 0,
        extraDraws: 0,
      });
    }
    return ids;
  }

  const FLOWERS_PAST_100 =
    'donation flowers keep coming after the 100th paid order; mine totals cover every order; pages by cursor';
  test(FLOWERS_PAST_100, async () => {
    const u = 'long-history';
    const old = [...(await paidHistory(u, '2022-04-27', 60, 'h1')), ...(await paidHistory(u, SESSION_DAY, 60, 'h2'))];
    b.at('2022-04-29', '10:30');
    const fresh = [await b.donate(u, P, 500), await b.donate(u, P, 700)];
    const statuses = await Promise.all(fresh.map((o) => b.status(u, o)));
    expect(statuses.map((s) => s.flowersEarned)).toEqual([1, 1]);
    const bal = (await b.call('flowers', { action: 'balance' }, { openid: u })).result;
    expect(bal.earnedToday.donate).toBe(2);
    expect(bal.balance).toBe(3 + 3 + 2); // each day's cap of 3, then today's two

    const oldFen = old.reduce((sum, _id, i) => sum + 100 + (i % 60), 0);
    const oldMatch = [...Array(60).keys()].filter((i) => i % 3 === 0).length * 10 * 2;
    const pages: any[] = [];
    let cursor: string | undefined;
    do {
      const r = await b.call('donate', { action: 'mine', limit: 50, ...(cursor ? { cursor } : {}) }, { openid: u });
      expect(r.error).toBeUndefined();
      pages.push(r.result);
      cursor = r.result.nextCursor ?? undefined;
    } while (cursor);
    expect(pages.map((p) => p.items.length)).toEqual([50, 50, 22]);
    const seen = pages.flatMap((p) => p.items.map((i: any) => i.orderId));
    expect(new Set(seen).size).toBe(122);
    expect(new Set(seen)).toEqual(new Set([...old, ...fresh]));
    const created = pages.flatMap((p) => p.items.map((i: any) => Date.parse(i.createdAt)));
    expect(created).toEqual([...created].sort((x, y) => y - x));
    const freshMatch = (await Promise.all(fresh.map((o) => b.emulator.db.get('orders', o)))).reduce(
      (sum, o) => sum + (o!.match?.amountFen ?? 0),
      0,
    );
    for (const p of pages)
      expect(p.totals).toEqual({
        donatedFen: oldFen + 1200,
        matchedFen: oldMatch + freshMatch,
        count: 122,
        projects: 3,
      });
  });

  test('a bad cursor is INVALID_INPUT', async () => {
    for (const cursor of ['0', 'x.SX2022042800000000000000', '1.SX', 'a'.repeat(60)]) {
      expect((await b.call('donate', { action: 'mine', cursor }, { openid: 'long-history' })).error?.code).toBe(
        'INVALID_INPUT',
      );
    }
  });
});

describe('the public donor name', () => {
  test('never carries openid characters and differs per project for the same donor', async () => {
    b.at(SESSION_DAY, '16:00');
    const donor = 'wx_openid_ABCD';
    await b.donate(donor, 'p004', 100);
    await b.donate(donor, 'p005', 100);
    await b.donate('another_ABCD', 'p004', 100);
    const names = async (id: string) =>
      (await b.call('projects', { action: 'get', id }, { openid: 'viewer' })).result.recentDonations.map(
        (d: any) => d.name,
      );
    const [on4, on5] = [await names('p004'), await names('p005')];
    for (const n of [...on4, ...on5]) {
      expect(n).toMatch(/^爱心网友[0-9A-F]{4}$/);
      expect(n).not.toContain('ABCD');
    }
    expect(on4[1]).not.toBe(on5[0]); // the same donor (newest first: another_ABCD is on4[0])
    expect(await names('p004')).toEqual(on4); // stable
  });
});

/**
 * At a demo time after 10:00 Beijing, a 1-yuan donation reveals its match on the result page —
 * "腾讯基金会为你配捐 ¥0.xx" while the day's pool is fresh (pacing is far behind its curve at 10:30, so an
 * eligible draw is certain; the amount is random, at most match.maxRatioBp of the donation, never all of it)
 * — and, once today's pool is used up, the reason.
 */
import { C } from '../../cloudfunctions/_lib/collections';
import { formatYuan } from '../../domain/money';
import { describeE2E, donateOneYuan, route, SESSION_DAY, startE2E, type E2E } from './support';

const OPENID = 'e2e_donor_match';

describeE2E('e2e: the match reveal after 10:00', () => {
  let e: E2E;
  beforeAll(async () => {
    // Reproducible draws (the functions read it through cloudfunctions/_lib/clock.ts).
    process.env.SHANXING_RANDOM_SEED = 'e2e-match';
    e = await startE2E();
  });
  afterAll(async () => {
    delete process.env.SHANXING_RANDOM_SEED;
    await e?.close();
  });

  test('10:30: donate 1 yuan → paid → a random match below ¥1.00, on the result page and under 我的', async () => {
    e.at('10:30');
    const { page } = await e.open({ openid: OPENID });
    await page.goto(`${e.url}/`);
    await page.locator('.match-status', { hasText: '配捐进行中' }).waitFor();

    await page.goto(route(e.url, '/pkg-project/detail/index?id=p002'));
    await page.locator('.project-title').waitFor();
    const orderId = await donateOneYuan(page);
    await page.locator('.result-status--paid').getByText('支付成功 ¥1.00').waitFor();
    const reveal = page.locator('.match-result--decided.match-result--matched');
    await reveal.waitFor();
    const status = await e.t.call('donate', { action: 'status', orderId }, { openid: OPENID });
    expect(status.result).toMatchObject({ status: 'paid' });
    const matchFen: number = status.result.match.amountFen;
    expect(matchFen).toBeGreaterThan(0);
    expect(matchFen).toBeLessThanOrEqual(80); // match.maxRatioBp: at most 80 % of the donation
    const matchText = `腾讯基金会为你配捐 ${formatYuan(matchFen)}`;
    await expect(reveal.textContent()).resolves.toBe(matchText);
    await e.screenshot(page, '2-match-matched');

    await page.locator('.result__mine').click();
    const row = page.locator(`.me-donation[data-order-id="${orderId}"]`);
    await row.locator('.me-donation__match', { hasText: matchText }).waitFor();
    await page.locator('.total-matched', { hasText: formatYuan(matchFen) }).waitFor();
  });

  test('today’s pool used up: the next donation reveals the reason, home shows nothing left', async () => {
    e.at('15:00');
    // Spend every shard of today's pool (the emulator handle writes the store directly).
    const shards = await e.t.emulator.db.find(C.poolShards, (d) => d.day === SESSION_DAY);
    expect(shards.length).toBeGreaterThan(0);
    for (const s of shards) await e.t.emulator.db.put(C.poolShards, { ...s, spentFen: s.budgetFen });

    const { page } = await e.open({ openid: OPENID });
    await page.goto(route(e.url, '/pkg-project/detail/index?id=p003'));
    await page.locator('.project-title').waitFor();
    const orderId = await donateOneYuan(page);
    await page.locator('.result-status--paid').waitFor();
    await page.locator('.match-result--decided', { hasText: '今日配捐金已用完' }).waitFor();
    expect(await page.locator('.match-result--matched').count()).toBe(0);
    const status = await e.t.call('donate', { action: 'status', orderId }, { openid: OPENID });
    expect(status.result.match).toEqual({ amountFen: 0, reason: 'pool_empty' });
    await e.screenshot(page, '2-match-pool-empty');

    await page.locator('.result__home').click();
    await page.locator('.match-status', { hasText: '今日剩余配捐 ¥0.00' }).waitFor();
  });
});

/**
 * The donor's experience, the parts a donor sees (issue 14): photos from cloud storage on the cards and the
 * project page (the seed draws them), the coupon centre in 我的 (claimable and mine, each linking to its
 * projects, and the badge on an eligible card), and the result page's match reveal naming the project.
 */
import type { Page } from 'playwright-core';
import { formatYuan } from '../../domain/money';
import { PROJECT_BY_ID } from '../../seed';
import { PHOTO_HEIGHT, PHOTO_WIDTH } from '../../scripts/seed-photos';
import { describeE2E, donateOneYuan, route, settled, startE2E, type E2E } from './support';

const OPENID = 'e2e_moment';

/** The loaded <img> elements under `selector` whose source is the emulator's storage (a temporary URL). */
const loadedFromStorage = (page: Page, selector: string) =>
  page
    .locator(`${selector} img`)
    .evaluateAll((imgs) =>
      (imgs as HTMLImageElement[])
        .filter((i) => i.complete && i.naturalWidth > 0 && i.currentSrc.includes('/__files/'))
        .map((i) => ({ src: i.currentSrc, w: i.naturalWidth, h: i.naturalHeight })),
    );

/** Wait until `read()` satisfies `ok` (jest has no expect.poll). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describeE2E('e2e: photos, the coupon centre and the match reveal', () => {
  let e: E2E;
  beforeAll(async () => {
    process.env.SHANXING_RANDOM_SEED = 'e2e-moment'; // a reproducible match draw
    e = await startE2E();
  });
  afterAll(async () => {
    delete process.env.SHANXING_RANDOM_SEED;
    await e?.close();
  });

  test('cards and the project page show photos loaded from storage, in batches', async () => {
    e.at('09:00');
    const { page } = await e.open({ openid: OPENID });
    page.setDefaultTimeout(60_000); // a loaded shared machine takes 20 s to a first card
    const batches: number[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/getTempFileURL'))
        batches.push((JSON.parse(r.postData() ?? '{}').fileList ?? []).length);
    });
    await page.goto(`${e.url}/`);
    await page.locator('.project-card').first().waitFor();
    const cardPhotos = await until(
      () => loadedFromStorage(page, '.project-card__photo'),
      (l) => l.length > 0,
    );
    expect(cardPhotos.length).toBeGreaterThan(0);
    // One request for the first page of cards, not one per card.
    expect(batches.length).toBeGreaterThan(0);
    expect(batches[0]).toBeGreaterThan(1);
    await e.screenshot(page, 'moment-0-home');

    await page.goto(route(e.url, '/pkg-project/detail/index?id=p001'));
    await page.locator('.project-title').waitFor();
    const [photo] = await until(
      () => loadedFromStorage(page, '.photo-gallery'),
      (l) => l.length > 0,
    );
    // The seed's own PNG, served from storage.
    expect([photo.w, photo.h]).toEqual([PHOTO_WIDTH, PHOTO_HEIGHT]);
    await page.locator('.photo-gallery__count', { hasText: '共3张照片' }).waitFor();
    await e.screenshot(page, 'moment-1-gallery');
  });

  test('the coupon centre: claimable and mine, linking to their projects; cards carry a badge', async () => {
    e.at('10:05');
    const { page } = await e.open({ openid: OPENID });
    page.setDefaultTimeout(60_000);
    await page.goto(route(e.url, '/pages/me/index'));
    await page.locator('.entry-coupons').click();
    await page.waitForURL(/pkg-me\/coupons\/index/);
    const claimable = page.locator('.coupon-claimable .coupon-item');
    await claimable.first().waitFor();
    const before = await claimable.count();
    const first = claimable.first();
    const batchId = await first.getAttribute('data-batch-id');
    await first.locator('.coupon-center-claim').click();
    // Claimed: it moves to 我的爱心券 with its status, still listing its projects.
    const mine = page.locator(`.coupon-mine .coupon-item[data-batch-id="${batchId}"]`);
    await mine.locator('.coupon-item__status', { hasText: '可使用' }).waitFor();
    expect(
      await until(
        () => claimable.count(),
        (n) => n === before - 1,
      ),
    ).toBe(before - 1);
    await e.screenshot(page, 'moment-2-coupon-centre');
    const link = mine.locator('.coupon-project').first();
    const projectId = (await link.getAttribute('data-project-id'))!;
    await link.click();
    await page.waitForURL(new RegExp(`pkg-project/detail/index\\?id=${projectId}`));
    await page.locator('.project-title', { hasText: PROJECT_BY_ID[projectId].title }).waitFor();

    // The home's cards: an eligible project carries the 券 badge (from the one cached coupon list).
    await page.goto(`${e.url}/`);
    await page.locator('.search-input input').fill(PROJECT_BY_ID[projectId].title);
    await page.locator('.search-input input').press('Enter');
    const card = page.locator(`.project-card[data-id="${projectId}"]`);
    await card.locator('.project-card__coupon', { hasText: '券' }).waitFor();
    expect(await page.locator('.project-card[data-id="p300"] .project-card__coupon').count()).toBe(0);
  });

  test('10:30: the result page names the project and reveals the match, counting up to it', async () => {
    e.at('10:30');
    const { page } = await e.open({ openid: OPENID });
    page.setDefaultTimeout(60_000);
    await page.goto(route(e.url, '/pkg-project/detail/index?id=p004'));
    await page.locator('.project-title').waitFor();
    const orderId = await donateOneYuan(page);
    await page.locator('.result__project', { hasText: PROJECT_BY_ID.p004.title }).waitFor();
    const reveal = page.locator('.match-reveal');
    await reveal.waitFor();
    const status = (await e.t.call('donate', { action: 'status', orderId }, { openid: OPENID })).result;
    const matchFen: number = status.match.amountFen;
    expect(matchFen).toBeGreaterThan(0);
    // The amount counts up and lands on the match; the envelope's animations run to their end.
    const amount = reveal.locator('.match-reveal__amount');
    await amount.filter({ hasText: formatYuan(matchFen) }).waitFor();
    await settled(page);
    await expect(page.locator('.match-result--matched').textContent()).resolves.toBe(
      `腾讯基金会为你配捐 ${formatYuan(matchFen)}`,
    );
    await page.locator('.result-breakdown__match', { hasText: formatYuan(matchFen) }).waitFor();
    await page.locator('.result__certificate').waitFor();
    await page.locator('.result__poster').waitFor();
    await e.screenshot(page, 'moment-3-reveal');
  });

  test("a donation through a friend's assist page: the result says the friend was helped", async () => {
    e.at('10:35');
    const inviter = 'e2e_moment_inviter';
    const created = await e.t.call(
      'donate',
      { action: 'create', projectId: 'p006', amountFen: 500 },
      { openid: inviter },
    );
    await e.t.emulator.pay(created.result.orderId);
    await e.t.call('users', { action: 'setProfile', nickname: '邀请人小李' }, { openid: inviter });
    const { shareId } = (await e.t.call('assist', { action: 'share', projectId: 'p006' }, { openid: inviter })).result;
    const { page } = await e.open({ openid: OPENID });
    page.setDefaultTimeout(60_000);
    await page.goto(route(e.url, `/pkg-assist/assist/index?shareId=${shareId}`));
    await page.locator('.assist-donate').first().click();
    const sheet = page.locator('.donate-sheet');
    await sheet.locator('.amount-preset[data-fen="100"]').click();
    await sheet.locator('.donate-submit').click();
    await page.locator('.pay-confirm').getByRole('button', { name: '确认支付' }).click();
    await page.waitForURL(/pkg-donate\/result\/index\?orderId=/);
    await page.locator('.result__assist--helped', { hasText: '已为好友 邀请人小李 助力' }).waitFor();
    await e.screenshot(page, 'moment-4-assist-result');
  });

  test('with prefers-reduced-motion the match shows at once', async () => {
    e.at('10:40');
    const { page } = await e.open({ openid: OPENID });
    page.setDefaultTimeout(60_000);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(route(e.url, '/pkg-project/detail/index?id=p005'));
    await page.locator('.project-title').waitFor();
    const orderId = await donateOneYuan(page);
    await page.locator('.match-reveal').waitFor();
    const matchFen: number = (await e.t.call('donate', { action: 'status', orderId }, { openid: OPENID })).result.match
      .amountFen;
    // The first frame already shows the final amount (no count-up).
    await expect(page.locator('.match-reveal__amount').textContent()).resolves.toBe(formatYuan(matchFen));
  });
});

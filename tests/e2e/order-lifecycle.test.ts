/**
 * The order lifecycle as a donor meets it at 390×844: a double tap on 确认捐款 is one order and one pay
 * sheet; going back during payment closes the sheet and its order (nothing is paid for another project);
 * a cancelled order in 我的 can be paid again (重新捐款) or deleted; a pending one can be resumed; after a
 * payment the project page shows the new raised amount and the donor.
 */
import type { Page } from 'playwright-core';
import { confirmPay, describeE2E, route, settled, startE2E, type E2E } from './support';

const OPENID = 'e2e_order_lifecycle';

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
}

describeE2E('e2e: order lifecycle (one tap one order, back cancels, 我的 resume/again/delete)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e?.close();
  });

  const orders = () => e.t.emulator.db.find('orders', (o: any) => o.openid === OPENID);

  async function openSheet(page: Page, projectId: string) {
    await page.goto(route(e.url, `/pkg-project/detail/index?id=${projectId}`));
    await page.locator('.donate-button').click();
    const sheet = page.locator('.donate-sheet');
    await sheet.waitFor();
    await sheet.locator('.amount-preset[data-fen="100"]').click();
    await sheet.locator('.amount-preset--active[data-fen="100"]').waitFor();
    return sheet;
  }

  test('double tap → one order, one pay sheet; cancel closes it', async () => {
    e.at('09:10');
    const { page } = await e.open({ openid: OPENID });
    const sheet = await openSheet(page, 'p031');
    // Two taps in the same task: no render can disable the button between them.
    await sheet.locator('.donate-submit').evaluate((el) => {
      (el as HTMLElement).click();
      (el as HTMLElement).click();
    });
    await page.locator('.pay-confirm').waitFor();
    await page.waitForTimeout(800);
    expect(await page.locator('.pay-confirm').count()).toBe(1);
    expect(await orders()).toHaveLength(1);
    await page.locator('.pay-confirm-cancel').click();
    await page.waitForFunction(() => !document.querySelector('.pay-confirm'));
    expect(
      await until(
        async () => (await orders())[0].status,
        (st) => st === 'closed',
      ),
    ).toBe('closed');
  });

  test('back during payment closes the pay sheet and its order; nothing pays for the next project', async () => {
    e.at('09:20');
    const { page } = await e.open({ openid: OPENID });
    await page.goto(route(e.url, '/pages/index/index'));
    await page.locator('.project-card').first().waitFor();
    const sheet = await openSheet(page, 'p032');
    await sheet.locator('.donate-submit').click();
    await page.locator('.pay-confirm').waitFor();
    await page.goBack();
    await page.waitForFunction(() => !document.querySelector('.pay-confirm'));
    const created = (await orders()).find((o: any) => o.projectId === 'p032');
    expect(created).toBeDefined();
    const status = () => orders().then((all) => all.find((o: any) => o.projectId === 'p032')?.status);
    expect(await until(status, (st) => st === 'closed')).toBe('closed');
    // Another project's page: no pay sheet left over it.
    await page.goto(route(e.url, '/pkg-project/detail/index?id=p033'));
    await page.locator('.donate-button').waitFor();
    await settled(page);
    expect(await page.locator('.pay-confirm').count()).toBe(0);
    expect((await orders()).filter((o: any) => o.status === 'paid')).toHaveLength(0);
  });

  test('我的: a cancelled order can be paid again or deleted; a pending one resumed', async () => {
    e.at('09:30');
    const { page } = await e.open({ openid: OPENID });
    // H5 keeps pages it has left in the DOM, hidden (a tab page may be there twice): only what is shown counts.
    const shown = (selector: string) => page.locator(`${selector}:visible`);
    const countShown = (selector: string, n: number) =>
      until(
        () => shown(selector).count(),
        (c) => c === n,
        15_000,
      );
    // A pending order, as a pay sheet the app never heard back from (app killed) leaves it.
    const made = await e.t.call('donate', { action: 'create', projectId: 'p034', amountFen: 100 }, { openid: OPENID });
    expect(made.error).toBeUndefined();
    await page.goto(route(e.url, '/pages/me/index'));
    const pending = shown('.me-donation--pending');
    await pending.waitFor();
    await pending.getByText('继续支付').waitFor();
    await pending.getByText('取消').waitFor();
    expect(await countShown('.me-donation--closed', 2)).toBe(2);
    await shown('.me-donation--closed').first().getByText('已取消').waitFor();

    // 继续支付 → the same order is paid.
    const pendingId = await pending.getAttribute('data-order-id');
    await pending.locator('.order-resume').click();
    await confirmPay(page);
    await page.waitForURL(/pkg-donate\/result\/index\?orderId=/);
    expect(page.url()).toContain(pendingId!);
    await shown('.result-status--paid').waitFor();

    // 重新捐款 of a cancelled one → a new paid order for the same project. 查看我的捐款 on the result page: 我的 loads
    // its list on show, and the resumed order's row is paid.
    await shown('.result__mine').click();
    await shown(`.me-donation--paid[data-order-id="${pendingId}"]`).waitFor({ timeout: 30_000 });
    const again = shown('.me-donation--closed').first();
    const againId = await again.getAttribute('data-order-id');
    const againProject = (await orders()).find((o: any) => o._id === againId)!;
    await again.locator('.order-again').click();
    await confirmPay(page);
    await page.waitForURL(/pkg-donate\/result\/index\?orderId=/);
    await shown('.result-status--paid').waitFor();
    const paid = (await orders()).filter((o: any) => o.status === 'paid');
    expect(paid.map((o: any) => o.projectId).sort()).toEqual(['p034', againProject.projectId].sort());

    // 删除 the other cancelled one: it leaves the list.
    await shown('.result__mine').click();
    expect(await countShown('.me-donation--paid', 2)).toBe(2);
    expect(await countShown('.me-donation--closed', 2)).toBe(2);
    const doomed = shown('.me-donation--closed').first();
    const doomedId = await doomed.getAttribute('data-order-id');
    await doomed.locator('.order-remove').click();
    await shown(`.me-donation[data-order-id="${doomedId}"]`).waitFor({ state: 'hidden' });
    expect(await countShown('.me-donation--closed', 1)).toBe(1);
    expect((await orders()).find((o: any) => o._id === doomedId)?.hiddenAt).toBeDefined();
  });

  test('pay, go back: the project page shows the new raised amount and the donor by their new nickname', async () => {
    e.at('09:40');
    const { page } = await e.open({ openid: `${OPENID}_2` });
    // 我的: set a nickname (H5: a text field and 保存; the server checks it).
    await page.goto(route(e.url, '/pages/me/index'));
    const nickname = page.locator('.profile__nickname input');
    await nickname.waitFor();
    await nickname.fill('渝中小张');
    await page.locator('.profile__save').click();
    await page.locator('.profile__hint', { hasText: '匿名捐款时不展示昵称和头像' }).waitFor();
    expect((await e.t.call('users', { action: 'me' }, { openid: `${OPENID}_2` })).result.nickname).toBe('渝中小张');

    await page.goto(route(e.url, '/pkg-project/detail/index?id=p035'));
    const raised = page.locator('.detail__raised .detail__money');
    await raised.waitFor();
    const before = await raised.textContent();
    await page.locator('.donate-button').click();
    await page.locator('.amount-preset[data-fen="1000"]').click();
    await page.locator('.donate-submit').click();
    await confirmPay(page);
    await page.locator('.result-status--paid').waitFor();
    await page.goBack();
    await page.locator('.detail__raised').waitFor();
    expect(
      await until(
        () => raised.textContent(),
        (t) => t !== before,
      ),
    ).not.toBe(before);
    await page.locator('.recent-donation__name', { hasText: '渝中小张' }).first().waitFor();
  });
});

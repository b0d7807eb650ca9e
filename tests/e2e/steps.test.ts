/**
 * 一块走: the H5 WeRun panel sets today's steps to 7,000 through the emulator (POST /__emulator/werun
 * issues a cloudID for this identity), the page shows them against the 6,000 goal, "捐出今日步数" donates them,
 * the sponsor message "xx 为你的 7,000 步捐出 ¥x.xx" appears, and the 7-day history and sponsor wall show it.
 */
import { C, type StepDonationDoc } from '../../cloudfunctions/_lib/collections';
import { SPONSORS } from '../../seed';
import { describeE2E, SESSION_DAY, startE2E, type E2E } from './support';

const OPENID = 'e2e_walker';
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

describeE2E('e2e: 一块走 — set 7,000 steps, donate them, sponsor message and history', () => {
  let e: E2E;
  beforeAll(async () => {
    process.env.SHANXING_RANDOM_SEED = 'e2e-steps';
    e = await startE2E();
  });
  afterAll(async () => {
    delete process.env.SHANXING_RANDOM_SEED;
    await e?.close();
  });

  test('7,000 steps → donated → sponsor message, history and sponsor wall', async () => {
    e.at('12:00');
    const { page } = await e.open({ openid: OPENID });
    await page.goto(`${e.url}/`);
    await page.locator('.entry-steps').click();
    await page.waitForURL(/pkg-steps\/steps\/index/);

    // No WeRun in a browser: the page asks for emulated steps first.
    await page.locator('.steps-hint', { hasText: '请先在上方设置今日模拟步数' }).waitFor();
    await page.locator('.werun-steps-input input').fill('7000');
    const issued = page.waitForResponse((r) => r.url().endsWith('/__emulator/werun') && r.ok());
    await page.locator('.werun-set').click();
    const werun = (await (await issued).json()) as { cloudID: string; date: string };
    expect(werun.cloudID).toBeTruthy();
    expect(werun.date).toBe(SESSION_DAY);

    await page.locator('.steps-count', { hasText: '7,000' }).waitFor();
    await page.locator('.steps-card__h', { hasText: '今天已走 7,000 步，可以捐出啦' }).waitFor();
    expect(await page.locator('.steps-ring').getAttribute('data-pct')).toBe('100');
    await page.locator('.steps-project__title').waitFor();
    const projectTitle = (await page.locator('.steps-project__title').textContent())!.trim();
    await e.screenshot(page, '4-steps-before');

    await page.locator('.steps-donate').click();
    const message = page.locator('.steps-result .steps-result__main');
    await message.waitFor();
    const text = (await message.textContent())!.trim();
    const m = text.match(/^(.+) 为你的 7,000 步捐出 ¥(\d+\.\d{2})$/);
    expect(m).not.toBeNull();
    const [, sponsorName, amountYuan] = m!;
    expect(SPONSORS.map((s) => s.name)).toContain(sponsorName);
    await page.locator('.steps-result__project', { hasText: projectTitle }).waitFor();

    // The backend recorded exactly that: steps from the WeRun data, the sponsor, the amount, the project.
    const donations = await e.t.emulator.db.find(C.stepDonations, (d) => d.openid === OPENID);
    expect(donations).toHaveLength(1);
    const d = donations[0] as unknown as StepDonationDoc;
    expect(d).toMatchObject({ steps: 7000, day: SESSION_DAY });
    expect(SPONSORS.find((s) => s.id === d.sponsorId)?.name).toBe(sponsorName);
    expect(yuan(d.amountFen)).toBe(`¥${amountYuan}`);

    // 7-day history: today donated with the sponsor and amount.
    const today = page.locator(`.steps-history-item--donated[data-day="${SESSION_DAY}"]`);
    await today.waitFor();
    await today.locator('.steps-history-item__steps', { hasText: '7,000步' }).waitFor();
    await today.locator('.steps-history-item__amount', { hasText: `${sponsorName} ¥${amountYuan}` }).waitFor();
    expect(await page.locator('.steps-history-item').count()).toBe(7);

    // The sponsor wall shows what that enterprise has paid so far.
    await page
      .locator(`.sponsor-item[data-id="${d.sponsorId}"] .sponsor-item__paid`, { hasText: `已捐 ¥${amountYuan}` })
      .waitFor();
    await e.screenshot(page, '4-steps-donated');

    // Coming back later the same day: already donated, with the same message; no second donation.
    await page.reload();
    await page.locator('.steps-done__main', { hasText: '今日步数已捐出' }).waitFor();
    await page.locator('.steps-done__sub', { hasText: `${sponsorName} 为你的 7,000 步捐出 ¥${amountYuan}` }).waitFor();
    expect(await page.locator('.steps-donate').count()).toBe(0);
  });
});

/**
 * The donation path: session home with project cards from the backend, windowed list over
 * 300 projects, a domain tab and search, a project page, a 1-yuan donation paid through the H5 pay sheet,
 * the result page, then "我的" lists it and its certificate canvas draws.
 */
import type { Page } from 'playwright-core';
import { PROJECTS } from '../../seed';
import { describeE2E, donateOneYuan, startE2E, type E2E } from './support';

const OPENID = 'e2e_donor_home';
const cardIds = (page: Page) =>
  page.locator('.project-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));

describeE2E('e2e: home → project → donate 1 yuan → result → 我的 + certificate', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e?.close();
  });

  test('browse, filter, donate, pay, see it under 我的 with its certificate', async () => {
    // Before 10:00 Beijing: the session is live but the match has not opened (deterministic outcome).
    e.at('09:30');
    const { page } = await e.open({ openid: OPENID });
    await page.goto(`${e.url}/`);

    // Home: banner, stats, the countdown to 10:00, and cards from the backend.
    await page.locator('.home .session-banner__name', { hasText: '乡村振兴' }).waitFor();
    await page
      .locator('.match-status')
      .getByText(/距今日10:00配捐开启/)
      .waitFor();
    await page.locator('.project-card').first().waitFor();
    await page.locator('.project-filters__total').getByText(`共 ${PROJECTS.length} 个项目`).waitFor();
    expect(await page.locator('.project-card').first().getAttribute('data-id')).toMatch(/^p\d+$/);

    // 300 projects, but only a window of cards is in the DOM, and it moves as the page scrolls.
    const firstWindow = await cardIds(page);
    expect(firstWindow.length).toBeGreaterThan(3);
    expect(firstWindow.length).toBeLessThan(30);
    await page.mouse.move(195, 600);
    for (let i = 0; i < 8; i++) {
      await page.mouse.wheel(0, 2500);
      await page.waitForTimeout(150);
    }
    await page.waitForFunction((first) => !document.querySelector(`.project-card[data-id="${first}"]`), firstWindow[0]);
    // One snapshot: the list may still be settling after the wheel, so cards and rows are counted in the same frame.
    const { laterWindow, rows } = await page.evaluate(() => ({
      laterWindow: Array.from(document.querySelectorAll('.project-card')).map((e) => e.getAttribute('data-id') ?? ''),
      rows: document.querySelectorAll('.windowed-list__item').length,
    }));
    expect(laterWindow.length).toBeLessThan(30);
    expect(laterWindow).not.toContain(firstWindow[0]);
    expect(rows).toBe(laterWindow.length);
    // Meanwhile more pages were loaded: the list is as tall as all loaded items, far more than are rendered.
    const loaded = await page.locator('.windowed-list').evaluate((list) => {
      const item = list.querySelector('.windowed-list__item') as HTMLElement;
      return Math.round(list.getBoundingClientRect().height / item.getBoundingClientRect().height);
    });
    expect(loaded).toBeGreaterThanOrEqual(40);
    expect(loaded).toBeGreaterThan(laterWindow.length * 2);
    await page.mouse.wheel(0, -100_000);

    // Domain tab: only that domain's projects, and the total from the backend.
    const domain = '教育帮扶';
    await page.locator('.domain-tab', { hasText: domain }).click();
    await page.locator('.domain-tab--active', { hasText: domain }).waitFor();
    const inDomain = PROJECTS.filter((p) => p.domain === domain);
    await page.locator('.project-filters__total').getByText(`共 ${inDomain.length} 个项目`).waitFor();
    const shown = await page
      .locator('.project-card')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-id') ?? '', e.querySelector('.project-card__domain')?.textContent ?? '']),
      );
    expect(shown.length).toBeGreaterThan(0);
    for (const [id, label] of shown) {
      expect(inDomain.map((p) => p.id)).toContain(id);
      expect(label).toBe(domain);
    }

    // Search within the tab (title, organisation, district or summary).
    const q = '武隆';
    const hits = inDomain.filter((p) => [p.title, p.org, p.district, p.summary].some((s) => s.includes(q)));
    expect(hits.length).toBeGreaterThan(0);
    await page.locator('.search-input input').fill(q);
    await page.locator('.project-filters__total').getByText(`共 ${hits.length} 个项目`).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('.project-card').length === n, hits.length);
    expect((await cardIds(page)).sort()).toEqual(hits.map((p) => p.id).sort());
    await e.screenshot(page, '1-home-filtered');

    // Open the first hit.
    const project = PROJECTS.find((p) => p.id === hits[0].id)!;
    await page.locator(`.project-card[data-id="${project.id}"]`).click();
    await page.waitForURL(/pkg-project\/detail\/index\?id=/);
    await page.locator('.project-title', { hasText: project.title }).waitFor();
    await page.locator('.detail__org', { hasText: project.org }).waitFor();
    await page.locator('.detail__h', { hasText: '筹款构成' }).waitFor();

    // Donate 1 yuan: sheet → H5 pay confirm (emulator pay control) → result page.
    const orderId = await donateOneYuan(page, { beforePay: () => e.screenshot(page, '1-pay-confirm') });
    await page.locator('.result-status--paid').getByText('支付成功 ¥1.00').waitFor();
    await page.locator('.match-result--decided').getByText('未到10:00配捐时间').waitFor();
    // The backend agrees: paid once, no match before 10:00.
    const status = await e.t.call('donate', { action: 'status', orderId }, { openid: OPENID });
    expect(status.result).toMatchObject({
      status: 'paid',
      amountFen: 100,
      match: { amountFen: 0, reason: 'before_open' },
    });
    await e.screenshot(page, '1-result-paid');

    // 我的: the donation, totals, then its certificate drawn on the canvas.
    await page.locator('.result__mine', { hasText: '查看我的捐款' }).click();
    const row = page.locator(`.me-donation[data-order-id="${orderId}"]`);
    await row.waitFor();
    await expect(row.locator('.me-donation__title').textContent()).resolves.toBe(project.title);
    await expect(row.locator('.me-donation__amount').textContent()).resolves.toBe('¥1.00');
    await page.locator('.total-donated', { hasText: '¥1.00' }).waitFor();
    await e.screenshot(page, '1-me');
    await row.click();
    await page.waitForURL(/pkg-me\/certificate\/index\?orderId=/);
    await page.locator('.certificate-canvas--drawn').waitFor();
    // Really drawn: the canvas holds many distinct non-blank pixels (text, border), not an empty bitmap.
    const painted = await page
      .locator('.certificate-canvas canvas, canvas.certificate-canvas')
      .first()
      .evaluate((c) => {
        const canvas = c as HTMLCanvasElement;
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        const colours = new Set<number>();
        let inked = 0;
        for (let i = 0; i < data.length; i += 16) {
          if (data[i + 3] > 0) inked++;
          colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        }
        return { width: canvas.width, height: canvas.height, inked, colours: colours.size };
      });
    expect(painted.width).toBeGreaterThan(0);
    expect(painted.inked).toBeGreaterThan(1000);
    expect(painted.colours).toBeGreaterThan(20);
    await e.screenshot(page, '1-certificate');
  });
});

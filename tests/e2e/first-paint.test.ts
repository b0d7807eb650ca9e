/**
 * The H5 pre-boot shell: with the app's scripts held back (a slow phone, a slow network), the home's banner
 * and first cards are already on screen from the backend; when the app is up its own home takes over with
 * the same cards, in one request for them; a card tapped before then opens its project once the app is up.
 */
import type { Page, Route } from 'playwright-core';
import { PROJECTS } from '../../seed';
import { describeE2E, startE2E, type E2E } from './support';

/** Hold the app's entry script until `release()`: the shell's moment, made long enough to look at. */
async function holdApp(page: Page): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/js\/app\.[0-9a-f]+\.js$/, async (r: Route) => {
    await gate;
    await r.continue();
  });
  return release;
}

describeE2E('e2e: the home paints before the app boots', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
    // Warm instances: on a cold backend the shell gives up waiting and boots the app without a picture.
    await e.t.call('campaign', { action: 'get' });
    await e.t.call('projects', { action: 'list', sort: 'hot', limit: 20 });
  });
  afterAll(async () => {
    await e?.close();
  });

  test('shell cards first, then the app takes over with the same cards and one request for them', async () => {
    e.at('09:30');
    const { page } = await e.open({ openid: 'e2e_first_paint' });
    const listCalls: string[] = [];
    page.on('request', (r) => r.url().endsWith('/api/projects') && listCalls.push(r.postData() ?? ''));
    const release = await holdApp(page);
    await page.goto(`${e.url}/`, { waitUntil: 'commit' });

    const shellCard = page.locator('#shell .shell-card').first();
    await shellCard.waitFor();
    await page.locator('#shell .session-banner__name', { hasText: '乡村振兴' }).waitFor();
    const firstId = await shellCard.getAttribute('data-id');
    const first = PROJECTS.find((p) => p.id === firstId)!;
    expect(await shellCard.locator('.project-card__title').textContent()).toBe(first.title);
    expect(await page.locator('.project-card').count()).toBe(0); // the app has not drawn anything yet

    release();
    await page.locator('#shell').waitFor({ state: 'detached' });
    const appCard = page.locator('.home .project-card').first();
    expect(await appCard.getAttribute('data-id')).toBe(firstId);
    await appCard.click(); // the app's cards answer taps once the shell is gone
    await page.waitForURL(/pkg-project\/detail\/index\?id=/);
    await page.locator('.project-title', { hasText: first.title }).waitFor();
    // The app reused the shell's first page: the list was asked for once.
    expect(listCalls.filter((b) => b.includes('"action":"list"') && !b.includes('cursor'))).toHaveLength(1);
  });

  test('a card tapped in the shell opens its project when the app is up', async () => {
    const { page } = await e.open({ openid: 'e2e_first_paint_tap' });
    const release = await holdApp(page);
    await page.goto(`${e.url}/`, { waitUntil: 'commit' });
    const card = page.locator('#shell .shell-card').nth(1);
    const id = await card.getAttribute('data-id');
    await card.click();
    await page.locator('#shell').waitFor({ state: 'detached' }); // not the home any more: the shell steps aside
    release();
    await page.waitForURL(new RegExp(`pkg-project/detail/index\\?id=${id}`));
    await page.locator('.project-title', { hasText: PROJECTS.find((p) => p.id === id)!.title }).waitFor();
  });
});

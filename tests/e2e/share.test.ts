/**
 * The sharing moment (issue 14, items 4 and 5): after paying, 分享海报 opens the poster, drawn on a canvas
 * with the project's mini-program code loaded from storage; 配捐开启提醒 on the home stores a subscription
 * that the timer turns into one recorded message before 10:00.
 */
import { describeE2E, donateOneYuan, route, startE2E, type E2E } from './support';

const OPENID = 'e2e_sharer';

describeE2E('e2e: poster with a mini-program code, and the 10:00 reminder', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e?.close();
  });

  test('subscribe on the home, pay, open the poster: the canvas carries the code', async () => {
    e.at('09:30');
    const { page } = await e.open({ openid: OPENID });
    page.setDefaultTimeout(60_000); // a loaded shared machine takes 20 s to a first card
    await page.goto(`${e.url}/`);
    await page.locator('.remind-button').click();
    await page.locator('.remind-button', { hasText: '已设置提醒' }).waitFor();
    e.at('09:56');
    await e.t.emulator.invoke('remind', { Type: 'Timer' }, { source: 'wx_trigger' });
    const { messages } = await (await fetch(`${e.url}/__emulator/messages`)).json();
    const mine = messages.filter((m: { touser: string }) => m.touser === OPENID);
    expect(mine).toHaveLength(1);
    expect(mine[0].sentAt).toBeLessThan(Date.parse('2022-04-28T02:00:00Z'));

    await page.goto(route(e.url, '/pkg-project/detail/index?id=p003'));
    const orderId = await donateOneYuan(page);
    await page.locator('.result__poster').click();
    await page.waitForURL(/pkg-share\/poster\/index\?orderId=/);
    expect(page.url()).toContain(encodeURIComponent(orderId));
    await page.locator('.poster-canvas--drawn').waitFor();
    const check = await page
      .locator('.poster-canvas canvas, canvas.poster-canvas')
      .first()
      .evaluate((c) => {
        const canvas = c as HTMLCanvasElement;
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        const colours = new Set<number>();
        for (let i = 0; i < data.length; i += 16) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        // The code's square (x 170..430, y 500..760 of 600×900): dark modules on white, and nothing else.
        const sx = canvas.width / 600;
        const sy = canvas.height / 900;
        const code = canvas.getContext('2d')!.getImageData(170 * sx, 500 * sy, 260 * sx, 260 * sy).data;
        let dark = 0;
        for (let i = 0; i < code.length; i += 4) if (code[i] < 80 && code[i + 1] < 80 && code[i + 2] < 80) dark++;
        return { colours: colours.size, darkShare: dark / (code.length / 4) };
      });
    expect(check.colours).toBeGreaterThan(5);
    expect(check.darkShare).toBeGreaterThan(0.2); // a QR code is roughly half dark modules
    expect(check.darkShare).toBeLessThan(0.8);
    await e.screenshot(page, 'share-poster');
  });
});

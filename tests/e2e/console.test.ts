/**
 * The console in headless Chromium on the H5 build, as the seeded `admin-local`: renders at phone size and at
 * 1440×900, imports a CSV through the file picker (cloud storage), approves the imported projects in the review
 * queue, and the donor's project page then shows them. A stranger sees the sign-in card, nothing else.
 */
import { INTAKE_COLUMNS } from '../../domain/intake';
import { toCsv } from '../../cloudfunctions/_lib/sheets';
import { describeE2E, route, settled, startE2E, type E2E } from './support';
import { encodePng } from '../../scripts/png';

const CONSOLE = '/pkg-admin/index/index';

function csv(): Buffer {
  const rows: string[][] = [[...INTAKE_COLUMNS]];
  for (let i = 1; i <= 6; i++) {
    rows.push([
      `e2eimp${i}`,
      `端到端导入项目${i}`,
      '端到端测试基金会',
      'e2e-org',
      '渝中区',
      i === 4 ? '没有的领域' : '教育帮扶',
      '800000',
      '',
      `第${i}号的简介`,
      `第${i}号的详细介绍`,
      '否',
    ]);
  }
  return toCsv(rows);
}

describeE2E('e2e: the console — phone and 1440×900, import → approve → visible to donors', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  test('a stranger gets the sign-in card only', async () => {
    e.at('12:00');
    const { page } = await e.open({ openid: 'e2e-stranger' });
    await page.goto(route(e.url, CONSOLE));
    await page.locator('.console--signin').waitFor();
    expect(await page.locator('.console__tab').count()).toBe(0);
  });

  test('renders at phone size and 1440×900; import, approve, and donors see the projects', async () => {
    e.at('12:00', { running: true });
    const { page } = await e.open({ openid: 'admin-local' });
    await page.goto(route(e.url, CONSOLE));
    await page.locator('.console__role', { hasText: '慈善总会管理员' }).waitFor();
    await page.locator('.dashboard-summary').waitFor();
    await e.screenshot(page, 'console-phone');
    const phoneNav = (await page.locator('.console__nav').boundingBox())!;
    expect(phoneNav.width).toBeGreaterThan(380); // a bar across the top

    await page.setViewportSize({ width: 1440, height: 900 });
    await settled(page);
    const wideNav = (await page.locator('.console__nav').boundingBox())!;
    expect(wideNav.width).toBeLessThan(260); // a column on the left
    expect(wideNav.height).toBeGreaterThan(800);
    // The pacing chart is drawn: the canvas has painted pixels.
    await page.waitForFunction(() => {
      const c = document.querySelector('#pace-chart canvas, canvas#pace-chart') as HTMLCanvasElement | null;
      const px = c?.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
      return !!px && px.some((v, i) => i % 4 === 3 && v > 0);
    });
    await e.screenshot(page, 'console-wide');

    await page.locator('.console__tab', { hasText: '项目导入' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.locator('.import-choose').click();
    await (await chooser).setFiles({ name: 'projects.csv', mimeType: 'text/csv', buffer: csv() });
    await page.locator('.import-report', { hasText: '导入 5 个，拒绝 1 行' }).waitFor();
    await page.locator('.import-rejected', { hasText: '第 4 行' }).waitFor();
    await e.screenshot(page, 'console-import');
    expect(await e.t.emulator.db.get('projects', 'e2eimp4')).toBeNull();

    await page.locator('.console__tab', { hasText: '项目审核' }).click();
    await page.locator('.review-item', { hasText: '端到端导入项目1' }).waitFor();
    for (let left = 5; left > 0; left--) {
      await page
        .locator('.review-item')
        .filter({ hasText: '端到端导入项目' })
        .first()
        .locator('.review-approve')
        .click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('.review-item').length < n,
        await page.locator('.review-item').count(),
      );
    }
    expect((await e.t.emulator.db.get('projects', 'e2eimp1'))!.status).toBe('fundraising');

    const list = await e.t.call('projects', { action: 'list', q: '端到端导入项目', limit: 20 });
    expect(list.result.total).toBe(5);
    const donor = await e.open({ openid: 'e2e-donor' });
    await donor.page.goto(route(e.url, '/pkg-project/detail/index?id=e2eimp2'));
    await donor.page.locator('.project-title', { hasText: '端到端导入项目2' }).waitFor();

    // Campaign setup: the banner preview follows the form; a money rule needs an override reason once started.
    await page.locator('.console__tab', { hasText: '活动设置' }).click();
    await page.locator('.campaign-bannerTitle input').fill('端到端横幅标题');
    await page.locator('.campaign-panel .session-banner__name', { hasText: '端到端横幅标题' }).waitFor();
    await page.locator('.campaign-endDate input').fill('2022-04-01');
    await page.locator('.campaign-error', { hasText: '结束日期早于开始日期' }).waitFor();
    await page.locator('.campaign-endDate input').fill('2022-04-29');
    await page.locator('.campaign-poolYuan input').fill('50000100');
    await page.locator('.campaign-override input').fill('基金会追加配捐');
    await page.locator('.campaign-save').click();
    await page.locator('.campaign-saved', { hasText: '经审计的资金规则变更' }).waitFor();
    expect((await e.t.emulator.db.get('campaigns', 'cq2022'))!.match.poolFen).toBe(5_000_010_000);
    await e.screenshot(page, 'console-campaign');

    await page.locator('.console__tab', { hasText: '操作日志' }).click();
    await page.locator('.audit-entry', { hasText: 'saveCampaign:override' }).first().waitFor();
    await page.locator('.audit-entry', { hasText: 'reviewProject' }).first().waitFor();
    await page.locator('.audit-entry', { hasText: 'importProjects' }).first().waitFor();
    await e.screenshot(page, 'console-audit');
  });

  test('org work: a returned draft edited and resubmitted, an update with a photo on the project page', async () => {
    e.at('12:30', { running: true });
    const p001 = (await e.t.emulator.db.get('projects', 'p001'))!;
    await e.t.emulator.db.put('projects', {
      ...p001,
      _id: 'e2edraft',
      title: '端到端草稿',
      status: 'returned',
      reviewReason: '请补充预算',
      updates: [],
    });
    const { page } = await e.open({ openid: 'admin-local' });
    await page.goto(route(e.url, CONSOLE));
    await page.locator('.dashboard-rate .rate-bars').waitFor();
    await page.locator('.anomaly-queue').waitFor();

    await page.locator('.console__tab', { hasText: '项目审核' }).click();
    await page.locator('.console__chip', { hasText: '已退回' }).click();
    await page.locator('.review-item', { hasText: '端到端草稿' }).locator('.review-edit').click();
    await page.locator('.draft-editor', { hasText: '请补充预算' }).waitFor();
    await page.locator('.draft-editor__title input').fill('端到端草稿（已修订）');
    await page.locator('.draft-editor__save').click();
    await page.waitForFunction(() => !document.querySelector('.draft-editor'));
    expect(await e.t.emulator.db.get('projects', 'e2edraft')).toMatchObject({
      title: '端到端草稿（已修订）',
      status: 'pending',
      reviewReason: null,
    });

    await page.locator('.console__chip', { hasText: '筹款中' }).click();
    await page
      .locator('.review-item', { hasText: String(p001.title) })
      .locator('.review-update')
      .click();
    await page.locator('.update-composer__text textarea').fill('端到端进展：物资已送达');
    const chooser = page.waitForEvent('filechooser');
    await page.locator('.update-composer__add').click();
    const photo = encodePng(16, 16, (x, y) => [x * 16, y * 16, 90]);
    await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: photo });
    await page.locator('.update-composer .console-form__photo').waitFor();
    await page.locator('.update-composer__post').click();
    await page.waitForFunction(() => !document.querySelector('.update-composer'));
    const updates = (await e.t.emulator.db.get('projects', 'p001'))!.updates;
    expect(updates.at(-1)).toMatchObject({
      text: '端到端进展：物资已送达',
      photos: [expect.stringMatching(/^cloud:/)],
    });

    const donor = await e.open({ openid: 'e2e-donor-2' });
    await donor.page.goto(route(e.url, '/pkg-project/detail/index?id=p001'));
    await donor.page.locator('.project-update', { hasText: '端到端进展' }).waitFor();
    await donor.page.locator('.project-update__photo').first().scrollIntoViewIfNeeded(); // photos load lazily
    await donor.page.waitForFunction(() => {
      const img = document.querySelector('.project-update__photo img') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    });
    await e.screenshot(donor.page, 'project-update-photo');
  });
});

/**
 * Two browser contexts, two identities. A donates and shares (an invite link carrying an opaque
 * shareId, never an openid); B opens the link, becomes a friend through the H5 identity switcher, passes the
 * quiz (the test reads the right answers from `quiz_bank` through the emulator handle) which counts as help,
 * then gives the flower the quiz earned; A's 我的助力 shows the help and the extra match it drew.
 */
import type { Page } from 'playwright-core';
import { C } from '../../cloudfunctions/_lib/collections';
import { describeE2E, donateOneYuan, route, startE2E, type E2E } from './support';

const INVITER = 'e2e_inviter_a';
const FRIEND = 'e2e_friend_b';
const PROJECT = 'p010';

/** Switch the H5 dev identity through the floating switcher (sent as X-OpenId from then on). */
async function switchIdentity(page: Page, openid: string): Promise<void> {
  const switcher = page.locator('.identity-switcher:visible');
  await switcher.locator('.identity-current').click();
  await switcher.locator('.identity-input input').fill(openid);
  await switcher.locator('.identity-apply').click();
  await switcher.locator('.identity-current', { hasText: openid }).waitFor();
}

describeE2E('e2e: friend assist — share, quiz, flower, progress', () => {
  let e: E2E;
  beforeAll(async () => {
    process.env.SHANXING_RANDOM_SEED = 'e2e-assist';
    e = await startE2E();
  });
  afterAll(async () => {
    delete process.env.SHANXING_RANDOM_SEED;
    await e?.close();
  });

  test('A donates and shares; B passes the quiz and gives a flower; A sees the help', async () => {
    e.at('11:00');

    // ── A: donate 1 yuan, then 邀请好友助力 on the result page gives a copyable link.
    const a = await e.open({ openid: INVITER });
    await a.page.goto(route(e.url, `/pkg-project/detail/index?id=${PROJECT}`));
    const title = (await a.page.locator('.project-title').textContent())!.trim();
    await donateOneYuan(a.page);
    await a.page.locator('.result-status--paid').waitFor();
    await a.page.locator('.match-result--decided').waitFor();
    await a.page.locator('.result__invite .assist-invite').click();
    const link = (await a.page.locator('.result__invite .share-link').textContent())!.trim();
    const shareId = new URL(link.replace('/#/', '/')).searchParams.get('shareId')!;
    // A link names its campaign.
    expect(link).toBe(`${e.url}/#/pkg-assist/assist/index?shareId=${shareId}&campaignId=cq2022`);
    expect(shareId).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(link).not.toContain(INVITER); // opaque: the inviter's openid is nowhere in the link
    const share = await e.t.emulator.db.get(C.shares, shareId);
    expect(share).toMatchObject({ inviter: INVITER, projectId: PROJECT });
    await e.screenshot(a.page, '3-assist-a-invite');

    // ── B: another browser context opens the link and becomes "e2e_friend_b" with the identity switcher.
    const b = await e.open();
    await b.page.goto(link);
    await b.page.locator('.assist-page .project-card').waitFor();
    await switchIdentity(b.page, FRIEND);
    await b.page.locator('.assist-inviter', { hasText: '邀请你为 TA 的项目助力' }).waitFor();
    await b.page.locator('.assist-page .project-card__title', { hasText: title }).waitFor();
    await b.page.locator('.assist-way__title', { hasText: '答题助力' }).waitFor();
    await e.screenshot(b.page, '3-assist-b-open');

    // Quiz from the assist page: answer every question right (answers come from the bank, not the client).
    const started = b.page.waitForResponse(
      (r) => r.url().endsWith('/api/quiz') && r.request().postData()?.includes('"start"') === true,
    );
    await b.page.locator('.assist-quiz').click();
    const { result: attempt } = (await (await started).json()) as {
      result: { questions: Array<{ id: string; options: string[] }> };
    };
    expect(attempt.questions.length).toBe(5);
    for (const q of attempt.questions) expect(q).not.toHaveProperty('answer');
    for (const [qi, q] of attempt.questions.entries()) {
      const bank = await e.t.emulator.db.get(C.quizBank, q.id);
      expect(bank).not.toBeNull();
      await b.page.locator(`.quiz-question[data-index="${qi}"] .quiz-option[data-index="${bank!.answer}"]`).click();
    }
    await b.page.locator('.quiz-submit', { hasText: '提交答案' }).click();
    const verdict = b.page.locator('.quiz-result--passed');
    await verdict.waitFor();
    await verdict.locator('.quiz-result__score', { hasText: '答对 5/5 题 · 通过' }).waitFor();
    await verdict.locator('.quiz-result__flowers', { hasText: '获得小红花' }).waitFor();
    await verdict.locator('.quiz-result__assist', { hasText: '已为 TA 助力' }).waitFor();
    expect(await b.page.locator('.quiz-explanation').count()).toBe(5);
    await e.screenshot(b.page, '3-assist-b-quiz');

    // Back on the assist page: the help counted (by the quiz); the flower is still a gift to the project.
    await b.page.locator('.quiz__back', { hasText: '返回助力页' }).click();
    const page = b.page.locator('.assist-page');
    await page.locator('.assist-outcome', { hasText: '已为 TA 助力' }).waitFor();
    await page.locator('.assist-outcome__sub', { hasText: '答题' }).waitFor();
    await page.locator('.flower-balance', { hasText: '1 朵' }).waitFor();
    const flowersBefore = Number(
      (await e.t.call('projects', { action: 'get', id: PROJECT }, { openid: FRIEND })).result.flowers,
    );
    await page.locator('.assist-flower').click();
    await page.locator('.assist-flower-sent').waitFor();
    await page.locator('.flower-balance', { hasText: '0 朵' }).waitFor();
    await page.locator('.project-card', { hasText: `🌸 ${flowersBefore + 1}` }).waitFor();
    await e.screenshot(b.page, '3-assist-b-flower');

    // The backend: one assist (the quiz) for A's share, with its extra draw; the flower moved B → project.
    const assists = await e.t.emulator.db.find(C.assists, (d) => d.shareId === shareId);
    expect(assists).toHaveLength(1);
    expect(assists[0]).toMatchObject({ friend: FRIEND, inviter: INVITER, action: 'quiz' });
    const extra = assists[0].extraDraw as { amountFen: number } | null;
    expect(extra).not.toBeNull();

    // ── A: 我的 → 我的助力 lists B's help and the extra match it drew.
    await a.page.locator('.result__mine').click();
    await a.page.locator('.entry-assist-progress').click();
    const item = a.page.locator(`.progress-item[data-share-id="${shareId}"]`);
    await item.waitFor();
    await item.locator('.progress-item__title', { hasText: title }).waitFor();
    const helper = item.locator('.progress-helper');
    await helper.waitFor();
    expect(await helper.count()).toBe(1);
    await helper.locator('.progress-helper__action', { hasText: '答题' }).waitFor();
    const won = extra!.amountFen > 0 ? `+¥${(extra!.amountFen / 100).toFixed(2)}` : '未中配捐';
    await helper.locator('.progress-helper__draw', { hasText: won }).waitFor();
    await a.page.locator('.progress-total-helpers', { hasText: '1' }).waitFor();
    await item
      .locator('.progress-extra', { hasText: `额外配捐机会 1 次 · 赢得 ¥${(extra!.amountFen / 100).toFixed(2)}` })
      .waitFor();
    await e.screenshot(a.page, '3-assist-a-progress');
  });
});

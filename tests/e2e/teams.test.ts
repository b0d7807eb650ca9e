/**
 * 一起捐 end to end (issue 15): A starts a team from a project page, B opens the team's page (as another
 * identity), donates through it, and the team page shows B's donation in its total and its members.
 */
import { confirmPay, describeE2E, route, startE2E, type E2E } from './support';

describeE2E('e2e: 一起捐 — start a team, donate through it as a friend, see the total', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e?.close();
  });

  test('A starts a team on p003; B donates 10 yuan through it; the team shows ¥10.00 of ¥500.00', async () => {
    e.at('09:30');
    const a = await e.open({ openid: 'e2e_team_leader' });
    a.page.setDefaultTimeout(60_000); // a loaded shared machine takes 20 s to a first card
    await a.page.goto(route(e.url, '/pkg-project/detail/index?id=p003'));
    await a.page.locator('.team-start').click();
    await a.page.waitForURL(/pkg-team\/create\/index\?projectId=p003/);
    await a.page.locator('.team-name-input input').fill('端到端一起捐');
    await a.page.locator('.team-goal', { hasText: '500元' }).click();
    await a.page.locator('.team-submit').click();
    await a.page.waitForURL(/pkg-team\/team\/index\?id=TM/);
    const teamId = decodeURIComponent(new URL(a.page.url().replace('/#/', '/')).searchParams.get('id')!);
    await a.page.locator('.team-head__name', { hasText: '端到端一起捐' }).waitFor();
    await a.page.locator('.team-goal-text', { hasText: '500' }).waitFor();
    await e.screenshot(a.page, 'team-created');

    const b = await e.open({ openid: 'e2e_team_friend' });
    b.page.setDefaultTimeout(60_000);
    await b.page.goto(route(e.url, `/pkg-team/team/index?id=${encodeURIComponent(teamId)}`));
    await b.page.locator('.team-donate').click();
    const sheet = b.page.locator('.donate-sheet');
    await sheet.waitFor();
    await sheet.locator('.donate-sheet__assist', { hasText: '端到端一起捐' }).waitFor();
    await sheet.locator('.amount-preset[data-fen="1000"]').click();
    await sheet.locator('.donate-submit').click();
    await b.page.locator('.pay-confirm .pay-confirm__amount', { hasText: '¥10.00' }).waitFor();
    await confirmPay(b.page);
    await b.page.waitForURL(/pkg-donate\/result\/index\?orderId=/);
    const orderId = decodeURIComponent(new URL(b.page.url().replace('/#/', '/')).searchParams.get('orderId')!);
    expect((await e.t.emulator.db.get('orders', orderId))?.teamId).toBe(teamId);

    await b.page.locator('.result-status--paid').getByText('支付成功 ¥10.00').waitFor();
    await e.screenshot(b.page, 'team-paid');

    // Anyone opening the team's link sees the donation in its total and its members.
    const c = await e.open({ openid: 'e2e_team_viewer' });
    c.page.setDefaultTimeout(60_000);
    await c.page.goto(route(e.url, `/pkg-team/team/index?id=${encodeURIComponent(teamId)}`));
    await c.page.locator('.team-total:visible', { hasText: '10.00' }).waitFor();
    await c.page.locator('.team-page .recent-donation:visible .recent-donation__money', { hasText: '10.00' }).waitFor();
    await e.screenshot(c.page, 'team-after-donation');
    // …and the team on the 一起捐 leaderboard.
    await c.page.locator('.team-link:visible', { hasText: '排行榜' }).click();
    await c.page.waitForURL(/pkg-boards\/board\/index\?board=teams/);
    await c.page.locator('.board-row:visible', { hasText: '端到端一起捐' }).getByText('¥10.00').waitFor();
    await c.page.locator('.board-tab--districts').click();
    await c.page.locator('.board-row:visible .board-row__raised').first().waitFor();
    await e.screenshot(c.page, 'boards-districts');
    // A sees it too.
    await a.page.reload();
    await a.page.locator('.team-total:visible', { hasText: '10.00' }).waitFor();
  });
});

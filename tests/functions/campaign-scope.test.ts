/**
 * Two campaigns in one store: the functions see only the current one (`app_config/default`). Projects, quiz
 * questions, step sponsors and coupons of the other campaign are invisible; switching the default switches them.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { seedInto, setDefaultCampaign } from '../../scripts/seed';
import { HUBEI_2022 } from '../../domain/campaigns';
import { drawWindowState } from '../../cloudfunctions/_lib/pool';
import { matchDates, rulesList, wanFigure } from '../../src/utils/rules';

let b: Backend;
beforeAll(async () => {
  b = await startBackend(); // SHANXING_CACHE_TTL_MS=0: a switched default is seen at once
  await seedInto(b.emulator.db); // both campaigns (idempotent for Chongqing)
});
afterAll(async () => {
  await setDefaultCampaign(b.emulator.db, 'cq2022');
  await b.stop();
});

/**
 * Every project id `projects.list` pages through, and the total it reports. The first page loads fresh (TTL 0); the
 * caches then stay on while paging (the data holds still), which keeps 11 pages of 516 projects quick.
 */
async function listAll(domain?: string): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let total = 0;
  try {
    do {
      const r = await b.call(
        'projects',
        { action: 'list', limit: 50, ...(cursor ? { cursor } : {}), ...(domain ? { domain } : {}) },
        { openid: 'viewer' },
      );
      expect(r.error).toBeUndefined();
      ids.push(...r.result.items.map((p: { id: string }) => p.id));
      total = r.result.total;
      cursor = r.result.nextCursor ?? undefined;
      process.env.SHANXING_CACHE_TTL_MS = '60000';
    } while (cursor);
  } finally {
    process.env.SHANXING_CACHE_TTL_MS = '0';
  }
  return { ids, total };
}

const werun = (openid: string, steps: number) => b.emulator.issueWeRun(openid, steps).cloudID;

describe('default cq2022', () => {
  test('projects.list pages only Chongqing projects (300)', async () => {
    const { ids, total } = await listAll();
    expect(total).toBe(300);
    expect(ids).toHaveLength(300);
    expect(ids.every((id) => /^p\d{3}$/.test(id))).toBe(true);
  });

  test('a Hubei project is served by Hubei whatever the default; a disagreeing campaignId is refused', async () => {
    b.at(SESSION_DAY, '10:30');
    // The project decides: on 04-28 Hubei's festival (05-20..22) has not begun.
    const donate = await b.call(
      'donate',
      { action: 'create', projectId: 'hb001', amountFen: 1000 },
      { openid: 'cq-donor' },
    );
    expect(donate.error).toMatchObject({ code: 'SESSION_CLOSED' });
    const mismatch = await b.call(
      'donate',
      { action: 'create', campaignId: 'cq2022', projectId: 'hb001', amountFen: 1000 },
      { openid: 'cq-donor' },
    );
    expect(mismatch.error).toMatchObject({ code: 'CAMPAIGN_MISMATCH' });
    const steps = await b.call(
      'steps',
      { action: 'donate', weRunData: werun('cq-walker', 7000), projectId: 'hb001' },
      { openid: 'cq-walker' },
    );
    expect(steps.error).toMatchObject({ code: 'SESSION_CLOSED' });
    expect((await b.call('projects', { action: 'get', id: 'hb001' }, { openid: 'viewer' })).error).toMatchObject({
      code: 'PROJECT_NOT_FOUND',
    });
    const named = await b.call('projects', { action: 'get', id: 'hb001', campaignId: 'hubei-2022' }, { openid: 'v' });
    expect(named.result.id).toBe('hb001');
  });

  test('domains are the campaign’s: a Hubei domain is INVALID_INPUT, a Chongqing one filters', async () => {
    expect(
      (await b.call('projects', { action: 'list', domain: '生命健康' }, { openid: 'viewer' })).error,
    ).toMatchObject({ code: 'INVALID_INPUT' });
    const { ids } = await listAll('教育帮扶');
    expect(ids.length).toBeGreaterThan(0);
  });

  test('sponsors, quiz and coupons are Chongqing’s', async () => {
    const sponsors = (await b.call('steps', { action: 'sponsors' }, { openid: 'viewer' })).result.items;
    expect(sponsors.every((s: { id: string }) => /^s\d\d$/.test(s.id))).toBe(true);
    const quiz = (await b.call('quiz', { action: 'start' }, { openid: 'cq-quizzer' })).result;
    expect(quiz.questions.every((q: { id: string }) => /^q\d+$/.test(q.id))).toBe(true);
    expect((await b.call('coupons', { action: 'list' }, { openid: 'viewer' })).result.items.length).toBeGreaterThan(0);
  });
});

describe('default hubei-2022', () => {
  beforeAll(() => setDefaultCampaign(b.emulator.db, HUBEI_2022.id));

  test('projects.list pages only Hubei projects; a Chongqing project is served by Chongqing (ended)', async () => {
    const { ids, total } = await listAll();
    expect(total).toBeGreaterThanOrEqual(500);
    expect(ids).toHaveLength(total);
    expect(ids.every((id) => /^hb\d{3}$/.test(id))).toBe(true);
    expect((await listAll('生命健康')).ids.length).toBeGreaterThan(0);
    b.at('2022-05-21', '10:30');
    // p001 is Chongqing's, which ended on 04-29: its own campaign answers.
    const donate = await b.call(
      'donate',
      { action: 'create', projectId: 'p001', amountFen: 1000 },
      { openid: 'hb-donor' },
    );
    expect(donate.error).toMatchObject({ code: 'SESSION_CLOSED' });
  });

  test('home’s words name the festival, its dates and 2000万 pool, no Chongqing; help by quiz or flower', async () => {
    const r = await b.call('campaign', { action: 'get' }, { openid: 'viewer' });
    const view = r.result.campaign;
    expect(view.id).toBe('hubei-2022');
    expect(view.name).toContain('湖北');
    expect(matchDates(view)).toBe('5月20日—22日');
    expect(wanFigure(view.match.poolFen)).toBe('2000万');
    expect(JSON.stringify({ view, rules: rulesList(view) })).not.toMatch(/重庆|渝/);
    expect(view.assist.actions).toEqual(['quiz', 'flower']);
  });

  test('quiz questions are all Hubei’s; no coupons', async () => {
    b.at('2022-05-21', '11:00');
    for (const u of ['hb-q1', 'hb-q2', 'hb-q3']) {
      const r = await b.call('quiz', { action: 'start' }, { openid: u });
      expect(r.error).toBeUndefined();
      expect(r.result.questions.length).toBe(HUBEI_2022.quiz.questionsPerAttempt);
      expect(r.result.questions.every((q: { id: string }) => /^hq\d+$/.test(q.id))).toBe(true);
    }
    expect((await b.call('coupons', { action: 'list' }, { openid: 'viewer' })).result.items).toEqual([]);
    expect((await b.call('coupons', { action: 'claim', batchId: 'cb01' }, { openid: 'viewer' })).error).toMatchObject({
      code: 'COUPON_NOT_FOUND',
    });
  });

  test('a warm-up step donation (05-12) is paid by a Hubei sponsor, with no Foundation draw', async () => {
    const nowMs = b.at('2022-05-12', '11:00');
    // Outside the match days: the draw window says before_open, so no pool is released for the day.
    expect(drawWindowState(HUBEI_2022, nowMs, nowMs)).toBe('before_open');
    const r = await b.call(
      'steps',
      { action: 'donate', weRunData: werun('hb-walker', 8000), projectId: 'hb010' },
      { openid: 'hb-walker' },
    );
    expect(r.error).toBeUndefined();
    expect(r.result).toMatchObject({
      projectId: 'hb010',
      sponsor: { id: expect.stringMatching(/^hs\d+$/) },
      match: null,
    });
    expect(r.result.amountFen).toBeGreaterThan(0);
    expect(await b.count('pool_days', (d) => String(d._id).includes('2022-05-12'))).toBe(0);
    const sponsors = (await b.call('steps', { action: 'sponsors' }, { openid: 'viewer' })).result.items;
    expect(sponsors.length).toBeGreaterThan(0);
    expect(sponsors.every((s: { id: string }) => /^hs\d+$/.test(s.id))).toBe(true);
  });

  test('before the warm-up a step donation is refused', async () => {
    b.at('2022-05-08', '11:00');
    const r = await b.call(
      'steps',
      { action: 'donate', weRunData: werun('hb-early', 8000), projectId: 'hb010' },
      { openid: 'hb-early' },
    );
    expect(r.error).toMatchObject({ code: 'SESSION_CLOSED' });
  });

  const FESTIVAL_FROM_HUBEI_POOL =
    'a festival donation after 10:00 is matched from the Hubei pool, its order body names the festival';
  test(FESTIVAL_FROM_HUBEI_POOL, async () => {
    b.at('2022-05-21', '10:30');
    const outcomes = [];
    for (let i = 0; i < 8; i++) {
      const u = `hb-donor-${i}`;
      const orderId = await b.donate(u, 'hb020', 5000);
      const status = await b.status(u, orderId);
      expect(status.status).toBe('paid');
      outcomes.push(status.match);
      if (i === 0) expect(b.emulator.orders().get(orderId)?.body.startsWith(HUBEI_2022.orderBodyPrefix)).toBe(true);
    }
    expect(outcomes.every((m) => m && m.reason !== 'before_open')).toBe(true);
    expect(outcomes.some((m) => m.amountFen > 0)).toBe(true);
  });
});

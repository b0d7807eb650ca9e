/**
 * Friend assist through the real SDK on the emulator (issue 5): share links, the assist page, the three
 * ways to help, once per inviter × project × Beijing day, the caps, an empty or closed pool, progress.
 * Inviters are "…-A", friends "…-B" to "…-F"; every scenario uses its own users and project.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { userKey } from '../../domain/ids';
import {
  assistsOf,
  balance,
  flower,
  journalPoolOut,
  open,
  progress,
  projectCounter,
  seedFlowers,
  share,
  snapshot,
  takeQuiz,
} from './assist-helpers';

let b: Backend;
beforeAll(async () => {
  b = await startBackend();
});
afterAll(() => b.stop());

const NEXT_DAY = '2022-04-29';
const order = async (id: string) => (await b.emulator.db.get('orders', id))!;

describe('share and open', () => {
  test('share returns an opaque id (no openid in it) and the assist page path', async () => {
    b.at(SESSION_DAY, '10:30');
    const s = await share(b, 'share-A', 'p010');
    expect(s.path).toBe(`/pkg-assist/assist/index?shareId=${s.shareId}&campaignId=cq2022`);
    expect(s.shareId).toMatch(/^[0-9A-Za-z]{12,64}$/);
    for (const leak of ['share-A', 'share', userKey('share-A')]) expect(s.shareId).not.toContain(leak);
    // Stable for one inviter × project (re-sharing gives the same link), unrelated across users and projects.
    expect((await share(b, 'share-A', 'p010')).shareId).toBe(s.shareId);
    const others = [await share(b, 'share-A2', 'p010'), await share(b, 'share-A', 'p011')];
    expect(new Set([s.shareId, ...others.map((o) => o.shareId)]).size).toBe(3);
    expect(await b.emulator.db.get('shares', s.shareId)).toMatchObject({ inviter: 'share-A', projectId: 'p010' });
  });

  test('ten concurrent taps on "邀请好友助力" make one link', async () => {
    b.at(SESSION_DAY, '10:31');
    const links = await Promise.all(Array.from({ length: 10 }, () => share(b, 'share-burst', 'p012')));
    expect(new Set(links.map((l) => l.shareId)).size).toBe(1);
    expect(await b.count('shares', (d) => d.inviter === 'share-burst')).toBe(1);
  });

  test('open shows the project and the inviter, never the inviter openid', async () => {
    b.at(SESSION_DAY, '10:30');
    await b.donate('show-A', 'p012', 500);
    const hidden = await share(b, 'show-A', 'p012');
    const r = await open(b, 'show-B', hidden.shareId);
    expect(r.result).toMatchObject({
      project: { id: 'p012' },
      inviter: { nickname: '一位爱心好友', isMe: false },
      myActions: { assisted: false, action: null, extraDraw: null },
      canAssist: true,
    });
    expect(r.result.reason).toBeUndefined();
    expect(JSON.stringify(r.result)).not.toContain('show-A');
    const shown = await b.call(
      'assist',
      { action: 'share', projectId: 'p013', showProfile: true, nickname: '小明' },
      { openid: 'show-A' },
    );
    expect((await open(b, 'show-B', shown.result.shareId)).result.inviter.nickname).toBe('小明');
  });

  test('a forged or malformed share id gets a clear error code', async () => {
    expect((await open(b, 'forge-B', 'sFORGED000000000')).error?.code).toBe('SHARE_NOT_FOUND');
    expect((await flower(b, 'forge-B', 'sFORGED000000000')).error?.code).toBe('SHARE_NOT_FOUND');
    expect((await open(b, 'forge-B', 'a/../b')).error?.code).toBe('INVALID_INPUT');
    const q = await takeQuiz(b, 'forge-B', { shareId: 'sFORGED000000000' });
    expect(q.error?.code).toBe('SHARE_NOT_FOUND');
  });

  test('an inviter without a paid donation: the page invites them to donate, help earns no draw', async () => {
    b.at(SESSION_DAY, '10:30');
    const s = await share(b, 'nodon-A', 'p014');
    await b.create('nodon-A', { projectId: 'p014', amountFen: 500 }); // created, never paid: not a donation
    const r = await open(b, 'nodon-B', s.shareId);
    expect(r.result).toMatchObject({ canAssist: false, reason: 'inviter_not_donated', myActions: { assisted: false } });
    await seedFlowers(b, 'nodon-B', 2);
    const before = await projectCounter(b, 'p014');
    const f = await flower(b, 'nodon-B', s.shareId);
    // The flower still reaches the project, but it is no help and takes none of B's daily help.
    expect(f.result).toEqual({ assisted: false, extraDraw: null, reason: 'inviter_not_donated' });
    expect((await projectCounter(b, 'p014')).flowers - before.flowers).toBe(1);
    expect(await assistsOf(b, 'nodon-A')).toHaveLength(0);
    expect(await b.count('journal', (e) => e.kind === 'extra_match' && e.projectId === 'p014')).toBe(0);
    // Once A has donated, B's help the same day counts.
    const paid = await b.donate('nodon-A', 'p014', 500);
    expect((await open(b, 'nodon-B', s.shareId)).result).toMatchObject({ canAssist: true });
    const f2 = await flower(b, 'nodon-B', s.shareId);
    expect(f2.result).toMatchObject({ assisted: true, extraDraw: { amountFen: expect.any(Number) } });
    expect((await order(paid)).extraDraws).toBe(1);
  });
});

describe('the three ways to help', () => {
  test('donation, quiz and flower each count once per inviter × project × day; later actions still act', async () => {
    b.at(SESSION_DAY, '10:30');
    const P = 'p020';
    const donation = await b.donate('act-A', P, 1000);
    const s = await share(b, 'act-A', P);

    await b.donate('act-B', P, 100, { shareId: s.shareId }); // 1 yuan through the assist page
    const quizC = await takeQuiz(b, 'act-C', { shareId: s.shareId });
    expect(quizC.result).toMatchObject({
      passed: true,
      flowersEarned: 1,
      assisted: true,
      extraDraw: { amountFen: expect.any(Number) },
    });
    expect((await takeQuiz(b, 'act-D')).result.flowersEarned).toBe(1); // D earns a flower first
    const fD = await flower(b, 'act-D', s.shareId);
    expect(fD.result).toMatchObject({ assisted: true, extraDraw: { amountFen: expect.any(Number) } });
    expect((await balance(b, 'act-D')).balance).toBe(0);

    const assists = await assistsOf(b, 'act-A');
    expect(assists.map((a) => [a.friend, a.action, a.orderId, a.day]).sort()).toEqual([
      ['act-B', 'donate', donation, SESSION_DAY],
      ['act-C', 'quiz', donation, SESSION_DAY],
      ['act-D', 'flower', donation, SESSION_DAY],
    ]);
    const won = assists.reduce((sum, a) => sum + a.extraDraw.amountFen, 0);
    expect(await order(donation)).toMatchObject({ extraDraws: 3, extraMatchedFen: won });
    expect(await journalPoolOut(b, (e) => e.kind === 'extra_match' && e.orderId === donation)).toBe(won);
    expect((await open(b, 'act-B', s.shareId)).result).toMatchObject({
      canAssist: false,
      reason: 'already_assisted',
      myActions: { assisted: true, action: 'donate' },
    });

    // B's later actions the same day do their own thing but add no draw.
    const quizB = await takeQuiz(b, 'act-B', { shareId: s.shareId });
    expect(quizB.result).toMatchObject({
      passed: true,
      flowersEarned: 1,
      assisted: false,
      extraDraw: null,
      assistReason: 'already_assisted',
    });
    const flowersBefore = (await projectCounter(b, P)).flowers;
    const fB = await flower(b, 'act-B', s.shareId);
    expect(fB.result).toMatchObject({ assisted: false, extraDraw: null, reason: 'already_assisted' });
    expect((await projectCounter(b, P)).flowers).toBe(flowersBefore + 1);
    const publicBefore = (await projectCounter(b, P)).public;
    const again = await b.donate('act-B', P, 200, { shareId: s.shareId });
    expect((await b.status('act-B', again)).status).toBe('paid');
    expect((await projectCounter(b, P)).public).toBe(publicBefore + 200);
    expect(await assistsOf(b, 'act-A')).toHaveLength(3);
    expect((await order(donation)).extraDraws).toBe(3);

    // The next Beijing day B counts again.
    b.at(NEXT_DAY, '10:30');
    expect((await open(b, 'act-B', s.shareId)).result).toMatchObject({
      canAssist: true,
      myActions: { assisted: false },
    });
    expect((await flower(b, 'act-B', s.shareId)).result.assisted).toBe(true);
    const byB = (await assistsOf(b, 'act-A')).filter((a) => a.friend === 'act-B');
    expect(byB.map((a) => a.day).sort()).toEqual([SESSION_DAY, NEXT_DAY]);
    expect((await order(donation)).extraDraws).toBe(4);
  });

  test('a donation below 1 yuan through the link is refused and counts nothing', async () => {
    b.at(SESSION_DAY, '10:30');
    await b.donate('small-A', 'p021', 500);
    const s = await share(b, 'small-A', 'p021');
    const r = await b.call(
      'donate',
      { action: 'create', projectId: 'p021', amountFen: 99, shareId: s.shareId },
      { openid: 'small-B' },
    );
    expect(r.error?.code).toBe('AMOUNT_TOO_SMALL');
    expect(await assistsOf(b, 'small-A')).toHaveLength(0);
  });

  test('a quiz that is not passed does not count as help', async () => {
    b.at(SESSION_DAY, '10:30');
    await b.donate('fail-A', 'p022', 500);
    const s = await share(b, 'fail-A', 'p022');
    const r = await takeQuiz(b, 'fail-B', { shareId: s.shareId, correct: 2 });
    expect(r.result).toMatchObject({
      passed: false,
      flowersEarned: 0,
      assisted: false,
      extraDraw: null,
      assistReason: 'quiz_not_passed',
    });
    expect(await assistsOf(b, 'fail-A')).toHaveLength(0);
    // B can still help today by passing.
    expect((await takeQuiz(b, 'fail-B', { shareId: s.shareId })).result.assisted).toBe(true);
  });
});

describe('self-assist, loops and caps', () => {
  test('no self-assist by any path', async () => {
    b.at(SESSION_DAY, '10:30');
    const P = 'p023';
    const donation = await b.donate('self-A', P, 500);
    const s = await share(b, 'self-A', P);
    expect((await open(b, 'self-A', s.shareId)).result).toMatchObject({
      canAssist: false,
      reason: 'self',
      inviter: { isMe: true },
    });
    const flowers = (await balance(b, 'self-A')).balance;
    expect(flowers).toBe(1); // the donation's flower
    const before = await projectCounter(b, P);
    expect((await flower(b, 'self-A', s.shareId)).error?.code).toBe('SELF_ASSIST');
    expect((await balance(b, 'self-A')).balance).toBe(flowers);
    expect((await projectCounter(b, P)).flowers).toBe(before.flowers);
    expect((await takeQuiz(b, 'self-A', { shareId: s.shareId })).result).toMatchObject({
      passed: true,
      assisted: false,
      assistReason: 'self',
    });
    const second = await b.donate('self-A', P, 100, { shareId: s.shareId });
    expect((await order(second)).status).toBe('paid');
    expect(await assistsOf(b, 'self-A')).toHaveLength(0);
    expect((await order(donation)).extraDraws).toBe(0);
  });

  test('A ↔ B helping each other: once a day each way, repeats add nothing', async () => {
    b.at(SESSION_DAY, '10:30');
    const da = await b.donate('loop-A', 'p024', 500);
    const db = await b.donate('loop-B', 'p025', 500);
    const sa = await share(b, 'loop-A', 'p024');
    const sb = await share(b, 'loop-B', 'p025');
    await seedFlowers(b, 'loop-A', 5);
    await seedFlowers(b, 'loop-B', 5);
    const rounds = [];
    for (let i = 0; i < 3; i++)
      rounds.push([(await flower(b, 'loop-B', sa.shareId)).result, (await flower(b, 'loop-A', sb.shareId)).result]);
    expect(rounds.map((r) => r.map((x) => x.assisted))).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ]);
    expect((await takeQuiz(b, 'loop-B', { shareId: sa.shareId })).result.assisted).toBe(false);
    expect((await order(da)).extraDraws).toBe(1);
    expect((await order(db)).extraDraws).toBe(1);
  });

  test('a friend helps at most 30 times a day; the 31st is refused, the next day works', async () => {
    b.at(SESSION_DAY, '10:30');
    const inviters = Array.from({ length: 31 }, (_, i) => `cap-A${i}`);
    await Promise.all(inviters.map((a) => b.donate(a, 'p026', 100)));
    const shares = await Promise.all(inviters.map((a) => share(b, a, 'p026')));
    await seedFlowers(b, 'cap-F', 40);
    const results = [];
    for (const s of shares.slice(0, 30)) results.push((await flower(b, 'cap-F', s.shareId)).result);
    expect(results.every((r) => r.assisted)).toBe(true);
    const last = shares[30].shareId;
    expect((await open(b, 'cap-F', last)).result).toMatchObject({ canAssist: false, reason: 'daily_limit' });
    expect((await flower(b, 'cap-F', last)).result).toEqual({
      assisted: false,
      extraDraw: null,
      reason: 'daily_limit',
    });
    expect((await takeQuiz(b, 'cap-F', { shareId: last })).result).toMatchObject({
      assisted: false,
      assistReason: 'daily_limit',
    });
    expect(await b.count('assists', (a) => a.friend === 'cap-F')).toBe(30);
    b.at(NEXT_DAY, '10:30');
    expect((await flower(b, 'cap-F', last)).result.assisted).toBe(true);
  });

  test('a donation earns at most 5 extra draws; the inviter’s next donation takes the following ones', async () => {
    b.at(SESSION_DAY, '10:30');
    const first = await b.donate('five-A', 'p027', 300);
    const s = await share(b, 'five-A', 'p027');
    const friends = Array.from({ length: 7 }, (_, i) => `five-F${i}`);
    await Promise.all(friends.map((f) => seedFlowers(b, f, 1)));
    const results = [];
    for (const f of friends) results.push((await flower(b, f, s.shareId)).result);
    expect(results.slice(0, 5).every((r) => r.assisted && r.extraDraw !== null)).toBe(true);
    expect(results.slice(5)).toEqual([
      { assisted: true, extraDraw: null, reason: 'draws_used_up' },
      { assisted: true, extraDraw: null, reason: 'draws_used_up' },
    ]);
    expect((await order(first)).extraDraws).toBe(5);
    const second = await b.donate('five-A', 'p027', 100);
    await seedFlowers(b, 'five-F7', 1);
    expect((await flower(b, 'five-F7', s.shareId)).result.extraDraw).not.toBeNull();
    expect((await order(second)).extraDraws).toBe(1);
    expect((await order(first)).extraDraws).toBe(5);
  });
});

describe('an assist when no draw is possible', () => {
  test('the pool is empty: the assist is recorded, the draw wins 0 with the reason', async () => {
    const day = '2022-04-27';
    b.at(day, '10:30');
    const donation = await b.donate('empty-A', 'p028', 500); // releases the day's pool
    const s = await share(b, 'empty-A', 'p028');
    const shards = await b.emulator.db.find('pool_shards', (d) => d.day === day);
    expect(shards.length).toBeGreaterThan(0);
    try {
      for (const sh of shards) await b.emulator.db.put('pool_shards', { ...sh, spentFen: sh.budgetFen });
      const spent = await b.emulator.db.find('pool_shards', (d) => d.day === day);
      await seedFlowers(b, 'empty-B', 1);
      const r = await flower(b, 'empty-B', s.shareId);
      expect(r.result).toEqual({ assisted: true, extraDraw: { amountFen: 0, reason: 'pool_empty' } });
      expect(await assistsOf(b, 'empty-A')).toHaveLength(1);
      expect(await order(donation)).toMatchObject({ extraDraws: 1, extraMatchedFen: 0 });
      expect(await b.count('journal', (e) => e.kind === 'extra_match' && e.orderId === donation)).toBe(0);
      const after = await b.emulator.db.find('pool_shards', (d) => d.day === day);
      expect(after.map((x) => x.spentFen)).toEqual(spent.map((x) => x.spentFen));
    } finally {
      for (const sh of shards) await b.emulator.db.put('pool_shards', sh);
    }
  });

  test('before 10:00 the window is closed: the assist is recorded, no draw is used up', async () => {
    b.at(SESSION_DAY, '09:00');
    const donation = await b.donate('early-A', 'p029', 500);
    const s = await share(b, 'early-A', 'p029');
    await seedFlowers(b, 'early-B', 1);
    await seedFlowers(b, 'early-C', 1);
    b.at(SESSION_DAY, '09:30');
    const r = await flower(b, 'early-B', s.shareId);
    expect(r.result).toEqual({ assisted: true, extraDraw: null, reason: 'before_open' });
    expect((await assistsOf(b, 'early-A')).map((a) => a.friend)).toEqual(['early-B']);
    expect((await order(donation)).extraDraws).toBe(0);
    b.at(SESSION_DAY, '10:30');
    expect((await flower(b, 'early-C', s.shareId)).result.extraDraw).toEqual(
      expect.objectContaining({ amountFen: expect.any(Number) }),
    );
    expect((await order(donation)).extraDraws).toBe(1);
  });
});

test('progress: my invitations per project and donation, helpers masked, draws and amounts as recorded', async () => {
  b.at(SESSION_DAY, '10:30');
  const d1 = await b.donate('prog-A', 'p040', 1000);
  const d2 = await b.donate('prog-A', 'p041', 600);
  const s1 = await share(b, 'prog-A', 'p040');
  const s2 = await share(b, 'prog-A', 'p041');
  await seedFlowers(b, 'prog-B', 1);
  await flower(b, 'prog-B', s1.shareId);
  await takeQuiz(b, 'prog-C', { shareId: s1.shareId });
  await b.donate('prog-D', 'p041', 100, { shareId: s2.shareId });

  const p = await progress(b, 'prog-A');
  const assists = await assistsOf(b, 'prog-A');
  const wonBy = (sid: string) =>
    assists.filter((a) => a.shareId === sid).reduce((s, a) => s + a.extraDraw.amountFen, 0);
  const item1 = p.items.find((i: any) => i.shareId === s1.shareId);
  const item2 = p.items.find((i: any) => i.shareId === s2.shareId);
  expect(item1).toMatchObject({ projectId: 'p040', extraDraws: 2, extraMatchedFen: wonBy(s1.shareId) });
  expect(item1.helpers.map((h: any) => h.action).sort()).toEqual(['flower', 'quiz']);
  expect(item1.donations).toEqual([
    { orderId: d1, amountFen: 1000, paidAt: expect.any(String), extraDraws: 2, extraMatchedFen: wonBy(s1.shareId) },
  ]);
  expect(item2).toMatchObject({ projectId: 'p041', extraDraws: 1, extraMatchedFen: wonBy(s2.shareId) });
  expect(item2.helpers).toEqual([
    expect.objectContaining({ name: expect.stringMatching(/^好友[0-9A-Z]{4}$/), action: 'donate', orderId: d2 }),
  ]);
  expect(p.totals).toEqual({ helpers: 3, extraMatchedFen: wonBy(s1.shareId) + wonBy(s2.shareId) });
  const text = JSON.stringify(p);
  for (const friend of ['prog-B', 'prog-C', 'prog-D']) expect(text).not.toContain(friend);
  // Someone else sees none of it.
  expect((await progress(b, 'prog-B')).items).toEqual([]);
});

describe('bad input gets a clear error code and changes nothing', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['unknown action', { action: 'steal' }, 'UNKNOWN_ACTION'],
    ['missing action', {}, 'INVALID_INPUT'],
    ['extra field on share', { action: 'share', projectId: 'p050', inviter: 'bad-A' }, 'INVALID_INPUT'],
    ['client-sent openid', { action: 'flower', shareId: 'sX', openid: 'victim' }, 'CLIENT_OPENID_REJECTED'],
    ['share of an unknown project', { action: 'share', projectId: 'p999' }, 'PROJECT_NOT_FOUND'],
    ['share id not a string', { action: 'open', shareId: 42 }, 'INVALID_INPUT'],
    ['missing share id', { action: 'flower' }, 'INVALID_INPUT'],
    ['extra field on flower', { action: 'flower', shareId: 'sX', extraDraw: { amountFen: 99900 } }, 'INVALID_INPUT'],
    ['extra field on progress', { action: 'progress', inviter: 'act-A' }, 'INVALID_INPUT'],
    ['over-long nickname', { action: 'share', projectId: 'p050', nickname: '很'.repeat(21) }, 'INVALID_INPUT'],
  ];
  test.each(cases)('%s', async (_name, data, code) => {
    b.at(SESSION_DAY, '12:00');
    const before = await snapshot(b);
    const r = await b.call('assist', data, { openid: 'bad-A' });
    expect(r.status).toBe(400);
    expect(r.error?.code).toBe(code);
    expect(await snapshot(b)).toEqual(before);
  });
});

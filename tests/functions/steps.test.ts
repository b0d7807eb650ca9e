/**
 * 一块走 (step donation) through the real SDK on the emulator (issue 6): steps come only from WeRun
 * data CloudBase decrypts, one donation per user per Beijing day (a unique `_id`, not a read-then-write),
 * sponsors chosen by budget left and never overspent, and the money in project totals and the ledger.
 */
import cloud from 'wx-server-sdk';
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { beijingMs } from '../../domain/time';
import { userKey } from '../../domain/ids';

let b: Backend;
beforeAll(async () => {
  b = await startBackend();
});
afterAll(() => b.stop());

const P = 'p030';

/** A WeRun cloudID for `openid`'s steps today (or on `date`), as wx.getWeRunData would hand the client. */
const werun = (openid: string, steps: number, date?: string) => b.emulator.issueWeRun(openid, steps, date).cloudID;
const steps = (openid: string, data: Record<string, unknown>) => b.call('steps', data, { openid });
const today = (openid: string, weRunData: unknown) => steps(openid, { action: 'today', weRunData });
/** Donate today's steps to `projectId` (null: let the function recommend one). */
const donate = (openid: string, weRunData: unknown, projectId: string | null = P) =>
  steps(openid, { action: 'donate', weRunData, ...(projectId ? { projectId } : {}) });

async function projectGet(id = P) {
  return (await b.call('projects', { action: 'get', id }, { openid: 'viewer' })).result;
}

async function sponsorsFromDb() {
  const list = await b.emulator.db.find('sponsors');
  return {
    list,
    pledgedFen: list.reduce((t, s) => t + s.pledgedFen, 0),
    paidFen: list.reduce((t, s) => t + s.paidFen, 0),
    leftFen: list.reduce((t, s) => t + s.leftFen, 0),
  };
}

/**
 * Give every sponsor `budgetOf` fen left (tiny budgets for the exhaustion tests). What a sponsor already
 * paid stays paid, so pledged = paid + left and the ledger still reconciles.
 */
async function setBudgets(budgetOf: (id: string, i: number) => number) {
  const list = await b.emulator.db.find('sponsors');
  list.sort((x, y) => String(x._id).localeCompare(String(y._id)));
  for (const [i, s] of list.entries()) {
    const fen = budgetOf(String(s._id), i);
    await b.emulator.db.put('sponsors', { ...s, pledgedFen: s.paidFen + fen, leftFen: fen });
  }
}

const seededPledge = new Map<string, number>();
beforeAll(async () => {
  for (const s of await b.emulator.db.find('sponsors')) seededPledge.set(String(s._id), s.pledgedFen);
});
/** Tests that shrink budgets put the seeded pledges back afterwards (keeping what was paid). */
async function restoreBudgets() {
  for (const s of await b.emulator.db.find('sponsors')) {
    const pledgedFen = seededPledge.get(String(s._id))!;
    await b.emulator.db.put('sponsors', { ...s, pledgedFen, leftFen: pledgedFen - s.paidFen });
  }
}

describe('eligibility: 6000 steps', () => {
  test('5999 steps: not eligible, donate refused with STEPS_BELOW_THRESHOLD; nothing written', async () => {
    b.at(SESSION_DAY, '10:30');
    const cid = werun('walker-5999', 5999);
    const t = await today('walker-5999', cid);
    expect(t.error).toBeUndefined();
    expect(t.result).toMatchObject({ steps: 5999, threshold: 6000, eligible: false, donatedToday: false });
    const d = await donate('walker-5999', cid);
    expect(d.error?.code).toBe('STEPS_BELOW_THRESHOLD');
    expect(d.error?.message).toMatch(/6000/);
    expect(await b.count('step_donations', (s) => s.openid === 'walker-5999')).toBe(0);
  });

  test('6000 steps: eligible; donate pays 50–500 fen from a sponsor, earns a flower; today says donated', async () => {
    b.at(SESSION_DAY, '10:31');
    const cid = werun('walker-6000', 6000);
    const t = await today('walker-6000', cid);
    expect(t.result).toMatchObject({ steps: 6000, threshold: 6000, eligible: true, donatedToday: false });
    expect(typeof t.result.recommendedProjectId).toBe('string');
    const d = await donate('walker-6000', cid);
    expect(d.error).toBeUndefined();
    const r = d.result;
    expect(r.steps).toBe(6000);
    expect(r.projectId).toBe(P);
    expect(Number.isInteger(r.amountFen)).toBe(true);
    expect(r.amountFen).toBeGreaterThanOrEqual(50);
    expect(r.amountFen).toBeLessThanOrEqual(500);
    expect(r.sponsor).toEqual({ id: expect.stringMatching(/^s\d\d$/), name: expect.any(String) });
    expect(r.sponsorsExhausted).toBe(false);
    expect(r.match === null || Number.isInteger(r.match.amountFen)).toBe(true);
    expect(r.flowersEarned).toBe(1);
    const again = await today('walker-6000', werun('walker-6000', 6000));
    expect(again.result).toMatchObject({
      donatedToday: true,
      donation: { amountFen: r.amountFen, sponsorId: r.sponsor.id, projectId: P, steps: 6000 },
    });
  });

  test('without projectId the recommended project gets the steps', async () => {
    b.at(SESSION_DAY, '10:32');
    const cid = werun('walker-rec', 8000);
    const rec = (await today('walker-rec', cid)).result.recommendedProjectId;
    const d = await donate('walker-rec', cid, null);
    expect(d.result.projectId).toBe(rec);
  });

  test('an unknown project is refused before anything is written', async () => {
    b.at(SESSION_DAY, '10:33');
    const d = await donate('walker-nop', werun('walker-nop', 9000), 'p999');
    expect(d.error?.code).toBe('PROJECT_NOT_FOUND');
    expect(await b.count('step_donations', (s) => s.openid === 'walker-nop')).toBe(0);
  });
});

describe('session and project', () => {
  test('before and after the session, today works but donate is refused with SESSION_CLOSED', async () => {
    b.at('2022-04-26', '12:00');
    expect((await today('offseason', werun('offseason', 9000))).result).toMatchObject({ steps: 9000, eligible: true });
    expect((await donate('offseason', werun('offseason', 9000))).error?.code).toBe('SESSION_CLOSED');
    b.at('2022-04-30', '00:00');
    expect((await donate('offseason', werun('offseason', 9000))).error?.code).toBe('SESSION_CLOSED');
    expect(await b.count('step_donations', (s) => s.openid === 'offseason')).toBe(0);
  });

  test('a project no longer fundraising is refused with PROJECT_CLOSED', async () => {
    b.at(SESSION_DAY, '10:40');
    const p = (await b.emulator.db.get('projects', 'p299'))!;
    await b.emulator.db.put('projects', { ...p, status: 'closed' });
    try {
      expect((await donate('closed-fan', werun('closed-fan', 9000), 'p299')).error?.code).toBe('PROJECT_CLOSED');
    } finally {
      await b.emulator.db.put('projects', p);
    }
    expect(await b.count('step_donations', (s) => s.openid === 'closed-fan')).toBe(0);
  });
});

describe('one step donation per user per Beijing day', () => {
  test('a second donation the same day is refused with ALREADY_DONATED_TODAY', async () => {
    b.at(SESSION_DAY, '11:00');
    expect((await donate('twice', werun('twice', 7000))).error).toBeUndefined();
    b.at(SESSION_DAY, '23:59');
    const again = await donate('twice', werun('twice', 12000), 'p031');
    expect(again.error?.code).toBe('ALREADY_DONATED_TODAY');
    expect(await b.count('step_donations', (s) => s.openid === 'twice')).toBe(1);
  });

  test('the day key is the unique _id `${campaignId}:${userKey}_${beijingDay}`', async () => {
    const doc = await b.emulator.db.get('step_donations', `cq2022:${userKey('twice')}_${SESSION_DAY}`);
    expect(doc).toMatchObject({ openid: 'twice', day: SESSION_DAY, steps: 7000 });
  });

  test('20 concurrent donate calls from one user: exactly one pays', async () => {
    b.at(SESSION_DAY, '12:00', { running: true });
    const user = 'racer';
    const before = await sponsorsFromDb();
    const projectBefore = await projectGet();
    const cids = Array.from({ length: 20 }, () => werun(user, 9000));
    const results = await Promise.all(cids.map((cid) => donate(user, cid)));
    const ok = results.filter((r) => !r.error);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.error).map((r) => r.error!.code)).toEqual(Array(19).fill('ALREADY_DONATED_TODAY'));
    const paid = ok[0].result.amountFen;
    expect(await b.count('step_donations', (s) => s.openid === user)).toBe(1);
    expect(await b.count('journal', (e) => e.kind === 'steps' && e._id.includes(userKey(user)))).toBe(1);
    const after = await sponsorsFromDb();
    expect(after.paidFen - before.paidFen).toBe(paid);
    expect(before.leftFen - after.leftFen).toBe(paid);
    const projectAfter = await projectGet();
    expect(projectAfter.bySource.sponsor - projectBefore.bySource.sponsor).toBe(paid);
    const flowers = await b.emulator.db.get('flower_accounts', user);
    expect(flowers!.balance).toBe(1);
  });
});

describe('steps come only from the decrypted WeRun data', () => {
  test('a client-sent step count is refused by the schema', async () => {
    b.at(SESSION_DAY, '13:00');
    const cid = werun('cheat', 100);
    const extra = await steps('cheat', { action: 'donate', weRunData: cid, projectId: P, steps: 99999 });
    expect(extra.error?.code).toBe('INVALID_INPUT');
    const number = await steps('cheat', { action: 'donate', weRunData: 99999, projectId: P });
    expect(number.error?.code).toBe('INVALID_INPUT');
    const viaToday = await steps('cheat', { action: 'today', weRunData: cid, steps: 99999 });
    expect(viaToday.error?.code).toBe('INVALID_INPUT');
    expect(await b.count('step_donations', (s) => s.openid === 'cheat')).toBe(0);
  });

  test('a forged "decrypted" object is not trusted: steps come from WeChat for its cloudID', async () => {
    b.at(SESSION_DAY, '13:01');
    const stepInfoList = [{ timestamp: beijingMs(SESSION_DAY, '00:00') / 1000, step: 99999 }];
    // No cloudID WeChat issued.
    const fake = await donate('forger', { cloudID: 'made-up', data: { stepInfoList } });
    expect(fake.error?.code).toBe('CLOUDID_INVALID');
    // A real cloudID (100 steps) with forged data next to it: the real 100 steps count.
    const cid = werun('forger', 100);
    const t = await today('forger', { cloudID: cid, data: { stepInfoList } });
    expect(t.result).toMatchObject({ steps: 100, eligible: false });
    const d = await donate('forger', { cloudID: cid, data: { stepInfoList } });
    expect(d.error?.code).toBe('STEPS_BELOW_THRESHOLD');
    expect(await b.count('step_donations', (s) => s.openid === 'forger')).toBe(0);
  });

  test('the emulator endpoint POST /__emulator/werun issues a cloudID the function reads', async () => {
    b.at(SESSION_DAY, '13:02');
    const res = await fetch(`${b.url}/__emulator/werun`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'http-walker', steps: 7000 }),
    });
    const { cloudID } = (await res.json()) as { cloudID: string };
    expect((await today('http-walker', cloudID)).result).toMatchObject({ steps: 7000, eligible: true });
  });

  test('an expired cloudID (> 5 min) gets CLOUDID_EXPIRED; at 4:59 it still works', async () => {
    const t0 = b.at(SESSION_DAY, '14:00');
    const cid = werun('slow', 8000);
    b.emulator.setClock({ now: t0 + 4 * 60_000 + 59_000, frozen: true });
    expect((await today('slow', cid)).result).toMatchObject({ steps: 8000 });
    b.emulator.setClock({ now: t0 + 5 * 60_000 + 1_000, frozen: true });
    const late = await donate('slow', cid);
    expect(late.error?.code).toBe('CLOUDID_EXPIRED');
    expect(late.error?.message).toMatch(/过期/);
    expect((await today('slow', cid)).error?.code).toBe('CLOUDID_EXPIRED');
    expect(await b.count('step_donations', (s) => s.openid === 'slow')).toBe(0);
    // A fresh one works.
    expect((await donate('slow', werun('slow', 8000))).error).toBeUndefined();
  });

  test("another user's cloudID gets CLOUDID_INVALID", async () => {
    b.at(SESSION_DAY, '14:10');
    const alices = werun('alice-w', 20000);
    const r = await donate('bob-w', alices);
    expect(r.error?.code).toBe('CLOUDID_INVALID');
    expect(r.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await today('bob-w', alices)).error?.code).toBe('CLOUDID_INVALID');
    expect(await b.count('step_donations', (s) => s.openid === 'bob-w')).toBe(0);
  });

  test('WeRun data for another day does not count as today', async () => {
    b.at(SESSION_DAY, '14:20');
    const yesterday = werun('lagging', 15000, '2022-04-27');
    expect((await today('lagging', yesterday)).result).toMatchObject({ steps: 0, eligible: false });
  });
});

describe('sponsors: weighted by budget left, never overspent', () => {
  afterEach(restoreBudgets);

  const TINY_BUDGETS =
    '200 concurrent users against tiny budgets: paid + left = pledged exactly; the rest are told and get a flower';
  test(
    TINY_BUDGETS,
    async () => {
      b.at(SESSION_DAY, '15:00', { running: true });
      // 41 budgets of 100..900 fen (≈ 20 k fen) against ≥ 200 × 50 fen of demand (≈ 55 k on average).
      await setBudgets((_, i) => 100 + ((i * 37) % 9) * 100);
      const before = await sponsorsFromDb();
      const paidBefore = new Map(before.list.map((x) => [x._id, x.paidFen]));
      const users = Array.from({ length: 200 }, (_, i) => `tiny-${i}`);
      const results = await Promise.all(users.map((u, i) => donate(u, werun(u, 6000 + i), `p0${30 + (i % 5)}`)));
      expect(results.filter((r) => r.error)).toEqual([]);
      const after = await sponsorsFromDb();
      for (const s of after.list) {
        expect(s.leftFen).toBeGreaterThanOrEqual(0);
        expect(s.paidFen + s.leftFen).toBe(s.pledgedFen);
      }
      expect(after.paidFen + after.leftFen).toBe(after.pledgedFen);
      expect(after.pledgedFen).toBe(before.pledgedFen);
      expect(after.leftFen).toBe(0); // demand exceeded every budget
      const paid = results.filter((r) => r.result.amountFen > 0);
      const exhausted = results.filter((r) => r.result.sponsorsExhausted);
      expect(paid.length + exhausted.length).toBe(200);
      const paidNow = after.paidFen - before.paidFen;
      expect(paid.reduce((t, r) => t + r.result.amountFen, 0)).toBe(paidNow);
      expect(paidNow).toBe(before.leftFen);
      expect(exhausted.length).toBeGreaterThan(0);
      for (const r of exhausted) {
        expect(r.result).toMatchObject({
          amountFen: 0,
          sponsor: null,
          match: null,
          flowersEarned: 1,
          notice: { code: 'SPONSORS_EXHAUSTED' },
        });
        expect(r.result.notice.message).toMatch(/[\u4e00-\u9fa5]/);
      }
      // The database agrees: step donations, sponsor postings in the journal.
      const docs = await b.emulator.db.find('step_donations', (s) => s.openid.startsWith('tiny-'));
      expect(docs).toHaveLength(200);
      expect(docs.reduce((t, d) => t + d.amountFen, 0)).toBe(paidNow);
      const entries = await b.emulator.db.find(
        'journal',
        (e) => e.kind === 'steps' && docs.some((d) => e._id === `steps_${d._id}`),
      );
      const sponsorOut = entries
        .flatMap((e) => e.postings)
        .filter((p: any) => p.account.kind === 'sponsor')
        .reduce((t: number, p: any) => t - p.amountFen, 0);
      expect(sponsorOut).toBe(paidNow);
      for (const s of after.list) expect(s.paidFen - paidBefore.get(s._id)!).toBeGreaterThanOrEqual(0);
      // The wall says so too.
      const wall = (await steps('tiny-0', { action: 'sponsors' })).result;
      expect(wall.exhausted).toBe(true);
      expect(wall.totals).toEqual({ pledgedFen: after.pledgedFen, paidFen: after.paidFen, leftFen: 0 });
    },
    120_000,
  );

  const SPONSOR_DRAINED_MIDWAY =
    'a sponsor drained after the list was read: another sponsor with budget pays (nobody is turned away early)';
  test(SPONSOR_DRAINED_MIDWAY, async () => {
    b.at(SESSION_DAY, '15:30', { running: true });
    // s01 has nearly all the weight. The test's open transaction drains it first; the donation, which
    // listed s01 with budget, conflicts on s01 (first writer wins) until the drain commits, then finds
    // s01 empty in its new snapshot and must pay from s02 instead of turning the walker away.
    await setBudgets((id) => (id === 's01' ? 1_000_000_000 : id === 's02' ? 100_000 : 0));
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
    const db = cloud.database();
    const tx = await db.startTransaction();
    const s01 = (await tx.collection('sponsors').doc('s01').get()).data as any;
    // Drained by "someone else": the test only shrinks the pledge, so the ledger still reconciles.
    await tx
      .collection('sponsors')
      .doc('s01')
      .update({ data: { leftFen: 0, pledgedFen: s01.paidFen } });
    const pending = donate('late-walker', werun('late-walker', 6500));
    await new Promise((r) => setTimeout(r, 500));
    await tx.commit();
    const r = await pending;
    expect(r.error).toBeUndefined();
    expect(r.result.sponsorsExhausted).toBe(false);
    expect(r.result.sponsor.id).toBe('s02');
    const s02 = await b.emulator.db.get('sponsors', 's02');
    expect(s02!.leftFen).toBe(100_000 - r.result.amountFen);
    expect(s02!.leftFen + s02!.paidFen).toBe(s02!.pledgedFen);
  });

  test('the pick is weighted by budget left', async () => {
    b.at(SESSION_DAY, '16:00', { running: true });
    // s01 has 9× the budget of s02: ≈ 90 % of 100 donations (each ≤ 500 fen, budgets stay ample).
    await setBudgets((id) => (id === 's01' ? 9_000_000 : id === 's02' ? 1_000_000 : 0));
    const users = Array.from({ length: 100 }, (_, i) => `weighted-${i}`);
    const results = await Promise.all(users.map((u) => donate(u, werun(u, 7000))));
    const bySponsor = new Map<string, number>();
    for (const r of results) bySponsor.set(r.result.sponsor.id, (bySponsor.get(r.result.sponsor.id) ?? 0) + 1);
    expect([...bySponsor.keys()].sort()).toEqual(['s01', 's02']);
    expect(bySponsor.get('s01')!).toBeGreaterThanOrEqual(75);
    expect(bySponsor.get('s02')!).toBeGreaterThanOrEqual(2);
    // 90 of the 100 land on one sponsor document: first-writer-wins retries serialise them (≈ 25 s alone, far
    // more on a shared 2-core runner). The bound is a hang guard, not a speed check (bench:steps measures that).
  }, 180_000);

  test('all budgets gone: the wall says exhausted and a walker gets the flower instead', async () => {
    b.at(SESSION_DAY, '16:30');
    await setBudgets(() => 0);
    const r = await donate('after-all', werun('after-all', 10000));
    expect(r.error).toBeUndefined();
    expect(r.result).toMatchObject({
      amountFen: 0,
      sponsor: null,
      sponsorsExhausted: true,
      flowersEarned: 1,
      notice: { code: 'SPONSORS_EXHAUSTED' },
    });
    expect((await steps('after-all', { action: 'sponsors' })).result.exhausted).toBe(true);
    expect(await b.count('journal', (e) => e._id === `steps_cq2022:${userKey('after-all')}_${SESSION_DAY}`)).toBe(0);
  });
});

describe('money in totals and the ledger; history; the wall', () => {
  test('step money lands in project totals as source `sponsor` and as a balanced `steps` journal entry', async () => {
    b.at(SESSION_DAY, '09:00'); // before 10:00: no foundation match, sponsor money only
    const project = 'p040';
    const before = await projectGet(project);
    const r = (await donate('ledger-walker', werun('ledger-walker', 6001), project)).result;
    expect(r.match).toBeNull();
    const after = await projectGet(project);
    expect(after.bySource.sponsor - before.bySource.sponsor).toBe(r.amountFen);
    expect(after.raisedFen - before.raisedFen).toBe(r.amountFen);
    const entry = await b.emulator.db.get('journal', `steps_cq2022:${userKey('ledger-walker')}_${SESSION_DAY}`);
    expect(entry).toMatchObject({ kind: 'steps', projectId: project, amountFen: r.amountFen, day: SESSION_DAY });
    expect(entry!.postings).toEqual([
      { account: { kind: 'sponsor', sponsorId: r.sponsor.id }, amountFen: -r.amountFen },
      { account: { kind: 'project', projectId: project, source: 'sponsor' }, amountFen: r.amountFen },
    ]);
  });

  test('a foundation match on a step donation lands as source `match`, in the same journal entry', async () => {
    process.env.SHANXING_RANDOM_SEED = 'steps-match';
    try {
      b.at(SESSION_DAY, '17:00');
      const project = 'p041';
      const before = await projectGet(project);
      let matched: any = null;
      const got: any[] = [];
      for (let i = 0; i < 30 && !matched; i++) {
        const u = `matchwalker-${i}`;
        const r = (await donate(u, werun(u, 9000), project)).result;
        got.push(r);
        if (r.match?.amountFen > 0) matched = { u, r };
      }
      expect(matched).not.toBeNull();
      const after = await projectGet(project);
      const sponsorSum = got.reduce((t, r) => t + r.amountFen, 0);
      const matchSum = got.reduce((t, r) => t + (r.match?.amountFen ?? 0), 0);
      expect(after.bySource.sponsor - before.bySource.sponsor).toBe(sponsorSum);
      expect(after.bySource.match - before.bySource.match).toBe(matchSum);
      const key = `cq2022:${userKey(matched.u)}_${SESSION_DAY}`;
      const { amountFen, match, sponsor } = matched.r;
      const entry = await b.emulator.db.get('journal', `steps_${key}`);
      expect(entry).toMatchObject({ kind: 'steps', projectId: project, amountFen: amountFen + match.amountFen });
      const shardId = (await b.emulator.db.find('pool_shards', (s) => s.day === SESSION_DAY)).find(
        (s) => entry!.postings[2].account.shardId === s._id,
      )?._id;
      expect(shardId).toBeDefined();
      expect(entry!.postings).toEqual([
        { account: { kind: 'sponsor', sponsorId: sponsor.id }, amountFen: -amountFen },
        { account: { kind: 'project', projectId: project, source: 'sponsor' }, amountFen },
        { account: { kind: 'pool', shardId }, amountFen: -match.amountFen },
        { account: { kind: 'project', projectId: project, source: 'match' }, amountFen: match.amountFen },
      ]);
      expect((await b.emulator.db.get('step_donations', key))!.match).toEqual({ amountFen: match.amountFen });
      // The user's match document recorded the draw against the daily cap (spent exactly once).
      const user = await b.emulator.db.get('match_users', `cq2022_${userKey(matched.u)}`);
      expect(user!.days[SESSION_DAY].matchedFen).toBe(match.amountFen);
    } finally {
      delete process.env.SHANXING_RANDOM_SEED;
    }
  });

  test('history lists the last 7 Beijing days, newest first, with what was donated', async () => {
    const u = 'historian';
    b.at('2022-04-27', '12:00');
    const d27 = (await donate(u, werun(u, 6100))).result;
    b.at('2022-04-29', '08:00');
    const d29 = (await donate(u, werun(u, 7200))).result;
    const h = (await steps(u, { action: 'history' })).result;
    expect(h.items.map((i: any) => i.day)).toEqual([
      '2022-04-29',
      '2022-04-28',
      '2022-04-27',
      '2022-04-26',
      '2022-04-25',
      '2022-04-24',
      '2022-04-23',
    ]);
    expect(h.items[0]).toMatchObject({
      donated: true,
      steps: 7200,
      amountFen: d29.amountFen,
      sponsorName: d29.sponsor.name,
      projectId: P,
    });
    expect(h.items[1]).toMatchObject({ donated: false, steps: 0, amountFen: 0, sponsorName: null, projectId: null });
    expect(h.items[2]).toMatchObject({
      donated: true,
      steps: 6100,
      amountFen: d27.amountFen,
      sponsorName: d27.sponsor.name,
    });
    expect(h.items.slice(3).every((i: any) => !i.donated)).toBe(true);
  });

  test('the sponsor wall shows names, pledged and paid, biggest first, totals agreeing with the database', async () => {
    b.at(SESSION_DAY, '18:00');
    const wall = (await steps('wall-viewer', { action: 'sponsors' })).result;
    expect(wall.items).toHaveLength(41);
    expect(wall.items[0]).toMatchObject({ id: 's01', name: '重庆山城农商集团', pledgedFen: 250_000_000 });
    for (let i = 1; i < wall.items.length; i++)
      expect(wall.items[i - 1].pledgedFen).toBeGreaterThanOrEqual(wall.items[i].pledgedFen);
    const db = await sponsorsFromDb();
    expect(wall.totals).toEqual({ pledgedFen: db.pledgedFen, paidFen: db.paidFen, leftFen: db.leftFen });
    expect(wall.totals.pledgedFen).toBe(2_243_000_000);
    expect(wall.totals.paidFen).toBeGreaterThan(0);
    expect(wall.exhausted).toBe(false);
    for (const s of wall.items) expect(s.paidFen + s.leftFen).toBe(s.pledgedFen);
  });
});

describe('a crash after the step donation commits loses nothing (its flower commits with it)', () => {
  test('kill test: 12 walkers die right after the commit, then retry: every flower credited exactly once', async () => {
    b.at(SESSION_DAY, '14:00', { running: true });
    const walkers = Array.from({ length: 12 }, (_, i) => `kill-walker-${i}`);
    const died = await Promise.all(
      walkers.map((w) =>
        b.emulator
          .invoke(
            'steps',
            { action: 'donate', weRunData: werun(w, 8000), projectId: P },
            { openid: w, env: { SHANXING_FAULT: 'steps:afterCommit' } },
          )
          .then(
            () => 'lived',
            (e) => String(e),
          ),
      ),
    );
    expect(died.every((d) => /injected fault/.test(d))).toBe(true);
    const retries = await Promise.all(walkers.map((w) => donate(w, werun(w, 8000))));
    expect(retries.map((r) => r.error?.code)).toEqual(walkers.map(() => 'ALREADY_DONATED_TODAY'));
    for (const w of walkers) {
      expect(await b.count('step_donations', (s) => s.openid === w)).toBe(1);
      expect((await b.emulator.db.get('flower_accounts', w))?.balance).toBe(1);
      expect(await b.count('flower_events', (e) => e.openid === w && e.kind === 'earn' && e.source === 'steps')).toBe(
        1,
      );
    }
  });
});

describe('weRunData is strict at every level', () => {
  const base = () => ({
    cloudID: 'x',
    data: { stepInfoList: [{ timestamp: 1651075200, step: 9000 }], watermark: { appid: 'wx1', timestamp: 1651075200 } },
  });
  const cases: Array<[string, (w: any) => void]> = [
    ['top level', (w) => (w.steps = 99999)],
    ['data', (w) => (w.data.steps = 99999)],
    ['a step entry', (w) => (w.data.stepInfoList[0].verified = true)],
    ['watermark', (w) => (w.data.watermark.openid = 'victim-ish')],
  ];
  test.each(cases)('an unknown key in %s is INVALID_INPUT and changes nothing', async (_where, mutate) => {
    b.at(SESSION_DAY, '14:30');
    const weRunData = base();
    weRunData.cloudID = werun('strict-walker', 9000);
    mutate(weRunData);
    const before = [await b.count('step_donations'), await b.count('flower_accounts'), await b.count('journal')];
    for (const action of ['today', 'donate']) {
      const r = await steps('strict-walker', { action, weRunData, ...(action === 'donate' ? { projectId: P } : {}) });
      expect(r.error?.code).toBe('INVALID_INPUT');
    }
    expect([await b.count('step_donations'), await b.count('flower_accounts'), await b.count('journal')]).toEqual(
      before,
    );
  });
});

describe('reconcile', () => {
  const LEDGER_RECONCILES =
    'after all of the above the ledger agrees with sponsors, counters and the pool (npm run reconcile)';
  test(LEDGER_RECONCILES, async () => {
    const r = await b.call('admin', { action: 'reconcile' }, { openid: 'admin-local' });
    expect(r.result.problems).toEqual([]);
    expect(r.result.ok).toBe(true);
    // the step donations above, sponsor money included
    expect(await b.count('journal', (e) => e.kind === 'steps')).toBeGreaterThan(100);
  });
});

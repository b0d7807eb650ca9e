import {
  applyDraw,
  decideDraw,
  donationsInLastMinute,
  emptyUser,
  RECENT_PAID_KEPT,
  withPaid,
  type DrawInput,
  type UserMatchState,
} from '@domain/match';
import { emptyShard } from '@domain/pacing';
import { seededRng } from '@domain/rng';
import { CHONGQING_2022, type MatchSettings } from '@domain/settings';
import { beijingMs, matchWindow } from '@domain/time';

const S: MatchSettings = CHONGQING_2022.match;
const DAY = '2022-04-27';
const W = matchWindow(S, DAY);
const at = (hhmm: string, extraMs = 0) => beijingMs(DAY, hhmm) + extraMs;
const always = () => 0; // rng that always picks and draws the range floor

function input(over: Partial<DrawInput> = {}): DrawInput {
  const paidAtMs = over.paidAtMs ?? at('12:00');
  return {
    settings: S,
    nowMs: paidAtMs,
    window: W,
    donationFen: 1_000,
    paidAtMs,
    shard: emptyShard(1_000_000),
    user: emptyUser(),
    projectId: 'p001',
    shards: 1,
    rng: seededRng('t'),
    kind: 'donation',
    ...over,
  };
}

describe('eligibility edges', () => {
  it('opens at 10:00:00.000 Beijing, not 09:59:59.999 (whatever the process TZ)', () => {
    expect(W.startMs).toBe(Date.UTC(2022, 3, 27, 2, 0, 0));
    expect(decideDraw(input({ paidAtMs: at('10:00', -1) })).reason).toBe('before_open');
    expect(decideDraw(input({ paidAtMs: at('10:00'), rng: always })).reason).toBeUndefined();
  });

  it('closes at 24:00: 23:59:59.999 counts, midnight does not', () => {
    expect(W.endMs).toBe(Date.UTC(2022, 3, 27, 16, 0, 0));
    const late = decideDraw(input({ paidAtMs: W.endMs - 1, rng: always }));
    expect(late.reason).toBeUndefined();
    expect(late.amountFen).toBeGreaterThan(0);
    expect(decideDraw(input({ paidAtMs: W.endMs })).reason).toBe('before_open');
  });

  it('no window (not a session day) → before_open', () => {
    expect(decideDraw(input({ window: null })).reason).toBe('before_open');
  });

  it('99 fen is below the minimum, 100 fen is eligible', () => {
    expect(decideDraw(input({ donationFen: 99 })).reason).toBe('below_minimum');
    expect(decideDraw(input({ donationFen: 100, rng: always })).reason).toBeUndefined();
  });

  it('step draws are exempt from the donation minimum', () => {
    expect(decideDraw(input({ donationFen: 50, kind: 'steps', rng: always })).amountFen).toBeGreaterThan(0);
  });

  it('rejects float money', () => {
    expect(() => decideDraw(input({ donationFen: 100.5 }))).toThrow();
  });
});

describe('rate limit', () => {
  it('allows the 4th paid donation within a minute and refuses the 5th', () => {
    let shard = emptyShard(1_000_000);
    let user = emptyUser();
    const t0 = at('12:00');
    for (let i = 0; i < 4; i++) {
      const paidAtMs = t0 + i * 10_000;
      const d = decideDraw(input({ shard, user, paidAtMs, markId: `o${i}`, rng: always }));
      expect(d.reason).not.toBe('rate_limited');
      ({ shard, user } = applyDraw(shard, user, 'p001', paidAtMs, d.amountFen, S, {
        counted: d.counted,
        demandFen: d.demandFen,
        markId: `o${i}`,
      }));
    }
    expect(user.recent).toHaveLength(4);
    const fifth = decideDraw(input({ shard, user, paidAtMs: t0 + 40_000, markId: 'o4' }));
    expect(fifth).toMatchObject({ amountFen: 0, reason: 'rate_limited', counted: false });
    // Exactly 60 s after the first, the first no longer counts.
    expect(decideDraw(input({ shard, user, paidAtMs: t0 + 60_000, markId: 'o5', rng: always })).reason).not.toBe(
      'rate_limited',
    );
    // Extra and step draws are not the user's own donations.
    expect(
      decideDraw(input({ shard, user, paidAtMs: t0 + 40_000, kind: 'extra', rng: always })).reason,
    ).toBeUndefined();
  });

  it('judges by paid time, whatever order the payments are recorded in', () => {
    const t0 = at('12:00');
    const marks = Array.from({ length: 6 }, (_, i) => ({ at: t0 + i * 5_000, id: `o${i}` }));
    // Every other payment already known (recorded or reported by WeChat Pay), in any order.
    for (const order of [marks, [...marks].reverse(), [marks[3], marks[0], marks[5], marks[1], marks[4], marks[2]]]) {
      let recent: UserMatchState['recent'] = [];
      for (const m of order) recent = withPaid(recent, m);
      expect(marks.map((m) => donationsInLastMinute(recent, m.at, m.id))).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it("within one second (WeChat's precision) a recorded payment came first; unrecorded ones by id; none twice", () => {
    const t = at('12:00');
    expect(
      donationsInLastMinute(
        [
          { at: t, id: 'z' },
          { at: t, id: 'z' },
        ],
        t,
        'a',
      ),
    ).toBe(2);
    const reported = [
      { at: t, id: 'b', notified: false },
      { at: t, id: 'c', notified: false },
    ];
    expect(donationsInLastMinute(reported, t, 'a')).toBe(1);
    expect(donationsInLastMinute(reported, t, 'bb')).toBe(2);
  });

  it('keeps a bounded list of the latest paid times, sorted', () => {
    let user = emptyUser();
    const shard = emptyShard(1_000_000);
    for (let i = 29; i >= 0; i--)
      user = applyDraw(shard, user, 'p', at('12:00') + i * 1000, 0, S, { markId: `o${i}` }).user;
    expect(user.recent).toHaveLength(RECENT_PAID_KEPT);
    expect(user.recent.map((m) => m.id)).toEqual(
      Array.from({ length: RECENT_PAID_KEPT }, (_, k) => `o${30 - RECENT_PAID_KEPT + k}`),
    );
  });
});

describe('caps and reasons', () => {
  const withUser = (matchedFen: number): UserMatchState => ({ matchedFen, recent: [] });

  it('user_cap when the daily cap is used; amounts never exceed what is left of it', () => {
    expect(decideDraw(input({ user: withUser(S.userDailyCapFen) })).reason).toBe('user_cap');
    const d = decideDraw(input({ user: withUser(S.userDailyCapFen - 7), donationFen: 50_000, rng: () => 0.999 }));
    expect(d.amountFen).toBeLessThanOrEqual(7);
  });

  it('project_cap splits the daily project cap over shards (floor)', () => {
    const settings = { ...S, projectDailyCapFen: 1_001 };
    const shard = { ...emptyShard(1_000_000), projects: { p001: 500 } };
    expect(decideDraw(input({ settings, shard, shards: 2 })).reason).toBe('project_cap'); // floor(1001/2)=500
    const d = decideDraw(
      input({ settings, shard: { ...shard, projects: { p001: 497 } }, shards: 2, rng: () => 0.999 }),
    );
    expect(d.amountFen).toBeLessThanOrEqual(3);
  });

  it('pool_empty when the shard is spent; never more than what is left', () => {
    expect(decideDraw(input({ shard: { ...emptyShard(1_000), spentFen: 1_000 } })).reason).toBe('pool_empty');
    const d = decideDraw(
      input({ shard: { ...emptyShard(1_000), spentFen: 995 }, paidAtMs: W.endMs - 1, rng: () => 0.999 }),
    );
    expect(d.amountFen).toBeLessThanOrEqual(5);
    expect(() => applyDraw({ ...emptyShard(1_000), spentFen: 995 }, emptyUser(), 'p', W.endMs - 1, 6, S)).toThrow();
  });

  it('not_drawn when the chance misses', () => {
    // On the curve at 12:00 with plentiful demand: chance is the base chance, so a high roll misses.
    const shard = { ...emptyShard(1_000_000), spentFen: 142_857, draws: 20_000, demandFen: 100_000_000 };
    expect(decideDraw(input({ shard, rng: () => 0.9999999 })).reason).toBe('not_drawn');
    expect(decideDraw(input({ shard, rng: () => 0.1 })).amountFen).toBeGreaterThan(0);
  });

  it('not_drawn when spend is far ahead of the curve at 10:30', () => {
    const shard = { ...emptyShard(1_000_000), spentFen: 500_000, draws: 5_000, demandFen: 50_000_000 };
    expect(decideDraw(input({ shard, paidAtMs: at('10:30'), rng: always })).reason).toBe('not_drawn');
  });
});

describe('amounts', () => {
  it('are integers within [minMatch, donation] and deterministic for a seed', () => {
    const run = (seed: string) => {
      const rng = seededRng(seed);
      let shard = emptyShard(2_000_000);
      const out: number[] = [];
      for (let i = 0; i < 500; i++) {
        const paidAtMs = at('10:00') + i * 90_000;
        const donationFen = [100, 1_000, 5_000, 10_000, 50_000][i % 5];
        const d = decideDraw(input({ shard, paidAtMs, donationFen, rng }));
        if (d.amountFen > 0) {
          expect(Number.isInteger(d.amountFen)).toBe(true);
          expect(d.amountFen).toBeGreaterThanOrEqual(S.minMatchFen);
          expect(d.amountFen).toBeLessThanOrEqual(donationFen);
        }
        shard = applyDraw(shard, emptyUser(), 'p001', paidAtMs, d.amountFen, S, {
          counted: d.counted,
          demandFen: d.demandFen,
        }).shard;
        out.push(d.amountFen);
      }
      return out;
    };
    expect(run('a')).toEqual(run('a'));
    expect(run('a')).not.toEqual(run('b'));
  });
});

describe('applyDraw', () => {
  it('is pure and records spend, draws, demand and project on the shard, matched and paid time on the user', () => {
    const before = emptyShard(10_000);
    const after = applyDraw(before, emptyUser(), 'p1', at('12:00'), 300, S, {
      counted: true,
      demandFen: 1_000,
      markId: 'o1',
    });
    expect(before).toEqual(emptyShard(10_000));
    expect(after.shard).toMatchObject({ spentFen: 300, draws: 1, demandFen: 1_000, projects: { p1: 300 } });
    expect(after.shard).not.toHaveProperty('users'); // the shard's size never grows with donors
    expect(after.user).toEqual({ matchedFen: 300, recent: [{ at: at('12:00'), id: 'o1' }] });
    const notCounted = applyDraw(after.shard, after.user, 'p1', at('12:01'), 0, S, { counted: false, markId: 'o2' });
    expect(notCounted.shard.draws).toBe(1);
    expect(notCounted.user.recent).toHaveLength(2);
    const extra = applyDraw(after.shard, after.user, 'p1', at('12:01'), 5, S, { kind: 'extra' });
    expect(extra.user.recent).toHaveLength(1);
    expect(extra.user.matchedFen).toBe(305);
  });
});

describe('random-looking matches (maxRatioBp, floorRatioBp)', () => {
  test('20 donations at low demand: amounts differ, none is the whole donation, all within the ratio cap', () => {
    // An idle day: a large shard, one donation every ~20 minutes, pacing wants each matched in full.
    let shard = emptyShard(50_000_000);
    let user = emptyUser();
    const rng = seededRng('idle-pool');
    const amounts: number[] = [];
    for (let i = 0; i < 20; i++) {
      const paidAtMs = at('10:30') + i * 20 * 60_000;
      const donationFen = 1_000;
      const d = decideDraw(input({ shard, user, paidAtMs, donationFen, markId: `o${i}`, rng }));
      expect(d.amountFen).toBeGreaterThan(0);
      expect(d.amountFen).toBeLessThan(donationFen);
      expect(d.amountFen).toBeLessThanOrEqual(Math.floor((donationFen * S.maxRatioBp!) / 10_000));
      amounts.push(d.amountFen);
      ({ shard, user } = applyDraw(shard, { ...user, matchedFen: 0 }, 'p001', paidAtMs, d.amountFen, S, d));
    }
    expect(new Set(amounts).size).toBeGreaterThan(10);
  });

  test('a campaign may allow the whole donation (maxRatioBp 10000) and pin the range (floorRatioBp)', () => {
    const settings = { ...S, maxRatioBp: 10_000, floorRatioBp: 10_000 };
    const shard = emptyShard(50_000_000);
    const d = decideDraw(input({ settings, shard, donationFen: 1_000, rng: seededRng('x') }));
    expect(d.amountFen).toBe(1_000);
  });
});

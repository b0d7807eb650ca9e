import { drawPlan, elapsedFraction, pacingTarget, releaseForDay, shardBudgets } from '@domain/pacing';
import { seededRng } from '@domain/rng';
import { CHONGQING_2022 } from '@domain/settings';
import { simulateDay } from '@domain/simulate';
import { beijingMs, matchWindow } from '@domain/time';

const S = CHONGQING_2022.match;
const W = matchWindow(S, '2022-04-28');

describe('daily release', () => {
  const pool = { poolFen: 5_000_000_000, dailyReleaseBp: [3334, 3333, 3333] };

  it('releases each day its share plus everything unspent before', () => {
    expect(releaseForDay(pool, 0, 0)).toBe(1_667_000_000);
    expect(releaseForDay(pool, 1, 1_667_000_000)).toBe(1_666_500_000);
    expect(releaseForDay(pool, 1, 1_000_000_000)).toBe(3_333_500_000 - 1_000_000_000); // rollover
  });

  it('the last day releases all that is left, to the fen', () => {
    expect(releaseForDay(pool, 2, 3_000_000_001)).toBe(1_999_999_999);
    expect(releaseForDay({ poolFen: 1_000, dailyReleaseBp: [3333, 3333, 3333] }, 2, 0)).toBe(1_000);
  });

  it('outside the session releases nothing; overspent never goes negative', () => {
    expect(releaseForDay(pool, -1, 0)).toBe(0);
    expect(releaseForDay(pool, 3, 0)).toBe(0);
    expect(releaseForDay(pool, 0, 2_000_000_000)).toBe(0);
  });

  it('splits a budget over shards exactly', () => {
    const parts = shardBudgets(1_667_000_003, 16);
    expect(parts).toHaveLength(16);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1_667_000_003);
    expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    expect(parts.every(Number.isInteger)).toBe(true);
  });
});

describe('curve and plan', () => {
  it('target runs linearly from 10:00 to 24:00 Beijing', () => {
    expect(pacingTarget(1_400, W, W.startMs - 1)).toBe(0);
    expect(pacingTarget(1_400, W, beijingMs('2022-04-28', '17:00'))).toBe(700);
    expect(pacingTarget(1_400, W, W.endMs + 5)).toBe(1_400);
    expect(elapsedFraction(W, beijingMs('2022-04-28', '23:59'))).toBeCloseTo(839 / 840, 10);
  });

  it('draw plans keep chance × mean ≈ desired within [min, cap], up to the floor bound (floorRatioBp)', () => {
    for (const [desired, cap] of [
      [10, 50_000],
      [1_000, 50_000],
      [20_000, 50_000],
      [40_000, 50_000],
      [5_000, 100],
      [0.3, 100],
    ]) {
      const p = drawPlan(desired, cap, S);
      expect(p.chance).toBeGreaterThanOrEqual(0);
      expect(p.chance).toBeLessThanOrEqual(1);
      expect(p.loFen).toBeGreaterThanOrEqual(S.minMatchFen);
      expect(p.hiFen).toBeLessThanOrEqual(cap);
      const mean = (p.chance * (p.loFen + p.hiFen)) / 2;
      // The range's floor stays at most floorRatioBp of its top: the most a plan gives on average.
      const floorFen = Math.max(S.minMatchFen, Math.floor((cap * S.floorRatioBp!) / 10_000));
      expect(p.loFen).toBeLessThanOrEqual(Math.max(floorFen, S.minMatchFen));
      expect(mean).toBeCloseTo(Math.min(desired, cap, (floorFen + cap) / 2), -1);
    }
  });
});

describe('whole-day simulation (one shard, 2,000,000 fen)', () => {
  const budgetFen = 2_000_000;
  const cases = [0.5, 1, 10] as const;
  const results = Object.fromEntries(
    cases.map((f) => [f, simulateDay({ settings: S, budgetFen, demandFactor: f, rng: seededRng(`day-${f}`) })]),
  );

  it.each(cases)('%s× demand: never overspent, spent + left = budget, ≥ 99.5 %% used', (f) => {
    const r = results[f];
    expect(Number.isInteger(r.spentFen)).toBe(true);
    expect(r.spentFen).toBeLessThanOrEqual(budgetFen);
    expect(r.spentFen + r.leftFen).toBe(budgetFen);
    expect(r.utilisation).toBeGreaterThanOrEqual(0.995);
    expect(r.donations).toBeGreaterThan(800);
  });

  it('10× demand: the pool lasts ≥ 95 % of the window', () => {
    expect(results[10].donations).toBeGreaterThan(15_000);
    expect(results[10].windowUsedShare).toBeGreaterThanOrEqual(0.95);
  });

  it('late donations still win: matches after 22:00 at every demand level', () => {
    for (const f of cases) {
      let late = 0;
      simulateDay({
        settings: S,
        budgetFen,
        demandFactor: f,
        rng: seededRng(`day-${f}`),
        onDonation: (e) => {
          if (e.paidAtMs >= beijingMs('2022-04-27', '22:00') && e.amountFen > 0) late++;
        },
      });
      expect(late).toBeGreaterThan(10);
    }
  });

  it('is deterministic for a seed', () => {
    const a = simulateDay({ settings: S, budgetFen, demandFactor: 1, rng: seededRng('x') });
    const b = simulateDay({ settings: S, budgetFen, demandFactor: 1, rng: seededRng('x') });
    expect(a).toEqual(b);
  });
});

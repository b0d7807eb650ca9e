/**
 * The session simulator (tools/simulate) on small configurations: money never overspent, first-writer-
 * wins conflicts modelled (two transactions on one shard at once → one retry), deterministic per seed.
 */
import { CHONGQING_2022 } from '../../domain/settings';
import { Holds, tryCommit, type Write } from '../../tools/simulate/dbModel';
import { SCENARIOS } from '../../tools/simulate/scenarios';
import { runSession, type SessionConfig } from '../../tools/simulate/session';

const timing = { minMs: 50, maxMs: 50, readShare: 0.4 };

describe('first-writer-wins model', () => {
  it('two transactions on one shard at once: the later one conflicts, one retry on another shard commits', () => {
    const holds = { pool: new Holds(2) };
    const write = (shard: number): Array<Write<'pool'>> => [null, ['pool', shard], null];
    const a = tryCommit(holds, write(0), 0, 50, timing);
    expect(a).toEqual({ ok: true, conflictAt: -1, atMs: 50 });
    const b = tryCommit(holds, write(0), 10, 50, timing);
    expect(b.ok).toBe(false);
    expect(b.conflictAt).toBe(1);
    expect(b.atMs).toBeLessThan(50); // fails at its write, while A is still open
    const retry = tryCommit(holds, write(1), b.atMs, 50, timing);
    expect(retry.ok).toBe(true);
  });

  it('a transaction that starts after the other committed does not conflict', () => {
    const holds = { pool: new Holds(1) };
    tryCommit(holds, [['pool', 0]], 0, 50, timing);
    expect(tryCommit(holds, [['pool', 0]], 50, 50, timing).ok).toBe(true);
  });

  it('an aborted attempt releases what it wrote when it fails, not at its planned end', () => {
    const holds = { pool: new Holds(1), project: new Holds(1) };
    tryCommit(holds, [['project', 0]], 0, 50, timing);
    const b = tryCommit<'pool' | 'project'>(
      holds,
      [
        ['pool', 0],
        ['project', 0],
      ],
      10,
      50,
      timing,
    );
    expect(b.ok).toBe(false);
    expect(tryCommit(holds, [['pool', 0]], b.atMs, 50, timing).ok).toBe(true);
  });
});

const small = (over: Partial<SessionConfig> = {}): SessionConfig => ({
  ...SCENARIOS.chongqing,
  name: 'small',
  campaign: {
    ...CHONGQING_2022,
    startDate: '2022-04-27',
    endDate: '2022-04-28',
    match: { ...CHONGQING_2022.match, poolFen: 2_000_000, dailyReleaseBp: [5000, 5000], shards: 8 },
  },
  donations: 6_000,
  donors: 2_000,
  projects: 10,
  projectShards: 4,
  statsShards: 4,
  // Half the donations in a two-minute 10:00 burst on few shards: plenty of overlap.
  profile: { ...SCENARIOS.chongqing.profile, surgeShare: 0.5, surgeTauS: 120 },
  tx: { ...SCENARIOS.chongqing.tx, minMs: 50, maxMs: 100 },
  seed: 'unit',
  ...over,
});

describe('runSession', () => {
  const result = runSession(small());

  it('never overspends and accounts for every donation', () => {
    expect(result.donations).toBe(6_000);
    expect(result.overspentFen).toBe(0);
    expect(result.matchedFen).toBeGreaterThan(0);
    expect(result.matchedFen).toBeLessThanOrEqual(result.budgetFen);
    for (const u of result.utilisationPerDay) expect(u).toBeLessThanOrEqual(1);
  });

  it('models conflicts on the hot documents and retries them until they commit', () => {
    expect(result.conflictsPerDonation).toBeGreaterThan(0);
    expect(result.conflictsByDoc.pool + result.conflictsByDoc.project + result.conflictsByDoc.stats).toBeGreaterThan(0);
    expect(result.maxAttemptsUsed).toBeGreaterThan(1);
    expect(result.failedCallbacks).toBe(0);
    // More shards, fewer conflicts.
    const wide = runSession(
      small({
        projectShards: 64,
        statsShards: 64,
        campaign: { ...small().campaign, match: { ...small().campaign.match, shards: 64 } },
      }),
    );
    expect(wide.conflictsPerDonation).toBeLessThan(result.conflictsPerDonation);
  });

  it('counts the callback budget: ≤ 3 reads and ≤ 6 writes per paid donation without retries', () => {
    const calm = runSession(small({ tx: { ...small().tx, minMs: 1, maxMs: 1 }, profile: SCENARIOS.chongqing.profile }));
    expect(calm.callbackReadsPerDonation).toBeLessThanOrEqual(3);
    expect(calm.callbackWritesPerDonation).toBeLessThanOrEqual(6);
    expect(calm.maxDocBytes).toBeLessThan(64 * 1024);
  });

  it('is deterministic for a seed', () => {
    expect(runSession(small())).toEqual(result);
    expect(runSession(small({ seed: 'other' })).matchedFen).not.toBe(result.matchedFen);
  });

  it('a sample replays a fraction and scales the figures back without overspending', () => {
    const sampled = runSession(small({ sample: 2 }));
    expect(sampled.donations).toBe(6_000);
    expect(sampled.overspentFen).toBe(0);
    expect(sampled.matchedFen).toBeLessThanOrEqual(sampled.budgetFen);
  });
});

/**
 * `npm run bench:teams`: N concurrent donations (default 2,000) into 50 一起捐 teams through the real
 * functions (real wx-server-sdk, the emulator, WeChat Pay callbacks), in the 10:00 match window, while
 * readers page the teams and districts leaderboards. Checks that every team's total (teams.get and the
 * teams board) equals its members' paid donations to the fen, and equals the sum over the journal.
 * Prints one JSON object as its last line; exits 1 if the invariant fails.
 */
import { startTestEmulator } from '../tests/helpers/emulator';
import { seedInto } from '../scripts/seed';
import { beijingMs } from '../domain/time';
import { teamTotals } from '../domain/teams';
import type { JournalEntry } from '../domain/ledger';
import { pooled, quietSdkWarnings } from './support';

const DONATIONS = Number(process.env.BENCH_DONATIONS ?? 2000);
const TEAMS = Number(process.env.BENCH_TEAMS ?? 50);
const READERS = Number(process.env.BENCH_READERS ?? 4);
const DAY = '2022-04-28';

async function main(): Promise<void> {
  quietSdkWarnings();
  process.env.SHANXING_SUB_MCH_ID ??= '1900000109';
  process.env.SHANXING_RANDOM_SEED = 'bench-teams';
  const t = await startTestEmulator({ payRetryScale: 0.001 });
  const { emulator } = t;
  await seedInto(emulator.db, { campaigns: ['cq2022'] });
  emulator.setClock({ now: beijingMs(DAY, '10:30'), frozen: false });
  const call = async (fn: string, openid: string, data: object) => {
    const r = await t.call(fn, data, { openid });
    if (r.error) throw new Error(`${fn}: ${JSON.stringify(r.error)}`);
    return r.result;
  };

  const projects = Array.from({ length: 10 }, (_, i) => `p0${30 + i}`);
  const teams = await pooled(
    Array.from({ length: TEAMS }, (_, i) => i),
    16,
    async (i) => ({
      projectId: projects[i % projects.length],
      teamId: (
        await call('teams', `leader-${i}`, {
          action: 'create',
          projectId: projects[i % projects.length],
          name: `一起捐${i + 1}队`,
          goalFen: 100_000,
        })
      ).teamId as string,
    }),
  );
  const amountOf = (i: number) => 100 + ((i * 37) % 4900);
  // Orders ahead of the burst (256 in flight); the burst is every payment notification at once.
  const orders = await pooled(
    Array.from({ length: DONATIONS }, (_, i) => i),
    256,
    async (i) => {
      const team = teams[i % TEAMS];
      const r = await call('donate', `donor-${i}`, {
        action: 'create',
        projectId: team.projectId,
        amountFen: amountOf(i),
        teamId: team.teamId,
      });
      return { orderId: r.orderId as string, teamId: team.teamId, fen: amountOf(i) };
    },
  );

  emulator.resetMetrics();
  let landing = true;
  let boardReads = 0;
  let boardErrors = 0;
  const readers = Array.from({ length: READERS }, async (_, k) => {
    while (landing) {
      const board = k % 2 ? 'teams' : 'districts';
      const r = await t.call('boards', { action: 'get', board }, { openid: `reader-${k}` });
      if (r.error) boardErrors++;
      else boardReads++;
    }
  });
  const started = performance.now();
  const paid = await Promise.all(orders.map((o) => emulator.pay(o.orderId)));
  // First notifications that timed out under the burst are retried by the emulator's WeChat Pay, as in production.
  const ids = new Set(orders.map((o) => o.orderId));
  const deadline = Date.now() + 180_000;
  while ((await emulator.db.find('orders', (o) => ids.has(String(o._id)) && o.status !== 'paid')).length) {
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const elapsedMs = performance.now() - started;
  landing = false;
  await Promise.all(readers);
  const m = emulator.metrics();

  const stored = await emulator.db.find('orders', (o) => ids.has(String(o._id)));
  const paidByTeam = new Map<string, number>();
  for (const o of stored)
    if (o.status === 'paid')
      paidByTeam.set(String(o.teamId), (paidByTeam.get(String(o.teamId)) ?? 0) + Number(o.amountFen));
  const journal = teamTotals((await emulator.db.find('journal')) as unknown as JournalEntry[]);
  const board = new Map<string, number>();
  for (let cursor: string | null = '0'; cursor;) {
    const page = await call('boards', 'checker', { action: 'get', board: 'teams', cursor });
    for (const row of page.items) board.set(row.key, row.raisedFen);
    cursor = page.nextCursor;
  }
  const mismatches: string[] = [];
  for (const team of teams) {
    const view = await call('teams', 'checker', { action: 'get', teamId: team.teamId });
    const want = paidByTeam.get(team.teamId) ?? 0;
    const got = [view.raisedFen, board.get(team.teamId) ?? 0, journal.get(team.teamId)?.fen ?? 0];
    if (got.some((x) => x !== want)) mismatches.push(`${team.teamId}: paid ${want} ≠ team/board/journal ${got}`);
  }
  const shards = await emulator.db.find('team_counters');
  // The same readers once the donations have landed: what a board read costs without the burst beside it.
  let idleReads = 0;
  const idleStarted = performance.now();
  await Promise.all(
    Array.from({ length: READERS }, async (_, k) => {
      while (performance.now() - idleStarted < 5_000) {
        const r = await t.call('boards', { action: 'get', board: k % 2 ? 'teams' : 'districts' }, { openid: 'idle' });
        if (r.error) boardErrors++;
        else idleReads++;
      }
    }),
  );
  const idleMs = performance.now() - idleStarted;
  await t.stop();

  const paidCount = stored.filter((o) => o.status === 'paid').length;
  const result = {
    donations: DONATIONS,
    teams: TEAMS,
    paidCount,
    failedFirstCallbacks: paid.filter((p) => !p.ok).length,
    paidFen: [...paidByTeam.values()].reduce((s, v) => s + v, 0),
    mismatches: mismatches.length,
    firstMismatches: mismatches.slice(0, 3),
    teamCounterShards: shards.length,
    elapsedMs: Math.round(elapsedMs),
    donationsPerSec: round((paidCount / elapsedMs) * 1000),
    boardReads,
    boardErrors,
    boardReadsPerSec: round((boardReads / elapsedMs) * 1000),
    boardLatencyMs: boardReads ? Math.round((elapsedMs * READERS) / boardReads) : null,
    idleBoardReadsPerSec: round((idleReads / idleMs) * 1000),
    conflictRetriesPerDonation: round(m.transactions.retries / DONATIONS, 3),
    conflicts: m.transactions.conflicts,
  };
  console.log(JSON.stringify(result));
  process.exit(mismatches.length === 0 && paidCount === DONATIONS && boardErrors === 0 ? 0 : 1);
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

main().catch((err) => {
  console.error(err);
  process.exit(2);
});

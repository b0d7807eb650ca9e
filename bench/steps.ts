/**
 * `npm run bench:steps`: 2,000 concurrent 一块走 step donations (2,000 distinct users, each with a WeRun
 * cloudID of ≥ 6000 steps) through the HTTP bridge and the real wx-server-sdk, against sponsor budgets
 * smaller than the demand. Checks from the database, not from the responses: no budget overspent, no
 * user-day paid twice, paid + left = pledged to the fen, and the ledger agrees. The last stdout line is
 * one JSON object; the exit code is non-zero if an invariant fails.
 *
 *   BENCH_DONATIONS=2000 BENCH_BUDGET_FEN=300000 npm run bench:steps
 */
import '../tests/setup/quiet-sdk.js'; // the SDK's "longer than 3s" warning is noise under a deliberate burst
import { startTestEmulator } from '../tests/helpers/emulator';
import { seedInto } from '../scripts/seed';
import { beijingMs } from '../domain/time';
const SESSION_DAY = '2022-04-28';

const DONATIONS = Number(process.env.BENCH_DONATIONS ?? 2000);
/** Total sponsor budget: ≈ 55 % of the expected demand (2,000 × ~275 fen), so budgets run out mid-burst. */
const BUDGET_FEN = Number(process.env.BENCH_BUDGET_FEN ?? 300_000);
const PROJECTS = ['p001', 'p010', 'p030', 'p050', 'p070', 'p090', 'p110', 'p130'];

const log = (...args: unknown[]) => console.error('[bench:steps]', ...args);

interface Reply {
  result?: {
    amountFen: number;
    sponsor: { id: string } | null;
    sponsorsExhausted: boolean;
    match: { amountFen: number } | null;
  };
  error?: { code: string; message?: string };
}

async function main(): Promise<number> {
  process.env.SHANXING_RANDOM_SEED ??= 'bench-steps';
  const t = await startTestEmulator({ payRetryScale: 0.001 });
  try {
    await seedInto(t.emulator.db, { campaigns: ['cq2022'] }); // Chongqing's figures
    // 10:30 Beijing on a session day, clock running (cloudIDs live 5 minutes; the burst takes far less).
    t.emulator.setClock({ now: beijingMs(SESSION_DAY, '10:30'), frozen: false });

    // Shrink the seeded pledges proportionally to BUDGET_FEN (the sponsors and their weights stay).
    const seeded = (await t.emulator.db.find('sponsors')).sort((a, b) => String(a._id).localeCompare(String(b._id)));
    const seededTotal = seeded.reduce((s, x) => s + x.pledgedFen, 0);
    let given = 0;
    for (const [i, s] of seeded.entries()) {
      const share = process.env.BENCH_UNIFORM ? 1 / seeded.length : s.pledgedFen / seededTotal;
      const fen = i === seeded.length - 1 ? BUDGET_FEN - given : Math.floor(share * BUDGET_FEN);
      given += fen;
      await t.emulator.db.put('sponsors', { ...s, pledgedFen: fen, leftFen: fen, paidFen: 0, donations: 0 });
    }

    const users = Array.from({ length: DONATIONS }, (_, i) => ({
      openid: `bench-walker-${i}`,
      cloudID: t.emulator.issueWeRun(`bench-walker-${i}`, 6000 + ((i * 7919) % 14000)).cloudID,
      projectId: PROJECTS[i % PROJECTS.length],
    }));
    // Warm the function instance (module load, settings cache) outside the measurement.
    await t.call('steps', { action: 'sponsors' }, { openid: 'bench-warmup' });

    t.emulator.resetMetrics();
    log(`${DONATIONS} concurrent step donations against ${BUDGET_FEN} fen of sponsor budgets…`);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const replies: Reply[] = await Promise.all(
      users.map((u) =>
        t
          .call('steps', { action: 'donate', weRunData: u.cloudID, projectId: u.projectId }, { openid: u.openid })
          .then((r) => ({ result: r.result, error: r.error }) as Reply)
          .catch((e: Error) => ({ error: { code: 'TRANSPORT', message: e.message } })),
      ),
    );
    const elapsedMs = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);

    // ---- Invariants, from the database ----
    const sponsors = await t.emulator.db.find('sponsors');
    const pledgedFen = sponsors.reduce((s, x) => s + x.pledgedFen, 0);
    const paidFen = sponsors.reduce((s, x) => s + x.paidFen, 0);
    const budgetsLeftFen = sponsors.reduce((s, x) => s + x.leftFen, 0);
    const overspentFen = sponsors.reduce(
      (s, x) => s + Math.max(0, -x.leftFen) + Math.max(0, x.paidFen - x.pledgedFen),
      0,
    );
    const perSponsorMismatch = sponsors.filter((x) => x.paidFen + x.leftFen !== x.pledgedFen).length;

    const stepDocs = await t.emulator.db.find('step_donations', (d) => String(d.openid).startsWith('bench-walker-'));
    const perUserDay = new Map<string, number>();
    for (const d of stepDocs) perUserDay.set(`${d.openid}|${d.day}`, (perUserDay.get(`${d.openid}|${d.day}`) ?? 0) + 1);
    const stepIds = new Set(stepDocs.map((d) => `steps_${d._id}`));
    const entries = await t.emulator.db.find('journal', (e) => e.kind === 'steps' && stepIds.has(String(e._id)));
    const paidDocs = stepDocs.filter((d) => d.amountFen > 0);
    // A user-day paid more than once: a second step record, or more ledger entries than paid records.
    const doublePaid =
      [...perUserDay.values()].reduce((s, n) => s + Math.max(0, n - 1), 0) +
      Math.max(0, entries.length - paidDocs.length);
    const docsFen = stepDocs.reduce((s, d) => s + d.amountFen, 0);
    const ledgerFen = entries
      .flatMap((e) => e.postings as Array<{ account: { kind: string }; amountFen: number }>)
      .filter((p) => p.account.kind === 'sponsor')
      .reduce((s, p) => s - p.amountFen, 0);
    const counters = await t.emulator.db.find('project_counters');
    const countersSponsorFen = counters.reduce((s, c) => s + (c.sponsor ?? 0), 0);

    // The ledger against every balance the app keeps (what `npm run reconcile` runs).
    const rec = await t.call('admin', { action: 'reconcile' }, { openid: 'admin-local' });
    const reconcileProblems: string[] = rec.result?.problems ?? [`reconcile failed: ${JSON.stringify(rec.error)}`];

    const ok = replies.filter((r) => r.result);
    const paidCount = paidDocs.length;
    const exhaustedCount = ok.filter((r) => r.result!.sponsorsExhausted).length;
    const errors: Record<string, number> = {};
    for (const r of replies) if (r.error) errors[r.error.code] = (errors[r.error.code] ?? 0) + 1;
    const matchedFen = ok.reduce((s, r) => s + (r.result!.match?.amountFen ?? 0), 0);

    const failures: string[] = [];
    if (overspentFen !== 0) failures.push(`overspent ${overspentFen} fen`);
    if (doublePaid !== 0) failures.push(`${doublePaid} user-days paid twice`);
    if (paidFen + budgetsLeftFen !== pledgedFen)
      failures.push(`paid ${paidFen} + left ${budgetsLeftFen} ≠ pledged ${pledgedFen}`);
    if (perSponsorMismatch) failures.push(`${perSponsorMismatch} sponsors with paid + left ≠ pledged`);
    if (pledgedFen !== BUDGET_FEN) failures.push(`pledged ${pledgedFen} ≠ configured ${BUDGET_FEN}`);
    if (docsFen !== paidFen) failures.push(`step records ${docsFen} ≠ sponsors paid ${paidFen}`);
    if (ledgerFen !== paidFen) failures.push(`ledger sponsor outflow ${ledgerFen} ≠ sponsors paid ${paidFen}`);
    if (countersSponsorFen !== paidFen)
      failures.push(`project counters (sponsor) ${countersSponsorFen} ≠ sponsors paid ${paidFen}`);
    if (ok.length !== DONATIONS) failures.push(`${DONATIONS - ok.length} calls failed: ${JSON.stringify(errors)}`);
    if (stepDocs.length !== ok.length)
      failures.push(`${stepDocs.length} step records for ${ok.length} successful calls`);
    if (exhaustedCount > 0 && budgetsLeftFen > 0)
      failures.push(`${exhaustedCount} walkers told "exhausted" with ${budgetsLeftFen} fen left`);
    for (const p of reconcileProblems.slice(0, 20)) failures.push(`reconcile: ${p}`);
    for (const f of failures) log('INVARIANT FAILED:', f);

    const m = t.emulator.metrics();
    const requestsPerDonation =
      Math.round((Object.values(m.byAction).reduce((x, y) => x + y, 0) / DONATIONS) * 10) / 10;
    log('requests by action:', JSON.stringify(m.byAction));
    console.log(
      JSON.stringify({
        bench: 'steps',
        donations: DONATIONS,
        succeeded: ok.length,
        paidCount,
        exhaustedCount,
        errors,
        pledgedFen,
        paidFen,
        budgetsLeftFen,
        overspentFen,
        doublePaid,
        reconcileProblems: reconcileProblems.length,
        matchedFen,
        donationsPerSec: Math.round((DONATIONS / elapsedMs) * 1000 * 10) / 10,
        elapsedMs,
        cpuMsPerDonation: Math.round((cpuMs / DONATIONS) * 10) / 10,
        requestsPerDonation,
        lockWaits: m.lockWaits,
        transactions: m.transactions,
        ok: failures.length === 0,
      }),
    );
    return failures.length === 0 ? 0 : 1;
  } finally {
    await t.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);

/**
 * `npm run bench:seal`: seal a simulated session day of 800,000 journal entries (BENCH_SEAL_ENTRIES to
 * change) through `admin.seal`, run after run, as the 5-minute timer would. The entries are written
 * straight into the emulator's datafile for speed (the peak hours carry most of them). Each run is
 * bounded (BENCH_SEAL_BUDGET_MS, default 40 s of the 60 s timeout); we report every run's time and
 * batches, check that every entry was sealed and that sample proofs verify. JSON last line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import '../tests/setup/quiet-sdk.js';
import { startTestEmulator } from '../tests/helpers/emulator';
import { seedInto } from '../scripts/seed';
import { beijingMs } from '../domain/time';
import { paidOrderEntry } from '../domain/ledger';
import { verifyJson } from '../scripts/verify';

const N = Number(process.env.BENCH_SEAL_ENTRIES ?? 800_000);
const BUDGET = Number(process.env.BENCH_SEAL_BUDGET_MS ?? 40_000);
const DAY = '2022-04-28';
/** Share of the day's entries by Beijing hour: quiet nights, the 10:00 match rush, an evening peak. */
const HOUR_WEIGHT = [1, 1, 1, 1, 1, 1, 2, 4, 6, 8, 30, 18, 10, 8, 7, 7, 7, 8, 10, 12, 14, 12, 8, 4];

function writeEntries(dataDir: string): void {
  const total = HOUR_WEIGHT.reduce((a, b) => a + b, 0);
  const out = fs.openSync(path.join(dataDir, 'journal.db'), 'w');
  let i = 0;
  let lines: string[] = [];
  for (let h = 0; h < 24; h++) {
    const n = h === 23 ? N - i : Math.round((N * HOUR_WEIGHT[h]) / total);
    const start = beijingMs(DAY, `${String(h).padStart(2, '0')}:00`);
    for (let k = 0; k < n; k++, i++) {
      const e = paidOrderEntry({
        order: {
          _id: `SXBENCH${String(i).padStart(8, '0')}`,
          openid: `bench-${i % 50_000}`,
          projectId: `p${String(1 + (i % 280)).padStart(3, '0')}`,
          payFen: 100 + (i % 9900),
          couponFen: 0,
          couponId: null,
        },
        matchFen: i % 3 === 0 ? 50 + (i % 400) : 0,
        matchShard: i % 3 === 0 ? `${DAY}_${i % 128}` : null,
        atMs: start + Math.floor((k * 3_600_000) / n),
        day: DAY,
      });
      lines.push(JSON.stringify(e));
      if (lines.length === 10_000) {
        fs.writeSync(out, lines.join('\n') + '\n');
        lines = [];
      }
    }
  }
  if (lines.length) fs.writeSync(out, lines.join('\n') + '\n');
  fs.closeSync(out);
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanxing-bench-seal-'));
  const t0 = performance.now();
  writeEntries(dataDir);
  process.env.SHANXING_CACHE_TTL_MS = '0';
  const t = await startTestEmulator({ dataDir });
  try {
    await seedInto(t.emulator.db, { campaigns: ['cq2022'] }); // Chongqing's figures
    const seededMs = performance.now() - t0;
    // Load the journal (datafile parse, indexes) before timing: a deployed database is already up.
    const l0 = performance.now();
    await t.emulator.db.get('journal', 'none');
    const loadMs = performance.now() - l0;
    t.emulator.setClock({ now: beijingMs('2022-04-29', '00:05'), frozen: true });
    const runs: Array<{ ms: number; cpuMs: number; windows: number; batches: number; entries: number }> = [];
    const started = performance.now();
    for (;;) {
      const s = performance.now();
      const cpu = process.cpuUsage();
      const r = (await t.emulator.invoke(
        'admin',
        { action: 'seal', budgetMs: BUDGET },
        { openid: 'admin-local' },
      )) as any;
      if (r.error) throw new Error(JSON.stringify(r.error));
      const used = process.cpuUsage(cpu);
      runs.push({
        ms: Math.round(performance.now() - s),
        cpuMs: Math.round((used.user + used.system) / 1000),
        windows: r.windows,
        batches: r.batches,
        entries: r.entries,
      });
      console.error(`run ${runs.length}: ${JSON.stringify(runs[runs.length - 1])}`);
      if (r.caughtUp || runs.length > 200) break;
    }
    const totalMs = performance.now() - started;
    const sealed = runs.reduce((n, r) => n + r.entries, 0);
    const samples = [0, Math.floor(N / 2), N - 1].map((i) => `order_SXBENCH${String(i).padStart(8, '0')}`);
    // The published roots (campaign.get shows the same rootView; exportRoots skips its totals aggregate).
    const roots = (await t.call('admin', { action: 'exportRoots' }, { openid: 'admin-local' })).result.roots;
    const proofs = await Promise.all(
      samples.map((id) =>
        t.call(
          'projects',
          {
            action: 'entryProof',
            projectId: `p${String(1 + (Number(id.slice(-8)) % 280)).padStart(3, '0')}`,
            entryId: id,
          },
          { openid: 'bench' },
        ),
      ),
    );
    const verified = proofs.filter((p) => verifyJson(p.result, { roots }).ok).length;
    const result = {
      bench: 'seal',
      entries: N,
      sealedEntries: sealed,
      allSealed: sealed === N,
      runs: runs.length,
      totalMs: Math.round(totalMs),
      maxRunMs: Math.max(...runs.map((r) => r.ms)),
      withinFunctionTimeout: runs.every((r) => r.ms < 60_000),
      budgetMs: BUDGET,
      batchesPerRun: runs.map((r) => r.batches),
      entriesPerRun: runs.map((r) => r.entries),
      runMs: runs.map((r) => r.ms),
      runCpuMs: runs.map((r) => r.cpuMs),
      entriesPerSec: Math.round((sealed / totalMs) * 1000),
      seedMs: Math.round(seededMs),
      loadMs: Math.round(loadMs),
      loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      sampleProofsVerified: `${verified}/${samples.length}`,
      dayRoot: roots.find((r: any) => r.day === DAY)?.root ?? null,
    };
    console.log(JSON.stringify(result));
    if (!result.allSealed || verified !== samples.length) process.exitCode = 1;
  } finally {
    await t.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 2;
});

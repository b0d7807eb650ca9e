/**
 * `npm run reconcile`: check that the ledger balances and that every balance the app keeps (project
 * counters, the foundation pool, sponsor budgets, paid orders, top-ups) agrees with it to the fen.
 * It also recomputes every sealed root from the stored entries and names any entry changed, removed
 * or inserted after sealing (docs/books.md).
 * Asks the running local server (`npm start`) if there is one, else opens the local store itself.
 * Prints each imbalance and exits 1 if there is any.
 */
import { startEmulator } from '../tools/emulator/src';
import { buildCloud } from './build-cloud';
import { DATA_DIR, DEFAULT_PORT, FUNCTIONS_DIR } from './paths';
import { seedInto } from './seed';

const OPERATOR = 'admin-local'; // seeded into `operators` (role admin)
type Report = {
  ok: boolean;
  problems: string[];
  pending?: string[];
  campaigns?: Array<{ campaignId: string; ok: boolean; problems: number; entries: number; paidOrders: number }>;
  checked: Record<string, number>;
};

async function fromRunningServer(port: number): Promise<Report | null> {
  const base = `http://127.0.0.1:${port}`;
  try {
    const health = await fetch(`${base}/__emulator/health`, { signal: AbortSignal.timeout(1000) });
    if (!health.ok) return null;
  } catch {
    return null;
  }
  const res = await fetch(`${base}/api/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': OPERATOR },
    body: JSON.stringify({ data: { action: 'reconcile' } }),
  });
  const body = (await res.json()) as { result?: Report; error?: { code: string; message?: string } };
  if (!body.result) throw new Error(`reconcile failed: ${JSON.stringify(body.error)}`);
  return body.result;
}

async function fromStore(): Promise<Report> {
  await buildCloud();
  const emulator = await startEmulator({ port: 0, dataDir: DATA_DIR, functions: { dir: FUNCTIONS_DIR }, quiet: true });
  try {
    // A never-started store gets the session (and its operator) first.
    await seedInto(emulator.db, { storage: emulator.storage });
    const r = (await emulator.invoke('admin', { action: 'reconcile' }, { openid: OPERATOR })) as
      Report | { error: { code: string } };
    if ('error' in r) throw new Error(`reconcile failed: ${JSON.stringify(r.error)}`);
    return r;
  } finally {
    await emulator.close();
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? DEFAULT_PORT);
  const live = await fromRunningServer(port);
  const report = live ?? (await fromStore());
  console.log(`reconcile (${live ? `running server on :${port}` : DATA_DIR}): ${JSON.stringify(report.checked)}`);
  for (const c of report.campaigns ?? [])
    console.log(
      `campaign ${c.campaignId}: ${c.ok ? 'balanced' : `${c.problems} imbalance(s)`} ` +
        `(${c.entries} entries, ${c.paidOrders} paid orders)`,
    );
  for (const p of report.pending ?? []) console.log(`PENDING ${p}`);
  if (report.ok) {
    console.log('OK — the ledger balances, every total agrees with it to the fen, and every sealed root recomputes.');
    return;
  }
  for (const p of report.problems) console.log(`IMBALANCE ${p}`);
  process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 2;
});

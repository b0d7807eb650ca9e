/**
 * `npm run migrate`: bring a store seeded by an older version up to the current document shapes. A list of named
 * steps, each idempotent on its own (it only fills what is missing, never overwrites a value staff may have edited)
 * and recorded in `migrations/{step id}` once done, so a step runs once per store. Add a step at the end of STEPS;
 * never rename or reorder a shipped one. `npm start` runs the steps too (after seeding).
 */
import { CAMPAIGNS, DEFAULT_CAMPAIGN_ID } from '../domain/campaigns';
import { C } from '../cloudfunctions/_lib/collections';
import { startEmulator, type EmulatorDb } from '../tools/emulator/src';
import { accountOf } from '../domain/accounts';
import type { Posting } from '../domain/ledger';
import { DATA_DIR, DEFAULT_PORT } from './paths';
import { APP_CONFIG, DEFAULT_CONFIG_ID } from './seed-docs';

export const MIGRATIONS = 'migrations';

/** What a step needs of a store (the emulator's local db; an SDK-backed one can implement the same three calls). */
export type MigrationDb = Pick<EmulatorDb, 'get' | 'find' | 'put'>;

export interface MigrationStep {
  id: string;
  description: string;
  /** Returns how many documents it changed. */
  run(db: MigrationDb): Promise<number>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Copy into `target` every key of `defaults` it lacks, at any depth; existing values win. True if anything changed. */
export function fillMissing(target: Obj, defaults: Obj): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(defaults)) {
    if (target[k] === undefined) {
      target[k] = structuredClone(v);
      changed = true;
    } else if (isObj(target[k]) && isObj(v)) changed = fillMissing(target[k] as Obj, v) || changed;
  }
  return changed;
}

/** Give every document of `collection` without a `campaignId` the default (pre-campaign stores held only Chongqing). */
const tagCampaign =
  (collection: string): MigrationStep['run'] =>
  async (db) => {
    let changed = 0;
    for (const doc of await db.find(collection, (d) => d.campaignId === undefined)) {
      await db.put(collection, { ...doc, campaignId: DEFAULT_CAMPAIGN_ID });
      changed++;
    }
    return changed;
  };

export const STEPS: MigrationStep[] = [
  {
    id: '2022-campaign-fields',
    description:
      'shipped campaign documents gain the fields added since they were seeded (texts, assist actions, step period…)',
    async run(db) {
      let changed = 0;
      for (const shipped of CAMPAIGNS) {
        const doc = await db.get(C.campaigns, shipped.id);
        if (!doc) continue; // seeding creates it whole
        const { id: _id, ...defaults } = shipped;
        if (fillMissing(doc, defaults as Obj)) {
          await db.put(C.campaigns, doc);
          changed++;
        }
      }
      return changed;
    },
  },
  {
    id: '2022-campaign-id',
    description: `projects, sponsors, questions and coupons without a campaignId belong to ${DEFAULT_CAMPAIGN_ID}`,
    async run(db) {
      let changed = 0;
      for (const c of [C.projects, C.sponsors, C.quizBank, C.couponBatches]) changed += await tagCampaign(c)(db);
      return changed;
    },
  },
  {
    id: '2022-app-config-default',
    description: `app_config/default names the campaign the app opens on (${DEFAULT_CAMPAIGN_ID})`,
    async run(db) {
      if (await db.get(APP_CONFIG, DEFAULT_CONFIG_ID)) return 0;
      await db.put(APP_CONFIG, { _id: DEFAULT_CONFIG_ID, campaignId: DEFAULT_CAMPAIGN_ID });
      return 1;
    },
  },
  {
    id: '2022-coupon-batch-used',
    description: 'coupon batches gain usedFen and used (coupon money paid into projects), summed from the journal',
    async run(db) {
      const usedFen = new Map<string, number>();
      const used = new Map<string, number>();
      for (const e of await db.find(C.journal))
        for (const p of (e.postings ?? []) as Posting[]) {
          const a = accountOf(p.account);
          if (a.kind !== 'coupon') continue;
          usedFen.set(a.batchId, (usedFen.get(a.batchId) ?? 0) - p.amountFen);
          used.set(a.batchId, (used.get(a.batchId) ?? 0) - Math.sign(p.amountFen));
        }
      let changed = 0;
      for (const batch of await db.find(C.couponBatches, (b) => b.usedFen === undefined)) {
        const id = String(batch._id);
        await db.put(C.couponBatches, { ...batch, usedFen: usedFen.get(id) ?? 0, used: used.get(id) ?? 0 });
        changed++;
      }
      return changed;
    },
  },
  {
    id: '2022-operator-roles',
    description: 'every openid of the pre-roles `admins` list becomes an `operators` document with the admin role',
    async run(db) {
      let changed = 0;
      for (const a of await db.find(C.admins)) {
        if (await db.get(C.operators, a._id)) continue;
        const name = typeof a.name === 'string' ? a.name : '';
        await db.put(C.operators, { _id: a._id, role: 'admin', orgId: null, name, since: 0, invitedBy: null });
        changed++;
      }
      return changed;
    },
  },
];

export interface MigrationReport {
  ran: Array<{ id: string; changed: number }>;
  skipped: string[];
}

/** Run every step not yet recorded in `migrations`, in order; `now` stamps the record. */
export async function runMigrations(
  db: MigrationDb,
  steps: readonly MigrationStep[] = STEPS,
  now: () => number = Date.now,
): Promise<MigrationReport> {
  const report: MigrationReport = { ran: [], skipped: [] };
  for (const step of steps) {
    if (await db.get(MIGRATIONS, step.id)) {
      report.skipped.push(step.id);
      continue;
    }
    const changed = await step.run(db);
    await db.put(MIGRATIONS, { _id: step.id, description: step.description, changed, doneAt: now() });
    report.ran.push({ id: step.id, changed });
  }
  return report;
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? DEFAULT_PORT);
  const live = await fetch(`http://127.0.0.1:${port}/__emulator/health`, { signal: AbortSignal.timeout(1000) }).then(
    (r) => r.ok,
    () => false,
  );
  // One writer per store: `npm start` migrates by itself when it starts.
  if (live)
    throw new Error(`a server is running on :${port} with the store open; stop it (npm start migrates on start)`);
  // The store only: no functions are called.
  const noFunctions = { names: [], load: (name: string) => Promise.reject(new Error(`no function ${name}`)) };
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    dataDir: DATA_DIR,
    functions: noFunctions,
    quiet: true,
  });
  try {
    const report = await runMigrations(emulator.db);
    for (const r of report.ran) console.log(`migrated ${r.id}: ${r.changed} document(s) changed`);
    console.log(`${report.ran.length} step(s) run, ${report.skipped.length} already done; store ${DATA_DIR}`);
  } finally {
    await emulator.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}

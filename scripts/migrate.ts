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
import { APP_CONFIG, DEFAULT_CONFIG_ID, seedDocuments } from './seed-docs';

export const MIGRATIONS = 'migrations';

/** What a step needs of a store (the emulator's local db; an SDK-backed one can implement the same four calls). */
export type MigrationDb = Pick<EmulatorDb, 'get' | 'find' | 'put' | 'remove'>;

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

/** Is `id` already keyed by a campaign (`<campaignId>:…`)? */
const keyed = (id: string): boolean => CAMPAIGNS.some((c) => id.startsWith(`${c.id}:`));

/**
 * Move every document of `collection` whose `_id` is not keyed by a campaign to `rekey(_id)` (with `campaignId`):
 * the new document is written before the old one is removed, so a step cut short is finished by the next run.
 */
const rekey =
  (collection: string, rekeyId: (id: string) => string, extra: (doc: Obj) => Obj = () => ({})): MigrationStep['run'] =>
  async (db) => {
    let changed = 0;
    for (const doc of await db.find(collection, (d) => !keyed(String(d._id)))) {
      const _id = rekeyId(String(doc._id));
      await db.put(collection, { ...doc, ...extra(doc), _id, campaignId: doc.campaignId ?? DEFAULT_CAMPAIGN_ID });
      await db.remove(collection, doc._id as string);
      changed++;
    }
    return changed;
  };

const D = DEFAULT_CAMPAIGN_ID;
/** An old pool shard id `${day}_${k}` → `${campaignId}:${day}:${k}` (a keyed one stays). */
const newShardId = (id: string): string => (keyed(id) ? id : `${D}:${id.replace(/_(\d+)$/, ':$1')}`);

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
    id: '2022-campaign-keys',
    description:
      `documents keyed by date or user alone are keyed by campaign (${DEFAULT_CAMPAIGN_ID}): pool days and shards, ` +
      'quiz days, assist counters, step donations, donor totals; orders, counters and shares gain campaignId; ' +
      'orders name their new pool shards and flower accounts count their days per campaign',
    async run(db) {
      let changed = 0;
      for (const c of [C.orders, C.projectCounters, C.shares, C.quizAttempts]) changed += await tagCampaign(c)(db);
      changed += await rekey(
        C.poolDays,
        (day) => `${D}:${day}`,
        (d) => ({ day: d.day ?? d._id }),
      )(db);
      changed += await rekey(C.poolShards, newShardId)(db);
      for (const c of [C.quizDays, C.assistCounters, C.stepDonations, C.donorTotals])
        changed += await rekey(c, (id) => `${D}:${id}`)(db);
      // Orders remember the shards their matches came from (a refund returns each home).
      for (const order of await db.find(C.orders, (o) => typeof o.matchShard === 'string' || isObj(o.extraByShard))) {
        const matchShard = typeof order.matchShard === 'string' ? newShardId(order.matchShard) : order.matchShard;
        const extra = isObj(order.extraByShard) ? order.extraByShard : null;
        const extraByShard = extra && Object.fromEntries(Object.entries(extra).map(([k, v]) => [newShardId(k), v]));
        if (matchShard === order.matchShard && JSON.stringify(extraByShard) === JSON.stringify(extra)) continue;
        await db.put(C.orders, { ...order, matchShard, ...(extraByShard ? { extraByShard } : {}) });
        changed++;
      }
      // Flower caps count by `${campaignId}:${day}`.
      for (const account of await db.find(C.flowerAccounts, (a) => isObj(a.earned))) {
        const earned = account.earned as Obj;
        if (Object.keys(earned).every(keyed)) continue;
        const next = Object.fromEntries(Object.entries(earned).map(([k, v]) => [keyed(k) ? k : `${D}:${k}`, v]));
        await db.put(C.flowerAccounts, { ...account, earned: next });
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
  {
    id: '2022-project-photos',
    description: 'seeded projects without photos get the seed photos (npm start stores the images)',
    async run(db) {
      const seeded = new Map(seedDocuments()[C.projects].map((p) => [p._id, p.photos]));
      let changed = 0;
      for (const p of await db.find(C.projects, (d) => d.photos === undefined && seeded.has(String(d._id)))) {
        await db.put(C.projects, { ...p, photos: seeded.get(String(p._id)) });
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

/**
 * `npm run migrate` on a store seeded before campaigns were data: the old-shape documents gain the new fields and
 * their campaign, `app_config/default` appears, and a second run (or a re-run of the steps themselves) changes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCampaign } from '../../domain/campaignSchema';
import { CHONGQING_2022 } from '../../domain/campaigns';
import { C } from '../../cloudfunctions/_lib/collections';
import { MIGRATIONS, runMigrations, STEPS, type MigrationStep } from '../../scripts/migrate';
import { seedInto } from '../../scripts/seed';
import { APP_CONFIG, seedDocuments } from '../../scripts/seed-docs';
import { startEmulator, type Emulator } from '../../tools/emulator/src';

/** The campaign fields a pre-campaign store had (the rest came with campaigns as data). */
const OLD_KEYS = [
  'name',
  'startDate',
  'endDate',
  'minDonationFen',
  'maxDonationFen',
  'orderTimeoutMinutes',
  'match',
  'assist',
  'quiz',
  'flowers',
  'steps',
  'topup',
];
/** Day- and user-bound documents of an old store, keyed by date or user alone: 12 documents, 13 changes. */
const OLD_KEYED: Array<[string, Record<string, unknown>]> = [
  [C.poolDays, { _id: '2022-04-28', budgetFen: 100, shardBudgets: [50, 50], createdAt: 1 }],
  ...[0, 1].map((k): [string, Record<string, unknown>] => [
    C.poolShards,
    { _id: `2022-04-28_${k}`, day: '2022-04-28', shard: k, budgetFen: 50, spentFen: 10 * k, draws: k, projects: {} },
  ]),
  [
    C.orders,
    { _id: 'SX20220428AAAAAAAAAAAAAA', openid: 'u1', projectId: 'p001', status: 'paid', matchShard: '2022-04-28_1' },
  ],
  [C.projectCounters, { _id: 'p001_0', projectId: 'p001', public: 100, match: 10 }],
  [C.shares, { _id: 'sh1', inviter: 'u1', projectId: 'p001', createdAt: 1 }],
  [C.quizAttempts, { _id: 'qa1', openid: 'u2', day: '2022-04-28', questionIds: [], submitted: false }],
  [C.quizDays, { _id: 'uabc_2022-04-28', count: 1 }],
  [C.assistCounters, { _id: 'uabc_2022-04-28', count: 2 }],
  [C.stepDonations, { _id: 'uabc_2022-04-28', openid: 'u3', day: '2022-04-28', steps: 7000, at: 1 }],
  [C.donorTotals, { _id: 'u1', donatedFen: 100, matchedFen: 10, count: 1, projects: { p001: 1 } }],
  [C.flowerAccounts, { _id: 'u1', balance: 1, given: 0, earned: { '2022-04-28': { donate: 1 } }, keys: {} }],
];
const COLLECTIONS = [
  ...new Set([
    C.campaigns,
    C.projects,
    C.sponsors,
    C.quizBank,
    C.couponBatches,
    APP_CONFIG,
    C.operators,
    ...OLD_KEYED.map(([c]) => c),
  ]),
];

let emulator: Emulator;
let dataDir: string;
const clock = () => Date.UTC(2022, 3, 20);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanxing-migrate-'));
  const noFunctions = { names: [], load: (name: string) => Promise.reject(new Error(`no function ${name}`)) };
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', dataDir, functions: noFunctions, quiet: true });
  // The old seed: Chongqing only, no campaignId anywhere, the campaign doc without its new fields, no app_config,
  // projects without photos.
  const docs = seedDocuments(['cq2022']);
  for (const coll of [C.projects, C.sponsors, C.quizBank, C.couponBatches]) {
    for (const { campaignId: _drop, usedFen: _u, used: _n, photos: _p, ...doc } of docs[coll])
      await emulator.db.put(coll, doc as never);
  }
  // Coupon money already in the journal: an entry from before accounts were structured, a newer one, and a
  // refund of the newer one (the batch's usedFen/used come from these).
  const coupon = (account: unknown, fen: number) => [
    { account, amountFen: -fen },
    { account: 'project:p084:coupon', amountFen: fen },
  ];
  const entries = [
    { _id: 'order_SXA', kind: 'donation', postings: coupon('coupon:cb01', 500) },
    { _id: 'order_SXB', kind: 'donation', postings: coupon({ kind: 'coupon', batchId: 'cb01' }, 500) },
    { _id: 'refund_SXB', kind: 'refund', postings: coupon({ kind: 'coupon', batchId: 'cb01' }, -500) },
    { _id: 'order_SXC', kind: 'donation', postings: coupon({ kind: 'coupon', batchId: 'cb02' }, 800) },
  ];
  for (const e of entries) await emulator.db.put(C.journal, e as never);
  const campaign = docs[C.campaigns][0] as Record<string, any>;
  const old: Record<string, any> = { _id: campaign._id };
  for (const k of OLD_KEYS) old[k] = structuredClone(campaign[k]);
  delete old.assist.actions;
  delete old.steps.startDate;
  delete old.steps.endDate;
  old.match.maxDonationsPerMinute = 3; // staff edited this: the migration must keep it
  await emulator.db.put(C.campaigns, old as never);
  for (const [coll, doc] of OLD_KEYED) await emulator.db.put(coll, doc as never);
  // The pre-roles operator list.
  await emulator.db.put(C.admins, { _id: 'admin-local', name: '本地运营人员' } as never);
});

afterAll(async () => {
  await emulator.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const snapshot = async () =>
  Object.fromEntries(await Promise.all(COLLECTIONS.map(async (c) => [c, await emulator.db.find(c)] as const)));

describe('migrate', () => {
  let afterFirst: Awaited<ReturnType<typeof snapshot>>;

  it('gives an old store the new campaign fields, campaign ids and app_config/default; staff edits stay', async () => {
    const report = await runMigrations(emulator.db, STEPS, clock);
    expect(report.ran.map((r) => r.id)).toEqual(STEPS.map((s) => s.id));
    expect(report.ran.map((r) => r.changed)).toEqual([1, 300 + 41 + 98 + 7, 1, 7, OLD_KEYED.length + 1, 1, 300]);
    const seeded = seedDocuments(['cq2022'])[C.projects].find((p) => p._id === 'p001');
    expect((await emulator.db.get(C.projects, 'p001'))!.photos).toEqual(seeded!.photos);
    expect(await emulator.db.get(C.couponBatches, 'cb01')).toMatchObject({ usedFen: 500, used: 1 });
    expect(await emulator.db.get(C.couponBatches, 'cb02')).toMatchObject({ usedFen: 800, used: 1 });
    expect(await emulator.db.get(C.couponBatches, 'cb03')).toMatchObject({ usedFen: 0, used: 0 });

    const { _id, ...stored } = (await emulator.db.get(C.campaigns, 'cq2022'))!;
    const campaign = parseCampaign({ ...stored, id: _id }); // the migrated document passes the schema
    expect(campaign).toEqual({ ...CHONGQING_2022, match: { ...CHONGQING_2022.match, maxDonationsPerMinute: 3 } });

    for (const coll of [C.projects, C.sponsors, C.quizBank, C.couponBatches]) {
      const docs = await emulator.db.find(coll);
      expect(docs.length).toBeGreaterThan(0);
      expect(docs.every((d) => d.campaignId === 'cq2022')).toBe(true);
    }
    expect(await emulator.db.get(APP_CONFIG, 'default')).toEqual({ _id: 'default', campaignId: 'cq2022' });
    expect(await emulator.db.get(C.operators, 'admin-local')).toMatchObject({ role: 'admin', orgId: null });
    expect((await emulator.db.find(MIGRATIONS)).map((m) => [m._id, m.doneAt])).toEqual(
      STEPS.map((s) => [s.id, clock()]),
    );
    afterFirst = await snapshot();
  });

  it('keys day- and user-bound documents by campaign; orders name their new shards', async () => {
    const ids = async (coll: string) => (await emulator.db.find(coll)).map((d) => d._id).sort();
    expect(await emulator.db.get(C.poolDays, 'cq2022:2022-04-28')).toMatchObject({
      campaignId: 'cq2022',
      budgetFen: 100,
    });
    expect(await ids(C.poolDays)).toEqual(['cq2022:2022-04-28']);
    expect(await ids(C.poolShards)).toEqual(['cq2022:2022-04-28:0', 'cq2022:2022-04-28:1']);
    expect(await emulator.db.get(C.poolShards, 'cq2022:2022-04-28:1')).toMatchObject({
      spentFen: 10,
      campaignId: 'cq2022',
    });
    expect(await emulator.db.get(C.orders, 'SX20220428AAAAAAAAAAAAAA')).toMatchObject({
      campaignId: 'cq2022',
      matchShard: 'cq2022:2022-04-28:1',
    });
    for (const coll of [C.quizDays, C.assistCounters, C.stepDonations]) {
      expect(await ids(coll)).toEqual(['cq2022:uabc_2022-04-28']);
    }
    expect(await ids(C.donorTotals)).toEqual(['cq2022:u1']);
    expect((await emulator.db.get(C.flowerAccounts, 'u1'))?.earned).toEqual({ 'cq2022:2022-04-28': { donate: 1 } });
    for (const coll of [C.projectCounters, C.shares, C.quizAttempts])
      expect((await emulator.db.find(coll)).every((d) => d.campaignId === 'cq2022')).toBe(true);
  });

  it('changes nothing the second time: every step is recorded as done', async () => {
    const report = await runMigrations(emulator.db, STEPS, () => clock() + 1);
    expect(report).toEqual({ ran: [], skipped: STEPS.map((s) => s.id) });
    expect(await snapshot()).toEqual(afterFirst);
  });

  it('has steps that are idempotent on their own (records lost → same store)', async () => {
    for (const step of STEPS) expect(await step.run(emulator.db)).toBe(0);
    expect(await snapshot()).toEqual(afterFirst);
  });

  it('runs only a step added later', async () => {
    const later: MigrationStep = { id: 'later-step', description: 'a step added by later work', run: async () => 0 };
    const report = await runMigrations(emulator.db, [...STEPS, later], clock);
    expect(report.ran).toEqual([{ id: 'later-step', changed: 0 }]);
  });

  it('then seeds the Hubei festival beside Chongqing without touching Chongqing', async () => {
    const before = await emulator.db.get(C.campaigns, 'cq2022');
    const { inserted } = await seedInto(emulator.db);
    expect(inserted).toBeGreaterThan(516);
    expect(await emulator.db.get(C.campaigns, 'cq2022')).toEqual(before);
    expect((await emulator.db.get(C.campaigns, 'hubei-2022'))?.assist).toMatchObject({ actions: ['quiz', 'flower'] });
    expect((await emulator.db.get(C.projects, 'hb001'))?.campaignId).toBe('hubei-2022');
    expect((await emulator.db.get(C.projects, 'p001'))?.campaignId).toBe('cq2022');
  });
});

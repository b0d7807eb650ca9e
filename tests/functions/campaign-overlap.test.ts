/**
 * Two campaigns live the same day. Hubei's festival is moved onto Chongqing's dates by a settings change in the
 * store (as staff would), the clock stands on 2022-04-28 10:30, and donors give to a project of each: each
 * donation draws on its own campaign's pool shards, each campaign's counters and stats stay its own, a share link
 * and a step donation belong to their project's campaign, and reconcile balances each campaign on its own.
 */
import { startBackend, SESSION_DAY, type Backend } from './backend';
import { seedInto } from '../../scripts/seed';
import { LOCAL_ADMIN_OPENID } from '../../scripts/seed-docs';
import { C } from '../../cloudfunctions/_lib/collections';
import { HUBEI_2022 } from '../../domain/campaigns';
import { ORDER_ID_PATTERN, campaignTag, orderCampaignTag } from '../../domain/ids';

let b: Backend;
beforeAll(async () => {
  b = await startBackend({ randomSeed: 'overlap' }); // SHANXING_CACHE_TTL_MS=0: the moved dates are seen at once
  await seedInto(b.emulator.db); // both campaigns
  const hubei = (await b.emulator.db.get(C.campaigns, HUBEI_2022.id))!;
  await b.emulator.db.put(C.campaigns, {
    ...hubei,
    startDate: '2022-04-27',
    endDate: '2022-04-29',
    steps: { ...(hubei.steps as object), startDate: '2022-04-27', endDate: '2022-04-29' },
  });
  b.at(SESSION_DAY, '10:30');
});
afterAll(() => b.stop());

const DONORS = 6;
const paid: Record<string, string[]> = { cq2022: [], 'hubei-2022': [] };

test('a donation to a project of each campaign draws on its own pool shards', async () => {
  for (let i = 0; i < DONORS; i++) {
    paid.cq2022.push(await b.donate(`both-${i}`, 'p001', 5000));
    paid['hubei-2022'].push(await b.donate(`both-${i}`, 'hb001', 5000));
  }
  for (const [campaignId, ids] of Object.entries(paid)) {
    for (const id of ids) {
      const order = (await b.emulator.db.get(C.orders, id))!;
      expect(order).toMatchObject({ status: 'paid', campaignId });
      const match = order.match as { amountFen: number; reason?: string };
      expect(match.reason).not.toBe('before_open');
      if (match.amountFen > 0) expect(String(order.matchShard)).toMatch(new RegExp(`^${campaignId}:${SESSION_DAY}:`));
    }
  }
  const shards = await b.emulator.db.find(C.poolShards, (s) => s.day === SESSION_DAY);
  const byCampaign = (id: string) => shards.filter((s) => s.campaignId === id);
  expect(byCampaign('cq2022').length).toBeGreaterThan(0);
  expect(byCampaign('hubei-2022').length).toBeGreaterThan(0);
  expect(shards.every((s) => String(s._id).startsWith(`${s.campaignId}:${SESSION_DAY}:`))).toBe(true);
  for (const [campaignId, ids] of Object.entries(paid)) {
    const orders = await Promise.all(ids.map((id) => b.emulator.db.get(C.orders, id)));
    const matched = orders.reduce((t, o) => t + Number((o!.match as { amountFen: number }).amountFen), 0);
    expect(matched).toBeGreaterThan(0);
    const spent = byCampaign(campaignId).reduce((t, s) => t + Number(s.spentFen), 0);
    expect(spent).toBe(matched);
  }
  // Each campaign's day has its own release (its own pool and pacing).
  const days = await b.emulator.db.find(C.poolDays, (d) => d.day === SESSION_DAY);
  expect(days.map((d) => d._id).sort()).toEqual([`cq2022:${SESSION_DAY}`, `hubei-2022:${SESSION_DAY}`]);
});

test('campaign.get and campaign.list count each campaign apart; both are live', async () => {
  const stats = async (campaignId: string) =>
    (await b.call('campaign', { action: 'get', campaignId }, { openid: 'viewer' })).result.stats;
  for (const [campaignId, ids] of Object.entries(paid)) {
    const orders = await Promise.all(ids.map((id) => b.emulator.db.get(C.orders, id)));
    const matched = orders.reduce((t, o) => t + Number((o!.match as { amountFen: number }).amountFen), 0);
    expect(await stats(campaignId)).toMatchObject({
      raisedFen: DONORS * 5000 + matched,
      matchedFen: matched,
      donorCount: DONORS,
      donationCount: DONORS,
    });
  }
  const list = (await b.call('campaign', { action: 'list' }, { openid: 'viewer' })).result;
  const byId = new Map(list.campaigns.map((c: { id: string }) => [c.id, c]));
  expect(byId.get('cq2022')).toMatchObject({ state: 'live', isDefault: true, totals: { donorCount: DONORS } });
  expect(byId.get('hubei-2022')).toMatchObject({ state: 'live', isDefault: false, totals: { donorCount: DONORS } });
  // My donations are per campaign.
  const mine = async (campaignId?: string) =>
    (await b.call('donate', { action: 'mine', ...(campaignId ? { campaignId } : {}) }, { openid: 'both-0' })).result;
  expect((await mine()).items.map((i: { projectId: string }) => i.projectId)).toEqual(['p001']);
  expect((await mine('hubei-2022')).items.map((i: { projectId: string }) => i.projectId)).toEqual(['hb001']);
  expect((await mine('hubei-2022')).totals).toMatchObject({ count: 1, donatedFen: 5000 });
});

test('a share link and a step donation belong to their project’s campaign', async () => {
  const share = await b.call('assist', { action: 'share', projectId: 'hb002' }, { openid: 'both-1' });
  expect(share.error).toBeUndefined();
  expect((await b.emulator.db.get(C.shares, share.result.shareId))?.campaignId).toBe('hubei-2022');
  // One step donation a day per campaign: the same walker gives in each.
  for (const projectId of ['p002', 'hb002']) {
    const { cloudID } = b.emulator.issueWeRun('walker', 8000);
    const r = await b.call('steps', { action: 'donate', weRunData: cloudID, projectId }, { openid: 'walker' });
    expect(r.error).toBeUndefined();
  }
  const steps = await b.emulator.db.find(C.stepDonations, (d) => d.openid === 'walker');
  expect(steps.map((d) => d.campaignId).sort()).toEqual(['cq2022', 'hubei-2022']);
});

test('reconcile balances each campaign on its own', async () => {
  const r = (await b.call('admin', { action: 'reconcile' }, { openid: LOCAL_ADMIN_OPENID })).result;
  expect(r.problems).toEqual([]);
  const byId = new Map(r.campaigns.map((c: { campaignId: string }) => [c.campaignId, c]));
  expect(byId.get('cq2022')).toMatchObject({ ok: true, paidOrders: DONORS });
  expect(byId.get('hubei-2022')).toMatchObject({ ok: true, paidOrders: DONORS });
  expect((byId.get('hubei-2022') as { entries: number }).entries).toBeGreaterThanOrEqual(DONORS + 1);
});

test("an order id carries its campaign's tag, so the payment callback knows the campaign without a read", () => {
  for (const [campaignId, ids] of Object.entries(paid)) {
    for (const id of ids) {
      expect(id).toMatch(ORDER_ID_PATTERN);
      expect(orderCampaignTag(id)).toBe(campaignTag(campaignId));
    }
  }
  expect(campaignTag('cq2022')).not.toBe(campaignTag('hubei-2022'));
  expect(orderCampaignTag('SX20220428ABCDEFGHJKLMNP')).toBeNull(); // an untagged order from before tags: one read
});

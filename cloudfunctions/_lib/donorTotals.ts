/**
 * A donor's running totals (`donor_totals/<openid>`) and donation flowers, kept incrementally: each paid
 * order is folded in once — marked `tally: 'in'` on the order, added to the totals and, within the day's
 * cap, credited a flower, all in ONE transaction — and a refunded one is folded out once. A look at
 * "my donations" or "my flowers" therefore costs the same after 3 orders or 3,000: it reads the totals
 * and the few orders not folded yet, never the history. Every fold writes the totals document, so two
 * concurrent folds for one donor serialize on it (no write skew on the flower cap).
 */
import type { CampaignSettings } from '../../domain/settings';
import { beijingDate } from '../../domain/time';
import { db } from './cloud';
import { C, type OrderDoc } from './collections';
import { creditFlowerTx, type FlowerAccountDoc } from './flowers';
import { runMoneyTx } from './moneyTx';

/** A donor's totals in one campaign: `_id` = donorTotalsId. */
export const donorTotalsId = (campaignId: string, openid: string): string => `${campaignId}:${openid}`;

export interface DonorTotalsDoc {
  _id: string; // donorTotalsId
  donatedFen: number;
  matchedFen: number;
  count: number;
  /** Paid orders per project (a project with 0 left after refunds no longer counts). */
  projects: Record<string, number>;
  /** 一起捐: paid orders per team (a team with 0 left after refunds no longer counts). */
  teams?: Record<string, number>;
}

export interface DonorTotals {
  donatedFen: number;
  matchedFen: number;
  count: number;
  projects: number;
}

const PAGE = 100;

/** Fold one order in (paid) or out (refunded after it was folded in); a no-op when already done. */
async function fold(settings: CampaignSettings, orderId: string, dir: 'in' | 'out', nowMs: number): Promise<void> {
  const _ = db().command;
  await runMoneyTx(async (tx) => {
    const orderRef = tx.collection(C.orders).doc(orderId);
    const order = (await orderRef.get()).data as OrderDoc | null;
    if (!order) return;
    const due =
      dir === 'in'
        ? order.status === 'paid' && !order.tally
        : order.status === 'refunded' && order.tally?.state === 'in';
    if (!due) return;
    const fen = dir === 'in' ? order.amountFen : order.tally!.fen;
    const matchFen = dir === 'in' ? (order.match?.amountFen ?? 0) : order.tally!.matchFen;
    const sign = dir === 'in' ? 1 : -1;
    const totalsRef = tx.collection(C.donorTotals).doc(donorTotalsId(order.campaignId ?? settings.id, order.openid));
    const totals = (await totalsRef.get()).data as DonorTotalsDoc | null;
    if (order.paidAt != null && dir === 'in') {
      await creditFlowerTx(tx, {
        settings,
        openid: order.openid,
        source: 'donate',
        key: order._id,
        day: beijingDate(order.paidAt),
        nowMs,
        projectId: order.projectId,
      });
    }
    if (!totals) {
      await totalsRef.set({
        data: {
          donatedFen: sign * fen,
          matchedFen: sign * matchFen,
          count: sign,
          projects: { [order.projectId]: sign },
          ...(order.teamId ? { teams: { [order.teamId]: sign } } : {}),
        },
      });
    } else {
      await totalsRef.update({
        data: {
          donatedFen: _.inc(sign * fen),
          matchedFen: _.inc(sign * matchFen),
          count: _.inc(sign),
          [`projects.${order.projectId}`]: _.inc(sign),
          ...(order.teamId ? { [`teams.${order.teamId}`]: _.inc(sign) } : {}),
        },
      });
    }
    await orderRef.update({ data: { tally: { state: dir, fen, matchFen } } });
  });
}

/** Orders of the donor still to fold in one direction, oldest payment first (the day's first earn flowers). */
async function pending(campaignId: string, openid: string, dir: 'in' | 'out'): Promise<string[]> {
  const _ = db().command;
  const where =
    dir === 'in'
      ? { campaignId, openid, status: 'paid', tally: _.exists(false) }
      : { campaignId, openid, status: 'refunded', 'tally.state': 'in' };
  const { data } = await db().collection(C.orders).where(where).orderBy('paidAt', 'asc').limit(PAGE).get();
  return (data as Array<{ _id: string }>).map((d) => d._id);
}

/**
 * Bring the donor's totals and donation flowers up to date: fold every order not folded yet (usually
 * none or one). Idempotent and safe beside a concurrent call. Returns the account and the totals as now.
 */
export async function syncDonations(
  settings: CampaignSettings,
  openid: string,
  nowMs: number,
): Promise<{ account: FlowerAccountDoc | null; totals: DonorTotals }> {
  for (;;) {
    const [ins, outs] = await Promise.all([pending(settings.id, openid, 'in'), pending(settings.id, openid, 'out')]);
    for (const id of ins) await fold(settings, id, 'in', nowMs);
    for (const id of outs) await fold(settings, id, 'out', nowMs);
    if (ins.length < PAGE && outs.length < PAGE) break;
  }
  const [account, totals] = await Promise.all([
    db().collection(C.flowerAccounts).doc(openid).get(),
    db().collection(C.donorTotals).doc(donorTotalsId(settings.id, openid)).get(),
  ]);
  const t = totals.data as DonorTotalsDoc | null;
  return {
    account: account.data as FlowerAccountDoc | null,
    totals: {
      donatedFen: t?.donatedFen ?? 0,
      matchedFen: t?.matchedFen ?? 0,
      count: t?.count ?? 0,
      projects: Object.values(t?.projects ?? {}).filter((n) => n > 0).length,
    },
  };
}

/** Donation flowers are credited when the donor looks (flowers, a result, an assist gift), not at payment. */
export async function syncDonationFlowers(
  settings: CampaignSettings,
  openid: string,
  nowMs: number,
): Promise<FlowerAccountDoc | null> {
  return (await syncDonations(settings, openid, nowMs)).account;
}

/**
 * What the donation result page shows beyond the order's status: the project's title, the coupon's extra, the
 * certificate number and, for a donation made through a friend's assist page, whether that friend was helped.
 * Runs in the order's campaign (the catalog and settings are its own). Two reads at most (share, assist) plus the
 * inviter's profile; nothing for a donation without a share.
 */
import type { DonateStatusResult } from '../../domain/api';
import { certificateNo } from '../../domain/ids';
import { db } from './cloud';
import { loadCatalog, loadSettings } from './campaign';
import { C, type AssistDoc, type OrderDoc, type ShareDoc } from './collections';
import { assistIdOf } from './assistFlow';
import { profileOf } from './profiles';

/** How long after the payment a missing assist counts as still being recorded (afterPaid follows the payment). */
const ASSIST_SETTLE_MS = 15_000;

type Extras = Pick<DonateStatusResult, 'projectTitle' | 'couponFen' | 'extraMatchedFen' | 'certificateNo' | 'assist'>;

async function assistOutcome(order: OrderDoc, nowMs: number): Promise<DonateStatusResult['assist']> {
  if (!order.shareId || order.status !== 'paid') return null;
  const share = (await db().collection(C.shares).doc(order.shareId).get()).data as ShareDoc | null;
  if (!share || share.inviter === order.openid) return null;
  const paidAt = order.paidAt ?? nowMs;
  const [assist, profile] = await Promise.all([
    db()
      .collection(C.assists)
      .doc(assistIdOf(share, order.openid, paidAt))
      .get(),
    profileOf(share.inviter),
  ]);
  const helped = !!(assist.data as AssistDoc | null);
  return {
    inviterName: (share.showProfile && share.nickname) || profile?.nickname || '一位爱心好友',
    helped,
    pending: !helped && nowMs - paidAt < ASSIST_SETTLE_MS,
  };
}

export async function resultExtras(order: OrderDoc, nowMs: number): Promise<Extras> {
  const [catalog, settings, assist] = await Promise.all([loadCatalog(), loadSettings(), assistOutcome(order, nowMs)]);
  return {
    projectTitle: catalog.get(order.projectId)?.title ?? order.projectId,
    couponFen: order.couponFen ?? 0,
    extraMatchedFen: order.extraMatchedFen ?? 0,
    certificateNo: order.status === 'paid' ? certificateNo(order._id, settings.certificate.prefix) : null,
    assist,
  };
}

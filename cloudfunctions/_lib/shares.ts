/**
 * Invitation links. One share per inviter × project, however many times (or how concurrently) they tap
 * "邀请好友助力": a claim document with a deterministic `_id` (`share_index/<userKey>_<project>`) decides
 * which random, opaque share id wins; the share itself never carries a derivable id.
 */
import { makeShareId } from '../../domain/assist';
import { userKey } from '../../domain/ids';
import { db, insertOrGet } from './cloud';
import { cryptoRng } from './clock';
import { C, type ShareDoc } from './collections';
import { currentCampaignId } from './campaign';

async function claimShareId(inviter: string, projectId: string): Promise<string> {
  const indexId = `${userKey(inviter)}_${projectId}`;
  const existing = (await db().collection(C.shareIndex).doc(indexId).get()).data as { shareId: string } | null;
  if (existing) return existing.shareId;
  // A concurrent tap may win the claim: then its share id is the one.
  return (await insertOrGet(C.shareIndex, { _id: indexId, shareId: makeShareId(cryptoRng) })).shareId;
}

/** The inviter's share for a project, created once; a changed profile choice applies to the same link. */
export async function ensureShare(
  inviter: string,
  projectId: string,
  profile: { showProfile?: boolean; nickname?: string },
  nowMs: number,
): Promise<ShareDoc> {
  const shareId = await claimShareId(inviter, projectId);
  const shares = db().collection(C.shares);
  const share = (await shares.doc(shareId).get()).data as ShareDoc | null;
  if (!share) {
    // First tap, or a tap that died after the claim: (re)create the share under the claimed id.
    return insertOrGet<ShareDoc>(C.shares, {
      _id: shareId,
      campaignId: await currentCampaignId(), // the project's (the handler scoped the call to it)
      inviter,
      projectId,
      createdAt: nowMs,
      showProfile: profile.showProfile ?? false,
      nickname: profile.nickname ?? '',
    });
  }
  if (profile.showProfile === undefined && profile.nickname === undefined) return share;
  const next = { showProfile: profile.showProfile ?? share.showProfile, nickname: profile.nickname ?? share.nickname };
  await shares.doc(shareId).update({ data: next });
  return { ...share, ...next };
}

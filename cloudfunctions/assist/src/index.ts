/**
 * `assist`: invitation links (opaque share ids), what a friend sees on the assist page, a friend's
 * flower gift as help, and the inviter's progress (helpers and extra matches per donation).
 */
import { assistInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import { beijingDate } from '../../../domain/time';
import type { AssistRefusal } from '../../../domain/api';
import { defineFunction } from '../../_lib/handler';
import { db } from '../../_lib/cloud';
import { loadSettings, requireProject } from '../../_lib/campaign';
import { C, type AssistCounterDoc, type AssistDoc, type OrderDoc, type ShareDoc } from '../../_lib/collections';
import { assistIdOf, inviterDonation, loadShare, recordAssist, settlePendingDraws } from '../../_lib/assistFlow';
import { giveFlowerTx } from '../../_lib/flowers';
import { syncDonationFlowers } from '../../_lib/donorTotals';
import { isTextSafe } from '../../_lib/security';
import { profileOf, profilesOf } from '../../_lib/profiles';
import { ensureShare } from '../../_lib/shares';
import { donorCounts, projectTotals } from '../../_lib/totals';
import { projectCard } from '../../_lib/views';
import { userDayId, userKey } from '../../../domain/ids';

export const ASSIST_PAGE = '/pkg-assist/assist/index';

const friendLabel = (openid: string) => `好友${userKey(openid).slice(-4).toUpperCase()}`;

export const main = defineFunction({
  name: 'assist',
  schema: assistInput,
  actions: {
    async share(input, ctx) {
      const project = await requireProject(input.projectId);
      const nickname = (input.nickname ?? '').trim();
      // Others see the nickname on the assist page: the same content check as a donation message.
      if (nickname && !(await isTextSafe(ctx.openid, nickname)))
        throw new DomainError(ErrorCode.CONTENT_REJECTED, '昵称包含敏感内容');
      const share = await ensureShare(
        ctx.openid,
        project._id,
        { showProfile: input.showProfile, nickname: input.nickname !== undefined ? nickname : undefined },
        ctx.nowMs,
      );
      // The link names its campaign beside the opaque share id (the share document decides it on the server).
      return { shareId: share._id, path: `${ASSIST_PAGE}?shareId=${share._id}&campaignId=${share.campaignId}` };
    },

    async open(input, ctx) {
      const share = await loadShare(input.shareId);
      const settings = await loadSettings();
      const project = await requireProject(share.projectId);
      const day = beijingDate(ctx.nowMs);
      const [totals, donors, assisted, counter, donation, profile] = await Promise.all([
        projectTotals(project._id),
        donorCounts(project._id),
        db()
          .collection(C.assists)
          .doc(assistIdOf(share, ctx.openid, ctx.nowMs))
          .get(),
        db()
          .collection(C.assistCounters)
          .doc(userDayId(settings.id, ctx.openid, day))
          .get(),
        inviterDonation(share, settings),
        profileOf(share.inviter),
      ]);
      const mine = assisted.data as AssistDoc | null;
      const count = (counter.data as AssistCounterDoc | null)?.count ?? 0;
      let reason: AssistRefusal | undefined;
      if (share.inviter === ctx.openid) reason = 'self';
      else if (mine) reason = 'already_assisted';
      else if (!donation) reason = 'inviter_not_donated';
      else if (count >= settings.assist.maxAssistsPerDay) reason = 'daily_limit';
      return {
        project: projectCard(project, totals.get(project._id), donors.total),
        // The name the inviter gave this invitation, else the nickname of their profile (users.setProfile).
        inviter: {
          nickname: (share.showProfile && share.nickname) || profile?.nickname || '一位爱心好友',
          avatarUrl: profile?.avatarUrl ?? null,
          isMe: share.inviter === ctx.openid,
        },
        myActions: mine
          ? { assisted: true, action: mine.action, extraDraw: mine.extraDraw }
          : { assisted: false, action: null, extraDraw: null },
        canAssist: !reason,
        ...(reason ? { reason } : {}),
      };
    },

    async flower(input, ctx) {
      const share = await loadShare(input.shareId);
      if (share.inviter === ctx.openid) throw new DomainError(ErrorCode.SELF_ASSIST, '不能为自己助力');
      const day = beijingDate(ctx.nowMs);
      // Flowers earned by donating are credited lazily: bring them in before checking the balance.
      await syncDonationFlowers(await loadSettings(), ctx.openid, ctx.nowMs);
      // The gift commits in the transaction that records the help, and happens even when the help no
      // longer counts (a flower is still a flower). Keyed by the assist id: one gift per friend ×
      // inviter × project × day through this page, so a retry after a crash never gives twice.
      const result = await recordAssist(share, ctx.openid, 'flower', ctx.nowMs, ctx.nowMs, (tx, assistId, attempt) =>
        giveFlowerTx(
          tx,
          { openid: ctx.openid, projectId: share.projectId, key: `a_${assistId}`, nowMs: ctx.nowMs, day },
          attempt,
        ),
      );
      return {
        assisted: result.assisted,
        extraDraw: result.extraDraw,
        ...(result.reason ? { reason: result.reason } : {}),
      };
    },

    async progress(_input, ctx) {
      // The inviter looking at their progress finishes any help whose draw a crash left owed.
      await settlePendingDraws(ctx.openid, ctx.nowMs);
      // The campaign's shares and donations only (`campaignId`, default: the default campaign).
      const { id: campaignId } = await loadSettings();
      const [shares, recent, perShare, orders] = await Promise.all([
        db()
          .collection(C.shares)
          .where({ campaignId, inviter: ctx.openid })
          .orderBy('createdAt', 'desc')
          .limit(100)
          .get(),
        db().collection(C.assists).where({ inviter: ctx.openid }).orderBy('at', 'desc').limit(100).get(),
        // Counts from the whole collection: the helper list itself is only the latest 100.
        db()
          .collection(C.assists)
          .aggregate()
          .match({ inviter: ctx.openid })
          .group({ _id: '$shareId', helpers: { $sum: 1 } })
          .limit(1000)
          .end(),
        db()
          .collection(C.orders)
          .where({ campaignId, openid: ctx.openid, status: 'paid' })
          .orderBy('paidAt', 'desc')
          .limit(100)
          .get(),
      ]);
      const helps = recent.data as AssistDoc[];
      const friends = await profilesOf(helps.map((a) => a.friend));
      const helperCount = new Map(perShare.list.map((r) => [String(r._id), Number(r.helpers)]));
      const paid = orders.data as OrderDoc[];
      const items = await Promise.all(
        (shares.data as ShareDoc[]).map(async (s) => {
          const project = await requireProject(s.projectId);
          // Extra draws and what they won live on the donations they were credited to.
          const donations = paid
            .filter((o) => o.projectId === s.projectId)
            .map((o) => ({
              orderId: o._id,
              amountFen: o.amountFen,
              paidAt: new Date(o.paidAt ?? o.createdAt).toISOString(),
              extraDraws: o.extraDraws ?? 0,
              extraMatchedFen: o.extraMatchedFen ?? 0,
            }));
          return {
            shareId: s._id,
            projectId: s.projectId,
            projectTitle: project.title,
            helpers: helps
              .filter((a) => a.shareId === s._id)
              .map((a) => ({
                name: friends.get(a.friend)?.nickname ?? friendLabel(a.friend),
                avatarUrl: friends.get(a.friend)?.avatarUrl ?? null,
                action: a.action,
                at: new Date(a.at).toISOString(),
                orderId: a.orderId,
                extraDraw: a.extraDraw,
              })),
            helperCount: helperCount.get(s._id) ?? 0,
            donations,
            extraDraws: donations.reduce((sum, d) => sum + d.extraDraws, 0),
            extraMatchedFen: donations.reduce((sum, d) => sum + d.extraMatchedFen, 0),
          };
        }),
      );
      return {
        items,
        totals: {
          helpers: items.reduce((sum, i) => sum + i.helperCount, 0),
          extraMatchedFen: items.reduce((sum, i) => sum + i.extraMatchedFen, 0),
        },
      };
    },
  },
});

/**
 * `assist`: invitation links (opaque share ids), what a friend sees on the assist page, a friend's
 * flower gift as help, and the inviter's progress (helpers and extra matches per donation).
 */
import { assistInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import { makeShareId } from '../../../domain/assist';
import { beijingDate } from '../../../domain/time';
import { defineFunction } from '../../_lib/handler';
import { db } from '../../_lib/cloud';
import { cryptoRng } from '../../_lib/clock';
import { loadSettings, requireProject } from '../../_lib/campaign';
import { C, type AssistCounterDoc, type AssistDoc, type ShareDoc } from '../../_lib/collections';
import { assistIdOf, inviterDonation, loadShare, recordAssist } from '../../_lib/assistFlow';
import { giveFlower } from '../../_lib/flowers';
import { donorCounts, projectTotals } from '../../_lib/totals';
import { projectCard } from '../../_lib/views';
import { userKey } from '../../../domain/ids';

export const ASSIST_PAGE = '/pkg-assist/assist/index';

const friendLabel = (openid: string) => `好友${userKey(openid).slice(-4).toUpperCase()}`;

export const main = defineFunction({
  name: 'assist',
  schema: assistInput,
  actions: {
    async share(input, ctx) {
      const project = await requireProject(input.projectId);
      const { data } = await db().collection(C.shares).where({ inviter: ctx.openid, projectId: project._id }).limit(1).get();
      let share = data[0] as ShareDoc | undefined;
      if (!share) {
        share = {
          _id: makeShareId(cryptoRng),
          inviter: ctx.openid,
          projectId: project._id,
          createdAt: ctx.nowMs,
          showProfile: input.showProfile ?? false,
          nickname: (input.nickname ?? '').trim(),
        };
        await db().collection(C.shares).add({ data: share });
      }
      return { shareId: share._id, path: `${ASSIST_PAGE}?shareId=${share._id}` };
    },

    async open(input, ctx) {
      const share = await loadShare(input.shareId);
      const settings = await loadSettings();
      const project = await requireProject(share.projectId);
      const day = beijingDate(ctx.nowMs);
      const [totals, donors, assisted, counter, donation] = await Promise.all([
        projectTotals(project._id),
        donorCounts(project._id),
        db().collection(C.assists).doc(assistIdOf(share, ctx.openid, ctx.nowMs)).get(),
        db().collection(C.assistCounters).doc(`${userKey(ctx.openid)}_${day}`).get(),
        inviterDonation(share),
      ]);
      const mine = assisted.data as AssistDoc | null;
      const count = (counter.data as AssistCounterDoc | null)?.count ?? 0;
      let reason: string | undefined;
      if (share.inviter === ctx.openid) reason = 'self';
      else if (mine) reason = 'already_assisted';
      else if (!donation) reason = 'inviter_not_donated';
      else if (count >= settings.assist.maxAssistsPerDay) reason = 'daily_limit';
      return {
        project: projectCard(project, totals.get(project._id), donors.total),
        inviter: { nickname: share.showProfile && share.nickname ? share.nickname : '一位爱心好友', isMe: share.inviter === ctx.openid },
        myActions: mine ? { assisted: true, action: mine.action, extraDraw: mine.extraDraw } : { assisted: false, action: null, extraDraw: null },
        canAssist: !reason,
        ...(reason ? { reason } : {}),
      };
    },

    async flower(input, ctx) {
      const share = await loadShare(input.shareId);
      if (share.inviter === ctx.openid) throw new DomainError(ErrorCode.SELF_ASSIST, '不能为自己助力');
      const day = beijingDate(ctx.nowMs);
      await giveFlower({ openid: ctx.openid, projectId: share.projectId, key: `${share._id}_${userKey(ctx.openid)}_${ctx.nowMs}`, nowMs: ctx.nowMs, day });
      const result = await recordAssist(share, ctx.openid, 'flower', ctx.nowMs);
      return { assisted: result.assisted, extraDraw: result.extraDraw, ...(result.reason ? { reason: result.reason } : {}) };
    },

    async progress(_input, ctx) {
      const [shares, assists] = await Promise.all([
        db().collection(C.shares).where({ inviter: ctx.openid }).orderBy('createdAt', 'desc').limit(100).get(),
        db().collection(C.assists).where({ inviter: ctx.openid }).orderBy('at', 'desc').limit(100).get(),
      ]);
      const helps = assists.data as AssistDoc[];
      const items = await Promise.all(
        (shares.data as ShareDoc[]).map(async (s) => {
          const project = await requireProject(s.projectId);
          const mine = helps.filter((a) => a.shareId === s._id);
          return {
            shareId: s._id,
            projectId: s.projectId,
            projectTitle: project.title,
            helpers: mine.map((a) => ({ name: friendLabel(a.friend), action: a.action, at: new Date(a.at).toISOString(), orderId: a.orderId, extraDraw: a.extraDraw })),
            extraDraws: mine.filter((a) => a.extraDraw).length,
            extraMatchedFen: mine.reduce((sum, a) => sum + (a.extraDraw?.amountFen ?? 0), 0),
          };
        }),
      );
      return {
        items,
        totals: {
          helpers: helps.length,
          extraMatchedFen: items.reduce((s, i) => s + i.extraMatchedFen, 0),
        },
      };
    },
  },
});

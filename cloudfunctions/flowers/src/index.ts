/** `flowers`: my small-red-flower balance with today's earnings and history, and giving one to a project. */
import { flowersInput } from '../../../domain/schemas';
import { beijingDate } from '../../../domain/time';
import { randomToken } from '../../../domain/ids';
import { defineFunction } from '../../_lib/handler';
import { cryptoRng } from '../../_lib/clock';
import { db } from '../../_lib/cloud';
import { loadCatalog, loadSettings, requireProject } from '../../_lib/campaign';
import { C } from '../../_lib/collections';
import { flowerDayKey, giveFlower, type FlowerEventDoc } from '../../_lib/flowers';
import { syncDonationFlowers } from '../../_lib/donorTotals';

export const main = defineFunction({
  name: 'flowers',
  schema: flowersInput,
  actions: {
    async balance(_input, ctx) {
      const settings = await loadSettings();
      const account = await syncDonationFlowers(settings, ctx.openid, ctx.nowMs);
      const [{ data }, catalog] = await Promise.all([
        db().collection(C.flowerEvents).where({ openid: ctx.openid }).orderBy('at', 'desc').limit(50).get(),
        loadCatalog(), // the projects' titles (cached per instance): history names each gift's project
      ]);
      const today = account?.earned?.[flowerDayKey(settings.id, beijingDate(ctx.nowMs))] ?? {};
      return {
        balance: account?.balance ?? 0,
        given: account?.given ?? 0,
        earnedToday: { donate: today.donate ?? 0, quiz: today.quiz ?? 0, steps: today.steps ?? 0 },
        caps: {
          donate: settings.flowers.donateDailyCap,
          quiz: settings.flowers.quizDailyCap,
          steps: settings.flowers.stepsDailyCap,
        },
        history: (data as FlowerEventDoc[]).map((e) => ({
          kind: e.kind,
          source: e.source,
          count: e.count,
          projectId: e.projectId,
          projectTitle: e.projectId ? (catalog.get(e.projectId)?.title ?? null) : null,
          at: new Date(e.at).toISOString(),
        })),
      };
    },

    async give(input, ctx) {
      const project = await requireProject(input.projectId);
      await syncDonationFlowers(await loadSettings(), ctx.openid, ctx.nowMs);
      // A random key per gift: two gifts in the same millisecond are two history records (and no openid in ids).
      const key = `g${randomToken(cryptoRng, 16)}`;
      await giveFlower({
        openid: ctx.openid,
        projectId: project._id,
        key,
        nowMs: ctx.nowMs,
        day: beijingDate(ctx.nowMs),
      });
      const account = (await db().collection(C.flowerAccounts).doc(ctx.openid).get()).data as {
        balance: number;
      } | null;
      return { given: true, projectId: project._id, balance: account?.balance ?? 0 };
    },
  },
});

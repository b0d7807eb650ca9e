/**
 * `steps` (一块走): today's WeRun steps, donating them once a Beijing day (≥ threshold) — a caring
 * enterprise pays, weighted by budget left, plus a chance of a Foundation match — the 7-day history
 * and the sponsor wall. The step donation, the sponsor's budget, the ledger and the project counter
 * commit in one transaction; the day's unique `_id` makes a second donation impossible.
 */
import { stepsInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import { isEligible, pickSponsor, stepAmount } from '../../../domain/steps';
import { sponsorStepEntry } from '../../../domain/ledger';
import { userKey } from '../../../domain/ids';
import { addDays, beijingDate } from '../../../domain/time';
import { defineFunction } from '../../_lib/handler';
import { db, isDuplicateKey } from '../../_lib/cloud';
import { rngFor } from '../../_lib/clock';
import { loadCatalog, loadSettings, requireProject } from '../../_lib/campaign';
import { C, type SponsorDoc, type StepDonationDoc } from '../../_lib/collections';
import { creditFlower } from '../../_lib/flowers';
import { drawInTransaction, drawWindowOpen, ensureDayReleased } from '../../_lib/pool';
import { counterId, counterInc, projectTotals } from '../../_lib/totals';
import { stepsFromWeRun, type WeRunData } from '../../_lib/steps';

const stepDocId = (openid: string, day: string) => `${userKey(openid)}_${day}`;

async function sponsorsWithBudget(): Promise<SponsorDoc[]> {
  const { data } = await db().collection(C.sponsors).limit(100).get();
  return data as SponsorDoc[];
}

/** Default project: the least-funded fundraising project, so step money goes where it is needed. */
async function recommendedProject(): Promise<string> {
  const [catalog, totals] = await Promise.all([loadCatalog(), projectTotals()]);
  const open = [...catalog.values()].filter((p) => p.status === 'fundraising');
  open.sort((a, b) => (totals.get(a._id)?.raisedFen ?? 0) / a.targetFen - (totals.get(b._id)?.raisedFen ?? 0) / b.targetFen || a._id.localeCompare(b._id));
  return open[0]._id;
}

export const main = defineFunction({
  name: 'steps',
  schema: stepsInput,
  actions: {
    async today(input, ctx) {
      const settings = await loadSettings();
      const steps = stepsFromWeRun(input.weRunData as WeRunData, ctx.nowMs);
      const day = beijingDate(ctx.nowMs);
      const done = (await db().collection(C.stepDonations).doc(stepDocId(ctx.openid, day)).get()).data as StepDonationDoc | null;
      return {
        steps,
        threshold: settings.steps.threshold,
        eligible: isEligible(steps, settings.steps.threshold),
        donatedToday: !!done,
        donation: done ? { amountFen: done.amountFen, sponsorId: done.sponsorId, projectId: done.projectId, steps: done.steps } : null,
        recommendedProjectId: await recommendedProject(),
      };
    },

    async donate(input, ctx) {
      const settings = await loadSettings();
      const steps = stepsFromWeRun(input.weRunData as WeRunData, ctx.nowMs);
      if (!isEligible(steps, settings.steps.threshold)) throw new DomainError(ErrorCode.STEPS_BELOW_THRESHOLD, `今日步数未满 ${settings.steps.threshold} 步`);
      const day = beijingDate(ctx.nowMs);
      const project = await requireProject(input.projectId ?? (await recommendedProject()));
      const docId = stepDocId(ctx.openid, day);
      if ((await db().collection(C.stepDonations).doc(docId).get()).data) throw new DomainError(ErrorCode.ALREADY_DONATED_TODAY, '今日步数已捐出');
      if (drawWindowOpen(settings, ctx.nowMs, ctx.nowMs)) await ensureDayReleased(settings, day, ctx.nowMs);
      const rng = rngFor(`steps:${docId}`);

      const outcome = await db()
        .runTransaction(async (tx) => {
          const sponsors = await sponsorsWithBudget();
          const sponsorId = pickSponsor(sponsors.map((s) => ({ id: s._id, leftFen: s.leftFen })), rng);
          let sponsor: SponsorDoc | null = null;
          let amountFen = 0;
          if (sponsorId) {
            const ref = tx.collection(C.sponsors).doc(sponsorId);
            sponsor = (await ref.get()).data as SponsorDoc;
            amountFen = stepAmount(rng, settings.steps, sponsor.leftFen);
            if (amountFen <= 0) sponsor = null; // drained since the list was read
          }
          if (sponsor && sponsorId) {
            const ref = tx.collection(C.sponsors).doc(sponsorId);
            const _ = db().command;
            await ref.update({ data: { leftFen: _.inc(-amountFen), paidFen: _.inc(amountFen), donations: _.inc(1) } });
          }
          const match =
            amountFen > 0 && rng() < settings.steps.foundationMatchChance
              ? await drawInTransaction(tx, { settings, openid: ctx.openid, projectId: project._id, donationFen: amountFen, paidAtMs: ctx.nowMs, nowMs: ctx.nowMs, kind: 'steps', key: docId })
              : null;
          const matchFen = match?.amountFen ?? 0;
          const doc: Omit<StepDonationDoc, '_id'> = {
            openid: ctx.openid,
            day,
            steps,
            projectId: project._id,
            sponsorId: sponsor?._id ?? null,
            amountFen,
            match: match ? (match.reason ? { amountFen: 0, reason: match.reason } : { amountFen: matchFen }) : null,
            at: ctx.nowMs,
          };
          // The unique day key: a concurrent or repeated donation of the same user-day fails here.
          await tx.collection(C.stepDonations).add({ data: { _id: docId, ...doc } });
          if (amountFen > 0 && sponsor) {
            await tx.collection(C.journal).add({
              data: sponsorStepEntry({ stepId: docId, sponsorId: sponsor._id, projectId: project._id, openid: ctx.openid, amountFen, matchFen, atMs: ctx.nowMs, day }),
            });
            await tx.collection(C.projectCounters).doc(counterId(project._id, docId)).update({ data: counterInc({ sponsor: amountFen, match: matchFen }) });
          }
          return { sponsor, amountFen, matchFen, match };
        })
        .catch((err) => {
          if (isDuplicateKey(err)) throw new DomainError(ErrorCode.ALREADY_DONATED_TODAY, '今日步数已捐出');
          throw err;
        });

      const flowersEarned = await creditFlower({ settings, openid: ctx.openid, source: 'steps', key: docId, day, nowMs: ctx.nowMs, projectId: project._id });
      return {
        steps,
        projectId: project._id,
        amountFen: outcome.amountFen,
        sponsor: outcome.sponsor ? { id: outcome.sponsor._id, name: outcome.sponsor.name } : null,
        sponsorsExhausted: !outcome.sponsor,
        match: outcome.match ? { amountFen: outcome.matchFen, ...(outcome.match.reason ? { reason: outcome.match.reason } : {}) } : null,
        flowersEarned,
      };
    },

    async history(_input, ctx) {
      const days = Array.from({ length: 7 }, (_, i) => addDays(beijingDate(ctx.nowMs), -i));
      const { data } = await db().collection(C.stepDonations).where({ openid: ctx.openid }).orderBy('at', 'desc').limit(31).get();
      const byDay = new Map((data as StepDonationDoc[]).map((d) => [d.day, d]));
      const sponsors = new Map((await sponsorsWithBudget()).map((s) => [s._id, s.name]));
      return {
        items: days.map((day) => {
          const d = byDay.get(day);
          return d
            ? { day, donated: true, steps: d.steps, amountFen: d.amountFen, sponsorName: d.sponsorId ? sponsors.get(d.sponsorId) ?? '' : null, matchFen: d.match?.amountFen ?? 0, projectId: d.projectId }
            : { day, donated: false, steps: 0, amountFen: 0, sponsorName: null, matchFen: 0, projectId: null };
        }),
      };
    },

    async sponsors() {
      const list = await sponsorsWithBudget();
      list.sort((a, b) => b.pledgedFen - a.pledgedFen || a._id.localeCompare(b._id));
      return {
        items: list.map((s) => ({ id: s._id, name: s.name, slogan: s.slogan, pledgedFen: s.pledgedFen, paidFen: s.paidFen, leftFen: s.leftFen, donations: s.donations })),
        totals: {
          pledgedFen: list.reduce((t, s) => t + s.pledgedFen, 0),
          paidFen: list.reduce((t, s) => t + s.paidFen, 0),
          leftFen: list.reduce((t, s) => t + s.leftFen, 0),
        },
        exhausted: list.every((s) => s.leftFen <= 0),
      };
    },
  },
});

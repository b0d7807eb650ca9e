/**
 * `steps` (一块走): today's WeRun steps, donating them once a Beijing day (≥ threshold) — a caring
 * enterprise pays, weighted by budget left, plus a chance of a Foundation match — the 7-day history
 * and the sponsor wall. The step donation, the sponsor's budget, the ledger and the project counter
 * commit in one transaction; the day's unique `_id` makes a second donation impossible.
 */
import { stepsInput } from '../../../domain/schemas';
import { DomainError, ErrorCode } from '../../../domain/errors';
import { isEligible, pickSponsor, SPONSORS_EXHAUSTED_NOTICE, stepAmount, wantsStepMatch } from '../../../domain/steps';
import { sponsorStepEntry } from '../../../domain/ledger';
import { userDayId } from '../../../domain/ids';
import { addDays, beijingDate } from '../../../domain/time';
import type { CampaignSettings } from '../../../domain/settings';
import type { MatchOutcome } from '../../../domain/api';
import type { Rng } from '../../../domain/rng';
import { defineFunction } from '../../_lib/handler';
import { db, isDuplicateKey } from '../../_lib/cloud';
import { rngFor } from '../../_lib/clock';
import { loadCatalog, loadSettings, requireFundraisingProject, requireSessionOpen } from '../../_lib/campaign';
import { C, type SponsorDoc, type StepDonationDoc } from '../../_lib/collections';
import { creditFlowerTx } from '../../_lib/flowers';
import { faultPoint } from '../../_lib/fault';
import { isTxConflict, runMoneyTx } from '../../_lib/moneyTx';
import { drawInTransaction, drawWindowOpen, ensureDayReleased } from '../../_lib/pool';
import { projectTotals } from '../../_lib/totals';
import { postEntry, readCounterShard } from '../../_lib/journal';
import { readTodaySteps } from '../../_lib/steps';

const stepDocId = (campaignId: string, openid: string, day: string) => userDayId(campaignId, openid, day);

/** The campaign's sponsors (41 in the Chongqing seed; one page). */
async function allSponsors(campaignId: string): Promise<SponsorDoc[]> {
  const { data } = await db().collection(C.sponsors).where({ campaignId }).limit(100).get();
  return data as SponsorDoc[];
}

/** The campaign's sponsors with budget left: only what the weighted pick needs (read on every donation). */
async function openSponsors(campaignId: string): Promise<Array<{ _id: string; leftFen: number }>> {
  const { data } = await db()
    .collection(C.sponsors)
    .where({ campaignId, leftFen: db().command.gt(0) })
    .field({ leftFen: true })
    .limit(100)
    .get();
  return data as Array<{ _id: string; leftFen: number }>;
}

/** Default project: the least-funded fundraising project, so step money goes where it is needed. */
async function recommendedProject(): Promise<string> {
  const [catalog, totals] = await Promise.all([loadCatalog(), projectTotals()]);
  const open = [...catalog.values()].filter((p) => p.status === 'fundraising');
  open.sort(
    (a, b) =>
      (totals.get(a._id)?.raisedFen ?? 0) / a.targetFen - (totals.get(b._id)?.raisedFen ?? 0) / b.targetFen ||
      a._id.localeCompare(b._id),
  );
  return open[0]._id;
}

/** Rounds of backed-off retries when a sponsor stays contended (each round is runMoneyTx's attempts). */
const BUSY_ROUNDS = 8;

/** The picked sponsor ran dry between the list read and its lock: start over without it. */
class SponsorDrained extends Error {}

/**
 * The step donation in ONE transaction: the user-day document (its unique `_id` refuses a second one),
 * the sponsor's budget, the Foundation draw, the ledger entry and the project counter. The sponsor is
 * picked from a list read just before (weighted by budget left) and re-read under its lock; if it ran
 * dry meanwhile, the transaction is dropped and the pick repeats on a fresh list without it, so nobody
 * is told "exhausted" while another sponsor still has budget (terminates: each round drops a sponsor).
 * The day's flower is credited in the same transaction.
 * Lock order is fixed — user-day → flower account → one sponsor → pool shard → journal + counter — so step donations
 * cannot deadlock one another, and a user's racing calls queue on their own day key, never on a sponsor.
 * With no sponsor left, the day is recorded with 0 fen (and its flower) in a transaction of the user's own documents.
 */
async function paySteps(a: {
  openid: string;
  docId: string;
  day: string;
  steps: number;
  projectId: string;
  settings: CampaignSettings;
  rng: Rng;
  nowMs: number;
}): Promise<{ sponsor: SponsorDoc | null; amountFen: number; match: MatchOutcome | null; flowersEarned: number }> {
  const record = (sponsor: SponsorDoc | null, amountFen: number, match: MatchOutcome | null): StepDonationDoc => ({
    _id: a.docId,
    campaignId: a.settings.id,
    openid: a.openid,
    day: a.day,
    steps: a.steps,
    projectId: a.projectId,
    sponsorId: sponsor?._id ?? null,
    amountFen,
    match,
    at: a.nowMs,
  });
  const already = () => new DomainError(ErrorCode.ALREADY_DONATED_TODAY, '今日步数已捐出');
  // The day's flower commits with the day's donation: no crash can keep one without the other.
  const flower = (tx: Parameters<typeof creditFlowerTx>[0]) =>
    creditFlowerTx(tx, {
      settings: a.settings,
      openid: a.openid,
      source: 'steps',
      key: a.docId,
      day: a.day,
      nowMs: a.nowMs,
      projectId: a.projectId,
    });
  // The Foundation's chance is rolled up front: only a draw needs the day's pool released.
  const drawMatch = wantsStepMatch(
    drawWindowOpen(a.settings, a.nowMs, a.nowMs),
    a.settings.steps.foundationMatchChance,
    a.rng,
  );
  if (drawMatch) await ensureDayReleased(a.settings, a.day, a.nowMs);
  const drained = new Set<string>();
  let busyRounds = 0;
  for (;;) {
    const open = (await openSponsors(a.settings.id)).filter((s) => !drained.has(s._id));
    const sponsorId = pickSponsor(
      open.map((s) => ({ id: s._id, leftFen: s.leftFen })),
      a.rng,
    );
    try {
      if (!sponsorId) {
        return await runMoneyTx(async (tx) => {
          if ((await tx.collection(C.stepDonations).doc(a.docId).get()).data) throw already();
          const flowersEarned = await flower(tx);
          await tx.collection(C.stepDonations).add({ data: record(null, 0, null) });
          return { sponsor: null, amountFen: 0, match: null, flowersEarned };
        }, 10);
      }
      // A conflict (a deadlock victim, CloudBase's write conflict) replays the callback.
      return await runMoneyTx(async (tx, attempt) => {
        // The counter shard is read beside the day key: a first write to it needs no extra round trip
        // while the sponsor is held.
        const counterRead = readCounterShard(tx, a.projectId, `steps_${a.docId}`, attempt);
        if ((await tx.collection(C.stepDonations).doc(a.docId).get()).data) throw already();
        const flowersEarned = await flower(tx);
        const sponsor = (await tx.collection(C.sponsors).doc(sponsorId).get()).data as SponsorDoc | null;
        const amountFen = stepAmount(a.rng, a.settings.steps, sponsor?.leftFen ?? 0);
        if (!sponsor || amountFen <= 0) throw new SponsorDrained(sponsorId);
        const draw = drawMatch
          ? await drawInTransaction(tx, {
              settings: a.settings,
              openid: a.openid,
              projectId: a.projectId,
              donationFen: amountFen,
              paidAtMs: a.nowMs,
              nowMs: a.nowMs,
              kind: 'steps',
              key: a.docId,
              attempt,
            })
          : null;
        const match: MatchOutcome | null = draw?.outcome ?? null;
        const matchFen = match?.amountFen ?? 0;
        const _ = db().command;
        // Sent together (the sponsor's lock is held for fewer round trips); of these only the counter
        // shard is shared with other users, so the batch adds no lock cycle. The journal moves the
        // sponsor's budget, the shard's spend and the counter from the entry's postings.
        await postEntry(
          tx,
          sponsorStepEntry({
            stepId: a.docId,
            sponsorId: sponsor._id,
            projectId: a.projectId,
            openid: a.openid,
            amountFen,
            matchFen,
            matchShard: draw?.shardId ?? null,
            atMs: a.nowMs,
            day: a.day,
          }),
          {
            attempt,
            counterRead,
            with: [
              { collection: C.sponsors, id: sponsor._id, data: { donations: _.inc(1) } },
              ...(draw?.pacing ? [draw.pacing] : []),
            ],
            alongside: [
              ...(draw?.started ?? []),
              tx.collection(C.stepDonations).add({ data: record(sponsor, amountFen, match) }),
            ],
          },
        );
        return { sponsor, amountFen, match, flowersEarned };
      }, 10);
    } catch (err) {
      if (err instanceof SponsorDrained) {
        drained.add(sponsorId!);
        continue;
      }
      // A few sponsors are hot documents: after runMoneyTx's immediate retries, back off a little and
      // pick again from a fresh list (the jitter is timing only, not a business decision).
      if (isTxConflict(err) && ++busyRounds <= BUSY_ROUNDS) {
        await new Promise((r) => setTimeout(r, Math.random() * 50 * busyRounds));
        continue;
      }
      if (isDuplicateKey(err)) throw already();
      throw err;
    }
  }
}

export const main = defineFunction({
  name: 'steps',
  schema: stepsInput,
  actions: {
    async today(input, ctx) {
      const settings = await loadSettings();
      const steps = await readTodaySteps(input.weRunData, ctx.nowMs);
      const day = beijingDate(ctx.nowMs);
      const done = (
        await db()
          .collection(C.stepDonations)
          .doc(stepDocId(settings.id, ctx.openid, day))
          .get()
      ).data as StepDonationDoc | null;
      return {
        steps,
        threshold: settings.steps.threshold,
        eligible: isEligible(steps, settings.steps.threshold),
        donatedToday: !!done,
        donation: done
          ? { amountFen: done.amountFen, sponsorId: done.sponsorId, projectId: done.projectId, steps: done.steps }
          : null,
        recommendedProjectId: await recommendedProject(),
      };
    },

    async donate(input, ctx) {
      const settings = await loadSettings();
      // The step period may open before the match days (Hubei's warm-up): the Foundation draw then says before_open.
      requireSessionOpen(settings.steps, ctx.nowMs);
      const [steps, project] = await Promise.all([
        readTodaySteps(input.weRunData, ctx.nowMs),
        input.projectId
          ? requireFundraisingProject(input.projectId)
          : recommendedProject().then(requireFundraisingProject),
      ]);
      if (!isEligible(steps, settings.steps.threshold))
        throw new DomainError(ErrorCode.STEPS_BELOW_THRESHOLD, `今日步数未满 ${settings.steps.threshold} 步`);
      const day = beijingDate(ctx.nowMs);
      // The unique `_id` insert in paySteps is what guarantees once a day (no read-then-write).
      const docId = stepDocId(settings.id, ctx.openid, day);
      const rng = rngFor(`steps:${docId}`);

      const paid = await paySteps({
        openid: ctx.openid,
        docId,
        day,
        steps,
        projectId: project._id,
        settings,
        rng,
        nowMs: ctx.nowMs,
      });
      faultPoint('steps:afterCommit'); // crash tests: nothing the donation earned may hang on what follows
      return {
        steps,
        projectId: project._id,
        amountFen: paid.amountFen,
        sponsor: paid.sponsor ? { id: paid.sponsor._id, name: paid.sponsor.name } : null,
        sponsorsExhausted: !paid.sponsor,
        notice: paid.sponsor ? null : SPONSORS_EXHAUSTED_NOTICE,
        match: paid.match,
        flowersEarned: paid.flowersEarned,
      };
    },

    async history(_input, ctx) {
      const settings = await loadSettings();
      const days = Array.from({ length: 7 }, (_, i) => addDays(beijingDate(ctx.nowMs), -i));
      const { data } = await db()
        .collection(C.stepDonations)
        .where({ campaignId: settings.id, openid: ctx.openid })
        .orderBy('at', 'desc')
        .limit(31)
        .get();
      const byDay = new Map((data as StepDonationDoc[]).map((d) => [d.day, d]));
      const sponsors = new Map((await allSponsors(settings.id)).map((s) => [s._id, s.name]));
      return {
        items: days.map((day) => {
          const d = byDay.get(day);
          return d
            ? {
                day,
                donated: true,
                steps: d.steps,
                amountFen: d.amountFen,
                sponsorName: d.sponsorId ? (sponsors.get(d.sponsorId) ?? '') : null,
                matchFen: d.match?.amountFen ?? 0,
                projectId: d.projectId,
              }
            : { day, donated: false, steps: 0, amountFen: 0, sponsorName: null, matchFen: 0, projectId: null };
        }),
      };
    },

    async sponsors() {
      const list = await allSponsors((await loadSettings()).id);
      list.sort((a, b) => b.pledgedFen - a.pledgedFen || a._id.localeCompare(b._id));
      return {
        items: list.map((s) => ({
          id: s._id,
          name: s.name,
          slogan: s.slogan,
          pledgedFen: s.pledgedFen,
          paidFen: s.paidFen,
          leftFen: s.leftFen,
          donations: s.donations,
        })),
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

/**
 * My charity footprint across every campaign of the environment, from running totals kept on write: the
 * donor's totals per campaign (donorTotals.ts, brought up to date first), their flower account (`given`),
 * their step donations (one a day at most: a handful per campaign) and the teams they lead. Its cost is
 * bounded by the campaigns and the session days, never by the donor's history.
 */
import type { BoardOptInResult, FootprintResult } from '../../domain/api';
import { db, insertOnce } from './cloud';
import { allCampaigns, inCampaign, loadCatalog } from './campaign';
import { C, type StepDonationDoc, type UserDoc } from './collections';
import { donorTotalsId, syncDonations, type DonorTotalsDoc } from './donorTotals';

export async function footprint(openid: string, nowMs: number): Promise<FootprintResult> {
  const out: FootprintResult = {
    donatedFen: 0,
    matchedFen: 0,
    donations: 0,
    projects: 0,
    districts: 0,
    flowersGiven: 0,
    stepsDonated: 0,
    stepDays: 0,
    teamsJoined: 0,
    teamsLed: 0,
    campaigns: 0,
    boardOptIn: false,
  };
  const districts = new Set<string>();
  const teams = new Set<string>();
  for (const settings of await allCampaigns()) {
    await inCampaign(settings.id, async () => {
      await syncDonations(settings, openid, nowMs);
      const [totalsRes, catalog, steps] = await Promise.all([
        db().collection(C.donorTotals).doc(donorTotalsId(settings.id, openid)).get(),
        loadCatalog(),
        db().collection(C.stepDonations).where({ campaignId: settings.id, openid }).limit(100).get(),
      ]);
      const t = totalsRes.data as DonorTotalsDoc | null;
      const stepRows = steps.data as StepDonationDoc[];
      if (!t && stepRows.length === 0) return;
      out.campaigns++;
      out.donatedFen += t?.donatedFen ?? 0;
      out.matchedFen += t?.matchedFen ?? 0;
      out.donations += t?.count ?? 0;
      for (const [projectId, n] of Object.entries(t?.projects ?? {})) {
        if (n <= 0) continue;
        out.projects++;
        const district = catalog.get(projectId)?.district;
        if (district) districts.add(`${settings.id}:${district}`);
      }
      for (const [teamId, n] of Object.entries(t?.teams ?? {})) if (n > 0) teams.add(teamId);
      for (const s of stepRows) {
        out.stepsDonated += s.steps;
        out.stepDays++;
      }
    });
  }
  const [flowers, led, user] = await Promise.all([
    db().collection(C.flowerAccounts).doc(openid).get(),
    db().collection(C.teams).where({ creator: openid }).count(),
    db().collection(C.users).doc(openid).get(),
  ]);
  out.districts = districts.size;
  out.teamsJoined = teams.size;
  out.teamsLed = led.total;
  out.flowersGiven = Number((flowers.data as { given?: number } | null)?.given ?? 0);
  out.boardOptIn = !!(user.data as UserDoc | null)?.boardOptIn;
  return out;
}

/** Opt in or out of the inviters leaderboard: the profile, then the caller's rows (one per campaign). */
export async function setBoardOptIn(openid: string, boardOptIn: boolean, nowMs: number): Promise<BoardOptInResult> {
  const fresh: UserDoc = {
    _id: openid,
    nickname: null,
    avatarFileID: null,
    boardOptIn,
    createdAt: nowMs,
    updatedAt: nowMs,
  };
  if (!(await insertOnce(C.users, fresh)))
    await db()
      .collection(C.users)
      .doc(openid)
      .update({ data: { boardOptIn, updatedAt: nowMs } });
  // Every row shard of the caller, in every campaign (at most campaigns × INVITER_SHARDS documents).
  await db()
    .collection(C.inviterRows)
    .where({ openid })
    .update({ data: { optIn: boardOptIn } });
  return { boardOptIn };
}

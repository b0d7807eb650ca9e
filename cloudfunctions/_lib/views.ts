/** Shapes the client sees, built from documents + totals (one mapping, used by every reader). */
import { createHmac } from 'crypto';
import { zeroSources, type CampaignView, type DonorRow, type ProjectCard, type Domain } from '../../domain/api';
import { reminderOf, type CampaignSettings } from '../../domain/settings';
import type { OrderDoc, ProjectDoc } from './collections';
import { profilesOf } from './profiles';
import type { ProjectTotals } from './totals';

const ZERO: ProjectTotals = {
  bySource: zeroSources(),
  raisedFen: 0,
  donations: 0,
  flowers: 0,
  donors: 0,
  firstDonors: 0,
};

export function campaignView(s: CampaignSettings): CampaignView {
  const { match: m, quiz: q, flowers: f, steps: st, theme: t } = s;
  // Picked field by field: a new internal setting must not leak to the client by default.
  return {
    id: s.id,
    name: s.name,
    shortName: s.shortName,
    region: s.region,
    organiser: s.organiser,
    supporters: s.supporters,
    startDate: s.startDate,
    endDate: s.endDate,
    warmupStartDate: s.warmupStartDate ?? null,
    matchOpensAt: m.opensAt,
    matchClosesAt: m.closesAt,
    minDonationFen: s.minDonationFen,
    maxDonationFen: s.maxDonationFen,
    match: {
      poolFen: m.poolFen,
      minDonationFen: m.minDonationFen,
      userDailyCapFen: m.userDailyCapFen,
      projectDailyCapFen: m.projectDailyCapFen,
      maxDonationsPerMinute: m.maxDonationsPerMinute,
    },
    assist: {
      actions: s.assist.actions,
      maxAssistsPerDay: s.assist.maxAssistsPerDay,
      maxExtraDrawsPerDonation: s.assist.maxExtraDrawsPerDonation,
    },
    quiz: { questionsPerAttempt: q.questionsPerAttempt, passMark: q.passMark, attemptsPerDay: q.attemptsPerDay },
    flowers: {
      perDonation: f.perDonation,
      donateDailyCap: f.donateDailyCap,
      quizDailyCap: f.quizDailyCap,
      stepsDailyCap: f.stepsDailyCap,
    },
    steps: { threshold: st.threshold, startDate: st.startDate, endDate: st.endDate },
    domains: s.domains.map((d) => ({ id: d.id, name: d.name, color: d.color })),
    certificate: { prefix: s.certificate.prefix, title: s.certificate.title, wording: s.certificate.wording },
    theme: {
      primary: t.primary,
      bannerTitle: t.bannerTitle,
      bannerSubtitle: t.bannerSubtitle,
      slogan: t.slogan ?? null,
    },
    reminder: { templateId: reminderOf(s).templateId, leadMinutes: reminderOf(s).leadMinutes },
  };
}

export function projectCard(p: ProjectDoc, totals: ProjectTotals | undefined, donorCount: number): ProjectCard {
  const t = totals ?? ZERO;
  return {
    id: p._id,
    title: p.title,
    org: p.org,
    district: p.district,
    domain: p.domain as Domain,
    cover: p.cover,
    photo: p.photos?.[0] ?? (p.cover.startsWith('cloud://') ? p.cover : null),
    summary: p.summary,
    targetFen: p.targetFen,
    raisedFen: t.raisedFen,
    matchedFen: t.bySource.match,
    donorCount,
    donationCount: t.donations,
    flowers: t.flowers,
    createdAt: p.createdAt,
  };
}

export { ZERO as ZERO_TOTALS };

/**
 * The public name of a donation: 匿名爱心人士 when anonymous, the donor's chosen nickname when there
 * is one, else 爱心网友 + a per-project label — a keyed hash of openid and project, so the same donor
 * carries a different label on every project and nothing shown is derived from the openid alone.
 */
export function donorName(
  d: { anonymous: boolean; openid: string; projectId: string; nickname?: string | null },
  secret: string,
): string {
  if (d.anonymous) return '匿名爱心人士';
  if (d.nickname?.trim()) return d.nickname.trim();
  const label = createHmac('sha256', secret)
    .update(`${d.projectId}\n${d.openid}`)
    .digest('hex')
    .slice(0, 4)
    .toUpperCase();
  return `爱心网友${label}`;
}

/**
 * Donor list rows: the donor's nickname and avatar (users.setProfile) or their per-project label; an
 * anonymous donation shows 匿名爱心人士, no avatar and no message, whatever the donor's profile.
 */
export async function donorRows(orders: OrderDoc[], labelKey: string): Promise<DonorRow[]> {
  const profiles = await profilesOf(orders.filter((o) => !o.anonymous).map((o) => o.openid));
  return orders.map((o) => {
    const profile = o.anonymous ? null : profiles.get(o.openid);
    return {
      name: donorName({ ...o, nickname: profile?.nickname }, labelKey),
      avatarUrl: profile?.avatarUrl ?? null,
      amountFen: o.amountFen,
      at: new Date(o.paidAt ?? o.createdAt).toISOString(),
      ...(o.message && !o.anonymous ? { message: o.message } : {}),
    };
  });
}

/** Shapes the client sees, built from documents + totals (one mapping, used by every reader). */
import type { CampaignView, ProjectCard, Domain } from '../../domain/api';
import type { CampaignSettings } from '../../domain/settings';
import type { ProjectDoc } from './collections';
import type { ProjectTotals } from './totals';

const ZERO: ProjectTotals = {
  bySource: { public: 0, match: 0, sponsor: 0, coupon: 0, topup: 0 },
  raisedFen: 0,
  donations: 0,
  flowers: 0,
};

export function campaignView(s: CampaignSettings): CampaignView {
  return {
    id: s.id,
    name: s.name,
    startDate: s.startDate,
    endDate: s.endDate,
    matchOpensAt: s.match.opensAt,
    matchClosesAt: s.match.closesAt,
    minDonationFen: s.minDonationFen,
    maxDonationFen: s.maxDonationFen,
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

/** "张三" → "张*"; anonymous donors and raw openids are never shown. */
export function maskedName(anonymous: boolean, openid: string): string {
  if (anonymous) return '匿名爱心人士';
  return `爱心网友${openid.slice(-4).toUpperCase()}`;
}

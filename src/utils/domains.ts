import type { CampaignView } from '@domain/api';

export interface DomainStyle {
  name: string;
  color: string;
}

const NEUTRAL = '#9e9e9e';

/** A project's domain as its campaign names and colours it (cover blocks: no remote images). */
export function domainStyle(c: CampaignView | null, id: string): DomainStyle {
  const d = c?.domains.find((x) => x.id === id);
  return d ?? { name: id, color: NEUTRAL }; // the campaign's own object: stable while the campaign is
}

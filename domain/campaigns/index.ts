/** Every campaign the repo ships (seeded by scripts/seed-docs.ts); staff edit the stored copies afterwards. */
import { CHONGQING_2022, type CampaignSettings } from '../settings';
import { HUBEI_2022 } from './hubei2022';

export { CHONGQING_2022, HUBEI_2022 };

export const CAMPAIGNS: readonly CampaignSettings[] = [CHONGQING_2022, HUBEI_2022];

/** The campaign an existing store (seeded before campaigns were data) belongs to. */
export const DEFAULT_CAMPAIGN_ID = CHONGQING_2022.id;

export function campaignById(id: string): CampaignSettings | undefined {
  return CAMPAIGNS.find((c) => c.id === id);
}

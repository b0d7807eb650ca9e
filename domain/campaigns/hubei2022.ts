/**
 * The first Hubei Digital Public Welfare Festival (首届湖北数字公益节), 20–22 May 2022, from the festival's announcement.
 * Seed 003 gives: the dates, Tencent Foundation's 20,000,000 yuan of matching for the festival's projects, "the same
 * match rule" as Chongqing (≥ 1 yuan → a chance of a random match), friends help by the quiz or a small red flower
 * only, and 一块走 (6000 steps a day) from the warm-up start on 9 May, paid by Hubei caring enterprises with random
 * matches from them and the foundation. Where it is silent we chose, and each choice is a field here:
 * - the organiser (seed 003 names no single one): 湖北省慈善总会, which hosts 「幸福家园」;
 * - the match window, per-draw bounds, per-user cap and rate limit: Chongqing's (same mechanics);
 * - the per-project daily cap: scaled with the pool (Chongqing: 5 M of 50 M → Hubei: 2 M of 20 M yuan);
 * - the step period ends with the festival (05-22); no organiser top-up (ratio 0: none is reported).
 */
import { CHONGQING_2022, type CampaignSettings } from '../settings';

export const HUBEI_2022: CampaignSettings = {
  id: 'hubei-2022',
  name: '湖北数字公益节',
  shortName: '湖北公益节',
  region: '湖北省',
  organiser: '湖北省慈善总会',
  supporters: ['腾讯公益慈善基金会'],
  startDate: '2022-05-20',
  endDate: '2022-05-22',
  warmupStartDate: '2022-05-09',
  minDonationFen: CHONGQING_2022.minDonationFen,
  maxDonationFen: CHONGQING_2022.maxDonationFen,
  orderTimeoutMinutes: CHONGQING_2022.orderTimeoutMinutes,
  match: {
    ...CHONGQING_2022.match,
    poolFen: 2_000_000_000, // 20,000,000 yuan
    dailyReleaseBp: [3334, 3333, 3333],
    projectDailyCapFen: 200_000_000,
  },
  assist: { ...CHONGQING_2022.assist, actions: ['quiz', 'flower'] },
  quiz: { ...CHONGQING_2022.quiz },
  flowers: { ...CHONGQING_2022.flowers },
  steps: { ...CHONGQING_2022.steps, threshold: 6000, startDate: '2022-05-09', endDate: '2022-05-22' },
  topup: { ratioBp: 0 },
  domains: [
    { id: '乡村振兴', name: '乡村振兴', color: '#f08c3a' },
    { id: '教育', name: '教育', color: '#3a8df0' },
    { id: '生态保护', name: '生态保护', color: '#4caf50' },
    { id: '生命健康', name: '生命健康', color: '#e8443a' },
  ],
  certificate: {
    prefix: 'HB2022-',
    title: '捐赠证书',
    wording: '感谢您参与首届湖北数字公益节，您的善行将温暖荆楚大地。特发此证，以资感谢。',
  },
  orderBodyPrefix: '湖北数字公益节-',
  theme: {
    primary: '#1f7fd1',
    bannerTitle: '首届湖北数字公益节',
    bannerSubtitle: '湖北省慈善总会 · 腾讯公益',
    slogan: '数字公益，温暖荆楚',
  },
};

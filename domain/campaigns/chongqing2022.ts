/**
 * Presentation of the 2022 乡村振兴·重庆专场 (seed 004, the UI texts it replaced). Kept apart from the rule numbers
 * in domain/settings.ts (CHONGQING_2022) so both stay small; only types come from settings (no import cycle).
 */
import type { CampaignSettings } from '../settings';

export type CampaignPresentation = Pick<
  CampaignSettings,
  'shortName' | 'region' | 'organiser' | 'supporters' | 'domains' | 'certificate' | 'orderBodyPrefix' | 'theme'
>;

export const CHONGQING_2022_PRESENTATION: CampaignPresentation = {
  shortName: '重庆专场',
  region: '重庆市',
  organiser: '重庆市慈善总会',
  supporters: ['腾讯公益慈善基金会', '腾讯公司西南总部'],
  // `id` = the value the 300 projects already store in `domain` (the Chinese name), so no project changes.
  domains: [
    { id: '产业帮扶', name: '产业帮扶', color: '#f08c3a' },
    { id: '养老帮扶', name: '养老帮扶', color: '#c26fd8' },
    { id: '教育帮扶', name: '教育帮扶', color: '#3a8df0' },
    { id: '人才帮扶', name: '人才帮扶', color: '#2fb3a0' },
    { id: '儿童关爱帮扶', name: '儿童关爱帮扶', color: '#f06b8c' },
    { id: '扶弱济困', name: '扶弱济困', color: '#e8443a' },
    { id: '生态振兴', name: '生态振兴', color: '#4caf50' },
  ],
  certificate: {
    prefix: 'CQ2022-',
    title: '捐赠证书',
    wording: '您的善行将帮助重庆乡村振兴。特发此证，以资感谢。',
  },
  orderBodyPrefix: '乡村振兴·重庆专场-',
  theme: {
    primary: '#e8443a',
    bannerTitle: '乡村振兴·重庆专场',
    bannerSubtitle: '重庆市慈善总会 · 腾讯公益',
    slogan: '一起为重庆乡村加油',
  },
};

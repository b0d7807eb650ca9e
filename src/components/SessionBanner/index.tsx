import { View } from '@tarojs/components';
import type { CampaignView } from '@domain/api';
import { formatMonthDay } from '@/utils/time';
import './index.scss';

export default function SessionBanner({ campaign }: { campaign: CampaignView | null }) {
  const dates = campaign ? `${formatMonthDay(campaign.startDate)}–${formatMonthDay(campaign.endDate).replace(/^\d+月/, '')}` : '4月27日–29日';
  return (
    <View className='session-banner'>
      <View className='session-banner__name'>{campaign?.name ?? '乡村振兴·重庆专场'}</View>
      <View className='session-banner__dates'>{dates}</View>
      <View className='session-banner__org'>重庆市慈善总会 · 腾讯公益</View>
      <View className='session-banner__pool'>腾讯公益慈善基金会 5000万 配捐</View>
    </View>
  );
}

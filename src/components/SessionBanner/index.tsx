import { View } from '@tarojs/components';
import type { CampaignView } from '@domain/api';
import { bannerPool, matchDates, monthDay } from '@/utils/rules';
import { primaryBg } from '@/utils/theme';
import './index.scss';

export default function SessionBanner({ campaign: c }: { campaign: CampaignView | null }) {
  if (!c) return <View className="session-banner session-banner--loading" />;
  return (
    <View className="session-banner" style={primaryBg(c)}>
      <View className="session-banner__name">{c.theme.bannerTitle}</View>
      <View className="session-banner__dates">
        {matchDates(c)}
        {c.warmupStartDate && <View className="session-banner__warmup">预热 {monthDay(c.warmupStartDate)}起</View>}
      </View>
      <View className="session-banner__org">{c.theme.bannerSubtitle}</View>
      {c.theme.slogan && <View className="session-banner__slogan">{c.theme.slogan}</View>}
      <View className="session-banner__pool">{bannerPool(c)}</View>
    </View>
  );
}

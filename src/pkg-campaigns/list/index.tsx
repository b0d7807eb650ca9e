/** 往期专场: every campaign of the environment with its state and (final) results; tap one to open its results. */
import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { CampaignSummary } from '@domain/api';
import { useCampaigns } from '@/stores/campaigns';
import { formatYuan } from '@/utils/money';
import { campaignLine, STATE_LABELS, totalsTitle } from '@/utils/campaigns';
import StateView from '@/components/StateView';
import '../campaigns.scss';

function CampaignRow({ c }: { c: CampaignSummary }) {
  const open = () => Taro.navigateTo({ url: `/pkg-campaigns/results/index?campaignId=${encodeURIComponent(c.id)}` });
  return (
    <View className={`campaigns__card campaign-row state-${c.state}`} onClick={open}>
      <View className="campaigns__head">
        <Text className="campaigns__name" style={{ color: c.primary }}>
          {c.name}
        </Text>
        <Text className={`campaigns__badge badge-${c.state}`}>{STATE_LABELS[c.state]}</Text>
      </View>
      <View className="campaigns__muted">
        {c.startDate.slice(0, 4)}年 {campaignLine(c)}
        {c.isDefault ? ' · 当前专场' : ''}
      </View>
      <View className="campaigns__muted">{totalsTitle(c.state)}</View>
      <View className="campaigns__grid">
        <View>
          <View className="campaigns__value total-raised">{formatYuan(c.totals.raisedFen)}</View>
          <View className="campaigns__label">筹款总额</View>
        </View>
        <View>
          <View className="campaigns__value total-matched">{formatYuan(c.totals.matchedFen)}</View>
          <View className="campaigns__label">配捐</View>
        </View>
        <View>
          <View className="campaigns__value total-donors">{c.totals.donorCount}</View>
          <View className="campaigns__label">爱心人数</View>
        </View>
        <View>
          <View className="campaigns__value total-flowers">{c.totals.flowers}</View>
          <View className="campaigns__label">小红花</View>
        </View>
      </View>
    </View>
  );
}

export default function CampaignList() {
  const { list, loading, error, loadList } = useCampaigns();
  useEffect(() => void loadList(), [loadList]);
  if (error && !list) return <StateView kind="error" text={error} onRetry={() => void loadList()} />;
  if (!list) return <StateView kind="loading" />;
  if (list.length === 0 && !loading) return <StateView kind="empty" text="暂无专场" />;
  return (
    <View className="campaigns">
      {list.map((c) => (
        <CampaignRow key={c.id} c={c} />
      ))}
    </View>
  );
}

import { View } from '@tarojs/components';
import type { CampaignStats } from '@domain/api';
import { formatYuan } from '@/utils/money';
import './index.scss';

export default function StatsBar({ stats }: { stats: CampaignStats }) {
  const cells = [
    { label: '已筹', value: formatYuan(stats.raisedFen, { wan: true }), key: 'raised' },
    { label: '捐款人数', value: String(stats.donorCount), key: 'donors' },
    { label: '捐款笔数', value: String(stats.donationCount), key: 'donations' },
    { label: '已配捐', value: formatYuan(stats.matchedFen, { wan: true }), key: 'matched' },
  ];
  return (
    <View className="stats-bar">
      {cells.map((c) => (
        <View key={c.key} className={`stats-bar__cell stat-${c.key}`}>
          <View className="stats-bar__value">{c.value}</View>
          <View className="stats-bar__label">{c.label}</View>
        </View>
      ))}
    </View>
  );
}

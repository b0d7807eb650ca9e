import { View } from '@tarojs/components';
import type { MoneySource } from '@domain/api';
import { formatYuan } from '@/utils/money';
import './index.scss';

const LABELS: Array<[MoneySource, string]> = [
  ['public', '公众捐款'],
  ['match', '腾讯配捐'],
  ['sponsor', '企业捐步'],
  ['coupon', '爱心券'],
  ['topup', '慈善会配套'],
];

export default function SourceBreakdown({ bySource }: { bySource: Record<MoneySource, number> }) {
  return (
    <View className="source-breakdown">
      {LABELS.map(([key, label]) => (
        <View key={key} className={`source-breakdown__row source-${key}`}>
          <View>{label}</View>
          <View className="source-breakdown__value">{formatYuan(bySource[key] ?? 0)}</View>
        </View>
      ))}
    </View>
  );
}

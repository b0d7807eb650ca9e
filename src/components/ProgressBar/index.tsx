import { View } from '@tarojs/components';
import { progressPercent } from '@/utils/progress';
import './index.scss';

interface Props {
  value: number;
  max: number;
}

export default function ProgressBar({ value, max }: Props) {
  const pct = progressPercent(value, max);
  return (
    <View className="progress-bar">
      <View className="progress-bar__fill" style={{ width: `${pct}%` }} />
    </View>
  );
}

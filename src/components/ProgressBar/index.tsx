import { View } from '@tarojs/components';
import './index.scss';

interface Props {
  value: number;
  max: number;
}

/** Percent of max, clamped to 0–100, integer maths only. */
export function progressPercent(value: number, max: number): number {
  if (max <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((value * 100) / max)));
}

export default function ProgressBar({ value, max }: Props) {
  const pct = progressPercent(value, max);
  return (
    <View className='progress-bar'>
      <View className='progress-bar__fill' style={{ width: `${pct}%` }} />
    </View>
  );
}

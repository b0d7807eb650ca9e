/** Paid donations per Beijing minute, the last 60 minutes as bars (plain views: the same on weapp and H5). */
import { View, Text } from '@tarojs/components';

export default function RateBars({ perMinute }: { perMinute: Array<{ minute: string; donations: number }> }) {
  const peak = Math.max(0, ...perMinute.map((m) => m.donations));
  const max = Math.max(1, peak);
  const first = perMinute[0]?.minute.slice(11) ?? '';
  const last = perMinute.at(-1)?.minute.slice(11) ?? '';
  return (
    <View className="rate-bars">
      <View className="rate-bars__plot">
        {perMinute.map((m) => (
          <View
            key={m.minute}
            className="rate-bars__bar"
            style={{ height: `${Math.round((m.donations / max) * 100)}%` }}
          />
        ))}
      </View>
      <View className="rate-bars__axis">
        <Text>{first}</Text>
        <Text>峰值 {peak} 笔/分钟</Text>
        <Text>{last}</Text>
      </View>
    </View>
  );
}

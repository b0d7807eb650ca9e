/**
 * One donor row: avatar (or the name's first character), name (匿名爱心人士 when anonymous), amount, message,
 * time. The project's donor list and a team's member list both show donors this way (`donorRows` on the server).
 */
import { Image, Text, View } from '@tarojs/components';
import type { DonorRow as Row } from '@domain/api';
import { formatYuan } from '@/utils/money';
import { formatBeijing } from '@/utils/time';
import './index.scss';

export default function DonorRow({ d }: { d: Row }) {
  return (
    <View className="recent-donation">
      {d.avatarUrl ? (
        <Image className="recent-donation__avatar" src={d.avatarUrl} mode="aspectFill" lazyLoad />
      ) : (
        <View className="recent-donation__avatar recent-donation__avatar--empty">{d.name.slice(0, 1)}</View>
      )}
      <View className="recent-donation__body">
        <View className="recent-donation__line">
          <Text className="recent-donation__name">{d.name}</Text>
          <Text className="recent-donation__money">{formatYuan(d.amountFen)}</Text>
        </View>
        {d.message && <View className="recent-donation__msg">“{d.message}”</View>}
        <View className="recent-donation__time">{formatBeijing(d.at, 'MM-DD HH:mm')}</View>
      </View>
    </View>
  );
}

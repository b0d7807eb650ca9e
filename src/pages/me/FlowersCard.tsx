/** 我的小红花: balance, today's earnings per source against the daily caps, recent history. */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { FlowersBalanceResult, FlowerSource } from '@domain/api';
import { formatBeijing } from '@/utils/time';

const SOURCES: Array<[FlowerSource, string]> = [
  ['donate', '捐款'],
  ['quiz', '答题'],
  ['steps', '捐步'],
];
const SOURCE_TEXT: Record<string, string> = {
  donate: '捐款获得',
  quiz: '答题获得',
  steps: '捐步获得',
  gift: '送给项目',
};
const COLLAPSED = 5;

export default function FlowersCard({ data }: { data: FlowersBalanceResult | null }) {
  const [all, setAll] = useState(false);
  const history = data?.history ?? [];
  return (
    <View className="me-card me-flowers" id="me-flowers">
      <View className="me-card__head">
        <View className="me-card__h">我的小红花</View>
        <View className="me-link" onClick={() => Taro.navigateTo({ url: '/pkg-quiz/quiz/index' })}>
          去答题赚小红花 ›
        </View>
      </View>
      <View className="me-flowers__balance">
        🌸 <Text className="flower-balance">{data?.balance ?? 0}</Text> 朵{' '}
        <Text className="me-flowers__given">已送出 {data?.given ?? 0} 朵</Text>
      </View>
      <View className="me-flowers__today">
        {SOURCES.map(([k, label]) => (
          <View key={k} className={`flower-today flower-today--${k}`}>
            <View className="flower-today__n">
              {data?.earnedToday[k] ?? 0}/{data?.caps[k] ?? 0}
            </View>
            <View className="flower-today__label">今日{label}</View>
          </View>
        ))}
      </View>
      {history.length === 0 && <View className="me-muted">还没有小红花记录</View>}
      {(all ? history : history.slice(0, COLLAPSED)).map((e, i) => (
        <View key={`${e.at}-${i}`} className={`flower-history-item flower-history-item--${e.kind}`}>
          <Text className="flower-history-item__what">
            {SOURCE_TEXT[e.source] ?? (e.kind === 'give' ? '送出' : '获得')}
            {e.projectTitle ? ` · ${e.projectTitle}` : ''}
          </Text>
          <Text className="me-muted">{formatBeijing(e.at, 'MM-DD HH:mm')}</Text>
          <Text className="flower-history-item__n">{e.kind === 'give' ? `-${e.count}` : `+${e.count}`}</Text>
        </View>
      ))}
      {history.length > COLLAPSED && (
        <View className="me-link me-link--center" onClick={() => setAll((a) => !a)}>
          {all ? '收起' : `查看全部 ${history.length} 条`}
        </View>
      )}
    </View>
  );
}

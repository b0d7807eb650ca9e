/** The published day roots of the sealed books: anyone can compare them with the ones staff publish elsewhere. */
import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { SealedRoot } from '@domain/api';
import { api } from '@/services/api';
import { formatYuan } from '@/utils/money';
import StateView from '@/components/StateView';
import { SOURCE_LABELS, shortHash } from '@/utils/books';
import './index.scss';

export default function Roots() {
  const [roots, setRoots] = useState<SealedRoot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    api.campaign
      .get()
      .then((r) => setRoots(r.roots ?? []))
      .catch((e: Error) => setError(e.message || '加载失败'));
  }, []);
  useEffect(load, [load]);

  if (error) return <StateView kind="error" text={error} onRetry={load} />;
  if (!roots) return <StateView kind="loading" />;
  const copy = (text: string) => void Taro.setClipboardData({ data: text });

  return (
    <View className="books">
      <View className="books__intro">
        每笔善款都记入不可修改的账本。每 10 分钟的账目封存为一批，每天的批次汇成一个「日根」，并连着前一天的日根。
        任何一笔账目被改动，日根都会对不上。
      </View>
      {roots.length === 0 && (
        <View className="books__muted">还没有封存的日子：每天 0 点过后几分钟封存前一天的账目。</View>
      )}
      {roots.map((r) => (
        <View key={r.day} className="books__card root-day">
          <View className="books__h">{r.day}</View>
          <View className="books__row" onClick={() => copy(r.root)}>
            <Text className="books__muted">日根</Text>
            <Text className="books__hash">{shortHash(r.root)}</Text>
          </View>
          <View className="books__row" onClick={() => copy(r.prevRoot)}>
            <Text className="books__muted">前一日根</Text>
            <Text className="books__hash">{shortHash(r.prevRoot)}</Text>
          </View>
          <View className="books__row">
            <Text className="books__muted">账目笔数</Text>
            <Text>{r.entries}</Text>
          </View>
          {SOURCE_LABELS.map(([s, label]) => (
            <View key={s} className="books__row">
              <Text className="books__muted">{label}</Text>
              <Text>{formatYuan(r.totals[s] ?? 0)}</Text>
            </View>
          ))}
        </View>
      ))}
      <View className="books__muted">点击哈希可复制完整值。捐赠证书上的「验证」可在手机上核对你的那一笔。</View>
    </View>
  );
}

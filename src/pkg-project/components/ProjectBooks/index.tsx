/**
 * 善款账本 on the project page: the project's journal entries page by page, donors shown as they chose,
 * each sealed one linking to on-device verification — so anyone can total the project themselves.
 */
import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ProjectEntry } from '@domain/api';
import { api } from '@/services/api';
import { formatYuan } from '@/utils/money';
import { formatBeijing } from '@/utils/time';
import { KIND_LABELS } from '@/utils/books';

export default function ProjectBooks({ projectId }: { projectId: string }) {
  const [items, setItems] = useState<ProjectEntry[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const more = useCallback(
    (from?: string) => {
      setLoading(true);
      api.projects
        .entries(projectId, from)
        .then((r) => {
          setItems((prev) => (from ? [...prev, ...r.items] : r.items));
          setCursor(r.nextCursor);
        })
        .catch(() => Taro.showToast({ title: '账本加载失败', icon: 'none' }))
        .finally(() => setLoading(false));
    },
    [projectId],
  );
  useEffect(() => more(undefined), [more]);
  const shownFen = items.reduce((s, e) => s + e.netFen, 0);
  const verify = (e: ProjectEntry) =>
    e.batchId &&
    Taro.navigateTo({
      url:
        `/pkg-books/verify/index?projectId=${encodeURIComponent(projectId)}` +
        `&entryId=${encodeURIComponent(e.entryId)}`,
    });

  return (
    <View className="detail__card project-books">
      <View className="detail__h">善款账本</View>
      {items.length === 0 && !loading && <View className="detail__muted">还没有账目</View>}
      {items.map((e) => (
        <View key={e.entryId} className="recent-donation project-books__entry" onClick={() => verify(e)}>
          <View className="recent-donation__line">
            <Text>
              {KIND_LABELS[e.kind] ?? e.kind} · {e.donor}
            </Text>
            <Text className="detail__money">{formatYuan(e.netFen)}</Text>
          </View>
          <View className="detail__muted">
            {formatBeijing(e.at, 'MM-DD HH:mm')} · {e.batchId ? '已封存，点此验证 ›' : '待封存'}
          </View>
        </View>
      ))}
      <View className="detail__muted">
        已列出 {items.length} 笔，合计 {formatYuan(shownFen)}
        {cursor ? '' : '（全部）'}
      </View>
      {cursor && (
        <View className="detail__link project-books__more" onClick={() => !loading && more(cursor)}>
          {loading ? '加载中…' : '加载更多'}
        </View>
      )}
      <View className="detail__link" onClick={() => Taro.navigateTo({ url: '/pkg-books/roots/index' })}>
        查看每日公布的账本日根 ›
      </View>
    </View>
  );
}

/** The anomaly queue: newest first, filtered by kind, a page at a time (bucketed kinds show how often). */
import { useCallback, useEffect, useState } from 'react';
import { Button, View, Text } from '@tarojs/components';
import type { AnomalyView } from '@domain/api/admin';
import { ANOMALY_KINDS, type AnomalyKind } from '@domain/api/states';
import { formatBeijing } from '@domain/time';
import { useAdmin } from '@/stores/admin';
import { adminApi } from '@/services/admin';
import { ANOMALY_LABELS } from './labels';

const PAGE = 20;

/** What the row is about: the order, the user refused, or the function and its error. */
function subject(a: AnomalyView): string {
  if (a.kind === 'function_error')
    return `${String(a.detail.fn ?? '')}.${String(a.detail.action ?? '')} ${String(a.detail.code ?? '')}`;
  if (a.kind === 'rate_limited') return `用户 ${String(a.detail.openid ?? '')}`;
  return a.orderId;
}

export default function AnomalyQueue() {
  const { run, busy } = useAdmin();
  const [kind, setKind] = useState<AnomalyKind | null>(null);
  const [items, setItems] = useState<AnomalyView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const load = useCallback(
    async (more: boolean) => {
      const r = await run(() =>
        adminApi.anomalies({ limit: PAGE, ...(kind ? { kind } : {}), ...(more && cursor ? { cursor } : {}) }),
      );
      if (!r) return;
      setItems((prev) => (more ? [...prev, ...r.items] : r.items));
      setCursor(r.nextCursor);
    },
    [run, kind, cursor],
  );
  useEffect(() => {
    void load(false);
    // Reload from the top when the filter changes (not when the cursor moves).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind]);
  return (
    <View className="console__card console__card--wide anomaly-queue">
      <View className="console__h">异常队列</View>
      <View className="console__actions">
        {[null, ...ANOMALY_KINDS].map((k) => (
          <View
            key={k ?? 'all'}
            className={`console__chip ${k === kind ? 'console__chip--on' : ''}`}
            onClick={() => setKind(k)}
          >
            {k ? ANOMALY_LABELS[k] : '全部'}
          </View>
        ))}
      </View>
      {items.length === 0 && <View className="console__muted">暂无异常</View>}
      {items.map((a) => (
        <View key={a.id} className="console__row anomaly-item">
          <Text className="console__cell--grow">{ANOMALY_LABELS[a.kind] ?? a.kind}</Text>
          <Text className="console__mono">{subject(a)}</Text>
          {a.count > 1 && <Text className="console__muted">×{a.count}</Text>}
          <Text className="console__muted">{formatBeijing(a.lastAt, 'MM-DD HH:mm')}</Text>
        </View>
      ))}
      {cursor && (
        <Button size="mini" disabled={busy} onClick={() => void load(true)}>
          加载更多
        </Button>
      )}
    </View>
  );
}

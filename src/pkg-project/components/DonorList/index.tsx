/**
 * The project's donor list: nickname and avatar (or 匿名爱心人士), amount, message, time. The detail carries
 * the first rows; 查看更多 pages on through `projects.donors`.
 */
import { useEffect, useState } from 'react';
import { Button, View } from '@tarojs/components';
import type { DonorRow } from '@domain/api';
import { api } from '@/services/api';
import { errorMessage } from '@/services/errors';
import DonorRowView from '@/components/DonorRow';

export default function DonorList({ projectId, first }: { projectId: string; first: DonorRow[] }) {
  const [more, setMore] = useState<DonorRow[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A new first page (back from a payment): start over from it.
  useEffect(() => {
    setMore([]);
    setCursor(undefined);
  }, [first]);

  const loadMore = async () => {
    setLoading(true);
    setError(null);
    try {
      if (cursor === undefined) {
        // The detail's rows are the newest; fetch pages from the start and skip those already shown.
        const page = await api.projects.donors(projectId);
        setMore(page.items.slice(first.length));
        setCursor(page.nextCursor);
      } else if (cursor) {
        const page = await api.projects.donors(projectId, cursor);
        setMore((m) => [...m, ...page.items]);
        setCursor(page.nextCursor);
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };
  const rows = [...first, ...more];
  return (
    <View className="detail__card donor-list">
      <View className="detail__h">爱心名单</View>
      {rows.length === 0 && <View className="detail__muted">还没有人捐款，来做第一个吧</View>}
      {rows.map((d, i) => (
        <DonorRowView key={`${d.at}-${i}`} d={d} />
      ))}
      {error && <View className="detail__muted">{error}</View>}
      {rows.length >= first.length && first.length > 0 && cursor !== null && (
        <Button size="mini" className="donor-list__more" loading={loading || undefined} onClick={loadMore}>
          查看更多
        </Button>
      )}
    </View>
  );
}

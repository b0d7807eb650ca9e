/**
 * The review queue: approve, return with a reason, pause or close; organisation staff see their own projects, edit
 * their drafts (pending or returned: saving resubmits) and post progress updates on live ones.
 */
import { useEffect, useState } from 'react';
import { Button, Input, View, Text } from '@tarojs/components';
import type { ConsoleProjectStatus } from '@domain/api/admin';
import { useAdmin } from '@/stores/admin';
import { formatYuan } from '@/utils/money';
import { STATUS_LABELS } from './labels';
import DraftEditor from './DraftEditor';
import UpdateComposer from './UpdateComposer';

const FILTERS: ConsoleProjectStatus[] = ['pending', 'returned', 'fundraising', 'paused', 'closed'];

export default function ReviewPanel() {
  const { queue, loadQueue, review, busy, operator } = useAdmin();
  const [status, setStatus] = useState<ConsoleProjectStatus>('pending');
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState<{ id: string; form: 'edit' | 'update' } | null>(null);
  useEffect(() => void loadQueue(status), [loadQueue, status]);
  const canReview = operator?.role === 'admin' || operator?.role === 'reviewer';
  const canEdit = operator?.role === 'admin' || operator?.role === 'org';
  const isDraft = status === 'pending' || status === 'returned';
  const toggle = (id: string, form: 'edit' | 'update') =>
    setOpen(open?.id === id && open.form === form ? null : { id, form });
  const done = () => {
    setOpen(null);
    void loadQueue(status);
  };
  return (
    <View className="console__card review-panel">
      <View className="console__actions">
        {FILTERS.map((s) => (
          <View
            key={s}
            className={`console__chip ${s === status ? 'console__chip--on' : ''}`}
            onClick={() => setStatus(s)}
          >
            {STATUS_LABELS[s]}
          </View>
        ))}
      </View>
      {canReview && (
        <Input
          className="console__input"
          placeholder="退回 / 暂停的原因"
          value={reason}
          onInput={(e) => setReason(e.detail.value)}
        />
      )}
      {queue.length === 0 && <View className="console__muted">没有{STATUS_LABELS[status]}的项目</View>}
      {queue.map((p) => (
        <View key={p.id}>
          <View className="console__row review-item">
            <View className="console__cell--grow">
              <View>{p.title}</View>
              <Text className="console__muted">
                {p.id} · {p.org} · {p.district} · 目标 {formatYuan(p.targetFen)}
                {p.reviewReason ? ` · ${p.reviewReason}` : ''}
              </Text>
            </View>
            {canReview && status !== 'fundraising' && status !== 'closed' && (
              <Button
                size="mini"
                className="review-approve"
                disabled={busy}
                onClick={() => void review(p.id, 'approve')}
              >
                通过
              </Button>
            )}
            {canReview && status === 'pending' && (
              <Button size="mini" disabled={busy || !reason} onClick={() => void review(p.id, 'return', reason)}>
                退回
              </Button>
            )}
            {canReview && status === 'fundraising' && (
              <Button size="mini" disabled={busy || !reason} onClick={() => void review(p.id, 'pause', reason)}>
                暂停
              </Button>
            )}
            {canEdit && isDraft && (
              <Button size="mini" className="review-edit" onClick={() => toggle(p.id, 'edit')}>
                编辑
              </Button>
            )}
            {canEdit && status === 'fundraising' && (
              <Button size="mini" className="review-update" onClick={() => toggle(p.id, 'update')}>
                发布进展
              </Button>
            )}
          </View>
          {open?.id === p.id && open.form === 'edit' && <DraftEditor projectId={p.id} onDone={done} />}
          {open?.id === p.id && open.form === 'update' && <UpdateComposer projectId={p.id} onDone={done} />}
        </View>
      ))}
    </View>
  );
}

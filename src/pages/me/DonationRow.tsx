/**
 * One of my donations. Paid: opens its certificate. Pending: 继续支付 (the same order) and 取消. Closed
 * (已关闭, cancelled or expired): 重新捐款 (a new order, same project and amount) and 删除.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { CampaignView, MyDonation } from '@domain/api';
import { useDonation } from '@/stores/donation';
import { useMe } from '@/stores/me';
import { errorMessage } from '@/services/errors';
import { formatYuan } from '@/utils/money';
import { formatBeijing } from '@/utils/time';
import { matchText, STATUS_TEXT } from '@/utils/match';

const toResult = (orderId: string) =>
  Taro.navigateTo({ url: `/pkg-donate/result/index?orderId=${encodeURIComponent(orderId)}` });

export default function DonationRow({ d, campaign }: { d: MyDonation; campaign: CampaignView | null }) {
  const { donate, resume, submitting } = useDonation();
  const { cancel, remove } = useMe();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const paid = d.status === 'paid';
  const open = () =>
    paid && Taro.navigateTo({ url: `/pkg-me/certificate/index?orderId=${encodeURIComponent(d.orderId)}` });
  const act = (work: () => Promise<unknown>) => async (e: { stopPropagation: () => void }) => {
    e.stopPropagation();
    if (busy || submitting) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorMessage(err));
      void useMe.getState().refresh();
    } finally {
      setBusy(false);
    }
  };
  const payAgain = () =>
    donate({ projectId: d.projectId, amountFen: d.amountFen, message: d.message || undefined, anonymous: d.anonymous });
  const locked = busy || submitting || undefined;
  return (
    <View className={`me-donation me-donation--${d.status}`} data-order-id={d.orderId} onClick={open}>
      <View className="me-donation__line">
        <Text className="me-donation__title">{d.projectTitle}</Text>
        <Text className="me-donation__amount">{formatYuan(d.amountFen)}</Text>
      </View>
      <View className="me-donation__line me-donation__sub">
        <Text>{formatBeijing(d.paidAt ?? d.createdAt)}</Text>
        <Text className="me-donation__status">
          {d.status === 'closed' ? (d.cancelled ? '已取消' : '已关闭') : STATUS_TEXT[d.status]}
        </Text>
      </View>
      {paid && (
        <View className="me-donation__line me-donation__sub">
          <Text className="me-donation__match">{matchText(d.match, campaign)}</Text>
          <Text className="me-donation__cert">证书 · 账目验证 ›</Text>
        </View>
      )}
      {d.status === 'pending' && (
        <View className="me-donation__actions">
          <Text className="me-donation__hint">请在 {formatBeijing(d.expiresAt, 'HH:mm')} 前完成支付</Text>
          <Button size="mini" className="order-cancel" disabled={locked} onClick={act(() => cancel(d.orderId))}>
            取消
          </Button>
          <Button
            size="mini"
            className="order-resume"
            disabled={locked}
            onClick={act(() => resume(d.orderId).then(toResult))}
          >
            继续支付
          </Button>
        </View>
      )}
      {d.status === 'closed' && (
        <View className="me-donation__actions">
          <Button size="mini" className="order-remove" disabled={locked} onClick={act(() => remove(d.orderId))}>
            删除
          </Button>
          <Button size="mini" className="order-again" disabled={locked} onClick={act(() => payAgain().then(toResult))}>
            重新捐款
          </Button>
        </View>
      )}
      {error && <View className="me-donation__error">{error}</View>}
    </View>
  );
}

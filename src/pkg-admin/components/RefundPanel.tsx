/** Refund a donation (finance): with a reason, through the refund flow; its status can be checked again. */
import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import type { AdminRefundStatusResult } from '@domain/api/admin';
import { useAdmin } from '@/stores/admin';
import { adminApi } from '@/services/admin';

const STATUS: Record<string, string> = {
  requested: '已提交',
  processing: '微信支付处理中',
  succeeded: '退款成功',
  failed: '退款失败',
};

export default function RefundPanel() {
  const { run, busy } = useAdmin();
  const [orderId, setOrderId] = useState('');
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<AdminRefundStatusResult | null>(null);
  const check = async () => setStatus(await run(() => adminApi.refundStatus(orderId.trim())));
  const refund = async () => {
    if (await run(() => adminApi.refund(orderId.trim(), reason.trim() || undefined))) await check();
  };
  return (
    <View className="console__card refund-panel">
      <View className="console__h">退款</View>
      <Input
        className="console__input"
        placeholder="订单号 SX…"
        value={orderId}
        onInput={(e) => setOrderId(e.detail.value)}
      />
      <Input
        className="console__input"
        placeholder="退款原因"
        value={reason}
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className="console__actions">
        <Button
          size="mini"
          className="console__btn"
          disabled={busy || !orderId || !reason}
          onClick={() => void refund()}
        >
          申请退款
        </Button>
        <Button size="mini" disabled={busy || !orderId} onClick={() => void check()}>
          查询状态
        </Button>
      </View>
      {status && (
        <View className="console__muted refund-status">
          订单 {status.orderId}：{status.status}
          {status.refund ? ` · 退款${STATUS[status.refund.status] ?? status.refund.status}` : ' · 无退款记录'}
          {status.refund?.failure ? `（${status.refund.failure.message}）` : ''}
        </View>
      )}
    </View>
  );
}

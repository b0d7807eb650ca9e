/** Settlement per organisation (a day or the whole session), the full ledger and the reconcile report as files. */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button, Input, View, Text } from '@tarojs/components';
import { useAdmin } from '@/stores/admin';
import { adminApi } from '@/services/admin';

type Format = 'csv' | 'xlsx';

export default function ExportPanel() {
  const { run, busy, campaignId } = useAdmin();
  const [day, setDay] = useState('');
  const [link, setLink] = useState<{ label: string; url: string } | null>(null);
  const done = (label: string) => (r: { tempFileURL: string } | null) => {
    if (!r) return;
    setLink({ label, url: r.tempFileURL });
    if (process.env.TARO_ENV === 'h5') window.open(r.tempFileURL, '_blank');
    else void Taro.setClipboardData({ data: r.tempFileURL });
  };
  const settle = (format: Format) =>
    run(() => adminApi.exportSettlement({ campaignId, format, day: day.trim() || undefined })).then(done('结算表'));
  return (
    <View className="console__card export-panel">
      <View className="console__h">结算与导出</View>
      <Input
        className="console__input"
        placeholder="日期 YYYY-MM-DD（留空为全场）"
        value={day}
        onInput={(e) => setDay(e.detail.value)}
      />
      <View className="console__actions">
        <Button size="mini" disabled={busy} onClick={() => void settle('xlsx')}>
          机构结算 Excel
        </Button>
        <Button size="mini" disabled={busy} onClick={() => void settle('csv')}>
          机构结算 CSV
        </Button>
        <Button
          size="mini"
          disabled={busy}
          onClick={() => void run(() => adminApi.exportLedger(campaignId, 'xlsx')).then(done('账本'))}
        >
          完整账本
        </Button>
        <Button
          size="mini"
          disabled={busy}
          onClick={() => void run(() => adminApi.exportReconcile('xlsx')).then(done('对账报告'))}
        >
          对账报告
        </Button>
      </View>
      {link && (
        <View className="console__muted export-link">
          <Text>{link.label}已生成（链接 1 小时内有效）：</Text>
          <Text className="console__mono">{link.url}</Text>
        </View>
      )}
    </View>
  );
}

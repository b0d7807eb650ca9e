/** The append-only audit log, newest first: who did what to which target, with before and after. */
import { useEffect } from 'react';
import { Button, View, Text } from '@tarojs/components';
import { useAdmin } from '@/stores/admin';

const time = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

export default function AuditPanel() {
  const { audit, auditCursor, loadAudit, busy } = useAdmin();
  useEffect(() => void loadAudit(), [loadAudit]);
  return (
    <View className="console__card audit-panel">
      <View className="console__h">操作日志</View>
      {audit.map((e) => (
        <View key={e.id} className="console__row audit-entry">
          <Text className="console__mono">{time(e.at)}</Text>
          <Text>{e.action}</Text>
          <Text className="console__cell--grow">{e.target}</Text>
          <Text className="console__muted">{e.actor}</Text>
        </View>
      ))}
      {auditCursor && (
        <Button size="mini" disabled={busy} onClick={() => void loadAudit(true)}>
          更早的记录
        </Button>
      )}
    </View>
  );
}

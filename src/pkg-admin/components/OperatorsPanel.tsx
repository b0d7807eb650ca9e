/** Operators (revocable at once) and one-time invitations (admins): the code is shown once, only its hash is kept. */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Picker, View, Text } from '@tarojs/components';
import type { AdminInviteResult, OperatorRole } from '@domain/api/admin';
import { useAdmin } from '@/stores/admin';
import { adminApi } from '@/services/admin';
import { ROLE_LABELS } from './labels';

const ROLES: OperatorRole[] = ['admin', 'finance', 'reviewer', 'org'];

export default function OperatorsPanel() {
  const { operators, loadOperators, run, busy, operator: me } = useAdmin();
  const [role, setRole] = useState<OperatorRole>('reviewer');
  const [orgId, setOrgId] = useState('');
  const [invite, setInvite] = useState<AdminInviteResult | null>(null);
  useEffect(() => void loadOperators(), [loadOperators]);
  const revoke = async (openid: string, name: string) => {
    const ok = await Taro.showModal({ title: '撤销人员', content: `撤销 ${name} 的工作人员身份？撤销后立即失效。` })
      .then((r) => r.confirm)
      .catch(() => false);
    if (!ok) return;
    if (await run(() => adminApi.revokeOperator(openid))) await loadOperators();
  };
  const create = async () =>
    setInvite(await run(() => adminApi.inviteOperator({ role, orgId: role === 'org' ? orgId.trim() : undefined })));
  return (
    <View className="console__card operators-panel">
      <View className="console__h">人员</View>
      {operators.map((o) => (
        <View key={o.openid} className="console__row">
          <Text className="console__cell--grow">{o.name || o.openid}</Text>
          <Text>{ROLE_LABELS[o.role]}</Text>
          <Text className="console__muted">{o.orgId ?? ''}</Text>
          {o.openid !== me?.openid && (
            <Button
              size="mini"
              className="operator-revoke"
              disabled={busy}
              onClick={() => void revoke(o.openid, o.name || o.openid)}
            >
              撤销
            </Button>
          )}
        </View>
      ))}
      <View className="console__h">邀请</View>
      <Picker
        mode="selector"
        range={ROLES.map((r) => ROLE_LABELS[r])}
        onChange={(e) => setRole(ROLES[Number(e.detail.value)])}
      >
        <View className="console__input">角色：{ROLE_LABELS[role]}</View>
      </Picker>
      {role === 'org' && (
        <Input
          className="console__input"
          placeholder="机构编号"
          value={orgId}
          onInput={(e) => setOrgId(e.detail.value)}
        />
      )}
      <Button
        size="mini"
        className="console__btn"
        disabled={busy || (role === 'org' && !orgId)}
        onClick={() => void create()}
      >
        生成邀请码
      </Button>
      {invite && (
        <View className="console__muted invite-code">
          邀请码 <Text className="console__mono">{invite.code}</Text>（仅显示一次，72 小时内有效）
        </View>
      )}
    </View>
  );
}

/** The federation's console: sign-in state, then one section at a time (every call checked by role on the server). */
import { useEffect, useState } from 'react';
import { Button, Input, View, Text } from '@tarojs/components';
import { useAdmin, type AdminTab } from '@/stores/admin';
// CampaignPanel (SessionBanner) first: the shared components' styles then load in the main package's order.
import CampaignPanel from '../components/CampaignPanel';
import StateView from '@/components/StateView';
import DashboardPanel from '../components/DashboardPanel';
import ImportPanel from '../components/ImportPanel';
import ReviewPanel from '../components/ReviewPanel';
import RefundPanel from '../components/RefundPanel';
import ExportPanel from '../components/ExportPanel';
import AuditPanel from '../components/AuditPanel';
import OperatorsPanel from '../components/OperatorsPanel';
import { ROLE_LABELS, TABS } from '../components/labels';
import './index.scss';

const PANELS: Record<AdminTab, () => JSX.Element> = {
  dashboard: DashboardPanel,
  campaign: CampaignPanel,
  import: ImportPanel,
  review: ReviewPanel,
  refunds: RefundPanel,
  exports: ExportPanel,
  audit: AuditPanel,
  operators: OperatorsPanel,
};

function SignIn() {
  const { redeem, error, busy } = useAdmin();
  const [code, setCode] = useState('');
  return (
    <View className="console console--signin">
      <View className="console__card">
        <View className="console__h">工作人员登录</View>
        <View className="console__muted">当前微信尚未绑定工作人员身份。请输入管理员发给你的一次性邀请码。</View>
        <Input className="console__input" placeholder="邀请码" value={code} onInput={(e) => setCode(e.detail.value)} />
        <Button className="console__btn" disabled={busy || code.trim().length < 4} onClick={() => void redeem(code)}>
          绑定身份
        </Button>
        {error && <View className="console__error">{error}</View>}
      </View>
    </View>
  );
}

export default function Console() {
  const { signedIn, operator, tab, setTab, signIn, error } = useAdmin();
  useEffect(() => void signIn(), [signIn]);
  if (signedIn === null) return <StateView kind="loading" />;
  if (!signedIn || !operator) return <SignIn />;
  const Panel = PANELS[tab];
  const tabs = TABS.filter((t) => t.roles.includes(operator.role));
  return (
    <View className="console">
      <View className="console__nav">
        <View className="console__who">
          <Text className="console__role">{ROLE_LABELS[operator.role]}</Text>
          <Text className="console__muted">{operator.name || operator.openid}</Text>
        </View>
        {tabs.map((t) => (
          <View
            key={t.id}
            className={`console__tab ${t.id === tab ? 'console__tab--on' : ''}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </View>
        ))}
      </View>
      <View className="console__main">
        {error && <View className="console__error">{error}</View>}
        <Panel />
      </View>
    </View>
  );
}

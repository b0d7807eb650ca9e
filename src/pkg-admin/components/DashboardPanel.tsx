/** Live figures, refreshed every 10 s while open: money by source, donors, rate, pool vs pacing, tables; anomalies. */
import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import type { DashboardRow } from '@domain/api/admin';
import { useAdmin } from '@/stores/admin';
import { formatYuan } from '@/utils/money';
import StateView from '@/components/StateView';
import PaceChart from './PaceChart';
import AnomalyQueue from './AnomalyQueue';
import RateBars from './RateBars';

const SOURCE_NAMES = { public: '公众捐款', match: '基金会配捐', sponsor: '企业步数', coupon: '爱心券', topup: '配套' };
const REFRESH_MS = 10_000;

function Table({ title, rows }: { title: string; rows: DashboardRow[] }) {
  return (
    <View className="console__card">
      <View className="console__h">{title}</View>
      {rows.slice(0, 10).map((r) => (
        <View key={r.key} className="console__row">
          <Text className="console__cell--grow">{r.label}</Text>
          <Text>{r.donations} 笔</Text>
          <Text className="console__money">{formatYuan(r.raisedFen)}</Text>
        </View>
      ))}
    </View>
  );
}

export default function DashboardPanel() {
  const { dashboard: d, loadDashboard } = useAdmin();
  useEffect(() => {
    void loadDashboard();
    const timer = setInterval(() => void loadDashboard(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [loadDashboard]);
  if (!d) return <StateView kind="loading" />;
  const hour = Number(new Date(d.at + 8 * 3600_000).toISOString().slice(11, 13));
  const rate = d.perMinute.at(-1)?.donations ?? 0;
  return (
    <View className="console__grid">
      <View className="console__card console__card--wide dashboard-summary">
        <View className="console__h">已筹 {formatYuan(d.raisedFen)}</View>
        <View className="console__stats">
          <Text>捐赠人 {d.donors}</Text>
          <Text>捐款 {d.donations} 笔</Text>
          <Text>每分钟 {rate} 笔</Text>
          <Text>
            项目 {d.projects.fundraising} 上线 / {d.projects.pending} 待审
          </Text>
        </View>
        <View className="console__stats">
          {(Object.keys(SOURCE_NAMES) as Array<keyof typeof SOURCE_NAMES>).map((s) => (
            <Text key={s}>
              {SOURCE_NAMES[s]} {formatYuan(d.bySource[s])}
            </Text>
          ))}
        </View>
      </View>
      <View className="console__card console__card--wide dashboard-rate">
        <View className="console__h">每分钟捐款（近 60 分钟）</View>
        <RateBars perMinute={d.perMinute} />
      </View>
      <View className="console__card console__card--wide">
        <View className="console__h">
          配捐池 {d.pool.day}：已用 {formatYuan(d.pool.spentFen)} / 当日 {formatYuan(d.pool.budgetFen)}
        </View>
        <PaceChart curve={d.pool.curve} spentFen={d.pool.spentFen} hour={hour} />
        <View className="console__muted">蓝线：按节奏可用额度；红点：当前已用</View>
      </View>
      <Table title="按区县" rows={d.byDistrict} />
      <Table title="按机构" rows={d.byOrg} />
      <Table title="按领域" rows={d.byDomain} />
      <AnomalyQueue />
    </View>
  );
}

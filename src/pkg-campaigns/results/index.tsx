/**
 * One campaign's results (?campaignId=…), read-only: its name, dates, organiser and pool, its totals (final once
 * it has ended) and its most donated-to projects. Nothing here donates: an ended campaign takes no money.
 */
import { useEffect } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useCampaigns } from '@/stores/campaigns';
import { formatYuan } from '@/utils/money';
import { campaignLine, STATE_LABELS, totalsTitle } from '@/utils/campaigns';
import StateView from '@/components/StateView';
import '../campaigns.scss';

export default function CampaignResults() {
  const campaignId = decodeURIComponent(useRouter().params.campaignId ?? '');
  const { list, results, error, open, loadList } = useCampaigns();
  useEffect(() => {
    if (!campaignId) return;
    void open(campaignId);
    if (!useCampaigns.getState().list) void loadList(); // flowers and the state come with the list
  }, [campaignId, open, loadList]);

  if (!campaignId) return <StateView kind="error" text="缺少专场" />;
  if (error && results?.id !== campaignId)
    return <StateView kind="error" text={error} onRetry={() => void open(campaignId)} />;
  if (!results || results.id !== campaignId) return <StateView kind="loading" />;
  const { detail, projects, projectCount } = results;
  const c = detail.campaign;
  const summary = list?.find((s) => s.id === campaignId);
  const state = summary?.state ?? (detail.phase === 'after' ? 'ended' : detail.phase === 'open' ? 'live' : 'upcoming');
  const s = detail.stats;

  return (
    <View className="campaigns campaign-results">
      <View className="campaigns__card">
        <View className="campaigns__head">
          <Text className="campaigns__name results-name" style={{ color: c.theme.primary }}>
            {c.name}
          </Text>
          <Text className={`campaigns__badge badge-${state}`}>{STATE_LABELS[state]}</Text>
        </View>
        <View className="campaigns__muted results-line">
          {c.startDate.slice(0, 4)}年 {campaignLine({ ...c, poolFen: c.match.poolFen })}
        </View>
        <View className="campaigns__muted">主办：{c.organiser}</View>
        {c.supporters.length > 0 && <View className="campaigns__muted">支持：{c.supporters.join('、')}</View>}
      </View>
      <View className="campaigns__card">
        <View className="campaigns__h">{totalsTitle(state)}</View>
        <View className="campaigns__grid">
          <View>
            <View className="campaigns__value results-raised">{formatYuan(s.raisedFen)}</View>
            <View className="campaigns__label">筹款总额</View>
          </View>
          <View>
            <View className="campaigns__value results-matched">{formatYuan(s.matchedFen)}</View>
            <View className="campaigns__label">配捐</View>
          </View>
          <View>
            <View className="campaigns__value results-donors">{s.donorCount}</View>
            <View className="campaigns__label">爱心人数</View>
          </View>
          <View>
            <View className="campaigns__value results-donations">{s.donationCount}</View>
            <View className="campaigns__label">捐款笔数</View>
          </View>
          <View>
            <View className="campaigns__value results-flowers">{summary?.totals.flowers ?? '—'}</View>
            <View className="campaigns__label">小红花</View>
          </View>
          <View>
            <View className="campaigns__value results-projects">{projectCount}</View>
            <View className="campaigns__label">项目数</View>
          </View>
        </View>
      </View>
      <View className="campaigns__card">
        <View className="campaigns__h">筹款最多的项目</View>
        {projects.map((p) => (
          <View key={p.id} className="campaigns__project result-project">
            <View className="campaigns__project-title">{p.title}</View>
            <View className="campaigns__muted">
              {p.org} · 已筹 {formatYuan(p.raisedFen)} · {p.donationCount} 笔
            </View>
          </View>
        ))}
        {projects.length === 0 && <View className="campaigns__muted">暂无项目</View>}
      </View>
      {state === 'ended' && <View className="campaigns__muted campaigns__foot">本专场已结束，以上为最终成果。</View>}
    </View>
  );
}

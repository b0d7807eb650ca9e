/** Session home: banner, rules, today's match status, live stats and the windowed project list. */
import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidHide, useDidShow, useShareAppMessage } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { ProjectCard as Card } from '@domain/api';
import { useCampaign } from '@/stores/campaign';
import { useProjects, type ProjectFilters as Filters } from '@/stores/projects';
import SessionBanner from '@/components/SessionBanner';
import RulesPanel from '@/components/RulesPanel';
import MatchStatus from '@/components/MatchStatus';
import StatsBar from '@/components/StatsBar';
import ProjectFilters from '@/components/ProjectFilters';
import ProjectCard, { CARD_HEIGHT_RPX } from '@/components/ProjectCard';
import WindowedList from '@/components/WindowedList';
import StateView from '@/components/StateView';
import IdentitySwitcher from '@/components/IdentitySwitcher';
import './index.scss';

const STATS_REFRESH_MS = 10_000;
const renderCard = (p: Card) => <ProjectCard project={p} />;
const cardKey = (p: Card) => p.id;

export default function Index() {
  const { campaign, stats, error: campaignError, refresh } = useCampaign();
  const { items, total, filters, loading, error, hasMore, setFilters, reload, loadMore } = useProjects();
  const [rulesOpen, setRulesOpen] = useState(false);
  const [visible, setVisible] = useState(true);

  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  // Stats refresh only while home is on screen.
  useEffect(() => {
    if (!visible) return;
    void refresh();
    const t = setInterval(() => void refresh(), STATS_REFRESH_MS);
    return () => clearInterval(t);
  }, [visible, refresh]);

  useEffect(() => {
    if (useProjects.getState().items.length === 0) void reload();
  }, [reload]);

  useShareAppMessage(() => ({ title: '乡村振兴·重庆专场，一起为重庆乡村加油', path: '/pages/index/index' }));

  const onFilters = useCallback((patch: Partial<Filters>) => setFilters(patch), [setFilters]);
  const onIdentity = useCallback(() => {
    void refresh();
    void reload();
  }, [refresh, reload]);

  return (
    <View className='home'>
      <SessionBanner campaign={campaign} />
      {/* Right under the banner: its negative top margin tucks it into the banner's bottom edge. */}
      {campaign ? <MatchStatus campaign={campaign} stats={stats} /> : campaignError && <StateView kind='error' text={campaignError} onRetry={refresh} />}
      <View className='home-entries'>
        <View className='home-entry entry-steps' onClick={() => Taro.navigateTo({ url: '/pkg-steps/steps/index' })}>
          <View className='home-entry__title'>👣 一块走</View>
          <View className='home-entry__sub'>走满6000步，企业替你捐</View>
        </View>
        <View className='home-entry entry-quiz' onClick={() => Taro.navigateTo({ url: '/pkg-quiz/quiz/index' })}>
          <View className='home-entry__title'>📝 公益答题</View>
          <View className='home-entry__sub'>答对得小红花</View>
        </View>
      </View>
      {stats && <StatsBar stats={stats} />}
      <RulesPanel open={rulesOpen} onToggle={() => setRulesOpen((o) => !o)} />
      <ProjectFilters filters={filters} total={total} onChange={onFilters} />
      <WindowedList items={items} itemKey={cardKey} renderItem={renderCard} itemHeight={CARD_HEIGHT_RPX} layoutKey={`${rulesOpen}-${!!stats}-${!!campaign}`} onEndReached={loadMore} />
      {loading && <StateView kind='loading' />}
      {!loading && error && <StateView kind='error' text={error} onRetry={loadMore} />}
      {!loading && !error && items.length === 0 && <StateView kind='empty' text='没有找到相关项目' />}
      {!loading && !error && items.length > 0 && !hasMore && <View className='home__end'>— 已经到底了 —</View>}
      <IdentitySwitcher onChange={onIdentity} />
    </View>
  );
}

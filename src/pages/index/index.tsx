/** Session home: banner, rules, today's match status, live stats and the windowed project list. */
import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidHide, useDidShow, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { ProjectCard as Card } from '@domain/api';
import { useCampaign } from '@/stores/campaign';
import { useProjects, type ProjectFilters as Filters } from '@/stores/projects';
import { usePhotos } from '@/stores/photos';
import { ALL_COUPONS, couponProjectIds, useCoupons } from '@/stores/coupons';
import SessionBanner from '@/components/SessionBanner';
import RulesPanel from '@/components/RulesPanel';
import MatchStatus from '@/components/MatchStatus';
import StatsBar from '@/components/StatsBar';
import ProjectFilters from '@/components/ProjectFilters';
import ProjectCard, { CARD_HEIGHT_RPX } from '@/components/ProjectCard';
import WindowedList from '@/components/WindowedList';
import StateView from '@/components/StateView';
import IdentitySwitcher from '@/components/IdentitySwitcher';
import { shareTitle } from '@/utils/rules';
import { domainStyle } from '@/utils/domains';
import { SHARE_COVER } from '@/utils/share';
import { applyCampaignChrome } from '@/utils/theme';
import { dismissShell } from '@/utils/shell';
import './index.scss';

const STATS_REFRESH_MS = 10_000;
const cardKey = (p: Card) => p.id;

export default function Index() {
  const { campaign, stats, error: campaignError, refresh } = useCampaign();
  const { items, total, filters, loading, error, hasMore, setFilters, reload, loadMore } = useProjects();
  const [rulesOpen, setRulesOpen] = useState(false);
  const [visible, setVisible] = useState(true);

  useDidShow(() => {
    setVisible(true);
    const c = useCampaign.getState().campaign;
    if (c) applyCampaignChrome(c);
  });
  // The title and bar colour come from the campaign (the app config's are neutral).
  useEffect(() => {
    if (campaign) applyCampaignChrome(campaign);
  }, [campaign]);
  useDidHide(() => setVisible(false));

  // Stats refresh only while home is on screen.
  useEffect(() => {
    if (!visible) return;
    void refresh();
    const t = setInterval(() => void refresh(), STATS_REFRESH_MS);
    return () => clearInterval(t);
  }, [visible, refresh]);

  useEffect(() => useProjects.getState().ensureFirstPage(), []);
  // The first cards (or why there are none) are on screen: the H5 pre-boot picture can go.
  const settled = items.length > 0 || (!loading && (error !== null || !hasMore));
  useEffect(() => {
    if (settled) dismissShell();
  }, [settled]);

  // Card photos: one batch of temporary URLs per loaded page. Coupon badges: one coupon list, fetched once the
  // first cards are up (it never delays them).
  const photoUrls = usePhotos((s) => s.urls);
  useEffect(() => usePhotos.getState().want(items.map((p) => p.photo)), [items]);
  const couponIds = useCoupons((s) => couponProjectIds(s.byProject[ALL_COUPONS]));
  const hasItems = items.length > 0;
  useEffect(() => {
    if (hasItems && !useCoupons.getState().byProject[ALL_COUPONS]) void useCoupons.getState().load();
  }, [hasItems]);

  useShareAppMessage(() => ({
    title: shareTitle(useCampaign.getState().campaign),
    path: '/pages/index/index',
    imageUrl: SHARE_COVER,
  }));
  useShareTimeline(() => ({ title: shareTitle(useCampaign.getState().campaign), imageUrl: SHARE_COVER }));

  const renderCard = useCallback(
    (p: Card) => (
      <ProjectCard
        project={p}
        domain={domainStyle(campaign, p.domain)}
        photoUrl={p.photo ? photoUrls[p.photo] : undefined}
        coupon={couponIds.has(p.id)}
      />
    ),
    [campaign, photoUrls, couponIds],
  );
  const onFilters = useCallback((patch: Partial<Filters>) => setFilters(patch), [setFilters]);
  const onIdentity = useCallback(() => {
    void refresh();
    void reload();
    void useCoupons.getState().load(); // coupons are per user: the badges follow who is looking
  }, [refresh, reload]);

  return (
    <View className="home">
      <SessionBanner campaign={campaign} />
      {/* Right under the banner: its negative top margin tucks it into the banner's bottom edge. */}
      {campaign ? (
        <MatchStatus campaign={campaign} stats={stats} />
      ) : (
        campaignError && <StateView kind="error" text={campaignError} onRetry={refresh} />
      )}
      <View className="home-entries">
        <View className="home-entry entry-steps" onClick={() => Taro.navigateTo({ url: '/pkg-steps/steps/index' })}>
          <View className="home-entry__title">👣 一块走</View>
          <View className="home-entry__sub">
            {campaign ? `走满${campaign.steps.threshold}步，企业替你捐` : '走路也能做公益'}
          </View>
        </View>
        <View className="home-entry entry-quiz" onClick={() => Taro.navigateTo({ url: '/pkg-quiz/quiz/index' })}>
          <View className="home-entry__title">📝 公益答题</View>
          <View className="home-entry__sub">答对得小红花</View>
        </View>
      </View>
      {stats && <StatsBar stats={stats} />}
      <RulesPanel campaign={campaign} open={rulesOpen} onToggle={() => setRulesOpen((o) => !o)} />
      <ProjectFilters domains={campaign?.domains ?? []} filters={filters} total={total} onChange={onFilters} />
      <WindowedList
        items={items}
        itemKey={cardKey}
        renderItem={renderCard}
        itemHeight={CARD_HEIGHT_RPX}
        layoutKey={`${rulesOpen}-${!!stats}-${!!campaign}`}
        onEndReached={loadMore}
      />
      {loading && <StateView kind="loading" />}
      {!loading && error && <StateView kind="error" text={error} onRetry={loadMore} />}
      {!loading && !error && items.length === 0 && <StateView kind="empty" text="没有找到相关项目" />}
      {!loading && !error && items.length > 0 && !hasMore && <View className="home__end">— 已经到底了 —</View>}
      <IdentitySwitcher onChange={onIdentity} />
    </View>
  );
}

/** 我的: totals and my donations (paid ones open their certificate; unpaid ones can be paid or removed). */
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useMe } from '@/stores/me';
import { ensureCampaign, useCampaign } from '@/stores/campaign';
import { useFlowers } from '@/stores/flowers';
import { ALL_COUPONS, useCoupons } from '@/stores/coupons';
import { resetAssistShares } from '@/stores/assist';
import { formatYuan } from '@/utils/money';
import StateView from '@/components/StateView';
import IdentitySwitcher from '@/components/IdentitySwitcher';
import FlowersCard from './FlowersCard';
import CouponsCard from './CouponsCard';
import DonationRow from './DonationRow';
import ProfileCard from './ProfileCard';
import './index.scss';

export default function Me() {
  const { data, loading, error, refresh: refreshMe } = useMe();
  const campaign = useCampaign((s) => s.campaign);
  const { data: flowers, refresh: refreshFlowers } = useFlowers();
  const coupons = useCoupons((s) => s.byProject[ALL_COUPONS]);
  const loadCoupons = useCoupons((s) => s.load);
  const refresh = () => Promise.all([refreshMe(), refreshFlowers(), loadCoupons()]).then(() => undefined);
  useDidShow(() => {
    void refresh();
    ensureCampaign();
  });
  usePullDownRefresh(() => void refresh().finally(() => Taro.stopPullDownRefresh()));
  const scrollTo = (selector: string) => void Taro.pageScrollTo({ selector, duration: 200 }).catch(() => undefined);

  const totals = data?.totals;
  return (
    <View className="me">
      <ProfileCard />
      <View className="me__totals">
        <View className="me__total">
          <View className="me__value total-donated">{formatYuan(totals?.donatedFen ?? 0)}</View>
          <View className="me__label">累计捐款</View>
        </View>
        <View className="me__total">
          <View className="me__value total-matched">{formatYuan(totals?.matchedFen ?? 0)}</View>
          <View className="me__label">获得配捐</View>
        </View>
        <View className="me__total">
          <View className="me__value total-projects">{totals?.projects ?? 0}</View>
          <View className="me__label">项目数</View>
        </View>
      </View>
      <View className="me-entries">
        <View
          className="me-entry entry-assist-progress"
          onClick={() => Taro.navigateTo({ url: '/pkg-assist/progress/index' })}
        >
          <View className="me-entry__icon">🤝</View>
          <View>我的助力</View>
        </View>
        <View className="me-entry entry-flowers" onClick={() => scrollTo('#me-flowers')}>
          <View className="me-entry__icon">🌸</View>
          <View>小红花 {flowers?.balance ?? 0}</View>
        </View>
        <View className="me-entry entry-books" onClick={() => Taro.navigateTo({ url: '/pkg-books/roots/index' })}>
          <View className="me-entry__icon">📒</View>
          <View>善款账本</View>
        </View>
        <View
          className="me-entry entry-campaigns"
          onClick={() => Taro.navigateTo({ url: '/pkg-campaigns/list/index' })}
        >
          <View className="me-entry__icon">🗂️</View>
          <View>往期专场</View>
        </View>
        <View className="me-entry entry-coupons" onClick={() => Taro.navigateTo({ url: '/pkg-me/coupons/index' })}>
          <View className="me-entry__icon">🎫</View>
          <View>爱心券</View>
        </View>
        <View className="me-entry entry-footprint" onClick={() => Taro.navigateTo({ url: '/pkg-me/footprint/index' })}>
          <View className="me-entry__icon">👣</View>
          <View>公益足迹</View>
        </View>
        <View className="me-entry entry-boards" onClick={() => Taro.navigateTo({ url: '/pkg-boards/board/index' })}>
          <View className="me-entry__icon">🏆</View>
          <View>排行榜</View>
        </View>
      </View>
      <FlowersCard data={flowers} />
      <CouponsCard items={coupons ?? []} loaded={!!coupons} />
      <View className="me__h">我的捐款</View>
      {data?.items.map((d) => (
        <DonationRow key={d.orderId} d={d} campaign={campaign} />
      ))}
      {!data && loading && <StateView kind="loading" />}
      {error && <StateView kind="error" text={error} onRetry={refresh} />}
      {data && data.items.length === 0 && <StateView kind="empty" text="还没有捐款记录，去专场看看吧" />}
      <IdentitySwitcher
        onChange={() => {
          resetAssistShares();
          void refresh();
        }}
      />
    </View>
  );
}

/** 我的: totals and my donations; paid ones open their certificate. */
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { CampaignView, MyDonation } from '@domain/api';
import { useMe } from '@/stores/me';
import { ensureCampaign, useCampaign } from '@/stores/campaign';
import { useFlowers } from '@/stores/flowers';
import { ALL_COUPONS, useCoupons } from '@/stores/coupons';
import { resetAssistShares } from '@/stores/assist';
import { formatYuan } from '@/utils/money';
import { formatBeijing } from '@/utils/time';
import { matchText, STATUS_TEXT } from '@/utils/match';
import StateView from '@/components/StateView';
import IdentitySwitcher from '@/components/IdentitySwitcher';
import FlowersCard from './FlowersCard';
import CouponsCard from './CouponsCard';
import './index.scss';

function DonationRow({ d, campaign }: { d: MyDonation; campaign: CampaignView | null }) {
  const paid = d.status === 'paid';
  const open = () =>
    paid && Taro.navigateTo({ url: `/pkg-me/certificate/index?orderId=${encodeURIComponent(d.orderId)}` });
  return (
    <View className={`me-donation me-donation--${d.status}`} data-order-id={d.orderId} onClick={open}>
      <View className="me-donation__line">
        <Text className="me-donation__title">{d.projectTitle}</Text>
        <Text className="me-donation__amount">{formatYuan(d.amountFen)}</Text>
      </View>
      <View className="me-donation__line me-donation__sub">
        <Text>{formatBeijing(d.paidAt ?? d.createdAt)}</Text>
        <Text>{STATUS_TEXT[d.status]}</Text>
      </View>
      {paid && (
        <View className="me-donation__line me-donation__sub">
          <Text className="me-donation__match">{matchText(d.match, campaign)}</Text>
          <Text className="me-donation__cert">证书 · 账目验证 ›</Text>
        </View>
      )}
    </View>
  );
}

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
        <View className="me-entry entry-coupons" onClick={() => scrollTo('#me-coupons')}>
          <View className="me-entry__icon">🎫</View>
          <View>爱心券</View>
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

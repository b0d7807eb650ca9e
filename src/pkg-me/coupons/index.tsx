/**
 * 爱心券中心 (from 我的): the batches I can claim and the coupons I hold, each with the projects it can be used on
 * (tap one to open it and donate with the coupon). One `coupons.list` call: the same cached list the home's badges use.
 */
import { useState } from 'react';
import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { CouponBatch } from '@domain/api';
import { ALL_COUPONS, COUPON_STATUS_TEXT, useCoupons } from '@/stores/coupons';
import { errorMessage } from '@/services/errors';
import { formatYuan } from '@/utils/money';
import { formatBeijing } from '@/utils/time';
import StateView from '@/components/StateView';
import { SHARE_COVER } from '@/utils/share';
import './index.scss';

/** Projects listed under a coupon before 展开全部. */
const FIRST_PROJECTS = 3;

function CouponItem({ b }: { b: CouponBatch }) {
  const { claim, claiming } = useCoupons();
  const [error, setError] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const onClaim = async () => {
    setError(null);
    try {
      await claim(b.batchId);
      Taro.showToast({ title: '领取成功，捐款时可用', icon: 'none' });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const shown = all ? b.projects : b.projects.slice(0, FIRST_PROJECTS);
  return (
    <View className={`coupon-item ${b.mine ? `coupon-item--${b.mine.status}` : ''}`} data-batch-id={b.batchId}>
      <View className="coupon-item__head">
        <Text className="coupon-item__value">{formatYuan(b.valueFen)}</Text>
        <View className="coupon-item__body">
          <View className="coupon-item__title">{b.title}</View>
          <View className="coupon-item__muted">
            {b.issuer} 出资 · {formatBeijing(b.validFrom, 'MM-DD')} 至 {formatBeijing(b.validTo, 'MM-DD HH:mm')}
          </View>
        </View>
        {b.mine ? (
          <Text className="coupon-item__status">{COUPON_STATUS_TEXT[b.mine.status]}</Text>
        ) : (
          <Button
            size="mini"
            className="coupon-center-claim"
            disabled={!b.valid || b.left <= 0 || claiming !== null || undefined}
            onClick={() => void onClaim()}
          >
            {!b.valid ? '未生效' : b.left <= 0 ? '已领完' : '领取'}
          </Button>
        )}
      </View>
      {error && <View className="coupon-item__error">{error}</View>}
      <View className="coupon-item__muted">可用于{b.projects.length}个项目：</View>
      {shown.map((p) => (
        <View
          key={p.id}
          className="coupon-project"
          data-project-id={p.id}
          onClick={() => Taro.navigateTo({ url: `/pkg-project/detail/index?id=${encodeURIComponent(p.id)}` })}
        >
          {p.title} ›
        </View>
      ))}
      {!all && b.projects.length > FIRST_PROJECTS && (
        <View className="coupon-item__more" onClick={() => setAll(true)}>
          展开全部{b.projects.length}个项目
        </View>
      )}
    </View>
  );
}

export default function CouponCentre() {
  const list = useCoupons((s) => s.byProject[ALL_COUPONS]);
  const { load, loading, error } = useCoupons();
  useDidShow(() => void load());
  useShareAppMessage(() => ({
    title: '领爱心券，企业为你的捐款加捐',
    path: '/pkg-me/coupons/index',
    imageUrl: SHARE_COVER,
  }));

  if (!list) return error ? <StateView kind="error" text={error} onRetry={load} /> : <StateView kind="loading" />;
  const mine = list.filter((b) => b.mine);
  const claimable = list.filter((b) => !b.mine && b.valid && b.left > 0);
  const closed = list.filter((b) => !b.mine && !(b.valid && b.left > 0));
  return (
    <View className="coupon-centre">
      <View className="coupon-centre__intro">爱心券由企业出资：捐款时使用，企业在你的捐款之外为项目加捐券面金额</View>
      <View className="coupon-centre__h">可领取（{claimable.length}）</View>
      <View className="coupon-claimable">
        {claimable.map((b) => (
          <CouponItem key={b.batchId} b={b} />
        ))}
        {claimable.length === 0 && <View className="coupon-item__muted">暂时没有可领取的爱心券</View>}
      </View>
      <View className="coupon-centre__h">我的爱心券（{mine.length}）</View>
      <View className="coupon-mine">
        {mine.map((b) => (
          <CouponItem key={b.batchId} b={b} />
        ))}
        {mine.length === 0 && <View className="coupon-item__muted">还没有领取爱心券</View>}
      </View>
      {closed.length > 0 && (
        <>
          <View className="coupon-centre__h">已领完或不在领取期（{closed.length}）</View>
          {closed.map((b) => (
            <CouponItem key={b.batchId} b={b} />
          ))}
        </>
      )}
      {loading && <StateView kind="loading" />}
    </View>
  );
}

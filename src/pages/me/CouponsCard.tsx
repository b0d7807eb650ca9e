/** 我的爱心券: coupons I claimed, with status; the coupon centre (pkg-me/coupons) lists what can be claimed. */
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { CouponBatch } from '@domain/api';
import { COUPON_STATUS_TEXT } from '@/stores/coupons';
import { formatYuan } from '@/utils/money';
import { formatBeijing } from '@/utils/time';

export default function CouponsCard({ items, loaded }: { items: CouponBatch[]; loaded: boolean }) {
  const mine = items.filter((b) => b.mine);
  const open = items.filter((b) => !b.mine && b.valid && b.left > 0).length;
  return (
    <View className="me-card me-coupons" id="me-coupons">
      <View className="me-card__h">
        我的爱心券
        <Text className="me-coupons__centre" onClick={() => Taro.navigateTo({ url: '/pkg-me/coupons/index' })}>
          领券中心 ›
        </Text>
      </View>
      <View className="me-muted">爱心券由企业出资：捐款时使用，企业在你的捐款之外为项目加捐</View>
      {mine.map((b) => (
        <View key={b.batchId} className={`me-coupon me-coupon--${b.mine!.status}`} data-coupon-id={b.mine!.couponId}>
          <Text className="me-coupon__value">{formatYuan(b.valueFen)}</Text>
          <View className="me-coupon__body">
            <View>{b.title}</View>
            <View className="me-muted">
              {b.issuer} · 有效期至 {formatBeijing(b.validTo, 'MM-DD HH:mm')}
            </View>
          </View>
          <Text className="me-coupon__status">{COUPON_STATUS_TEXT[b.mine!.status]}</Text>
        </View>
      ))}
      {loaded && mine.length === 0 && (
        <View className="me-muted me-coupons__empty">
          还没有领取爱心券{open > 0 ? `，目前有${open}种可领，去领券中心看看` : ''}
        </View>
      )}
    </View>
  );
}

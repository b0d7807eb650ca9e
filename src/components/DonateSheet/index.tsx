/**
 * Bottom sheet: amount (presets or custom yuan), optional message, anonymous switch, love coupons → create, pay,
 * go to result. Shared by the project page and the assist page (which passes the friend's `shareId`).
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import type { CampaignView } from '@domain/api';
import { useDonation } from '@/stores/donation';
import { useCoupons } from '@/stores/coupons';
import { errorMessage } from '@/services/errors';
import type { CouponBatch } from '@domain/api';
import { checkAmount, formatYuan } from '@/utils/money';
import { donateHint } from '@/utils/rules';
import { primaryBg } from '@/utils/theme';
import './index.scss';

/** Preset amounts; those under the campaign's minimum are not offered. */
const PRESETS_FEN = [100, 1000, 5000, 10000];
const MESSAGE_MAX = 100;
const NO_COUPONS: CouponBatch[] = [];

interface Props {
  projectId: string;
  projectTitle: string;
  campaign: CampaignView | null;
  /** Set when donating from a friend's assist page: the donation then counts as help for the inviter. */
  shareId?: string;
  /** Set when donating through a 一起捐 team: the donation counts toward the team's total. */
  teamId?: string;
  teamName?: string;
  onClose: () => void;
}

function CouponRow({
  b,
  selected,
  onSelect,
}: {
  b: CouponBatch;
  selected: boolean;
  onSelect: (couponId: string | null) => void;
}) {
  const { claim, claiming } = useCoupons();
  const [error, setError] = useState<string | null>(null);
  const usable = b.mine?.status === 'claimed' && b.valid;
  const onClaim = async () => {
    setError(null);
    try {
      await claim(b.batchId);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <View
      className={`coupon-row ${usable ? 'coupon-option' : ''} ${selected ? 'coupon-option--selected' : ''}`}
      data-batch-id={b.batchId}
      onClick={() => usable && b.mine && onSelect(selected ? null : b.mine.couponId)}
    >
      <View className="coupon-row__value">{formatYuan(b.valueFen)}</View>
      <View className="coupon-row__body">
        <View className="coupon-row__title">{b.title}</View>
        <View className="coupon-row__issuer">
          {b.issuer} 出资 · 剩余{b.left}张
        </View>
        {error && <View className="coupon-row__error">{error}</View>}
      </View>
      {!b.mine && (
        <Button
          size="mini"
          className="coupon-claim"
          disabled={!b.valid || b.left <= 0 || claiming !== null || undefined}
          onClick={(e) => {
            e.stopPropagation();
            void onClaim();
          }}
        >
          {!b.valid ? '未生效' : b.left <= 0 ? '已领完' : '领取'}
        </Button>
      )}
      {usable && <View className="coupon-row__check">{selected ? '✓ 已选' : '使用'}</View>}
      {b.mine && !usable && (
        <View className="coupon-row__muted">{b.mine.status === 'claimed' ? '不在有效期' : '已使用'}</View>
      )}
    </View>
  );
}

export default function DonateSheet({ projectId, projectTitle, campaign, shareId, teamId, teamName, onClose }: Props) {
  const presets = PRESETS_FEN.filter(
    (fen) => !campaign || (fen >= campaign.minDonationFen && fen <= campaign.maxDonationFen),
  );
  const [presetFen, setPresetFen] = useState<number | null>(presets.includes(1000) ? 1000 : (presets[0] ?? null));
  const [custom, setCustom] = useState('');
  const [message, setMessage] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [couponId, setCouponId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { donate, submitting, abandon } = useDonation();
  // Leaving the page (or closing the sheet) while paying closes the pay sheet and cancels its order.
  useEffect(() => abandon, [abandon]);
  const coupons = useCoupons((s) => s.byProject[projectId] ?? NO_COUPONS);
  const loadCoupons = useCoupons((s) => s.load);

  useEffect(() => {
    void loadCoupons(projectId);
  }, [loadCoupons, projectId]);

  // Bounds come from the campaign; before it loads only the server checks them (it always does).
  const minFen = campaign?.minDonationFen ?? 1;
  const maxFen = campaign?.maxDonationFen ?? Number.MAX_SAFE_INTEGER;
  const selected = coupons.find((b) => b.mine?.couponId === couponId) ?? null;

  const submit = async () => {
    const check = presetFen !== null ? { ok: true as const, fen: presetFen } : checkAmount(custom, minFen, maxFen);
    if (!check.ok) return setError(check.message);
    setError(null);
    try {
      const orderId = await donate({
        projectId,
        amountFen: check.fen,
        message: message.trim() || undefined,
        anonymous,
        shareId,
        teamId,
        couponId: selected ? (couponId ?? undefined) : undefined,
      });
      onClose();
      if (selected) void loadCoupons(projectId);
      Taro.navigateTo({ url: `/pkg-donate/result/index?orderId=${encodeURIComponent(orderId)}` });
    } catch (err) {
      // A created-but-unpaid order simply expires on the server (and releases its coupon); nothing to undo here.
      setError(errorMessage(err));
      if (selected) void loadCoupons(projectId);
    }
  };

  return (
    <View className="donate-sheet-mask" onClick={onClose}>
      <View className="donate-sheet" onClick={(e) => e.stopPropagation()}>
        <View className="donate-sheet__title">捐给：{projectTitle}</View>
        {shareId && <View className="donate-sheet__assist">本次捐款将为邀请你的好友助力</View>}
        {teamId && <View className="donate-sheet__assist">本次捐款将计入一起捐「{teamName ?? '团队'}」</View>}
        <View className="donate-sheet__presets">
          {presets.map((fen) => (
            <View
              key={fen}
              className={`amount-preset ${presetFen === fen ? 'amount-preset--active' : ''}`}
              data-fen={fen}
              onClick={() => {
                setPresetFen(fen);
                setCustom('');
                setError(null);
              }}
            >
              {fen / 100}元
            </View>
          ))}
        </View>
        <View className="donate-sheet__row">
          <Text>其他金额</Text>
          <Input
            className="amount-input"
            type="digit"
            value={custom}
            placeholder={campaign ? `${formatYuan(minFen)}起` : '输入金额'}
            onInput={(e) => {
              setCustom(e.detail.value);
              setPresetFen(null);
              setError(null);
            }}
          />
          <Text>元</Text>
        </View>
        {coupons.length > 0 && (
          <View className="donate-coupons">
            <View className="donate-coupons__h">爱心券 · 企业在你的捐款之外加捐</View>
            {coupons.map((b) => (
              <CouponRow
                key={b.batchId}
                b={b}
                selected={!!b.mine && b.mine.couponId === couponId}
                onSelect={setCouponId}
              />
            ))}
            {selected && <View className="coupon-bonus">企业为你加捐 {formatYuan(selected.valueFen)}</View>}
          </View>
        )}
        <Textarea
          className="message-input"
          value={message}
          maxlength={MESSAGE_MAX}
          placeholder="留言（选填，100字以内）"
          onInput={(e) => setMessage(e.detail.value.slice(0, MESSAGE_MAX))}
        />
        <View className="donate-sheet__row">
          <Text>匿名捐款</Text>
          <Switch
            className="anonymous-switch"
            checked={anonymous}
            color={campaign?.theme.primary ?? '#e8443a'}
            onChange={(e) => setAnonymous(e.detail.value)}
          />
        </View>
        {error && <View className="donate-error">{error}</View>}
        <Button
          className="donate-submit"
          style={primaryBg(campaign)}
          disabled={submitting || undefined}
          loading={submitting || undefined}
          onClick={submit}
        >
          确认捐款
        </Button>
        {campaign && <View className="donate-sheet__hint">{donateHint(campaign)}</View>}
      </View>
    </View>
  );
}

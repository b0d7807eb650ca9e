/** Payment + match result: polls the order until it is paid and the match is decided. */
import { useEffect } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { isSettled, useDonation } from '@/stores/donation';
import { ensureCampaign, useCampaign } from '@/stores/campaign';
import { useProjects } from '@/stores/projects';
import InviteButton, { assistShareMessage } from '@/components/InviteButton';
import { formatYuan } from '@/utils/money';
import { matchText } from '@/utils/match';
import { assistWays, shareTitle } from '@/utils/rules';
import { primaryBg } from '@/utils/theme';
import './index.scss';

export default function Result() {
  const orderId = decodeURIComponent(useRouter().params.orderId ?? '');
  const { status, polling, error, startPolling, stopPolling } = useDonation();
  const campaign = useCampaign((s) => s.campaign);
  useEffect(ensureCampaign, []);

  useEffect(() => {
    if (orderId) startPolling(orderId);
    return stopPolling;
  }, [orderId, startPolling, stopPolling]);

  const current = status?.orderId === orderId ? status : null;
  const projectId = current?.projectId ?? '';
  const projectTitle = useProjects((s) => (projectId ? s.details[projectId]?.title : undefined)) ?? '';
  useShareAppMessage(
    (payload) =>
      (projectId
        ? assistShareMessage(payload, projectId, projectTitle || (useCampaign.getState().campaign?.name ?? ''))
        : null) ?? {
        title: shareTitle(useCampaign.getState().campaign),
        path: '/pages/index/index',
      },
  );
  const statusLine = !current
    ? '正在确认支付结果…'
    : current.status === 'paid'
      ? `支付成功 ${formatYuan(current.amountFen)}`
      : current.status === 'closed'
        ? '订单已关闭'
        : current.status === 'refunded'
          ? '该笔捐款已退款'
          : '等待支付结果…';
  const matchDecided = current?.status === 'paid' && current.match !== null && current.match.reason !== 'pending';
  const matched = matchDecided && (current?.match?.amountFen ?? 0) > 0;

  return (
    <View className="result">
      <View className={`result-status result-status--${current?.status ?? 'unknown'}`}>{statusLine}</View>
      {current?.status === 'paid' && (
        <View
          className={
            `match-result ${matched ? 'match-result--matched' : ''} ` +
            `${matchDecided ? 'match-result--decided' : 'match-result--pending'}`
          }
        >
          {matchText(current.match, campaign)}
        </View>
      )}
      {current?.status === 'paid' && current.flowersEarned > 0 && (
        <View className="result__flowers">获得小红花 🌸×{current.flowersEarned}</View>
      )}
      {!polling && current && !isSettled(current) && (
        <Button size="mini" className="result__retry" onClick={() => startPolling(orderId)}>
          刷新结果
        </Button>
      )}
      {current?.status === 'paid' && campaign && campaign.assist.actions.length > 0 && (
        <View className="result__invite">
          <View className="result__invite-hint">
            邀请好友助力：好友{assistWays(campaign)}，你这笔捐款有机会获得额外配捐
          </View>
          <InviteButton projectId={current.projectId} />
        </View>
      )}
      {error && <View className="result__error">{error}</View>}
      <View className="result__actions">
        <Button
          className="result__mine"
          style={primaryBg(campaign)}
          onClick={() => Taro.switchTab({ url: '/pages/me/index' })}
        >
          查看我的捐款
        </Button>
        {current?.status === 'paid' && (
          <Button
            className="result__poster"
            onClick={() =>
              void Taro.navigateTo({ url: `/pkg-share/poster/index?orderId=${encodeURIComponent(orderId)}` })
            }
          >
            分享海报
          </Button>
        )}
        <Button className="result__home" onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>
          返回专场
        </Button>
      </View>
    </View>
  );
}

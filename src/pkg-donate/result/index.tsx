/**
 * Payment + match result: polls the order until it is paid and the match is decided, then reveals the match (a red
 * envelope, the amount counting up), names the project and shows what the donation set in motion: the match, the
 * coupon's extra, friends' extra matches, flowers earned and whether the inviting friend was helped; the certificate
 * and the poster are a tap away.
 */
import { useEffect } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { isSettled, useDonation } from '@/stores/donation';
import { ensureCampaign, useCampaign } from '@/stores/campaign';
import { useProjects } from '@/stores/projects';
import InviteButton, { assistShareMessage } from '@/components/InviteButton';
import MatchReveal from '../components/MatchReveal';
import { formatYuan } from '@/utils/money';
import { matchText } from '@/utils/match';
import { assistWays, shareTitle } from '@/utils/rules';
import { primaryBg } from '@/utils/theme';
import { SHARE_COVER } from '@/utils/share';
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
  const cachedTitle = useProjects((s) => (projectId ? s.details[projectId]?.title : undefined));
  const projectTitle = current?.projectTitle || cachedTitle || '';
  const projectPath = `/pkg-project/detail/index?id=${encodeURIComponent(projectId)}`;
  useShareAppMessage(
    (payload) =>
      (projectId
        ? assistShareMessage(payload, projectId, projectTitle || (useCampaign.getState().campaign?.name ?? ''))
        : null) ?? {
        title: projectTitle
          ? `我为「${projectTitle}」捐了一笔，一起来行善`
          : shareTitle(useCampaign.getState().campaign),
        path: projectId ? projectPath : '/pages/index/index',
        imageUrl: SHARE_COVER,
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

  const paid = current?.status === 'paid';
  const extraFen = current?.extraMatchedFen ?? 0;
  const assist = current?.assist;
  return (
    <View className="result">
      <View className={`result-status result-status--${current?.status ?? 'unknown'}`}>{statusLine}</View>
      {projectTitle && (
        <View className="result__project">
          {paid ? '感谢你为' : '项目：'}
          <Text className="result__project-title" onClick={() => void Taro.navigateTo({ url: projectPath })}>
            「{projectTitle}」
          </Text>
          {paid ? '捐款' : ''}
        </View>
      )}
      {matched && <MatchReveal amountFen={current!.match!.amountFen} sponsor="腾讯基金会" />}
      {paid && (
        <View
          className={
            `match-result ${matched ? 'match-result--matched' : ''} ` +
            `${matchDecided ? 'match-result--decided' : 'match-result--pending'}`
          }
        >
          {matchText(current.match, campaign)}
        </View>
      )}
      {paid && (
        <View className="result-breakdown">
          <View className="result-breakdown__row">
            <Text>你的捐款</Text>
            <Text>{formatYuan(current.amountFen)}</Text>
          </View>
          {matched && (
            <View className="result-breakdown__row result-breakdown__match">
              <Text>腾讯基金会配捐</Text>
              <Text>{formatYuan(current.match!.amountFen)}</Text>
            </View>
          )}
          {current.couponFen > 0 && (
            <View className="result-breakdown__row result-breakdown__coupon">
              <Text>爱心券企业加捐</Text>
              <Text>{formatYuan(current.couponFen)}</Text>
            </View>
          )}
          {extraFen > 0 && (
            <View className="result-breakdown__row result-breakdown__extra">
              <Text>好友助力额外配捐</Text>
              <Text>{formatYuan(extraFen)}</Text>
            </View>
          )}
          {current.flowersEarned > 0 && (
            <View className="result-breakdown__row result__flowers">
              <Text>获得小红花</Text>
              <Text>🌸×{current.flowersEarned}</Text>
            </View>
          )}
        </View>
      )}
      {paid && assist && !assist.pending && (
        <View className={`result__assist ${assist.helped ? 'result__assist--helped' : ''}`}>
          {assist.helped
            ? `已为好友 ${assist.inviterName} 助力，TA 的捐款有机会获得额外配捐`
            : `这笔捐款没有计入 ${assist.inviterName} 的助力（今日已助力过或助力次数已满）`}
        </View>
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
        {paid && current.certificateNo && (
          <Button
            className="result__certificate"
            onClick={() =>
              void Taro.navigateTo({ url: `/pkg-me/certificate/index?orderId=${encodeURIComponent(orderId)}` })
            }
          >
            查看捐赠证书
          </Button>
        )}
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

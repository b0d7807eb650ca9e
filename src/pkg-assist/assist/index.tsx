/**
 * What a friend opens from an invitation (?shareId=…): who invited them, the project, and the campaign's ways
 * to help (`assist.actions`: donate through this page, take the quiz, give a flower); then the outcome or why
 * help does not count.
 */
import { useState } from 'react';
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { useAssist } from '@/stores/assist';
import { useCampaign } from '@/stores/campaign';
import { useFlowers } from '@/stores/flowers';
import { usePhotoUrls } from '@/stores/photos';
import ProjectCard from '@/components/ProjectCard';
import StateView from '@/components/StateView';
import DonateSheet from '@/components/DonateSheet';
import InviteButton from '@/components/InviteButton';
import IdentitySwitcher from '@/components/IdentitySwitcher';
import { ASSIST_ACTION_TEXT, ASSISTED_TEXT, assistReasonHint, assistReasonText, extraDrawText } from '@/utils/assist';
import { domainStyle } from '@/utils/domains';
import { SHARE_COVER } from '@/utils/share';
import { assistWays, flowersHowTo, yuanFigure } from '@/utils/rules';
import { primaryBg } from '@/utils/theme';
import './index.scss';

export default function AssistPage() {
  const params = useRouter().params;
  const shareId = decodeURIComponent(params.shareId ?? '');
  const campaignQuery = params.campaignId ? `&campaignId=${params.campaignId}` : '';
  const {
    view: storedView,
    shareId: viewShareId,
    loading,
    error,
    open,
    sendFlower,
    flowerSending,
    flowerResult,
    flowerError,
  } = useAssist();
  const { data: flowers, refresh: refreshFlowers } = useFlowers();
  const { campaign, refresh: refreshCampaign } = useCampaign();
  const [sheetOpen, setSheetOpen] = useState(false);
  const [photoUrl] = usePhotoUrls(storedView?.project.photo ? [storedView.project.photo] : undefined);

  // Forwarding this page forwards the same invitation (the opaque shareId and the campaign it belongs to).
  useShareAppMessage(() => ({
    title: `来为「${useAssist.getState().view?.project.title ?? useCampaign.getState().campaign?.name ?? ''}」助力，赢得额外配捐`,
    path: `/pkg-assist/assist/index?shareId=${encodeURIComponent(shareId)}${campaignQuery}`,
    imageUrl: photoUrl ?? SHARE_COVER,
  }));

  const reload = () => {
    if (shareId) void open(shareId);
    void refreshFlowers();
  };
  // Another identity: the last one's flower outcome is not this user's.
  const onIdentity = () => {
    useAssist.setState({ flowerResult: null, flowerError: null });
    reload();
  };
  // Also on coming back from the quiz or the donation result: the help may have counted meanwhile.
  useDidShow(() => {
    reload();
    if (!useCampaign.getState().campaign) void refreshCampaign();
  });

  if (!shareId) return <StateView kind="error" text="邀请链接无效" />;
  // The ways to help are the campaign's: wait for it as for the invitation.
  if (!campaign) return <StateView kind="loading" />;
  const ways = new Set(campaign.assist.actions);
  const view = viewShareId === shareId ? storedView : null;
  if (!view) return error ? <StateView kind="error" text={error} onRetry={reload} /> : <StateView kind="loading" />;

  const assisted = view.myActions.assisted || !!flowerResult?.assisted;
  const action = flowerResult?.assisted ? 'flower' : view.myActions.action;
  const extra = extraDrawText(flowerResult?.extraDraw ?? view.myActions.extraDraw);
  // A refused flower help (e.g. the inviter has not donated yet) reports its own reason.
  const reason = flowerResult && !flowerResult.assisted ? (flowerResult.reason ?? view.reason) : view.reason;
  const canHelp = view.canAssist && !assisted;
  const quizUrl = `/pkg-quiz/quiz/index?shareId=${encodeURIComponent(shareId)}`;

  const giveFlower = () => void sendFlower().then(() => refreshFlowers());
  // A gift that did not count as help (already helped today, …) still reached the project.
  const flowerGiftOnly = !!flowerResult && !flowerResult.assisted;
  const noFlowers = flowers?.balance === 0;
  // "Not enough flowers" is stale once the balance is back above zero (a quiz or steps earned some).
  const shownFlowerError = flowerError?.code === 'FLOWERS_INSUFFICIENT' && !noFlowers ? null : flowerError;
  const howToEarn = (
    <View className="assist-flower-error__how">
      <View>
        {flowersHowTo(campaign)}。{ways.has('quiz') ? '也可以直接选择“答题助力”。' : ''}
      </View>
      <View className="assist-links">
        <View className="assist-link" onClick={() => Taro.navigateTo({ url: quizUrl })}>
          去答题 ›
        </View>
        <View className="assist-link" onClick={() => Taro.navigateTo({ url: '/pkg-steps/steps/index' })}>
          去一块走 ›
        </View>
      </View>
    </View>
  );
  const flowerWay = (
    <>
      <View className="assist-way">
        <View className="assist-way__text">
          <View className="assist-way__title">送小红花</View>
          <View className="assist-way__desc flower-balance">我的小红花：{flowers ? `${flowers.balance} 朵` : '…'}</View>
        </View>
        <Button
          className="assist-flower"
          size="mini"
          style={primaryBg(campaign)}
          disabled={flowerSending || noFlowers || undefined}
          loading={flowerSending || undefined}
          onClick={giveFlower}
        >
          送一朵
        </Button>
      </View>
      {flowerGiftOnly && <View className="assist-flower-sent">已送出一朵小红花 🌸，计入项目的小红花数</View>}
      {shownFlowerError ? (
        <View className="assist-flower-error">
          <View>{shownFlowerError.message}</View>
          {shownFlowerError.code === 'FLOWERS_INSUFFICIENT' && howToEarn}
        </View>
      ) : (
        noFlowers && <View className="assist-flower-empty">还没有小红花：{howToEarn}</View>
      )}
    </>
  );

  return (
    <View className="assist-page">
      <View className="assist-head" style={primaryBg(campaign)}>
        <View className="assist-inviter">
          {view.inviter.isMe ? '我的邀请' : `${view.inviter.nickname} 邀请你为 TA 的项目助力`}
        </View>
        <View className="assist-head__sub">好友{assistWays(campaign)}，都能让 TA 的捐款获得额外配捐机会</View>
      </View>
      <ProjectCard project={view.project} domain={domainStyle(campaign, view.project.domain)} photoUrl={photoUrl} />

      {assisted && (
        <View className="assist-outcome">
          <View className="assist-outcome__main">{ASSISTED_TEXT}</View>
          {action && <View className="assist-outcome__sub">助力方式：{ASSIST_ACTION_TEXT[action]}</View>}
          {extra && <View className="assist-outcome__extra">{extra}</View>}
        </View>
      )}

      {/* "Already helped today" needs no card of its own when the outcome above says so. */}
      {reason && !(assisted && reason === 'already_assisted') && (
        <View className={`assist-reason assist-reason--${reason}`}>
          <View className="assist-reason__main">{assistReasonText(reason)}</View>
          {assistReasonHint(reason, campaign) && (
            <View className="assist-reason__hint">{assistReasonHint(reason, campaign)}</View>
          )}
        </View>
      )}
      {reason === 'self' && (
        <View className="assist-card">
          <InviteButton projectId={view.project.id} />
          <Button
            className="assist-progress-link"
            onClick={() => Taro.navigateTo({ url: '/pkg-assist/progress/index' })}
          >
            查看我的助力
          </Button>
        </View>
      )}

      {canHelp && (
        <View className="assist-card">
          <View className="assist-card__h">选择一种方式为 TA 助力</View>
          {ways.has('donate') && (
            <View className="assist-way">
              <View className="assist-way__text">
                <View className="assist-way__title">捐款助力</View>
                <View className="assist-way__desc">通过本页捐款满{yuanFigure(campaign.match.minDonationFen)}元</View>
              </View>
              <Button
                className="assist-donate"
                size="mini"
                style={primaryBg(campaign)}
                onClick={() => setSheetOpen(true)}
              >
                去捐款
              </Button>
            </View>
          )}
          {ways.has('quiz') && (
            <View className="assist-way">
              <View className="assist-way__text">
                <View className="assist-way__title">答题助力</View>
                <View className="assist-way__desc">完成一次公益知识答题</View>
              </View>
              <Button
                className="assist-quiz"
                size="mini"
                style={primaryBg(campaign)}
                onClick={() => Taro.navigateTo({ url: quizUrl })}
              >
                去答题
              </Button>
            </View>
          )}
          {ways.has('flower') && flowerWay}
        </View>
      )}

      {/* Once the help counted (or cannot count), a flower or a donation is still a gift to the project. */}
      {!canHelp && reason !== 'self' && (assisted || reason) && (
        <View className="assist-card assist-more">
          <View className="assist-card__h">继续支持这个项目</View>
          <View className="assist-more__sub">
            {assisted
              ? '今天已为 TA 助力过：再送小红花或捐款都会计入项目，但不再增加配捐机会'
              : '小红花和捐款都会直接计入项目'}
          </View>
          {flowerWay}
          <Button className="assist-donate assist-donate--plain" onClick={() => setSheetOpen(true)}>
            直接为项目捐款
          </Button>
        </View>
      )}
      {loading && <View className="assist-page__loading">更新中…</View>}
      {sheetOpen && (
        <DonateSheet
          projectId={view.project.id}
          projectTitle={view.project.title}
          campaign={campaign}
          // A donation helps the inviter only where the campaign counts donating as help.
          shareId={ways.has('donate') ? shareId : undefined}
          onClose={() => setSheetOpen(false)}
        />
      )}
      <IdentitySwitcher onChange={onIdentity} />
    </View>
  );
}

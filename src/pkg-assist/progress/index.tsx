/** 我的助力: per invitation (project), the friends who helped, the extra draws and what they won; totals. */
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useAssist } from '@/stores/assist';
import { ensureCampaign, useCampaign } from '@/stores/campaign';
import type { AssistProgressItem } from '@domain/api';
import StateView from '@/components/StateView';
import { formatYuan } from '@/utils/money';
import { formatBeijing } from '@/utils/time';
import { ASSIST_ACTION_TEXT } from '@/utils/assist';
import { assistWaysLong } from '@/utils/rules';
import { primaryBg } from '@/utils/theme';
import './index.scss';

function Item({ item }: { item: AssistProgressItem }) {
  return (
    <View className="progress-item" data-share-id={item.shareId}>
      <View
        className="progress-item__title"
        onClick={() => Taro.navigateTo({ url: `/pkg-project/detail/index?id=${encodeURIComponent(item.projectId)}` })}
      >
        {item.projectTitle}
      </View>
      <View className="progress-extra">
        额外配捐机会 {item.extraDraws} 次 · 赢得{' '}
        <Text className="progress-extra__fen">{formatYuan(item.extraMatchedFen)}</Text>
      </View>
      {item.helpers.length === 0 && <View className="progress-item__empty">还没有好友助力，分享给好友试试</View>}
      {item.helpers.map((h, i) => (
        <View key={`${h.at}-${i}`} className="progress-helper">
          <Text className="progress-helper__name">{h.name}</Text>
          <Text className="progress-helper__action">{ASSIST_ACTION_TEXT[h.action] ?? h.action}</Text>
          <Text className="progress-helper__at">{formatBeijing(h.at, 'MM-DD HH:mm')}</Text>
          <Text className="progress-helper__draw">
            {h.extraDraw ? (h.extraDraw.amountFen > 0 ? `+${formatYuan(h.extraDraw.amountFen)}` : '未中配捐') : '—'}
          </Text>
        </View>
      ))}
    </View>
  );
}

export default function AssistProgress() {
  const { progress, progressLoading, progressError, loadProgress } = useAssist();
  const campaign = useCampaign((s) => s.campaign);
  useDidShow(() => {
    void loadProgress();
    ensureCampaign();
  });
  usePullDownRefresh(() => void loadProgress().finally(() => Taro.stopPullDownRefresh()));

  return (
    <View className="assist-progress">
      <View className="assist-progress__totals" style={primaryBg(campaign)}>
        <View className="assist-progress__total">
          <View className="assist-progress__value progress-total-helpers">{progress?.totals.helpers ?? 0}</View>
          <View className="assist-progress__label">好友助力次数</View>
        </View>
        <View className="assist-progress__total">
          <View className="assist-progress__value progress-total-extra">
            {formatYuan(progress?.totals.extraMatchedFen ?? 0)}
          </View>
          <View className="assist-progress__label">额外赢得配捐</View>
        </View>
      </View>
      {progress?.items.map((item) => (
        <Item key={item.shareId} item={item} />
      ))}
      {!progress && progressLoading && <StateView kind="loading" />}
      {progressError && <StateView kind="error" text={progressError} onRetry={loadProgress} />}
      {progress && progress.items.length === 0 && (
        <StateView kind="empty" text="还没有发出邀请。捐款后在项目页点“邀请好友助力”" />
      )}
      {campaign && (
        <View className="assist-progress__rule">
          好友{assistWaysLong(campaign)}
          ，每位好友每天为同一项目助力一次；你已支付的捐款可获得额外的随机配捐机会（每笔最多
          {campaign.assist.maxExtraDrawsPerDonation}次）。
        </View>
      )}
    </View>
  );
}

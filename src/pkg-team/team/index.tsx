/** 一起捐 team page: goal and progress, time left, members; 为团队捐款 opens the donate sheet with the team. */
import { useEffect, useState } from 'react';
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useTeam } from '@/stores/team';
import { ensureCampaign, useCampaign } from '@/stores/campaign';
import { errorMessage } from '@/services/errors';
import { formatYuan } from '@/utils/money';
import { IS_H5 } from '@/utils/env';
import { copyLinkH5, SHARE_COVER } from '@/utils/share';
import ProgressBar from '@/components/ProgressBar';
import StateView from '@/components/StateView';
import DonorRowView from '@/components/DonorRow';
import DonateSheet from '@/components/DonateSheet';
import '../team.scss';

/** "还剩 2 天 5 小时" / "还剩 3 小时 20 分" / "已结束". */
export function timeLeftText(ms: number): string {
  if (ms <= 0) return '活动已结束';
  const min = Math.floor(ms / 60_000);
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  return d > 0 ? `还剩 ${d} 天 ${h} 小时` : `还剩 ${h} 小时 ${min % 60} 分`;
}

export default function TeamPage() {
  const teamId = decodeURIComponent(useRouter().params.id ?? '');
  const { team, members, cursor, loading, error, load, more, close } = useTeam();
  const campaign = useCampaign((s) => s.campaign);
  const [sheetOpen, setSheetOpen] = useState(false);
  useDidShow(() => void load(teamId)); // back from a payment: the total and members again
  useEffect(() => ensureCampaign(), []);

  const path = `/pkg-team/team/index?id=${encodeURIComponent(teamId)}`;
  useShareAppMessage(() => ({
    title: team ? `我发起了「${team.name}」一起捐，为「${team.projectTitle}」筹款，一起来吧` : '一起捐',
    path,
    imageUrl: SHARE_COVER,
  }));

  const onClose = async () => {
    const r = await Taro.showModal({ title: '结束一起捐', content: '结束后好友将不能再通过本团队捐款，确定结束？' });
    if (!r.confirm) return;
    try {
      await close();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  };

  if (!team || team.teamId !== teamId)
    return error ? <StateView kind="error" text={error} onRetry={() => load(teamId)} /> : <StateView kind="loading" />;
  const open = team.status === 'open';
  return (
    <View className="team-page">
      <View className="team-card team-head">
        <View className="team-head__name">{team.name}</View>
        {team.line && <View className="team-head__line">“{team.line}”</View>}
        <View className="team-muted">
          发起人 {team.leader} · 为「
          <Text
            className="team-link"
            onClick={() =>
              void Taro.navigateTo({ url: `/pkg-project/detail/index?id=${encodeURIComponent(team.projectId)}` })
            }
          >
            {team.projectTitle}
          </Text>
          」筹款
        </View>
        <View className="team-raised">
          已筹 <Text className="team-money team-total">{formatYuan(team.raisedFen)}</Text> / 目标{' '}
          <Text className="team-goal-text">{formatYuan(team.goalFen)}</Text>
        </View>
        <ProgressBar value={team.raisedFen} max={team.goalFen} />
        <View className="team-meta">
          <Text>{team.donations} 笔捐款</Text>
          <Text>{(team.progressBp / 100).toFixed(0)}%</Text>
          <Text className="team-status">{open ? timeLeftText(team.timeLeftMs) : '已结束'}</Text>
        </View>
      </View>
      <View className="team-card">
        <View className="team-card__h">团队成员</View>
        {members.length === 0 && <View className="team-muted">还没有人通过本团队捐款，来做第一个吧</View>}
        {members.map((m, i) => (
          <DonorRowView key={`${m.at}-${i}`} d={m} />
        ))}
        {cursor && (
          <Button size="mini" className="team-more" loading={loading || undefined} onClick={() => void more()}>
            查看更多
          </Button>
        )}
      </View>
      <View className="team-links">
        <Text
          className="team-link"
          onClick={() => void Taro.navigateTo({ url: '/pkg-boards/board/index?board=teams' })}
        >
          查看一起捐排行榜 ›
        </Text>
        {team.mine && open && (
          <Text className="team-link team-close" onClick={() => void onClose()}>
            结束团队
          </Text>
        )}
      </View>
      <View className="team-bar">
        {IS_H5 ? (
          <Button className="team-share" onClick={() => void copyLinkH5(path)}>
            邀请好友
          </Button>
        ) : (
          <Button className="team-share" openType="share">
            邀请好友
          </Button>
        )}
        <Button className="team-donate" disabled={!open || undefined} onClick={() => setSheetOpen(true)}>
          {open ? '为团队捐款' : '一起捐已结束'}
        </Button>
      </View>
      {sheetOpen && (
        <DonateSheet
          projectId={team.projectId}
          projectTitle={team.projectTitle}
          campaign={campaign}
          teamId={team.teamId}
          teamName={team.name}
          onClose={() => setSheetOpen(false)}
        />
      )}
    </View>
  );
}

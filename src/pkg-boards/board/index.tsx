/** 排行榜: districts, organisations, projects (by domain), 一起捐 teams and inviters (opt-in), a page at a time. */
import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { BoardName, BoardRow } from '@domain/api';
import { boardKey, useBoards } from '@/stores/boards';
import { ensureCampaign, useCampaign } from '@/stores/campaign';
import { formatYuan } from '@/utils/money';
import StateView from '@/components/StateView';
import '../../pkg-team/team.scss';

const TABS: Array<{ board: BoardName; label: string }> = [
  { board: 'districts', label: '区县榜' },
  { board: 'organisations', label: '机构榜' },
  { board: 'projects', label: '项目榜' },
  { board: 'teams', label: '一起捐' },
  { board: 'inviters', label: '邀请榜' },
];

function detail(board: BoardName, r: BoardRow): string {
  if (board === 'inviters') return `带来 ${r.friends ?? 0} 位好友助力`;
  if (board === 'teams') return `${r.projectTitle ?? ''} · ${r.donations} 笔`;
  const donors = r.donors !== undefined ? ` · ${r.donors} 人次捐款` : '';
  return `${r.projects !== undefined ? `${r.projects} 个项目 · ` : ''}${r.donations} 笔${donors}`;
}

function open(board: BoardName, r: BoardRow) {
  if (board === 'teams') void Taro.navigateTo({ url: `/pkg-team/team/index?id=${encodeURIComponent(r.key)}` });
  if (board === 'projects') void Taro.navigateTo({ url: `/pkg-project/detail/index?id=${encodeURIComponent(r.key)}` });
}

export default function Boards() {
  const initial = useRouter().params.board as BoardName | undefined;
  const [board, setBoard] = useState<BoardName>(TABS.some((t) => t.board === initial) ? initial! : 'districts');
  const [domain, setDomain] = useState<string | undefined>(undefined);
  const campaign = useCampaign((s) => s.campaign);
  const list = useBoards((s) => s.lists[boardKey(board, board === 'projects' ? domain : undefined)]);
  const load = useBoards((s) => s.load);
  const d = board === 'projects' ? domain : undefined;
  useEffect(() => ensureCampaign(), []);
  useEffect(() => void load(board, { domain: d }), [board, d, load]);
  useReachBottom(() => void load(board, { domain: d, more: true }));
  usePullDownRefresh(() => void load(board, { domain: d }).finally(() => Taro.stopPullDownRefresh()));

  return (
    <View className="team-page">
      <View className="board-tabs">
        {TABS.map((t) => (
          <View
            key={t.board}
            className={`board-tab board-tab--${t.board} ${t.board === board ? 'board-tab--active' : ''}`}
            onClick={() => setBoard(t.board)}
          >
            {t.label}
          </View>
        ))}
      </View>
      {board === 'projects' && campaign && (
        <View className="board-tabs">
          <View className={`board-tab ${!domain ? 'board-tab--active' : ''}`} onClick={() => setDomain(undefined)}>
            全部
          </View>
          {campaign.domains.map((x) => (
            <View
              key={x.id}
              className={`board-tab ${domain === x.id ? 'board-tab--active' : ''}`}
              onClick={() => setDomain(x.id)}
            >
              {x.name}
            </View>
          ))}
        </View>
      )}
      {board === 'inviters' && <View className="team-muted">仅展示在「我的公益足迹」中选择上榜的用户</View>}
      <View className="team-card">
        {list?.rows.map((r) => (
          <View key={r.key} className="board-row" onClick={() => open(board, r)}>
            <View className="board-row__rank">{r.rank}</View>
            <View className="board-row__body">
              <View className="board-row__name">{r.name}</View>
              <View className="team-muted">{detail(board, r)}</View>
            </View>
            {board !== 'inviters' && <Text className="team-money board-row__raised">{formatYuan(r.raisedFen)}</Text>}
          </View>
        ))}
        {!list?.rows.length && list?.loading && <StateView kind="loading" />}
        {list?.error && <StateView kind="error" text={list.error} onRetry={() => load(board, { domain: d })} />}
        {list && !list.loading && !list.error && list.rows.length === 0 && <StateView kind="empty" text="暂无上榜" />}
        {list?.cursor && (
          <Button size="mini" className="team-more" onClick={() => void load(board, { domain: d, more: true })}>
            加载更多
          </Button>
        )}
      </View>
    </View>
  );
}
